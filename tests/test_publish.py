"""The doc writers' run: accepting only a reviewed, complete, passed run; partial runs; bad selections."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from scenarios import cli
from scenarios.guide import procedures
from scenarios.paths import ROOT
from scenarios.report import publish, shots
from scenarios.results import ProcedureResult, Run


def fake_run(out: Path, colour: str = "white", failing: str | None = None, only: list[int] | None = None) -> Run:
    """A run of every procedure (or of the questions `only`), each step with a plain image of `colour`.

    With `failing` (a procedure id), that procedure fails at its second step: later steps did not run.
    """
    run = Run(selection=only)
    for guide in procedures():
        if only and guide.question not in only:
            continue
        result = ProcedureResult.for_guide(guide)
        result.status, result.ran_at, result.browser = "passed", run.started, "chromium 1"
        for step in result.steps:
            if guide.id == failing and step.number >= 2:
                step.status = "failed" if step.number == 2 else "not run"
                continue
            step.status, step.screenshot = "passed", f"shots/{guide.id}/{step.id}.png"
            (out / step.screenshot).parent.mkdir(parents=True, exist_ok=True)
            Image.new("RGB", (40, 20), colour).save(out / step.screenshot)
        if guide.id == failing:
            result.status, result.reason = "failed", "étape 2 : libellé « Modifier » introuvable à l'écran"
        run.procedures[guide.id] = result
    run.write(out)
    shots.build_manifest(run, out)
    return run


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def accepted(tmp_path: Path) -> Path:
    """An accepted set made from an earlier, passed run (black images)."""
    earlier = tmp_path / "earlier"
    fake_run(earlier, "black")
    folder = tmp_path / "accepted"
    publish.accept(earlier, folder)
    return folder


def test_accept_after_a_failing_run_changes_nothing(tmp_path: Path, accepted: Path) -> None:
    out = tmp_path / "out"
    fake_run(out, "white", failing="q01-mot-de-passe-oublie")
    before = tree(accepted)
    with pytest.raises(publish.AcceptRefused, match=r"^acceptation refusée.*Q1 Mot de passe oublié.*Modifier"):
        publish.accept(out, accepted)
    assert tree(accepted) == before


def test_accept_command_says_why_in_one_french_line(tmp_path: Path, accepted: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    fake_run(out, "white", only=[1])
    monkeypatch.setattr(cli, "GUIDE_REPORTS", out)
    monkeypatch.setattr(cli, "ACCEPTED", accepted)
    before = tree(accepted)
    assert cli.main(["accept"]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("erreur : acceptation refusée") and "exécution partielle (question(s) 1)" in error
    assert "\n" not in error
    assert tree(accepted) == before


def test_accept_after_a_passing_run_copies_exactly_the_reviewed_images(tmp_path: Path, accepted: Path) -> None:
    out = tmp_path / "out"
    fake_run(out, "white")
    started = time.perf_counter()
    changes = publish.accept(out, accepted)
    elapsed = time.perf_counter() - started
    manifest = {f"{e['procedure']}/{e['id']}.png": e["sha256"] for e in
                json.loads((out / "manifest.json").read_text(encoding="utf-8"))}
    assert {k: v for k, v in tree(accepted).items() if k.endswith(".png")} == manifest
    assert {c.status for c in changes} == {"changed"}
    assert (accepted / "MADE-WITH.txt").read_text(encoding="utf-8") == "chromium 1\n"
    print(f"accept took {elapsed:.3f} s for {len(manifest)} images")


def test_accept_refuses_images_changed_since_the_review(tmp_path: Path, accepted: Path) -> None:
    out = tmp_path / "out"
    fake_run(out, "white")
    touched = next((out / "annotated").rglob("*.png"))
    Image.new("RGB", (40, 20), "red").save(touched)
    with pytest.raises(publish.AcceptRefused, match="n'est plus l'image revue"):
        publish.accept(out, accepted)


def test_a_partial_run_keeps_every_other_question_from_the_last_full_run(tmp_path: Path) -> None:
    out, partial = tmp_path / "out", tmp_path / "partial"
    full = fake_run(out, "black")
    fake_run(partial, "white", only=[1])
    merged = publish.merge(partial, out, [1])
    assert set(merged.procedures) == set(full.procedures)
    for result in merged.procedures.values():
        assert all((out / str(s.screenshot)).is_file() for s in result.steps)
        colour = Image.open(out / str(result.steps[0].screenshot)).getpixel((0, 0))
        assert colour == ((255, 255, 255) if result.question == 1 else (0, 0, 0))
    assert merged.selection == [1]
    assert publish.verdict(merged).status == "partial"


def test_a_failed_step_is_not_produced_never_removed(tmp_path: Path, accepted: Path) -> None:
    out = tmp_path / "out"
    fake_run(out, "white", failing="q01-mot-de-passe-oublie")
    changes = {c.name: c.status for c in shots.compare(accepted, out / "annotated", out / "diff",
                                                       expected=publish.guide_image_names())}
    assert changes["q01-mot-de-passe-oublie/saisir-identifiant-et-mail.png"] == "missing"
    assert changes["q01-mot-de-passe-oublie/se-reconnecter.png"] == "missing"
    assert "removed" not in changes.values()


def test_an_unknown_question_is_refused_before_anything_runs(capsys: pytest.CaptureFixture[str]) -> None:
    reports = cli.GUIDE_REPORTS
    before = tree(reports) if reports.exists() else {}
    assert cli.main(["guide", "--question", "11"]) == 2
    assert "question 11 inconnue" in capsys.readouterr().err
    assert (tree(reports) if reports.exists() else {}) == before


def test_the_old_accept_flag_points_to_the_accept_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["guide", "--accept"]) == 2
    assert "python -m scenarios accept" in capsys.readouterr().err


def test_the_guide_command_writes_its_own_junit_and_report() -> None:
    args, extra = cli.options().parse_known_args(["guide", "--slowmo", "100"])
    argv = cli.pytest_args(args, extra)
    # Path options as --option=value: pytest looks for its configuration before it knows the plugin's
    # options, and would take a separate path for a test path (and miss pyproject.toml).
    assert f"--junitxml={cli.GUIDE_REPORTS / 'junit.xml'}" in argv
    assert f"--report-dir={cli.GUIDE_REPORTS}" in argv
    assert argv[-2:] == ["--slowmo", "100"]


@pytest.mark.parametrize(("command", "workers"), [
    (["guide"], "2"),
    (["guide", "--question", "3"], "0"),  # one procedure: run in the command's own process
    (["guide", "--question", "1"], "2"),  # three procedures
    (["guide", "--question", "3", "--question", "9"], "2"),
    (["guide", "--question", "3", "-n", "4"], "4"),
])
def test_workers_are_started_only_for_more_than_one_procedure(command: list[str], workers: str) -> None:
    args, extra = cli.options().parse_known_args(command)
    argv = cli.pytest_args(args, extra)
    assert argv[argv.index("-n") + 1] == workers


def test_the_word_guide_has_real_headings_lists_images_captions_and_the_errata(tmp_path: Path) -> None:
    import docx

    from scenarios.report import publication, word

    out = tmp_path / "out"
    run = fake_run(out, "white")
    for result in run.procedures.values():  # a callout on each image, as a real run has
        for step in result.steps:
            step.targets = [{"x": 5, "y": 5, "width": 10, "height": 5, "label": "« bouton »"}]
    run.write(out)
    images = publication.step_images(shots.build_manifest(run, out), tmp_path / "accepted", out)
    errata = [{"kind": "téléphone", "guide": "05 82 01 01 01", "product": "05 82 01 01 99", "places": "Q7"}]
    document = docx.Document(str(word.write_docx(images, errata, out)))
    styles = [p.style.name for p in document.paragraphs]
    assert styles.count("Heading 1") == 11 and styles.count("Heading 2") == len(procedures())  # 10 + errata
    assert styles.count("List Number") == sum(1 for p in procedures() for s in p.steps if s.numbered)
    assert styles.count("List Bullet") >= sum(1 for p in procedures() for s in p.steps if not s.numbered)
    assert len(document.inline_shapes) == sum(len(p.steps) for p in procedures()) == 45
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert len(captions) == 45 and captions[0].startswith("Figure 1 – Q1 « Mot de passe oublié », étape 1 : 1 « bouton »")
    assert [c.text for c in document.tables[0].rows[1].cells] == ["téléphone", "05 82 01 01 01", "05 82 01 01 99", "Q7"]


def test_one_css_change_on_several_images_is_one_group_in_the_review(tmp_path: Path) -> None:
    from scenarios.report import html

    accepted, current = tmp_path / "accepted", tmp_path / "current"
    for number, (x, y) in enumerate([(10, 10), (60, 30), (120, 50)]):
        for folder, colour in ((accepted, (0, 110, 105)), (current, (192, 57, 43))):
            image = Image.new("RGB", (200, 100), "white")
            image.paste(Image.new("RGB", (40, 16), colour), (x, y))  # the primary button, here and there
            (folder / "q01").mkdir(parents=True, exist_ok=True)
            image.save(folder / "q01" / f"page-{number}.png")
    changes = shots.compare(accepted, current, tmp_path / "diff")
    assert {c.signature for c in changes} == {"couleur #006e69 → #c0392b"}
    review = html.write_review(changes, [], publish.Verdict("passed"), accepted, current, 0, tmp_path / "review.html")
    page = review.read_text(encoding="utf-8")
    assert page.count('<details class="group"') == 1 and "3 image(s) : même changement : couleur #006e69 → #c0392b" in page
    assert "data:image" not in page and 'src="accepted/q01/page-0.png"' in page


@pytest.mark.parametrize(("status", "heading"), [
    ("passed", "Exécution complète réussie : chaque procédure du guide a réussi."),
    ("failed", "L'exécution a échoué : ces images ne peuvent pas devenir le jeu accepté."),
    ("partial", "Exécution partielle : ces images ne peuvent pas devenir le jeu accepté."),
    ("incomplete", "Exécution incomplète : ces images ne peuvent pas devenir le jeu accepté."),
    ("stale", "Exécution périmée : ces images ne peuvent pas devenir le jeu accepté."),
])
def test_the_review_and_the_command_say_the_verdict_in_french(tmp_path: Path, status: str, heading: str) -> None:
    from html import unescape

    from scenarios.report import html

    judged = publish.Verdict(status, [] if status == "passed" else ["Q3 Changer son mot de passe : en échec"])
    review = html.write_review([], [], judged, tmp_path, tmp_path, 0, tmp_path / "review.html")
    assert heading in unescape(review.read_text(encoding="utf-8"))
    assert heading.startswith(judged.heading + " : ")


def test_a_rerun_redraws_only_the_steps_whose_screenshot_or_boxes_changed(tmp_path: Path) -> None:
    """Annotated images are drawn from their screenshot and boxes: the same sources keep the same files."""
    run = fake_run(tmp_path)
    annotated = sorted((tmp_path / "annotated").rglob("*.png"))
    before = {p: p.stat().st_mtime_ns for p in annotated}
    changed, tampered = annotated[0], annotated[1]
    plain = tmp_path / "shots" / changed.parent.name / changed.name
    Image.new("RGB", (40, 20), "red").save(plain)  # this step's screenshot is new
    tampered.write_bytes(b"not what the manifest says")  # and this image was edited by hand since
    time.sleep(0.01)
    manifest = shots.build_manifest(run, tmp_path)
    redrawn = {p for p in annotated if p.stat().st_mtime_ns != before[p]}
    assert redrawn == {changed, tampered}
    assert Image.open(changed).convert("RGB").getpixel((20, 10)) == (255, 0, 0)
    for entry in manifest:  # every image is the one the manifest vouches for
        if entry["annotated"]:
            digest = hashlib.sha256((tmp_path / entry["annotated"]).read_bytes()).hexdigest()
            assert entry["sha256"] == digest, entry["annotated"]


def test_a_step_that_failed_this_time_loses_its_last_image(tmp_path: Path) -> None:
    fake_run(tmp_path)
    gone = next(p for p in procedures())
    fake_run(tmp_path, failing=gone.id)
    names = {str(p.relative_to(tmp_path / "annotated")) for p in (tmp_path / "annotated").rglob("*.png")}
    assert f"{gone.id}/{gone.steps[0].id}.png" in names
    assert f"{gone.id}/{gone.steps[1].id}.png" not in names  # never an earlier run's image for this one's


def test_the_pdf_is_printed_again_when_a_word_an_image_or_the_browser_changes(tmp_path: Path) -> None:
    """What a print depends on: the guide's text, every image it shows, the browser."""
    from scenarios.report import publication

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


