"""Question 7 : Je souhaite fusionner mes coffres ?"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from scenarios.actor import Actor
from scenarios.binding import bind
from scenarios.finding import pages
from scenarios.procedures.common import (
    check_support_facts,
    contact_support,
    log_in_to_vault,
    mail_support_line,
    phone_support,
)

merge = bind("q07-fusionner-ses-coffres", situation="deux-coffres", needs=("support-inbox",))


@merge.step("contacter-le-support")
def no_self_service_merge(actor: Actor) -> None:
    log_in_to_vault(actor)
    for screen in (pages.Vault, pages.Profile):  # logging in led to the vault
        expect(actor.be_on(screen).mentions(re.compile("fusion", re.IGNORECASE))).to_have_count(0)
    actor.click_shown(actor.on(pages.Screen).help_link)
    help_page = actor.arrive(pages.Support)
    expect(help_page.merge_rule).to_contain_text("support", ignore_case=True)
    check_support_facts(actor)
    actor.step.show(help_page.merge_rule, help_page.contact)


@merge.step("par-mail")
def mail_support(actor: Actor) -> None:
    second = actor.employee.second_vault
    assert second is not None, "la situation « deux-coffres » n'a pas de second coffre"
    mail = contact_support(actor, "fusion", f"Merci de fusionner mon coffre avec le coffre {second.identifier}.")
    for identifier in (actor.credentials.identifier, second.identifier):
        assert identifier in mail["text_body"], f"identifiant {identifier} absent de la demande reçue par le support"
    check_support_facts(actor)
    mail_support_line(actor)


merge.step("par-telephone")(phone_support)
