"""Outgoing mail: rendered from templates and sent over real SMTP."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from typing import Any

from flask import current_app, render_template, url_for

from mock_portal import product

MAIL_DOWN = (
    "L'envoi des e-mails est momentanément indisponible : votre demande n'a pas été enregistrée. "
    "Réessayez dans quelques minutes."
)


class MailError(RuntimeError):
    """The SMTP server refused or could not be reached."""


class MailAttempt:
    """`with attempt:` around the work that sends mail: a MailError is caught, the transaction rolled back.

    A view then redirects when `attempt.failed` is false, and otherwise shows its form again with
    `attempt.page(...)`: the French MAIL_DOWN message and status 503, every typed value kept.
    """

    failed = False

    def __enter__(self) -> MailAttempt:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> bool:
        self.failed = exc_type is not None and issubclass(exc_type, MailError)
        return self.failed

    def page(self, template: str, **context: Any) -> tuple[str, int]:
        return render_template(template, error=MAIL_DOWN if self.failed else None, **context), \
            503 if self.failed else 200


def portal_link(endpoint: str, **values: Any) -> str:
    """An absolute link for a mail, on the portal's configured address (never the request's Host header)."""
    return current_app.config["SITE_URLS"]["portal"].rstrip("/") + url_for(endpoint, **values)


def send_mail(
    to: str,
    subject: str,
    template: str,
    attachments: list[tuple[str, str, bytes]] | None = None,
    **context: Any,
) -> None:
    """Render `mail/<template>.{txt,html}` and send it to `to`."""
    message = EmailMessage()
    message["From"] = f"{product.BRAND} <{product.NOREPLY_EMAIL}>"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(render_template(f"mail/{template}.txt", subject=subject, **context))
    message.add_alternative(
        render_template(f"mail/{template}.html", subject=subject, **context), subtype="html"
    )
    for filename, media_type, content in attachments or []:
        maintype, subtype = media_type.split("/", 1)
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    deliver(message)


def deliver(message: EmailMessage) -> None:
    """Hand a message to the configured SMTP server; MailError if it cannot take it."""
    config = current_app.config
    try:
        with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=10) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        current_app.logger.warning("mail to %s not sent: %s", message["To"], error)
        raise MailError(str(error)) from error
