"""Accepting only a reviewed, complete, passed run of guide.md as it is; partial runs and their verdict."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PIL import Image

from scenarios.commands import cli
from scenarios.publish import acceptance, comparison, shots
from scenarios.results import Erratum, Run
from tests.helpers import GUIDE, fake_run, tree


def test_accept_after_a_failing_run_changes_nothing(tmp_path: Path, accepted: Path) -> None:
    out = tmp_path / "out"
    fake_run(out, "white", failing="q01-mot-de-passe-oublie")
    before = tree(accepted)
    with pytest.raises(acceptance.AcceptRefused, match=r"^acceptation refusée.*Q1 Mot de passe oublié.*Modifier"):
        acceptance.accept(GUIDE, out, accepted)
    assert tree(accepted) == before


def test_accept_command_says_why_in_one_french_line(tmp_path: Path, accepted: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    fake_run(out, "white", only=[1])
    before = tree(accepted)
    assert cli.main(["accept", f"--report-dir={out}", f"--accepted={accepted}"]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("erreur : acceptation refusée") and "exécution partielle (question(s) 1)" in error
    assert "\n" not in error
    assert tree(accepted) == before


def test_accept_after_a_passing_run_copies_exactly_the_reviewed_images(tmp_path: Path, accepted: Path) -> None:
    out = tmp_path / "out"
    fake_run(out, "white")
    started = time.perf_counter()
    changes = acceptance.accept(GUIDE, out, accepted).images
    elapsed = time.perf_counter() - started
    manifest = {e.name: e.sha256 for e in shots.read_manifest(out)}
    assert {k: v for k, v in tree(accepted).items() if k.endswith(".png")} == manifest
    assert {c.status for c in changes} == {"changed"}
    assert (accepted / "MADE-WITH.txt").read_text(encoding="utf-8") == "chromium 1\n"
    print(f"accept took {elapsed:.3f} s for {len(manifest)} images")


def test_accept_refuses_images_changed_since_the_review(tmp_path: Path, accepted: Path) -> None:
    out = tmp_path / "out"
    fake_run(out, "white")
    touched = next((out / "annotated").rglob("*.png"))
    Image.new("RGB", (40, 20), "red").save(touched)
    with pytest.raises(acceptance.AcceptRefused, match="n'est plus l'image revue"):
        acceptance.accept(GUIDE, out, accepted)


def test_a_partial_run_keeps_every_other_question_from_the_last_full_run(tmp_path: Path) -> None:
    """`--question 1`: the session merges its results into the folder's last run, written once."""
    out = tmp_path / "out"
    full = fake_run(out, "black")
    full.add_errata("derniere-page", [Erratum("nom de domaine", "a.com", "b.com", places="Dernière page")])
    for result in full.procedures.values():
        result.ran_at = "2026-12-01T08:00:00+00:00"
    full.write(out)
    partial = fake_run(tmp_path / "partial", "white", only=[1])
    partial.merge(Run.read(out), GUIDE)
    assert sorted(partial.procedures) == sorted(p.id for p in GUIDE.procedures)
    for result in partial.procedures.values():
        assert result.ran_at == (partial.started if result.question == 1 else "2026-12-01T08:00:00+00:00")
    assert partial.selection == [1] and partial.checked == ["derniere-page"] and len(partial.errata) == 1
    assert acceptance.verdict(partial, GUIDE).status == "partial"


def test_a_failed_step_is_not_produced_never_removed(tmp_path: Path, accepted: Path) -> None:
    out = tmp_path / "out"
    fake_run(out, "white", failing="q01-mot-de-passe-oublie")
    changes = {c.name: c.status for c in comparison.compare(accepted, out / "annotated", out / "diff",
                                                       expected=acceptance.guide_image_names(GUIDE))}
    assert changes["q01-mot-de-passe-oublie/saisir-identifiant-et-mail.png"] == "missing"
    assert changes["q01-mot-de-passe-oublie/se-reconnecter.png"] == "missing"
    assert "removed" not in changes.values()


def test_a_partial_run_s_verdict_says_what_to_run_and_names_its_own_failure_first(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = fake_run(out, "white", failing="q01-mot-de-passe-oublie")
    partial = fake_run(tmp_path / "partial", "white", failing="q03-changer-son-mot-de-passe", only=[3])
    run.procedures.update(partial.procedures)
    run.selection = [3]
    judged = acceptance.verdict(run, GUIDE)
    assert judged.reasons[0].startswith("Q3 Changer son mot de passe : ")
    assert judged.reasons[1].startswith("Q1 Mot de passe oublié : ") and judged.reasons[1].endswith(", non relancée)")
    for procedure_id in ("q01-mot-de-passe-oublie", "q03-changer-son-mot-de-passe"):
        run.procedures[procedure_id].status = "passed"
    assert acceptance.verdict(run, GUIDE).reasons == ["exécution partielle (question(s) 3) : l'acceptation demande une "
                                            "exécution complète ; lancez `make guide`, puis acceptez"]


def test_a_run_of_another_guide_md_is_stale_and_cannot_be_accepted(tmp_path: Path, accepted: Path) -> None:
    """A partial run, then guide.md reverted: its results (a step no longer in the guide) are not accepted."""
    out = tmp_path / "out"
    run = fake_run(out, "white")
    run.guide = GUIDE.fingerprint
    assert acceptance.verdict(run, GUIDE).status == "passed"
    run.guide = "0" * 16
    run.write(out)
    judged = acceptance.verdict(run, GUIDE)
    assert judged.status == "stale" and "guide.md a changé depuis cette exécution" in judged.reasons[0]
    with pytest.raises(acceptance.AcceptRefused, match=r"guide\.md a changé"):
        acceptance.accept(GUIDE, out, accepted)


def test_after_accept_the_review_page_says_the_set_was_accepted(tmp_path: Path, accepted: Path) -> None:
    from html import unescape

    from scenarios.publish import rendering as html

    out = tmp_path / "out"
    run = fake_run(out, "white")
    current = out / "annotated"
    changes = comparison.compare(accepted, current, out / "diff", expected=acceptance.guide_image_names(GUIDE))
    html.write_review(changes, shots.build_manifest(run, out), acceptance.verdict(run, GUIDE), accepted, current, 0,
                      out / "review.html", "make accept")
    images = sum(len(p.steps) for p in GUIDE.procedures)
    assert f"Pour accepter ce jeu, tel que revu ici ({images} image(s), 0 vidéo(s), 0 texte(s) d'étape) : " \
           "<code>make accept</code>" in unescape((out / "review.html").read_text())
    assert cli.main(["accept", f"--report-dir={out}", f"--accepted={accepted}"]) == 0
    page = (out / "review.html").read_text(encoding="utf-8")
    assert "Jeu accepté le" in page and "Pour accepter ce jeu" not in page
    assert f"{sum(len(p.steps) for p in GUIDE.procedures)} inchangée(s), 0 modifiée(s)" in page


def test_a_run_file_that_cannot_be_read_is_said_and_left_aside(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Written by another version or cut short: the command starts afresh instead of a traceback."""
    (tmp_path / "run.json").write_text('{"procedures": {"q1": {"status": "peut-être"}}}', encoding="utf-8")
    assert Run.read(tmp_path).procedures == {}
    assert "run.json illisible" in capsys.readouterr().err
    with pytest.raises(acceptance.AcceptRefused, match="aucune exécution à accepter"):
        acceptance.accept(GUIDE, tmp_path, tmp_path / "accepted")
