"""Fixtures for the mock's unit tests: an app per test, its client, a seeded employee."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_portal import create_app, situations
from mock_portal.mailcapture import MailCapture

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis profiles, registered before its plugin reads --hypothesis-profile: "default" (CI), and
    "nightly" for `pytest tests/test_fuzz.py tests/test_http_surface.py --hypothesis-profile=nightly`. None
    is loaded here, which would undo the command line's choice. Not where the plugin is off (the guide job,
    whose procedures use no Hypothesis, saves its import: half a second per process)."""
    if not config.pluginmanager.has_plugin("hypothesispytest"):
        return
    from hypothesis import HealthCheck, settings

    quiet = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
    settings.register_profile("default", max_examples=200, deadline=None, suppress_health_check=quiet)
    settings.register_profile("nightly", max_examples=5000, deadline=None, suppress_health_check=quiet)


@pytest.fixture
def mail_capture(tmp_path: Path) -> Iterator[MailCapture]:
    capture = MailCapture(tmp_path / "mailbox.sqlite3").start()
    yield capture
    capture.stop()


def make_app(tmp_path: Path, site: str, capture: MailCapture, **config: Any) -> Flask:
    return create_app(site, {
        "TESTING": True,
        "DATABASE": str(tmp_path / "mock.sqlite3"),
        "SIMULATION": True,
        "WTF_CSRF_ENABLED": False,
        "SMTP_PORT": capture.port,
        "MAILBOX": str(capture.database),
        **config,
    })


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
            from mock_portal.simulation import mails

            return mails(to)

    return read


class AuthActions:
    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, login: str, password: str):
        return self.client.post("/", data={"login": login, "password": password})

    def logout(self):
        return self.client.post("/deconnexion")


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


def run_guide_tests(results: Path, *options: str, timeout: float, env: dict[str, str] | None = None,
                    ) -> subprocess.CompletedProcess[str]:
    """`pytest tests/test_guide.py OPTIONS` in a process of its own, as the guide job runs it (no audit, no
    trace, no retry: OPTIONS may say otherwise), its run report, JUnit XML and Playwright output in `results`."""
    from scenarios.cli import JOB_OPTIONS

    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_guide.py", "-p", "no:randomly", "-p", "no:xdist", "-q",
         f"--report-dir={results / 'run'}", f"--junitxml={results / 'junit.xml'}",
         f"--output={results / 'playwright'}", *JOB_OPTIONS, *options],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})})


def start_mock_process(*args: str) -> tuple[subprocess.Popen[str], str]:
    """`python -m mock_portal ARGS` once it serves: the process and what it printed (its addresses).

    If it stops before, what it printed says why.
    """
    process = subprocess.Popen([sys.executable, "-m", "mock_portal", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    printed = ""
    for line in process.stdout:
        printed += line
        if line.startswith("Ctrl+C"):
            return process, printed
    process.wait(timeout=30)
    raise RuntimeError(f"the mock did not start:\n{printed}")


def guide_step(procedure_id: str, step_id: str) -> str:
    """The guide's step a test protects, as its failure message names it."""
    from scenarios.guide import procedure

    guide = procedure(procedure_id)
    step = guide.step(step_id)
    return f"Q{guide.question} « {guide.title} », étape {step.number} ({step.where}) « {step.text} »"


def error_next_to(html: str, field_id: str) -> str:
    """The error message rendered next to a field (the element its aria-describedby names)."""
    match = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', html, re.S)
    return match[1] if match else ""
