"""A doc writer's edit of guide.md never fails a run by itself: a step without code and code without its step
are warnings for the developers, at the line to change, and lines of the guide job's summary in the doc
writer's words. The steps edited are chosen from the guide the checkout holds, whatever a doc writer did to it."""

from __future__ import annotations

from pathlib import Path

from scenarios.guide import Guide, Procedure
from scenarios.procedures import load_bindings
from scenarios.publish import acceptance, pipeline
from scenarios.results import Run
from tests.helpers import GUIDE, run_guide_tests

NEW_STEP = "Je ferme l'onglet du coffre. {#fermer-l-onglet}"


def edited_guide(folder: Path, shortened: Procedure, lengthened: Procedure) -> Path:
    """`shortened` without its last step (nothing after it depends on it), `lengthened` with a last step that
    no code runs yet."""
    lines = GUIDE.text.splitlines()
    removed, last = shortened.steps[-1], lengthened.steps[-1]
    new = f"{last.number + 1}. {NEW_STEP}" if last.numbered else f"- {NEW_STEP}"
    edited = [*lines]
    edited.insert(last.line, new)  # after `lengthened`'s last step
    del edited[removed.line - (0 if removed.line > last.line else 1)]
    folder.mkdir()
    guide = folder / "guide.md"
    guide.write_text("\n".join(edited) + "\n", encoding="utf-8")
    return guide


def test_a_removed_step_and_a_new_one_leave_the_run_green_with_a_warning_each(tmp_path: Path) -> None:
    bindings = load_bindings()
    bound = [p for p in GUIDE.procedures if len(p.steps) >= 2 and p.id in bindings
             and all(s.id in bindings[p.id].steps for s in p.steps)]
    shortened, lengthened = bound[-1], bound[0]  # two procedures whose steps all have code
    guide_file = edited_guide(tmp_path / "docs-team", shortened, lengthened)
    run = run_guide_tests(tmp_path, "-k", f"{shortened.id} or {lengthened.id}", "-W",
                          "always::scenarios.binding.GuideDrift", guide=guide_file, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:]
    guide = Guide.read(guide_file)
    added = guide.procedure(lengthened.id).steps[-1]
    assert f"guide.md:{added.line}: UnboundStep: guide.md:{added.line}: l'étape {added.number} « Je ferme l'onglet " \
           f"du coffre. » {{#fermer-l-onglet}} n'a pas de liaison : ajoutez-la dans {bindings[lengthened.id].module}" \
           in run.stdout
    removed = shortened.steps[-1]
    assert f"OrphanBinding: Q{shortened.question} « {shortened.title} » : l'étape {{#{removed.id}}} a quitté le guide" \
           in run.stdout
    result = Run.read(tmp_path / "run")
    cut, grown = result.procedures[shortened.id], result.procedures[lengthened.id]
    assert (cut.status, grown.status) == ("passed", "passed")
    assert [s.id for s in grown.unbound] == ["fermer-l-onglet"] and grown.passed_steps == len(lengthened.steps)
    assert len(cut.orphans) == 1 and cut.passed_steps == len(cut.steps) == len(shortened.steps) - 1

    published = pipeline.Published([], [], acceptance.verdict(result, guide), tmp_path / "review.html", [])
    said = "\n".join(pipeline.summary(result, published, None, "make accept"))
    assert "Étapes sans liaison : 1, ni exécutées ni illustrées tant que les développeurs n'ont pas lié leur code" \
           in said and f"  Q{lengthened.question} « {lengthened.title} », étape {added.number} « Je ferme" in said
    assert f"Code sans étape : 1, ignoré (l'étape a quitté le guide)\n  Q{shortened.question} « {shortened.title} » " \
           f": l'étape {{#{removed.id}}} a quitté le guide ; son code (" in said
