"""The capture server: real SMTP on the port the system gives it, each message stored."""

from __future__ import annotations

import smtplib
import socket
from email.message import EmailMessage
from pathlib import Path

import pytest

from mock_portal.harness.mailcapture import MailCapture, received


def test_a_capture_serves_on_the_port_the_system_gave_it(tmp_path: Path) -> None:
    capture = MailCapture(tmp_path / "mailbox.sqlite3").start()
    try:
        assert capture.port > 0
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "ne-pas-repondre@mycecurity.com", \
            "zoe.royer@example.com", "Vos identifiants"
        message.set_content("Bonjour")
        with smtplib.SMTP(capture.host, capture.port, timeout=10) as smtp:
            smtp.send_message(message)
        assert [(m["recipients"], m["subject"]) for m in received(capture.database)] \
            == [("zoe.royer@example.com", "Vos identifiants")]
    finally:
        capture.stop()


def test_captures_started_together_each_hold_their_own_port(tmp_path: Path) -> None:
    """The port is bound when it is chosen: no other server can take it in between."""
    captures = [MailCapture(tmp_path / f"mailbox-{n}.sqlite3").start() for n in range(8)]
    try:
        assert len({capture.port for capture in captures}) == 8
        for capture in captures:
            with smtplib.SMTP(capture.host, capture.port, timeout=10) as smtp:
                assert smtp.noop()[0] == 250
    finally:
        for capture in captures:
            capture.stop()


def test_a_busy_port_is_refused(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OSError, match="in use"):
            MailCapture(tmp_path / "mailbox.sqlite3", port=taken.getsockname()[1]).start()
