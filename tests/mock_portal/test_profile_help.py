"""Profile, change of password, first connection, support desk, and mail going down."""

from __future__ import annotations

from html import unescape
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_portal import product
from mock_portal.harness import situations
from mock_portal.harness.mailcapture import MailCapture, free_port
from tests.helpers import AuthActions, error_next_to, make_app


def html_of(response: Any) -> str:
    return unescape(response.get_data(as_text=True))


def test_profile_menu_and_change_of_email_makes_a_new_login(
    auth: AuthActions, client: FlaskClient, employee: dict
) -> None:
    auth.login(employee["identifier"], employee["password"])
    assert "Mes informations de profil" in html_of(client.get("/coffre/"))
    profile = html_of(client.get("/profil/"))
    assert profile.index("Enregistrer") < profile.index("Changer de mot de passe")
    version = profile.split('name="version" value="')[1].split('"')[0]
    client.post("/profil/", data={"email": "nouvelle@example.org", "mobile": "", "version": version})
    auth.logout()
    assert auth.login("nouvelle@example.org", employee["password"]).location == "/coffre/"


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"current": "Mauvais-1!", "password": "Nouveau-2026!", "confirm": "Nouveau-2026!"}, "current",
     "Le mot de passe actuel est incorrect."),
    ({"current": "@", "password": "faible", "confirm": "faible"}, "password",
     "Le mot de passe doit contenir au moins 8 caractères dont une majuscule, une minuscule, un chiffre et un caractère spécial."),
    ({"current": "@", "password": "Nouveau-2026!", "confirm": "Autre-2026!"}, "confirm",
     "Les deux mots de passe ne correspondent pas."),
])
def test_change_password_bad_input(
    auth: AuthActions, client: FlaskClient, employee: dict, data: dict, field: str, message: str
) -> None:
    auth.login(employee["identifier"], employee["password"])
    data = {**data, "current": employee["password"] if data["current"] == "@" else data["current"]}
    response = client.post("/profil/mot-de-passe", data=data)
    assert response.status_code == 200
    assert error_next_to(html_of(response), field) == message


def test_change_password(auth: AuthActions, client: FlaskClient, employee: dict) -> None:
    auth.login(employee["identifier"], employee["password"])
    new = "Nouveau-2026!"
    response = client.post("/profil/mot-de-passe", data={"current": employee["password"], "password": new, "confirm": new})
    assert response.location == "/profil/"
    auth.logout()
    assert auth.login(employee["identifier"], employee["password"]).status_code == 401
    assert auth.login(employee["identifier"], new).location == "/coffre/"


def test_first_connection_asks_for_email_and_personal_password(app: Flask, auth: AuthActions, client: FlaskClient) -> None:
    with app.app_context():
        enrolled = situations.create("courrier-recu", seed=3)
    assert enrolled["email"] is None and enrolled["provisional_password"]
    assert auth.login(enrolled["identifier"], enrolled["provisional_password"]).location == "/premiere-connexion"
    missing = client.post("/premiere-connexion", data={"password": "Perso-2026!", "confirm": "Perso-2026!"})
    assert error_next_to(html_of(missing), "email") == "Ce champ est obligatoire."
    done = client.post("/premiere-connexion", data={
        "email": "moi@example.org", "password": "Perso-2026!", "confirm": "Perso-2026!"})
    assert done.location == "/coffre/"
    auth.logout()
    assert auth.login("moi@example.org", "Perso-2026!").location == "/coffre/"


def test_support_page_and_request(client: FlaskClient, sent_mail: Any) -> None:
    page = html_of(client.get("/aide"))
    for fact in (product.SUPPORT_EMAIL, product.SUPPORT_PHONE, product.SUPPORT_HOURS):
        assert fact in page
    response = client.post("/aide", data={
        "name": "Paul Dupont", "email": "paul@example.org", "subject": "fusion", "message": "Deux coffres."})
    assert response.status_code == 302
    mail = sent_mail(product.SUPPORT_EMAIL)[-1]
    assert mail["subject"] == "Demande au support : Fusionner mes coffres" and "Paul Dupont" in mail["text_body"]


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"subject": "autre-chose"}, "subject", "Sélectionnez l'objet de votre demande."),
    ({"message": ""}, "message", "Ce champ est obligatoire."),
    ({"message": "x" * 2001}, "message", "Ce champ ne doit pas dépasser 2000 caractères."),
    ({"identifier": "12"}, "identifier", "L'identifiant est composé de 12 chiffres."),
])
def test_support_request_bad_input(client: FlaskClient, changes: dict, field: str, message: str) -> None:
    data = {"name": "Paul Dupont", "email": "paul@example.org", "subject": "fusion", "message": "Bonjour", **changes}
    response = client.post("/aide", data=data)
    html = html_of(response)
    assert response.status_code == 200
    assert error_next_to(html, field) == message
    assert 'value="Paul Dupont"' in html


def test_mail_down_keeps_the_form_and_changes_nothing(tmp_path: Path, mail_capture: MailCapture) -> None:
    app = make_app(tmp_path, "portal", mail_capture, SMTP_PORT=free_port())
    with app.app_context():
        employee = situations.create("actif", seed=7)
    client = app.test_client()
    data = {
        "last_name": employee["last_name"], "first_name": employee["first_name"],
        "birth_city": employee["birth_city"], "birth_month": str(employee["birth_month"]),
        "mobile": employee["mobile"], "email": employee["email"], "email_confirm": employee["email"],
        "private_number": employee["private_number"], "privacy": "y",
    }
    response = client.post("/identifiant-perdu", data=data)
    html = html_of(response)
    assert response.status_code == 503
    assert "L'envoi des e-mails est momentanément indisponible" in html
    assert f'value="{employee["private_number"]}"' in html
    login = client.post("/", data={"login": employee["identifier"], "password": employee["password"]})
    assert login.location == "/coffre/", "the identifier must not change when its mail could not be sent"
