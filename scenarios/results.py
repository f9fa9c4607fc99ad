"""The run's records, one vocabulary from the runner to the reports: steps, procedures, errata, manifest
entries, coverage rows and their statuses (to and from JSON: records.py)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar
from zoneinfo import ZoneInfo

from pydantic import TypeAdapter

from scenarios.guide import Guide, Procedure

RUN_FILE = "run.json"
PARIS = ZoneInfo("Europe/Paris")  # where the team reads the times

Status = Literal["passed", "failed", "skipped", "not run"]  # a procedure's
StepStatus = Literal["passed", "failed", "not run", "unbound"]
# What a status is called, in the terminal and in every report (the templates read these).
STATUS: dict[str, str] = {"passed": "réussie", "failed": "en échec", "skipped": "ignorée",
                          "not run": "non sélectionnée"}
STEP_STATUS: dict[str, str] = {"passed": "réussie", "failed": "en échec", "not run": "non exécutée",
                               "unbound": "sans liaison"}


def in_paris(stamp: str) -> str:
    """A run's time (ISO, UTC) as the French team reads it: « le 07/12/2026 à 23:12 » (Paris time)."""
    return datetime.fromisoformat(stamp).astimezone(PARIS).strftime("le %d/%m/%Y à %H:%M")


def where(procedure_id: str, step_id: str | None) -> str:
    """The `where` of a step: procedure/step ids, as docs/errata.toml lists it."""
    return f"{procedure_id}/{step_id}"


@dataclass(frozen=True)
class Erratum:
    """A fact the guide states that the product contradicts: its kind, both wordings, the step or page of the
    guide (`where`, ids as docs/errata.toml has them) and, in words, the places it was found."""

    kind: str
    guide: str
    product: str
    where: str = ""
    places: str = field(default="", compare=False)

    def at(self, where: str, places: str = "") -> Erratum:
        return replace(self, where=where, places=places)

    def describe(self) -> str:
        return f"{self.kind} : le guide dit « {self.guide} », le produit « {self.product} » ({self.where})"


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
    status: StepStatus = "not run"
    duration: float = 0.0
    screenshot: str | None = None
    targets: list[dict[str, Any]] = field(default_factory=list)  # box and label of each element outlined
    no_callout: str | None = None  # why the image outlines nothing, when the binding says so
    url: str | None = None
    error: str | None = None
    failure_screenshot: str | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds spent in screenshots, audit, mail
    labels: list[LabelMatch] = field(default_factory=list)
    said: list[str] = field(default_factory=list)  # what the portal said after the step's actions
    errata: list[Erratum] = field(default_factory=list)
    a11y: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    touched: list[str] = field(default_factory=list)  # the portal's files (templates, static) used for it
    endpoints: list[str] = field(default_factory=list)  # the portal's endpoints it requested (site:endpoint)


