"""The guide against a real deployment: the mock as a separate process in production mode (no simulator), its
mail delivered to a real IMAP server (pymap), QA's accounts from a file. Only the deployment options are given:
every procedure whose needs are met passes, every other one is skipped with its exact reason."""

from __future__ import annotations

import http.server
import quopri
import re
import sqlite3
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scenarios.binding import Binding
from scenarios.procedures.common import NEW_PASSWORD
from scenarios.results import Run
from scenarios.target.deployment import NEEDS, Deployment
from tests.helpers import IMAP_PASSWORD, REFUSAL, leaks, run_guide_tests

ROOT = Path(__file__).resolve().parents[2]
DEPLOYMENT_PASSES = {"q01-mot-de-passe-oublie", "q01-identifiant-errone-perdu-non-recu", "q02-changer-son-adresse-mail",
                     "q03-changer-son-mot-de-passe", "q04-changer-ses-identifiants", "q06-voir-ses-nouveaux-documents",
                     REFUSAL, "q10-utiliser-le-coffre"}


@pytest.mark.guide_deployment
def test_the_guide_against_a_real_deployment_twice(tmp_path: Path, production_mock: dict[str, str]) -> None:
    """Every procedure whose needs are met passes, the others are skipped with their reason; a second run with
    the same accounts passes too: destructive procedures put the password and the e-mail back, the identifier
    is read on the portal, and the refusal's own account is re-activated between runs, as the support would."""
    mock = production_mock
    for attempt in (1, 2):
        results = tmp_path / f"run-{attempt}"
        kept = ("--tracing", "on") if attempt == 2 else ()  # every trace kept: searched for secrets below
        run = run_guide_tests(
            results, "-m", "guide", "-rs", "--tb=line", f"--base-url={mock['portal']}",
            f"--refusdemat-url={mock['refusdemat']}", f"--corporate-url={mock['corporate']}",
            f"--trust-spki={mock['spki']}", f"--accounts={mock['accounts']}", f"--mailbox={mock['mailbox']}",
            "--allow-destructive", *kept, timeout=600)
        assert run.returncode == 0, f"run {attempt}: {run.stdout[-4000:]}"
        procedures = Run.read(results / "run").procedures
        passed = {p.id for p in procedures.values() if p.status == "passed"}
        assert passed == DEPLOYMENT_PASSES, f"run {attempt}: {run.stdout[-4000:]}"
        reasons = {p.id: p.reason for p in procedures.values() if p.status == "skipped"}
        assert reasons == {
            "q01-compte-bloque": "horloge non pilotable (pas de simulateur)",
            "q05-courrier-d-inscription-non-recu": "pas de compte « nouveau-salarie » (ni "
                                                   "« q05-courrier-d-inscription-non-recu ») dans le fichier de "
                                                   "comptes (--accounts)",
            "q05-premiere-connexion": "pas de compte « nouveau-salarie » (ni « q05-premiere-connexion ») dans le "
                                      "fichier de comptes (--accounts)",
            "q07-fusionner-ses-coffres": "pas de compte « deux-coffres » (ni « q07-fusionner-ses-coffres ») dans le "
                                         "fichier de comptes (--accounts)",
            "q09-reactiver-la-dematerialisation": "pas de compte « refus-demat » (ni "
                                                  "« q09-reactiver-la-dematerialisation ») dans le fichier de "
                                                  "comptes (--accounts)",
        }
        assert f"{len(DEPLOYMENT_PASSES) + 1} passed" in run.stdout  # and the last page
        with sqlite3.connect(mock["database"]) as db:  # the support re-activates the refusal's account
            db.execute("UPDATE employee SET paperless = 1 WHERE id = ?", (mock["refusal_employee"],))
    # Nothing secret in what the second run left: its traces, reports and JUnit.
    traces = list((tmp_path / "run-2" / "playwright").rglob("trace.zip"))
    assert len(traces) >= len(DEPLOYMENT_PASSES), traces
    secrets = {IMAP_PASSWORD, NEW_PASSWORD, *deployment_secrets(Path(mock["accounts"]), Path(mock["maildir"]))}
    assert leaks(tmp_path / "run-2", secrets) == []


