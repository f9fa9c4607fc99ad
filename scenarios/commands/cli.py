"""`coffre-guide` (`python -m scenarios`): guide, accept, check, impact, probe, mock, watch.

`guide` runs the procedures of guide.md whose inputs changed (all with --full), then writes the annotated
screenshots, the videos, what changed since the accepted set (review.html) and the guide (HTML, Word, PDF)
into reports/guide/; options it does not know go to pytest as they are (`--slowmo 300`, `--base-url URL`).
`accept` makes the reviewed run's images and videos the accepted set. `--guide=PATH`, or
`[tool.coffre-guide] guide = "PATH"` in pyproject.toml, follows a guide.md kept elsewhere (its steps' ids bound as
today): it is read once, and passed to the test run as pytest's own `--guide`.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

import pytest

from scenarios.errata import LAST_PAGE
from scenarios.finding.portal_profile import Portal, ProfileError
from scenarios.guide import Guide, GuideError, question_numbers
from scenarios.incremental import inputs
from scenarios.incremental import plan as incremental
from scenarios.plugin.defaults import ACCEPTED, ERRATA_FILE, GUIDE_REPORTS, ROOT
from scenarios.plugin.session import RunCollector
from scenarios.publish import acceptance, comparison, pipeline
from scenarios.results import Run
from scenarios.target import options

USAGE_ERROR = 2
DESCRIPTION = """Le guide des questions salariés, exécuté sur le portail : chaque étape prouvée, chaque capture refaite.

`guide` exécute les procédures de guide.md dont quelque chose a changé (toutes avec --full), puis écrit les
captures annotées, les vidéos, la revue des changements (review.html) et le guide (HTML, Word, PDF) dans
reports/guide/ ; les options qu'il ne connaît pas vont à pytest telles quelles (`--slowmo 300`, `--base-url URL`).
`accept` fait du jeu revu le jeu accepté. `--guide=CHEMIN` suit un guide.md tenu ailleurs."""
# The doc writers' job: no accessibility audit (the QA run has it), no trace recording and none of
# pytest-playwright's screenshots, which it takes after every test to keep a failure's (a failing step
# gets its own screenshot, error and URL in the run report), no second attempt of a failed procedure (the QA
# run retries one to record its trace). Nor Hypothesis, which its tests do not use.
# The guide's drift from its code (a step without code, code without its step) is said in the job's own summary,
# in the doc writer's words, not as pytest's warnings.
JOB_OPTIONS = ("--no-a11y", "--tracing", "off", "--screenshot", "off", "--reruns", "0", "-p", "no:hypothesispytest",
               "-W", "ignore::scenarios.binding.GuideDrift")


def absolute(path: str) -> Path:
    return Path(path).resolve()


def folders(command: argparse.ArgumentParser) -> None:
    """Where the guide job writes and where the accepted set lives (a shard, a test, another checkout)."""
    command.add_argument("--report-dir", type=absolute, default=GUIDE_REPORTS, metavar="DIR",
                         help="the job's output folder (default: reports/guide/)")
    command.add_argument("--accepted", type=absolute, default=ACCEPTED, metavar="DIR",
                         help="the accepted images (default: docs/screenshots/, the videos beside it)")


class FrenchHelp(argparse.RawDescriptionHelpFormatter):
    """argparse's help in French: « utilisation : »."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


ARGPARSE_WORDS = (("the following arguments are required", "il manque"), ("invalid choice", "choix inconnu"),
                  ("choose from", "au choix"), ("expected one argument", "il faut une valeur"),
                  ("invalid int value", "nombre attendu, pas"), ("unrecognized arguments", "arguments inconnus"),
                  ("argument ", "option "))


