"""Doc writers' commands.

`python -m scenarios guide` runs every procedure of the guide, then writes its annotated screenshots,
what changed since the accepted set (review.html) and the guide (HTML and PDF) into reports/guide/.
Options it does not know are passed to pytest as they are (e.g. `--slowmo 300`, `--base-url URL`).
`python -m scenarios accept` makes the reviewed run's images the accepted set, without running anything.
Installed as `coffre-guide` (guide, accept, check, probe, mock); `--guide=PATH` follows a guide.md kept
elsewhere (its steps' ids bound as today), as does `[tool.coffre-guide] guide = "PATH"` in pyproject.toml.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from .guide import GUIDE_FILE_ENV, load
from .paths import ACCEPTED, GUIDE_REPORTS, ROOT
from .portal import Portal, ProfileError
from .report import html, publication, publish, shots, word
from .results import RUN_FILE, Run
from .session import coverage

CHANGED = {"changed": "modifiée", "new": "nouvelle", "removed": "supprimée", "missing": "non produite"}  # --check
PARTIAL = GUIDE_REPORTS / "partial-run"  # a --question run's own report, then merged into reports/guide/
USAGE_ERROR = 2
# The doc writers' job: no accessibility audit (the QA run has it), no trace recording and none of
# pytest-playwright's screenshots, which it takes after every test to keep a failure's (a failing step
# gets its own screenshot, error and URL in the run report), no second attempt of a failed procedure (the QA
# run retries one to record its trace). Nor Hypothesis, which its tests do not use.
JOB_OPTIONS = ("--no-a11y", "--tracing", "off", "--screenshot", "off", "--reruns", "0", "-p", "no:hypothesispytest")
GUIDE_TESTS = ROOT / "tests" / "test_guide.py"  # collecting only them: the other modules cost a second per process


def options() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scenarios", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    guide = sub.add_parser("guide", help="run every procedure and write reports/guide/")
    guide.add_argument("--question", type=int, action="append", help="only this question (repeatable)")
    guide.add_argument("--check", action="store_true",
                       help="exit 1 if any image differs from the accepted set (for the docs' own CI)")
    guide.add_argument("--tolerance", type=int, default=0,
                       help="per-channel difference (0-255) ignored when comparing images, e.g. 8 for anti-aliasing")
    guide.add_argument("--headed", action="store_true", help="show the browser")
    guide.add_argument("-n", "--workers", help="pytest-xdist workers (default: 2, none for a single procedure)")
    guide.add_argument("--no-pdf", action="store_true", help="skip the PDF")
    guide.add_argument("--accept", action="store_true", help=argparse.SUPPRESS)
    sub.add_parser("accept", help="make the last reviewed run's images the accepted set (runs nothing)")
    check = sub.add_parser("check", help="the guide job, exit 1 if any image differs from the accepted set "
                                         "(= guide --check)")
    check.add_argument("--tolerance", type=int, default=0, help="as for guide")
    sub.add_parser("mock", help="run the mock by hand (python -m mock_portal; its options follow, e.g. --list)",
                   add_help=False)
    probe = sub.add_parser("probe", help="visit every screen the procedures use on a portal and say, for each "
                                         "element the suite needs, whether it is there (read-only; exit 1 if not)")
    probe.add_argument("--portal", default=os.environ.get("COFFRE_GUIDE_PORTAL"), metavar="FILE",
                       help="the portal's profile (default: the embedded mock's, scenarios/portals/mycecurity.toml)")
    probe.add_argument("--base-url", help="the portal's address (default: the embedded mock)")
    probe.add_argument("--refusdemat-url", help="the refusal site's address")
    probe.add_argument("--corporate-url", help="the corporate site's address")
    probe.add_argument("--trust-spki", metavar="SHA256_BASE64", help="trust this certificate key in the browser")
    probe.add_argument("--accounts", default=os.environ.get("COFFRE_GUIDE_ACCOUNTS"), metavar="FILE",
                       help="test accounts (docs/accounts.example.toml): the « actif » one logs in")
    probe.add_argument("--headed", action="store_true", help="show the browser")
    return parser


def fail(message: str, code: int = USAGE_ERROR) -> int:
    print(f"erreur : {message}", file=sys.stderr)
    return code


def pytest_args(args: argparse.Namespace, extra: list[str]) -> list[str]:
    """The guide's tests (marker `guide`) with the options passed through; a full run reports into
    reports/guide/, a partial one into its own folder first."""
    folder = PARTIAL if args.question else GUIDE_REPORTS
    marker = "guide" + (" and (" + " or ".join(f"q{q}" for q in args.question) + ")" if args.question else "")
    argv = [str(GUIDE_TESTS), "-m", marker, "-p", "no:randomly", "-q", "--no-header", "-n", workers(args),
            "--guide-progress",
            "-o", "console_output_style=classic", "-W", "ignore::pytest.PytestAssertRewriteWarning",
            "--tb=line", "-rN", "--rootdir", str(ROOT),
            f"--report-dir={folder}", f"--junitxml={folder / 'junit.xml'}", *JOB_OPTIONS]
    return argv + (["--headed"] if args.headed else []) + extra


def workers(args: argparse.Namespace) -> str:
    """Two workers share the procedures; a single procedure runs in this process (starting workers, each with
    its own browser and mock, costs more than it saves: 7.8 -> 6.1 s for one question)."""
    if args.workers is not None:
        return str(args.workers)
    selected = [q for q in load() if not args.question or q.number in args.question]
    return "0" if sum(len(q.procedures) for q in selected) <= 1 else "2"


def guide(args: argparse.Namespace, extra: list[str]) -> int:
    if args.accept:
        return fail("« --accept » n'existe plus : relisez reports/guide/review.html puis lancez "
                    "`python -m scenarios accept`, qui accepte les images revues sans rien relancer")
    known = sorted(q.number for q in load())
    unknown = [q for q in args.question or [] if q not in known]
    if unknown:
        return fail(f"question {', '.join(map(str, unknown))} inconnue : le guide a les questions "
                    f"{known[0]} à {known[-1]} ; rien n'a été exécuté ni modifié")
    phases: dict[str, float] = {}
    clock = time.perf_counter()

    def phase(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        phases[name], clock = now - clock, now

    shutil.rmtree(PARTIAL, ignore_errors=True)
    written = (PARTIAL if args.question else GUIDE_REPORTS) / RUN_FILE
    before = written.stat().st_mtime_ns if written.exists() else None
    status = int(pytest.main(pytest_args(args, extra)))
    phase("procédures")
    if status in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.NO_TESTS_COLLECTED, pytest.ExitCode.INTERNAL_ERROR):
        return fail("aucune procédure n'a été exécutée (sélection vide ou option refusée) : "
                    "reports/guide/ est laissé tel quel", USAGE_ERROR if status == 5 else status)
    if not written.exists() or written.stat().st_mtime_ns == before:  # no procedure reached its first step
        return fail("aucune procédure n'a pu commencer (erreur de mise en place, ci-dessus) : reports/guide/ est "
                    "laissé tel quel, rien n'est à revoir ni à accepter", status or 1)
    if args.question:
        run = publish.merge(PARTIAL, GUIDE_REPORTS, args.question)
        html.write_run_report(run, coverage(run), {}, GUIDE_REPORTS)
    else:
        run = Run.read(GUIDE_REPORTS)
    judged = publish.verdict(run)
    manifest = shots.build_manifest(run, GUIDE_REPORTS)
    phase("annotations")
    current = GUIDE_REPORTS / "annotated"
    changes = shots.compare(ACCEPTED, current, GUIDE_REPORTS / "diff", args.tolerance,
                            expected=publish.guide_image_names())
    review = html.write_review(changes, manifest, judged, ACCEPTED, current, args.tolerance,
                               GUIDE_REPORTS / "review.html", accept_command(), run_started=run.started)
    phase("comparaison")
    errata = run.collected_errata()
    images = publication.step_images(manifest, ACCEPTED, GUIDE_REPORTS)
    guide_html = publication.write_html(images, run, errata, GUIDE_REPORTS)
    docx = word.write_docx(images, errata, GUIDE_REPORTS)
    phase("guide HTML et Word")
    pdf = None if args.no_pdf else publication.write_pdf(images, run, errata, GUIDE_REPORTS,
                                                         GUIDE_REPORTS / "guide.pdf")
    phase("PDF")
    counts = shots.summary(changes)
    passed = sum(1 for p in run.procedures.values() if p.status == "passed")
    print(f"\nProcédures réussies : {passed}/{len(run.procedures)}"
          + (f" (questions {', '.join(map(str, args.question))} relancées, les autres de leur dernière exécution)"
             if args.question else ""))
    print(f"Captures : {counts['unchanged']} inchangées, {counts['changed']} modifiées, {counts['new']} nouvelles, "
          f"{counts['removed']} supprimées, {counts['missing']} non produites (étape en échec / non exécutée)")
    this_run = len(Run.read(PARTIAL).collected_errata()) if args.question else len(errata)
    print(f"Errata : {len(errata)} dans le guide"
          + (f" (dont {this_run} relevé(s) par les questions relancées)" if args.question else "")
          + (f", dont {len(run.new_errata)} nouveau(x)" if run.new_errata else "")
          + (f" ; {len(run.fixed_errata)} corrigé(s)" if run.fixed_errata else ""))
    print(f"Guide : {guide_html}, {docx}" + (f" et {pdf}" if pdf else ""))
    print(f"Revue des changements : {review}")
    to_accept = counts["changed"] + counts["new"] + counts["removed"]
    if not judged.acceptable:
        more = f" (et {len(judged.reasons) - 1} autre(s))" if len(judged.reasons) > 1 else ""
        print(f"Verdict : {judged.heading}, acceptation impossible : {judged.reasons[0]}{more}")
    elif to_accept:
        print(f"Verdict : exécution complète réussie ; pour accepter ces images : {accept_command()}")
    else:
        print("Verdict : exécution complète réussie ; aucune image à accepter (toutes identiques au jeu accepté)")
    print("Durées : " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items())
          + f", total {sum(phases.values()):.1f} s")
    if args.check:
        differing = [c for c in changes if c.status != "unchanged"]
        for change in differing:
            print(f"  {CHANGED[change.status]} : {change.name}")
        return status or (1 if differing else 0)
    return status


def accept_command() -> str:
    """The accept command, as it works typed where the guide command was (not bare `python`, whose
    environment may lack the project's packages)."""
    if Path.cwd().resolve() == ROOT.resolve() and (ROOT / "Makefile").is_file():
        return "make accept"
    return f"{sys.executable} -m scenarios accept"


def accept() -> int:
    try:
        changes = publish.accept(GUIDE_REPORTS, ACCEPTED)
    except publish.AcceptRefused as refused:
        return fail(str(refused), 1)
    counts = shots.summary(changes)
    print(f"Jeu accepté mis à jour ({ACCEPTED}) : {counts['changed']} modifiées, {counts['new']} nouvelles, "
          f"{counts['removed']} supprimées, {counts['unchanged']} inchangées")
    refresh_review()
    return 0


def refresh_review() -> None:
    """review.html once the reviewed images are the accepted set: it says so, and lists nothing left to review."""
    run = Run.read(GUIDE_REPORTS)
    current = GUIDE_REPORTS / "annotated"
    changes = shots.compare(ACCEPTED, current, GUIDE_REPORTS / "diff", expected=publish.guide_image_names())
    html.write_review(changes, shots.build_manifest(run, GUIDE_REPORTS), publish.verdict(run), ACCEPTED, current, 0,
                      GUIDE_REPORTS / "review.html", accepted_at=time.strftime("%d/%m/%Y à %H:%M"),
                      run_started=run.started)


def probe(args: argparse.Namespace) -> int:
    from .deployment import AccountsError
    from .probe import run

    try:
        return run(Portal.load(Path(args.portal) if args.portal else None), vars(args))
    except (ProfileError, AccountsError) as error:
        return fail(str(error))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    guide_option = next((a.split("=", 1)[1] for a in argv if a.startswith("--guide=")), None)
    if guide_option is not None:  # a guide kept elsewhere: every process of the run must read it
        path = Path(guide_option).resolve()
        if not path.is_file():
            return fail(f"guide introuvable : {path}")
        if os.environ.get(GUIDE_FILE_ENV) != str(path):
            os.environ[GUIDE_FILE_ENV] = str(path)
            os.execv(sys.executable, [sys.executable, "-m", "scenarios", *argv])
        argv = [a for a in argv if not a.startswith("--guide=")]
    if argv[:1] == ["mock"]:
        from mock_portal.__main__ import main as mock

        return mock(argv[1:])
    args, extra = options().parse_known_args(argv)
    if args.command == "check":
        return guide(options().parse_args(["guide", "--check", f"--tolerance={args.tolerance}"]), extra)
    if args.command == "probe":
        if extra:
            return fail(f"option inconnue pour probe : {' '.join(extra)}")
        return probe(args)
    if args.command == "accept":
        if extra:
            return fail(f"option inconnue pour accept : {' '.join(extra)}")
        return accept()
    return guide(args, extra)
