"""Flask mock of MyCecurity.com, its refusal site and the vendor's corporate site."""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from pathlib import Path
from typing import Any

from flask import Flask, Response, request, url_for
from flask_wtf.csrf import CSRFProtect
from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket

from mock_portal import db, errors, product, skins

SITES = ("portal", "refusdemat", "corporate")
DEFAULT_URLS = {
    "portal": "https://www.mycecurity.com",
    "refusdemat": "https://refusdemat.cecurity.com",
    "corporate": "https://www.cecurity.com",
}
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}

# Static files: a versioned URL (the content's hash) is cached for good, the fonts the CSS names for an
# hour; pages then load without revalidating four files each time, as a real site's would.
STATIC_CACHE = {True: "public, max-age=31536000, immutable", False: "public, max-age=3600"}
SIMULATION_HASH = "pbkdf2:sha256:1000"
csrf = CSRFProtect()


class CompiledTemplates(FileSystemBytecodeCache):
    """Templates compiled once, not by every app and process (tests, workers and the stage create many apps;
    a template costs ~10 ms to compile), in a private folder of the system's temporary directory; Jinja checks
    each one's source against its checksum. A cache: one it cannot write (a full disk) costs a compile, never
    a page."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def compiled_templates() -> CompiledTemplates | None:
    """The shared cache, or none where the system offers no safe private folder for it."""
    try:
        return CompiledTemplates()
    except (OSError, RuntimeError):  # Jinja refuses a folder another user owns or can write to
        return None


COMPILED_TEMPLATES = compiled_templates()


def create_app(site: str = "portal", test_config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask application serving one of the three sites."""
    if site not in SITES:
        raise ValueError(f"unknown site {site!r}, expected one of {SITES}")
    app = Flask(__name__, template_folder=f"templates/{site}")
    app.jinja_options = {**app.jinja_options, "bytecode_cache": COMPILED_TEMPLATES}
    app.jinja_loader.searchpath.append(app.root_path + "/templates")  # type: ignore[union-attr]
    app.config.from_mapping(
        SITE=site,
        SECRET_KEY=secrets.token_hex(32),
        DATABASE=":memory:",
        SIMULATION=False,
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=25,
        MAILBOX=None,
        SITE_URLS=dict(DEFAULT_URLS),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=(product.UPLOAD_MAX_MB + 1) * 1024 * 1024,  # the form says UPLOAD_MAX_MB
        WTF_CSRF_TIME_LIMIT=None,
        PASSWORD_HASH_METHOD="scrypt",
        SKIN=None,  # another vendor's markup for the same portal (skins.py)
    )
    if test_config:
        app.config.from_mapping(test_config)
    if app.config["SIMULATION"] and "PASSWORD_HASH_METHOD" not in (test_config or {}):
        # Simulated employees only: a real portal's hash (scrypt) is tens of ms of CPU per login and seed.
        app.config["PASSWORD_HASH_METHOD"] = SIMULATION_HASH
    skin = app.config["SKIN"]
    skins.apply(app, site, skin)
    db.init_app(app)
    csrf.init_app(app)
    errors.register(app)

    if site == "portal":
        from mock_portal import auth, vault
        from mock_portal import help_page as help
        from mock_portal import profile_page as profile

        for blueprint in (auth.bp, vault.bp, profile.bp, help.bp):
            app.register_blueprint(blueprint, url_prefix=skins.prefix(skin, blueprint.name) or None)
        if app.config["SIMULATION"]:
            from mock_portal.harness import simulation

            app.register_blueprint(simulation.bp)
            app.register_blueprint(simulation.api)
            csrf.exempt(simulation.api)
    elif site == "refusdemat":
        from mock_portal import refusdemat

        app.register_blueprint(refusdemat.bp)
    else:
        from mock_portal import corporate

        app.register_blueprint(corporate.bp)

    app.jinja_env.globals["product"] = product  # a global: macros imported by templates see it too

    @app.context_processor
    def inject_site_urls() -> dict[str, Any]:
        portal = app.config["SITE_URLS"]["portal"]
        return {"site_urls": app.config["SITE_URLS"],
                "forgotten_password_url": f"{portal}{skins.prefix(skin, 'auth')}/mot-de-passe-oublie"}

    versions: dict[str, str] = {}

    @app.template_global()
    def asset_url(filename: str) -> str:
        """The static file's URL, versioned by its content (a changed file gets a new URL)."""
        if filename not in versions:
            data = (Path(app.static_folder or "") / filename).read_bytes()
            versions[filename] = hashlib.sha256(data).hexdigest()[:12]
        return url_for("static", filename=filename, v=versions[filename])

    @app.after_request
    def add_headers(response: Response) -> Response:
        response.headers.update(SECURITY_HEADERS)
        if request.endpoint == "static" and response.status_code in (200, 304):
            response.headers["Cache-Control"] = STATIC_CACHE["v" in request.args]
        return response

    return app
