"""Doc writers' command: `python -m scenarios guide` runs every procedure of the guide and
writes its screenshots, results, coverage and errata under reports/guide/."""

from __future__ import annotations

import argparse
import sys

import pytest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenarios", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    guide = sub.add_parser("guide", help="run every procedure and write reports/guide/")
    guide.add_argument("--question", type=int, action="append", help="only this question (repeatable)")
    guide.add_argument("--headed", action="store_true", help="show the browser")
    guide.add_argument("--base-url", help="portal to run against (default: the embedded mock)")
    guide.add_argument("-n", "--workers", default="2", help="pytest-xdist workers (default 2)")
    args = parser.parse_args(argv)
    pytest_args = ["tests/test_guide.py", "-p", "no:randomly", "-q", "-n", args.workers]
    if args.question:
        pytest_args += ["-m", " or ".join(f"q{q}" for q in args.question)]
    if args.headed:
        pytest_args.append("--headed")
    if args.base_url:
        pytest_args += ["--base-url", args.base_url]
    return int(pytest.main(pytest_args))


if __name__ == "__main__":
    sys.exit(main())
