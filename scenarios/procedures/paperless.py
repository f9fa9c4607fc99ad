"""Questions 8 and 9 : refuser puis réactiver la dématérialisation."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from .. import selectors
from ..guide import screens_of
from ..steps import Actor, procedure
from .common import PHONE_STEP, check_support_facts, contact_support, log_in_to_vault, phone_support

REFUSAL_TITLE = "Demande de distribution des bulletins de paie au format papier"


def fill_refusal_form(actor: Actor) -> None:
    s, page = actor.situation, actor.page
    actor.field("Identifiant").fill(s["identifier"])
    actor.field("Mot de passe").fill(s["password"])
    actor.field(selectors.EMPLOYER_FIELD).select_option(label=s["employer"])
    page.get_by_label(selectors.DATA_POLICY_CHECKBOX).check()


# ---- Question 8 ---------------------------------------------------------------------
refuse = procedure(8, "Refuser la dématérialisation")


@refuse.step("Je me connecte à l'adresse de renoncement (URL transmise par mon employeur) ou bien "
             "avec le lien suivant : https://refusdemat.cecurity.com.")
def open_refusal_site(actor: Actor) -> None:
    url = re.search(r"https://[\w.-]+\w", actor.step_text)
    assert url is not None
    # Only a run against the guide's own hosts can tell whether the address is right.
    if urlsplit(actor.sites["portal"]).hostname == "www.mycecurity.com" and url[0] != actor.sites["refusdemat"]:
        actor.erratum("adresse du site de refus", url[0], actor.sites["refusdemat"])
    actor.goto("refusdemat")
    assert actor.page.url.startswith("https://")
    expect(actor.show(actor.page.get_by_role("heading", level=1))).to_have_text(REFUSAL_TITLE)
    assert REFUSAL_TITLE in screens_of(8, "Refuser la dématérialisation")[0]
    actor.labelled("Mot de passe perdu", roles=("link",))


@refuse.step("Je renseigne les éléments transmis tel que mon identifiant, mon mot de passe et mon "
             "employeur puis je valide la politique de confidentialité avant de cliquer sur « Valider ».")
def fill_and_validate(actor: Actor) -> None:
    fill_refusal_form(actor)
    actor.click("Valider", roles=("button",))
    expect(actor.page).not_to_have_url(actor.url("refusdemat"))
    expect(selectors.alert(actor.page)).to_have_count(0)


@refuse.step("Je dois ensuite confirmer ma demande.")
def confirm_request(actor: Actor) -> None:
    expect(actor.page.get_by_role("heading", level=1)).to_have_text("Confirmez votre demande")
    actor.show(actor.page.get_by_role("button", name=selectors.CONFIRM_REFUSAL_BUTTON)).click()
    expect(actor.page.get_by_role("heading", level=1)).to_have_text("Votre demande a bien été prise en compte")


@refuse.step("J'accède à la page de confirmation de la prise en compte de ma demande que je peux "
             "imprimer.")
def printable_confirmation(actor: Actor) -> None:
    page = actor.page
    reference = selectors.refusal_reference(page)
    expect(reference).to_have_text(re.compile(r"^RD-\d{8}-\d{6}$"))
    page.evaluate("window.__printed = false; window.print = () => { window.__printed = true; }")
    actor.show(page.get_by_role("button", name=selectors.PRINT_BUTTON)).click()
    assert page.evaluate("window.__printed") is True
    employee = actor.sim.employee(actor.situation["employee_id"])
    assert employee["paperless"] == 0 and employee["refusals"] == [reference.inner_text()]


# ---- Question 9 ---------------------------------------------------------------------
reaccept = procedure(9, "Réactiver la dématérialisation", situation="refus-demat")


@reaccept.step("Le salarié doit impérativement contacter le support MyCeurity pour faire sa "
               "demande d'acceptation de la dématérialisation :")
def no_self_service_reaccept(actor: Actor) -> None:
    page = actor.page
    actor.goto("refusdemat")
    fill_refusal_form(actor)
    page.get_by_role("button", name="Valider").click()
    expect(selectors.alert(page)).to_contain_text("contactez le support")
    log_in_to_vault(actor)
    expect(actor.show(page.get_by_role("note"))).to_contain_text("contactez le support")
    actor.goto("portal", "/profil/")
    expect(page.get_by_text(re.compile("dématérialisation", re.I))).to_have_count(0)
    check_support_facts(actor, actor.step_text)


@reaccept.step("Soit en envoyant un mail à mycecurity@ceurity.com")
def mail_support(actor: Actor) -> None:
    mail = contact_support(actor, "reactivation", "Je souhaite de nouveau recevoir mes bulletins dans mon coffre.")
    assert "Réactiver la dématérialisation" in mail["subject"]
    check_support_facts(actor, actor.step_text)


reaccept.step(PHONE_STEP)(phone_support)
