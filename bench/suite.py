"""Whole-suite wall time and peak memory (serial and with -n 2), time per procedure, and where
the time goes (browser start, screenshots, accessibility audit, mail wait, the rest).

Usage: python bench/suite.py            (prints figures; no pass/fail)
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

from scenarios.results import Run
from scenarios.target.chromium import launch_chromium

ROOT = Path(__file__).resolve().parent.parent


def tree_rss(process: psutil.Process) -> int:
    total = 0
    for proc in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):  # a process may end while it is being read
            total += proc.memory_info().rss
    return total


def measure(args: list[str]) -> tuple[float, int, int]:
    """Wall time, peak resident memory of the whole process tree (sampled), exit code."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "pytest", *args], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    watched, peak, done = psutil.Process(process.pid), 0, threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(watched))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    done.set()
    sampler.join()
    return time.perf_counter() - started, peak, code


def browser_start() -> float:
    with sync_playwright() as playwright:
        started = time.perf_counter()
        browser = launch_chromium(playwright)
        browser.new_context().new_page().goto("about:blank")
        elapsed = time.perf_counter() - started
        browser.close()
    return elapsed


def main() -> None:
    print("whole suite (tests/)")
    for label, args in (("serial", ["-p", "no:xdist", "-q"]), ("-n 2", ["-n", "2", "-q"])):
        wall, peak, code = measure(args)
        print(f"  {label:<8} wall {wall:6.1f} s   peak memory {peak / 2**20:7.0f} MiB   exit {code}")
    wall, peak, code = measure(["scenarios/guide.md", "-n", "2", "-q", "-p", "no:randomly"])
    print(f"  guide procedures only, -n 2: wall {wall:.1f} s, peak memory {peak / 2**20:.0f} MiB, exit {code}")
    print(f"\nbrowser start (launch + first page): {browser_start():.2f} s, once per worker")
    print("\nper procedure (last run)          total  screenshots  a11y   mail  other")
    sums = {"total": 0.0, "screenshot": 0.0, "a11y": 0.0, "mail": 0.0}
    for result in sorted(Run.read(ROOT / "reports" / "run").procedures.values(), key=lambda p: p.id):
        total = sum(step.duration for step in result.steps)
        parts = {k: sum(step.timings.get(k, 0.0) for step in result.steps) for k in ("screenshot", "a11y", "mail")}
        other = total - sum(parts.values())
        sums["total"] += total
        for key, value in parts.items():
            sums[key] += value
        print(f"  {result.id[:32]:<32} {total:6.1f} {parts['screenshot']:10.1f} {parts['a11y']:6.1f} "
              f"{parts['mail']:6.1f} {other:6.1f}")
    other = sums["total"] - sums["screenshot"] - sums["a11y"] - sums["mail"]
    print(f"  {'all procedures':<32} {sums['total']:6.1f} {sums['screenshot']:10.1f} {sums['a11y']:6.1f} "
          f"{sums['mail']:6.1f} {other:6.1f}   (other: navigation, form filling, checks)")


if __name__ == "__main__":
    main()
