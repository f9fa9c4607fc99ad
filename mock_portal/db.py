"""SQLite access: one connection per request, schema applied at start-up."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from flask import Flask, current_app, g


def connect(path: str | Path) -> sqlite3.Connection:
    """Open the mock's database with the settings every caller needs."""
    db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 30000")
    return db


def init_db(path: str | Path) -> None:
    """Create the tables if they do not exist yet (idempotent)."""
    db = connect(path)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.executescript(resources.files(__package__).joinpath("schema.sql").read_text())
    finally:
        db.close()


def get_db() -> sqlite3.Connection:
    """Return the request's connection, opening it on first use."""
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    """Close the request's connection if one was opened."""
    db = g.pop("db", None)
    if db is not None:
        db.close()


class transaction:
    """`with transaction(db):` runs the block in one immediate write transaction."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


TABLES = ("started_situation",  # children first
          "reset_token", "refusal", "letter", "document", "payroll_run", "employee", "employer", "clock")


def empty(db: sqlite3.Connection) -> None:
    """Remove every row of every table (children first), as a fresh mock has none."""
    with transaction(db):
        for table in TABLES:
            db.execute(f"DELETE FROM {table}")


def init_app(app: Flask) -> None:
    """Register the teardown and create the schema."""
    app.teardown_appcontext(close_db)
    init_db(app.config["DATABASE"])
