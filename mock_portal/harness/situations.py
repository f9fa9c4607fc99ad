"""Named situations from the guide, seeded with French identities (Faker fr_FR)."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from faker import Faker

from mock_portal import accounts, clock, payroll, refusdemat
from mock_portal.db import get_db, transaction

HISTORY = ("2025-10", "2025-11", "2025-12", "2026-01", "2026-02")
# Real communes: Faker's city() invents names.
COMMUNES = ("Paris", "Lyon", "Marseille", "Toulouse", "Bordeaux", "Nantes", "Lille", "Rennes",
            "Strasbourg", "Montpellier", "Grenoble", "Dijon", "Angers", "Brest", "Limoges")


@dataclass(frozen=True)
class Situation:
    name: str
    summary: str
    build: Callable[[Faker], dict[str, Any]]


def faker_for(seed: int) -> Faker:
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    return fake


def password_for(fake: Faker) -> str:
    """A memorable password that meets the portal's rules."""
    return f"{fake.word().capitalize()}-{fake.numerify('####')}!"


def add_employer(fake: Faker) -> int:
    db = get_db()
    name = f"{fake.company()} {fake.numerify('##')}"
    return int(db.execute(
        "INSERT INTO employer (name, siret) VALUES (?, ?)", (name, fake.siret().replace(" ", ""))
    ).lastrowid or 0)


def add_employee(fake: Faker, employer_id: int, hired_on: str = "2025-09-01") -> int:
    rng = random.Random(fake.random.random())
    return accounts.add_employee(employer_id, fake.last_name(), fake.first_name(), rng.choice(COMMUNES),
                                 rng.randint(1, 12), fake.numerify("06 ## ## ## ##"), fake.numerify("######"),
                                 hired_on)


def deposit_history(employer_id: int, periods: tuple[str, ...] = HISTORY) -> None:
    for period in periods:
        payroll.deposit(employer_id, period, payroll.deposit_time(period))


def activate(fake: Faker, employee_id: int) -> dict[str, Any]:
    """The employee made their first connection: personal e-mail and own password."""
    employee = accounts.employee(employee_id)
    email = f"{accounts.normalise(employee['first_name']).replace(' ', '-')}." \
            f"{accounts.normalise(employee['last_name']).replace(' ', '-')}@{fake.free_email_domain()}"
    password = password_for(fake)
    with transaction(get_db()):
        accounts.set_email(employee_id, email)
        accounts.set_password(employee_id, password)
    return {"password": password}


def describe(employee_id: int, **extra: Any) -> dict[str, Any]:
    """What a person needs to play the situation: who, and how to log in."""
    db = get_db()
    employee = accounts.employee(employee_id)
    employer = db.execute("SELECT * FROM employer WHERE id = ?", (employee["employer_id"],)).fetchone()
    letter = db.execute(
        "SELECT * FROM letter WHERE employee_id = ? ORDER BY id DESC", (employee_id,)
    ).fetchone()
    return {
        "employee_id": employee_id,
        "last_name": employee["last_name"],
        "first_name": employee["first_name"],
        "birth_city": employee["birth_city"],
        "birth_month": employee["birth_month"],
        "mobile": employee["mobile"],
        "private_number": employee["private_number"],
        "identifier": employee["identifier"],
        "email": employee["email"],
        "employer_id": employer["id"],
        "employer": employer["name"],
        "letter_id": letter["id"] if letter else None,
        "provisional_password": letter["provisional_password"] if letter else None,
        **extra,
    }


def new_hire(fake: Faker) -> dict[str, Any]:
    employer_id = add_employer(fake)
    employee_id = add_employee(fake, employer_id, hired_on="2026-03-02")
    return describe(employee_id)


def enrolled(fake: Faker) -> dict[str, Any]:
    employer_id = add_employer(fake)
    employee_id = add_employee(fake, employer_id, hired_on="2026-02-02")
    deposit_history(employer_id, ("2026-02",))
    return describe(employee_id)


def active(fake: Faker) -> dict[str, Any]:
    employer_id = add_employer(fake)
    employee_id = add_employee(fake, employer_id)
    deposit_history(employer_id)
    return describe(employee_id, **activate(fake, employee_id))