class FrenchParser(argparse.ArgumentParser):
    """An argparse parser that speaks French: its help, its section titles and its errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", FrenchHelp)
        helped, kwargs["add_help"] = kwargs.get("add_help", True), False
        super().__init__(*args, **kwargs)
        self._positionals.title, self._optionals.title = "arguments", "options"
        if helped:
            self.add_argument("-h", "--help", action="help", help="affiche cette aide")

    def error(self, message: str) -> NoReturn:
        for english, french in ARGPARSE_WORDS:
            message = message.replace(english, french)
        self.print_usage(sys.stderr)
        self.exit(USAGE_ERROR, f"erreur : {message}\n")


def parser() -> argparse.ArgumentParser:
    parser = FrenchParser(prog="coffre-guide", description=DESCRIPTION)
    parser.add_argument("--guide", metavar="CHEMIN", help="le guide.md à suivre (par défaut : `[tool.coffre-guide] "
                                                           "guide` du pyproject.toml d'ici, sinon scenarios/guide.md)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE", parser_class=FrenchParser)
    guide = sub.add_parser("guide", help="exécuter les procédures dont quelque chose a changé et écrire reports/guide/")
    guide.add_argument("--question", type=question_numbers, action="extend", metavar="N",
                       help="seulement cette question : 3, Q3, ou une liste 2,3 (répétable)")
    guide.add_argument("--check", action="store_true",
                       help="sortir en erreur si une image diffère du jeu accepté (pour la CI de la documentation)")
    guide.add_argument("--tolerance", type=int, default=0, help="écart par canal (0-255) ignoré en comparant les "
                                                                "images, ex. 8 pour le lissage des polices")
    guide.add_argument("--headed", action="store_true", help="montrer le navigateur")
    guide.add_argument("-n", "--workers", help="processus en parallèle (par défaut 2, aucun pour une seule procédure)")
    guide.add_argument("--no-pdf", action="store_true", help="sans le PDF")
    guide.add_argument("--full", action="store_true",
                       help="tout exécuter (par défaut, une procédure dont rien n'a changé depuis sa dernière "
                            "vérification la garde ; toujours tout avec --check, --question ou des options de pytest)")
    guide.add_argument("--live", action="store_true", help=argparse.SUPPRESS)  # review.html reloads (watch)
    folders(guide)
    folders(sub.add_parser("accept", help="faire du dernier jeu revu le jeu accepté (n'exécute rien)"))
    impact = sub.add_parser("impact", help="les procédures, étapes et images du guide qu'un changement touche")
    impact.add_argument("paths", nargs="*", metavar="FICHIER", help="les fichiers changés (gabarits, fichiers "
                                                                     "statiques, guide.md, code Python)")
    impact.add_argument("--since", metavar="RÉFÉRENCE_GIT", help="les fichiers changés depuis cette référence git")
    impact.add_argument("--markdown", action="store_true", help="en liste Markdown, pour une pull request")
    folders(impact)
    merge = sub.add_parser("merge", help="joindre les dossiers de rapport des parts (--shard K/N) en une exécution, "
                                         "puis publier comme guide (revue, images, vidéos, guide)")
    merge.add_argument("shares", nargs="+", type=absolute, metavar="DOSSIER", help="le --report-dir de chaque part")
    merge.add_argument("--no-pdf", action="store_true", help="sans le PDF")
    merge.add_argument("--tolerance", type=int, default=0, help="comme pour guide")
    folders(merge)
    check = sub.add_parser("check", help="= guide --check : sortir en erreur si une image diffère du jeu accepté")
    check.add_argument("--tolerance", type=int, default=0, help="comme pour guide")
    folders(check)
    sub.add_parser("mock", help="la maquette à la main (ses options suivent, ex. --list) ; --open l'ouvre dans "
                                "Chromium aux adresses du guide", add_help=False)
    sub.add_parser("watch", help="à chaque enregistrement dans mock_portal/, scenarios/ ou guide.md, refaire ce "
                                 "qu'il touche (la revue se recharge seule)", add_help=False)
    probe = sub.add_parser("probe", help="visiter chaque écran des procédures sur un portail et dire si chaque "
                                         "élément nécessaire y est (lecture seule ; erreur s'il en manque)")
    options.declare(probe.add_argument)  # as the test run names the portal: --portal, --refusdemat-url...
    probe.add_argument("--base-url", help="l'adresse du portail (par défaut : la maquette)")
    probe.add_argument("--headed", action="store_true", help="montrer le navigateur")
    return parser


def fail(message: str, code: int = USAGE_ERROR) -> int:
    print(f"erreur : {message}", file=sys.stderr)
    return code


def pytest_args(guide: Guide, args: argparse.Namespace, extra: list[str], chosen: list[str] | None = None
                ) -> list[str]:
    """guide.md's procedures (collected from it: marker `guide`), the questions asked or the procedures `chosen`
    (the others reused), the options passed through; the report into reports/guide/ (a partial run keeps the
    other procedures' last results)."""
    questions = [f"--question={q}" for q in args.question or []] + [f"--procedure={c}" for c in chosen or []]
    argv = [str(guide.path), f"--guide={guide.path}", "-m", "guide", *questions, "-p", "no:randomly", "-q",
            "--no-header", "-n", workers(guide, args, chosen),
            "--guide-progress",
            "-o", "console_output_style=classic", "-W", "ignore::pytest.PytestAssertRewriteWarning",
            "--tb=no", "-rN", "--rootdir", str(ROOT),
            f"--report-dir={args.report_dir}", f"--junitxml={args.report_dir / 'junit.xml'}", *JOB_OPTIONS]
    # pytest finds its configuration from the paths it is given: for a guide kept elsewhere, name ours.
    configuration = ["-c", str(ROOT / "pyproject.toml")] if (ROOT / "pyproject.toml").is_file() else []
    return argv + configuration + (["--headed"] if args.headed else []) + extra


def workers(guide: Guide, args: argparse.Namespace, chosen: list[str] | None = None) -> str:
    """Two workers share the procedures; a single question runs in this process (starting workers, each with
    its own browser and mock, would cost more than it saves; docs/performance.md)."""
    if args.workers is not None:
        return str(args.workers)
    selected = [q for q in guide.questions if not args.question or q.number in args.question]
    count = len([c for c in chosen if c != LAST_PAGE]) if chosen else sum(len(q.procedures) for q in selected)
    return "0" if count <= 1 else "2"


def named(guide: Guide, procedure_id: str) -> str:
    if procedure_id == LAST_PAGE:
        return "dernière page du guide"
    procedure = guide.procedure(procedure_id)
    return f"Q{procedure.question} {procedure.title}"


def reuse_plan(guide: Guide, args: argparse.Namespace, extra: list[str]) -> incremental.Plan | None:
    """What a run may keep of the last one (scenarios/incremental/plan.py), said a line per procedure; None where it
    must run everything: --full, --check (the docs' CI), --question, or any pytest option (another portal...)."""
    if args.full or args.check or args.question or extra:
        return None
    found = incremental.plan(guide, Run.read(args.report_dir), args.report_dir,
                             inputs.Context.now(inputs.profile_from_environment(), ERRATA_FILE))
    for result in found.reused:
        now = result.in_words(guide.procedure(result.id))
        reworded = [f"étape {s.number} « {old.text} » → « {s.text} »"
                    for old, s in zip(result.steps, now.steps, strict=True) if old.text != s.text]
        print(f"↺ Q{result.question} {result.title} : {now.reuse_note}"
              + (f" ; texte modifié (ses vérifications sont les mêmes) : {' ; '.join(reworded)}" if reworded else ""))
    if found.reused and found.run:
        print("Relancées : " + " ; ".join(f"{named(guide, k)} ({', '.join(why)})" for k, why in found.run.items()))
    return found


def run_guide(guide: Guide, args: argparse.Namespace, extra: list[str]) -> int:
    if refused := guide.unknown_questions(args.question):
        return fail(refused)
    phases: dict[str, float] = {}
    started = time.perf_counter()
    collector, plan = RunCollector(), reuse_plan(guide, args, extra)
    if plan is not None and not plan.run:  # nothing changed: the guide written again, no browser
        collector.run = incremental.reuse_all(guide, Run.read(args.report_dir), args.report_dir, ERRATA_FILE)
        status = 0
    else:
        chosen = list(plan.run) if plan is not None and plan.reused else None
        status = int(pytest.main(pytest_args(guide, args, extra, chosen), plugins=[collector]))
        guide = collector.guide or guide  # as the run read it
    phases["procédures"] = time.perf_counter() - started
    if status in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.NO_TESTS_COLLECTED, pytest.ExitCode.INTERNAL_ERROR):
        return fail("aucune procédure n'a été exécutée (sélection vide ou option refusée) : "
                    f"{args.report_dir} est laissé tel quel", USAGE_ERROR if status == 5 else status)
    if collector.run is None:  # no procedure reached its first step
        return fail(f"aucune procédure n'a pu commencer (erreur de mise en place, ci-dessus) : {args.report_dir} est "
                    "laissé tel quel, rien n'est à revoir ni à accepter", status or 1)
    published = pipeline.publish(guide, collector.run, args.report_dir, args.accepted, args.tolerance, not args.no_pdf,
                                 accept_command(), phases, live=args.live)
    print("\n".join(pipeline.summary(collector.run, published, args.question, accept_command())))
    status = status or (1 if published.flawed else 0)
    if args.check:
        print("\n".join(pipeline.check_lines(published)))
        return status or (1 if published.differing else 0)
    return status


