"""Doc writers' command: `python -m scenarios guide` runs every procedure of the guide, then writes
its annotated screenshots, what changed since the accepted set, and the guide (HTML and PDF).

Options it does not know are passed to pytest as they are (e.g. `--slowmo 300`)."""

from __future__ import annotations

import argparse
import time

import pytest

from .paths import ACCEPTED, GUIDE_REPORTS, ROOT
from .report import html, shots
from .results import Run


def options() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scenarios", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    guide = sub.add_parser("guide", help="run every procedure and write reports/guide/")
    guide.add_argument("--question", type=int, action="append", help="only this question (repeatable)")
    guide.add_argument("--accept", action="store_true", help="make this run's screenshots the accepted set")
    guide.add_argument("--tolerance", type=int, default=0,
                       help="per-channel difference (0-255) ignored when comparing images, e.g. 8 for anti-aliasing")
    guide.add_argument("--headed", action="store_true", help="show the browser")
    guide.add_argument("-n", "--workers", default="2", help="pytest-xdist workers (default 2)")
    guide.add_argument("--no-pdf", action="store_true", help="skip the PDF")
    return parser


def pytest_args(args: argparse.Namespace, extra: list[str]) -> list[str]:
    """The guide's tests (marker `guide`), reported into reports/guide/, with the options passed through."""
    marker = "guide" + (" and (" + " or ".join(f"q{q}" for q in args.question) + ")" if args.question else "")
    argv = ["-m", marker, "-p", "no:randomly", "-q", "--no-header", "-n", args.workers, "--guide-progress",
            "-o", "console_output_style=classic", "-W", "ignore::pytest.PytestAssertRewriteWarning",
            "--tb=line", "-rN", "--rootdir", str(ROOT),
            "--report-dir", str(GUIDE_REPORTS.relative_to(ROOT)), "--junitxml", str(GUIDE_REPORTS / "junit.xml")]
    return argv + (["--headed"] if args.headed else []) + extra


def main(argv: list[str] | None = None) -> int:
    args, extra = options().parse_known_args(argv)
    phases: dict[str, float] = {}
    clock = time.perf_counter()

    def phase(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        phases[name], clock = now - clock, now

    status = int(pytest.main(pytest_args(args, extra)))
    phase("procédures")
    run = Run.read(GUIDE_REPORTS)
    manifest = shots.build_manifest(run, GUIDE_REPORTS)
    phase("annotations")
    current = GUIDE_REPORTS / "annotated"
    changes = shots.compare(ACCEPTED, current, GUIDE_REPORTS / "diff", args.tolerance)
    if args.question:  # a partial run says nothing about the other questions' images
        prefixes = tuple(f"q{q:02d}-" for q in args.question)
        changes = [c for c in changes if c.name.startswith(prefixes)]
    review = html.write_review(changes, manifest, ACCEPTED, current, args.tolerance, GUIDE_REPORTS / "review.html")
    phase("comparaison")
    errata = run.collected_errata()
    guide = html.write_guide(manifest, errata, GUIDE_REPORTS)
    phase("guide HTML")
    pdf = None if args.no_pdf else html.write_pdf(guide, GUIDE_REPORTS / "guide.pdf")
    phase("PDF")
    if args.accept:
        shots.accept(changes, ACCEPTED, current)
        (ACCEPTED / "MADE-WITH.txt").write_text(html.browser_version() + "\n", encoding="utf-8")
    counts = shots.summary(changes)
    passed = sum(1 for p in run.procedures.values() if p.status == "passed")
    print(f"\nProcédures réussies : {passed}/{len(run.procedures)}")
    print(f"Captures : {counts['unchanged']} inchangées, {counts['changed']} modifiées, "
          f"{counts['new']} nouvelles, {counts['removed']} supprimées"
          + (" (jeu accepté mis à jour)" if args.accept else ""))
    print(f"Errata : {len(errata)}")
    print(f"Guide : {guide}" + (f" et {pdf}" if pdf else ""))
    print(f"Revue des changements : {review}")
    print(f"Manifeste : {GUIDE_REPORTS / 'manifest.json'}")
    print("Durées : " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items())
          + f", total {sum(phases.values()):.1f} s")
    return status
