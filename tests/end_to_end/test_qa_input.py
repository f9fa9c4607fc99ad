"""QA's bad input, against a real deployment (the mock in production mode, its mail over IMAP): each gets one
line naming what was sought, what is there and what to do, and no part of a secret reaches the console or an
artefact."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from mock_portal.harness.mailcapture import free_port
from tests.end_to_end.test_deployment import deployment_secrets
from tests.helpers import IMAP_PASSWORD, contents, run_guide_tests


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
