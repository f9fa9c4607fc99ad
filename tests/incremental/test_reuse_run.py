"""`make guide` on a copy of the project, as a developer edits it: a run that changed nothing starts no browser, a
broken label in a template reruns the procedures that rendered it, and fails there."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scenarios.plugin.defaults import ROOT

PROFILE_PAGE = Path("mock_portal/templates/portal/profile.html")


def copy_project(to: Path, questions: tuple[int, ...] = (2, 3, 5)) -> Path:
    """The packages, the errata list and pyproject.toml: what `python -m scenarios guide` reads; its guide.md
    with these questions only (and its last page), for a run of a few seconds."""
    ignore = shutil.ignore_patterns("__pycache__")
    for package in ("mock_portal", "scenarios"):
        shutil.copytree(ROOT / package, to / package, ignore=ignore)
    guide = to / "scenarios" / "guide.md"
    head, *sections = re.split(r"(?m)^(?=## Question )", guide.read_text(encoding="utf-8"))
    body, colophon = sections[-1].split("\n---\n", 1)
    sections[-1] = body
    kept = [s for s in sections if int(s.split()[2]) in questions]
    guide.write_text(head + "".join(kept).rstrip("\n") + "\n\n---\n" + colophon, encoding="utf-8")
    (to / "docs").mkdir()
    shutil.copyfile(ROOT / "docs" / "errata.toml", to / "docs" / "errata.toml")
    shutil.copyfile(ROOT / "pyproject.toml", to / "pyproject.toml")
    return to


def guide(project: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COFFRE_GUIDE_")}
    return subprocess.run([sys.executable, "-m", "scenarios", "guide", "--no-pdf"], cwd=project, capture_output=True,
                          text=True, timeout=300, env={**env, "PYTHONPATH": str(project)})


@pytest.mark.simulator
def test_only_what_changed_runs_again_and_a_broken_label_still_fails(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    first = guide(project)
    assert first.returncode == 0, first.stdout[-3000:]
    assert "5 passed" in first.stdout and "reprise" not in first.stdout  # Q2, Q3, Q5's two and the last page

    unchanged = guide(project)
    assert unchanged.returncode == 0, unchanged.stdout[-3000:]
    assert " passed" not in unchanged.stdout  # no pytest session, no browser
    assert "Procédures réussies : 4/4 (4 reprise(s), vérifiée(s) lors d'une exécution précédente" in unchanged.stdout

    page = project / PROFILE_PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("Changer de mot de passe", "Modifier mon mot de passe"),
                    encoding="utf-8")
    broken = guide(project)
    assert broken.returncode == 1, broken.stdout[-3000:]
    assert "Relancées : Q2 Changer son adresse mail (les fichiers du portail qu'elle utilise) ; Q3 Changer son mot " \
           "de passe (les fichiers du portail qu'elle utilise)" in broken.stdout
    assert "↺ Q5 Courrier d'inscription non reçu : reprise : entrées inchangées depuis le" in broken.stdout
    assert "✗ Q3 Changer son mot de passe" in broken.stdout
    assert "libellé « Changer de mot de passe » introuvable à l'écran" in broken.stdout
    assert "Verdict : L'exécution a échoué, acceptation impossible : Q3 Changer son mot de passe" in broken.stdout
