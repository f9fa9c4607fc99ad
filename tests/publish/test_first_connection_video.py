"""The login page's « vidéo explicative » plays the guide's first-connection procedure, as accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient
from playwright.sync_api import Page

from mock_portal import videos
from scenarios.target.sites import Sites
from tests.helpers import GUIDE


def test_the_page_plays_the_accepted_video_with_its_captions(client: FlaskClient) -> None:
    assert videos.available(), "docs/videos/ n'a pas la vidéo de la première connexion : make guide, make accept"
    page = client.get("/premiere-connexion/video").get_data(as_text=True)
    assert "<video controls" in page and "video-placeholder" not in page
    for name, mimetype in (("video.mp4", "video/mp4"), ("sous-titres.vtt", "text/vtt"), ("chapitres.vtt", "text/vtt"),
                           ("affiche.jpg", "image/jpeg")):
        answer = client.get(f"/premiere-connexion/video/{name}")
        assert answer.status_code == 200 and answer.mimetype == mimetype
    assert client.get("/premiere-connexion/video/sous-titres.vtt").get_data(as_text=True).startswith("WEBVTT")
    assert client.get("/premiere-connexion/video/../auth.py").status_code == 404
    assert client.get("/premiere-connexion/video/guide.md").status_code == 404


def test_without_an_accepted_video_the_page_gives_its_transcript(client: FlaskClient, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(videos, "FOLDER", tmp_path)
    page = client.get("/premiere-connexion/video").get_data(as_text=True)
    assert "video-placeholder" in page and "Transcription" in page
    assert client.get("/premiere-connexion/video/video.mp4").status_code == 404


def test_the_video_plays_to_its_end_in_under_two_minutes_a_chapter_per_step(page: Page, sites: Sites) -> None:
    page.goto(sites.url("portal", "/premiere-connexion/video"))
    watched = page.locator("video").evaluate("""async v => {
        const chapters = [...v.textTracks].find(t => t.kind === "chapters"); chapters.mode = "hidden";
        await new Promise(r => v.readyState >= 1 ? r() : v.addEventListener("loadedmetadata", r, {once: true}));
        v.muted = true; v.playbackRate = 16; await v.play();
        await new Promise((r, j) => { v.addEventListener("ended", r, {once: true}); setTimeout(j, 15000); });
        return {ended: v.ended, seconds: v.duration, chapters: [...chapters.cues].map(c => c.id)};
    }""")
    assert watched["ended"] and watched["seconds"] < 120  # « en moins de deux minutes », as the login page says
    assert watched["chapters"] == [s.id for s in GUIDE.procedure(videos.FIRST_CONNECTION).steps]