# ---- the published guide says all that guide.md says, in its order


def guide_blocks() -> list[tuple[int, list[str]]]:
    """Every block of guide.md a reader reads, in order: (line, runs of words). Ids, comments and rules aside;
    a cross-reference's label is left out (each format words it its own way: a link, « (page N) »)."""
    from scenarios.guide import GUIDE, split_anchor

    blocks: list[tuple[int, list[str]]] = []
    comment = False
    for number, raw in enumerate(GUIDE.read_text(encoding="utf-8").splitlines(), 1):
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


def missing_or_moved(text: str, blocks: list[tuple[int, list[str]]]) -> list[str]:
    """The blocks not found in `text` in guide.md's order, one line each (the first one breaks the order)."""
    text, position, problems = " ".join(text.split()), 0, []
    for line, runs in blocks:
        for run in runs:
            found = text.find(run, position)
            if found < 0:
                where = "absent" if run not in text else "déplacé (trouvé plus haut)"
                problems.append(f"guide.md:{line} « {run[:70]} » : {where}")
                break
            position = found + len(run)
    return problems


def html_text(path: Path) -> str:
    """The page's text, its table of contents aside."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.skip += tag in ("nav", "style", "script")

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("nav", "style", "script")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


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

    from scenarios.report import publication, word

    out = tmp_path / "out"
    run = fake_run(out)
    images = publication.step_images(shots.build_manifest(run, out), tmp_path / "accepted", out)
    blocks = guide_blocks()
    assert blocks[-1][1][0].startswith("Guide d'utilisation de votre coffre-fort numérique personnel")
    html = publication.write_html(images, run, [], out)
    assert missing_or_moved(html_text(html), blocks) == []
    document = docx.Document(str(word.write_docx(images, [], out)))
    assert missing_or_moved(" ".join(p.text for p in document.paragraphs), blocks) == []
    assert missing_or_moved(pdf_text(print_in_a_process_of_its_own(out)), blocks) == []


def print_in_a_process_of_its_own(out: Path) -> Path:
    """The guide's PDF printed from the run in `out`, as the guide command prints it: in a process of its own,
    this one's Playwright (sync) may already drive a browser for other tests."""
    script = ("import sys; from pathlib import Path; from scenarios.report import publication, shots; "
              "from scenarios.results import Run; out = Path(sys.argv[1]); run = Run.read(out); "
              "images = publication.step_images(shots.build_manifest(run, out), out / 'none', out); "
              "publication.write_pdf(images, run, [], out, out / 'guide.pdf')")
    subprocess.run([sys.executable, "-c", script, str(out)], cwd=ROOT, check=True, timeout=120)
    return out / "guide.pdf"


