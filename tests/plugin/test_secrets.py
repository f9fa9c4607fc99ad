"""Nothing secret leaves a run: procedures made to fail when a password is typed or on screen, then every
byte of every artefact (reports, JUnit, Playwright's traces unzipped and its screenshots) searched for every
secret the mock handed out, as written, URL-encoded and JSON- or HTML-escaped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scenarios.secrecy import MASK, Secrets
from tests.helpers import ROOT, contents, leaks


def test_no_secret_reaches_an_artefact_of_a_failing_run(tmp_path: Path) -> None:
    seen = tmp_path / "secrets-seen.jsonl"
    out = tmp_path / "artefacts"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "scenarios/guide.md", "-p", "no:randomly", "-p", "no:xdist",
         "-p", "tests.secret_failures", "-q", "--no-a11y", "-k",
         "q01-mot or q01-ident or q03 or q08 or q02", f"--report-dir={out / 'run'}",
         f"--junitxml={out / 'junit.xml'}", f"--output={out / 'playwright'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, "SECRETS_SEEN": str(seen)})
    assert run.returncode == 1, run.stdout[-3000:]
    assert "4 failed, 1 passed" in run.stdout, run.stdout[-3000:]  # each failing one tried twice
    secrets = {s for line in seen.read_text(encoding="utf-8").splitlines() for s in json.loads(line)}
    assert len(secrets) >= 8  # passwords, provisional passwords, reset tokens
    traces = list((out / "playwright").rglob("trace.zip"))
    assert len(traces) >= 8, traces  # first attempt and retry of each failing procedure
    assert list((out / "playwright").rglob("*.png")), "Playwright's failure screenshots are kept"
    assert leaks(out, secrets) == []
    assert any(MASK.encode() in data for name, data in contents(out) if name.endswith("trace.trace"))


def test_a_trace_keeps_its_steps_and_loses_its_secrets(tmp_path: Path) -> None:
    trace = tmp_path / "trace.zip"
    with zipfile.ZipFile(trace, "w") as archive:
        archive.writestr("trace.trace", '{"method":"fill","params":{"value":"S3cret-Pass!"},"title":"Étape 1"}\n'
                                        '["STRONG",{"data-secret":""},"Provisoire-42"]')
        archive.writestr("trace.network", "password=S3cret-Pass%21&login=123456789012")
        archive.writestr("resources/a.dat", b"<strong data-secret>Provisoire-42</strong>")
    registry = Secrets()
    registry.add("S3cret-Pass!")
    registry.scrub(trace)
    assert leaks(tmp_path, {"S3cret-Pass!", "Provisoire-42"}) == []
    with zipfile.ZipFile(trace) as archive:
        assert '"title":"Étape 1"' in archive.read("trace.trace").decode()
        assert "login=123456789012" in archive.read("trace.network").decode()


@pytest.mark.parametrize(("mail", "found"), [
    ("Votre mot de passe provisoire : Xy7-pq2Z", {"Xy7-pq2Z"}),
    ('<a href="https://portail.example/reset?jeton=abcdefghijklmnopqrstuvwx12">lien</a>',
     {"abcdefghijklmnopqrstuvwx12"}),
    ("https://www.mycecurity.com/reinitialiser/AbCdEfGhIjKlMnOpQrStUvWxYz-0123456789", {
        "AbCdEfGhIjKlMnOpQrStUvWxYz-0123456789"}),
    ("Bonjour, votre identifiant est 123456789012.", set()),
    ("vous personnaliserez ce mot de passe provisoire : https://www.mycecurity.com/", set()),
])
def test_a_mail_s_secrets_are_registered_as_it_is_read(mail: str, found: set[str]) -> None:
    registry = Secrets()
    registry.add_from_mail(mail)
    assert registry.values == found
