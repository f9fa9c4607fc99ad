"""Our step time over the floor: the procedures' own browser actions replayed by a bare Playwright script.

1. The guide's procedures run as the guide job runs them (no audit, no trace), one process, one worker,
   while this module, loaded as a pytest plugin, records every call they make to Playwright: page and
   simulator calls alike, in order.
2. A bare script replays, against a new mock in the same Chromium with the same options, only what a
   person's browser does and what the simulator is asked: navigations, clicks, fills, checks, selects, files,
   simulator requests. No check, no capture, no waiting beyond Playwright's own.
3. For each procedure: our step time (the sum of its steps in run.json) over the replay's time from its first
   step to its last, and in total, each the best of `--runs` runs. The situation's seeding, before the first
   step, is replayed untimed.
4. The floor's CPU: what the machine spent on the whole replay (mock, seeding, Chromium, Playwright's driver,
   Python), over the cores: no run of these procedures, even without a check, a capture or a report, can take
   less wall time on this machine.

Usage: python bench/floor.py [--runs 3]   (prints figures; no pass/fail. Run it on an otherwise idle machine.)
"""

from __future__ import annotations

import argparse
import base64
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from scenarios.commands.cli import JOB_OPTIONS

ROOT = Path(__file__).resolve().parent.parent
RECORD = "COFFRE_GUIDE_FLOOR_RECORD"  # where the plugin writes what it recorded
STEP_MARK = ("Tracing", "tracingGroup")  # the runner opens one group per step of the guide
WORDS = re.compile(r"""([\s"'<>=/?&:;,.()]+)""")
ANSWER = ("Simulator", "answer")  # what the simulator answered: secrets a new mock makes anew are told apart
# What a person's browser does, and what the simulator is asked: everything else is ours (checks, captures).
REPLAYED = {("Frame", m) for m in ("goto", "click", "fill", "check", "uncheck", "selectOption", "setInputFiles",
                                   "press", "type", "hover", "dblclick")} | {("APIRequestContext", "fetch")}


# ---- 1. the recorder: a pytest plugin (`-p floor`) -------------------------------------------------------

calls: list[tuple[str, str, dict[str, Any]]] = []
recorded: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}


def pytest_configure(config: pytest.Config) -> None:
    from playwright._impl import connection

    send = connection.Connection.send_message_to_server

    def recording(self: Any, target: Any, method: str, params: Any, options: Any) -> Any:
        key = (target._type, method)
        if key in REPLAYED or key == STEP_MARK:
            calls.append((*key, params))
        return send(self, target, method, params, options)

    connection.Connection.send_message_to_server = recording  # type: ignore[method-assign]

    from scenarios.target.simulator import Simulator

    call = Simulator._call

    def answered(self: Simulator, *args: Any, **kwargs: Any) -> Any:
        result = call(self, *args, **kwargs)
        calls.append((*ANSWER, {"json": result}))
        return result

    Simulator._call = answered  # type: ignore[method-assign]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    calls.clear()
    try:
        return (yield)
    finally:
        from scenarios.plugin.collect import PROCEDURE

        procedure = item.stash.get(PROCEDURE, None)  # the guide's procedures, collected from guide.md
        if procedure is not None:
            recorded[procedure.id] = list(calls)


def pytest_unconfigure(config: pytest.Config) -> None:
    if os.environ.get(RECORD):
        Path(os.environ[RECORD]).write_text(json.dumps(recorded), encoding="utf-8")


# ---- 2. the bare replay ------------------------------------------------------------------------------------

def differences(recorded: Any, now: Any, found: dict[str, str]) -> None:
    """Where the new mock's answer differs from the recorded one (passwords, tokens, identifiers it draws at
    random): recorded text -> new text, to use in the actions that follow."""
    if isinstance(recorded, dict) and isinstance(now, dict):
        for key in recorded.keys() & now.keys():
            differences(recorded[key], now[key], found)
    elif isinstance(recorded, list) and isinstance(now, list):
        for old, new in zip(recorded, now, strict=False):
            differences(old, new, found)
    elif isinstance(recorded, str) and isinstance(now, str) and recorded != now:
        old, new = WORDS.split(recorded), WORDS.split(now)  # whole words: a token is never half the same
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "replace" and i2 - i1 == j2 - j1:
                found.update((a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True) if len(a) >= 4)


def renewed(text: str, found: dict[str, str]) -> str:
    for old, new in found.items():
        text = text.replace(old, new)
    return text


def replay_call(page: Any, api: Any, kind: str, method: str, params: dict[str, Any], found: dict[str, str]) -> Any:
    if kind == "APIRequestContext":  # the simulator's client: paths relative to its /_sim/api/
        body = json.loads(renewed(params["jsonData"], found)) if params.get("jsonData") else None
        query = {p["name"]: renewed(p["value"], found) for p in params.get("params") or []}
        return api.fetch(renewed(params["url"], found), method=params.get("method", "GET"), data=body, params=query)
    if method == "goto":
        page.goto(renewed(params["url"], found))
        return None
    target = page.locator(params["selector"])
    if method == "fill":
        target.fill(renewed(params["value"], found))
    elif method == "type":
        target.press_sequentially(params["text"])
    elif method == "press":
        target.press(params["key"])
    elif method == "selectOption":
        options = params.get("options") or []
        if any("label" in o for o in options):
            target.select_option(label=[o["label"] for o in options])
        else:
            target.select_option([o.get("valueOrLabel") or o.get("value") for o in options])
    elif method == "setInputFiles":
        target.set_input_files([{"name": f["name"], "mimeType": f["mimeType"],
                                 "buffer": base64.b64decode(f["buffer"])}
                                for f in params.get("payloads") or []])
    else:  # click, dblclick, check, uncheck, hover
        getattr(target, method)()
    return None


