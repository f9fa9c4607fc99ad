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


def write_guide(manifest: list[dict[str, Any]], errata: list[dict[str, str]], guide_dir: Path) -> Path:
    """reports/guide/guide.html: every step followed by its annotated screenshot, errata at the end."""
    images = {(e["procedure"], e["id"]): data_uri(guide_dir / e["annotated"]) for e in manifest if e["annotated"]}
    html = environment().get_template("guide.html").render(
        questions=load(), images=images, errata=errata, css=stylesheet())
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


def write_review(changes: list[shots.Change], manifest: list[dict[str, Any]], accepted: Path,
                 current: Path, tolerance: int, out: Path) -> Path:
    """reports/guide/review.html: before / after / diff of every changed, new or removed image."""
    steps = {e["annotated"].split("/", 1)[1]: f"Q{e['question']} « {e['title']} », étape {e['step']} : {e['text']}"
             for e in manifest if e["annotated"]}
    items = []
    for change in changes:
        if change.status == "unchanged":
            continue
        items.append({
            **shots.as_dicts([change])[0],
            "step": steps.get(change.name),
            "before": data_uri(accepted / change.name) if change.status in ("changed", "removed") else None,
            "after": data_uri(current / change.name) if change.status in ("changed", "new") else None,
            "diff": data_uri(Path(change.diff)) if change.diff else None,
        })
    html = environment().get_template("review.html").render(
        items=items, counts=shots.summary(changes), accepted=accepted, tolerance=tolerance, css=stylesheet())
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
            image = step.failure_screenshot or step.screenshot
            steps.append({**asdict(step), "image": data_uri(Path(image)) if image and Path(image).exists() else None})
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
