"""The simulator: situations, clock, payroll runs and enrolment letters, mailbox."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_portal.harness import situations


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


@pytest.mark.parametrize("name", ["compte-bloqué", "Compte bloqué", "compte-bloque"])
def test_a_trainer_starts_a_situation_from_the_page_and_sees_its_credentials(client: FlaskClient, name: str) -> None:
    response = client.post("/_sim/situations", data={"situation": name, "seed": "4"})
    assert response.status_code == 200
    page = unescape(response.get_data(as_text=True))
    assert "Situation « compte-bloque » démarrée" in page
    started = client.get("/_sim/api/employees/1").get_json()
    assert started["identifier"] in page and "Mot de passe :" in page


def test_an_unknown_situation_is_refused_with_a_french_message(client: FlaskClient) -> None:
    response = client.post("/_sim/situations", data={"situation": "inconnue", "seed": "4"}, follow_redirects=True)
    assert "Choisissez une situation de la liste" in unescape(response.get_data(as_text=True))


def test_reset_empties_the_whole_mock(client: FlaskClient, employee: dict, sent_mail: Any) -> None:
    client.post("/mot-de-passe-oublie", data={"identifier": employee["identifier"], "email": employee["email"]})
    client.post("/_sim/api/clock", json={"advance_minutes": 90})
    assert sent_mail(employee["email"])
    page = unescape(client.post("/_sim/reinitialiser", follow_redirects=True).get_data(as_text=True))
    assert "Simulateur réinitialisé" in page
    assert employee["identifier"] not in page and not sent_mail(employee["email"])
    assert client.get("/_sim/api/clock").get_json()["now"].startswith("2026-03-10T09:00")
    assert client.post("/_sim/api/situations/deux-coffres", json={"seed": 1}).status_code == 200


@pytest.mark.parametrize("body", [{"now": "pas une date"}, {"now": "2026-03-10T10:00"}, {"advance_minutes": "abc"},
                                  {"advance_minutes": 1e300}, {"advance_minutes": -5}, {}])
def test_clock_api_refuses_bad_changes_with_400(client: FlaskClient, body: dict) -> None:
    assert client.post("/_sim/api/clock", json=body).status_code == 400


def test_each_situation_a_trainer_starts_is_a_person_of_its_own(client: FlaskClient) -> None:
    """« compte bloqué » seeded first (make mock SITUATION=...), then « actif » started with the page's seed: the
    credentials the page shows open an active vault, not the locked one."""
    with client.application.app_context():
        locked = situations.create("compte-bloque", 1)
    seed = re.search(r'name="seed" inputmode="numeric" value="(\d+)"', client.get("/_sim/").get_data(as_text=True))
    assert seed is not None and seed[1] != "1"
    page = unescape(client.post("/_sim/situations", data={"situation": "actif", "seed": seed[1]}).get_data(as_text=True))
    active = client.get("/_sim/api/employees/2").get_json()
    assert active["email"] != locked["email"] and active["identifier"] in page
    password = re.search(r"Mot de passe : <strong>([^<]+)</strong>", page)
    assert password is not None
    response = client.post("/", data={"login": active["email"], "password": password[1]}, follow_redirects=True)
    assert "temporairement bloqué" not in unescape(response.get_data(as_text=True))
    assert response.request.path == "/coffre/"


def test_the_trainer_s_page_shows_how_each_seeded_employee_logs_in_outside_the_portal_s_frame(
        client: FlaskClient) -> None:
    """Seeded from the command line or the API alike: the page lists the password, the situation and its variant,
    each payroll run with its employer, and wears the simulator's own header, not the portal's footer."""
    locked = client.post("/_sim/api/situations/compte-bloque", json={"seed": 7}).json
    page = unescape(client.get("/_sim/").get_data(as_text=True))
    assert f"{locked['password']} <span class=\"muted\">— « compte-bloque », variante 7</span>" in page
    assert re.search(r"<li>\d{4}-\d{2} — " + re.escape(locked["employer"]) + "</li>", page)
    assert "Simulateur de la maquette" in page and "site-footer" not in page and "Graine" not in page
