"""What several test modules use: apps and clients of the mock, the guide run in a process of its own, the
mock's command line, and the searches a test of secrets or of hostile input makes."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from mock_portal import create_app
from mock_portal.harness.mailcapture import MailCapture
from scenarios.guide import Guide
from scenarios.plugin.session import coverage
from scenarios.publish import shots
from scenarios.results import CoverageRow, ProcedureResult, Run

ROOT = Path(__file__).resolve().parent.parent
GUIDE = Guide.read()  # the checkout's guide, as a run reads it


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


class AuthActions:
    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, login: str, password: str):
        return self.client.post("/", data={"login": login, "password": password})

    def logout(self):
        return self.client.post("/deconnexion")


def run_guide_tests(results: Path, *options: str, timeout: float, env: dict[str, str] | None = None,
                    guide: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`pytest GUIDE OPTIONS` in a process of its own, as the guide job runs it (no audit, no trace, no retry:
    OPTIONS may say otherwise), its run report, JUnit XML and Playwright output in `results`; GUIDE is `guide`
    (passed as --guide too), else the checkout's."""
    from scenarios.commands.cli import JOB_OPTIONS

    chosen = [str(guide), f"--guide={guide}"] if guide else ["scenarios/guide.md"]
    return subprocess.run(
        [sys.executable, "-m", "pytest", *chosen, "-p", "no:randomly", "-p", "no:xdist", "-q",
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
    guide = GUIDE.procedure(procedure_id)
    step = guide.step(step_id)
    return f"Q{guide.question} « {guide.title} », étape {step.number} ({step.where}) « {step.text} »"


def error_next_to(html: str, field_id: str) -> str:
    """The error message rendered next to a field (the element its aria-describedby names)."""
    match = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', html, re.S)
    return match[1] if match else ""


# ---- hostile input (tests/mock_portal/test_fuzz.py, tests/mock_portal/test_http_surface.py)

HOSTILE = [
    "", " ", "\x00", "\x1b[31m", "é" * 300, "x" * 5000, "<script>alert('xss')</script>",
    "\"><img src=x onerror=alert(1)>", "' OR '1'='1", "1; DROP TABLE employee; --", "%00", "../../etc/passwd",
    "{{ 7*7 }}", "${7*7}", "\u202e\u200b", "😀" * 20, "0" * 12, "999999999999", "-1", "2026-13", "1e309",
]
SCRIPT = re.compile(r"<script>alert|<img src=x onerror")


def integrity(database: str) -> tuple[str, list[Any], int]:
    db = sqlite3.connect(database)
    try:
        return (db.execute("PRAGMA integrity_check").fetchone()[0], db.execute("PRAGMA foreign_key_check").fetchall(),
                db.execute("SELECT COUNT(*) FROM employee").fetchone()[0])
    finally:
        db.close()


# ---- the mock's mails (tests/mock_portal/test_auth.py, tests/mock_portal/test_reliability.py)

def reset_link(sent_mail: Any, to: str) -> str:
    body = sent_mail(to)[-1]["text_body"]
    return re.search(r"https://[^/\s]+(/reinitialiser/\S+)", body)[1]


def lost_identifier_data(employee: dict, **changes: str) -> dict[str, str]:
    return {
        "last_name": employee["last_name"], "first_name": employee["first_name"],
        "birth_city": employee["birth_city"], "birth_month": str(employee["birth_month"]),
        "mobile": employee["mobile"], "email": employee["email"], "email_confirm": employee["email"],
        "private_number": employee["private_number"], "privacy": "y", **changes,
    }


# ---- secrets in artefacts (tests/plugin/test_secrets.py, tests/end_to_end/test_deployment.py)

def forms(secret: str) -> set[str]:
    return {secret, quote(secret, safe=""), quote_plus(secret), json.dumps(secret)[1:-1],
            json.dumps(secret, ensure_ascii=False)[1:-1], html.escape(secret)}


def contents(folder: Path) -> Iterator[tuple[str, bytes]]:
    """(file, or file!member of an archive; its bytes) for everything under `folder`."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    yield f"{path.relative_to(folder)}!{member}", archive.read(member)
        else:
            yield str(path.relative_to(folder)), path.read_bytes()


def leaks(folder: Path, secrets: set[str]) -> list[str]:
    return [f"{name} : « {secret} »" for name, data in contents(folder) for secret in sorted(secrets)
            if any(form.encode() in data for form in forms(secret))]


# ---- a guide run without a browser (tests/publish/test_acceptance.py, test_review.py, test_guide_documents.py)

def fake_run(out: Path, colour: str = "white", failing: str | None = None, only: list[int] | None = None) -> Run:
    """A run of every procedure (or of the questions `only`), each step with a plain image of `colour`.

    With `failing` (a procedure id), that procedure fails at its second step: later steps did not run.
    """
    run = Run(selection=only)
    for guide in GUIDE.procedures:
        if only and guide.question not in only:
            continue
        result = ProcedureResult.of(guide)
        result.status, result.ran_at, result.browser = "passed", run.started, "chromium 1"
        for step in result.steps:
            if guide.id == failing and step.number >= 2:
                step.status = "failed" if step.number == 2 else "not run"
                continue
            step.status, step.screenshot = "passed", f"shots/{guide.id}/{step.id}.png"
            (out / step.screenshot).parent.mkdir(parents=True, exist_ok=True)
            Image.new("RGB", (40, 20), colour).save(out / step.screenshot)
        if guide.id == failing:
            result.status, result.reason = "failed", "étape 2 : libellé « Modifier » introuvable à l'écran"
        run.procedures[guide.id] = result
    run.write(out)
    shots.build_manifest(run, out)
    return run


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def coverage_of(run: Run) -> list[CoverageRow]:
    """The run's coverage rows, as the session computes them from the bindings."""
    from scenarios.procedures import load_bindings

    return coverage(GUIDE, run, load_bindings())


def html_text(path: Path) -> str:
    """The page's text, its table of contents aside."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.skip += tag in ("nav", "style", "script")

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("nav", "style", "script")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


# ---- a real deployment (tests/conftest.py's production_mock)

IMAP_USER, IMAP_PASSWORD = "qa", "boite-de-test"
REFUSAL = "q08-refuser-la-dematerialisation"  # its own account: only the support re-activates it
