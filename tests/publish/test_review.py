"""The review page and the run report: what changed, grouped by change; what ran and what did not."""

from __future__ import annotations

import hashlib
import time
from html import unescape
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from scenarios import ROOT
from scenarios.publish import acceptance, comparison, shots
from tests.helpers import GUIDE, coverage_of, fake_run, html_text


def test_one_css_change_on_several_images_is_one_group_in_the_review(tmp_path: Path) -> None:
    from scenarios.publish import rendering as html

    accepted, current = tmp_path / "accepted", tmp_path / "current"
    for number, (x, y) in enumerate([(10, 10), (60, 30), (120, 50)]):
        for folder, colour in ((accepted, (0, 110, 105)), (current, (192, 57, 43))):
            image = Image.new("RGB", (200, 100), "white")
            image.paste(Image.new("RGB", (40, 16), colour), (x, y))  # the primary button, here and there
            (folder / "q01").mkdir(parents=True, exist_ok=True)
            image.save(folder / "q01" / f"page-{number}.png")
    changes = comparison.compare(accepted, current, tmp_path / "diff")
    assert {c.signature for c in changes} == {"couleur #006e69 → #c0392b"}
    review = html.write_review(changes, [], acceptance.Verdict("passed"), accepted, current, 0, tmp_path / "review.html")
    page = review.read_text(encoding="utf-8")
    assert page.count('<details class="group"') == 1 and "3 image(s) : même changement : couleur #006e69 → #c0392b" in page
    assert "data:image" not in page and 'src="accepted/q01/page-0.png"' in page


@pytest.mark.parametrize(("status", "heading"), [
    ("passed", "Exécution complète réussie : chaque procédure du guide a réussi."),
    ("failed", "L'exécution a échoué : ces images ne peuvent pas devenir le jeu accepté."),
    ("partial", "Exécution partielle : ces images ne peuvent pas devenir le jeu accepté."),
    ("incomplete", "Exécution incomplète : ces images ne peuvent pas devenir le jeu accepté."),
    ("stale", "Exécution périmée : ces images ne peuvent pas devenir le jeu accepté."),
])
def test_the_review_and_the_command_say_the_verdict_in_french(tmp_path: Path, status: str, heading: str) -> None:
    from html import unescape

    from scenarios.publish import rendering as html

    judged = acceptance.Verdict(status, [] if status == "passed" else ["Q3 Changer son mot de passe : en échec"])
    review = html.write_review([], [], judged, tmp_path, tmp_path, 0, tmp_path / "review.html")
    assert heading in unescape(review.read_text(encoding="utf-8"))
    assert heading.startswith(judged.heading + " : ")


def test_a_rerun_redraws_only_the_steps_whose_screenshot_or_boxes_changed(tmp_path: Path) -> None:
    """Annotated images are drawn from their screenshot and boxes: the same sources keep the same files."""
    run = fake_run(tmp_path)
    annotated = sorted((tmp_path / "annotated").rglob("*.png"))
    before = {p: p.stat().st_mtime_ns for p in annotated}
    changed, tampered = annotated[0], annotated[1]
    plain = tmp_path / "shots" / changed.parent.name / changed.name
    Image.new("RGB", (40, 20), "red").save(plain)  # this step's screenshot is new
    tampered.write_bytes(b"not what the manifest says")  # and this image was edited by hand since
    time.sleep(0.01)
    manifest = shots.build_manifest(run, tmp_path)
    redrawn = {p for p in annotated if p.stat().st_mtime_ns != before[p]}
    assert redrawn == {changed, tampered}
    assert Image.open(changed).convert("RGB").getpixel((20, 10)) == (255, 0, 0)
    for entry in manifest:  # every image is the one the manifest vouches for
        if entry.annotated:
            digest = hashlib.sha256((tmp_path / entry.annotated).read_bytes()).hexdigest()
            assert entry.sha256 == digest, entry.annotated


def test_a_step_that_failed_this_time_loses_its_last_image(tmp_path: Path) -> None:
    fake_run(tmp_path)
    gone = next(p for p in GUIDE.procedures)
    fake_run(tmp_path, failing=gone.id)
    names = {str(p.relative_to(tmp_path / "annotated")) for p in (tmp_path / "annotated").rglob("*.png")}
    assert f"{gone.id}/{gone.steps[0].id}.png" in names
    assert f"{gone.id}/{gone.steps[1].id}.png" not in names  # never an earlier run's image for this one's


