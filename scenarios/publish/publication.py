"""The regenerated guide as doc writers publish it: HTML for screens, PDF for print, Word for their template.

Each step keeps the guide's structure (numbered steps numbered, bullets as bullets, « » quotes), its image
(the whole page on screen, the region around its callouts in print, at a size where the portal's text
stays readable) and the guide's cross-references: links in HTML, the real page numbers in the PDF.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

from markupsafe import Markup, escape
from PIL import Image
from playwright.sync_api import Page

from scenarios.guide import MONTHS, Guide, Step, french_spacing
from scenarios.publish.rendering import environment, stylesheet
from scenarios.results import PARIS, Erratum, ManifestEntry, ProcedureResult, Run, in_paris

NOT_PRODUCED = {"failed": "étape en échec lors de cette exécution", "not run": "étape non exécutée"}
PRINT_SCALE = 0.7  # CSS px of the page per screenshot pixel in print: the portal's 16 px text prints at 8.4 pt
PRINT_WIDTH = 700  # CSS px between the A4 margins


@dataclass
class StepImage:
    full: str | None  # the annotated page, relative to the guide's folder
    crop: str | None  # the region around the callouts, for print
    print_width: int | None  # CSS px the crop takes in print
    note: str | None  # why the image is not this run's, or why it outlines nothing
    callouts: list[str]  # what each numbered callout outlines


ACCEPTED_COPIES = "accepted"  # beside the guide: the accepted images it shows for steps this run did not produce


def step_images(manifest: list[ManifestEntry], accepted: Path, guide_dir: Path) -> dict[tuple[str, str], StepImage]:
    """Per (procedure, step): this run's images, or the accepted one saying why (copied beside the guide)."""
    images = {}
    shutil.rmtree(guide_dir / ACCEPTED_COPIES, ignore_errors=True)
    for e in manifest:
        if e.annotated:
            width = Image.open(guide_dir / e.crop).width if e.crop else None
            images[(e.procedure, str(e.id))] = StepImage(
                e.annotated, e.crop, min(PRINT_WIDTH, round(width * PRINT_SCALE)) if width else None,
                e.no_callout, [t.get("label") or "" for t in e.targets])
        else:
            fallback = accepted / e.name
            why = NOT_PRODUCED.get(e.status, "étape non exécutée")
            kept = fallback.is_file()
            if kept:  # a copy beside the guide: the folder can be moved or sent as it is
                beside = guide_dir / ACCEPTED_COPIES / e.name
                beside.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(fallback, beside)
            images[(e.procedure, str(e.id))] = StepImage(
                f"{ACCEPTED_COPIES}/{e.name}" if kept else None, None, None,
                f"Capture du jeu accepté : {why}." if kept else f"Capture non produite ({why}).", [])
    return images


def stamp(result: ProcedureResult) -> str | None:
    """« Vérifié le 6 décembre 2026 sur www.mycecurity.com (maquette, version …), Chromium … »: the run that
    verified the procedure and took its images (an earlier one for a procedure kept from it), its date in Paris."""
    if result.status != "passed" or not result.ran_at:
        return None
    when = datetime.fromisoformat(result.ran_at).astimezone(PARIS)
    day = "1er" if when.day == 1 else str(when.day)
    browser = (result.browser or "").split(",")[0].strip()
    return (f"Vérifié le {day} {MONTHS[when.month - 1]} {when.year}"
            + (f" sur {result.portal}" if result.portal else "")
            + (f", {browser[:1].upper()}{browser[1:]}" if browser else ""))


def videos(guide_dir: Path) -> dict[str, Path]:
    """The procedures' videos the guide shows (scenarios/publish/video.py), by procedure id: their poster."""
    return {poster.stem: poster for poster in sorted((guide_dir / "videos").glob("*.jpg"))}


def tracks(guide_dir: Path) -> dict[str, dict[str, str]]:
    """Each video's captions and chapters as data: URLs: a browser loads a <track> from a file:// page only so
    (each file is an origin of its own), and the guide is opened from disk."""
    found = {}
    for poster in videos(guide_dir).values():
        found[poster.stem] = {kind: "data:text/vtt;base64," + base64.b64encode(
            poster.with_name(f"{poster.stem}{suffix}").read_bytes()).decode()
            for kind, suffix in (("captions", ".fr.vtt"), ("chapters", ".chapters.vtt"))}
    return found


def stamps(run: Run) -> dict[str, str]:
    """Each verified procedure's stamp, by procedure id."""
    return {p.id: said for p in run.procedures.values() if (said := stamp(p))}


def titles(guide: Guide) -> dict[str, str]:
    return {p.id: p.title for p in guide.procedures}


