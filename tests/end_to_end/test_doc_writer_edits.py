"""A doc writer's edit of guide.md never fails a run by itself: a step without code and code without its step
are warnings for the developers, at the line to change, and lines of the guide job's summary in the doc
writer's words."""

from __future__ import annotations

from pathlib import Path

from scenarios.guide import Guide
from scenarios.publish import acceptance, pipeline
from scenarios.results import Run
from tests.helpers import GUIDE, run_guide_tests

NEW_STEP = "7. Je ferme l'onglet du coffre. {#fermer-l-onglet}"


def edited_guide(folder: Path) -> Path:
    """Q1 « Compte bloqué » without its step 3 {#message-blocage}; « Mot de passe oublié » with a last step
    that no code runs yet."""
    lines = GUIDE.text.splitlines()
    removed = GUIDE.procedure("q01-compte-bloque").step("message-blocage")
    last = GUIDE.procedure("q01-mot-de-passe-oublie").steps[-1]
    assert lines[removed.line - 1].endswith("{#message-blocage}")
    edited = [*lines[:last.line], NEW_STEP, *lines[last.line:removed.line - 1], *lines[removed.line:]]
    folder.mkdir()
    guide = folder / "guide.md"
    guide.write_text("\n".join(edited) + "\n", encoding="utf-8")
    return guide


def test_a_removed_step_and_a_new_one_leave_the_run_green_with_a_warning_each(tmp_path: Path) -> None:
    guide_file = edited_guide(tmp_path / "docs-team")
    run = run_guide_tests(tmp_path, "-k", "q01-compte-bloque or q01-mot-de-passe-oublie", "-W",
                          "always::scenarios.binding.GuideDrift", guide=guide_file, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:]
    new_line = GUIDE.procedure("q01-mot-de-passe-oublie").steps[-1].line + 1
    assert f"guide.md:{new_line}: UnboundStep: guide.md:{new_line}: l'étape 7 « Je ferme l'onglet du coffre. » " \
           "{#fermer-l-onglet} n'a pas de liaison : ajoutez-la dans scenarios/procedures/access.py" in run.stdout
    assert "scenarios/procedures/access.py:" in run.stdout and "OrphanBinding: Q1 « Compte bloqué » : l'étape " \
           "{#message-blocage} a quitté le guide" in run.stdout
    result = Run.read(tmp_path / "run")
    blocked, forgotten = result.procedures["q01-compte-bloque"], result.procedures["q01-mot-de-passe-oublie"]
    assert (blocked.status, forgotten.status) == ("passed", "passed")
    assert [s.id for s in forgotten.unbound] == ["fermer-l-onglet"] and forgotten.passed_steps == 6
    assert len(blocked.orphans) == 1 and blocked.passed_steps == len(blocked.steps)

    guide = Guide.read(guide_file)
    published = pipeline.Published([], [], acceptance.verdict(result, guide), tmp_path / "review.html", [])
    said = "\n".join(pipeline.summary(result, published, None, "make accept"))
    assert "Étapes sans liaison : 1, ni exécutées ni illustrées tant que les développeurs n'ont pas lié leur code" \
           "" in said and "  Q1 « Mot de passe oublié », étape 7 « Je ferme l'onglet du coffre. »" in said
    assert "Code sans étape : 1, ignoré (l'étape a quitté le guide)\n  Q1 « Compte bloqué » : l'étape " \
           "{#message-blocage} a quitté le guide ; son code (scenarios/procedures/access.py:" in said
