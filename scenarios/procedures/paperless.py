"""Questions 8 and 9 : refuser puis réactiver la dématérialisation."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from scenarios.actor import Actor
from scenarios.binding import bind
from scenarios.finding import lists, pages
from scenarios.guide import QUOTED
from scenarios.procedures.common import (
    check_support_facts,
    contact_support,
    log_in_to_vault,
    mail_support_line,
    phone_support,
    shows,
)
from scenarios.results import Erratum


def fill_refusal_form(actor: Actor) -> pages.Refusal:
    form = actor.on(pages.Refusal)
    form.identifier.fill(actor.credentials.identifier)
    form.password.fill(actor.credentials.password)
    lists.pick(form.employer, (actor.employee.employer,))
    form.data_policy.check()
    return form


def mock_print(actor: Actor) -> None:
    """The browser's print dialog, replaced by a flag the step can read."""
    actor.page.evaluate("window.__printed = false; window.print = () => { window.__printed = true; }")


def printed(actor: Actor) -> bool:
    return actor.page.evaluate("window.__printed") is True


# ---- Question 8 ---------------------------------------------------------------------
refuse = bind("q08-refuser-la-dematerialisation", needs=("refusal-site", "destructive", "own-account"))


@refuse.step("ouvrir-site-de-refus")
def open_refusal_site(actor: Actor) -> None:
    url = re.search(r"https://[\w.-]+\w", actor.step.text)
    assert url is not None, "l'étape ne donne pas l'adresse du site de refus"
    # Only a run against the guide's own hosts can tell whether the address is right.
    if actor.sites.on_guide_hosts and url[0] != actor.sites.refusdemat:
        actor.step.erratum(Erratum("adresse du site de refus", url[0], actor.sites.refusdemat))
    actor.reach(pages.Refusal)
    assert actor.page.url.startswith("https://"), f"le site de refus n'est pas en https : {actor.page.url}"
    screen = actor.step.procedure.screens[0]
    title = screen.split(" — ")[0]  # the guide reproduces the page: its title first
    expect(actor.step.show(actor.page_heading(title))).to_be_visible()
    actor.labelled(QUOTED.findall(screen)[0], roles=("link",))  # « Mot de passe perdu ? »


@refuse.step("remplir-et-valider", on=pages.Refusal)
def fill_and_validate(actor: Actor) -> None:
    form = fill_refusal_form(actor)
    actor.step.show(form.identifier, form.password, form.employer, form.data_policy)
    actor.click(actor.step.quote(), roles=("button",), keep=True)
    actor.arrive(pages.RefusalConfirm)


@refuse.step("confirmer-la-demande")
def confirm_request(actor: Actor) -> None:
    confirm = actor.on(pages.RefusalConfirm)
    actor.click_shown(confirm.confirm)
    actor.arrive(pages.RefusalReceipt)


@refuse.step("imprimer-la-confirmation")
def printable_confirmation(actor: Actor) -> None:
    receipt = actor.on(pages.RefusalReceipt)
    mock_print(actor)
    actor.step.show(receipt.print).click()
    assert printed(actor), "le bouton « Imprimer » n'ouvre pas l'impression"
    if actor.simulator is None:  # a real portal: its receipt is all the employee (and the run) can see
        return
    employee = actor.sim.employee(actor.employee.employee_id)  # the mock's receipt gives the reference it keeps
    assert employee["paperless"] == 0, "le refus n'a pas été enregistré : l'employé est toujours en dématérialisé"
    shown = receipt.reference.inner_text().strip()
    assert employee["refusals"] == [shown], f"refus enregistrés : {employee['refusals']}, reçu : {shown}"


# ---- Question 9 ---------------------------------------------------------------------
reaccept = bind("q09-reactiver-la-dematerialisation", situation="refus-demat",
                     needs=("refusal-site", "support-inbox"))


@reaccept.step("contacter-le-support")
def no_self_service_reaccept(actor: Actor) -> None:
    actor.reach(pages.Refusal)
    form = fill_refusal_form(actor)
    form.submit.click()
    shows(actor, form, "support_needed")
    log_in_to_vault(actor)
    actor.step.show(actor.on(pages.Vault).message("support_needed"))
    profile = actor.reach(pages.Profile)
    expect(profile.mentions(re.compile("dématérialisation", re.IGNORECASE))).to_have_count(0)
    check_support_facts(actor)
    actor.step.show(actor.on(pages.Support).contact)


@reaccept.step("par-mail")
def mail_support(actor: Actor) -> None:
    mail = contact_support(actor, "reactivation", "Je souhaite de nouveau recevoir mes bulletins dans mon coffre.")
    assert "Réactiver la dématérialisation" in mail["subject"], f"objet reçu par le support : {mail['subject']}"
    check_support_facts(actor)
    mail_support_line(actor)


reaccept.step("par-telephone")(phone_support)
