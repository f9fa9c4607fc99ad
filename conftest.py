"""Fixtures, layered: mock stage -> simulator -> browser launch -> context -> page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserType

from mock_portal import DEFAULT_URLS
from mock_portal.stage import Stage
from scenarios import browser as browser_resolution
from scenarios.sim import Simulator

pytest_plugins = ["scenarios.plugin"]

VIEWPORT = {"width": 1280, "height": 800}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("coffre-guide")
    group.addoption("--refusdemat-url", help="base URL of the refusal site (default: embedded mock)")
    group.addoption("--corporate-url", help="base URL of the corporate site (default: embedded mock)")
    group.addoption("--sim-url", help="portal URL whose /_sim/api drives the simulator")
    group.addoption("--connect", metavar="WS_ENDPOINT",
                    help="run on a remote Playwright browser server (ws://host:port/...) instead of launching one")


@pytest.fixture(scope="session")
def stage(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stage | None]:
    """The embedded mock (one per xdist worker), unless --base-url names another portal."""
    if pytestconfig.getoption("--base-url"):
        yield None
        return
    with Stage(tmp_path_factory.mktemp("stage")) as running:
        yield running


@pytest.fixture(scope="session")
def site_urls(pytestconfig: pytest.Config, stage: Stage | None) -> dict[str, str]:
    """Base URL of each site: the guide's host names, mapped onto the embedded mock."""
    if stage is not None:
        return dict(DEFAULT_URLS)
    return {
        "portal": pytestconfig.getoption("--base-url").rstrip("/"),
        "refusdemat": (pytestconfig.getoption("--refusdemat-url") or DEFAULT_URLS["refusdemat"]).rstrip("/"),
        "corporate": (pytestconfig.getoption("--corporate-url") or DEFAULT_URLS["corporate"]).rstrip("/"),
    }


@pytest.fixture(scope="session")
def base_url(site_urls: dict[str, str]) -> str:
    return site_urls["portal"]


@pytest.fixture(scope="session")
def simulator(pytestconfig: pytest.Config, stage: Stage | None) -> Simulator | None:
    """The simulator's client, or None when the target portal has none."""
    url = pytestconfig.getoption("--sim-url") or (stage.address("portal") if stage else None)
    if url is None:
        return None
    sim = Simulator(url)
    return sim if sim.available() else None


@pytest.fixture
def sim(simulator: Simulator | None) -> Simulator:
    """The simulator, with its clock back at the start; skips when there is none."""
    if simulator is None:
        pytest.skip("the target portal has no simulator (clock, payroll runs, mailbox)")
    simulator.reset_clock()
    return simulator


@pytest.fixture(scope="session")
def browser_type_launch_args(
    pytestconfig: pytest.Config,
    browser_type_launch_args: dict[str, Any],
    browser_type: BrowserType,
    browser_name: str,
    stage: Stage | None,
) -> dict[str, Any]:
    """The plugin's options (--headed, --slowmo, --browser-channel) plus our browser and flags.

    Playwright has no environment variable for the executable (microsoft/playwright#35100),
    so the path is passed here, spreading the plugin's value (microsoft/playwright-pytest#76).
    """
    if browser_name != "chromium":
        if not pytestconfig.getoption("--connect") and not Path(browser_type.executable_path).exists():
            pytest.skip(f"{browser_name} is not installed here: `python -m playwright install {browser_name}` "
                        "where downloads are allowed")
        return browser_type_launch_args
    args = [*browser_resolution.OFFLINE_ARGS, *browser_resolution.RENDERING_ARGS]
    if stage is not None:
        args.append(f"--host-resolver-rules={stage.host_resolver_rules}")
    launch = {**browser_type_launch_args, "args": [*browser_type_launch_args.get("args", []), *args]}
    if pytestconfig.getoption("--connect"):
        # The server launches the browser with these options; only an explicit path makes sense there.
        explicit = os.environ.get(browser_resolution.ENV_VAR)
        if explicit:
            launch["executable_path"] = explicit
    elif "channel" not in launch:
        try:
            path = browser_resolution.executable_path(browser_type.executable_path)
        except browser_resolution.BrowserNotFound as error:
            pytest.skip(str(error))
        if path:
            launch["executable_path"] = path
    return launch


@pytest.fixture(scope="session")
def connect_options(pytestconfig: pytest.Config) -> dict[str, Any] | None:
    """--connect ws://...: the browser comes from a Playwright browser server (a shared grid)."""
    endpoint = pytestconfig.getoption("--connect")
    return {"endpoint": endpoint} if endpoint else None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """Stable contexts: French locale, Paris time, fixed viewport and scale, no motion."""
    return {
        **browser_context_args,
        "locale": "fr-FR",
        "timezone_id": "Europe/Paris",
        "viewport": VIEWPORT,
        "device_scale_factor": 1,
        "reduced_motion": "reduce",
        "color_scheme": "light",
        "ignore_https_errors": True,
    }


@pytest.fixture(scope="session")
def reports_dir() -> Path:
    path = Path(__file__).parent / "reports"
    path.mkdir(exist_ok=True)
    return path
