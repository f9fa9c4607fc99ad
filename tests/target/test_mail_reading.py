"""Mails read as a person reads them (scenarios/target/mailboxes.py, the Mail screen): a mail in text only shows
its links named by the words before them; the provisional password and the identifier are found next to their
words, whatever the case, spacing or markup; what lets one in is registered as a secret from the HTML too."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from scenarios.finding import find, pages
from scenarios.finding.portal_profile import Portal
from scenarios.secrecy import Secrets
from scenarios.target.mailboxes import text_as_html

TEXT_MAIL = ("Bonjour,\n\nRéinitialiser mon mot de passe : https://portail.test/r?jeton=abcdefghijklmnopqrstuvwxyz&x=1"
             "\n\nOu suivez ce lien :\nhttps://portail.test/aide\n")


def test_a_mail_in_text_only_shows_its_links_named_by_their_words(page: Page) -> None:
    page.set_content(f'<html lang="fr"><body><main>{text_as_html(TEXT_MAIL)}</main></body></html>')
    found, shown = find.labelled(page, "link", "réinitialiser mon mot de passe", "guide.md:15", "mail")
    expect(found).to_have_attribute("href", "https://portail.test/r?jeton=abcdefghijklmnopqrstuvwxyz&x=1")
    assert shown == "Réinitialiser mon mot de passe"
    expect(find.by_words(page, "link", ("Ou suivez ce lien",))).to_have_attribute("href", "https://portail.test/aide")


@pytest.mark.parametrize("body", [
    "<p>Mot de passe provisoire : <b>VEoLz8Pwfr7a</b></p>",
    "<table><tr><td>MOT DE PASSE PROVISOIRE :</td><td><strong>VEoLz8Pwfr7a</strong></td></tr></table>",
    "<p>Votre mot de passe   provisoire est : VEoLz8Pwfr7a</p>",
    "<pre>Identifiant : 123456789012\nmot de passe provisoire: VEoLz8Pwfr7a</pre>",
])
def test_the_provisional_password_is_read_next_to_its_words(page: Page, body: str) -> None:
    page.set_content(f'<html lang="fr"><body><main><h1>Vos identifiants</h1>{body}</main></body></html>')
    assert pages.Mail(page, Portal.load()).provisional_password() == "VEoLz8Pwfr7a"


def test_what_an_html_mail_gives_that_lets_one_in_is_a_secret() -> None:
    registry = Secrets()
    registry.add_from_mail("<tr><td>Mot de passe provisoire :</td><td><strong>VEoLz8Pwfr7a</strong></td></tr>"
                           '<a href="https://portail.test/r?jeton=abcdefghijklmnopqrstuvwxyz">lien</a>')
    assert {"VEoLz8Pwfr7a", "abcdefghijklmnopqrstuvwxyz"} <= registry.values
