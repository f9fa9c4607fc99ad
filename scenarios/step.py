"""The step being run: what it shows, what it saw, what it left (its result and its image)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator

from scenarios import results
from scenarios.camera import Camera, Shot
from scenarios.finding import find
from scenarios.guide import Procedure, Step
from scenarios.results import Erratum, LabelMatch, StepResult


class StepFailed(AssertionError):
    """A step of the guide could not be carried out; the message says why, in French."""


def is_playwright(error: BaseException) -> bool:
    """An action that timed out or a check of `expect` that failed (its message starts « Locator expected »)."""
    return isinstance(error, PlaywrightError) or str(error).startswith(("Locator expected", "Page expected"))


@dataclass
class StepScope:
    """A step of the guide as it runs: its words, its result, the elements its image is about (in the guide's
    order), the page before a click that left it, and what it looked for, to say what was sought if it fails."""

    step: Step
    result: StepResult
    camera: Camera
    procedure: Procedure  # the step's procedure, as the guide says it (its other steps, its screens)
    targets: list[Locator] = field(default_factory=list)
    before_action: Shot | None = None
    left_from: str | None = None  # the page's address when the last click began, until the step marks anew
    picture: Shot | None = None  # the step's image, taken when the binding said so
    sought: list[tuple[Locator, find.Sought]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.step.text

    @property
    def where(self) -> str:
        """procedure/step ids, as the errata list names the step."""
        return results.where(self.procedure.id, self.step.id)

    def quote(self, index: int = 0) -> str:
        """The `index`-th label the step quotes in « »."""
        return self.step.quoted[index]

    def show(self, *locators: Locator, keep: bool = False) -> Locator:
        """Mark the elements this step is about, in the guide's order: each gets a numbered callout on the
        annotated screenshot. `keep` adds them to those already marked; returns the last one."""
        self.targets = [*(self.targets if keep else []), *locators]
        self.left_from = None  # marked on the page as it is now: that page is the image's
        return locators[-1]

    def shoot(self, fallback: Shot | None = None) -> Shot:
        """The page as it is now, with the marked elements, counted in the step's screenshot time (`fallback`
        when none of them is on the page any more)."""
        started = time.perf_counter()
        shot = self.camera.shoot(self.targets, fallback)
        self.timed("screenshot", started)
        return shot

    def keep_before_action(self) -> None:
        """The page as it is before a click that may leave it: the image, should the element be gone."""
        self.before_action = self.shoot()
        self.left_from = self.camera.page.url

    def take_picture(self) -> None:
        """The step's image is the page as it is now, with its marked elements (not the page it ends on)."""
        self.picture = self.shoot()

    def no_callout(self, reason: str) -> None:
        """Declare that the step's image outlines nothing, and why (the guide shows the reason)."""
        self.result.no_callout = reason

    def said(self, message: str) -> None:
        """What the portal said after an action of the step (recorded, never compared with a wording)."""
        self.result.said.append(message)

    def saw(self, label: str, screen: str) -> None:
        self.result.labels.append(LabelMatch(label, screen, label == screen))

    def erratum(self, found: Erratum) -> None:
        """Record where the guide states something the product contradicts."""
        self.result.errata.append(found.at(self.where))

    def timed(self, what: str, started: float) -> None:
        timings = self.result.timings
        timings[what] = timings.get(what, 0.0) + time.perf_counter() - started

    def remember(self, locator: Locator, sought: find.Sought) -> None:
        self.sought.append((locator, sought))

    def explain(self, error: BaseException) -> str | None:
        """For an action or a check of Playwright's that failed: what was sought, what the page offers and what
        to change when it found nothing or too much; the element, then Playwright's words, when it is there."""
        if not self.sought or not is_playwright(error):
            return None
        locator, sought = self.sought[-1]
        return sought.explain(self.camera.page, locator) or f"{sought.what} : {find.one_line(error)}"

    def image(self) -> Shot:
        """The step's image, once its checks passed: the picture it took, else the page now; the page before
        its last click when the element is gone. It outlines something, or says why not."""
        left = self.left_from is not None and self.camera.page.url != self.left_from
        # A click that left the page ends the step's moment: the page before it, even where a locator of the
        # step finds something alike on the next page (a form's field and the login's, say).
        shot = self.picture or (self.before_action if left and self.before_action else
                                self.shoot(fallback=self.before_action))
        if not shot.targets and not self.result.no_callout:
            raise StepFailed("l'image de l'étape n'entoure aucun élément : marquez-le (actor.step.show) "
                             "ou dites pourquoi (actor.step.no_callout)")
        return shot

    def check_quoted_labels(self) -> None:
        """Every label the step quotes was met on screen."""
        met = {find.normalise(match.guide) for match in self.result.labels}
        missing = [label for label in self.step.quoted if find.normalise(label) not in met]
        if missing:
            raise StepFailed("libellés cités non vérifiés à l'écran : " + ", ".join(f"« {m} »" for m in missing))
