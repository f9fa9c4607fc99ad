"""The vault's documents: payslips deposited with a payroll run and the employee's own uploads."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from . import clock
from .db import get_db


def add(employee_id: int, folder: str, title: str, filename: str, media_type: str, content: bytes,
        when: datetime, *, period: str | None = None, details: dict[str, Any] | None = None) -> int:
    """Store a document in one of the employee's folders; return its id."""
    return int(get_db().execute(
        "INSERT INTO document (employee_id, folder, title, period, filename, media_type, content, details,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (employee_id, folder, title, period, filename, media_type, content,
         json.dumps(details) if details is not None else None, clock.iso(when)),
    ).lastrowid or 0)