def test_new_words_on_a_button_are_described_as_such_not_as_a_colour_change(tmp_path: Path) -> None:
    from PIL import ImageDraw

    accepted, current = tmp_path / "accepted", tmp_path / "current"
    for folder, word in ((accepted, "Valider"), (current, "Envoyer")):
        image = Image.new("RGB", (200, 100), "white")
        ImageDraw.Draw(image).text((20, 40), word, fill=(0, 0, 0))
        (folder / "q01").mkdir(parents=True, exist_ok=True)
        image.save(folder / "q01" / "page.png")
    (change,) = comparison.compare(accepted, current, tmp_path / "diff")
    assert change.signature is not None and change.signature.startswith("texte ou forme sur #")
    assert "→" not in change.signature


def test_the_run_report_lists_each_approximate_label_the_terminal_prints(tmp_path: Path) -> None:
    from scenarios.publish import rendering as html
    from scenarios.results import LabelMatch

    out = tmp_path / "out"
    run = fake_run(out)
    first = next(iter(run.procedures.values()))
    first.steps[0].labels = [LabelMatch("mot de passe oublié", "Mot de passe oublié ?", False)]
    first.steps[1].labels = [LabelMatch("soumettre", "SOUMETTRE", False), LabelMatch("x", "x", True)]
    printed = [f"guide « {label['guide']} », écran « {label['screen']} » ({label['places']})"
               for label in run.approximate_labels()]  # as the terminal prints them, after « - »
    assert len(printed) == 2
    report = " ".join(html_text(html.write_run_report(run, coverage_of(run), {}, out)).split())
    for line in printed:
        assert line in report
    assert "guide «  »" not in report


def test_the_run_report_says_what_was_not_run_rather_than_showing_it_empty(tmp_path: Path) -> None:
    from scenarios.publish import rendering as html

    out = tmp_path / "out"
    run = fake_run(out, only=[3])  # one question: the others not selected, no page audited (as the guide job)
    report = " ".join(html_text(html.write_run_report(run, coverage_of(run), {}, out)).split())
    assert "Q1 – Mot de passe oublié : non sélectionnée Non sélectionnée dans cette exécution" in report
    assert "Aucune page auditée dans cette exécution" in report and "0 page(s)" not in report


def test_a_reworded_step_shows_its_words_before_and_after_and_accept_takes_them(tmp_path: Path,
                                                                                 accepted: Path) -> None:
    """The same image (the id kept), other words: the review says so with the words struck and added, the
    command's summary quotes both, and `accept` copies them in the manifest."""
    from html import unescape

    from scenarios.publish import pipeline
    from scenarios.publish import rendering as html

    out = tmp_path / "out"
    run = fake_run(out, "black")  # the accepted set's images: none changed
    manifest = shots.read_manifest(out)
    manifest[0].text = manifest[0].text.replace("Cliquer sur", "Cliquez sur le lien")
    (out / "manifest.json").write_text(
        "[" + ",".join(shots.adapter(shots.ManifestEntry).dump_json(e).decode() for e in manifest) + "]")
    texts = comparison.compare_texts(accepted / "manifest.json", shots.read_manifest(out))
    assert [(t.before, t.after) for t in texts] == [("Cliquer sur « mot de passe oublié ».",
                                                     "Cliquez sur le lien « mot de passe oublié ».")]
    changes = comparison.compare(accepted, out / "annotated", out / "diff", expected=acceptance.guide_image_names(GUIDE))
    review = html.write_review(changes, manifest, acceptance.verdict(run, GUIDE), accepted, out / "annotated", 0,
                               out / "review.html", texts=texts).read_text(encoding="utf-8")
    assert "<del>Cliquer</del> <ins>Cliquez</ins> sur <ins>le lien</ins> « mot de passe oublié »." in unescape(review)
    assert "(0 image(s), 0 vidéo(s), 1 texte(s) d'étape)" in unescape(review)
    published = pipeline.Published(changes, manifest, acceptance.verdict(run, GUIDE), out / "review.html", [],
                                   texts=texts)
    said = "\n".join(pipeline.summary(run, published, None, "make accept"))
    assert "Textes modifiés : 1 étape(s), même image, autres mots\n  Q1 « Mot de passe oublié », étape 1 : « Cliquer " \
           "sur « mot de passe oublié ». » → « Cliquez sur le lien « mot de passe oublié ». »" in said
    assert "pour accepter 1 texte(s) d'étape : make accept" in said
    taken = acceptance.accept(GUIDE, out, accepted)
    assert len(taken.texts) == 1 and comparison.compare_texts(accepted / "manifest.json", manifest) == []


