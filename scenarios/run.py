"""Run a procedure of the guide step by step: each step's binding, its checks, then its image."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from . import a11y, camera
from .actor import Actor, StepFailed, StepScope, normalise_label
from .binding import Binding
from .guide import Procedure, Step
from .results import ProcedureResult, StepResult


class ProcedureFailed(AssertionError):
    """One line: the procedure, the step (guide.md:LINE, binding file:line), the reason, the URL."""


class Runner:
    """Runs procedures for one test: where images go, and which pages were already audited."""

    def __init__(self, shots: Path, failures: Path, audit: bool = True) -> None:
        self.shots = shots
        self.failures = failures
        self.audit = audit
        self.audited: set[str] = set()

    def run(self, binding: Binding, guide: Procedure, actor: Actor, result: ProcedureResult) -> None:
        """Every step of `guide`, in order; the first failure stops the procedure."""
        __tracebackhide__ = True
        folder = self.shots / guide.id
        shutil.rmtree(folder, ignore_errors=True)  # no image of an earlier run passes for this one's
        folder.mkdir(parents=True)
        for stale in self.failures.glob(f"{guide.id}-*.png"):
            stale.unlink()
        for step, step_result in zip(guide.steps, result.steps, strict=True):
            bound = binding.steps[step.id or ""]
            actor.current = StepScope(step, step_result)
            started = time.perf_counter()
            try:
                with actor.page.context.tracing.group(f"Étape {step.number} : {step.text}"):
                    bound.function(actor)
                    check_quoted_labels(step, step_result)
                    step_result.url = camera.redact(actor.page.url)
                    self.capture(actor, folder / f"{step.id}.png")
            except Exception as error:
                step_result.status, step_result.duration = "failed", time.perf_counter() - started
                step_result.url = camera.redact(actor.page.url)
                reason = camera.redact(one_line(error))
                step_result.error = reason
                step_result.failure_screenshot = camera.failure_shot(
                    actor.page, self.failures / f"{guide.id}-{step.id}.png")
                result.status, result.reason = "failed", reason
                raise ProcedureFailed(
                    f"Q{guide.question} {guide.title}, étape {step.number} « {step.text} » : {reason} "
                    f"({step_result.url}) [{step.where}, {bound.where}]") from None
            finally:
                actor.current = None
            step_result.status, step_result.duration = "passed", time.perf_counter() - started
        result.status = "passed"

    def capture(self, actor: Actor, path: Path) -> None:
        """Write the step's image, now that its checks passed; audit the page once per kind of page.

        When the step's element is gone (a click that left the page), the image is the one taken
        just before the action, where the element can be outlined.
        """
        scope = actor.scope
        started = time.perf_counter()
        shot = camera.shoot(actor.page, scope.target)
        actor.timed("screenshot", started)
        if shot.target is None and scope.before_action is not None:
            shot = scope.before_action
        path.write_bytes(shot.png)
        result = scope.result
        result.screenshot, result.target, result.locator = str(path), shot.target, shot.locator
        key = a11y.page_key(camera.redact(actor.page.url))
        if self.audit and key not in self.audited:
            self.audited.add(key)
            started = time.perf_counter()
            result.a11y[key] = a11y.audit(actor.page)
            actor.timed("a11y", started)


def one_line(error: BaseException) -> str:
    """The error's first line, without Playwright's call log."""
    text = str(error).strip() or type(error).__name__
    return text.split("\nCall log:", 1)[0].replace("\n", " ").strip()


def check_quoted_labels(step: Step, result: StepResult) -> None:
    met = {normalise_label(match.guide) for match in result.labels}
    missing = [label for label in step.quoted if normalise_label(label) not in met]
    if missing:
        raise StepFailed("libellés cités non vérifiés à l'écran : " + ", ".join(f"« {m} »" for m in missing))