def accept_command() -> str:
    """The accept command, as it works typed where the guide command was (not bare `python`, whose
    environment may lack the project's packages)."""
    if Path.cwd().resolve() == ROOT.resolve() and (ROOT / "Makefile").is_file():
        return "make accept"
    return f"{sys.executable} -m scenarios accept"


def accept(guide: Guide, args: argparse.Namespace) -> int:
    accepted = args.accepted
    try:
        taken = acceptance.accept(guide, args.report_dir, accepted)
    except acceptance.AcceptRefused as refused:
        return fail(str(refused), 1)
    counts = comparison.summary(taken.images)
    print(f"Jeu accepté mis à jour ({accepted}) : {counts['changed']} modifiées, {counts['new']} nouvelles, "
          f"{counts['removed']} supprimées, {counts['unchanged']} inchangées")
    print(f"Vidéos ({accepted.parent / 'videos'}) : " + (", ".join(f"{v.procedure} {comparison.VIDEO_STATUS[v.status]}"
                                                                   for v in taken.videos) or "inchangées"))
    print(f"Manifeste ({accepted / 'manifest.json'}) : ce que chaque image entoure"
          + (f", {len(taken.texts)} texte(s) d'étape modifié(s)" if taken.texts else ", textes inchangés"))
    pipeline.refresh_review(guide, args.report_dir, accepted)
    return 0


