"""Getting back into an account: provisional passwords, new identifiers, password reset tokens."""

from __future__ import annotations

import hashlib
import random
import secrets
import sqlite3
import string
from datetime import datetime, timedelta

from flask import current_app

from mock_portal import clock, product
from mock_portal.accounts import get_employee, normalise, set_password
from mock_portal.db import get_db, transaction


def drawn(employee: sqlite3.Row, *more: object) -> bytes:
    """What simulation mode draws from instead of chance: the employee's seeded data (and `more`), so that the
    screenshots that show a drawn value, and a run replayed on a new mock, meet the same one."""
    key = "|".join(str(part) for part in (employee["last_name"], employee["first_name"], employee["private_number"],
                                          employee["version"], *more))
    return hashlib.sha256(key.encode()).digest()


def provisional_password(employee: sqlite3.Row) -> str:
    """A password that meets the rules, for letters and lost-identifier mails: random, or drawn from the
    employee in simulation mode."""
    alphabet = string.ascii_letters + string.digits
    chooser = random.Random(drawn(employee)) if current_app.config["SIMULATION"] else secrets.SystemRandom()
    core = "".join(chooser.choice(alphabet) for _ in range(7))
    return f"{chooser.choice(string.ascii_uppercase)}{core}{chooser.randrange(10)}!"


def new_identifier(employee: sqlite3.Row) -> str:
    """A free 12-digit identifier: random, or drawn from the employee in simulation mode."""
    db = get_db()
    for attempt in range(100):
        if current_app.config["SIMULATION"]:
            number = int.from_bytes(drawn(employee, attempt)[:8]) % (9 * 10**11)
        else:
            number = secrets.randbelow(9 * 10**11)
        candidate = str(10**11 + number)
        if db.execute("SELECT 1 FROM employee WHERE identifier = ?", (candidate,)).fetchone() is None:
            return candidate
    raise RuntimeError("no free identifier found")


def find_for_recovery(
    last_name: str, first_name: str, birth_city: str, birth_month: int, private_number: str
) -> sqlite3.Row | None:
    """The enrolled account matching the identity given on the lost-identifier form."""
    rows = get_db().execute(
        "SELECT * FROM employee WHERE birth_month = ? AND private_number = ?"
        " AND identifier IS NOT NULL",
        (birth_month, private_number),
    ).fetchall()
    wanted = (normalise(last_name), normalise(first_name), normalise(birth_city))
    for row in rows:
        if (normalise(row["last_name"]), normalise(row["first_name"]), normalise(row["birth_city"])) == wanted:
            return row
    return None


def reissue_identifier(employee: sqlite3.Row, email: str, mobile: str) -> tuple[str, str]:
    """Give the account a new identifier and provisional password; return both."""
    identifier = new_identifier(employee)
    password = provisional_password(employee)
    db = get_db()
    db.execute(
        "UPDATE employee SET identifier = ?, email = ?, mobile = ? WHERE id = ?",
        (identifier, email.lower(), mobile, employee["id"]),
    )
    set_password(employee["id"], password, provisional=True)
    return identifier, password


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_reset_token(employee_id: int) -> str:
    """A single-use reset token (256 bits); any older one stops working."""
    token = secrets.token_urlsafe(32)
    expires = clock.now() + timedelta(minutes=product.RESET_TOKEN_MINUTES)
    db = get_db()
    db.execute("DELETE FROM reset_token WHERE employee_id = ?", (employee_id,))
    db.execute(
        "INSERT INTO reset_token (token_hash, employee_id, expires_at) VALUES (?, ?, ?)",
        (_token_hash(token), employee_id, clock.iso(expires)),
    )
    return token


def employee_for_token(token: str) -> sqlite3.Row | None:
    """The account a reset token is valid for, or None if unknown, used or expired."""
    row = get_db().execute(
        "SELECT * FROM reset_token WHERE token_hash = ?", (_token_hash(token),)
    ).fetchone()
    if row is None or row["used_at"] or datetime.fromisoformat(row["expires_at"]) <= clock.now():
        return None
    return get_employee(row["employee_id"])


def use_reset_token(token: str, password: str) -> bool:
    """Set the password if the token is still valid, and spend the token."""
    db = get_db()
    with transaction(db):
        employee = employee_for_token(token)
        if employee is None:
            return False
        db.execute(
            "UPDATE reset_token SET used_at = ? WHERE token_hash = ?",
            (clock.iso(clock.now()), _token_hash(token)),
        )
        set_password(employee["id"], password)
        return True
