"""The employee's mailbox: the simulator's capture on the embedded mock, a real test mailbox (IMAP) elsewhere."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from imap_tools import AND, MailBox, MailBoxUnencrypted
from markupsafe import escape
from playwright.sync_api import Page

from scenarios.target.simulator import Simulator

Mail = dict[str, Any]  # id, subject, text_body, html_body
POLL_SECONDS, WAIT_SECONDS = 0.05, 10.0


class NoMail(AssertionError):
    """No mail reached the address in time."""


class Mailbox(Protocol):
    def mark(self) -> None:
        """From now on, `next` only returns mails that arrive after this point."""

    def next(self, to: str) -> Mail:
        """The first mail to `to` since the mark, waiting for it."""

    def since_mark(self, to: str) -> list[Mail]:
        """Every mail to `to` since the mark, without waiting."""

    def show(self, page: Page, mail: Mail) -> None:
        """Open the mail in the browser, as the employee's mail client would."""


def wait_for(found: Callable[[], list[Mail]], to: str, timeout: float = WAIT_SECONDS) -> Mail:
    deadline = time.monotonic() + timeout
    while True:
        mails = found()
        if mails:
            return mails[0]
        if time.monotonic() > deadline:
            raise NoMail(f"aucun e-mail reçu par {to} en {timeout:.0f} s")
        time.sleep(POLL_SECONDS)


class SimulatorMailbox:
    """The mails the embedded mock's SMTP capture received, read through the simulator."""

    def __init__(self, sim: Simulator, portal: str) -> None:
        self.sim = sim
        self.portal = portal  # the portal as the browser reaches it: its simulator shows the mails
        self.after = 0

    def mark(self) -> None:
        self.after = self.sim.last_mail_id()

    def since_mark(self, to: str) -> list[Mail]:
        return self.sim.mails(to, self.after)

    def next(self, to: str) -> Mail:
        return wait_for(lambda: self.since_mark(to), to)

    def show(self, page: Page, mail: Mail) -> None:
        page.goto(self.portal.rstrip("/") + f"/_sim/courriels/{mail['id']}")


def redact(url: str) -> str:
    """The mailbox's address without its password."""
    parts = urlsplit(url)
    return url.replace(f":{parts.password}@", ":…@") if parts.password else url


LINK = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)]")


def text_as_html(text: str) -> str:
    """A mail in text only, as a mail client shows it: its addresses are links, each named by the words before
    it on its line (or on the line above when it stands alone): « Réinitialiser mon mot de passe : https://… »."""
    lines, shown = text.splitlines(), []
    for index, line in enumerate(lines):
        parts, last = [], 0
        for found in LINK.finditer(line):
            words = line[:found.start()].strip(" :-\t") or (lines[index - 1].strip(" :-\t") if index else "")
            name = f' aria-label="{escape(words)}"' if words else ""
            url = escape(found[0])
            parts += [str(escape(line[last:found.start()])), f'<a href="{url}"{name}>{url}</a>']
            last = found.end()
        shown.append("".join(parts) + str(escape(line[last:])))
    return "<pre>" + "\n".join(shown) + "</pre>"


class ImapMailbox:
    """A real test mailbox (every test address delivered to it), read over IMAP with imap-tools.

    `url` is imap://USER:PASSWORD@HOST:PORT (or imaps:// for TLS); a mail counts when it arrived after the
    mark (its UID is higher than the mailbox's highest then) and is addressed to the recipient.
    """

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("imap", "imaps") or not parts.hostname or not parts.username:
            raise ValueError(f"boîte mail de test : imap://utilisateur:motdepasse@hôte:port attendu, pas {url!r}")
        self.tls = parts.scheme == "imaps"
        self.host, self.port = parts.hostname, parts.port or (993 if self.tls else 143)
        self.user, self.password = unquote(parts.username), unquote(parts.password or "")
        self.after = 0

    @classmethod
    def unreachable(cls, url: str) -> str | None:
        """Why the test mailbox at `url` cannot be read (named without its password), or None."""
        try:
            mailbox = cls(url)
            with mailbox._login():
                return None
        except ValueError as error:
            return str(error).replace(url, redact(url))
        except Exception as error:  # imap-tools raises the socket's, ssl's or imaplib's own errors
            reason = str(error) or type(error).__name__
            return f"la boîte mail de test {redact(url)} (--mailbox) ne répond pas : {reason}"

    def _login(self) -> Any:
        """A new session each time: a mail delivered since the last one is then in the mailbox's listing."""
        return (MailBox if self.tls else MailBoxUnencrypted)(self.host, self.port).login(self.user, self.password)

    def _fetch(self, criteria: Any) -> list[Mail]:
        with self._login() as mailbox:
            return [{"id": int(m.uid or 0), "subject": m.subject, "text_body": m.text, "html_body": m.html,
                     "recipients": ",".join(m.to)} for m in mailbox.fetch(criteria, mark_seen=False)
                    if int(m.uid or 0) > self.after]

    def mark(self) -> None:
        with self._login() as mailbox:
            self.after = max((int(uid) for uid in mailbox.uids()), default=0)

    def since_mark(self, to: str) -> list[Mail]:
        return self._fetch(AND(to=to))

    def next(self, to: str) -> Mail:
        return wait_for(lambda: self.since_mark(to), to)

    def show(self, page: Page, mail: Mail) -> None:
        page.goto("about:blank")  # the mail is no page of the portal: the next visit to one loads it
        subject = escape(mail["subject"])
        body = mail["html_body"] or text_as_html(mail["text_body"] or "")
        page.set_content(f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{subject}</title>'
                         f'</head><body><main><h1 id="mail-subject">{subject}</h1>{body}</main></body></html>')
