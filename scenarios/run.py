"""Run a procedure of the guide step by step: each step's binding, its checks, then its image."""

from __future__ import annotations

import shutil
import time
import warnings
from importlib.metadata import version
from pathlib import Path

from mock_portal.harness.footprint import Footprint
from scenarios import ROOT, camera
from scenarios.actor import Actor
from scenarios.binding import Binding, OrphanBinding, UnboundStep, orphans, unbound_message
from scenarios.finding.find import one_line
from scenarios.guide import Procedure
from scenarios.results import Erratum, ProcedureResult, where
from scenarios.step import StepScope
from scenarios.target import a11y

NEW_ERRATUM_HINT = ("Si le produit a raison, corrigez guide.md ; sinon ajoutez la contradiction à docs/errata.toml "
                    "(ou relancez avec --accept-errata).")


PLAYWRIGHT = version("playwright")


class ProcedureFailed(AssertionError):
    """One line: the procedure, the step (guide.md:LINE, binding file:line), the reason, the URL."""


class Runner:
    """Runs procedures for one test: where images go, and which pages were already audited."""

    def __init__(self, folder: Path, known_errata: list[Erratum], accept_errata: bool = False,
                 audit: bool = True, footprint: Footprint | None = None, portal: str | None = None) -> None:
        self.folder = folder  # the report folder: images go to shots/ and failures/ inside it
        self.known_errata = set(known_errata)
        self.accept_errata = accept_errata
        self.audit = audit
        self.audited: set[str] = set()
        self.footprint = footprint  # the embedded mock's: what each step made it use
        self.portal = portal  # where the procedures run, in words (the verification stamp's)

    def run(self, binding: Binding, procedure: Procedure, actor: Actor, result: ProcedureResult) -> None:
        """Every step of `procedure`, in order; the first failure stops the procedure. A step without code, or
        code whose step left the guide, is a warning and a record (the doc writer's edit never fails a run)."""
        __tracebackhide__ = True
        browser = actor.page.context.browser
        result.browser = f"{browser.browser_type.name} {browser.version}, Playwright {PLAYWRIGHT}" if browser else None
        result.portal = self.portal
        shots, failures = self.folder / "shots" / procedure.id, self.folder / "failures"
        shutil.rmtree(shots, ignore_errors=True)  # no image of an earlier run passes for this one's
        shots.mkdir(parents=True)
        for stale in failures.glob(f"{procedure.id}-*.png"):
            stale.unlink()
        unbound: list[str] = []  # steps the guide gained that no code runs yet: the others still run
        for message, orphan in orphans(procedure, binding):  # shown at the binding's own line
            result.orphans.append(message)
            warnings.warn_explicit(OrphanBinding(message), OrphanBinding, str(ROOT / orphan.file), orphan.line)
        if self.footprint is not None:
            self.footprint.take()  # what an earlier test made the mock use is not this procedure's
        for step, step_result in zip(procedure.steps, result.steps, strict=True):
            bound = binding.steps.get(step.id or "")
            if bound is None:
                step_result.status, step_result.error = "unbound", unbound_message(procedure, step, binding)
                unbound.append(step_result.error)
                warnings.warn_explicit(UnboundStep(step_result.error), UnboundStep, step.file, step.line)
                continue
            actor.current = StepScope(step, step_result, actor.camera, procedure)
            started = time.perf_counter()
            try:
                with actor.page.context.tracing.group(f"Étape {step.number} : {step.text}"):
                    bound.function(actor)
                    actor.step.check_quoted_labels()
                    step_result.url = camera.redact(actor.page.url)
                    self.capture(actor, shots / f"{step.id}.png")
            except Exception as error:
                actor.register_credentials()
                step_result.status, step_result.duration = "failed", time.perf_counter() - started
                step_result.url = camera.redact(actor.page.url)
                reason = camera.redact(actor.step.explain(error) or one_line(error))
                step_result.error = reason
                step_result.failure_screenshot = self.relative(camera.failure_shot(
                    actor.page, failures / f"{procedure.id}-{step.id}.png", sorted(actor.secrets.values)))
                url_said = "" if (step_result.url or "") in reason else f" ({step_result.url})"
                result.status, result.reason = "failed", f"étape {step.number} « {step.text} » : {reason}{url_said}"
                cause = f" ; une étape précédente n'a pas de liaison, sans doute la cause : {unbound[-1]}" \
                    if unbound else ""
                raise ProcedureFailed(f"Q{procedure.question} {procedure.title}, {result.reason} "
                                      f"[{step.where}, {bound.where}]{cause}") from None
            finally:
                actor.current = None
                if self.footprint is not None:
                    step_result.touched, step_result.endpoints = self.footprint.take()
            step_result.status, step_result.duration = "passed", time.perf_counter() - started
        self.check_errata(procedure, result)
        result.status = "passed"

    def check_errata(self, procedure: Procedure, result: ProcedureResult) -> None:
        """A contradiction with the product that the reviewed list does not hold fails the procedure."""
        __tracebackhide__ = True
        new = [e for e in result.errata() if e not in self.known_errata]
        if new and not self.accept_errata:
            steps = {where(procedure.id, s.id): s for s in procedure.steps}
            lines = [f"Q{procedure.question} {procedure.title}, étape {steps[e.where].number} "
                     f"« {steps[e.where].text} » : contradiction nouvelle, {e.describe()}" for e in new]
            result.status = "failed"
            result.reason = lines[0] + (f" (et {len(lines) - 1} autre(s))" if len(lines) > 1 else "")
            raise ProcedureFailed("\n".join(lines) + "\n" + NEW_ERRATUM_HINT)

    def relative(self, path: str | None) -> str | None:
        return str(Path(path).relative_to(self.folder)) if path else None

    def capture(self, actor: Actor, path: Path) -> None:
        """Write the step's image, now that its checks passed; audit the page once per kind of page."""
        step = actor.step
        shot = step.image()
        path.write_bytes(shot.png)
        step.result.screenshot, step.result.targets = self.relative(str(path)), shot.targets
        key = a11y.page_key(camera.redact(actor.page.url))
        if self.audit and key not in self.audited:
            self.audited.add(key)
            started = time.perf_counter()
            step.result.a11y[key] = a11y.audit(actor.page)
            step.timed("a11y", started)