def test_a_block_missing_or_moved_is_named_with_its_line() -> None:
    blocks = [(3, ["Un"]), (5, ["Deux", "suite"]), (9, ["Trois"])]
    assert missing_or_moved("Un Deux puis suite Trois", blocks) == []
    assert missing_or_moved("Un Trois Deux suite", blocks) == ["guide.md:9 « Trois » : déplacé (trouvé plus haut)"]
    assert missing_or_moved("Un Deux suite", blocks) == ["guide.md:9 « Trois » : absent"]


def test_new_words_on_a_button_are_described_as_such_not_as_a_colour_change(tmp_path: Path) -> None:
    from PIL import ImageDraw

    accepted, current = tmp_path / "accepted", tmp_path / "current"
    for folder, word in ((accepted, "Valider"), (current, "Envoyer")):
        image = Image.new("RGB", (200, 100), "white")
        ImageDraw.Draw(image).text((20, 40), word, fill=(0, 0, 0))
        (folder / "q01").mkdir(parents=True, exist_ok=True)
        image.save(folder / "q01" / "page.png")
    (change,) = shots.compare(accepted, current, tmp_path / "diff")
    assert change.signature is not None and change.signature.startswith("texte ou forme sur #")
    assert "→" not in change.signature


def test_the_run_report_lists_each_approximate_label_the_terminal_prints(tmp_path: Path) -> None:
    from scenarios.report import html
    from scenarios.results import LabelMatch
    from scenarios.session import coverage

    out = tmp_path / "out"
    run = fake_run(out)
    first = next(iter(run.procedures.values()))
    first.steps[0].labels = [LabelMatch("mot de passe oublié", "Mot de passe oublié ?", False)]
    first.steps[1].labels = [LabelMatch("soumettre", "SOUMETTRE", False), LabelMatch("x", "x", True)]
    printed = [f"guide « {label['guide']} », écran « {label['screen']} » ({label['places']})"
               for label in run.approximate_labels()]  # as the terminal prints them, after « - »
    assert len(printed) == 2
    report = " ".join(html_text(html.write_run_report(run, coverage(run), {}, out)).split())
    for line in printed:
        assert line in report
    assert "guide «  »" not in report


