"""`make guide` when little changed, against a full run, on a copy of the project (the checkout is not touched).

Usage: python bench/incremental.py [--runs 3]
Prints, best of --runs each: a full run (--full), a run with nothing changed, and a run after one template
changed (one rendered by a single procedure, one by five), with the procedures each ran.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = {"change_password.html (Q3)": "mock_portal/templates/portal/change_password.html",
             "profile.html (5 procédures)": "mock_portal/templates/portal/profile.html"}


def copy(to: Path) -> Path:
    for package in ("mock_portal", "scenarios"):
        shutil.copytree(ROOT / package, to / package, ignore=shutil.ignore_patterns("__pycache__"))
    (to / "docs").mkdir()
    shutil.copytree(ROOT / "docs" / "screenshots", to / "docs" / "screenshots")
    shutil.copyfile(ROOT / "docs" / "errata.toml", to / "docs" / "errata.toml")
    shutil.copyfile(ROOT / "pyproject.toml", to / "pyproject.toml")
    return to


def guide(project: Path, *options: str) -> tuple[float, int]:
    """Wall seconds of `python -m scenarios guide OPTIONS` (process start included) and procedures run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COFFRE_GUIDE_")}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "scenarios", "guide", *options], cwd=project, capture_output=True,
                          text=True, env={**env, "PYTHONPATH": str(project)})
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stdout[-3000:] + done.stderr[-2000:])
    ran = len(re.findall(r"^\.*✓", done.stdout, re.MULTILINE))
    return wall, ran


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coffre-guide-bench-") as folder:
        project = copy(Path(folder))
        full = min(guide(project, "--full") for _ in range(args.runs))
        print(f"full run (--full)          : {full[0]:5.1f} s, {full[1]} procedures")
        same = min(guide(project) for _ in range(args.runs))
        print(f"nothing changed            : {same[0]:5.1f} s, {same[1]} procedures "
              f"({same[0] / full[0]:.2f} of a full run)")
        for said, template in TEMPLATES.items():
            page = project / template
            original = page.read_text(encoding="utf-8")
            times = []
            for run in range(args.runs):
                page.write_text(original + f"{{# bench {run} #}}\n", encoding="utf-8")
                times.append(guide(project))
            page.write_text(original, encoding="utf-8")
            guide(project)  # back to the recorded state
            best = min(times)
            print(f"one template: {said:<27}: {best[0]:5.1f} s, {best[1]} procedures ({best[0] / full[0]:.2f})")


if __name__ == "__main__":
    main()
