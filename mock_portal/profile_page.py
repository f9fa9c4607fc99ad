"""« Mes informations de profil »: personal e-mail (also a login), mobile, password."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, url_for
from werkzeug.security import check_password_hash
from werkzeug.wrappers import Response

from mock_portal import accounts
from mock_portal.auth import login_required, start_session
from mock_portal.db import get_db, transaction
from mock_portal.forms import ChangePasswordForm, ProfileForm

bp = Blueprint("profile", __name__, url_prefix="/profil")

STALE = (
    "Vos informations ont été modifiées depuis une autre fenêtre entre-temps. "
    "Vérifiez les valeurs ci-dessous et enregistrez à nouveau."
)


@bp.route("/", methods=("GET", "POST"))
@login_required
def edit() -> str | Response:
    """Change the personal e-mail and mobile; the e-mail is then a login too."""
    employee = g.employee
    form = ProfileForm(data={"email": employee["email"], "mobile": employee["mobile"],
                             "version": str(employee["version"])})
    if form.validate_on_submit():
        email = form.email.data.lower()
        db = get_db()
        with transaction(db):
            if accounts.email_taken(email, employee["id"]):
                form.email.errors.append("Cette adresse e-mail est déjà utilisée par un autre coffre.")
            else:
                updated = accounts.update_contact(
                    employee["id"], email, form.mobile.data or employee["mobile"], int(form.version.data))
        if not form.email.errors:
            if updated:
                flash("Vos informations de profil ont été enregistrées.")
                return redirect(url_for("profile.edit"))
            flash(STALE)
            form.version.data = str(accounts.employee(employee["id"])["version"])
    return render_template("profile.html", form=form)


@bp.route("/mot-de-passe", methods=("GET", "POST"))
@login_required
def change_password() -> str | Response:
    """« Changer de mot de passe »: current password, then the new one twice."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not check_password_hash(g.employee["password_hash"], form.current.data):
            form.current.errors.append("Le mot de passe actuel est incorrect.")
        else:
            db = get_db()
            with transaction(db):
                accounts.set_password(g.employee["id"], form.password.data)
            start_session(g.employee["id"])
            flash("Votre mot de passe a été modifié.")
            return redirect(url_for("profile.edit"))
    return render_template("change_password.html", form=form)
