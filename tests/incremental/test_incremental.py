"""`make guide` redoes only what changed (scenarios/incremental/plan.py, inputs.py); `coffre-guide impact` says what a
change touches (scenarios/incremental/impact.py)."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from scenarios.errata import LAST_PAGE
from scenarios.guide import Procedure, parse
from scenarios.incremental import impact, inputs
from scenarios.incremental import plan as incremental
from scenarios.plugin.defaults import ROOT
from scenarios.results import Run
from tests.helpers import GUIDE, fake_run, html_text

PROFILE_PAGE = "mock_portal/templates/portal/profile.html"
LOGIN_PAGE = "mock_portal/templates/portal/login.html"
ON_THE_PROFILE = {"q02-changer-son-adresse-mail", "q03-changer-son-mot-de-passe"}


def recorded_run(out: Path, root: Path) -> tuple[Run, inputs.Context]:
    """A passed run of every procedure as `make guide` records it: Q2 and Q3 rendered the profile page at their
    third step, every procedure the login page at its first; their inputs read in `root`."""
    for page in (PROFILE_PAGE, LOGIN_PAGE):
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / page, root / page)
    run = fake_run(out)
    context = dataclasses.replace(inputs.Context.now(), root=root)
    for result in run.procedures.values():
        result.steps[0].touched = [LOGIN_PAGE]
        if result.id in ON_THE_PROFILE:
            result.steps[2].touched = [PROFILE_PAGE]
        result.inputs = context.of(GUIDE.procedure(result.id), result)
    run.started, run.last_page = "2026-12-01T08:00:00+00:00", inputs.last_page(GUIDE)
    for result in run.procedures.values():
        result.ran_at = run.started
    run.write(out)
    return run, context


def test_nothing_changed_nothing_runs(tmp_path: Path) -> None:
    run, context = recorded_run(tmp_path / "out", tmp_path)
    found = incremental.plan(GUIDE, run, tmp_path / "out", context)
    assert found.run == {} and len(found.reused) == len(GUIDE.procedures)


def test_a_template_change_reruns_exactly_the_procedures_that_rendered_it(tmp_path: Path) -> None:
    run, context = recorded_run(tmp_path / "out", tmp_path)
    page = tmp_path / PROFILE_PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("Mes informations de profil", "Mon profil"),
                    encoding="utf-8")
    found = incremental.plan(GUIDE, run, tmp_path / "out", context)
    assert set(found.run) == ON_THE_PROFILE | {LAST_PAGE}  # the guide's last page is checked with them
    assert all(why == ["les fichiers du portail qu'elle utilise"] for k, why in found.run.items() if k != LAST_PAGE)


def test_the_guide_s_last_page_reworded_is_checked_again_alone(tmp_path: Path) -> None:
    run, context = recorded_run(tmp_path / "out", tmp_path)
    run.last_page = "une autre dernière page"
    assert incremental.plan(GUIDE, run, tmp_path / "out", context).run == {LAST_PAGE: ["son texte a changé"]}


@pytest.mark.parametrize(("changed", "said"), [
    ("code", "le code Python de mock_portal/ ou scenarios/"),
    ("browser", "le navigateur"),
    ("profile", "le profil du portail"),
    ("packages", "les paquets installés"),
    ("errata", "la liste des errata"),
])
def test_python_code_a_browser_build_another_portal_or_packages_rerun_everything(tmp_path: Path, changed: str,
                                                                                   said: str) -> None:
    run, context = recorded_run(tmp_path / "out", tmp_path)
    found = incremental.plan(GUIDE, run, tmp_path / "out", dataclasses.replace(context, **{changed: "autre"}))
    assert found.reused == [] and all(why == [said] for k, why in found.run.items() if k != LAST_PAGE)
    assert len(found.run) == len(GUIDE.procedures) + 1


def test_a_failed_procedure_or_one_whose_images_are_gone_runs_again(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run, context = recorded_run(out, tmp_path)
    run.procedures["q06-voir-ses-nouveaux-documents"].status = "failed"
    (out / str(run.procedures["q10-utiliser-le-coffre"].steps[0].screenshot)).unlink()
    found = incremental.plan(GUIDE, run, out, context)
    assert found.run == {"q06-voir-ses-nouveaux-documents": ["en échec la dernière fois"],
                         "q10-utiliser-le-coffre": ["ses captures ne sont plus là"],
                         LAST_PAGE: ["vérifiée avec les procédures relancées"]}


def test_a_reworded_step_keeps_its_result_a_new_quoted_label_does_not() -> None:
    text = GUIDE.text
    step = GUIDE.procedure("q03-changer-son-mot-de-passe").step("cliquer-changer-mot-de-passe")
    before = inputs.section(GUIDE.procedure("q03-changer-son-mot-de-passe"))

    def q03(guide_text: str) -> str:
        found = [p for q in parse(guide_text) for p in q.procedures if p.id == "q03-changer-son-mot-de-passe"]
        return inputs.section(found[0])

    reworded = text.replace(step.markdown, step.markdown.replace("Je clique sur", "Je choisis"))
    assert reworded != text and q03(reworded) == before
    relabelled = text.replace(step.markdown, step.markdown.replace("« Changer de mot de passe »",
                                                                   "« Modifier le mot de passe »"))
    assert relabelled != text and q03(relabelled) != before


def test_a_reused_result_is_never_presented_as_verified_today(tmp_path: Path) -> None:
    from scenarios.publish import pipeline, publication, shots

    out = tmp_path / "out"
    run, _ = recorded_run(out, tmp_path)
    again = incremental.reuse_all(GUIDE, run, out, tmp_path / "errata.toml")
    assert again.started != run.started and all(p.reused and p.ran_at == run.started
                                                for p in again.procedures.values())
    note = "reprise : entrées inchangées depuis le 01/12/2026 à 09:00"  # Paris time
    assert note in " ".join(html_text(out / "index.html").split())
    images = publication.step_images(shots.build_manifest(again, out), tmp_path / "accepted", out)
    guide = " ".join(html_text(publication.write_html(GUIDE, images, again, [], out)).split())
    assert guide.count(note[0].upper() + note[1:]) == len(GUIDE.procedures)
    published = pipeline.publish(GUIDE, again, out, tmp_path / "accepted", pdf=False)
    said = "\n".join(pipeline.summary(again, published, None, "make accept"))
    assert f"{len(GUIDE.procedures)} reprise(s), vérifiée(s) lors d'une exécution précédente" in said


# ---- coffre-guide impact


def test_impact_names_the_steps_whose_image_shows_a_template(tmp_path: Path) -> None:
    run, _ = recorded_run(tmp_path / "out", tmp_path)
    (line,) = impact.report([str(ROOT / PROFILE_PAGE)], run, GUIDE)
    # Q2 and Q3 render it at step 3; the steps after start on it until another page is rendered (an image may
    # be taken before its step's click).
    assert line == f"{PROFILE_PAGE} : Q2 étapes 3-4, Q3 étapes 3-5 (5 images)"


def test_impact_of_python_code_is_everything() -> None:
    (line,) = impact.report(["mock_portal/auth.py"], Run(), GUIDE)
    steps = sum(len(p.steps) for p in GUIDE.procedures)
    assert line == f"mock_portal/auth.py : touche tout (code Python) : les {len(GUIDE.procedures)} procédures " \
                   f"({steps} images)"


def test_impact_of_a_guide_edit_separates_checked_words_from_wording(tmp_path: Path) -> None:
    run, _ = recorded_run(tmp_path / "out", tmp_path)
    run.procedures["q02-changer-son-adresse-mail"].inputs["guide"] = "une autre section"  # a quoted label changed
    run.procedures["q05-courrier-d-inscription-non-recu"].steps[1].text = "Autres mots."  # reworded step 2
    (line,) = impact.report([str(GUIDE.path)], run, GUIDE)
    assert line.startswith("scenarios/guide.md : Q2 étapes 1-4, Q5 « Courrier d'inscription non reçu » étape 2 "
                           "(mots seulement, sans navigateur)")
    markdown = impact.report([str(GUIDE.path), "docs/qa.md"], run, GUIDE, markdown=True)
    assert markdown[0].startswith("**Guide** : 4 image(s)") and markdown[-1] == "- `docs/qa.md` : aucune procédure du guide"


def test_the_impact_command_needs_a_recorded_run(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from scenarios.commands import cli

    assert cli.main(["impact", PROFILE_PAGE, f"--report-dir={tmp_path}"]) == 2
    assert re.search(r"aucune exécution enregistrée.*make guide", capsys.readouterr().err)


def test_a_run_written_again_without_a_browser_keeps_what_the_next_one_reuses(tmp_path: Path) -> None:
    """Its procedures' inputs and the guide's last page as checked: a third run has nothing to do either."""
    out = tmp_path / "out"
    run, context = recorded_run(out, tmp_path)
    again = incremental.reuse_all(GUIDE, run, out, tmp_path / "errata.toml")
    assert again.last_page == run.last_page and again.checked == run.checked
    assert incremental.plan(GUIDE, Run.read(out), out, context).run == {}


def test_impact_since_a_reference_compares_the_guide_s_words_there_whatever_ran_since() -> None:
    """`make impact SINCE=REF` after `make guide` ran on the edited guide: a step removed and one reworded are
    still named (whichever guide the checkout holds: the steps are chosen from it)."""
    from scenarios.guide import Guide

    at_head = impact.guide_at("HEAD", GUIDE)
    assert at_head is not None
    shortened, reworded = [p for p in at_head.procedures if len(p.steps) >= 2][:2]
    lines = at_head.text.splitlines()
    del lines[shortened.steps[-1].line - 1]  # its last step: nothing after it depends on it
    text = "\n".join(lines).replace(reworded.steps[0].markdown, reworded.steps[0].markdown + " Sans attendre.", 1)
    edited = Guide(GUIDE.path, text, tuple(parse(text)))
    (line,) = impact.report([str(GUIDE.path)], Run(), edited, since="HEAD")

    def named(procedure: Procedure) -> str:
        alone = sum(p.question == procedure.question for p in edited.procedures) == 1
        return f"Q{procedure.question}" + ("" if alone else f" « {procedure.title} »")

    kept = len(shortened.steps) - 1
    assert line.startswith(f"scenarios/guide.md : {named(shortened)} étape{'s 1-' if kept > 1 else ' '}{kept}")
    assert f"{named(reworded)} étape 1 (mots seulement, sans navigateur)" in line


def test_impact_says_a_file_that_is_nowhere() -> None:
    (line,) = impact.report(["mock_portal/templates/absent.html"], Run(), GUIDE, since="HEAD")
    assert line == "mock_portal/templates/absent.html : fichier introuvable (ni ici ni dans git)"


def test_watch_says_each_run_in_a_few_lines() -> None:
    from scenarios.incremental.watch import brief

    job = ["\n", "✓ Q1 Mot de passe oublié : 6/6 étapes\n", "↺ Q2 Changer son adresse mail : reprise\n",
           "=== couverture du guide ===\n", "Q1       Mot de passe oublié   6  6  6  réussie\n",
           "- nom de domaine : guide « ceconomy.com »\n", "14 passed in 15.0s\n", "\n",
           "Procédures réussies : 13/13\n", "Verdict : exécution complète réussie\n"]
    assert list(brief(job)) == [job[1], job[2], *job[8:]]
