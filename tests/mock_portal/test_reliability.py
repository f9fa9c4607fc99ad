"""Authentication as a real portal behaves, and state that was committed survives a crash."""

from __future__ import annotations

import json
import os
import re
import signal
import ssl
import subprocess
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

import mock_portal
from mock_portal import accounts, product
from mock_portal.harness.mailcapture import MailCapture
from tests.helpers import AuthActions, lost_identifier_data, make_app, reset_link, start_mock_process


def test_reset_tokens_carry_at_least_128_bits(client: FlaskClient, employee: dict, sent_mail: Any) -> None:
    tokens = set()
    for _ in range(3):
        client.post("/mot-de-passe-oublie", data={"identifier": employee["identifier"], "email": employee["email"]})
        tokens.add(reset_link(sent_mail, employee["email"]).rsplit("/", 1)[1])
    assert len(tokens) == 3
    assert all(re.fullmatch(r"[\w-]{43}", t) for t in tokens)  # token_urlsafe(32): 256 bits


def test_lost_identifier_costs_a_password_hash_on_both_paths(
    client: FlaskClient, employee: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No timing oracle: an unknown identity does the same expensive work as a known one."""
    calls: list[str] = []
    real_check, real_generate = accounts.check_password_hash, accounts.generate_password_hash
    monkeypatch.setattr(accounts, "check_password_hash", lambda *a: calls.append("check") or real_check(*a))
    monkeypatch.setattr(accounts, "generate_password_hash", lambda *a, **k: calls.append("hash") or real_generate(*a, **k))
    for _ in range(2):  # the first call also makes the process's one dummy hash
        calls.clear()
        client.post("/identifiant-perdu", data=lost_identifier_data(employee, private_number="000000"))
    unknown = len(calls)
    calls.clear()
    client.post("/identifiant-perdu", data=lost_identifier_data(employee))
    assert unknown == len(calls) == 1


def test_lockout_survives_a_restart(tmp_path: Path, mail_capture: MailCapture, app: Flask,
                                    auth: AuthActions, employee: dict) -> None:
    for _ in range(product.LOCKOUT_ATTEMPTS):
        auth.login(employee["identifier"], "Mauvais-1!")
    restarted = make_app(tmp_path, "portal", mail_capture).test_client()
    response = restarted.post("/", data={"login": employee["identifier"], "password": employee["password"]})
    assert product.LOCKOUT_MESSAGE.split(".")[0] in response.get_data(as_text=True).replace("&#39;", "'")


def api(base: str, path: str, ca: Path, body: dict | None = None) -> Any:
    """The simulator's JSON API, over https, trusting the mock's test CA (in its work folder)."""
    request = urllib.request.Request(base + "/_sim/api" + path, data=json.dumps(body).encode() if body else None,
                                     headers={"Content-Type": "application/json"}, method="POST" if body else "GET")
    context = ssl.create_default_context(cafile=str(ca))
    with urllib.request.urlopen(request, timeout=10, context=context) as response:
        return json.load(response)


def start_mock(workdir: Path) -> tuple[subprocess.Popen[str], str]:
    """`python -m mock_portal --port 0`: each site on a port the system picks, read back from its output,
    so nothing can take it in between; if the mock does not start, what it printed says why."""
    process, printed = start_mock_process("--port", "0", "--workdir", str(workdir))
    found = re.search(r"Portail MyCecurity : (https://127\.0\.0\.1:\d+)/", printed)
    assert found, printed
    return process, found[1]


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_crash_loses_no_committed_change(tmp_path: Path) -> None:
    ca = tmp_path / "mock-ca.pem"
    mock, base = start_mock(tmp_path)
    try:
        hire = api(base, "/situations/nouveau-salarie", ca, {"seed": 9})
        api(base, f"/employers/{hire['employer_id']}/payroll", ca, {"period": "2026-03"})
        moved = api(base, "/clock", ca, {"advance_minutes": 90})["now"]
    finally:
        mock.send_signal(signal.SIGKILL)
        mock.wait(timeout=10)
    mock, base = start_mock(tmp_path)
    try:
        employee = api(base, f"/employees/{hire['employee_id']}", ca)  # a new CA: the mock made one at restart
        assert len(employee["identifier"]) == 12 and len(employee["letters"]) == 1
        assert api(base, "/clock", ca)["now"] == moved
    finally:
        mock.terminate()
        mock.wait(timeout=10)


def test_pages_render_where_compiled_templates_cannot_be_stored(tmp_path: Path, mail_capture: MailCapture,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The templates' cache is a cache: a folder it cannot write to (here, one that does not exist) costs a
    compile, never a page."""
    monkeypatch.setattr(mock_portal, "COMPILED_TEMPLATES", mock_portal.CompiledTemplates(str(tmp_path / "absent")))
    app = make_app(tmp_path, "portal", mail_capture)
    response = app.test_client().get("/")
    assert response.status_code == 200 and "Mot de passe" in response.get_data(as_text=True)
    assert not (tmp_path / "absent").exists()


def test_no_template_cache_where_its_folder_is_not_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Jinja refuses a cache folder another user owns: the mock then compiles templates per app, and starts."""
    folder = tmp_path / f"_jinja2-cache-{os.getuid()}"
    folder.mkdir(mode=0o700)
    if os.getuid() == 0:
        os.chown(folder, 1, -1)  # another user's
    else:
        folder.chmod(0o777)  # anyone's to write to
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert mock_portal.compiled_templates() is None
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "elsewhere"))
    (tmp_path / "elsewhere").mkdir()
    assert isinstance(mock_portal.compiled_templates(), mock_portal.CompiledTemplates)