def test_the_live_review_reloads_only_when_it_changed_keeping_what_the_reader_opened(page: Page, tmp_path: Path,
                                                                                    accepted: Path) -> None:
    from scenarios.publish import rendering as html

    out = tmp_path / "out"
    run = fake_run(out, "white")  # every image changed the same way: one group
    changes = comparison.compare(accepted, out / "annotated", out / "diff")
    manifest = shots.read_manifest(out)

    def review(started: str) -> Path:
        return html.write_review(changes, manifest, acceptance.verdict(run, GUIDE), accepted, out / "annotated", 0,
                                 out / "review.html", run_started=started, live=True)

    page.goto(review(run.started).as_uri())
    page.evaluate("window.unchanged = true")
    page.locator("input[type=range]").nth(3).fill("20")  # the reader slides one image
    page.locator("details.group").first.locator("summary").click()  # and closes the open group
    review(run.started)  # written again, the same: no reload
    page.wait_for_timeout(3_500)
    assert page.evaluate("window.unchanged") is True
    review("2026-12-08T09:00:00+00:00")  # another run
    page.wait_for_function("() => window.unchanged === undefined", timeout=10_000)
    expect(page.get_by_text("Exécution le 08/12/2026 à 10:00")).to_be_visible()
    expect(page.locator("details.group").first).not_to_have_attribute("open", "")
    expect(page.locator("input[type=range]").nth(3)).to_have_value("20")


def test_a_small_change_is_located_and_enlarged(tmp_path: Path) -> None:
    accepted, current = tmp_path / "accepted", tmp_path / "current"
    for folder, words in ((accepted, (0, 110, 105)), (current, (192, 57, 43))):
        image = Image.new("RGB", (1280, 800), "white")
        image.paste(Image.new("RGB", (20, 8), words), (900, 40))
        (folder / "q01").mkdir(parents=True)
        image.save(folder / "q01" / "page.png")
    (change,) = comparison.compare(accepted, current, tmp_path / "diff")
    assert change.box == (900, 40, 20, 8) and change.zoom is not None
    assert Image.open(change.zoom).size == ((20 + 48) * 4, (8 + 48) * 4)  # with its context, 4× larger


def test_a_failed_step_shows_the_screen_it_failed_on_and_its_video_is_not_said_removed(tmp_path: Path,
                                                                                       accepted: Path) -> None:
    from html import unescape

    from scenarios.publish import rendering as html

    out = tmp_path / "out"
    run = fake_run(out, "black", failing="q01-mot-de-passe-oublie")
    failed = run.procedures["q01-mot-de-passe-oublie"].steps[1]
    failed.failure_screenshot = f"failures/q01-mot-de-passe-oublie-{failed.id}.png"
    (out / "failures").mkdir()
    Image.new("RGB", (40, 20), "red").save(out / failed.failure_screenshot)
    (accepted.parent / "videos").mkdir()
    (accepted.parent / "videos" / "q01-mot-de-passe-oublie.key").write_text("its images")
    videos = comparison.compare_videos(accepted.parent / "videos", out / "videos", {"q01-mot-de-passe-oublie"})
    assert [(v.procedure, v.status) for v in videos] == [("q01-mot-de-passe-oublie", "missing")]
    changes = comparison.compare(accepted, out / "annotated", out / "diff", expected=acceptance.guide_image_names(GUIDE))
    page = unescape(html.write_review(
        changes, shots.read_manifest(out), acceptance.verdict(run, GUIDE), accepted, out / "annotated", 0,
        out / "review.html", videos=videos, failures={f"q01-mot-de-passe-oublie/{failed.id}.png":
                                                      str(out / failed.failure_screenshot)}).read_text())
    assert f'src="failures/q01-mot-de-passe-oublie-{failed.id}.png" alt="L\'écran quand l\'étape a échoué"' in page
    assert "q01-mot-de-passe-oublie : non refaite (procédure en échec ou non exécutée)" in page and "supprimée</h3>" not in page
    assert html.shown(ROOT / "docs" / "screenshots") == "docs/screenshots"  # the accepted set, as the team names it


def test_the_review_names_the_guide_it_was_made_from(tmp_path: Path) -> None:
    from scenarios.publish import rendering as html

    review = html.write_review([], [], acceptance.Verdict("passed"), tmp_path, tmp_path, 0, tmp_path / "review.html",
                               run_started="2026-12-08T09:00:00+00:00", guide_name="tutoriel.md")
    assert "Exécution le 08/12/2026 à 10:00, sur <code>tutoriel.md</code> tel qu'il était alors" in \
        unescape(review.read_text(encoding="utf-8"))
