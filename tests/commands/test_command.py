"""The console command `coffre-guide` the set-up installs, and a guide kept outside this checkout."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scenarios.commands import cli
from tests.helpers import GUIDE, ROOT, run_guide_tests, tree

COMMAND = shutil.which("coffre-guide", path=str(Path(sys.executable).parent)) or "coffre-guide"
REWORDED = ("Je suis la procédure pour changer mon mot de passe.",
            "Je suis la procédure affichée pour changer mon mot de passe.")


def a_guide_kept_elsewhere(folder: Path) -> Path:
    """guide.md as a docs team would keep it in its own repository: one step reworded, its id kept."""
    folder.mkdir()
    guide = folder / "guide.md"
    guide.write_text(GUIDE.text.replace(*REWORDED), encoding="utf-8")
    return guide


def test_the_command_is_installed_and_runs_the_mock_s_own_options() -> None:
    run = subprocess.run([COMMAND, "mock", "--list"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("nouveau-salarie")


def test_a_guide_kept_elsewhere_is_the_one_the_procedures_follow(tmp_path: Path) -> None:
    guide = a_guide_kept_elsewhere(tmp_path / "docs-team")
    run = run_guide_tests(tmp_path, "-k", "q03", guide=guide, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:]
    steps = json.loads((tmp_path / "run" / "run.json").read_text(encoding="utf-8"))["procedures"][
        "q03-changer-son-mot-de-passe"]["steps"]
    assert steps[-1]["text"] == REWORDED[1] and steps[-1]["status"] == "passed"


def test_the_command_s_guide_option_reaches_every_process(tmp_path: Path) -> None:
    """`--guide=PATH` is read once and handed to what the command runs (the probe reads the guide's quoted
    labels; the test run gets it as pytest's own --guide)."""
    guide = a_guide_kept_elsewhere(tmp_path / "docs-team")
    guide.write_text(guide.read_text(encoding="utf-8").replace("« soumettre »", "« envoyer la demande »"),
                     encoding="utf-8")
    run = subprocess.run([COMMAND, "probe", f"--guide={guide}"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 1, run.stdout[-2000:]
    assert "✗ libellé du guide « envoyer la demande » : introuvable" in run.stdout
    missing = subprocess.run([COMMAND, "guide", f"--guide={tmp_path / 'absent.md'}"], capture_output=True,
                             text=True, timeout=60)
    assert missing.returncode == 2 and "guide introuvable" in missing.stderr


def test_an_unknown_question_is_refused_before_anything_runs(capsys: pytest.CaptureFixture[str]) -> None:
    reports = cli.GUIDE_REPORTS
    before = tree(reports) if reports.exists() else {}
    assert cli.main(["guide", "--question", "11"]) == 2
    assert "question 11 inconnue" in capsys.readouterr().err
    assert (tree(reports) if reports.exists() else {}) == before


def test_the_guide_command_writes_its_own_junit_and_report() -> None:
    args, extra = cli.parser().parse_known_args(["guide", "--slowmo", "100"])
    argv = cli.pytest_args(GUIDE, args, extra)
    # Path options as --option=value: pytest looks for its configuration before it knows the plugin's
    # options, and would take a separate path for a test path (and miss pyproject.toml).
    assert f"--junitxml={cli.GUIDE_REPORTS / 'junit.xml'}" in argv
    assert f"--report-dir={cli.GUIDE_REPORTS}" in argv
    assert argv[-2:] == ["--slowmo", "100"]


@pytest.mark.parametrize(("command", "workers"), [
    (["guide"], "2"),
    (["guide", "--question", "3"], "0"),  # one procedure: run in the command's own process
    (["guide", "--question", "1"], "2"),  # three procedures
    (["guide", "--question", "3", "--question", "9"], "2"),
    (["guide", "--question", "3", "-n", "4"], "4"),
])
def test_workers_are_started_only_for_more_than_one_procedure(command: list[str], workers: str) -> None:
    args, extra = cli.parser().parse_known_args(command)
    argv = cli.pytest_args(GUIDE, args, extra)
    assert argv[argv.index("-n") + 1] == workers


def test_a_run_whose_procedures_could_not_start_says_so_instead_of_the_last_verdict(tmp_path: Path) -> None:
    """Every test errors before its first step (here, a browser that cannot start): the last run's results
    must not be printed as this one's."""
    run = subprocess.run([sys.executable, "-m", "scenarios", "guide", "--question", "3", "--browser-channel", "nope"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "erreur : aucune procédure n'a pu commencer" in run.stderr
    assert "Verdict" not in run.stdout and "Procédures réussies" not in run.stdout


def test_the_guide_job_s_output_has_its_own_progress_not_xdist_s_twice(tmp_path: Path) -> None:
    from scenarios.commands.cli import JOB_OPTIONS

    run = subprocess.run(
        [sys.executable, "-m", "pytest", "scenarios/guide.md", "-p", "no:randomly", "-q", "-n", "2",
         "--guide-progress", "-k", "q02 or q10", f"--report-dir={tmp_path / 'run'}",
         f"--junitxml={tmp_path / 'junit.xml'}", f"--output={tmp_path / 'playwright'}", *JOB_OPTIONS],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:]
    assert "bringing up nodes" not in run.stdout
    assert "✓ Q2 Changer son adresse mail : 4/4 étapes" in run.stdout


def test_pytest_s_guide_option_stands_where_the_configured_paths_name_the_default_guide(tmp_path: Path) -> None:
    """`pytest --guide=PATH -m guide`, with no path given: the procedures collected are those of PATH."""
    guide = tmp_path / "guide.md"
    guide.write_text(GUIDE.text.replace("{#q10-utiliser-le-coffre}", "{#q10-un-autre-id}"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pytest", f"--guide={guide}", "-m", "guide", "--collect-only", "-q",
                          "-p", "no:randomly", "-p", "no:xdist"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]
    collected = [line for line in run.stdout.splitlines() if "::" in line]
    assert any(c.endswith("::q10-un-autre-id") for c in collected)
    assert not any("q10-utiliser-le-coffre" in c for c in collected)
    assert len(collected) == len(GUIDE.procedures) + 1  # and its last page


@pytest.mark.parametrize(("given", "numbers"), [(["3"], [3]), (["Q3"], [3]), (["q3"], [3]), (["2,3"], [2, 3]),
                                                (["Q2", "3"], [2, 3])])
def test_questions_are_taken_as_every_output_names_them(given: list[str], numbers: list[int]) -> None:
    args, _ = cli.parser().parse_known_args(["guide", *(a for g in given for a in ("--question", g))])
    assert args.question == numbers


def test_the_command_speaks_french_with_its_own_name(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    said = capsys.readouterr().out
    assert said.startswith("utilisation : coffre-guide") and "affiche cette aide" in said and "usage" not in said
    with pytest.raises(SystemExit) as refused:
        cli.main(["guide", "--question", "trois"])
    assert refused.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == "erreur : option --question: « trois » n'est pas une " \
                                                      "question : écrivez 3, Q3 ou 2,3"
