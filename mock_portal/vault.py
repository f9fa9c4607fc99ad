"""The vault: folders, payslips by year, preview, download, print, send, upload."""

from __future__ import annotations

import json
import sqlite3

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from mock_portal import clock, documents, product
from mock_portal.auth import login_required
from mock_portal.db import get_db
from mock_portal.forms import SendDocumentForm, UploadForm
from mock_portal.mail import MailAttempt, send_mail

bp = Blueprint("vault", __name__, url_prefix="/coffre")

FOLDER_SLUGS = {"bulletins-de-paie": product.PAYSLIP_FOLDER, "mes-documents": product.PERSONAL_FOLDER}
SIGNATURES = {"pdf": b"%PDF", "png": b"\x89PNG", "jpg": b"\xff\xd8\xff", "jpeg": b"\xff\xd8\xff"}
MEDIA_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


def folder_name(slug: str) -> str:
    if slug not in FOLDER_SLUGS:
        abort(404)
    return FOLDER_SLUGS[slug]


def get_document(document_id: int) -> sqlite3.Row:
    """The logged-in employee's document, or 404 (never someone else's)."""
    row = get_db().execute(
        "SELECT * FROM document WHERE id = ? AND employee_id = ?", (document_id, g.employee["id"])
    ).fetchone()
    if row is None:
        abort(404)
    return row


def personal_documents() -> list[sqlite3.Row]:
    """The logged-in employee's own documents, newest first."""
    return get_db().execute(
        "SELECT id, title, filename, created_at FROM document WHERE employee_id = ? AND folder = ?"
        " ORDER BY created_at DESC, id DESC",
        (g.employee["id"], product.PERSONAL_FOLDER),
    ).fetchall()


@bp.get("/")
@login_required
def home() -> str:
    """The vault's home: one tile per folder."""
    counts = dict(
        get_db().execute(
            "SELECT folder, COUNT(*) FROM document WHERE employee_id = ? GROUP BY folder",
            (g.employee["id"],),
        ).fetchall()
    )
    folders = [(slug, name, counts.get(name, 0)) for slug, name in FOLDER_SLUGS.items()]
    return render_template("vault_home.html", folders=folders)


@bp.get("/<slug>")
@login_required
def folder(slug: str) -> str:
    """A folder: payslips grouped by year, personal documents as a list."""
    name = folder_name(slug)
    db = get_db()
    if name == product.PAYSLIP_FOLDER:
        years = [row[0] for row in db.execute(
            "SELECT DISTINCT substr(period, 1, 4) AS year FROM document"
            " WHERE employee_id = ? AND folder = ? ORDER BY year DESC",
            (g.employee["id"], name),
        )]
        current_year = str(clock.local(clock.now()).year)
        return render_template("folder_years.html", slug=slug, name=name, years=years,
                               current_year=current_year)
    return render_template("folder_documents.html", slug=slug, name=name,
                           documents=personal_documents(),
                           form=UploadForm())


@bp.get("/<slug>/<int(min=1, max=9999):year>")
@login_required
def year(slug: str, year: int) -> str:
    """One year's payslips, the latest first."""
    name = folder_name(slug)
    documents = get_db().execute(
        "SELECT id, title, period, created_at FROM document WHERE employee_id = ? AND folder = ?"
        " AND substr(period, 1, 4) = ? ORDER BY period DESC, id DESC",
        (g.employee["id"], name, f"{year:04d}"),
    ).fetchall()
    if not documents:
        abort(404)
    return render_template("folder_year.html", slug=slug, name=name, year=year, documents=documents)


@bp.route("/documents/<id:document_id>", methods=("GET", "POST"))
@login_required
def document(document_id: int) -> tuple[str, int] | Response:
    """Preview of a document, with download, print and send by e-mail."""
    row = get_document(document_id)
    form = SendDocumentForm()
    attempt = MailAttempt()
    if form.validate_on_submit():
        with attempt:
            send_mail(
                form.recipient.data,
                f"{g.employee['first_name']} {g.employee['last_name']} vous envoie un document",
                "document",
                employee=g.employee,
                title=row["title"],
                attachments=[(row["filename"], row["media_type"], documents.content(row))],
            )
        if not attempt.failed:
            flash(f"Le document « {row['title']} » a été envoyé à {form.recipient.data}.")
            return redirect(url_for("vault.document", document_id=document_id))
    details = json.loads(row["details"]) if row["details"] else None
    slug = next(s for s, n in FOLDER_SLUGS.items() if n == row["folder"])
    return attempt.page("document.html", document=row, details=details, form=form, slug=slug)


@bp.get("/documents/<id:document_id>/fichier")
@login_required
def file(document_id: int) -> Response:
    """The document itself, shown inline or downloaded."""
    row = get_document(document_id)
    disposition = "attachment" if request.args.get("telecharger") else "inline"
    return Response(
        documents.content(row),
        mimetype=row["media_type"],
        headers={"Content-Disposition": f'{disposition}; filename="{row["filename"]}"'},
    )


@bp.get("/documents/<id:document_id>/imprimer")
@login_required
def print_view(document_id: int) -> str:
    """A print-ready page of the document that opens the print dialog."""
    row = get_document(document_id)
    details = json.loads(row["details"]) if row["details"] else None
    return render_template("document_print.html", document=row, details=details)


@bp.post("/mes-documents")
@login_required
def upload() -> str | Response | tuple[str, int]:
    """Deposit a personal document into « Mes documents »."""
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.document.data
        extension = upload.filename.rsplit(".", 1)[-1].lower()
        content = upload.read()
        if not content.startswith(SIGNATURES[extension]):
            form.document.errors.append("Le fichier ne correspond pas à son extension.")
        else:
            documents.add(g.employee["id"], product.PERSONAL_FOLDER, form.title.data,
                          f"document.{extension}", MEDIA_TYPES[extension], content, clock.now())
            flash(f"Le document « {form.title.data} » a été déposé dans « Mes documents ».")
            return redirect(url_for("vault.folder", slug="mes-documents"))
    return render_template("folder_documents.html", slug="mes-documents",
                           name=product.PERSONAL_FOLDER, documents=personal_documents(),
                           form=form), 400
