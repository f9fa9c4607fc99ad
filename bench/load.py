"""Load on the mock over loopback: N employees log in, browse their payslips and download one.

Prints throughput, p50/p99 latency and errors. Bounded: a fixed number of rounds per employee.
Usage: python bench/load.py [--employees 20] [--rounds 10]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import ssl
import statistics
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from playwright.sync_api import sync_playwright

from mock_portal.harness.stage import Stage
from scenarios.target.simulator import Simulator

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def employee_session(base: str, employee: dict, rounds: int, ca: Path) -> tuple[list[float], int]:
    """One employee: log in, then `rounds` times vault -> payslips -> year -> payslip -> PDF (over https)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                         urllib.request.HTTPSHandler(context=ssl.create_default_context(cafile=ca)))
    latencies: list[float] = []
    errors = 0

    def call(path: str, data: dict | None = None) -> str:
        nonlocal errors
        started = time.perf_counter()
        try:
            body = urllib.parse.urlencode(data).encode() if data else None
            # Over https, Flask-WTF checks that a form comes from the site itself, as a browser says (Referer).
            request = urllib.request.Request(base + path, data=body, headers={"Referer": base + path})
            with opener.open(request, timeout=30) as response:
                content = response.read()
        except Exception:
            errors += 1
            return ""
        finally:
            latencies.append(time.perf_counter() - started)
        return content.decode("utf-8", "replace") if not content.startswith(b"%PDF") else ""

    login_page = call("/")
    token = TOKEN.search(login_page)
    call("/", {"login": employee["identifier"], "password": employee["password"],
               "csrf_token": token[1] if token else ""})
    for _ in range(rounds):
        call("/coffre/")
        call("/coffre/bulletins-de-paie")
        year = call("/coffre/bulletins-de-paie/2026")
        document = re.search(r'href="(/coffre/documents/\d+)"', year)
        if document is None:
            errors += 1
            continue
        call(document[1])
        call(document[1] + "/fichier?telecharger=1")
    return latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    with Stage(tempfile.mkdtemp(prefix="bench-load-"), public_names=False) as stage:
        base = stage.address("portal")
        os.environ["NODE_EXTRA_CA_CERTS"] = str(stage.ca_path)  # the driver trusts the mock's test CA
        with sync_playwright() as playwright:
            sim = Simulator.connect(playwright, base)
            employees = [sim.situation("actif", seed=1000 + i) for i in range(args.employees)]
            sim.close()
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.employees) as pool:
            outcomes = list(pool.map(lambda e: employee_session(base, e, args.rounds, stage.ca_path), employees))
        elapsed = time.perf_counter() - started
    latencies = sorted(latency for lat, _ in outcomes for latency in lat)
    errors = sum(err for _, err in outcomes)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"employees (concurrent)   {args.employees}")
    print(f"requests                 {len(latencies)}")
    print(f"errors                   {errors}")
    print(f"wall time                {elapsed:.2f} s")
    print(f"throughput               {len(latencies) / elapsed:.1f} requests/s")
    print(f"latency p50              {statistics.median(latencies) * 1000:.1f} ms")
    print(f"latency p99              {p99 * 1000:.1f} ms")


if __name__ == "__main__":
    main()
