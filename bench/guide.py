"""Time to regenerate the whole guide (procedures, screenshots, annotations, diff, HTML, PDF).

Usage: python bench/guide.py [--runs 2]   (prints the command's own phase durations for each run)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    for run in range(1, args.runs + 1):
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "scenarios", "guide"], cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - started
        phases = next((line for line in result.stdout.splitlines() if line.startswith("Durées")), "")
        print(f"run {run}: exit {result.returncode}, wall {wall:.1f} s (process start included) | {phases}")


if __name__ == "__main__":
    main()
