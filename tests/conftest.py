"""Fixtures for the mock's unit tests: an app per test, its client, a seeded employee."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock_portal import situations
from mock_portal.mailcapture import MailCapture
from scenarios.report import acceptance
from tests.helpers import AuthActions, fake_run, make_app


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


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def accepted(tmp_path: Path) -> Path:
    """An accepted set made from an earlier, passed run (black images)."""
    earlier = tmp_path / "earlier"
    fake_run(earlier, "black")
    folder = tmp_path / "accepted"
    acceptance.accept(earlier, folder)
    return folder