def deployment_secrets(accounts: Path, maildir: Path) -> set[str]:
    """The accounts' passwords and every provisional password and link token the mails delivered."""
    found = {str(v) for account in tomllib.loads(accounts.read_text(encoding="utf-8")).values()
             for k, v in account.items() if "password" in k}
    for mail in maildir.rglob("*"):
        if mail.is_file():
            text = quopri.decodestring(mail.read_bytes()).decode("utf-8", "replace")
            found |= set(re.findall(r"/reinitialiser/([\w-]+)", text)) | set(re.findall(r"data-secret>([^<]+)<", text))
            found |= {shown for shown in re.findall(r"provisoire : ([^\s<]{6,})", text) if "://" not in shown}
    return found


@pytest.mark.parametrize(("needs", "options", "reason"), [
    (("destructive",), {}, "modifie le compte de test : relancer avec --allow-destructive"),
    (("mailbox",), {"destructive": True}, "pas de boîte mail de test (--mailbox)"),
    (("clock",), {"destructive": True, "mailbox_url": "imap://a:b@h"}, "horloge non pilotable (pas de simulateur)"),
    (("destructive", "own-account"), {"destructive": True}, NEEDS["own-account"]),
    (("destructive", "own-account"), {"destructive": True, "accounts": {"actif": {}, "q99-p": {}}}, None),
])
def test_a_procedure_is_skipped_with_the_need_a_deployment_does_not_meet(
        needs: tuple[str, ...], options: dict[str, Any], reason: str | None) -> None:
    deployment = Deployment(**{"accounts": {"actif": {"identifier": "1"}}, **options})
    assert deployment.missing(Binding("q99-p", "actif", "m.py", needs)) == reason


@pytest.fixture
def answering_site() -> Iterator[str]:
    """A site that answers (an empty page), as a portal without the procedures' accounts would."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_run_where_no_procedure_could_run_fails_and_says_why(tmp_path: Path, answering_site: str) -> None:
    """No simulator, no accounts: nothing is tested, and that is not a green run."""
    run = run_guide_tests(tmp_path, "-k", "q02 or q08", "-rs", f"--base-url={answering_site}", timeout=120)
    assert run.returncode == 1, run.stdout[-3000:]
    assert "aucune procédure du guide n'a été exécutée" in run.stdout
    assert "pas de compte « actif » (ni « q02-changer-son-adresse-mail ») dans le fichier de comptes (--accounts)" \
        in run.stdout
    # No silent default to the public refusal site: its address was not given.
    assert "adresse du site de refus non donnée (--refusdemat-url)" in run.stdout


def test_a_site_that_does_not_answer_is_named_before_anything_runs(tmp_path: Path, answering_site: str) -> None:
    run = run_guide_tests(tmp_path, "-m", "guide", f"--base-url={answering_site}",
                          "--refusdemat-url=https://127.0.0.1:9", timeout=120)
    assert run.returncode == 4, run.stdout[-3000:]
    errors = [line for line in (run.stdout + run.stderr).splitlines() if line.startswith("ERROR:")]
    assert len(errors) == 1 and errors[0].startswith(
        "ERROR: le site de refus (--refusdemat-url) ne répond pas à https://127.0.0.1:9 :"), run.stderr[-2000:]
    assert "Traceback" not in run.stdout + run.stderr


def test_a_selection_that_matches_nothing_names_the_procedures_and_markers(tmp_path: Path) -> None:
    run = run_guide_tests(tmp_path, "-k", "q99", timeout=120)
    assert run.returncode == 5
    assert "aucun test ne correspond à la sélection (-k « q99 »)" in run.stdout
    assert "q01-mot-de-passe-oublie" in run.stdout and "q10-utiliser-le-coffre" in run.stdout
    assert "marqueurs : guide, q1, q2" in run.stdout
