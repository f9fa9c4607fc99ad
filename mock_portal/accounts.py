"""Employee accounts: logins, lockout, identifiers, provisional passwords, reset tokens."""

from __future__ import annotations

import functools
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from mock_portal import clock, product
from mock_portal.db import get_db, transaction


def hash_password(password: str) -> str:
    """Werkzeug's salted hash with the configured method (scrypt unless told otherwise)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


@functools.cache
def _dummy_hash(method: str) -> str:
    return generate_password_hash("not-a-real-password", method=method)


def spend_a_hash(password: str = "") -> None:
    """The work of checking a password, on paths where no account matched (no timing oracle)."""
    check_password_hash(_dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)


@dataclass(frozen=True)
class LoginResult:
    employee: sqlite3.Row | None
    locked: bool = False

    @property
    def ok(self) -> bool:
        return self.employee is not None and not self.locked


def normalise(value: str) -> str:
    """Casefolded, accent-free, single-spaced text, for comparing what people type."""
    decomposed = unicodedata.normalize("NFKD", value)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.replace("-", " ").casefold().split())


def digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def get_employee(employee_id: int) -> sqlite3.Row | None:
    return get_db().execute("SELECT * FROM employee WHERE id = ?", (employee_id,)).fetchone()


def employee(employee_id: int) -> sqlite3.Row:
    """The employee with this id; LookupError if there is none."""
    row = get_employee(employee_id)
    if row is None:
        raise LookupError(f"no employee {employee_id}")
    return row


def add_employee(employer_id: int, last_name: str, first_name: str, birth_city: str, birth_month: int,
                 mobile: str, private_number: str, hired_on: str) -> int:
    """A new employee of `employer_id`, not yet enrolled (no identifier, no password)."""
    return int(get_db().execute(
        "INSERT INTO employee (employer_id, last_name, first_name, birth_city, birth_month,"
        " mobile, private_number, hired_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (employer_id, last_name, first_name, birth_city, birth_month, mobile, private_number, hired_on),
    ).lastrowid or 0)


def set_email(employee_id: int, email: str) -> None:
    """The personal e-mail given at the first connection (a login too)."""
    get_db().execute("UPDATE employee SET email = ? WHERE id = ?", (email.lower(), employee_id))


def update_contact(employee_id: int, email: str, mobile: str, version: int) -> bool:
    """Change e-mail and mobile unless another window changed the profile since `version`."""
    return get_db().execute(
        "UPDATE employee SET email = ?, mobile = ?, version = version + 1 WHERE id = ? AND version = ?",
        (email.lower(), mobile, employee_id, version),
    ).rowcount == 1


def email_taken(email: str, by_other_than: int) -> bool:
    return get_db().execute(
        "SELECT 1 FROM employee WHERE email = ? AND id != ?", (email.lower(), by_other_than)
    ).fetchone() is not None


def set_identifier(employee_id: int, identifier: str) -> None:
    get_db().execute("UPDATE employee SET identifier = ? WHERE id = ?", (identifier, employee_id))


def lock(employee_id: int, until: datetime) -> None:
    """Block logins until `until`, as three wrong passwords do."""
    get_db().execute("UPDATE employee SET locked_until = ? WHERE id = ?", (clock.iso(until), employee_id))


def set_paperless(employee_id: int, paperless: bool) -> None:
    """Payslips in the vault (True) or on paper (False)."""
    get_db().execute("UPDATE employee SET paperless = ? WHERE id = ?", (int(paperless), employee_id))


def find_by_login(login: str) -> sqlite3.Row | None:
    """The account whose 12-digit identifier or personal e-mail is `login`."""
    login = login.strip()
    if len(login) == 12 and login.isdigit():
        query, value = "SELECT * FROM employee WHERE identifier = ?", login
    else:
        query, value = "SELECT * FROM employee WHERE email = ? ORDER BY id", login.lower()
    return get_db().execute(query, (value,)).fetchone()


def is_locked(employee: sqlite3.Row) -> bool:
    until = employee["locked_until"]
    return until is not None and datetime.fromisoformat(until) > clock.now()


def authenticate(login: str, password: str) -> LoginResult:
    """Check a login; the third wrong password in a row locks the account."""
    db = get_db()
    with transaction(db):
        employee = find_by_login(login)
        if employee is None or employee["password_hash"] is None:
            spend_a_hash(password)
            return LoginResult(None)
        if is_locked(employee):
            return LoginResult(employee, locked=True)
        if check_password_hash(employee["password_hash"], password):
            db.execute(
                "UPDATE employee SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
                (employee["id"],),
            )
            return LoginResult(get_employee(employee["id"]))
        attempts = employee["failed_attempts"] + 1
        if attempts >= product.LOCKOUT_ATTEMPTS:
            until = clock.now() + timedelta(minutes=product.LOCKOUT_MINUTES)
            db.execute(
                "UPDATE employee SET failed_attempts = 0, locked_until = ? WHERE id = ?",
                (clock.iso(until), employee["id"]),
            )
            return LoginResult(employee, locked=True)
        db.execute("UPDATE employee SET failed_attempts = ? WHERE id = ?", (attempts, employee["id"]))
        return LoginResult(None)


def set_password(employee_id: int, password: str, *, provisional: bool = False) -> None:
    """Store a new password (hashed); a provisional one must be personalised at next login."""
    get_db().execute(
        "UPDATE employee SET password_hash = ?, must_personalise = ?, failed_attempts = 0,"
        " locked_until = NULL, version = version + 1, password_epoch = password_epoch + 1 WHERE id = ?",
        (hash_password(password), int(provisional), employee_id),
    )