def locked(fake: Faker) -> dict[str, Any]:
    situation = active(fake)
    accounts.lock(situation["employee_id"], clock.now() + timedelta(minutes=120))
    return situation


def two_vaults(fake: Faker) -> dict[str, Any]:
    situation = active(fake)
    first = accounts.employee(situation["employee_id"])
    other_employer = add_employer(fake)
    second = accounts.add_employee(other_employer, first["last_name"], first["first_name"], first["birth_city"],
                                   first["birth_month"], first["mobile"], fake.numerify("######"), "2025-11-01")
    deposit_history(other_employer, HISTORY[1:])
    second_vault = describe(second)
    password = password_for(fake)
    with transaction(get_db()):
        accounts.set_password(second, password)
    return {**situation, "second_vault": {**second_vault, "password": password}}


def refused(fake: Faker) -> dict[str, Any]:
    situation = active(fake)
    reference = "RD-20260105-" + hashlib.sha256(situation["identifier"].encode()).hexdigest()[:6]
    refusdemat.record_refusal(situation["employee_id"], situation["employer_id"], reference,
                              datetime(2026, 1, 5, 9, 30, tzinfo=clock.PARIS))
    return {**situation, "refusal_reference": reference}


SITUATIONS = {
    s.name: s
    for s in (  # name, what it is, how it is built

        Situation("nouveau-salarie",
                  "Nouveau salarié, aucun train de paie déposé : pas encore de courrier.", new_hire),
        Situation("courrier-recu",
                  "Salarié enrôlé : courrier d'inscription reçu, première connexion à faire.", enrolled),
        Situation("actif",
                  "Salarié actif : e-mail personnel et mot de passe personnalisé, bulletins 2025-2026.", active),
        Situation("compte-bloque", "Compte bloqué pour 120 minutes après trois mots de passe erronés.", locked),
        Situation("deux-coffres",
                  "Salarié ayant deux coffres (deux employeurs), à fusionner par le support.", two_vaults),
        Situation("refus-demat", "Salarié ayant refusé la dématérialisation : bulletins papier.", refused),
    )
}


def find(name: str) -> str | None:
    """The situation a person means: « compte-bloqué », « Compte bloqué » and « compte-bloque » alike."""
    wanted = accounts.normalise(name).replace(" ", "-")
    return wanted if wanted in SITUATIONS else None


def create(name: str, seed: int) -> dict[str, Any]:
    """Seed the named situation with a reproducible identity (its variant `seed`: the same number, the same
    person); return its credentials, also kept for the simulator's page."""
    if name not in SITUATIONS:
        raise KeyError(name)
    record = {"situation": name, "seed": seed, **SITUATIONS[name].build(faker_for(seed))}
    db = get_db()
    with transaction(db):
        db.execute("INSERT OR REPLACE INTO started_situation (employee_id, situation, variant, password, "
                   "provisional_password) VALUES (?, ?, ?, ?, ?)", (record["employee_id"], name, seed,
                                                                    record.get("password"),
                                                                    record.get("provisional_password")))
    return record


def in_words(record: dict[str, Any]) -> list[str]:
    """A started situation as a trainer reads it: who, and how to log in."""
    lines = [f"Salarié : {record['first_name']} {record['last_name']}, employeur {record['employer']}"]
    lines.append(f"Identifiant : {record['identifier']}" if record.get("identifier") else
                 "Pas encore d'identifiant (aucun train de paie déposé)")
    if record.get("email"):
        lines.append(f"E-mail : {record['email']}")
    if record.get("password"):
        lines.append(f"Mot de passe : {record['password']}")
    elif record.get("provisional_password"):
        lines.append(f"Mot de passe provisoire (courrier) : {record['provisional_password']}")
    if record.get("second_vault"):
        lines.append(f"Second coffre : {record['second_vault']['identifier']} / {record['second_vault']['password']}")
    lines.append(f"Numéro privé : {record['private_number']}, mois de naissance : {record['birth_month']}, commune : "
                 f"{record['birth_city']}")
    return lines
