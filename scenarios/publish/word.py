"""The regenerated guide as a Word document (python-docx), for doc writers to drop into their house template:
A4, a table of contents Word fills on opening, real heading and list styles, each step's image with its caption,
the errata table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm
from docx.text.paragraph import Paragraph

from scenarios.guide import Guide, french_spacing
from scenarios.publish.publication import StepImage, closing_page, step_plain, titles, videos
from scenarios.results import Erratum

IMAGE_WIDTH = Cm(16)  # between the margins of an A4 page


def restart_numbering(document: Any, paragraph: Paragraph) -> None:
    """Start a new numbered list at 1 ('List Number' otherwise counts on through the whole document)."""
    numbering = document.part.numbering_part.numbering_definitions._numbering
    style_num = paragraph.style.element.pPr.numPr.numId.val  # type: ignore[union-attr]
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    override = num.add_lvlOverride(ilvl=0)
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    pr = paragraph._p.get_or_add_pPr()
    num_pr = pr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num.numId


def write_docx(guide: Guide, images: dict[tuple[str, str], StepImage], errata: list[Erratum], guide_dir: Path,
               stamps: dict[str, str] | None = None) -> Path:
    """reports/guide/guide.docx: each procedure's verification stamp under it (`stamps`), each picture with its
    alternative text (the step's words and what its callouts outline)."""
    document = Document()
    a4(document)
    document.add_heading("Guide questions salariés", level=0)
    document.add_paragraph("Guide régénéré à partir de scenarios/guide.md : chaque étape a été exécutée sur le "
                           "portail et illustrée par la capture prise à cette étape.")
    add_table_of_contents(document)
    figure, posters = 0, videos(guide_dir)
    names = titles(guide)
    for question in guide.questions:
        document.add_heading(french_spacing(f"Question {question.number} : {question.title}"), level=1)
        for line in question.intro:
            document.add_paragraph(french_spacing(line), style="List Bullet")
        for procedure in question.procedures:
            document.add_heading(french_spacing(procedure.title), level=2)
            poster = posters.get(procedure.id)
            if poster is not None:  # its video: the poster here, the file beside the guide
                picture = document.add_picture(str(poster), width=Cm(8))
                describe(picture, f"Vidéo de la procédure « {procedure.title} »", [])
                said = document.add_paragraph("Vidéo sous-titrée de la procédure : ", style="Caption")
                add_link(said, f"videos/{procedure.id}.mp4")
                said.add_run(" (à côté de ce document ; guide.html la joue avec ses sous-titres).")
            first = True
            for kind, items in procedure.parts():  # steps and quoted screens, in the guide's order
                if kind == "quotes":
                    for quote in items:
                        document.add_paragraph(french_spacing(quote.text), style="Intense Quote")
                    continue
                for step in items:
                    item = document.add_paragraph(step_plain(step, names),
                                                  style="List Number" if step.numbered else "List Bullet")
                    if step.numbered and first:
                        restart_numbering(document, item)
                    first = False
                    image = images.get((procedure.id, step.id or ""))
                    if image is None or image.full is None:
                        document.add_paragraph(image.note if image and image.note else "Capture non produite.",
                                               style="Caption")
                        continue
                    picture = document.add_picture(str(guide_dir / (image.crop or image.full)),
                                                   width=picture_width(image))
                    describe(picture, f"Étape {step.number} : {step_plain(step, names)}", image.callouts)
                    figure += 1
                    caption = f" – Q{question.number} « {procedure.title} », étape {step.number}"
                    if image.callouts:
                        caption += " : " + " ; ".join(f"{n} {c}" for n, c in enumerate(image.callouts, 1))
                    if image.note:
                        caption += f" ({image.note})"
                    add_caption(document, figure, caption)
            if stamps and procedure.id in stamps:
                document.add_paragraph(stamps[procedure.id], style="Caption")
    document.add_heading("Errata : ce que le guide dit et que le produit contredit", level=1)
    add_errata(document, errata)
    closing = closing_page(guide)
    if closing:
        document.add_page_break()
        for paragraph in closing:
            document.add_paragraph(paragraph)
    out = guide_dir / "guide.docx"
    document.save(str(out))
    return out


def a4(document: Any) -> None:
    """A4 pages (python-docx's template is US Letter), margins that leave IMAGE_WIDTH between them."""
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(20)


def add_table_of_contents(document: Any) -> None:
    """« Sommaire »: a TOC field over the questions and procedures, which Word fills when the document opens
    (the settings ask it to update its fields) and keeps as any table of contents."""
    document.add_paragraph("Sommaire", style="TOC Heading")
    add_field(document.add_paragraph(), ' TOC \\o "1-2" \\h \\z \\u ',
              "Le sommaire se remplit à l'ouverture du document (sinon : clic droit, « Mettre à jour les champs »).")
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    document.add_page_break()


def add_field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (`instruction`, e.g. « SEQ Figure ») showing `shown` until Word computes it."""
    for kind, value in (("begin", None), ("instr", instruction), ("separate", None), ("text", shown), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = value
            run._r.append(instr)
        elif kind == "text":
            run.text = value or ""
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def add_link(paragraph: Any, target: str) -> None:
    """`target` as a link Word opens (a relative path: the videos travel beside the document)."""
    relation = paragraph.part.relate_to(target, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    style = OxmlElement("w:rPr")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    style.append(underline)
    run.append(style)
    text = OxmlElement("w:t")
    text.text = target
    run.append(text)
    link.append(run)
    paragraph._p.append(link)


def describe(picture: Any, words: str, callouts: list[str]) -> None:
    """The picture's alternative text (Word's « Texte de remplacement »), read by screen readers."""
    outlined = " ; ".join(f"{n} : {c}" for n, c in enumerate(callouts, 1))
    properties = picture._inline.docPr
    properties.set("descr", f"Capture de l'écran. {words}" + (f" Entouré : {outlined}." if outlined else ""))
    properties.set("title", words)


def add_caption(document: Any, number: int, text: str) -> None:
    """« Figure N – text » in the Caption style, N a SEQ field: Word numbers the figures (and lists them in a
    table of figures) as it does its own captions; `number` is the value shown until the fields are updated."""
    paragraph = document.add_paragraph(style="Caption")
    paragraph.add_run("Figure ")
    add_field(paragraph, " SEQ Figure \\* ARABIC ", str(number))
    paragraph.add_run(text)


def picture_width(image: StepImage) -> Any:
    """The crop at its print size, never wider than the page."""
    if image.print_width:
        return min(IMAGE_WIDTH, Cm(image.print_width * 2.54 / 96))
    return IMAGE_WIDTH


def add_errata(document: Any, errata: list[Erratum]) -> None:
    if not errata:
        document.add_paragraph("Aucune contradiction relevée.")
        return
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, ("Nature", "Dans le guide", "Dans le produit", "Où"), strict=True):
        cell.text = title
    for erratum in errata:
        for cell, key in zip(table.add_row().cells, ("kind", "guide", "product", "places"), strict=True):
            cell.text = getattr(erratum, key)
