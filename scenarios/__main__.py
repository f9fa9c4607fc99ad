"""Doc writers' command: `python -m scenarios guide` runs every procedure of the guide, then writes
its annotated screenshots, what changed since the accepted set, and the guide (HTML and PDF)."""

from __future__ import annotations

import argparse
import sys
import time

import pytest

from . import docs, shots
from .paths import ACCEPTED, GUIDE_REPORTS, RESULTS, ROOT


def options() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scenarios", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    guide = sub.add_parser("guide", help="run every procedure and write reports/guide/")
    guide.add_argument("--question", type=int, action="append", help="only this question (repeatable)")
    guide.add_argument("--accept", action="store_true", help="make this run's screenshots the accepted set")
    guide.add_argument("--tolerance", type=int, default=0,
                       help="per-channel difference (0-255) ignored when comparing images, e.g. 8 for anti-aliasing")
    guide.add_argument("--headed", action="store_true", help="show the browser")
    guide.add_argument("--base-url", help="portal to run against (default: the embedded mock)")
    guide.add_argument("--refusdemat-url", help="refusal site to run against")
    guide.add_argument("--corporate-url", help="corporate site to run against")
    guide.add_argument("--sim-url", help="portal whose /_sim/api drives the simulator")
    guide.add_argument("-n", "--workers", default="2", help="pytest-xdist workers (default 2)")
    guide.add_argument("--no-pdf", action="store_true", help="skip the PDF")
    return parser


def pytest_args(args: argparse.Namespace) -> list[str]:
    argv = [str(ROOT / "tests" / "test_guide.py"), "-p", "no:randomly", "-q", "--no-header", "-n", args.workers,
            "--guide-progress", "-o", "console_output_style=classic", "--tb=line", "-rN"]
    if args.question:
        argv += ["-m", " or ".join(f"q{q}" for q in args.question)]
    if args.headed:
        argv.append("--headed")
    for name in ("base_url", "refusdemat_url", "corporate_url", "sim_url"):
        if getattr(args, name):
            argv += [f"--{name.replace('_', '-')}", getattr(args, name)]
    return argv


def main(argv: list[str] | None = None) -> int:
    args = options().parse_args(argv)
    phases: dict[str, float] = {}
    clock = time.perf_counter()

    def phase(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        phases[name], clock = now - clock, now

    status = int(pytest.main(pytest_args(args)))
    phase("procédures")
    manifest = shots.build_manifest(RESULTS, GUIDE_REPORTS)
    phase("annotations")
    current = GUIDE_REPORTS / "annotated"
    changes = shots.compare(ACCEPTED, current, GUIDE_REPORTS / "diff", args.tolerance)
    if args.question:  # a partial run says nothing about the other questions' images
        prefixes = tuple(f"q{q:02d}-" for q in args.question)
        changes = [c for c in changes if c.name.startswith(prefixes)]
    review = docs.write_review(changes, manifest, ACCEPTED, current, args.tolerance, GUIDE_REPORTS / "review.html")
    phase("comparaison")
    errata = docs.read_errata(GUIDE_REPORTS)
    html = docs.write_guide(manifest, errata, GUIDE_REPORTS)
    phase("guide HTML")
    pdf = None if args.no_pdf else docs.write_pdf(html, GUIDE_REPORTS / "guide.pdf")
    phase("PDF")
    if args.accept:
        shots.accept(changes, ACCEPTED, current)
        (ACCEPTED / "MADE-WITH.txt").write_text(docs.browser_version() + "\n", encoding="utf-8")
    counts = shots.summary(changes)
    procedures = {e["procedure"] for e in manifest}
    passed = sum(1 for slug in procedures if all(e["status"] == "passed" for e in manifest if e["procedure"] == slug))
    print(f"\nProcédures réussies : {passed}/{len(procedures)}")
    print(f"Captures : {counts['unchanged']} inchangées, {counts['changed']} modifiées, "
          f"{counts['new']} nouvelles, {counts['removed']} supprimées"
          + (" (jeu accepté mis à jour)" if args.accept else ""))
    print(f"Errata : {len(errata)}")
    print(f"Guide : {html}" + (f" et {pdf}" if pdf else ""))
    print(f"Revue des changements : {review}")
    print(f"Manifeste : {GUIDE_REPORTS / 'manifest.json'}")
    print("Durées : " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items())
          + f", total {sum(phases.values()):.1f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
