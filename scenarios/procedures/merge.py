"""Question 7 : Je souhaite fusionner mes coffres ?"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .. import selectors
from ..steps import Actor, procedure
from .common import PHONE_STEP, check_support_facts, contact_support, log_in_to_vault, phone_support

merge = procedure(7, "Fusionner ses coffres", situation="deux-coffres")


@merge.step("Le salarié doit impérativement contacter le support MyCecurity pour faire sa demande "
            "de fusion des coffres :")
def no_self_service_merge(actor: Actor) -> None:
    page = actor.page
    log_in_to_vault(actor)
    for path in (selectors.PATHS["vault"], "/profil/"):
        actor.goto("portal", path)
        expect(page.get_by_text(re.compile("fusion", re.I))).to_have_count(0)
    actor.click("Besoin d'aide", roles=("link",))
    expect(page.get_by_role("heading", level=1)).to_have_text("Besoin d'aide ?")
    expect(actor.show(page.get_by_text("La fusion de plusieurs coffres"))).to_contain_text("uniquement par le support")
    check_support_facts(actor, actor.step_text)


@merge.step("Soit en envoyant un mail à mycecurity@cecurity.com")
def mail_support(actor: Actor) -> None:
    second = actor.situation["second_vault"]
    mail = contact_support(actor, "fusion", f"Merci de fusionner mon coffre avec le coffre {second['identifier']}.")
    assert actor.situation["identifier"] in mail["text_body"] and second["identifier"] in mail["text_body"]
    check_support_facts(actor, actor.step_text)


merge.step(PHONE_STEP)(phone_support)
