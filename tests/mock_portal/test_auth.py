"""Login, lockout, forgotten password and lost identifier on the portal."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_portal import clock, product
from tests.helpers import AuthActions, error_next_to, guide_step, lost_identifier_data, reset_link


def test_login_by_identifier_or_email(auth: AuthActions, employee: dict[str, Any]) -> None:
    assert auth.login(employee["identifier"], employee["password"]).location == "/coffre/"
    auth.logout()
    assert auth.login(employee["email"].upper(), employee["password"]).location == "/coffre/"


def test_wrong_password_and_unknown_login_get_the_same_message(auth: AuthActions, employee: dict) -> None:
    wrong = auth.login(employee["identifier"], "Pas-le-bon-1!")
    unknown = auth.login("999999999999", "Pas-le-bon-1!")
    assert wrong.status_code == unknown.status_code == 401
    for response in (wrong, unknown):
        assert "Identifiant ou mot de passe incorrect." in unescape(response.get_data(as_text=True))


def test_third_wrong_password_locks_for_120_minutes(app: Flask, auth: AuthActions, employee: dict) -> None:
    for _ in range(2):
        assert product.LOCKOUT_MESSAGE not in unescape(auth.login(employee["identifier"], "x").get_data(as_text=True))
    third = unescape(auth.login(employee["identifier"], "x").get_data(as_text=True))
    assert product.LOCKOUT_MESSAGE in third
    locked = unescape(auth.login(employee["identifier"], employee["password"]).get_data(as_text=True))
    assert product.LOCKOUT_MESSAGE in locked
    with app.app_context():
        clock.advance(119)
    assert auth.login(employee["identifier"], employee["password"]).status_code == 401
    with app.app_context():
        clock.advance(1)
    assert auth.login(employee["identifier"], employee["password"]).location == "/coffre/"


def test_forgotten_password_mail_link_is_single_use(
    client: FlaskClient, auth: AuthActions, employee: dict, sent_mail: Any
) -> None:
    response = client.post("/mot-de-passe-oublie", data={
        "identifier": employee["identifier"], "email": employee["email"]})
    assert response.status_code == 302
    link = reset_link(sent_mail, employee["email"])
    new = "Tout-Neuf-2026!"
    assert client.post(link, data={"password": new, "confirm": new}).location == "/"
    assert client.get(link).status_code == 410, \
        f"{guide_step('q01-mot-de-passe-oublie', 'recevoir-lien')} : le lien reçu ne doit servir qu'une fois"
    assert auth.login(employee["identifier"], employee["password"]).status_code == 401
    assert auth.login(employee["identifier"], new).location == "/coffre/"


def test_reset_link_expires_and_is_replaced_by_a_newer_one(
    app: Flask, client: FlaskClient, employee: dict, sent_mail: Any
) -> None:
    data = {"identifier": employee["identifier"], "email": employee["email"]}
    client.post("/mot-de-passe-oublie", data=data)
    first = reset_link(sent_mail, employee["email"])
    client.post("/mot-de-passe-oublie", data=data)
    second = reset_link(sent_mail, employee["email"])
    protects = guide_step("q01-mot-de-passe-oublie", "recevoir-lien")
    assert client.get(first).status_code == 410, f"{protects} : un lien remplacé par un plus récent ne sert plus"
    assert client.get(second).status_code == 200, f"{protects} : le lien le plus récent sert"
    with app.app_context():
        clock.advance(product.RESET_TOKEN_MINUTES)
    assert client.get(second).status_code == 410, f"{protects} : un lien expiré ne sert plus"


def test_forgotten_password_reveals_nothing_about_unknown_accounts(
    client: FlaskClient, employee: dict, sent_mail: Any
) -> None:
    known = client.post("/mot-de-passe-oublie", data={"identifier": employee["identifier"], "email": employee["email"]}, follow_redirects=True)
    unknown = client.post("/mot-de-passe-oublie", data={"identifier": "123456789012", "email": "x@example.org"}, follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    assert known.get_data(as_text=True).count("un e-mail vient") == unknown.get_data(as_text=True).count("un e-mail vient") == 1
    assert sent_mail("x@example.org") == []


def test_lost_identifier_sends_new_identifier_and_provisional_password(
    client: FlaskClient, auth: AuthActions, employee: dict, sent_mail: Any
) -> None:
    assert client.post("/identifiant-perdu", data=lost_identifier_data(employee)).status_code == 302
    body = sent_mail(employee["email"])[-1]["text_body"]
    identifier = re.search(r"nouvel identifiant : (\d{12})", body)[1]
    password = re.search(r"mot de passe provisoire : (\S+)", body)[1]
    assert identifier != employee["identifier"]
    assert auth.login(identifier, password).location == "/premiere-connexion"
    assert client.get("/coffre/").location == "/premiere-connexion"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("last_name", "", "Ce champ est obligatoire."),
    ("last_name", "x" * 81, "Ce champ ne doit pas dépasser 80 caractères."),
    ("birth_city", "Paris\x00", "Ce champ contient des caractères non autorisés."),
    ("birth_month", "13", "Sélectionnez votre mois de naissance."),
    ("mobile", "01 23 45 67 89", "Saisissez un numéro de mobile à 10 chiffres commençant par 06 ou 07."),
    ("email", "pas-une-adresse", "Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr."),
    ("email_confirm", "autre@example.org", "Les deux adresses e-mail ne correspondent pas."),
    ("private_number", "12345", "Le numéro privé est composé de 6 chiffres (voir votre courrier d'inscription)."),
    ("privacy", "", "Vous devez accepter la politique de confidentialité pour continuer."),
])
def test_lost_identifier_bad_input(client: FlaskClient, employee: dict, field: str, value: str, message: str) -> None:
    data = lost_identifier_data(employee, **{field: value})
    if not value:
        data.pop(field)
    response = client.post("/identifiant-perdu", data=data)
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert error_next_to(html, field) == message
    assert f'value="{employee["last_name"]}"' in html or field == "last_name"
    assert f'value="{employee["private_number"]}"' in html or field == "private_number"


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"identifier": "", "email": "a@example.org"}, "identifier", "Ce champ est obligatoire."),
    ({"identifier": "12345", "email": "a@example.org"}, "identifier", "L'identifiant est composé de 12 chiffres."),
    ({"identifier": "123456789012", "email": "a" * 250 + "@x.fr"}, "email", "Ce champ ne doit pas dépasser 254 caractères."),
])
def test_forgotten_password_bad_input(client: FlaskClient, data: dict, field: str, message: str) -> None:
    response = client.post("/mot-de-passe-oublie", data=data)
    assert response.status_code == 200
    assert error_next_to(unescape(response.get_data(as_text=True)), field) == message


@pytest.mark.parametrize(("password", "confirm", "field", "message"), [
    ("court1!", "court1!", "password", "Le mot de passe doit contenir au moins 8 caractères dont une majuscule, une minuscule, un chiffre et un caractère spécial."),
    ("Valide-2026!", "Autre-2026!", "confirm", "Les deux mots de passe ne correspondent pas."),
])
def test_reset_password_bad_input(
    client: FlaskClient, employee: dict, sent_mail: Any, password: str, confirm: str, field: str, message: str
) -> None:
    client.post("/mot-de-passe-oublie", data={"identifier": employee["identifier"], "email": employee["email"]})
    response = client.post(reset_link(sent_mail, employee["email"]), data={"password": password, "confirm": confirm})
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert error_next_to(html, field) == message
    assert password not in html


def test_lost_identifier_needs_the_privacy_box(client: FlaskClient, employee: dict, sent_mail: Any) -> None:
    data = lost_identifier_data(employee)
    data.pop("privacy")
    html = unescape(client.post("/identifiant-perdu", data=data).get_data(as_text=True))
    protects = guide_step("q01-identifiant-errone-perdu-non-recu", "remplir-formulaire")
    assert error_next_to(html, "privacy") == "Vous devez accepter la politique de confidentialité pour continuer.", \
        f"{protects} : sans la case cochée, le formulaire est refusé, le message à côté de la case"
    assert sent_mail(employee["email"]) == [], f"{protects} : sans la case cochée, aucun identifiant n'est envoyé"
