"""The guide against a real deployment: the mock as a separate process in production mode (no simulator), its
mail delivered to a real IMAP server (pymap), QA's accounts from a file. Only the deployment options are given:
every procedure whose needs are met passes, every other one is skipped with its exact reason."""

from __future__ import annotations

import http.server
import quopri
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from imap_tools import MailBoxUnencrypted
from pysasl.hashing import BuiltinHash

from mock_portal.mailcapture import free_port
from scenarios.binding import Binding
from scenarios.deployment import NEEDS, Deployment
from scenarios.procedures.common import NEW_PASSWORD
from scenarios.results import Run
from tests.helpers import contents, leaks, run_guide_tests, start_mock_process

ROOT = Path(__file__).resolve().parent.parent
IMAP_USER, IMAP_PASSWORD = "qa", "boite-de-test"
# A test mailbox's password: pysasl's default of 500,000 rounds costs a quarter of a second at every IMAP login.
TEST_MAILBOX_HASH = BuiltinHash(rounds=1000)
REFUSAL = "q08-refuser-la-dematerialisation"
DEPLOYMENT_PASSES = {"q01-mot-de-passe-oublie", "q01-identifiant-errone-perdu-non-recu", "q02-changer-son-adresse-mail",
                     "q03-changer-son-mot-de-passe", "q04-changer-ses-identifiants", "q06-voir-ses-nouveaux-documents",
                     REFUSAL, "q10-utiliser-le-coffre"}


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


# ---- QA's bad input: one line each, naming what was sought, what is there and what to do; no secret in part

def spoil_accounts(accounts: Path, out: Path, **changes: Any) -> Path:
    """A copy of the accounts file whose [actif] table has `changes` (None removes a key)."""
    data = tomllib.loads(accounts.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data["actif"].pop(key.removeprefix("drop_"), None)
        else:
            data["actif"][key] = value
    out.write_text(tomli_w.dumps(data), encoding="utf-8")
    return out


BAD_INPUTS: list[tuple[str, dict[str, Any], str]] = [
    ("wrong password", {"accounts": {"password": "Pas-Le-Bon-2026!"}},
     "le portail refuse la connexion du compte \\[actif\\] \\(e-mail {email}\\) : « Identifiant ou mot de passe incorrect"
     ".* ; vérifiez \\[actif\\] dans le fichier de comptes"),
    ("misspelled key", {"accounts": {"pasword": "x", "drop_password": None}},
     "\\[actif\\] clé inconnue « pasword » \\(voulez-vous dire « password » \\?\\)"),
    ("wrong type", {"accounts": {"birth_month": "juin"}},
     "\\[actif\\] birth_month : un nombre entier \\(sans guillemets\\) attendu"),
    ("profile key", {"profile": '[labels.login]\npasword = "Code"\n'},
     "clé inconnue « labels.login.pasword » \\(voulez-vous dire « password » \\?\\)"),
    ("profile type", {"profile": "[patterns]\nidentifier = ['\\\\d{12}']\n"},
     "« patterns.identifier » : un texte entre guillemets attendu"),
    ("mailbox down", {"mailbox": "imap://qa:boite-de-test@127.0.0.1:{port}"},
     "la boîte mail de test imap://qa:…@127.0.0.1:{port} \\(--mailbox\\) ne répond pas"),
    ("certificate", {"spki": None}, "n'est reconnu par aucune autorité de confiance : ajoutez --trust-spki={spki}"),
    ("another site", {"base": "corporate"},
     "ne montre pas l'écran « login » attendu à l'adresse du site \\(la page s'intitule « .* »\\) : vérifiez "
     "l'adresse donnée \\(--base-url\\)"),
    ("simulator down", {"sim": "https://127.0.0.1:{port}"}, "le simulateur ne répond pas à https://127.0.0.1:{port}"),
]


@pytest.mark.guide_deployment
def test_each_bad_input_of_qa_gets_one_line_and_no_secret_in_part(tmp_path: Path,
                                                                   production_mock: dict[str, str]) -> None:
    mock, port = production_mock, free_port()  # a port nothing answers on
    accounts = Path(mock["accounts"])
    email = tomllib.loads(accounts.read_text(encoding="utf-8"))["actif"]["email"]
    wrong = []
    for name, bad, expected in BAD_INPUTS:
        folder = tmp_path / name.replace(" ", "-")
        options = {"base-url": mock[bad.get("base", "portal")], "refusdemat-url": mock["refusdemat"],
                   "corporate-url": mock["corporate"], "trust-spki": mock["spki"],
                   "accounts": mock["accounts"], "mailbox": mock["mailbox"]}
        if "accounts" in bad:
            options["accounts"] = str(spoil_accounts(accounts, tmp_path / f"{folder.name}.toml", **bad["accounts"]))
        if "profile" in bad:
            (tmp_path / f"{folder.name}-profil.toml").write_text(bad["profile"], encoding="utf-8")
            options["portal"] = str(tmp_path / f"{folder.name}-profil.toml")
        if "mailbox" in bad:
            options["mailbox"] = bad["mailbox"].format(port=port)
        if "sim" in bad:
            options["sim-url"] = bad["sim"].format(port=port)
        if "spki" in bad:
            del options["trust-spki"]
        run = run_guide_tests(folder, "-k", "q02", "--allow-destructive", "--tb=short",
                              *(f"--{key}={value}" for key, value in options.items()), timeout=120)
        said = run.stdout + run.stderr
        (tmp_path / f"{folder.name}.console.txt").write_text(said, encoding="utf-8")
        line = re.compile(expected.format(email=re.escape(email), port=port, spki=re.escape(mock["spki"])))
        if run.returncode == 0 or not line.search(said) or "Traceback" in said or "def " in said:
            wrong.append(f"{name}: exit {run.returncode}\n{said[-1500:]}")
        secrets = {IMAP_PASSWORD, "Pas-Le-Bon-2026!",
                   *deployment_secrets(Path(options["accounts"]), Path(mock["maildir"]))}
        parts = {secret[i:i + 6] for secret in secrets for i in range(len(secret) - 5)}
        shown = [part for part in parts if part in said or any(part.encode() in data for _, data in contents(folder))]
        if shown:
            wrong.append(f"{name}: parts of secrets shown: {sorted(shown)[:5]}")
    assert wrong == []
