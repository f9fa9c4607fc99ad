"""The console command `coffre-guide` the set-up installs, and a guide kept outside this checkout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from scenarios.guide import GUIDE, GUIDE_FILE_ENV
from tests.helpers import ROOT, run_guide_tests

COMMAND = shutil.which("coffre-guide", path=str(Path(sys.executable).parent)) or "coffre-guide"
REWORDED = ("Je suis la procédure pour changer mon mot de passe.",
            "Je suis la procédure affichée pour changer mon mot de passe.")


def a_guide_kept_elsewhere(folder: Path) -> Path:
    """guide.md as a docs team would keep it in its own repository: one step reworded, its id kept."""
    folder.mkdir()
    guide = folder / "guide.md"
    guide.write_text(GUIDE.read_text(encoding="utf-8").replace(*REWORDED), encoding="utf-8")
    return guide


def test_the_command_is_installed_and_runs_the_mock_s_own_options() -> None:
    run = subprocess.run([COMMAND, "mock", "--list"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("nouveau-salarie")


def test_a_guide_kept_elsewhere_is_the_one_the_procedures_follow(tmp_path: Path) -> None:
    guide = a_guide_kept_elsewhere(tmp_path / "docs-team")
    run = run_guide_tests(tmp_path, "-k", "q03", env={GUIDE_FILE_ENV: str(guide)}, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:]
    steps = json.loads((tmp_path / "run" / "run.json").read_text(encoding="utf-8"))["procedures"][
        "q03-changer-son-mot-de-passe"]["steps"]
    assert steps[-1]["text"] == REWORDED[1] and steps[-1]["status"] == "passed"


def test_the_command_s_guide_option_reaches_every_process(tmp_path: Path) -> None:
    """`--guide=PATH` starts the command again with the guide set for it and what it starts (the probe reads the
    guide's quoted labels)."""
    guide = a_guide_kept_elsewhere(tmp_path / "docs-team")
    guide.write_text(guide.read_text(encoding="utf-8").replace("« soumettre »", "« envoyer la demande »"),
                     encoding="utf-8")
    run = subprocess.run([COMMAND, "probe", f"--guide={guide}"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, env={k: v for k, v in os.environ.items() if k != GUIDE_FILE_ENV})
    assert run.returncode == 1, run.stdout[-2000:]
    assert "✗ libellé du guide « envoyer la demande » : introuvable" in run.stdout
    missing = subprocess.run([COMMAND, "guide", f"--guide={tmp_path / 'absent.md'}"], capture_output=True,
                             text=True, timeout=60)
    assert missing.returncode == 2 and "guide introuvable" in missing.stderr
