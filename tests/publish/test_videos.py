"""Each procedure's captioned video (scenarios/publish/video.py): made from its steps' captures, checked as a
person would watch it, encoded again only when its images or words changed, played by the guide."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Page

from scenarios.publish import acceptance, publication, shots, video, video_checks
from scenarios.results import ManifestEntry
from tests.helpers import GUIDE, fake_run

Q3 = "q03-changer-son-mot-de-passe"


def a_page(path: Path, seed: int) -> None:
    """A screenshot-like page: a header, cards and lines of « text », 1280 wide and longer than the video."""
    rng = random.Random(seed)
    image = Image.new("RGB", (1280, 1100), (243, 245, 247))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1280, 56), fill=(11, 40, 75))
    for row in range(8):
        x, y = rng.randint(80, 400), 100 + row * 120
        draw.rectangle((x, y, x + 500, y + 90), fill="white", outline=(213, 219, 225))
        draw.text((x + 20, y + 20), f"Mes informations {seed}-{row}", fill=(11, 40, 75))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)


def entries_of(folder: Path, blank: bool = False) -> list[ManifestEntry]:
    """Q3's steps as a run lists them: a capture each, the element the step names outlined."""
    found = []
    for step in GUIDE.procedure(Q3).steps:
        plain = folder / "shots" / Q3 / f"{step.id}.png"
        if blank:
            plain.parent.mkdir(parents=True, exist_ok=True)
            Image.new("RGB", (1280, 800), "white").save(plain)
        else:
            a_page(plain, step.number)
        target = {"x": 600, "y": 300 + 60 * step.number, "width": 220, "height": 40, "label": "« lien »"}
        found.append(ManifestEntry(Q3, 3, "Changer son mot de passe", step.id, step.number, step.text, "passed",
                                   [target], None, str(plain.relative_to(folder))))
    return found


def test_a_video_has_a_chapter_per_step_in_order_and_passes_what_a_person_would_check(tmp_path: Path) -> None:
    entries = entries_of(tmp_path)
    assert video.make(Q3, entries, tmp_path, tmp_path / "videos")
    assert video_checks.problems(Q3, entries, tmp_path / "videos") == []
    captions = (tmp_path / "videos" / f"{Q3}.fr.vtt").read_text(encoding="utf-8")
    assert "Étape 4 : Je clique sur « Changer de mot de passe » en bas du formulaire." in captions
    assert (tmp_path / "videos" / f"{Q3}.mp4").stat().st_size < 1_000_000


def test_a_run_of_blank_frames_is_found(tmp_path: Path) -> None:
    entries = entries_of(tmp_path, blank=True)
    for entry in entries:
        entry.targets = []  # white pages, nothing to point at: only the caption band shows
    video.make(Q3, entries, tmp_path, tmp_path / "videos")
    assert any("images noires ou vides" in line for line in video_checks.problems(Q3, entries, tmp_path / "videos"))


def test_a_video_is_encoded_again_only_when_its_images_boxes_or_words_change(tmp_path: Path) -> None:
    entries, out = entries_of(tmp_path), tmp_path / "videos"
    assert video.make(Q3, entries, tmp_path, out)
    assert not video.make(Q3, entries, tmp_path, out)  # nothing changed: kept
    entries[3].text = "Je clique sur « Modifier le mot de passe » en bas du formulaire."
    assert video.make(Q3, entries, tmp_path, out)
    a_page(tmp_path / str(entries[0].plain), 99)
    assert video.make(Q3, entries, tmp_path, out)


@pytest.mark.parametrize("kind", ["captions", "chapters"])
def test_the_guide_plays_each_video_to_its_end_with_its_captions_and_chapters(tmp_path: Path, page: Page,
                                                                           kind: str) -> None:
    out = tmp_path / "out"
    run = fake_run(out)
    video.make(Q3, entries_of(out), out, out / "videos")
    images = publication.step_images(shots.build_manifest(run, out), tmp_path / "accepted", out)
    page.goto(publication.write_html(GUIDE, images, run, [], out).as_uri())
    watched = page.locator(f"#{Q3} video").evaluate("""async (v, kind) => {
        const track = [...v.textTracks].find(t => t.kind === kind); track.mode = "hidden";
        await new Promise(r => v.readyState >= 1 ? r() : v.addEventListener("loadedmetadata", r, {once: true}));
        v.muted = true; v.playbackRate = 16; await v.play();
        await new Promise((r, j) => { v.addEventListener("ended", r, {once: true}); setTimeout(j, 15000); });
        return {ended: v.ended, width: v.videoWidth, cues: track.cues.length};
    }""", kind)
    assert watched == {"ended": True, "width": 1280, "cues": len(GUIDE.procedure(Q3).steps)}


