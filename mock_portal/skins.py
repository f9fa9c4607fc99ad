"""Skins: the same portal as another vendor would have built it from the guide (its own markup, labels, paths,
messages), to prove the scenarios depend on the guide's words and the portal's profile, not on the mock's
markup. A skin's templates (templates/skins/NAME/) are found before the mock's; its paths prefix the pages."""

from __future__ import annotations

from flask import Flask, redirect, url_for
from werkzeug.wrappers import Response

# Where each part of the portal lives, per skin: a blueprint's URL prefix.
PATHS: dict[str | None, dict[str, str]] = {
    None: {"auth": "", "vault": "/coffre", "profile": "/profil", "help": ""},
    "variante": {"auth": "/acces", "vault": "/espace", "profile": "/compte", "help": "/assistance"},
}


def names() -> list[str]:
    return [name for name in PATHS if name]


def prefix(skin: str | None, blueprint: str) -> str:
    return PATHS[skin][blueprint]


def apply(app: Flask, site: str, skin: str | None) -> None:
    """Find the skin's templates first; send the site's root to the login page when it lives elsewhere."""
    if skin is None:
        return
    if skin not in PATHS:
        raise ValueError(f"habillage inconnu {skin!r} (connus : {', '.join(names())})")
    loader = app.jinja_loader
    folders = [f"{app.root_path}/templates/skins/{skin}/{site}", f"{app.root_path}/templates/skins/{skin}"]
    loader.searchpath[:0] = folders  # type: ignore[union-attr]
    if site == "portal" and prefix(skin, "auth"):
        def to_login() -> Response:
            return redirect(url_for("auth.login"))

        app.add_url_rule("/", "skin_root", to_login)