def test_after_accept_the_review_page_says_the_set_was_accepted(tmp_path: Path, accepted: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from scenarios.report import html

    out = tmp_path / "out"
    run = fake_run(out, "white")
    current = out / "annotated"
    changes = shots.compare(accepted, current, out / "diff", expected=publish.guide_image_names())
    html.write_review(changes, shots.build_manifest(run, out), publish.verdict(run), accepted, current, 0,
                      out / "review.html", "make accept")
    assert "Pour accepter ce jeu, tel que revu ici : <code>make accept</code>" in (out / "review.html").read_text()
    monkeypatch.setattr(cli, "GUIDE_REPORTS", out)
    monkeypatch.setattr(cli, "ACCEPTED", accepted)
    assert cli.main(["accept"]) == 0
    page = (out / "review.html").read_text(encoding="utf-8")
    assert "Jeu accepté le" in page and "Pour accepter ce jeu" not in page
    assert "45 inchangée(s), 0 modifiée(s)" in page


def test_a_partial_run_s_verdict_says_what_to_run_and_names_its_own_failure_first(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = fake_run(out, "white", failing="q01-mot-de-passe-oublie")
    partial = fake_run(tmp_path / "partial", "white", failing="q03-changer-son-mot-de-passe", only=[3])
    run.procedures.update(partial.procedures)
    run.selection = [3]
    judged = publish.verdict(run)
    assert judged.reasons[0].startswith("Q3 Changer son mot de passe : ")
    assert judged.reasons[1].startswith("Q1 Mot de passe oublié : ") and judged.reasons[1].endswith(", non relancée)")
    for procedure_id in ("q01-mot-de-passe-oublie", "q03-changer-son-mot-de-passe"):
        run.procedures[procedure_id].status = "passed"
    assert publish.verdict(run).reasons == ["exécution partielle (question(s) 3) : l'acceptation demande une "
                                            "exécution complète ; lancez `make guide`, puis acceptez"]


def test_a_run_whose_procedures_could_not_start_says_so_instead_of_the_last_verdict(tmp_path: Path) -> None:
    """Every test errors before its first step (here, a browser that cannot start): the last run's results
    must not be printed as this one's."""
    run = subprocess.run([sys.executable, "-m", "scenarios", "guide", "--question", "3", "--browser-channel", "nope"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "erreur : aucune procédure n'a pu commencer" in run.stderr
    assert "Verdict" not in run.stdout and "Procédures réussies" not in run.stdout


def test_the_accepted_image_a_guide_shows_for_a_step_not_produced_travels_with_it(tmp_path: Path,
                                                                                 accepted: Path) -> None:
    from scenarios.report import publication

    out = tmp_path / "out"
    run = fake_run(out, "white", failing="q01-mot-de-passe-oublie")
    images = publication.step_images(shots.build_manifest(run, out), accepted, out)
    shown = images[("q01-mot-de-passe-oublie", procedures()[0].steps[1].id or "")]
    assert shown.full == f"accepted/q01-mot-de-passe-oublie/{procedures()[0].steps[1].id}.png"
    assert (out / shown.full).read_bytes() == (accepted / shown.full.removeprefix("accepted/")).read_bytes()
    html = publication.write_html(images, run, [], out).read_text(encoding="utf-8")
    assert "../" not in re.sub(r'href="#[^"]*"', "", html)


def test_word_captions_are_numbered_by_a_seq_field(tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    from scenarios.report import publication, word

    out = tmp_path / "out"
    run = fake_run(out)
    images = publication.step_images(shots.build_manifest(run, out), tmp_path / "accepted", out)
    document = docx.Document(str(word.write_docx(images, [], out)))
    captions = [p for p in document.paragraphs if p.style.name == "Caption"]
    instructions = [t.text for p in captions for t in p._p.iter(qn("w:instrText"))]
    assert len(instructions) == 45 and set(instructions) == {" SEQ Figure \\* ARABIC "}
    assert captions[1].text.startswith("Figure 2 – Q1 « Mot de passe oublié », étape 2")


def test_a_run_of_another_guide_md_is_stale_and_cannot_be_accepted(tmp_path: Path, accepted: Path) -> None:
    """A partial run, then guide.md reverted: its results (a step no longer in the guide) are not accepted."""
    from scenarios.guide import fingerprint

    out = tmp_path / "out"
    run = fake_run(out, "white")
    run.guide = fingerprint()
    assert publish.verdict(run).status == "passed"
    run.guide = "0" * 16
    run.write(out)
    judged = publish.verdict(run)
    assert judged.status == "stale" and "guide.md a changé depuis cette exécution" in judged.reasons[0]
    with pytest.raises(publish.AcceptRefused, match=r"guide\.md a changé"):
        publish.accept(out, accepted)


def test_the_guide_job_s_output_has_its_own_progress_not_xdist_s_twice(tmp_path: Path) -> None:
    from scenarios.cli import JOB_OPTIONS

    run = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_guide.py", "-p", "no:randomly", "-q", "-n", "2",
         "--guide-progress", "-k", "q02 or q10", f"--report-dir={tmp_path / 'run'}",
         f"--junitxml={tmp_path / 'junit.xml'}", f"--output={tmp_path / 'playwright'}", *JOB_OPTIONS],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:]
    assert "bringing up nodes" not in run.stdout
    assert "✓ Q2 Changer son adresse mail : 4/4 étapes" in run.stdout


def test_the_run_report_says_what_was_not_run_rather_than_showing_it_empty(tmp_path: Path) -> None:
    from scenarios.report import html
    from scenarios.session import coverage

    out = tmp_path / "out"
    run = fake_run(out, only=[3])  # one question: the others not selected, no page audited (as the guide job)
    report = " ".join(html_text(html.write_run_report(run, coverage(run), {}, out)).split())
    assert "Q1 – Mot de passe oublié : non sélectionnée Non sélectionnée dans cette exécution" in report
    assert "Aucune page auditée dans cette exécution" in report and "0 page(s)" not in report
