"""Questions 6 and 10 : voir ses nouveaux documents, utiliser le coffre."""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

from PIL import Image
from playwright.sync_api import expect

from .. import selectors
from ..steps import Actor, procedure
from .common import log_in_to_vault

LATEST_PAYSLIP = "Bulletin de paie février 2026"
CURRENT_YEAR = "2026"

# ---- Question 6 ---------------------------------------------------------------------
documents = procedure(6, "Voir ses nouveaux documents")


@documents.step("Vérifier que le salarié soit bien connecté à www.mycecurity.com, et non sur "
                "www.cecurity.com.")
def right_site(actor: Actor) -> None:
    for host in ("www.mycecurity.com", "www.cecurity.com"):
        assert host in actor.step_text
    actor.goto("corporate")
    expect(actor.page.locator("input[type=password]")).to_have_count(0)
    expect(actor.page.get_by_role("link", name="www.mycecurity.com")).to_be_visible()
    log_in_to_vault(actor)
    assert urlsplit(actor.page.url).netloc == urlsplit(actor.sites["portal"]).netloc


@documents.step("Accompagner le salarié dans la visualisation de ses bulletins : sélectionner le "
                "dossier « bulletins de paie »")
def open_payslips(actor: Actor) -> None:
    actor.click("bulletins de paie", roles=("link",))
    expect(actor.page.get_by_role("heading", level=1)).to_have_text("Bulletins de paie")


@documents.step("Sélectionner l'année en cours puis le dernier bulletin.")
def open_latest(actor: Actor) -> None:
    page = actor.page
    page.get_by_role("link", name=re.compile(rf"^{CURRENT_YEAR}")).click()
    latest = actor.show(page.get_by_role("list").get_by_role("link").first)
    expect(latest).to_have_text(LATEST_PAYSLIP)
    latest.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LATEST_PAYSLIP)
    expect(page.get_by_role("table")).to_contain_text("Net à payer")


# ---- Question 10 --------------------------------------------------------------------
usage = procedure(10, "Utiliser le coffre")


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#006e69").save(buffer, format="PNG")
    return buffer.getvalue()


@usage.step("Vous pouvez directement renvoyer l'utilisateur vers le guide d'utilisation du coffre.")
def user_guide(actor: Actor) -> None:
    page, s = actor.page, actor.situation
    log_in_to_vault(actor)
    # Send a payslip by e-mail, as the vault's guide explains.
    page.get_by_role("link", name="Bulletins de paie").click()
    page.get_by_role("link", name=re.compile(rf"^{CURRENT_YEAR}")).click()
    page.get_by_role("list").get_by_role("link").first.click()
    after = actor.sim.last_mail_id()
    actor.field(selectors.RECIPIENT_FIELD).fill(s["email"])
    page.get_by_role("button", name=selectors.SEND_BUTTON).click()
    expect(selectors.notice(page)).to_contain_text("a été envoyé")
    mail = actor.wait_for_mail(s["email"], after)
    assert "joint" in mail["text_body"]
    # Print it: the print view opens the browser's print dialog.
    page.get_by_role("link", name=selectors.PRINT_BUTTON).click()
    page.evaluate("window.__printed = false; window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name=selectors.PRINT_BUTTON).click()
    assert page.evaluate("window.__printed") is True
    # Deposit a document into the vault.
    actor.goto("portal", "/coffre/mes-documents")
    actor.field(selectors.UPLOAD_TITLE_FIELD).fill("Justificatif de domicile")
    actor.field(selectors.UPLOAD_FILE_FIELD).set_input_files(
        files=[{"name": "justificatif.png", "mimeType": "image/png", "buffer": png_bytes()}])
    page.get_by_role("button", name=selectors.UPLOAD_BUTTON).click()
    expect(page.get_by_role("link", name="Justificatif de domicile")).to_be_visible()
    # And the guide itself, reachable from the vault.
    actor.goto("portal", selectors.PATHS["vault"])
    actor.show(page.get_by_role("link", name=selectors.USER_GUIDE_LINK).first).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Guide d'utilisation du coffre")
    for topic in ("Envoyer un bulletin par e-mail", "Imprimer un bulletin", "Déposer un document au coffre"):
        expect(page.get_by_role("heading", name=topic)).to_be_visible()
