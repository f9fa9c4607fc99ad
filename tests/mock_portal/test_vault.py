"""The vault: folders, payslips by year (latest first), preview, download, print, send, upload."""

from __future__ import annotations

import io
import re
from html import unescape
from typing import Any

import pytest
from flask.testing import FlaskClient
from PIL import Image

from tests.helpers import AuthActions, error_next_to


@pytest.fixture
def logged_in(auth: AuthActions, employee: dict) -> dict:
    auth.login(employee["identifier"], employee["password"])
    return employee


def page(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return unescape(response.get_data(as_text=True))


def latest_document_id(client: FlaskClient) -> int:
    html = page(client, "/coffre/bulletins-de-paie/2026")
    return int(re.search(r'href="/coffre/documents/(\d+)"', html)[1])


def test_vault_requires_login(client: FlaskClient) -> None:
    assert client.get("/coffre/").location.startswith("/?suivant=")
    assert client.get("/coffre/documents/1/fichier").status_code == 302


def test_payslips_by_year_latest_first(client: FlaskClient, logged_in: dict) -> None:
    home = page(client, "/coffre/")
    assert "Bulletins de paie" in home and "5 documents" in home
    years = page(client, "/coffre/bulletins-de-paie")
    assert years.index(">2026") < years.index(">2025") and "année en cours" in years
    titles = re.findall(r">(Bulletin de paie [^<]+)</a>", page(client, "/coffre/bulletins-de-paie/2026"))
    assert titles == ["Bulletin de paie février 2026", "Bulletin de paie janvier 2026"]


def test_preview_download_and_print(client: FlaskClient, logged_in: dict) -> None:
    document_id = latest_document_id(client)
    preview = page(client, f"/coffre/documents/{document_id}")
    assert "Net à payer" in preview and "Télécharger" in preview and "Imprimer" in preview
    download = client.get(f"/coffre/documents/{document_id}/fichier?telecharger=1")
    assert download.data.startswith(b"%PDF") and download.headers["Content-Disposition"].startswith("attachment")
    assert "data-print" in page(client, f"/coffre/documents/{document_id}/imprimer")


def test_documents_of_others_are_not_found(client: FlaskClient, auth: AuthActions, app: Any, logged_in: dict) -> None:
    document_id = latest_document_id(client)
    auth.logout()
    with app.app_context():
        from mock_portal.harness import situations

        other = situations.create("actif", seed=8)
    auth.login(other["identifier"], other["password"])
    assert client.get(f"/coffre/documents/{document_id}").status_code == 404
    assert client.get(f"/coffre/documents/{document_id}/fichier").status_code == 404


def test_send_by_mail_attaches_the_pdf(client: FlaskClient, logged_in: dict, sent_mail: Any) -> None:
    document_id = latest_document_id(client)
    response = client.post(f"/coffre/documents/{document_id}", data={"recipient": "rh@example.org"})
    assert response.status_code == 302
    mail = sent_mail("rh@example.org")[-1]
    assert "Bulletin de paie février 2026" in mail["text_body"]


@pytest.mark.parametrize(("recipient", "message"), [
    ("", "Ce champ est obligatoire."),
    ("rh@", "Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr."),
])
def test_send_by_mail_bad_input(client: FlaskClient, logged_in: dict, recipient: str, message: str) -> None:
    response = client.post(f"/coffre/documents/{latest_document_id(client)}", data={"recipient": recipient})
    assert response.status_code == 200
    assert error_next_to(unescape(response.get_data(as_text=True)), "recipient") == message


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_upload_a_personal_document(client: FlaskClient, logged_in: dict) -> None:
    response = client.post("/coffre/mes-documents", data={
        "title": "Justificatif", "document": (io.BytesIO(png()), "justificatif.png")},
        content_type="multipart/form-data")
    assert response.location == "/coffre/mes-documents"
    assert "Justificatif" in page(client, "/coffre/mes-documents")


@pytest.mark.parametrize(("title", "file", "field", "message"), [
    ("", (b"%PDF-1.4", "a.pdf"), "title", "Ce champ est obligatoire."),
    ("Doc", None, "document", "Choisissez un fichier à déposer."),
    ("Doc", (b"MZ\x90\x00", "virus.exe"), "document", "Seuls les fichiers PDF, JPEG et PNG sont acceptés."),
    ("Doc", (b"not a pdf", "faux.pdf"), "document", "Le fichier ne correspond pas à son extension."),
])
def test_upload_bad_input(client: FlaskClient, logged_in: dict, title: str, file: Any, field: str, message: str) -> None:
    data: dict[str, Any] = {"title": title}
    if file:
        data["document"] = (io.BytesIO(file[0]), file[1])
    response = client.post("/coffre/mes-documents", data=data, content_type="multipart/form-data")
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert error_next_to(html, field) == message
    if title:
        assert f'value="{title}"' in html
