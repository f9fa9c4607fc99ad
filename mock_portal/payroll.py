"""The employer's payroll run: payslips into vaults, enrolment letters for newcomers."""

from __future__ import annotations

import calendar
import hashlib
import sqlite3
from datetime import datetime
from typing import Any

from mock_portal import accounts, clock, documents, product, recovery
from mock_portal.db import get_db, transaction


def period_label(period: str) -> str:
    """'2026-02' -> 'février 2026'."""
    year, month = period.split("-")
    return f"{product.MONTHS[int(month) - 1]} {year}"


def amounts(employee: sqlite3.Row, period: str) -> dict[str, str]:
    """Stable pay figures for an employee and month (derived, not random)."""
    seed = int.from_bytes(hashlib.sha256(f"{employee['private_number']}|{period}".encode()).digest()[:4])
    gross = 2100 + seed % 1900
    net = round(gross * 0.78, 2)
    return {"gross": f"{gross:,.2f}".replace(",", " ").replace(".", ","),
            "net": f"{net:,.2f}".replace(",", " ").replace(".", ",")}


def payslip_details(employee: sqlite3.Row, employer: sqlite3.Row, period: str) -> dict[str, Any]:
    return {
        "employer": employer["name"],
        "siret": employer["siret"],
        "employee": f"{employee['first_name']} {employee['last_name']}",
        "period": period_label(period),
        **amounts(employee, period),
    }


def enrol(employee: sqlite3.Row, when: datetime) -> str:
    """Give a newcomer an identifier and provisional password, and print the letter."""
    identifier = recovery.new_identifier(employee)
    password = recovery.provisional_password(employee)
    accounts.set_identifier(employee["id"], identifier)
    accounts.set_password(employee["id"], password, provisional=True)
    get_db().execute(
        "INSERT INTO letter (employee_id, identifier, provisional_password, private_number,"
        " created_at) VALUES (?, ?, ?, ?, ?)",
        (employee["id"], identifier, password, employee["private_number"], clock.iso(when)),
    )
    return identifier


def deposit_time(period: str) -> datetime:
    """Payroll runs are deposited on the last working day of their month, at 18:00."""
    year, month = (int(part) for part in period.split("-"))
    day = calendar.monthrange(year, month)[1]
    while calendar.weekday(year, month, day) >= 5:
        day -= 1
    return datetime(year, month, day, 18, 0, tzinfo=clock.PARIS)


def deposit(employer_id: int, period: str, when: datetime | None = None) -> dict[str, int]:
    """Deposit one month's payroll run for an employer; counts what it produced."""
    db = get_db()
    when = when or clock.now()
    summary = {"payslips": 0, "letters": 0, "paper": 0}
    with transaction(db):
        employer = db.execute("SELECT * FROM employer WHERE id = ?", (employer_id,)).fetchone()
        if employer is None:
            raise LookupError(f"no employer {employer_id}")
        db.execute(
            "INSERT INTO payroll_run (employer_id, period, deposited_at) VALUES (?, ?, ?)",
            (employer_id, period, clock.iso(when)),
        )
        staff = db.execute(
            "SELECT * FROM employee WHERE employer_id = ? AND hired_on <= ? ORDER BY id",
            (employer_id, f"{period}-31"),
        ).fetchall()
        for employee in staff:
            if not employee["paperless"]:
                summary["paper"] += 1
                continue
            if employee["identifier"] is None:
                enrol(employee, when)
                summary["letters"] += 1
            details = payslip_details(employee, employer, period)
            documents.add(employee["id"], product.PAYSLIP_FOLDER, f"Bulletin de paie {details['period']}",
                          f"bulletin-de-paie-{period}.pdf", "application/pdf", b"", when,
                          period=period, details=details)
            summary["payslips"] += 1
    return summary