@dataclass
class ProcedureResult:
    id: str
    question: int
    title: str
    status: Status = "not run"
    steps: list[StepResult] = field(default_factory=list)
    reason: str | None = None  # why it failed or was skipped
    ran_at: str | None = None  # when the run that produced this result started
    browser: str | None = None  # the browser build that took its images
    portal: str | None = None  # where it ran: « www.mycecurity.com (maquette, version 0.1.0+acebd13) »
    attempts: int = 1  # 2 when its first attempt failed and it ran again (--reruns)
    inputs: dict[str, str] = field(default_factory=dict)  # what its result depends on, each as a digest
    reused: bool = False  # kept from the run of `ran_at`: nothing it depends on changed since
    orphans: list[str] = field(default_factory=list)  # code whose step left the guide, ignored (in words)

    @classmethod
    def of(cls, procedure: Procedure) -> ProcedureResult:
        """A procedure of guide.md before it runs: every step « not run »."""
        return cls(procedure.id, procedure.question, procedure.title,
                   steps=[StepResult(s.id, s.number, s.text, s.line) for s in procedure.steps])

    @property
    def unbound(self) -> list[StepResult]:
        """Its steps that no code runs yet (the guide gained them): neither run nor illustrated."""
        return [s for s in self.steps if s.status == "unbound"]

    @property
    def passed_steps(self) -> int:
        return sum(1 for s in self.steps if s.status == "passed")

    def errata(self) -> list[Erratum]:
        return [e for s in self.steps for e in s.errata]

    @property
    def retried(self) -> str | None:
        """A second attempt: passed on it, the test is flaky and the run fails (--fail-on-flaky); else steady."""
        if self.attempts < 2:
            return None
        if self.status == "passed":
            return f"à la tentative {self.attempts}, instable : la suite échoue"
        return f"{self.attempts} tentatives"

    def place(self, step: StepResult) -> str:
        return f"Q{self.question} « {self.title} », étape {step.number}"

    def in_words(self, procedure: Procedure) -> ProcedureResult:
        """Reused, with the guide's words as they are now (a reworded step: the same ids and quoted labels)."""
        now = {step.id: step for step in procedure.steps}
        return replace(self, title=procedure.title, reused=True, steps=[
            replace(s, text=now[s.id].text, number=now[s.id].number, line=now[s.id].line) if s.id in now else s
            for s in self.steps])

    @property
    def reuse_note(self) -> str | None:
        """« reprise : entrées inchangées depuis le 06/12/2026 à 10:38 » (Paris time) for a reused result."""
        when = in_paris(self.ran_at) if self.ran_at else "lors"
        return f"reprise : entrées inchangées depuis {when}" if self.reused else None


@dataclass
class ManifestEntry:
    """A guide step's image in the run: what it shows and outlines, where its files are, what drew them."""

    procedure: str
    question: int
    title: str
    id: str | None
    step: int
    text: str
    status: StepStatus
    targets: list[dict[str, Any]]
    no_callout: str | None
    plain: str | None
    annotated: str | None = None
    crop: str | None = None
    drawn_from: str | None = None  # the key of its sources: the same key, the same files
    sha256: str | None = None

    @property
    def name(self) -> str:
        return f"{self.procedure}/{self.id}.png"

    @property
    def caption(self) -> str:
        return f"Q{self.question} « {self.title} », étape {self.step} : {self.text}"


@dataclass
class CoverageRow:
    """A procedure of the guide in a run: its steps, how many are bound and passed, its status."""

    question: int
    procedure: str
    id: str
    steps: int
    bound: int
    passed: int
    status: Status
    reason: str | None
    ran_at: str | None
    retried: str | None
    reused: str | None = None  # « reprise : entrées inchangées depuis le … »


