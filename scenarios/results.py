"""Step and procedure results: made by the runner, carried by pytest's reports, written once per run."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .guide import Procedure
from .guide import procedures as guide_procedures
from .known_errata import Erratum, where

RUN_FILE = "run.json"

# What a procedure's status is called, in the terminal and in every report.
STATUS = {"passed": "réussie", "failed": "en échec", "skipped": "ignorée", "not run": "non sélectionnée"}


@dataclass
class LabelMatch:
    guide: str
    screen: str
    exact: bool


@dataclass
class StepResult:
    id: str | None
    number: int
    text: str
    line: int
    status: str = "not run"  # passed, failed, not run
    duration: float = 0.0
    screenshot: str | None = None
    targets: list[dict[str, Any]] = field(default_factory=list)  # box and label of each element outlined
    no_callout: str | None = None  # why the image outlines nothing, when the binding says so
    url: str | None = None
    error: str | None = None
    failure_screenshot: str | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds spent in screenshots, audit, mail
    labels: list[LabelMatch] = field(default_factory=list)
    errata: list[dict[str, str]] = field(default_factory=list)
    a11y: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass
class ProcedureResult:
    id: str
    question: int
    title: str
    status: str = "not run"  # passed, failed, skipped, not run
    steps: list[StepResult] = field(default_factory=list)
    reason: str | None = None  # why it failed or was skipped
    ran_at: str | None = None  # when the run that produced this result started
    browser: str | None = None  # the browser build that took its images
    attempts: int = 1  # 2 when its first attempt failed and it ran again (--reruns)

    @classmethod
    def for_guide(cls, guide: Procedure) -> ProcedureResult:
        return cls(guide.id, guide.question, guide.title,
                   steps=[StepResult(s.id, s.number, s.text, s.line) for s in guide.steps])

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProcedureResult:
        steps = [StepResult(**{**s, "labels": [LabelMatch(**m) for m in s["labels"]]}) for s in data["steps"]]
        return cls(**{**data, "steps": steps})

    @property
    def passed_steps(self) -> int:
        return sum(1 for s in self.steps if s.status == "passed")

    def errata(self) -> list[Erratum]:
        return [Erratum(where(self.id, s.id), e["kind"], e["guide"], e["product"])
                for s in self.steps for e in s.errata]


@dataclass
class Run:
    """What one pytest session found: each procedure's result and the checks of the guide's other pages."""

    started: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    procedures: dict[str, ProcedureResult] = field(default_factory=dict)
    errata: list[dict[str, str]] = field(default_factory=list)  # of the guide's other pages: place, where
    checked: list[str] = field(default_factory=list)  # the other pages checked (their `where`)
    selection: list[int] | None = None  # the questions a partial run ran; None for a full run
    guide: str | None = None  # guide.md's fingerprint when the run started: its results say nothing of another
    new_errata: list[dict[str, str]] = field(default_factory=list)
    fixed_errata: list[dict[str, str]] = field(default_factory=list)
    added_errata: list[dict[str, str]] = field(default_factory=list)  # new ones that --accept-errata listed

    def add_errata(self, place: str, where: str, found: list[dict[str, str]]) -> None:
        self.checked.append(where)
        for erratum in found:
            self.errata.append({**erratum, "place": place, "where": where})

    def found_errata(self) -> list[Erratum]:
        found = [Erratum(e["where"], e["kind"], e["guide"], e["product"]) for e in self.errata]
        return found + [e for p in self.procedures.values() for e in p.errata()]

    @property
    def ran(self) -> set[str]:
        """The steps (procedure/step) that passed in this run and the other pages it checked."""
        steps = {where(p.id, s.id) for p in self.procedures.values() for s in p.steps if s.status == "passed"}
        return steps | set(self.checked)

    def in_guide_order(self) -> list[ProcedureResult]:
        """The results in the guide's order, whichever worker finished first: the same run, the same outputs."""
        order = {procedure.id: index for index, procedure in enumerate(guide_procedures())}
        return sorted(self.procedures.values(), key=lambda p: order.get(p.id, len(order)))

    def collected_errata(self) -> list[dict[str, str]]:
        """Every contradiction once, with all the places it was found."""
        everything = list(self.errata)
        for p in self.in_guide_order():
            for s in p.steps:
                everything += [{**e, "place": f"Q{p.question} « {p.title} », étape {s.number}"} for e in s.errata]
        merged: dict[tuple[str, str, str], dict[str, str]] = {}
        for e in everything:
            entry = merged.setdefault((e["kind"], e["guide"], e["product"]), {**e, "places": ""})
            entry["places"] = "; ".join(filter(None, [entry["places"], e["place"]]))
            entry.pop("place", None)
            entry.pop("where", None)
        return list(merged.values())

    def approximate_labels(self) -> list[dict[str, str]]:
        """Quoted labels found on screen only once case, spacing or a trailing « ? » were set aside."""
        found: dict[tuple[str, str], dict[str, str]] = {}
        for p in self.procedures.values():
            for s in p.steps:
                for m in s.labels:
                    if not m.exact:
                        entry = found.setdefault((m.guide, m.screen), {"guide": m.guide, "screen": m.screen,
                                                                        "places": ""})
                        place = f"Q{p.question} « {p.title} », étape {s.number}"
                        entry["places"] = "; ".join(filter(None, [entry["places"], place]))
        return list(found.values())

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / RUN_FILE
        data = {**asdict(self), "procedures": {k: v.as_dict() for k, v in self.procedures.items()}}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    @classmethod
    def read(cls, folder: Path) -> Run:
        """The run written in `folder`; an empty run if there is none."""
        path = folder / RUN_FILE
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        procedures = {k: ProcedureResult.from_dict(v) for k, v in data.pop("procedures").items()}
        return cls(**data, procedures=procedures)
