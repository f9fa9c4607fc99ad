"""Every tolerance still fails when the portal really contradicts the guide: the embedded mock broken one way at
a time (tests/mutations.py), the procedure that proves that part of the guide fails, saying what it met."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_guide_tests
from tests.mutations import MUTATION

# mutation, the procedure that must fail, what its failure says (the guide's quote, or the effect missing)
TABLE = [
    ("label-mot-de-passe-oublie", "q01-mot-de-passe-oublie",
     "étape 1 « Cliquer sur « mot de passe oublié ». » : libellé « mot de passe oublié » introuvable à l'écran"),
    ("label-mes-informations-de-profil", "q02-changer-son-adresse-mail",
     "libellé « Mes informations de profil » introuvable"),
    ("forgotten-password-sends-nothing", "q01-mot-de-passe-oublie", "étape 3 « Je reçois un mail"),
    ("reset-changes-nothing", "q01-mot-de-passe-oublie", "étape 6 « Je me reconnecte avec mon nouveau mot de passe"),
    ("lost-identifier-sends-nothing", "q01-identifiant-errone-perdu-non-recu", "aucun e-mail reçu"),
    ("profile-saves-nothing", "q02-changer-son-adresse-mail", "étape 4 « Je change mon mail"),
    ("password-change-changes-nothing", "q03-changer-son-mot-de-passe", "étape 5 « Je suis la procédure"),
    ("profile-says-it-failed", "q02-changer-son-adresse-mail",
     "le portail refuse l'action : « Erreur : vos modifications n'ont pas pu être enregistrées. »"),
]


@pytest.mark.parametrize(("mutation", "procedure", "said"), TABLE, ids=[row[0] for row in TABLE])
def test_the_guide_job_fails_when_the_portal_contradicts_the_guide(tmp_path: Path, mutation: str, procedure: str,
                                                                   said: str) -> None:
    run = run_guide_tests(tmp_path, "-k", procedure, "-p", "tests.mutations", "--tb=line", timeout=180,
                          env={MUTATION: mutation})
    assert run.returncode == 1, run.stdout[-3000:]
    assert said in run.stdout, run.stdout[-3000:]
