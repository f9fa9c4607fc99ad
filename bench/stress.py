"""The scenario suite, run again and again: counts failing runs and tests (should be zero).

Usage: python bench/stress.py [--runs 20] [--hog]   (--hog keeps one core busy meanwhile)
Bounded by --runs; each run is `pytest scenarios/guide.md -n 2` in random order.
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import subprocess
import sys
import time
from pathlib import Path


def hog(stop: multiprocessing.synchronize.Event) -> None:  # type: ignore[name-defined]
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--hog", action="store_true", help="a CPU hog on one core during the runs")
    args = parser.parse_args()
    stop = multiprocessing.Event()
    hogger = multiprocessing.Process(target=hog, args=(stop,), daemon=True) if args.hog else None
    if hogger:
        hogger.start()
    failed_runs = failed_tests = 0
    durations = []
    try:
        for run in range(1, args.runs + 1):
            started = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "pytest", "scenarios/guide.md", "-n", "2", "-q", "-p", "randomly",
                 "--no-a11y", "-o", "addopts=--output=test-results/stress --tracing=retain-on-failure"],
                capture_output=True, text=True)
            durations.append(time.perf_counter() - started)
            summary = re.search(r"(\d+) failed", result.stdout)
            failed_tests += int(summary[1]) if summary else 0
            failed_runs += result.returncode != 0
            if result.returncode:  # keep what the failing run said, for the note
                Path(f"test-results/stress-run-{run}.txt").write_text(result.stdout[-20000:])
            last = [line for line in result.stdout.splitlines() if " passed" in line or " failed" in line]
            print(f"run {run:>2}: exit {result.returncode}, {durations[-1]:.1f} s, {last[-1] if last else '?'}",
                  flush=True)
    finally:
        stop.set()
    print(f"runs {args.runs}, failed runs {failed_runs}, failed tests {failed_tests}, "
          f"CPU hog {'on' if args.hog else 'off'}, mean {sum(durations) / len(durations):.1f} s per run")


if __name__ == "__main__":
    main()
