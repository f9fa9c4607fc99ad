"""`coffre-guide watch` (`make watch`): on every save in mock_portal/, scenarios/ or guide.md, say what the change
touches (impact.py), run `coffre-guide guide` again, which redoes only that (plan.py), and keep
reports/guide/review.html fresh: open it once, it reloads itself.

Each run is a process of its own: a change to Python code is read again (then every procedure runs); a change
to a template or to a step's words runs what used it (or, for words, only writes the documents again).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from watchfiles import Change, DefaultFilter
from watchfiles import watch as changes

from scenarios.guide import Guide
from scenarios.incremental import impact
from scenarios.plugin.defaults import GUIDE_REPORTS, ROOT
from scenarios.results import Run

CODE = (ROOT / "mock_portal", ROOT / "scenarios")
SOURCES = (".py", ".html", ".css", ".js", ".md", ".toml", ".sql", ".woff2", ".txt")


class Sources(DefaultFilter):
    """Source files only: not the reports, the caches, an editor's swap files."""

    def __call__(self, change: Change, path: str) -> bool:
        return super().__call__(change, path) and path.endswith(SOURCES)


PROGRESS = ("✓ ", "✗ ", "- Dernière", "↺ ", "Relancées")  # the guide job's lines per procedure


def run_guide(guide: Guide, extra: list[str]) -> int:
    """The guide job, said in a few lines: a line per procedure, then its summary (not pytest's sections, which
    the run report holds)."""
    command = [sys.executable, "-m", "scenarios", f"--guide={guide.path}", "guide", "--no-pdf", "--live", *extra]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) as job:
        assert job.stdout is not None
        for line in brief(job.stdout):
            print(line, end="", flush=True)
    return job.returncode


def brief(lines: Iterable[str]) -> Iterator[str]:
    """The progress lines, then everything from the job's summary on."""
    summary = False
    for line in lines:
        summary = summary or line.startswith("Procédures réussies")
        if summary or line.startswith(PROGRESS):
            yield line


def watch(guide: Guide, extra: list[str]) -> int:
    """Run once, then again at every change, until Ctrl+C; each run reads `guide`'s file again."""
    sources = (*CODE, guide.path)
    watched = ", ".join(impact.name(str(path)) for path in sources)
    print(f"Surveillance de {watched} ; revue : {GUIDE_REPORTS / 'review.html'} (elle se recharge seule). "
          "Ctrl+C pour arrêter.", flush=True)
    run_guide(guide, extra)
    try:
        for batch in changes(*sources, watch_filter=Sources(), debounce=400):
            paths = sorted({str(Path(path)) for _, path in batch})
            now = Guide.read(guide.path)  # the words as saved, which the impact compares with the last run's
            print("\nModifié : " + "\n".join(impact.report(paths, Run.read(GUIDE_REPORTS), now)), flush=True)
            run_guide(guide, extra)
    except KeyboardInterrupt:
        pass
    return 0
