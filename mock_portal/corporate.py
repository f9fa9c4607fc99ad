"""www.cecurity.com: the vendor's corporate site, which has no vault login."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("corporate", __name__)


@bp.get("/")
def home() -> str:
    """A marketing page that points employees to www.mycecurity.com."""
    return render_template("home.html")
