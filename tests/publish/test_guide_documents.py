"""The regenerated guide in HTML, PDF and Word: every block of guide.md, in order, with its images."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from PIL import Image

from scenarios.guide import french_spacing
from scenarios.plugin.defaults import ROOT
from scenarios.publish import shots
from scenarios.results import Erratum
from tests.helpers import GUIDE, fake_run, html_text


def test_the_word_guide_has_real_headings_lists_images_captions_and_the_errata(tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    from scenarios.publish import publication, word

    out = tmp_path / "out"
    run = fake_run(out, "white")
    for result in run.procedures.values():  # a callout on each image, as a real run has
        for step in result.steps:
            step.targets = [{"x": 5, "y": 5, "width": 10, "height": 5, "label": "« bouton »"}]
    run.write(out)
    images = publication.step_images(shots.build_manifest(run, out), tmp_path / "accepted", out)
    errata = [Erratum("téléphone", "05 82 01 01 01", "05 82 01 01 99", places="Q7")]
    document = docx.Document(str(word.write_docx(GUIDE, images, errata, out)))
    styles = [p.style.name for p in document.paragraphs]
    assert styles.count("Heading 1") == 11 and styles.count("Heading 2") == len(GUIDE.procedures)  # 10 + errata
    assert styles.count("List Number") == sum(1 for p in GUIDE.procedures for s in p.steps if s.numbered)
    assert styles.count("List Bullet") >= sum(1 for p in GUIDE.procedures for s in p.steps if not s.numbered)
    steps = sum(len(p.steps) for p in GUIDE.procedures)
    assert len(document.inline_shapes) == steps  # fake_run makes no video: no poster
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert len(captions) == steps and captions[0].startswith("Figure 1 – Q1 « Mot de passe oublié », étape 1 : 1 « bouton »")
    assert [c.text for c in document.tables[0].rows[1].cells] == ["téléphone", "05 82 01 01 01", "05 82 01 01 99", "Q7"]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4, as the PDF
    assert section.page_width - section.left_margin - section.right_margin >= word.IMAGE_WIDTH
    assert 'TOC \\o "1-2"' in document.element.xml and "Sommaire" in [p.text for p in document.paragraphs[:4]]
    assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"  # filled on opening


def test_the_pdf_is_printed_again_when_a_word_an_image_or_the_browser_changes(tmp_path: Path) -> None:
    """What a print depends on: the guide's text, every image it shows, the browser."""
    from scenarios.publish import publication

    image = tmp_path / "annotated" / "a.png"
    image.parent.mkdir()
    Image.new("RGB", (40, 20), "white").save(image)
    html = tmp_path / "guide.html"
    html.write_text('<p>Cliquez sur « Modifier ».</p><img src="annotated/a.png">', encoding="utf-8")
    printed = publication.print_sources(html, "chromium 1")
    assert publication.print_sources(html, "chromium 1") == printed
    assert publication.print_sources(html, "chromium 2") != printed
    Image.new("RGB", (40, 20), "red").save(image)
    assert publication.print_sources(html, "chromium 1") != printed
    Image.new("RGB", (40, 20), "white").save(image)
    html.write_text('<p>Cliquez sur « Valider ».</p><img src="annotated/a.png">', encoding="utf-8")
    assert publication.print_sources(html, "chromium 1") != printed


def test_the_accepted_image_a_guide_shows_for_a_step_not_produced_travels_with_it(tmp_path: Path,
                                                                                 accepted: Path) -> None:
    from scenarios.publish import publication

    out = tmp_path / "out"
    run = fake_run(out, "white", failing="q01-mot-de-passe-oublie")
    images = publication.step_images(shots.build_manifest(run, out), accepted, out)
    shown = images[("q01-mot-de-passe-oublie", GUIDE.procedures[0].steps[1].id or "")]
    assert shown.full == f"accepted/q01-mot-de-passe-oublie/{GUIDE.procedures[0].steps[1].id}.png"
    assert (out / shown.full).read_bytes() == (accepted / shown.full.removeprefix("accepted/")).read_bytes()
    html = publication.write_html(GUIDE, images, run, [], out).read_text(encoding="utf-8")
    assert "../" not in re.sub(r'href="#[^"]*"', "", html)


