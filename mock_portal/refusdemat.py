"""refusdemat.cecurity.com: asking for paper payslips instead of the digital vault."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from flask import Blueprint, current_app, redirect, render_template, session, url_for
from werkzeug.wrappers import Response

from mock_portal import accounts, clock
from mock_portal.db import get_db, transaction
from mock_portal.forms import ConfirmForm, RefusalForm

bp = Blueprint("refusdemat", __name__)

ALREADY_REFUSED = (
    "Votre demande de bulletins de paie au format papier est déjà enregistrée. "
    "Pour réactiver la dématérialisation, contactez le support MyCecurity."
)


def employer_choices() -> list[tuple[str, str]]:
    rows = get_db().execute("SELECT id, name FROM employer ORDER BY name").fetchall()
    return [("", "Sélectionnez votre employeur"), *((str(r["id"]), r["name"]) for r in rows)]


def record_refusal(employee_id: int, employer_id: int, reference: str, when: datetime) -> None:
    """The employee now receives paper payslips; the request is kept as proof."""
    get_db().execute(
        "INSERT INTO refusal (employee_id, employer_id, reference, created_at) VALUES (?, ?, ?, ?)",
        (employee_id, employer_id, reference, clock.iso(when)),
    )
    accounts.set_paperless(employee_id, False)


def new_reference(identifier: str) -> str:
    """The request's reference: random, or derived from the identifier in simulation mode."""
    today = clock.local(clock.now()).strftime("%Y%m%d")
    if current_app.config["SIMULATION"]:
        number = int(hashlib.sha256(f"{identifier}|{today}".encode()).hexdigest(), 16) % 10**6
    else:
        number = secrets.randbelow(10**6)
    return f"RD-{today}-{number:06d}"


@bp.route("/", methods=("GET", "POST"))
def request_paper() -> tuple[str, int] | Response:
    """« Demande de distribution des bulletins de paie au format papier »."""
    form = RefusalForm()
    form.employer.choices = employer_choices()
    error = None
    if form.validate_on_submit():
        result = accounts.authenticate(form.identifier.data, form.password.data)
        employee = result.employee
        if result.locked:
            error = "Votre compte est temporairement bloqué. Réessayez dans 120 minutes."
        elif employee is None or employee["employer_id"] != int(form.employer.data):
            error = "Identifiant, mot de passe ou employeur incorrect."
        elif not employee["paperless"]:
            error = ALREADY_REFUSED
        else:
            session.clear()
            session["pending"] = {"employee_id": employee["id"], "employer_id": employee["employer_id"]}
            return redirect(url_for("refusdemat.confirm"))
    return render_template("request.html", form=form, error=error), 200 if error is None else 401


@bp.route("/confirmation", methods=("GET", "POST"))
def confirm() -> str | Response:
    """Second step: the employee confirms the request."""
    pending = session.get("pending")
    if not pending:
        return redirect(url_for("refusdemat.request_paper"))
    db = get_db()
    employee = accounts.employee(pending["employee_id"])
    employer = db.execute("SELECT * FROM employer WHERE id = ?", (pending["employer_id"],)).fetchone()
    if employer is None:
        session.clear()
        return redirect(url_for("refusdemat.request_paper"))
    form = ConfirmForm()
    if form.validate_on_submit():
        with transaction(db):
            reference = new_reference(employee["identifier"])
            record_refusal(employee["id"], employer["id"], reference, clock.now())
        session.clear()
        session["reference"] = reference
        return redirect(url_for("refusdemat.receipt", reference=reference))
    return render_template("confirm.html", form=form, employee=employee, employer=employer)


@bp.post("/annuler")
def cancel() -> Response:
    session.clear()
    return redirect(url_for("refusdemat.request_paper"))


@bp.get("/demande/<reference>")
def receipt(reference: str) -> str | Response:
    """The printable confirmation, with the request's reference and date."""
    if session.get("reference") != reference:
        return redirect(url_for("refusdemat.request_paper"))
    row = get_db().execute(
        "SELECT refusal.*, employer.name AS employer_name, employee.first_name, employee.last_name,"
        " employee.identifier FROM refusal JOIN employer ON employer.id = refusal.employer_id"
        " JOIN employee ON employee.id = refusal.employee_id WHERE reference = ?",
        (reference,),
    ).fetchone()
    return render_template("receipt.html", refusal=row, when=clock.local(row["created_at"]))


@bp.get("/politique-donnees")
def data_policy() -> str:
    """« Politique des données personnelles »."""
    return render_template("data_policy.html")
