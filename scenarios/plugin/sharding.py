"""--shard K/N: a deterministic share of the tests, the guide's procedures balanced by their durations in the
accepted run (docs/durations.json, written by `coffre-guide accept`), so that every machine computes the same
shares and each procedure runs on exactly one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def durations(path: Path) -> dict[str, float]:
    """Procedure id -> seconds, as the accepted run recorded them (none known: every test counts one second)."""
    try:
        return {str(k): float(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def share(items: list[pytest.Item], k: int, n: int, known: dict[str, float]) -> list[pytest.Item]:
    """The items of share `k` of `n`: the longest first, each to the share with the least time so far (ties:
    the first share), in the collected order within each share."""
    weight = {item.nodeid: known.get(item.name, 1.0) for item in items}
    loads, assigned = [0.0] * n, {}
    for item in sorted(items, key=lambda i: (-weight[i.nodeid], i.nodeid)):
        lightest = loads.index(min(loads))
        assigned[item.nodeid] = lightest
        loads[lightest] += weight[item.nodeid]
    return [item for item in items if assigned[item.nodeid] == k - 1]
