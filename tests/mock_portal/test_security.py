"""Headers, cookies, CSRF, hashed passwords, simulation endpoints, profile conflicts."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from mock_portal import create_app
from mock_portal.db import connect
from mock_portal.harness.mailcapture import MailCapture
from tests.helpers import AuthActions, error_next_to, make_app


def test_security_headers_on_every_page(client: FlaskClient) -> None:
    for path in ("/", "/identifiant-perdu", "/page-inconnue"):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_httponly_and_samesite(auth: AuthActions, employee: dict) -> None:
    cookie = auth.login(employee["identifier"], employee["password"]).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_passwords_are_stored_hashed(app: Flask, employee: dict) -> None:
    db = connect(app.config["DATABASE"])
    stored = db.execute("SELECT password_hash FROM employee WHERE id = ?", (employee["employee_id"],)).fetchone()[0]
    assert employee["password"] not in stored and stored.startswith(("scrypt:", "pbkdf2:"))


def test_forms_need_a_csrf_token(tmp_path: Path, mail_capture: MailCapture) -> None:
    app = make_app(tmp_path, "portal", mail_capture, WTF_CSRF_ENABLED=True)
    response = app.test_client().post("/", data={"login": "123456789012", "password": "x"})
    assert response.status_code == 400
    assert "Le formulaire a expiré" in unescape(response.get_data(as_text=True))


def test_simulation_endpoints_absent_outside_simulation_mode(tmp_path: Path) -> None:
    app = create_app("portal", {"DATABASE": str(tmp_path / "x.sqlite3"), "SIMULATION": False})
    client = app.test_client()
    assert client.get("/_sim/").status_code == 404
    assert client.post("/_sim/api/clock", json={"advance_minutes": 5}).status_code == 404


def test_login_renews_the_session(auth: AuthActions, employee: dict, client: FlaskClient) -> None:
    auth.login(employee["identifier"], employee["password"])
    with client.session_transaction() as session:
        first = session["nonce"]
    auth.logout()
    with client.session_transaction() as session:
        assert "employee_id" not in session
    auth.login(employee["identifier"], employee["password"])
    with client.session_transaction() as session:
        assert session["nonce"] != first


def test_two_windows_changing_the_profile_keep_one_consistent_value(
    app: Flask, auth: AuthActions, client: FlaskClient, employee: dict
) -> None:
    auth.login(employee["identifier"], employee["password"])
    db = connect(app.config["DATABASE"])
    version = str(db.execute("SELECT version FROM employee WHERE id = ?", (employee["employee_id"],)).fetchone()[0])
    first = client.post("/profil/", data={"email": "a@example.org", "mobile": "", "version": version})
    second = client.post("/profil/", data={"email": "b@example.org", "mobile": "", "version": version})
    stored = db.execute("SELECT email FROM employee WHERE id = ?", (employee["employee_id"],)).fetchone()[0]
    assert first.status_code == 302 and second.status_code == 200
    assert stored == "a@example.org"
    assert "modifiées depuis une autre fenêtre" in unescape(second.get_data(as_text=True))


def test_profile_bad_email_keeps_typed_values(auth: AuthActions, client: FlaskClient, employee: dict) -> None:
    auth.login(employee["identifier"], employee["password"])
    response = client.post("/profil/", data={"email": "pas-valide", "mobile": "06 11 22 33 44", "version": "2"})
    html = unescape(response.get_data(as_text=True))
    assert error_next_to(html, "email").startswith("Saisissez une adresse e-mail valide")
    assert 'value="pas-valide"' in html and 'value="06 11 22 33 44"' in html


def test_a_real_portal_hashes_passwords_with_scrypt_and_the_simulator_cheaply(tmp_path: Path) -> None:
    """Production keeps scrypt; only simulated employees get a cheap hash (they are seeded by the hundred)."""
    from mock_portal import SIMULATION_HASH, accounts

    for simulation, prefix in ((False, "scrypt:"), (True, SIMULATION_HASH.split(":")[0] + ":")):
        app = create_app("portal", {"DATABASE": str(tmp_path / f"{simulation}.sqlite3"), "SIMULATION": simulation})
        with app.app_context():
            stored = accounts.hash_password("Coffre-2026!")
        assert stored.startswith(prefix)
        assert "scrypt" not in stored or not simulation


def test_static_files_are_cached_by_versioned_url(client: FlaskClient) -> None:
    """Pages load without revalidating their CSS and fonts; a changed file gets a new URL; pages are not cached."""
    page = client.get("/")
    css = re.search(r'href="(/static/site\.css\?v=[0-9a-f]{12})"', page.get_data(as_text=True))
    assert css, "the stylesheet's URL carries its content's version"
    assert client.get(css[1]).headers["Cache-Control"] == "public, max-age=31536000, immutable"
    font = client.get("/static/fonts/open-sans-latin-400-normal.woff2")
    assert font.headers["Cache-Control"] == "public, max-age=3600"
    assert "max-age" not in page.headers.get("Cache-Control", "")
