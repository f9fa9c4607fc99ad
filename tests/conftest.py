"""Fixtures for the mock's unit tests (an app per test, its client, a seeded employee) and for runs against a
real deployment (the mock in production mode, an IMAP test mailbox)."""

from __future__ import annotations

import re
import signal
import sqlite3
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from flask import Flask
from flask.testing import FlaskClient
from imap_tools import MailBoxUnencrypted
from pysasl.hashing import BuiltinHash

from mock_portal.harness import situations
from mock_portal.harness.mailcapture import MailCapture, free_port
from scenarios.publish import acceptance
from tests.helpers import GUIDE, IMAP_PASSWORD, IMAP_USER, REFUSAL, AuthActions, fake_run, make_app, start_mock_process

# A test mailbox's password: pysasl's default of 500,000 rounds costs a quarter of a second at every IMAP login.
TEST_MAILBOX_HASH = BuiltinHash(rounds=1000)


@pytest.fixture
def mail_capture(tmp_path: Path) -> Iterator[MailCapture]:
    capture = MailCapture(tmp_path / "mailbox.sqlite3").start()
    yield capture
    capture.stop()


@pytest.fixture
def app(tmp_path: Path, mail_capture: MailCapture) -> Flask:
    return make_app(tmp_path, "portal", mail_capture)


@pytest.fixture
def refusdemat_app(tmp_path: Path, mail_capture: MailCapture, app: Flask) -> Flask:
    return make_app(tmp_path, "refusdemat", mail_capture)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def employee(app: Flask) -> dict[str, Any]:
    """An active employee (personal e-mail, own password, payslips)."""
    with app.app_context():
        return situations.create("actif", seed=7)


@pytest.fixture
def sent_mail(app: Flask):
    """The mails the capture server received, as the simulator lists them."""

    def read(to: str) -> list[dict[str, Any]]:
        with app.app_context():
            from mock_portal.harness.simulation import mails

            return mails(to)

    return read


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def accepted(tmp_path: Path) -> Path:
    """An accepted set made from an earlier, passed run (black images)."""
    earlier = tmp_path / "earlier"
    fake_run(earlier, "black")
    folder = tmp_path / "accepted"
    acceptance.accept(GUIDE, earlier, folder)
    return folder


# ---- a real deployment: the mock in production mode, its mail delivered to an IMAP server (pymap)

@pytest.fixture
def imap_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """pymap serving one Maildir (the test mailbox every test address is delivered to) over IMAP."""
    base = tmp_path / "imap"
    base.mkdir()
    (base / "pymap-etc-passwd").write_text(f"{IMAP_USER}:x::::{IMAP_USER}:\n")
    (base / "pymap-etc-shadow").write_text(f"{IMAP_USER}:{TEST_MAILBOX_HASH.hash(IMAP_PASSWORD)}:::::\n")
    for attempt in range(5):  # pymap cannot pick a free port itself: another process may take ours first
        port = free_port()
        server = subprocess.Popen([str(Path(sys.executable).with_name("pymap")), "--host", "127.0.0.1", "--port",
                                   str(port), "--no-tls", "maildir", str(base)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and server.poll() is None:
            try:
                MailBoxUnencrypted("127.0.0.1", port).login(IMAP_USER, IMAP_PASSWORD).logout()
                break
            except OSError:
                time.sleep(0.1)
        if server.poll() is None:
            break
        assert attempt < 4, f"pymap did not start: {server.stderr.read() if server.stderr else ''}"
    yield f"imap://{IMAP_USER}:{IMAP_PASSWORD}@127.0.0.1:{port}", base / IMAP_USER
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def production_mock(tmp_path: Path, imap_server: tuple[str, Path]) -> Iterator[dict[str, str]]:
    """`python -m mock_portal --production`: no /_sim/, two active employees (the second one QA's account of its
    own for the refusal, which only the support undoes), mail delivered to the test mailbox."""
    accounts = tmp_path / "accounts.toml"
    process, printed = start_mock_process(
        "--production", "--port", "0", "--situation", "actif", "--situation", "deux-coffres", "--accounts-file",
        str(accounts), "--maildir", str(imap_server[1]), "--workdir", str(tmp_path / "mock"))
    written = tomllib.loads(accounts.read_text(encoding="utf-8"))
    own = {key: value for key, value in written.pop("deux-coffres").items() if key != "second_vault"}
    with sqlite3.connect(tmp_path / "mock" / "mock.sqlite3") as db:
        (refusal_employee,) = db.execute("SELECT id FROM employee WHERE email = ?", (own["email"],)).fetchone()
    accounts.write_text(tomli_w.dumps({**written, REFUSAL: own}), encoding="utf-8")
    found = dict(re.findall(r"^(Portail MyCecurity|Refus \(refusdemat\)|Site Cecurity\.com|Certificat \(SPKI\)) *: "
                            r"(\S+)", printed, re.MULTILINE))
    assert len(found) == 4, printed
    yield {"portal": found["Portail MyCecurity"].rstrip("/"), "refusdemat": found["Refus (refusdemat)"].rstrip("/"),
           "corporate": found["Site Cecurity.com"].rstrip("/"), "spki": found["Certificat (SPKI)"],
           "accounts": str(accounts), "mailbox": imap_server[0], "database": str(tmp_path / "mock" / "mock.sqlite3"),
           "refusal_employee": refusal_employee, "maildir": str(imap_server[1])}
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
