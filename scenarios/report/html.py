"""The doc writers' outputs: the regenerated guide (HTML, PDF) and the screenshot review page."""

from __future__ import annotations

import base64
import os
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..guide import load
from ..results import Run
from . import shots
from .publish import Verdict

PACKAGE = "scenarios.report"
FONT_FACES = "".join(
    f'@font-face {{ font-family: "Open Sans"; font-weight: {weight}; '
    f'src: url(data:font/woff2;base64,{{{weight}}}) format("woff2"); }}\n'
    for weight in (400, 600, 700)
)


def data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode()


def stylesheet() -> str:
    """The pages' CSS with the mock's own fonts inlined, so the files open anywhere."""
    fonts = resources.files("mock_portal").joinpath("static/fonts")
    encoded = {str(w): base64.b64encode(fonts.joinpath(f"open-sans-latin-{w}-normal.woff2").read_bytes()).decode()
               for w in (400, 600, 700)}
    faces = FONT_FACES
    for weight, data in encoded.items():
        faces = faces.replace("{" + weight + "}", data)
    return faces + resources.files(PACKAGE).joinpath("templates/_style.css").read_text(encoding="utf-8")


def environment() -> Environment:
    return Environment(loader=PackageLoader(PACKAGE, "templates"), autoescape=select_autoescape(["html"]))


NOT_PRODUCED = {"failed": "étape en échec lors de cette exécution", "not run": "étape non exécutée"}


def write_guide(manifest: list[dict[str, Any]], run: Run, errata: list[dict[str, str]], accepted: Path,
                guide_dir: Path) -> Path:
    """reports/guide/guide.html: every step followed by its annotated screenshot, errata at the end.

    A step without an image this run shows the accepted one, saying why; a procedure kept from an
    earlier run (after a partial one) says when it ran.
    """
    images: dict[tuple[str, str | None], dict[str, str | None]] = {}
    for e in manifest:
        fallback = accepted / e["procedure"] / f"{e['id']}.png"
        if e["annotated"]:
            images[(e["procedure"], e["id"])] = {"src": data_uri(guide_dir / e["annotated"]), "note": None}
        else:
            why, kept = NOT_PRODUCED.get(e["status"], "étape non exécutée"), fallback.is_file()
            images[(e["procedure"], e["id"])] = {
                "src": data_uri(fallback) if kept else None,
                "note": f"Capture du jeu accepté : {why}." if kept else f"Capture non produite ({why}).",
            }
    ran_at = {p.id: p.ran_at for p in run.procedures.values() if p.ran_at and p.ran_at != run.started}
    html = environment().get_template("guide.html").render(
        questions=load(), images=images, errata=errata, ran_at=ran_at, css=stylesheet())
    out = guide_dir / "guide.html"
    out.write_text(html, encoding="utf-8")
    return out


def write_pdf(html: Path, pdf: Path) -> Path:
    """Chromium's print to PDF, through Playwright, with the browser the suite resolves."""
    from playwright.sync_api import sync_playwright

    from ..browser import launch_chromium

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.goto(html.resolve().as_uri())
        page.pdf(path=str(pdf), format="A4", print_background=True,
                 margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
        browser.close()
    return pdf


def browser_version() -> str:
    """Which browser build makes the screenshots: pixel identity holds only on one build."""
    from importlib.metadata import version

    from playwright.sync_api import sync_playwright

    from ..browser import executable_path, launch_chromium

    with sync_playwright() as playwright:
        path = executable_path(playwright.chromium.executable_path)
        browser = launch_chromium(playwright)
        made_by = f"Chromium {browser.version} ({path or 'Playwright build'}), Playwright {version('playwright')}"
        browser.close()
    return made_by


def write_review(changes: list[shots.Change], manifest: list[dict[str, Any]], judged: Verdict, accepted: Path,
                 current: Path, tolerance: int, out: Path) -> Path:
    """reports/guide/review.html: before / after / diff of every changed, new or removed image."""
    steps = {f"{e['procedure']}/{e['id']}.png": f"Q{e['question']} « {e['title']} », étape {e['step']} : {e['text']}"
             for e in manifest}
    items = []
    for change in changes:
        if change.status == "unchanged":
            continue
        items.append({
            **shots.as_dicts([change])[0],
            "step": steps.get(change.name),
            "before": data_uri(accepted / change.name) if change.status in ("changed", "removed", "missing") else None,
            "after": data_uri(current / change.name) if change.status in ("changed", "new") else None,
            "diff": data_uri(Path(change.diff)) if change.diff else None,
        })
    html = environment().get_template("review.html").render(
        items=items, counts=shots.summary(changes), verdict=judged, accepted=accepted, tolerance=tolerance,
        css=stylesheet())
    out.write_text(html, encoding="utf-8")
    return out


def write_run_report(run: Run, coverage: list[dict[str, Any]], traces: dict[str, Path], out_dir: Path) -> Path:
    """<report-dir>/index.html: per procedure and step, status, duration, screenshot, error, trace."""
    out_dir.mkdir(parents=True, exist_ok=True)
    procedures, a11y_rows, audited = [], [], 0
    for row in coverage:
        result = run.procedures.get(str(row["id"]))
        steps = []
        for step in result.steps if result else []:
            image = out_dir / (step.failure_screenshot or step.screenshot or "-")
            steps.append({**asdict(step), "image": data_uri(image) if image.is_file() else None})
            for page, violations in step.a11y.items():
                audited += 1
                a11y_rows += [{"page": page, **v} for v in violations]
        trace = traces.get(str(row["id"]))
        procedures.append({
            **row, "title": row["procedure"], "steps": steps,
            "trace": os.path.relpath(trace, out_dir) if trace else None, "trace_path": trace,
        })
    totals = {k: sum(1 for p in procedures if p["status"] == k) for k in ("passed", "failed", "skipped", "not run")}
    html = environment().get_template("run.html").render(
        procedures=procedures, coverage=coverage, errata=run.collected_errata(), labels=run.approximate_labels(),
        a11y=a11y_rows, audited=audited, totals=totals, css=stylesheet())
    out = out_dir / "index.html"
    out.write_text(html, encoding="utf-8")
    return out