def replay(actions: dict[str, list[Any]]) -> dict[str, float]:
    """Seconds from each procedure's first step to its last, replayed bare against a new mock."""
    from playwright.sync_api import sync_playwright

    from mock_portal.harness.stage import Stage
    from scenarios.finding import find
    from scenarios.target.chromium import CONTEXT_OPTIONS, launch_chromium
    from scenarios.target.sites import Sites

    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as work, Stage(work) as stage:
        os.environ["NODE_EXTRA_CA_CERTS"] = str(stage.ca_path)  # the simulator's requests trust the mock
        sites = Sites.guide_hosts(stage.address("portal"), stage.host_resolver_rules, stage.spki)
        with sync_playwright() as playwright:
            find.register_engines(playwright)  # the procedures' own selectors (`guide=`, `newest=`) replay as they ran
            browser = launch_chromium(playwright, [f"--host-resolver-rules={sites.host_resolver_rules}",
                                                   f"--ignore-certificate-errors-spki-list={sites.spki}"])
            api = playwright.request.new_context(base_url=stage.address("portal") + "/_sim/api/")
            for procedure, procedure_calls in actions.items():
                context = browser.new_context(**CONTEXT_OPTIONS)
                page = context.new_page()
                started, answer, found = None, None, {}
                for kind, method, params in procedure_calls:
                    if (kind, method) == STEP_MARK:
                        started = started or time.perf_counter()
                    elif (kind, method) == ANSWER:
                        differences(params["json"], answer.json() if answer else None, found)
                    else:
                        try:
                            answer = replay_call(page, api, kind, method, params, found)
                        except Exception as error:
                            raise SystemExit(f"{procedure}: the replay of {kind}.{method} {params} failed: "
                                             f"{str(error).splitlines()[0]} (substituted: {found})") from None
                times[procedure] = time.perf_counter() - (started or time.perf_counter())
                context.close()
            api.dispose()
            browser.close()
    return times


# ---- 3. the figures ----------------------------------------------------------------------------------------

def ours(folder: Path) -> tuple[dict[str, list[Any]], dict[str, float]]:
    """Run the guide's procedures as the guide job does, recording their calls; their step times."""
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, RECORD: str(folder / "calls.json"), "PYTHONPATH": str(ROOT / "bench")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "scenarios/guide.md", "-m", "guide", "-p", "floor", "-p", "no:randomly",
         "-p", "no:xdist", "-p", "no:cacheprovider", "-q", *JOB_OPTIONS,
         f"--report-dir={folder / 'run'}", f"--junitxml={folder / 'junit.xml'}"],
        cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"the procedures failed (exit {result.returncode}):\n{result.stdout[-2000:]}")
    run = json.loads((folder / "run" / "run.json").read_text(encoding="utf-8"))
    steps = {pid: sum(s["duration"] or 0 for s in p["steps"]) for pid, p in run["procedures"].items()}
    return json.loads((folder / "calls.json").read_text(encoding="utf-8")), steps


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent since it started, every process (Linux's /proc/stat)."""
    ticks = [int(field) for field in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs of ours and of the bare replay; the fastest "
                                                           "of each procedure is kept, on both sides")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        runs = [ours(Path(work) / str(run)) for run in range(args.runs)]
    actions = runs[0][0]
    steps = {pid: min(run[1][pid] for run in runs) for pid in actions}
    floors, cpu = [], []
    for _ in range(args.runs):
        before = busy_seconds()
        floors.append(replay(actions))
        cpu.append(busy_seconds() - before)
    floor = {pid: min(run[pid] for run in floors) for pid in actions}
    print(f"{'procedure':45s} {'ours':>7s} {'floor':>7s} {'ratio':>6s}  actions replayed")
    for pid in actions:
        replayed = sum(1 for kind, method, _ in actions[pid] if (kind, method) != STEP_MARK)
        print(f"{pid:45s} {steps[pid]:6.2f}s {floor[pid]:6.2f}s {steps[pid] / floor[pid]:5.2f}x  {replayed}")
    total_ours, total_floor = sum(steps[p] for p in actions), sum(floor.values())
    print(f"{'total':45s} {total_ours:6.2f}s {total_floor:6.2f}s {total_ours / total_floor:5.2f}x")
    cores = os.cpu_count() or 1
    print(f"floor CPU: {min(cpu):.1f} s for the whole replay (mock, seeding, Chromium, driver, Python), so at least "
          f"{min(cpu) / cores:.1f} s of wall on {cores} cores before any check, capture or report")


if __name__ == "__main__":
    main()