def test_word_captions_are_numbered_by_a_seq_field(tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    from scenarios.publish import publication, word

    out = tmp_path / "out"
    run = fake_run(out)
    images = publication.step_images(shots.build_manifest(run, out), tmp_path / "accepted", out)
    document = docx.Document(str(word.write_docx(GUIDE, images, [], out)))
    captions = [p for p in document.paragraphs if p.style.name == "Caption"]
    instructions = [t.text for p in captions for t in p._p.iter(qn("w:instrText"))]
    assert len(instructions) == sum(len(p.steps) for p in GUIDE.procedures) and set(instructions) == {" SEQ Figure \\* ARABIC "}
    assert captions[1].text.startswith("Figure 2 – Q1 « Mot de passe oublié », étape 2")


# ---- the published guide says all that guide.md says, in its order


def guide_blocks() -> list[tuple[int, list[str]]]:
    """Every block of guide.md a reader reads, in order: (line, runs of words). Ids, comments and rules aside;
    a cross-reference's label is left out (each format words it its own way: a link, « (page N) »)."""
    from scenarios.guide import split_anchor

    blocks: list[tuple[int, list[str]]] = []
    comment = False
    for number, raw in enumerate(GUIDE.text.splitlines(), 1):
        line = raw.strip()
        if comment or line.startswith("<!--"):
            comment = not line.endswith("-->")
            continue
        if line in ("", "---", ">"):
            continue
        text, _ = split_anchor(re.sub(r"^(#+|>|-|\d+\.)\s+", "", line))
        runs = [" ".join(run.split()) for run in re.split(r"\[[^\]]*\]\(#[^)]*\)", text)]
        blocks.append((number, [run for run in runs if run.strip(" :.")]))
    return blocks


def spaced(text: str) -> str:
    """Words as a reader reads them: any run of spaces one space, none inside « » or before : ; ? ! (each format
    sets French spacing there its own way: a no-break space, a narrow one, a PDF's glyph gap)."""
    text = " ".join(text.split())
    return re.sub(r"(«) | ([»:;?!])", lambda m: m[1] or m[2], text)


def missing_or_moved(text: str, blocks: list[tuple[int, list[str]]]) -> list[str]:
    """The blocks not found in `text` in guide.md's order, one line each (the first one breaks the order)."""
    text, position, problems = spaced(text), 0, []
    for line, runs in blocks:
        for run in map(spaced, runs):
            found = text.find(run, position)
            if found < 0:
                where = "absent" if run not in text else "déplacé (trouvé plus haut)"
                problems.append(f"guide.md:{line} « {run[:70]} » : {where}")
                break
            position = found + len(run)
    return problems



def pdf_text(path: Path) -> str:
    """The text of the pages after the table of contents, without their « N / M » footers."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()
    body = [re.sub(r"\s*\d+ / \d+\s*$", "", page) for page in pages]
    toc_end = next(i for i, page in enumerate(body) if "Errata" in page and "Sommaire" in "".join(body[: i + 1]))
    return body[0].split("Sommaire")[0] + " " + " ".join(body[toc_end + 1:])


def test_the_guide_in_html_pdf_and_word_says_every_block_of_guide_md_in_order(tmp_path: Path) -> None:
    import docx

    from scenarios.publish import publication, word

    out = tmp_path / "out"
    run = fake_run(out)
    images = publication.step_images(shots.build_manifest(run, out), tmp_path / "accepted", out)
    blocks = guide_blocks()
    assert blocks[-1][1][0].startswith("Guide d'utilisation de votre coffre-fort numérique personnel")
    html = publication.write_html(GUIDE, images, run, [], out)
    assert missing_or_moved(html_text(html), blocks) == []
    document = docx.Document(str(word.write_docx(GUIDE, images, [], out)))
    assert missing_or_moved(" ".join(p.text for p in document.paragraphs), blocks) == []
    printed = pdf_text(print_in_a_process_of_its_own(out))
    assert missing_or_moved(printed, blocks) == []
    # French typography: a quotation mark or a colon never alone at a line's end or start.
    alone = [line for line in printed.splitlines() if line.strip().endswith("«")
             or line.strip().startswith(("»", ":", ";", "?", "!"))]
    assert alone == []


def print_in_a_process_of_its_own(out: Path) -> Path:
    """The guide's PDF printed from the run in `out`, as the guide command prints it: in a process of its own,
    this one's Playwright (sync) may already drive a browser for other tests."""
    script = ("import sys; from pathlib import Path; from scenarios.publish import publication, shots; "
              "from scenarios.results import Run; out = Path(sys.argv[1]); run = Run.read(out); "
              "images = publication.step_images(shots.build_manifest(run, out), out / 'none', out); "
              "from scenarios.target.chromium import printing_page; from scenarios.guide import Guide; "
              "publication.write_pdf(Guide.read(), images, run, [], out, out / 'guide.pdf', printing_page)")
    subprocess.run([sys.executable, "-c", script, str(out)], cwd=ROOT, check=True, timeout=120)
    return out / "guide.pdf"


def test_a_block_missing_or_moved_is_named_with_its_line() -> None:
    blocks = [(3, ["Un"]), (5, ["Deux", "suite"]), (9, ["Trois"])]
    assert missing_or_moved("Un Deux puis suite Trois", blocks) == []
    assert missing_or_moved("Un Trois Deux suite", blocks) == ["guide.md:9 « Trois » : déplacé (trouvé plus haut)"]
    assert missing_or_moved("Un Deux suite", blocks) == ["guide.md:9 « Trois » : absent"]


def test_each_procedure_carries_the_stamp_of_the_run_that_verified_it_in_html_and_word(tmp_path: Path) -> None:
    import docx

    from scenarios.publish import publication, word

    out = tmp_path / "out"
    run = fake_run(out)
    for result in run.procedures.values():
        result.ran_at, result.portal = "2026-12-01T23:30:00+00:00", "www.mycecurity.com (maquette, version 0.1.0+abc)"
        result.browser = "chromium 156.0.8078.129, Playwright 1.65.3"
    kept = run.procedures["q03-changer-son-mot-de-passe"]
    kept.ran_at = "2026-11-28T09:00:00+00:00"  # kept from an earlier run: its own date
    run.procedures["q05-courrier-d-inscription-non-recu"].status = "failed"  # not verified: no stamp
    said = ("Vérifié le 2 décembre 2026 sur www.mycecurity.com (maquette, version 0.1.0+abc), "
            "Chromium 156.0.8078.129")  # 23:30 UTC is the 2nd in Paris
    images = publication.step_images(shots.build_manifest(run, out), tmp_path / "accepted", out)
    page = " ".join(html_text(publication.write_html(GUIDE, images, run, [], out)).split())
    assert page.count(said) == len(GUIDE.procedures) - 2
    assert "Vérifié le 28 novembre 2026" in page
    document = docx.Document(str(word.write_docx(GUIDE, images, [], out, publication.stamps(run))))
    stamps = [p.text for p in document.paragraphs if p.text.startswith("Vérifié le")]
    assert len(stamps) == len(GUIDE.procedures) - 1 and stamps.count(said) == len(GUIDE.procedures) - 2


def test_every_word_picture_has_alternative_text(tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    from scenarios.publish import publication, word

    out = tmp_path / "out"
    run = fake_run(out)
    images = publication.step_images(shots.build_manifest(run, out), tmp_path / "accepted", out)
    document = docx.Document(str(word.write_docx(GUIDE, images, [], out)))
    described = [e.get("descr") for e in document.element.body.iter(qn("wp:docPr"))]
    assert len(described) == sum(len(p.steps) for p in GUIDE.procedures) and all(d and d.startswith("Capture de l'écran. Étape ") for d in described)
    assert described[0] == f"Capture de l'écran. Étape 1 : {french_spacing(GUIDE.procedures[0].steps[0].text)}"
