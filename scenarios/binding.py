"""Bindings: the code behind each step of the guide, found by the step's id (`bind(procedure_id)` declares
one, `@binding.step(step_id)` binds a function to a step)."""

from __future__ import annotations

import inspect
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scenarios import ROOT
from scenarios.guide import Guide, Procedure, Step

if TYPE_CHECKING:
    from scenarios.actor import Actor
    from scenarios.finding.pages import Screen

StepFunction = Callable[["Actor"], None]


class GuideDrift(UserWarning):
    """The guide was edited and its code not yet: a step without code, or code whose step left the guide. Never
    a failure by itself (the doc writer's edit stands); a warning for the developers, at the line to change."""


class UnboundStep(GuideDrift):
    """A step of the guide that no code runs yet: the procedure's other steps run and keep their images."""


class OrphanBinding(GuideDrift):
    """Code bound to a step that left the guide: ignored until a developer removes it."""


@dataclass(frozen=True)
class BoundStep:
    function: StepFunction
    file: str
    line: int
    on: type[Screen] | None = None  # the screen the step acts on, whose labels it quotes (what the probe checks)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Binding:
    """The code for one procedure of the guide: its situation and one function per step id."""

    procedure_id: str
    situation: str | None
    module: str
    needs: tuple[str, ...] = ()  # beyond an account: mailbox, clock, back-office, support-inbox, destructive
    steps: dict[str, BoundStep] = field(default_factory=dict)

    @property
    def seed(self) -> int:
        """A Faker seed of its own, so each procedure has the same employee on every run."""
        return zlib.crc32(self.procedure_id.encode())

    def step(self, step_id: str, on: type[Screen] | None = None) -> Callable[[StepFunction], StepFunction]:
        """Bind the guide's step `{#step_id}` to the decorated function; `on`: the screen whose controls it
        names in « », for the probe to look for them there before any run."""

        def register(function: StepFunction) -> StepFunction:
            if step_id in self.steps:
                raise ValueError(f"{self.procedure_id}: step {step_id} bound twice")
            file, line = caller()
            self.steps[step_id] = BoundStep(function, file, line, on)
            return function

        return register


def caller() -> tuple[str, int]:
    """Where the code that called our caller stands: the binding's file (from the project root) and line."""
    frame = inspect.currentframe()
    assert frame is not None and frame.f_back is not None and frame.f_back.f_back is not None
    code = frame.f_back.f_back
    return relative(code.f_code.co_filename), code.f_lineno


def relative(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return path


def bind(procedure_id: str, situation: str | None = "actif", needs: tuple[str, ...] = ()) -> Binding:
    """Declare the binding of the guide's procedure `{#procedure_id}`, played by an employee in `situation`,
    with what else it `needs` from the portal under test (see scenarios/target/deployment.py)."""
    module, _ = caller()
    return Binding(procedure_id, situation, module, needs)


def unbound_message(procedure: Procedure, step: Step, binding: Binding | None) -> str:
    """One line: where the step is, which module to edit, and the closest bound step."""
    module = binding.module if binding else "scenarios/procedures/"
    what = f"l'étape {step.number} « {step.text} »"
    if step.id is None:
        head = f"{step.where}: {what} n'a pas d'identifiant {{#...}} ni de liaison"
    else:
        head = f"{step.where}: {what} {{#{step.id}}} n'a pas de liaison"
    hint = closest(procedure, step, binding)
    return f"{head} : ajoutez-la dans {module}" + (f" ({hint})" if hint else "")


def closest(procedure: Procedure, step: Step, binding: Binding | None) -> str:
    """A binding whose step id left the guide (likely this step's), else the nearest bound neighbour."""
    if binding is None:
        return ""
    ids = {s.id for s in procedure.steps}
    orphans = [(i, b) for i, b in binding.steps.items() if i not in ids]
    if orphans:
        step_id, bound = orphans[0]
        return f"la liaison {{#{step_id}}} en {bound.where} n'a plus d'étape : est-ce celle-ci ?"
    neighbours = sorted(procedure.steps, key=lambda s: (abs(s.number - step.number), s.number))
    for other in neighbours:
        if other.id in binding.steps:
            return f"étape liée la plus proche : {other.number} {{#{other.id}}}, {binding.steps[other.id].where}"
    return ""


def coverage_errors(guide: Guide, bindings: dict[str, Binding], procedures: list[Procedure] | None = None) -> list[str]:
    """Every step of the guide's `procedures` (all by default) without a binding and every binding without a step,
    one line each."""
    procedures = guide.procedures if procedures is None else procedures
    errors = []
    for procedure in procedures:
        binding = bindings.get(procedure.id)
        errors += [unbound_message(procedure, s, binding) for s in procedure.steps
                   if binding is None or s.id not in binding.steps]
    known = {p.id: {s.id for s in p.steps} for p in procedures}
    targets = known.keys() | {p.id for p in guide.procedures}
    errors += [f"{s.where}: le renvoi « {label} » pointe vers #{target}, qui n'est pas une procédure du guide"
               for p in procedures for s in p.steps for label, target in s.links if target not in targets]
    for procedure_id, binding in bindings.items():
        for step_id, bound in binding.steps.items():
            if step_id not in known.get(procedure_id, set()):
                errors.append(f"{bound.where}: la liaison {{#{step_id}}} de {procedure_id} n'a pas d'étape "
                              "dans guide.md : remettez l'identifiant à son étape ou retirez la liaison")
    return errors


def procedure_errors(guide: Guide, procedure: Procedure, bindings: dict[str, Binding]) -> list[str]:
    """Every unbound step and orphan binding of one procedure, and its cross-references that lead nowhere."""
    return coverage_errors(guide, {k: v for k, v in bindings.items() if k == procedure.id}, [procedure])


def orphans(procedure: Procedure, binding: Binding) -> list[tuple[str, BoundStep]]:
    """Bindings whose step left the guide: ignored by a run (the doc writer removed a step), one line each, in
    the doc writer's words, for the developer who removes them, with where they are."""
    ids = {s.id for s in procedure.steps}
    return [(f"Q{procedure.question} « {procedure.title} » : l'étape {{#{step_id}}} a quitté le guide ; son code "
             f"({bound.where}) est ignoré, à retirer par les développeurs", bound)
            for step_id, bound in binding.steps.items() if step_id not in ids]


def quoted_on_screens(guide: Guide, bindings: dict[str, Binding]) -> dict[type[Screen], list[tuple[Procedure, Step]]]:
    """Per screen, the guide's steps that act on it and quote its controls (the bindings' `on`), in the guide's
    order: what the probe looks for on each screen."""
    found: dict[type[Screen], list[tuple[Procedure, Step]]] = {}
    for procedure in guide.procedures:
        binding = bindings.get(procedure.id)
        for step in procedure.steps:
            bound = binding.steps.get(step.id or "") if binding else None
            if bound is not None and bound.on is not None and step.quoted:
                found.setdefault(bound.on, []).append((procedure, step))
    return found


def broken_links(guide: Guide, procedure: Procedure) -> list[str]:
    """Cross-references of the procedure's steps that lead to no procedure of the guide."""
    targets = {p.id for p in guide.procedures}
    return [f"{s.where}: le renvoi « {label} » pointe vers #{target}, qui n'est pas une procédure du guide"
            for s in procedure.steps for label, target in s.links if target not in targets]
