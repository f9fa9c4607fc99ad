"""Procedures on a Playwright browser server (`playwright launch-server`), the local Chromium unlaunchable: the
browser comes over the connection, and an unusable server is said in one line."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scenarios.results import Run
from scenarios.target import chromium
from tests.helpers import ROOT, run_guide_tests, start_mock_process


@pytest.fixture
def hand_started_mock() -> Iterator[dict[str, str]]:
    """`python -m mock_portal --port 0`: its addresses and its certificate's key, as it prints them."""
    process, printed = start_mock_process("--port", "0")
    found = dict(re.findall(r"^(Portail MyCecurity|Refus \(refusdemat\)|Site Cecurity\.com|Certificat \(SPKI\)) *: "
                            r"(\S+)", printed, re.MULTILINE))
    yield {"portal": found["Portail MyCecurity"].rstrip("/"), "refusdemat": found["Refus (refusdemat)"].rstrip("/"),
           "corporate": found["Site Cecurity.com"].rstrip("/"), "spki": found["Certificat (SPKI)"]}
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


@pytest.fixture
def browser_server(tmp_path: Path, hand_started_mock: dict[str, str]) -> Iterator[str]:
    """`python -m playwright launch-server` on this machine's Chromium (its config names the executable and
    the flags a run gives it: the mock's certificate trusted by its key)."""
    executable = chromium.executable_path(None, headless=True)
    assert executable, "no Chromium to serve"
    config = tmp_path / "server.json"
    config.write_text(json.dumps({"executablePath": executable, "headless": True, "args": [
        *chromium.OFFLINE_ARGS, *chromium.RENDERING_ARGS,
        f"--ignore-certificate-errors-spki-list={hand_started_mock['spki']}"]}), encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "playwright", "launch-server", "--browser", "chromium",
                               "--config", str(config)], stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    endpoint = server.stdout.readline().strip()
    assert endpoint.startswith("ws://"), endpoint
    yield endpoint
    server.terminate()
    server.wait(timeout=30)


def test_a_procedure_runs_on_a_browser_server_with_no_local_browser(tmp_path: Path, browser_server: str,
                                                                    hand_started_mock: dict[str, str]) -> None:
    mock = hand_started_mock
    run = run_guide_tests(
        tmp_path, "-k", "q03", f"--browser-server={browser_server}", f"--base-url={mock['portal']}",
        f"--refusdemat-url={mock['refusdemat']}", f"--corporate-url={mock['corporate']}",
        f"--trust-spki={mock['spki']}", f"--sim-url={mock['portal']}", timeout=300,
        env={chromium.ENV_VAR: str(tmp_path / "no-chromium-here")})  # the local browser cannot start
    assert run.returncode == 0, run.stdout[-3000:]
    result = Run.read(tmp_path / "run").procedures["q03-changer-son-mot-de-passe"]
    assert result.status == "passed" and result.passed_steps == len(result.steps)


def test_a_browser_server_that_does_not_answer_is_said_in_one_line(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "pytest", "scenarios/guide.md", "-k", "q03", "-p", "no:randomly",
                          "-p", "no:xdist", "--browser-server=ws://127.0.0.1:9/nobody"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120,
                         env={k: v for k, v in os.environ.items() if k != "COFFRE_GUIDE_BROWSER_SERVER"})
    assert run.returncode == 4
    assert "ERROR: le serveur de navigateurs ne répond pas à ws://127.0.0.1:9/nobody" in run.stderr


def test_versions_apart_are_said_with_what_to_run() -> None:
    from playwright._repo_version import version

    said = chromium.refused_connection("ws://grid:3000/", RuntimeError(
        "BrowserType.connect: Playwright version mismatch:\n  - server version: v1.48\n  - client version: v1.65"))
    major_minor = ".".join(version.split(".")[:2])
    assert said == f"serveur de navigateurs ws://grid:3000/ : Playwright 1.48 côté serveur, {version} ici ; il faut " \
                   f"la même version majeure.mineure des deux côtés (image Docker mcr.microsoft.com/playwright:" \
                   f"v{major_minor}.x)"
