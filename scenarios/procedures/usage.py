"""Questions 6 and 10 : voir ses nouveaux documents, utiliser le coffre."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from PIL import Image
from playwright.sync_api import FilePayload, expect

from .. import find, pages
from ..actor import Actor
from ..binding import bind
from .common import log_in_to_vault, shows, wait_for_mail
from .paperless import mock_print, printed

# ---- Question 6 ---------------------------------------------------------------------
documents = bind("q06-voir-ses-nouveaux-documents", needs=("corporate-site",))


@documents.step("verifier-le-site")
def right_site(actor: Actor) -> None:
    for host in ("www.mycecurity.com", "www.cecurity.com"):
        assert host in actor.step.text, f"l'étape ne cite plus {host}"
    corporate = actor.visit(pages.Corporate)
    expect(corporate.password_inputs).to_have_count(0)
    expect(corporate.portal_link("www.mycecurity.com")).to_be_visible()
    log_in_to_vault(actor)
    portal = urlsplit(actor.sites.portal).netloc
    assert urlsplit(actor.page.url).netloc == portal, f"connecté à {actor.page.url}, pas à {portal}"


@documents.step("dossier-bulletins")
def open_payslips(actor: Actor) -> None:
    actor.click(actor.step.quote(), roles=("link",))
    expect(actor.page_heading(actor.step.quote())).to_be_visible()


@documents.step("dernier-bulletin")
def open_latest(actor: Actor) -> None:
    vault = actor.on(pages.Vault)
    vault.current_year.click()
    latest = vault.latest
    period = find.period_of(latest)  # the newest the folder shows, read from the page
    actor.click_shown(latest)
    document = actor.on(pages.Document)
    expect(actor.page_heading(period)).to_be_visible()  # the payslip opened is that period's
    expect(document.details).to_be_visible()


# ---- Question 10 --------------------------------------------------------------------
usage = bind("q10-utiliser-le-coffre", needs=("mailbox",))  # deposits a test document


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#006e69").save(buffer, format="PNG")
    return buffer.getvalue()


@usage.step("guide-d-utilisation")
def user_guide(actor: Actor) -> None:
    email = actor.credentials.email
    log_in_to_vault(actor)
    # Send a payslip by e-mail, as the vault's guide explains.
    vault = actor.on(pages.Vault)
    vault.payslips.click()
    vault.current_year.click()
    vault.latest.click()
    document = actor.on(pages.Document)
    actor.mailbox.mark()
    document.recipient.fill(email)
    document.send.click()
    shows(actor, document, "document_sent")
    mail = wait_for_mail(actor, email)
    assert "joint" in mail["text_body"], "le mail envoyé ne dit pas que le bulletin est joint"
    # Print it: « Imprimer » opens the browser's print dialog, at once or from a print view.
    mock_print(actor)
    document.print.click()
    if not printed(actor):
        actor.page.wait_for_load_state()
        mock_print(actor)
        actor.on(pages.Document).print.click()
    assert printed(actor), "« Imprimer » n'ouvre pas l'impression, ni de lui-même ni depuis une page à imprimer"
    # Deposit a document into the vault.
    upload = actor.visit(pages.MyDocuments)
    upload.name.fill("Justificatif de domicile")
    upload.file.set_input_files(files=[FilePayload(name="justificatif.png", mimeType="image/png", buffer=png_bytes())])
    upload.deposit.click()
    expect(upload.document("Justificatif de domicile")).to_be_visible()
    # And the guide itself, reachable from the vault.
    actor.click_shown(actor.visit(pages.Vault).user_guide)
    guide = actor.arrive(pages.UserGuide)
    for topic in actor.portal.words("texts.user_guide_topics").words:
        expect(guide.topic(topic)).to_be_visible()