def impact(guide: Guide, args: argparse.Namespace) -> int:
    from subprocess import CalledProcessError

    from scenarios.incremental import impact as footprints

    run = Run.read(args.report_dir)
    if not any(s.touched for p in run.procedures.values() for s in p.steps):
        return fail("aucune exécution enregistrée avec ce que chaque étape utilise : lancez d'abord `make guide`")
    try:
        paths = args.paths + (footprints.changed_since(args.since) if args.since else [])
    except CalledProcessError as error:
        return fail(f"git diff {args.since} : {error.stderr.strip() or error}")
    if not paths:
        return fail("donnez des fichiers modifiés, ou --since=RÉFÉRENCE_GIT")
    print("\n".join(footprints.report(paths, run, guide, args.markdown, args.since)))
    return 0


def merge(guide: Guide, args: argparse.Namespace) -> int:
    """The shares joined into --report-dir, then published as `guide` publishes them."""
    from scenarios.commands.merge import MergeRefused
    from scenarios.commands.merge import merge as join_shares

    started = time.perf_counter()
    try:
        run = join_shares(guide, args.shares, args.report_dir, ERRATA_FILE)
    except MergeRefused as refused:
        return fail(str(refused))
    phases = {"fusion": time.perf_counter() - started}
    published = pipeline.publish(guide, run, args.report_dir, args.accepted, args.tolerance, not args.no_pdf,
                                 accept_command(), phases)
    print("\n".join(pipeline.summary(run, published, None, accept_command())))
    failed = any(p.status == "failed" for p in run.procedures.values())
    return 1 if failed or published.flawed else 0


def probe(guide: Guide, args: argparse.Namespace) -> int:
    from scenarios.commands.probe import run
    from scenarios.target.deployment import AccountsError

    try:
        return run(guide, Portal.load(Path(args.portal) if args.portal else None), vars(args))
    except (ProfileError, AccountsError) as error:
        return fail(str(error))


def guide_option(argv: list[str]) -> tuple[str | None, list[str]]:
    """`--guide=PATH` or `--guide PATH`, before or after the command, and the arguments without it."""
    for index, argument in enumerate(argv):
        if argument.startswith("--guide="):
            return argument.split("=", 1)[1], argv[:index] + argv[index + 1:]
        if argument == "--guide" and index + 1 < len(argv):
            return argv[index + 1], argv[:index] + argv[index + 2:]
    return None, argv


def main(argv: list[str] | None = None) -> int:
    option, argv = guide_option(sys.argv[1:] if argv is None else argv)
    try:  # read once, for everything the command does
        guide = Guide.find(option)
    except GuideError as error:
        return fail(str(error))
    if argv[:1] == ["mock"]:
        from mock_portal.__main__ import main as mock

        if "--open" not in argv:
            return mock(argv[1:])
        from scenarios.commands.mock_window import show

        return mock([a for a in argv[1:] if a != "--open"], on_ready=show)
    if argv[:1] == ["watch"]:
        from scenarios.incremental.watch import watch

        return watch(guide, argv[1:])
    args, extra = parser().parse_known_args(argv)
    if extra and args.command not in ("guide", "check"):  # only the guide job passes options on to pytest
        return fail(f"option inconnue pour {args.command} : {' '.join(extra)}")
    if args.command == "check":
        return run_guide(guide, parser().parse_args(["guide", "--check", f"--tolerance={args.tolerance}",
                                                     f"--report-dir={args.report_dir}",
                                                     f"--accepted={args.accepted}"]), extra)
    commands = {"probe": probe, "impact": impact, "merge": merge, "accept": accept}
    if args.command in commands:
        return commands[args.command](guide, args)
    return run_guide(guide, args, extra)
