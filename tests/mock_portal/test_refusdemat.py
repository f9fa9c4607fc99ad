"""The refusal site: request, confirmation, printable receipt; no self-service way back."""

from __future__ import annotations

from html import unescape

import pytest
from flask import Flask

from mock_portal.db import connect
from tests.helpers import error_next_to, guide_step


def form(employee: dict, **changes: str) -> dict[str, str]:
    return {"identifier": employee["identifier"], "password": employee["password"],
            "employer": str(employee["employer_id"]), "data_policy": "y", **changes}


def test_refusal_needs_confirmation_then_gives_a_receipt(refusdemat_app: Flask, employee: dict) -> None:
    client = refusdemat_app.test_client()
    assert client.post("/", data=form(employee)).location == "/confirmation"
    db = connect(refusdemat_app.config["DATABASE"])
    assert db.execute("SELECT paperless FROM employee WHERE id = ?", (employee["employee_id"],)).fetchone()[0] == 1
    receipt = client.post("/confirmation", follow_redirects=True)
    html = unescape(receipt.get_data(as_text=True))
    assert "Votre demande a bien été prise en compte" in html and "RD-20260310-" in html
    assert db.execute("SELECT paperless FROM employee WHERE id = ?", (employee["employee_id"],)).fetchone()[0] == 0
    again = unescape(client.post("/", data=form(employee)).get_data(as_text=True))
    assert "contactez le support" in again


@pytest.mark.parametrize(("field", "value", "message"), [
    ("identifier", "abc", "L'identifiant est composé de 12 chiffres."),
    ("password", "", "Ce champ est obligatoire."),
    ("employer", "999", "Sélectionnez votre employeur dans la liste."),
    ("data_policy", "", "Vous devez accepter la politique des données personnelles pour continuer."),
])
def test_refusal_bad_input(refusdemat_app: Flask, employee: dict, field: str, value: str, message: str) -> None:
    data = form(employee, **{field: value})
    if not value:
        data.pop(field)
    response = refusdemat_app.test_client().post("/", data=data)
    assert response.status_code == 200
    html = unescape(response.get_data(as_text=True))
    assert error_next_to(html, field) == message
    assert employee["password"] not in html


def test_wrong_employer_is_refused_without_saying_which_field(refusdemat_app: Flask, employee: dict) -> None:
    db = connect(refusdemat_app.config["DATABASE"])
    other = db.execute("INSERT INTO employer (name, siret) VALUES ('Autre SA', '1')").lastrowid
    response = refusdemat_app.test_client().post("/", data=form(employee, employer=str(other)))
    assert response.status_code == 401
    assert "Identifiant, mot de passe ou employeur incorrect." in unescape(response.get_data(as_text=True))


def test_refusal_needs_the_data_policy_box(refusdemat_app: Flask, employee: dict) -> None:
    data = form(employee)
    data.pop("data_policy")
    response = refusdemat_app.test_client().post("/", data=data)
    protects = guide_step("q08-refuser-la-dematerialisation", "remplir-et-valider")
    assert response.status_code == 200 and error_next_to(unescape(response.get_data(as_text=True)), "data_policy") \
        == "Vous devez accepter la politique des données personnelles pour continuer.", \
        f"{protects} : sans la politique validée, la demande est refusée, le message à côté de la case"
