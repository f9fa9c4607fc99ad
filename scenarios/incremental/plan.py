"""`make guide` redoes only what changed: a procedure runs again when something its last verified result
depends on changed (scenarios/incremental/inputs.py); every other one keeps that result, its images and its date. With
nothing to run, the guide and its reports are written again from the last results, without a browser."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scenarios.errata import LAST_PAGE
from scenarios.guide import Guide
from scenarios.incremental import inputs
from scenarios.plugin.session import write
from scenarios.procedures import load_bindings
from scenarios.results import STATUS, ProcedureResult, Run


@dataclass
class Plan:
    """The procedures to run (in the guide's order, then its last page) and why, and those whose last verified
    result holds."""

    run: dict[str, list[str]] = field(default_factory=dict)
    reused: list[ProcedureResult] = field(default_factory=list)


def plan(guide: Guide, last: Run, folder: Path, context: inputs.Context) -> Plan:
    """What changed for each procedure of the guide since its last verified result in `folder`."""
    found = Plan()
    for procedure in guide.procedures:
        result = last.procedures.get(procedure.id)
        if result is None or result.status != "passed" or not result.inputs:
            found.run[procedure.id] = ["pas encore exécutée" if result is None else
                                       "ses entrées ne sont pas connues" if result.status == "passed" else
                                       f"{STATUS[result.status]} la dernière fois"]
            continue
        if any(s.screenshot and not (folder / s.screenshot).is_file() for s in result.steps):
            found.run[procedure.id] = ["ses captures ne sont plus là"]
            continue
        changed = inputs.changed(result.inputs, context.of(procedure, result))
        if changed:
            found.run[procedure.id] = changed
        else:
            found.reused.append(result)
    if last.last_page != inputs.last_page(guide):
        found.run[LAST_PAGE] = ["son texte a changé" if last.last_page else "pas encore vérifiée"]
    elif found.run:  # its check is one page: it runs with the procedures, in case they share what changed
        found.run[LAST_PAGE] = ["vérifiée avec les procédures relancées"]
    return found


def reuse_all(guide: Guide, last: Run, folder: Path, errata_file: Path) -> Run:
    """Every procedure's last result holds: the run written again for the guide as it is now, no browser."""
    run = Run(guide=guide.fingerprint)
    run.merge(last, guide, reused=True)
    write(guide, run, folder, errata_file, False, load_bindings(), {})
    return run