@dataclass
class Run:
    """What one pytest session found: each procedure's result and the checks of the guide's other pages."""

    started: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    procedures: dict[str, ProcedureResult] = field(default_factory=dict)
    errata: list[Erratum] = field(default_factory=list)  # of the guide's other pages, with their place
    checked: list[str] = field(default_factory=list)  # the other pages checked (their `where`)
    last_page: str | None = None  # the digest of the guide's last page as it was checked
    selection: list[int] | None = None  # the questions a partial run ran; None for a full run
    guide: str | None = None  # guide.md's fingerprint when the run started: its results say nothing of another
    new_errata: list[Erratum] = field(default_factory=list)
    fixed_errata: list[Erratum] = field(default_factory=list)
    added_errata: list[Erratum] = field(default_factory=list)  # new ones that --accept-errata listed

    def add_errata(self, where: str, found: list[Erratum]) -> None:
        self.checked.append(where)
        self.errata += found

    def found_errata(self) -> list[Erratum]:
        return self.errata + [e for p in self.procedures.values() for e in p.errata()]

    @property
    def ran(self) -> set[str]:
        """The steps (procedure/step) that passed in this run and the other pages it checked."""
        steps = {where(p.id, s.id) for p in self.procedures.values() for s in p.steps if s.status == "passed"}
        return steps | set(self.checked)

    def arrange(self, guide: Guide) -> None:
        """The results in the guide's order, whichever worker finished first: the same run, the same outputs."""
        order = {procedure.id: index for index, procedure in enumerate(guide.procedures)}
        self.procedures = dict(sorted(self.procedures.items(), key=lambda item: order.get(item[0], len(order))))

    def collected_errata(self) -> list[Erratum]:
        """Every contradiction once, with all the places it was found."""
        everything = list(self.errata) + [e.at(e.where, p.place(s)) for p in self.procedures.values()
                                          for s in p.steps for e in s.errata]
        merged: dict[tuple[str, str, str], Erratum] = {}
        for e in everything:
            key = (e.kind, e.guide, e.product)
            earlier = merged[key].places if key in merged else ""
            merged[key] = e.at("", "; ".join(filter(None, [earlier, e.places])))
        return list(merged.values())

    def approximate_labels(self) -> list[dict[str, str]]:
        """Quoted labels found on screen only once case, spacing or a trailing « ? » were set aside."""
        places: dict[tuple[str, str], list[str]] = {}
        for p in self.procedures.values():
            for s in p.steps:
                for m in (m for m in s.labels if not m.exact):
                    places.setdefault((m.guide, m.screen), []).append(p.place(s))
        return [{"guide": guide, "screen": screen, "places": "; ".join(found)}
                for (guide, screen), found in places.items()]

    def merge(self, earlier: Run, guide: Guide, reused: bool = False) -> None:
        """A partial run (`selection`) keeps, for what it did not run, the `earlier` run's results, in the guide's
        order; `reused`: results whose inputs did not change since (scenarios/incremental/plan.py), marked so, in
        the `guide`'s words."""
        now = {p.id: p for p in guide.procedures}
        kept = {k: p.in_words(now[k]) if reused else p for k, p in earlier.procedures.items()
                if k not in self.procedures and (k in now or not reused)}
        self.procedures = {**kept, **self.procedures}
        self.arrange(guide)
        if not self.checked:  # the guide's other pages, as the earlier run checked them
            self.errata, self.checked, self.last_page = earlier.errata, earlier.checked, earlier.last_page

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / RUN_FILE).write_bytes(adapter(Run).dump_json(self, indent=1))

    @classmethod
    def read(cls, folder: Path) -> Run:
        """The run written in `folder`; an empty run if there is none."""
        return read(folder / RUN_FILE, Run, cls())


# ---- the records to and from JSON, one way for all: pydantic's TypeAdapter, which checks types (a status outside
# its Literal fails) on the way in.

T = TypeVar("T")
ADAPTERS: dict[str, TypeAdapter[Any]] = {}  # a cache: building one costs a few milliseconds


def adapter(kind: Any) -> TypeAdapter[Any]:
    """pydantic's reader and writer of a record type (built once per type)."""
    key = repr(kind)
    if key not in ADAPTERS:
        ADAPTERS[key] = TypeAdapter(kind)
    return ADAPTERS[key]


def to_data(record: Any) -> Any:
    """A record as JSON-ready data (what travels in a pytest report, or is written)."""
    return adapter(type(record)).dump_python(record, mode="json")


def from_data(kind: type[T], data: Any) -> T:
    """A record read back from JSON data, checked against its type (a status outside its Literal fails)."""
    return adapter(kind).validate_python(data)


def read(path: Path, kind: type[T], default: T) -> T:
    """The record written at `path`; `default` when there is none, or when it cannot be read as one (written by
    another version, or cut short): what reads it then starts afresh, and says so."""
    if not path.is_file():
        return default
    try:
        found: T = adapter(kind).validate_json(path.read_bytes())
    except ValueError as error:  # pydantic's ValidationError is one
        print(f"attention : {path} illisible ({str(error).splitlines()[0]}), ignoré", file=sys.stderr)
        return default
    return found
