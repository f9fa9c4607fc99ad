"""SMTP capture server: every message sent to it is stored in a mailbox database of its own."""

from __future__ import annotations

import mailbox
import socket
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from .db import connect


def free_port(host: str = "127.0.0.1") -> int:
    """A port that is free right now (aiosmtpd cannot bind port 0 itself)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def parse(raw: bytes) -> dict[str, Any]:
    """Subject, text and HTML bodies of a raw message."""
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return {
        "subject": str(message["Subject"] or ""),
        "text_body": text.get_content() if text else "",
        "html_body": html.get_content() if html else None,
    }


MAILBOX_SCHEMA = """CREATE TABLE IF NOT EXISTS mail (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sender TEXT NOT NULL,
    recipients TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT,
    raw BLOB NOT NULL,
    received_at TEXT NOT NULL
);"""


def init_mailbox(path: str | Path) -> None:
    """Create the capture server's own database (it is another system than the portal)."""
    db = connect(path)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.executescript(MAILBOX_SCHEMA)
    finally:
        db.close()


def received(database: str | Path, to: str | None = None, after: int = 0) -> list[dict[str, Any]]:
    """The messages stored after id `after` (to `to` only, if given), oldest first."""
    query = "SELECT id, sender, recipients, subject, text_body, html_body, received_at FROM mail WHERE id > ?"
    args: list[Any] = [after]
    if to:
        query += " AND (',' || recipients || ',') LIKE ?"
        args.append(f"%,{to.lower()},%")
    db = connect(database)
    try:
        return [dict(row) for row in db.execute(query + " ORDER BY id", args)]
    finally:
        db.close()


def empty(database: str | Path) -> None:
    """Forget every message received."""
    db = connect(database)
    try:
        db.execute("DELETE FROM mail")
    finally:
        db.close()


class StoreHandler:
    """aiosmtpd handler that records each message in the `mail` table (and in a Maildir, if given)."""

    def __init__(self, database: str | Path, maildir: Path | None = None) -> None:
        self.database = database
        self.maildir = maildir

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        fields = parse(raw)
        db = connect(self.database)
        try:
            db.execute(
                "INSERT INTO mail (sender, recipients, subject, text_body, html_body, raw,"
                " received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    envelope.mail_from,
                    ",".join(addr.lower() for addr in envelope.rcpt_tos),
                    fields["subject"],
                    fields["text_body"],
                    fields["html_body"],
                    raw,
                    datetime.now(UTC).isoformat(),
                ),
            )
        finally:
            db.close()
        if self.maildir is not None:  # a test mailbox that receives every address, as a mail server delivers
            mailbox.Maildir(self.maildir, create=True).add(raw)
        return "250 Message accepted for delivery"


class MailCapture:
    """A real SMTP server on loopback that stores what it receives."""

    def __init__(self, database: str | Path, host: str = "127.0.0.1", port: int = 0,
                 maildir: Path | None = None) -> None:
        self.host = host
        self.port = port or free_port(host)
        self.database = database
        init_mailbox(database)
        self.controller = Controller(StoreHandler(database, maildir), hostname=host, port=self.port)

    def start(self) -> MailCapture:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()
