"""Property-based: random and hostile values into every form of the three sites.

Never a 5xx, never a submitted script rendered unescaped, the database intact afterwards.
`pytest tests/mock_portal/test_fuzz.py --hypothesis-profile=nightly` runs many more submissions.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import given
from hypothesis import strategies as st

from mock_portal.harness import situations
from mock_portal.harness.mailcapture import MailCapture
from tests.helpers import HOSTILE, SCRIPT, integrity, make_app

value = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300), st.integers().map(str))

# (site, path, fields, logged in)
FORMS = [
    ("portal", "/", ["login", "password"], False),
    ("portal", "/mot-de-passe-oublie", ["identifier", "email"], False),
    ("portal", "/identifiant-perdu", ["last_name", "first_name", "birth_city", "birth_month", "mobile", "email",
                                      "email_confirm", "private_number", "privacy"], False),
    ("portal", "/reinitialiser/unjetoninconnu", ["password", "confirm"], False),
    ("portal", "/aide", ["name", "identifier", "employer", "email", "subject", "message"], False),
    ("portal", "/profil/", ["email", "mobile", "version"], True),
    ("portal", "/profil/mot-de-passe", ["current", "password", "confirm"], True),
    ("portal", "/coffre/documents/1", ["recipient"], True),
    ("portal", "/coffre/mes-documents", ["title", "document"], True),
    ("portal", "/_sim/horloge", ["minutes"], False),
    ("portal", "/_sim/employeurs/1/train-de-paie", ["period"], False),
    ("refusdemat", "/", ["identifier", "password", "employer", "data_policy"], False),
    ("refusdemat", "/confirmation", [], False),
    ("refusdemat", "/annuler", [], False),
]


def plausible(employee: dict[str, Any]) -> dict[str, str]:
    """A valid value for each field, so that random ones also reach the code behind validation."""
    return {
        "login": employee["identifier"], "password": employee["password"], "identifier": employee["identifier"],
        "email": employee["email"], "email_confirm": employee["email"], "last_name": employee["last_name"],
        "first_name": employee["first_name"], "birth_city": employee["birth_city"],
        "birth_month": str(employee["birth_month"]), "mobile": employee["mobile"],
        "private_number": employee["private_number"], "privacy": "y", "confirm": employee["password"],
        "name": "Paul Dupont", "employer": str(employee["employer_id"]), "subject": "fusion",
        "message": "Bonjour", "version": "1", "current": employee["password"], "recipient": "rh@example.org",
        "title": "Justificatif", "document": "justificatif.pdf", "minutes": "5", "period": "2026-04",
        "data_policy": "y",
    }


@pytest.fixture
def apps(tmp_path: Path, mail_capture: MailCapture) -> dict[str, Flask]:
    fast = {"WTF_CSRF_ENABLED": True, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"}
    portal = make_app(tmp_path, "portal", mail_capture, **fast)
    return {"portal": portal, "refusdemat": make_app(tmp_path, "refusdemat", mail_capture, **fast)}


def csrf_token(client: FlaskClient, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page)
    return found[1] if found else ""


@pytest.mark.parametrize(("site", "path", "fields", "logged_in"), FORMS, ids=[f"{s}{p}" for s, p, _, _ in FORMS])
def test_form_holds_under_random_input(apps: dict[str, Flask], site: str, path: str, fields: list[str],
                                       logged_in: bool, record_property: Any) -> None:
    with apps["portal"].app_context():
        employee = situations.create("actif", seed=1)
    before = integrity(apps["portal"].config["DATABASE"])
    client = apps[site].test_client()
    if logged_in:
        client.post("/", data={"login": employee["identifier"], "password": employee["password"],
                               "csrf_token": csrf_token(client, "/")})
    form_page = path if client.get(path).status_code == 200 else "/"
    submissions = accepted = 0

    valid = plausible(employee)
    # Mostly valid values with one or two hostile ones, sometimes a field missing: deep paths get reached.
    fields_strategy = st.fixed_dictionaries({f: st.one_of(st.just(valid[f]), st.just(valid[f]), value) for f in fields})

    session_token: dict[str, str] = {}  # the session's CSRF token, fetched again once the session cookie changes

    def valid_token() -> str:
        cookie = client.get_cookie("session")
        if session_token.get("session") != (cookie.value if cookie else ""):
            value = csrf_token(client, form_page)
            cookie = client.get_cookie("session")  # fetching the form may have started the session
            session_token.update(session=cookie.value if cookie else "", value=value)
        return session_token["value"]

    @given(data=fields_strategy, missing=st.lists(st.sampled_from(fields or [""]), max_size=1),
           token=st.sampled_from(["valid", "valid", "missing", "wrong"]), upload=st.binary(max_size=2048))
    def submit(data: dict[str, str], missing: list[str], token: str, upload: bytes) -> None:
        nonlocal submissions, accepted
        body: dict[str, Any] = {k: v for k, v in data.items() if k not in missing}
        if token == "valid":
            body["csrf_token"] = valid_token()
        elif token == "wrong":
            body["csrf_token"] = "faux" + data.get(fields[0], "") if fields else "faux"
        if "document" in body:
            body["document"] = (io.BytesIO(upload), body["document"][:50] or "fichier")
        response = client.post(path, data=body, content_type="multipart/form-data" if "document" in body else None)
        submissions += 1
        accepted += response.status_code in (301, 302, 303)
        assert response.status_code < 500, (path, body, response.status_code)
        html = response.get_data(as_text=True)
        assert not SCRIPT.search(html), f"unescaped script on {path}"

    submit()
    record_property("submissions", submissions)
    record_property("accepted", accepted)  # submissions that passed validation: the deep paths ran
    after = integrity(apps["portal"].config["DATABASE"])
    assert after[0] == "ok" and after[1] == []
    assert after[2] == before[2], "employees appeared or vanished"