def test_a_changed_label_shows_as_a_changed_video_in_the_review(tmp_path: Path) -> None:
    from scenarios.publish import comparison
    from scenarios.publish import rendering as html

    accepted, out = tmp_path / "docs" / "screenshots", tmp_path / "out"
    entries = entries_of(out)
    video.make(Q3, entries, out, out / "videos")
    comparison.accept_videos(tmp_path / "docs" / "videos", out / "videos")
    assert comparison.compare_videos(tmp_path / "docs" / "videos", out / "videos") == []
    entries[3].text = "Je clique sur « Modifier le mot de passe » en bas du formulaire."  # the guide's new label
    assert video.make(Q3, entries, out, out / "videos")
    changed = comparison.compare_videos(tmp_path / "docs" / "videos", out / "videos")
    assert changed == [comparison.VideoChange(Q3, "changed")]
    review = html.write_review([], [], acceptance.Verdict("passed"), accepted, out / "annotated", 0,
                               out / "review.html", videos=changed).read_text(encoding="utf-8")
    assert f"{Q3} : modifiée" in review and f'src="../docs/videos/{Q3}.mp4"' in review
    assert f'src="videos/{Q3}.mp4"' in review


def test_a_fresh_clone_takes_the_accepted_video_made_from_the_same_sources(tmp_path: Path) -> None:
    from scenarios.publish import comparison

    entries, first, accepted = entries_of(tmp_path), tmp_path / "first", tmp_path / "docs" / "videos"
    assert video.make(Q3, entries, tmp_path, first)
    comparison.accept_videos(accepted, first)
    fresh = tmp_path / "fresh"
    assert not video.make(Q3, entries, tmp_path, fresh, accepted=accepted)  # copied, not encoded
    assert (fresh / f"{Q3}.mp4").read_bytes() == (accepted / f"{Q3}.mp4").read_bytes()
    entries[0].text = "Je me connecte à mon coffre."
    assert video.make(Q3, entries, tmp_path, fresh, accepted=accepted)  # the words changed: encoded


def test_a_field_s_text_appears_as_typed_once_the_pointer_reaches_it(tmp_path: Path) -> None:
    entries = entries_of(tmp_path)[:1]
    entries[0].targets = [{"x": 100, "y": 120, "width": 400, "height": 60, "label": "champ « Identifiant »"}]
    frames, _ = video.storyboard(entries, tmp_path)
    left, top, right, bottom = video.inside(entries[0].targets[0])
    start = (left, top, left + (right - left) // 4, bottom)  # where typing begins, away from the pointer's path
    filled = [frame.crop(start).getextrema() != ((255, 255), (255, 255), (255, 255)) for frame, _ in frames]
    assert filled[0] is False and filled[-1] is True  # empty while the pointer comes, its words at the end
    typing = filled.index(True)
    assert all(filled[typing:]) and typing > round(video.MOVE * video.FPS)  # after the pointer's move and click


def test_the_word_guide_carries_each_video_s_poster_and_a_link_to_it(tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    from scenarios.publish import word

    out = tmp_path / "out"
    run = fake_run(out)
    video.make(Q3, entries_of(out), out, out / "videos")
    images = publication.step_images(shots.build_manifest(run, out), tmp_path / "accepted", out)
    document = docx.Document(str(word.write_docx(GUIDE, images, [], out)))
    links = [r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert links == [f"videos/{Q3}.mp4"]
    described = [e.get("descr") for e in document.element.body.iter(qn("wp:docPr"))]
    assert "Capture de l'écran. Vidéo de la procédure « Changer son mot de passe »" in described