def step_html(step: Step, names: dict[str, str], pages: dict[str, int] | None) -> Markup:
    """The step's words, its cross-references as links (with their page in print once it is known; else the
    title among `names` they lead to)."""
    html = str(escape(french_spacing(step.text)))
    for label, target in step.links:
        shown = f"(page {pages[target]})" if pages and target in pages else \
            ("(page ??)" if pages is not None else f"(voir « {names.get(target, target)} »)")
        html = html.replace(str(escape(french_spacing(label))), f'<a class="page-ref" href="#{target}">'
                                                                  f'{escape(french_spacing(shown))}</a>', 1)
    return Markup(html)


def closing_page(guide: Guide) -> list[str]:
    """The guide's last page (after its `---` rule), paragraph by paragraph."""
    text, _ = guide.colophon()
    return [french_spacing(" ".join(paragraph.split())) for paragraph in text.split("\n\n") if paragraph.strip()]


def step_plain(step: Step, names: dict[str, str]) -> str:
    """The step's words, a cross-reference as the title it leads to (among `names`)."""
    text = step.text
    for label, target in step.links:
        text = text.replace(label, f"(voir « {names.get(target, target)} »)", 1)
    return french_spacing(text)


def write_html(guide: Guide, images: dict[tuple[str, str], StepImage], run: Run, errata: list[Erratum],
               guide_dir: Path, pages: dict[str, int] | None = None) -> Path:
    """reports/guide/guide.html; with `pages`, cross-references carry the PDF's page numbers."""
    ran_at = {p.id: p.reuse_note or f"résultats de l'exécution {in_paris(p.ran_at)}, non relancée"
              for p in run.procedures.values() if p.ran_at and p.ran_at != run.started}
    env = environment()
    names = titles(guide)
    env.filters["step_html"] = lambda step: step_html(step, names, pages)
    html = env.get_template("guide.html").render(
        questions=guide.questions, images=images, errata=errata, ran_at=ran_at, stamps=stamps(run), css=stylesheet(),
        closing=closing_page(guide), videos=videos(guide_dir), tracks=tracks(guide_dir))
    out = guide_dir / "guide.html"
    out.write_text(html, encoding="utf-8")
    return out


def procedure_pages(guide: Guide, pdf: Path) -> dict[str, int]:
    """The page (from 1) each procedure starts on, read from the PDF's outline (its headings)."""
    import pypdfium2

    by_title = {french_spacing(title): procedure_id for procedure_id, title in titles(guide).items()}
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return {by_title[item.get_title()]: item.get_dest().get_index() + 1 for item in document.get_toc()
                if item.get_title() in by_title and item.get_dest() is not None}
    finally:
        document.close()


PRINTED_FROM = ".guide.pdf.sha256"  # beside the PDF: what it was printed from


def print_sources(html: Path, browser: str) -> str:
    """What a print of `html` depends on: its text, every file it shows, the browser, this module."""
    digest = hashlib.sha256(html.read_bytes() + browser.encode() + Path(__file__).read_bytes())
    for name in sorted(set(re.findall(r'src="([^"]+)"', html.read_text(encoding="utf-8")))):
        shown = html.parent / unquote(name)
        digest.update(name.encode() + (shown.read_bytes() if shown.is_file() else b"-"))
    return digest.hexdigest()


def write_pdf(guide: Guide, images: dict[tuple[str, str], StepImage], run: Run, errata: list[Erratum],
              guide_dir: Path, pdf: Path, printer: Callable[[], AbstractContextManager[Page]]) -> Path:
    """Print the guide: the page each procedure starts on is read from the print's outline and written where
    the guide refers to it (« (page 5) »), printing again until those numbers hold (once, when the last
    print's numbers still do). guide.html keeps them. A guide printed from the same sources is not printed again.
    `printer` opens the browser page that prints (only when a print is due)."""
    pages = procedure_pages(guide, pdf) if pdf.is_file() else {}
    html = write_html(guide, images, run, errata, guide_dir, pages)
    stamp = pdf.parent / PRINTED_FROM
    # The browser that took the screenshots prints too (same resolution): its version stands for it.
    browser_name = " ".join(sorted({p.browser or "" for p in run.procedures.values()}))
    if pdf.is_file() and stamp.is_file() and stamp.read_text() == print_sources(html, browser_name):
        return pdf
    stamp.unlink(missing_ok=True)
    with printer() as page:
        for _ in range(3):  # the numbers' own width could move a page break: stop once they hold
            page.goto(html.resolve().as_uri())
            page.pdf(path=str(pdf), format="A4", print_background=True, outline=True, tagged=True,
                     display_header_footer=True, header_template="<span></span>",
                     footer_template='<div style="font-size:8pt;width:100%;text-align:center;color:#5b6770">'
                                     '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
                     margin={"top": "15mm", "bottom": "18mm", "left": "12mm", "right": "12mm"})
            found = procedure_pages(guide, pdf)
            if found == pages:
                break
            pages = found
            html = write_html(guide, images, run, errata, guide_dir, pages)
    stamp.write_text(print_sources(html, browser_name))
    return pdf
