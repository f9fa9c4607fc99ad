"""The login page's « vidéo explicative »: the guide's first-connection procedure as coffre-guide recorded it
from a verified run and a doc writer accepted it (docs/videos/); without it, the page gives its transcript."""

from __future__ import annotations

from pathlib import Path

from flask import abort, send_from_directory
from werkzeug.wrappers import Response

FIRST_CONNECTION = "q05-premiere-connexion"  # guide.md's « Première connexion avec le courrier d'inscription »
FOLDER = Path(__file__).resolve().parent.parent / "docs" / "videos"
FILES = {"video.mp4": ("mp4", "video/mp4"), "affiche.jpg": ("jpg", "image/jpeg"),
         "sous-titres.vtt": ("fr.vtt", "text/vtt"), "chapitres.vtt": ("chapters.vtt", "text/vtt")}


def available() -> bool:
    return all((FOLDER / f"{FIRST_CONNECTION}.{suffix}").is_file() for suffix, _ in FILES.values())


def send(name: str) -> Response:
    """One of the video's files, by the name the page gives it; 404 for any other name or a missing file."""
    if name not in FILES or not available():
        abort(404)
    suffix, mimetype = FILES[name]
    return send_from_directory(FOLDER, f"{FIRST_CONNECTION}.{suffix}", mimetype=mimetype, max_age=3600)
