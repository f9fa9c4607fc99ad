"""Which Chromium runs: an explicit path, Playwright's own, the system's headless shell, the system's browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenarios.target import chromium as browser


@pytest.fixture
def system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A machine whose only browsers are the distribution's Chromium and its headless shell."""
    installed = {"/usr/lib/chromium/chromium-headless-shell": "shell", "/usr/bin/chromium": "full"}
    monkeypatch.setattr(browser.shutil, "which", lambda name: name if name in installed else None)
    monkeypatch.delenv(browser.ENV_VAR, raising=False)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "none"))
    return installed


def test_a_headless_run_takes_the_headless_shell_a_headed_one_the_browser(system: dict[str, str]) -> None:
    assert browser.executable_path(None, headless=True) == "/usr/lib/chromium/chromium-headless-shell"
    assert browser.executable_path(None, headless=False) == "/usr/bin/chromium"


def test_without_the_shell_a_headless_run_takes_the_browser(system: dict[str, str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser.shutil, "which", lambda name: name if name == "/usr/bin/chromium" else None)
    assert browser.executable_path(None, headless=True) == "/usr/bin/chromium"


def test_playwright_own_build_and_an_explicit_path_come_first(system: dict[str, str], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "chrome"
    own.write_text("")
    assert browser.executable_path(str(own)) is None  # Playwright launches its own
    monkeypatch.setenv(browser.ENV_VAR, str(own))
    assert browser.executable_path(None) == str(own)


def test_the_set_up_does_not_start_playwright_when_it_has_no_browser_of_its_own(
        system: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def driver() -> str:
        raise AssertionError("the set-up started Playwright's driver to learn a path it could not hold")

    monkeypatch.setattr(browser, "playwright_chromium_path", driver)
    assert browser.ensure_browser() == "/usr/lib/chromium/chromium-headless-shell"
    (tmp_path / "none" / "chromium-1255").mkdir(parents=True)
    assert browser.playwright_may_have_chromium()
