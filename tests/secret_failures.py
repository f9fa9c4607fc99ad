"""A pytest plugin for tests/plugin/test_secrets.py (`-p tests.secret_failures`): procedures made to fail at moments
when a secret is typed or on screen, and, written to $SECRETS_SEEN, every secret the embedded mock handed out,
read from its own records (the employees' passwords, the letters' provisional passwords, the links and
passwords of the mails it sent), not from the run's registry that the test checks."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import pytest

from mock_portal.harness.stage import Stage
from scenarios.actor import Actor
from scenarios.procedures import load_bindings
from scenarios.procedures.common import NEW_PASSWORD

# (procedure, step): fails once that step's actions are done.
FAIL_AFTER = [
    ("q03-changer-son-mot-de-passe", "se-connecter"),  # just logged in
    ("q01-mot-de-passe-oublie", "choisir-mot-de-passe"),  # on the reset page, the new password typed
    ("q01-identifiant-errone-perdu-non-recu", "recevoir-identifiant"),  # the mail shows a provisional password
    ("q08-refuser-la-dematerialisation", "remplir-et-valider"),  # the refusal site, the password typed
]
TOKENS = re.compile(r"/reinitialiser/([\w-]+)")
MARKED = re.compile(r"data-secret[^>]*>([^<]+)<")


def failing(function: Callable[[Actor], None]) -> Callable[[Actor], None]:
    def then_fail(actor: Actor) -> None:
        function(actor)
        raise AssertionError("échec voulu pour le test des secrets")

    return then_fail


def pytest_configure(config: pytest.Config) -> None:
    bindings = load_bindings()
    for procedure_id, step_id in FAIL_AFTER:
        bound = bindings[procedure_id].steps[step_id]
        bindings[procedure_id].steps[step_id] = replace(bound, function=failing(bound.function))


@pytest.fixture(autouse=True)
def secrets_seen(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each test, what the mock handed out (written before the test's artefacts are)."""
    if "actor" not in request.fixturenames:
        yield
        return
    stage: Stage = request.getfixturevalue("stage")
    situation: dict[str, Any] = asdict(request.getfixturevalue("actor").employee)
    yield
    seen = {NEW_PASSWORD, *(v for k, v in flatten(situation) if "password" in k and isinstance(v, str))}
    with sqlite3.connect(stage.database) as db:
        seen |= {row[0] for row in db.execute("SELECT provisional_password FROM letter")}
    with sqlite3.connect(stage.smtp.database) as db:
        for (body,) in db.execute("SELECT COALESCE(html_body, '') || COALESCE(text_body, '') FROM mail"):
            seen |= set(TOKENS.findall(body)) | set(MARKED.findall(body))
    with Path(os.environ["SECRETS_SEEN"]).open("a", encoding="utf-8") as out:
        out.write(json.dumps(sorted(seen)) + "\n")


def flatten(record: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for key, value in record.items():
        if isinstance(value, dict):
            yield from flatten(value)
        else:
            yield key, value
