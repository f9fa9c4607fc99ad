"""The simulator: situations, clock, payroll runs and enrolment letters, mailbox."""

from __future__ import annotations

from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_portal import situations


@pytest.mark.parametrize("name", sorted(situations.SITUATIONS))
def test_every_situation_can_be_seeded(client: FlaskClient, name: str) -> None:
    response = client.post(f"/_sim/api/situations/{name}", json={"seed": 5})
    assert response.status_code == 200
    assert response.json["situation"] == name and response.json["last_name"]


def test_situations_are_reproducible(tmp_path_factory: pytest.TempPathFactory, app: Flask) -> None:
    with app.app_context():
        first = situations.create("actif", seed=11)
    from mock_portal import create_app

    second_app = create_app("portal", {"DATABASE": str(tmp_path_factory.mktemp("b") / "db.sqlite3"), "SIMULATION": True})
    with second_app.app_context():
        second = situations.create("actif", seed=11)
    for key in ("last_name", "first_name", "identifier", "email", "password", "private_number"):
        assert first[key] == second[key]


def test_no_letter_before_the_first_payroll_run(client: FlaskClient) -> None:
    hire = client.post("/_sim/api/situations/nouveau-salarie", json={"seed": 4}).json
    assert hire["identifier"] is None and hire["letter_id"] is None
    summary = client.post(f"/_sim/api/employers/{hire['employer_id']}/payroll", json={"period": "2026-03"}).json
    assert summary == {"payslips": 1, "letters": 1, "paper": 0}
    employee = client.get(f"/_sim/api/employees/{hire['employee_id']}").json
    assert len(employee["identifier"]) == 12 and len(employee["letters"]) == 1
    letter = unescape(client.get(f"/_sim/courriers/{employee['letters'][0]}").get_data(as_text=True))
    assert employee["identifier"] in letter and hire["private_number"] in letter


def test_refused_employee_gets_paper(client: FlaskClient) -> None:
    refused = client.post("/_sim/api/situations/refus-demat", json={"seed": 4}).json
    summary = client.post(f"/_sim/api/employers/{refused['employer_id']}/payroll", json={"period": "2026-03"}).json
    assert summary == {"payslips": 0, "letters": 0, "paper": 1}


def test_clock_advances_and_resets(client: FlaskClient) -> None:
    start = client.get("/_sim/api/clock").json["now"]
    moved = client.post("/_sim/api/clock", json={"advance_minutes": 120}).json["now"]
    assert moved > start
    assert client.post("/_sim/api/clock", json={"reset": True}).json["now"] == start


@pytest.mark.parametrize(("path", "body"), [
    ("/_sim/api/clock", {}),
    ("/_sim/api/employers/1/payroll", {"period": "mars"}),
    ("/_sim/api/situations/inconnue", {"seed": 1}),
])
def test_simulator_api_bad_input(client: FlaskClient, path: str, body: dict) -> None:
    assert client.post(path, json=body).status_code in (400, 404)


def test_back_office_deposit_form_rejects_bad_period(client: FlaskClient) -> None:
    client.post("/_sim/api/situations/nouveau-salarie", json={"seed": 4})
    response = client.post("/_sim/employeurs/1/train-de-paie", data={"period": "2026/13"}, follow_redirects=True)
    assert response.status_code == 200
    assert "Indiquez une période au format AAAA-MM." in unescape(response.get_data(as_text=True))
