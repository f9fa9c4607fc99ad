"""Questions 2 and 3 : changer son adresse mail, changer son mot de passe."""

from __future__ import annotations

from playwright.sync_api import expect

from scenarios.actor import Actor
from scenarios.binding import Binding, bind
from scenarios.finding import pages
from scenarios.procedures.common import NEW_PASSWORD, log_in_to_vault, log_out, open_name_menu, open_profile, outcome


def bind_profile_steps(binding: Binding) -> None:
    """Both questions start the same way: log in, open the name menu, open the profile."""
    binding.step("se-connecter")(log_in_to_vault)
    binding.step("ouvrir-menu-nom")(open_name_menu)
    binding.step("ouvrir-profil")(open_profile)


# ---- Question 2 ---------------------------------------------------------------------
change_mail = bind("q02-changer-son-adresse-mail", needs=("destructive",))
bind_profile_steps(change_mail)


def new_mail_of(actor: Actor) -> str:
    local, domain = actor.employee.email.split("@")
    return f"{local}.perso@{domain}"


@change_mail.step("changer-mail")
def change_mail_in_form(actor: Actor) -> None:
    new_mail = new_mail_of(actor)
    form = actor.on(pages.Profile)
    actor.step.show(form.email).fill(new_mail)
    actor.step.take_picture()  # the form with the new e-mail, as the step says
    form.save.click()
    outcome(actor)
    actor.page.reload()  # saved: the profile shows it when read again
    expect(actor.on(pages.Profile).email).to_have_value(new_mail)
    actor.credentials.email = new_mail


# ---- Question 3 ---------------------------------------------------------------------
change_password = bind("q03-changer-son-mot-de-passe", needs=("destructive",))
bind_profile_steps(change_password)


@change_password.step("cliquer-changer-mot-de-passe", on=pages.Profile)
def click_change_password(actor: Actor) -> None:
    link = actor.labelled(actor.step.quote(), roles=("link",))
    save = actor.on(pages.Profile).save.bounding_box()
    box = link.bounding_box()
    assert box and save and box["y"] > save["y"], "le lien n'est pas en bas du formulaire"
    actor.click_shown(link)
    actor.arrive(pages.ChangePassword)


@change_password.step("changer-mot-de-passe")
def follow_change_password(actor: Actor) -> None:
    """The form filled, its fields and button outlined: the step's image, taken before the click; logging out
    and in again with the new password proves it afterwards, and never replaces that image."""
    form = actor.on(pages.ChangePassword)
    form.current.fill(actor.credentials.password)
    form.password.fill(NEW_PASSWORD)
    form.confirm.fill(NEW_PASSWORD)
    actor.step.show(form.current, form.password, form.confirm, form.submit)
    actor.step.take_picture()
    form.submit.click()
    outcome(actor)
    actor.credentials.password = NEW_PASSWORD
    log_out(actor)
    log_in_to_vault(actor)
