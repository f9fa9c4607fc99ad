"""The doc writers' outputs: the regenerated guide (HTML, PDF) and the screenshot review page."""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from scenarios import ROOT
from scenarios.guide import french_spacing
from scenarios.publish import comparison
from scenarios.publish.acceptance import Verdict
from scenarios.results import STATUS, STEP_STATUS, CoverageRow, ManifestEntry, Run, in_paris

PACKAGE = "scenarios.publish"
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
    """The reports' templates, with the statuses' words (results.STATUS, STEP_STATUS) they all show."""
    env = Environment(loader=PackageLoader(PACKAGE, "templates"), autoescape=select_autoescape(["html"]))
    env.globals.update(status_words=STATUS, step_status_words=STEP_STATUS, video_status_words=comparison.VIDEO_STATUS)
    env.filters["capitalize_first"] = lambda text: text[:1].upper() + text[1:]
    env.filters["fr"] = french_spacing
    return env


def write_review(changes: list[comparison.Change], manifest: list[ManifestEntry], judged: Verdict, accepted: Path,
                 current: Path, tolerance: int, out: Path, accept_command: str = "make accept",
                 accepted_at: str | None = None, run_started: str | None = None, live: bool = False,
                 videos: list[comparison.VideoChange] | None = None,
                 texts: list[comparison.TextChange] | None = None, failures: dict[str, str] | None = None,
                 guide_name: str = "guide.md") -> Path:
    """reports/guide/review.html: the run's verdict, then every image that is not unchanged, before / after
    (with a slider) / diff, grouped when the change is the same (one CSS change: one group), the steps whose
    words changed, the videos. The images stay files beside the page, which stays light.

    Beside it, review.live.js holds the page's digest: a `live` page (`coffre-guide watch`) polls it and reloads
    only when the review changed, keeping its open groups, sliders, filters and scroll."""
    steps = {e.name: e.caption for e in manifest}
    failures = failures or {}

    def link(path: Path) -> str:
        return os.path.relpath(path, out.parent)

    groups: dict[str, list[dict[str, Any]]] = {}
    for change in changes:
        if change.status == "unchanged":
            continue
        groups.setdefault(change.signature or change.status, []).append({
            **comparison.as_dicts([change])[0],
            "step": steps.get(change.name),
            "before": link(accepted / change.name) if change.status in ("changed", "removed", "missing") else None,
            "after": link(current / change.name) if change.status in ("changed", "new") else None,
            "diff": link(Path(change.diff)) if change.diff else None,
            "zoom": link(Path(change.zoom)) if change.zoom and Path(change.zoom).is_file() else None,
            "failure": link(Path(failures[change.name])) if change.name in failures else None,
        })
    ordered = sorted(groups.items(), key=lambda group: -len(group[1]))
    worded = [{"caption": t.caption, "diff": comparison.word_diff(t.before, t.after)} for t in texts or []]
    html = environment().get_template("review.html").render(
        groups=ordered, counts=comparison.summary(changes), verdict=judged, accepted=accepted, tolerance=tolerance,
        accept_command=accept_command, accepted_at=accepted_at, css=stylesheet(), live=live,
        run_started=in_paris(run_started) if run_started else None,
        videos=videos or [], current_videos=link(out.parent / "videos"), texts=worded,
        accepted_videos=link(accepted_videos(accepted)), digest=LIVE_DIGEST, accepted_shown=shown(accepted),
        guide_name=guide_name)
    digest = hashlib.sha256(html.encode()).hexdigest()[:16]
    out.write_text(html.replace(LIVE_DIGEST, digest), encoding="utf-8")
    out.with_name(LIVE_FILE).write_text(f'window.reviewRun = "{digest}";\n', encoding="utf-8")
    return out


def shown(path: Path) -> str:
    """A folder as the team names it: from the project's root, not this machine's."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


LIVE_FILE = "review.live.js"  # the review's digest, which a live review page polls
LIVE_DIGEST = "@@review-digest@@"


def accepted_videos(accepted_images: Path) -> Path:
    """Where the accepted videos live beside the accepted images (docs/videos/ beside docs/screenshots/)."""
    return accepted_images.parent / "videos"


def write_run_report(run: Run, coverage: list[CoverageRow], traces: dict[str, Path], out_dir: Path) -> Path:
    """<report-dir>/index.html: per procedure and step, status, duration, screenshot, error, trace."""
    out_dir.mkdir(parents=True, exist_ok=True)
    procedures, a11y_rows, audited = [], [], 0
    for row in coverage:
        result = run.procedures.get(row.id)
        steps = []
        for step in result.steps if result else []:
            image = out_dir / (step.failure_screenshot or step.screenshot or "-")
            steps.append({**asdict(step), "image": data_uri(image) if image.is_file() else None})
            for page, violations in step.a11y.items():
                audited += 1
                a11y_rows += [{"page": page, **v} for v in violations]
        trace = traces.get(row.id)
        procedures.append({
            **asdict(row), "title": row.procedure, "steps": steps,
            "trace": os.path.relpath(trace, out_dir) if trace else None, "trace_path": trace,
        })
    totals = {k: sum(1 for p in procedures if p["status"] == k) for k in ("passed", "failed", "skipped", "not run")}
    html = environment().get_template("run.html").render(
        procedures=procedures, coverage=coverage, errata=run.collected_errata(), labels=run.approximate_labels(),
        a11y=a11y_rows, audited=audited, totals=totals, css=stylesheet())
    out = out_dir / "index.html"
    out.write_text(html, encoding="utf-8")
    return out
