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

from mock_portal.db import connect


def free_port(host: str = "127.0.0.1") -> int:
    """A port that is free right now, for a server that cannot pick one itself (another process may take it
    before that server binds it: servers of ours bind port 0 with `bind`)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on `port` (0: any free one), bound here so that a busy port is an error we can
    name (werkzeug's own bind prints in English and exits the process)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(128)
    except OSError:
        listener.close()
        raise
    return listener


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


class BoundController(Controller):
    """aiosmtpd's threaded controller serving a socket bound beforehand. aiosmtpd binds host and port itself
    and cannot start on port 0 (aio-libs/aiosmtpd#276, #388); a port found free, closed, then given to it
    could be taken meanwhile by another process (a worker's own SMTP server, any outgoing connection):
    "address already in use", seen once in 20 runs of the procedures."""

    def __init__(self, handler: Any, listener: socket.socket) -> None:
        self.listener = listener
        host, port = listener.getsockname()[:2]
        super().__init__(handler, hostname=host, port=port)

    def _create_server(self) -> Any:
        return self.loop.create_server(self._factory_invoker, sock=self.listener, ssl=self.ssl_context)


class MailCapture:
    """A real SMTP server on loopback that stores what it receives; its port is known once started."""

    def __init__(self, database: str | Path, host: str = "127.0.0.1", port: int = 0,
                 maildir: Path | None = None) -> None:
        self.host, self.port = host, port
        self.database = database
        init_mailbox(database)
        self.handler = StoreHandler(database, maildir)
        self.controller: Controller | None = None

    def start(self) -> MailCapture:
        listener = bind(self.host, self.port)
        self.port = listener.getsockname()[1]
        self.controller = BoundController(self.handler, listener)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
