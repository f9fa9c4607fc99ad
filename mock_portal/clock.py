"""The mock's one clock: real time in production, simulated time in simulation mode."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app

from mock_portal.db import connect, get_db

PARIS = ZoneInfo("Europe/Paris")
SIM_START = datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)  # the simulated clock's first instant, every run


def now() -> datetime:
    """Current time (aware, UTC): the simulated instant when one is set."""
    row = get_db().execute("SELECT now FROM clock WHERE id = 1").fetchone()
    return datetime.fromisoformat(row["now"]) if row else datetime.now(UTC)


def set_now(when: datetime) -> datetime:
    """Set the simulated clock (simulation mode only)."""
    if not current_app.config["SIMULATION"]:
        raise RuntimeError("the clock can only be set in simulation mode")
    if when.tzinfo is None:
        raise ValueError("the simulated clock takes timezone-aware datetimes")
    value = when.astimezone(UTC)
    get_db().execute(
        "INSERT INTO clock (id, now) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET now = excluded.now",
        (value.isoformat(),),
    )
    return value


def start(path: str) -> None:
    """Set the simulated clock to SIM_START in the database at `path`, unless it is already running."""
    db = connect(path)
    try:
        db.execute("INSERT OR IGNORE INTO clock (id, now) VALUES (1, ?)", (iso(SIM_START),))
    finally:
        db.close()


def advance(minutes: float) -> datetime:
    """Move the simulated clock forward by `minutes`."""
    return set_now(now() + timedelta(minutes=minutes))


def local(when: datetime | str) -> datetime:
    """The given instant in Paris time, for display."""
    if isinstance(when, str):
        when = datetime.fromisoformat(when)
    return when.astimezone(PARIS)


def iso(when: datetime) -> str:
    """Storage form of an instant."""
    return when.astimezone(UTC).isoformat()
