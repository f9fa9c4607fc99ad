"""The mock as hard as a real vault portal: redirects, ids, error pages, upload limit, sessions."""

from __future__ import annotations

import io
import re
from html import unescape
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_portal import create_app, recovery
from tests.helpers import AuthActions, error_next_to


def text_of(response: object) -> str:
    return unescape(response.get_data(as_text=True))  # type: ignore[attr-defined]


@pytest.mark.parametrize("target", [
    "/%09/evil.example", "/%0A/evil.example", "/\t/evil.example", "/\\evil.example", "/%5Cevil.example",
    "/%2F/evil.example", "//evil.example", "https://evil.example/", "/%0D%0ALocation:%20http://evil.example",
])
def test_login_never_redirects_off_site(client: FlaskClient, employee: dict, target: str) -> None:
    response = client.post("/?suivant=" + target, data={"login": employee["identifier"],
                                                        "password": employee["password"]})
    assert response.status_code == 302
    location = urlsplit(response.location)
    assert location.netloc in ("", "localhost") and location.path == "/coffre/"


def test_login_keeps_a_same_site_next_page(client: FlaskClient, employee: dict) -> None:
    response = client.post("/?suivant=/profil/", data={"login": employee["identifier"],
                                                       "password": employee["password"]})
    assert response.location == "/profil/"


@pytest.mark.parametrize("path", ["/coffre/documents/99999999999999999999",
                                  "/coffre/documents/99999999999999999999/fichier",
                                  "/coffre/documents/99999999999999999999/imprimer",
                                  "/coffre/documents/0", "/coffre/bulletins-de-paie/99999999999999999999",
                                  "/_sim/courriels/99999999999999999999", "/_sim/courriers/99999999999999999999",
                                  "/_sim/api/employees/99999999999999999999"])
def test_ids_too_large_for_the_database_are_not_found(client: FlaskClient, auth: AuthActions, employee: dict,
                                                       path: str) -> None:
    auth.login(employee["identifier"], employee["password"])
    response = client.get(path)
    assert response.status_code == 404
    assert "Page introuvable" in text_of(response) or response.is_json


def test_back_office_and_api_take_out_of_range_numbers(client: FlaskClient) -> None:
    assert client.get("/_sim/?employeur=99999999999999999999").status_code == 200
    assert client.get("/_sim/api/mail?after=99999999999999999999").status_code == 200
    assert client.get("/_sim/api/mail?after=abc").status_code == 200


@pytest.mark.parametrize(("method", "path", "code", "title"), [
    ("get", "/page-inconnue", 404, "Page introuvable"),
    ("post", "/aide/guide-utilisation", 405, "Action impossible"),
    ("get", "/boom", 500, "Erreur du service"),
])
def test_errors_are_french_pages(app: Flask, method: str, path: str, code: int, title: str) -> None:
    app.add_url_rule("/boom", "boom", lambda: 1 / 0)
    app.testing = False  # a real server answers the error page instead of raising
    response = getattr(app.test_client(), method)(path)
    assert response.status_code == code
    page = text_of(response)
    assert f"<h1>{title}</h1>" in page and "Traceback" not in page and "Not Found" not in page


def test_a_request_over_the_limit_gets_the_french_413_page(client: FlaskClient) -> None:
    response = client.post("/aide", data={"message": "x" * (7 * 1024 * 1024)})
    assert response.status_code == 413
    assert "dépasse la taille autorisée (5 Mo)" in text_of(response)


def test_an_upload_over_the_announced_5_mo_is_refused_next_to_the_field(client: FlaskClient, auth: AuthActions,
                                                                          employee: dict) -> None:
    auth.login(employee["identifier"], employee["password"])
    big = b"%PDF-1.4\n" + b"0" * int(5.5 * 1024 * 1024)
    response = client.post("/coffre/mes-documents", data={"title": "Gros fichier",
                                                           "document": (io.BytesIO(big), "gros.pdf")})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert unescape(error_next_to(html, "document")) == "Le fichier dépasse 5 Mo : choisissez un fichier plus petit."
    assert 'value="Gros fichier"' in html


def test_a_password_change_ends_the_other_sessions(app: Flask, employee: dict) -> None:
    here, elsewhere = app.test_client(), app.test_client()
    for client in (here, elsewhere):
        AuthActions(client).login(employee["identifier"], employee["password"])
        assert client.get("/coffre/").status_code == 200
    response = here.post("/profil/mot-de-passe", data={
        "current": employee["password"], "password": "Nouveau-Coffre-2026!", "confirm": "Nouveau-Coffre-2026!"})
    assert response.status_code == 302
    assert here.get("/coffre/").status_code == 200  # the session that changed it stays open
    assert elsewhere.get("/coffre/").location.startswith("/?suivant=")


def test_a_reset_ends_every_session(app: Flask, employee: dict) -> None:
    elsewhere = app.test_client()
    AuthActions(elsewhere).login(employee["identifier"], employee["password"])
    with app.app_context():
        token = recovery.create_reset_token(employee["employee_id"])
    app.test_client().post(f"/reinitialiser/{token}", data={"password": "Nouveau-Coffre-2026!",
                                                             "confirm": "Nouveau-Coffre-2026!"})
    assert elsewhere.get("/coffre/").location.startswith("/?suivant=")


def test_every_site_answers_unknown_pages_in_french(tmp_path: object) -> None:
    for site in ("refusdemat", "corporate"):
        app = create_app(site, {"DATABASE": str(tmp_path) + f"/{site}.sqlite3"})
        response = app.test_client().get("/nulle-part")
        assert response.status_code == 404 and re.search(r"<h1>Page introuvable</h1>", text_of(response))


def test_mailed_links_use_the_portal_address_not_the_host_header(client: FlaskClient, employee: dict,
                                                                 sent_mail: Any) -> None:
    client.post("/mot-de-passe-oublie", data={"identifier": employee["identifier"], "email": employee["email"]},
                headers={"Host": "evil.example"})
    body = sent_mail(employee["email"])[-1]["text_body"]
    assert "evil.example" not in body and "https://www.mycecurity.com/reinitialiser/" in body
