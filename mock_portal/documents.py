"""The vault's documents: payslips deposited with a payroll run and the employee's own uploads."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from mock_portal import clock
from mock_portal.db import get_db


def add(employee_id: int, folder: str, title: str, filename: str, media_type: str, content: bytes,
        when: datetime, *, period: str | None = None, details: dict[str, Any] | None = None) -> int:
    """Store a document in one of the employee's folders; return its id.

    A payslip is stored empty (b"", which no upload can be): its PDF is drawn from its details when it is
    read, so a payroll run of many months costs no PDF nobody opens."""
    return int(get_db().execute(
        "INSERT INTO document (employee_id, folder, title, period, filename, media_type, content, details,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (employee_id, folder, title, period, filename, media_type, content,
         json.dumps(details) if details is not None else None, clock.iso(when)),
    ).lastrowid or 0)


def content(row: sqlite3.Row) -> bytes:
    """The document's file: stored as uploaded, or a payslip's PDF drawn from its details."""
    if row["content"]:
        return bytes(row["content"])
    return payslip_pdf(json.loads(row["details"]))


def payslip_pdf(details: dict[str, Any]) -> bytes:
    """A one-page PDF payslip."""
    from fpdf import FPDF  # half a second to import: only where payslips are read (a stage does it early)

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2018, 12, 14, tzinfo=clock.PARIS))
    pdf.set_title(f"Bulletin de paie {details['period']}")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 12, f"Bulletin de paie - {details['period']}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    rows = [
        ("Employeur", details["employer"]),
        ("SIRET", details["siret"]),
        ("Salarié", details["employee"]),
        ("Salaire brut", f"{details['gross']} EUR"),
        ("Net à payer", f"{details['net']} EUR"),
    ]
    for label, value in rows:
        pdf.cell(60, 9, label, border=1)
        pdf.cell(0, 9, value, border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.multi_cell(0, 6, "Document déposé dans votre coffre-fort numérique MyCecurity.com. "
                         "Conservez-le sans limitation de durée.")
    return bytes(pdf.output())
