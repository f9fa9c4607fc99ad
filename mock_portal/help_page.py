"""Help pages: support desk contact, the vault's user guide, the privacy policy."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, url_for
from werkzeug.wrappers import Response

from mock_portal import product
from mock_portal.forms import SupportForm
from mock_portal.mail import MailAttempt, send_mail

bp = Blueprint("help", __name__)


@bp.route("/aide", methods=("GET", "POST"))
def contact() -> tuple[str, int] | Response:
    """« Besoin d'aide ? »: the support desk's address, phone, hours and a contact form."""
    employee = g.employee
    form = SupportForm(data={
        "name": f"{employee['first_name']} {employee['last_name']}",
        "identifier": employee["identifier"],
        "email": employee["email"],
    } if employee else None)
    attempt = MailAttempt()
    if form.validate_on_submit():
        subject = dict(form.subject.choices)[form.subject.data]
        with attempt:
            send_mail(
                product.SUPPORT_EMAIL,
                f"Demande au support : {subject}",
                "support_request",
                form=form,
                subject_label=subject,
            )
        if not attempt.failed:
            flash("Votre demande a été transmise au support MyCecurity. Vous recevrez une réponse par e-mail.")
            return redirect(url_for("help.contact"))
    return attempt.page("contact.html", form=form)


@bp.get("/aide/guide-utilisation")
def user_guide() -> str:
    """« Guide d'utilisation du coffre »: the everyday actions, step by step."""
    return render_template("user_guide.html")


@bp.get("/confidentialite")
def privacy() -> str:
    """The privacy policy linked from the footer and the lost-identifier form."""
    return render_template("privacy.html")
