"""Questions 6 and 10 : voir ses nouveaux documents, utiliser le coffre."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from scenarios.actor import Actor
from scenarios.binding import bind
from scenarios.finding import lists, pages
from scenarios.procedures.common import log_in_to_vault

# ---- Question 6 ---------------------------------------------------------------------
documents = bind("q06-voir-ses-nouveaux-documents", needs=("corporate-site",))


@documents.step("verifier-le-site")
def right_site(actor: Actor) -> None:
    for host in ("www.mycecurity.com", "www.cecurity.com"):
        assert host in actor.step.text, f"l'étape ne cite plus {host}"
    corporate = actor.reach(pages.Corporate)
    expect(corporate.password_inputs).to_have_count(0)  # no login there: the vault is elsewhere
    link = corporate.portal_link("www.mycecurity.com")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", re.compile("^" + re.escape(actor.sites.url("portal", "/"))))
    log_in_to_vault(actor)
    portal = urlsplit(actor.sites.portal).netloc
    assert urlsplit(actor.page.url).netloc == portal, f"connecté à {actor.page.url}, pas à {portal}"


@documents.step("dossier-bulletins", on=pages.Vault)
def open_payslips(actor: Actor) -> None:
    actor.click(actor.step.quote(), roles=("link",))
    expect(actor.page_heading(actor.step.quote())).to_be_visible()


@documents.step("dernier-bulletin")
def open_latest(actor: Actor) -> None:
    vault = actor.on(pages.Vault)
    vault.current_year.click()
    latest = vault.latest
    period = lists.period_of(latest)  # the newest the folder shows, read from the page
    actor.click_shown(latest)
    expect(actor.page_heading(period)).to_be_visible()  # the payslip opened is that period's


# ---- Question 10 --------------------------------------------------------------------
usage = bind("q10-utiliser-le-coffre")


@usage.step("guide-d-utilisation")
def user_guide(actor: Actor) -> None:
    """The vault's guide, reached as the employee reaches it (from the vault, else from the help page), explains
    what the question names: sending a payslip by mail, printing one, depositing a document."""
    log_in_to_vault(actor)
    guide = actor.reach(pages.UserGuide)
    topics = [guide.topic(topic) for topic in actor.portal.words("texts.user_guide_topics").words]
    for topic in topics:
        expect(topic).to_be_visible()
    actor.step.show(guide.title, *topics)
