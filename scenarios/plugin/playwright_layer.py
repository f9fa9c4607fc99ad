"""pytest-playwright adapted to the guide: which Chromium, how it reaches the portal, stable contexts.

These fixtures override pytest-playwright's of the same name. The plugin registers this module when pytest is
configured, after every plugin installed (pytest-playwright included): of two fixtures of one name, the one
registered last wins, whatever order the entry points load in; and a suite run from another folder (a guide
kept elsewhere, `--guide`) has them without any conftest.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, BrowserType, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from scenarios.finding import find
from scenarios.plugin.stash import is_retry
from scenarios.target import chromium as browser_resolution
from scenarios.target.sites import Sites


@pytest.fixture(scope="session")
def base_url(sites: Sites) -> str:
    """pytest-playwright's base URL: the portal the sites fixture chose."""
    return sites.portal


@pytest.fixture(scope="session")
def browser_type_launch_args(
    pytestconfig: pytest.Config,
    browser_type_launch_args: dict[str, Any],
    browser_type: BrowserType,
    browser_name: str,
    sites: Sites,
) -> dict[str, Any]:
    """The plugin's options (--headed, --slowmo, --browser-channel) plus our browser and flags.

    Playwright has no environment variable for the executable (microsoft/playwright#35100),
    so the path is passed here, spreading the plugin's value (microsoft/playwright-pytest#76).
    """
    if browser_name != "chromium":
        if not pytestconfig.getoption("browser_server") and not Path(browser_type.executable_path).exists():
            pytest.skip(f"{browser_name} is not installed here: `python -m playwright install {browser_name}` "
                        "where downloads are allowed")
        return browser_type_launch_args
    args = [*browser_resolution.OFFLINE_ARGS, *browser_resolution.RENDERING_ARGS, *sites.chromium_args]
    launch = {**browser_type_launch_args, "args": [*browser_type_launch_args.get("args", []), *args]}
    if pytestconfig.getoption("browser_server"):
        # A run-server launches the browser with these options (a launch-server with its own): only an explicit
        # path makes sense there.
        explicit = os.environ.get(browser_resolution.ENV_VAR)
        if explicit:
            launch["executable_path"] = explicit
    elif "channel" not in launch:
        try:
            path = browser_resolution.executable_path(browser_type.executable_path, launch.get("headless", True))
        except browser_resolution.BrowserNotFound as error:
            pytest.skip(str(error))
        if path:
            launch["executable_path"] = path
    return launch


@pytest.fixture(scope="session")
def connect_options(pytestconfig: pytest.Config) -> dict[str, Any] | None:
    """--browser-server ws://...: the browser comes from a Playwright browser server (a grid, a container), and
    reaches the runner's loopback (the embedded mock, a hand-started one) through the connection."""
    endpoint = pytestconfig.getoption("browser_server")
    return {"endpoint": endpoint, "expose_network": browser_resolution.LOOPBACK} if endpoint else None


@pytest.fixture(scope="session")
def launch_browser(launch_browser: Callable[..., Browser], connect_options: dict[str, Any] | None
                   ) -> Callable[..., Browser]:
    """pytest-playwright's, with a browser server that refuses us said in one line (versions apart, say) and the
    run stopped there: every procedure would fail the same way."""
    def launch(**kwargs: Any) -> Browser:
        try:
            return launch_browser(**kwargs)
        except PlaywrightError as error:
            if not connect_options:
                raise
            pytest.exit(browser_resolution.refused_connection(connect_options["endpoint"], error), returncode=4)

    return launch


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """Stable contexts: French locale, Paris time, fixed viewport and scale, no motion."""
    return {**browser_context_args, **browser_resolution.CONTEXT_OPTIONS}


@pytest.fixture
def context(new_context: Callable[..., BrowserContext], pytestconfig: pytest.Config,
            request: pytest.FixtureRequest) -> BrowserContext:
    """pytest-playwright's context, traced as Playwright Test's CI default does ("on-first-retry").

    A first attempt's trace keeps the actions, their sources, the network and the console, without DOM
    snapshots or screencast (a third of a procedure's time); a failed test runs again (--reruns=1, pytest-
    rerunfailures) with DOM snapshots, and that retry's trace is the one to open. A test that passes on its
    retry fails the run all the same (--fail-on-flaky). pytest-playwright starts every trace with snapshots
    and screenshots and has no option for it (microsoft/playwright#10147).
    """
    created = new_context()
    if pytestconfig.getoption("--tracing") != "off":
        created.tracing.stop()
        created.tracing.start(title=request.node.nodeid, snapshots=is_retry(request.node), sources=True,
                              screenshots=False)
    return created


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright's driver, its `newest=` engine registered before any context is made (the simulator's
    client trusts the mock's certificate by its key: target/simulator.py)."""
    with sync_playwright() as driver:
        find.register_engines(driver)
        yield driver
