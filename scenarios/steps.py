"""Binding guide steps to browser actions, and running a procedure step by step."""

from __future__ import annotations

import json
import os
import re
import time
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect

from . import a11y, selectors
from .guide import Procedure, Step, slugify
from .sim import Simulator

StepFunction = Callable[["Actor"], None]
TIMEOUT_MS = 10_000  # short enough to fail fast, long enough for a loaded 2-core machine
# What a secret shows on screenshots before it is masked: one length, so the image never varies.
SECRET_PLACEHOLDER = "x" * 10


@dataclass
class Binding:
    """The code for one procedure of the guide: its situation and one function per step."""

    question: int
    title: str
    situation: str | None
    steps: dict[str, StepFunction] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return f"q{self.question:02d}-{slugify(self.title)}"

    @property
    def seed(self) -> int:
        """A Faker seed of its own, so each procedure has the same employee on every run."""
        return zlib.crc32(self.slug.encode())

    def step(self, text: str) -> Callable[[StepFunction], StepFunction]:
        """Bind `text` (the guide's exact words) to the decorated function."""

        def register(function: StepFunction) -> StepFunction:
            if text in self.steps:
                raise ValueError(f"{self.slug}: step bound twice: {text}")
            self.steps[text] = function
            return function

        return register


BINDINGS: dict[str, Binding] = {}


def procedure(question: int, title: str, situation: str | None = "actif") -> Binding:
    binding = Binding(question, title, situation)
    BINDINGS[binding.slug] = binding
    return binding


def load_bindings() -> dict[str, Binding]:
    from . import procedures as _  # noqa: F401  (registers every binding)

    return BINDINGS


@dataclass
class LabelMatch:
    guide: str
    screen: str
    exact: bool


@dataclass
class StepResult:
    number: int
    text: str
    status: str = "not run"
    duration: float = 0.0
    screenshot: str | None = None
    target: dict[str, float] | None = None
    locator: str | None = None
    url: str | None = None
    error: str | None = None
    failure_screenshot: str | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds spent in screenshots, audit, mail
    labels: list[LabelMatch] = field(default_factory=list)
    errata: list[dict[str, str]] = field(default_factory=list)
    a11y: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class StepFailed(AssertionError):
    pass


SECRET_IN_URL = re.compile(r"(/reinitialiser/)[\w-]+")


def redact(text: str) -> str:
    """Reset tokens are masked wherever a URL or a message is reported."""
    return SECRET_IN_URL.sub(r"\1[jeton masqué]", text)


def normalise_label(text: str) -> str:
    """A label as a reader compares it: case, spacing and a trailing « ? » aside."""
    return re.sub(r"\s+", " ", text).strip().rstrip("?").strip().casefold()


class Actor:
    """The person following the guide: a browser page, the simulator and the situation."""

    def __init__(self, page: Page, sim: Simulator, sites: dict[str, str],
                 situation: dict[str, Any]) -> None:
        self.page = page
        self.sim = sim
        self.sites = sites
        self.situation = situation
        self.memory: dict[str, Any] = {}
        self.result: StepResult | None = None
        self.before_action: Shot | None = None
        self.audited: set[str] = set()
        self.audit_pages = True
        self.step_text = ""
        self.target: Locator | None = None
        page.set_default_timeout(TIMEOUT_MS)
        expect.set_options(timeout=TIMEOUT_MS)

    # ---- navigation and lookup
    def url(self, site: str, path: str = "/") -> str:
        return self.sites[site] + path

    def goto(self, site: str, path: str = "/") -> None:
        self.page.goto(self.url(site, path))

    def field(self, label: str) -> Locator:
        return self.page.get_by_label(label, exact=True)

    def show(self, locator: Locator) -> Locator:
        """Mark the element this step is about: it is outlined on the annotated screenshot."""
        self.target = locator
        return locator

    def labelled(self, label: str, roles: tuple[str, ...] = ("link", "button")) -> Locator:
        """The link or button the guide names with `label`, compared as a reader would."""
        pattern = re.compile(rf"^\s*{re.escape(label)}\s*\??\s*$", re.IGNORECASE)
        for role in roles:
            found = self.page.get_by_role(role, name=pattern)  # type: ignore[arg-type]
            if found.count():
                element = found.first
                screen = element.inner_text().strip()
                self.saw(label, screen)
                return element
        raise StepFailed(f"libellé « {label} » introuvable à l'écran ({redact(self.page.url)})")

    def click(self, label: str, roles: tuple[str, ...] = ("link", "button")) -> None:
        """Click the element the guide quotes as « label », shot first while it is on screen."""
        element = self.show(self.labelled(label, roles))
        self.before_action = shoot(self)
        element.click()

    def saw(self, label: str, screen: str) -> None:
        if self.result is not None:
            self.result.labels.append(LabelMatch(label, screen, label == screen))

    def erratum(self, kind: str, guide: str, product: str) -> None:
        """Record where the guide states something the product contradicts."""
        if self.result is not None:
            self.result.errata.append({"kind": kind, "guide": guide, "product": product})

    # ---- the employee's actions
    def log_in(self, login: str, password: str) -> None:
        self.goto("portal", selectors.PATHS["login"])
        self.field(selectors.LOGIN_FIELD).fill(login)
        self.field(selectors.PASSWORD_FIELD).fill(password)
        self.page.get_by_role("button", name=selectors.LOGIN_BUTTON).click()

    def timed(self, what: str, started: float) -> None:
        if self.result is not None:
            self.result.timings[what] = self.result.timings.get(what, 0.0) + time.perf_counter() - started

    def wait_for_mail(self, to: str, after: int) -> dict[str, Any]:
        """The next mail to `to` after mail id `after`, as it reaches the mailbox."""
        started = time.perf_counter()
        try:
            return self.sim.wait_for_mail(to, after)
        finally:
            self.timed("mail", started)

    def open_mail(self, to: str, after: int) -> dict[str, Any]:
        """Wait for the next mail to `to` and open it as the employee's mail client would."""
        mail = self.wait_for_mail(to, after)
        self.goto("portal", selectors.PATHS["mail"].format(id=mail["id"]))
        expect(self.page.get_by_role("heading", level=1)).to_have_text(mail["subject"])
        return mail


def new_results(guide: Procedure) -> list[StepResult]:
    return [StepResult(step.number, step.text) for step in guide.steps]


def run_procedure(binding: Binding, guide: Procedure, actor: Actor, shots: Path,
                  results: list[StepResult], failures: Path) -> None:
    """Run every step of `guide` with its binding; a screenshot after each step's checks pass."""
    shots.mkdir(parents=True, exist_ok=True)
    for step, result in zip(guide.steps, results, strict=True):
        actor.result, actor.target, actor.step_text, actor.before_action = result, None, step.text, None
        started = time.perf_counter()
        try:
            with actor.page.context.tracing.group(f"Étape {step.number} : {step.text}"):
                function = binding.steps.get(step.text)
                if function is None:
                    raise StepFailed("aucune liaison pour cette étape")
                function(actor)
                check_quoted_labels(step, result)
                result.url = redact(actor.page.url)
                capture(actor, step, result, shots)
        except Exception as error:
            result.status, result.duration = "failed", time.perf_counter() - started
            result.url = redact(actor.page.url)
            result.error = redact(f"{type(error).__name__}: {error}")
            result.failure_screenshot = failure_shot(actor, failures / f"{binding.slug}-{step.number:02d}.png")
            raise StepFailed(
                redact(f"{binding.slug}, étape {step.number} « {step.text} » : {error}")
            ) from None
        result.status, result.duration = "passed", time.perf_counter() - started


def check_quoted_labels(step: Step, result: StepResult) -> None:
    met = {normalise_label(match.guide) for match in result.labels}
    missing = [label for label in step.quoted if normalise_label(label) not in met]
    if missing:
        raise StepFailed("libellés cités non vérifiés à l'écran : " + ", ".join(f"« {m} »" for m in missing))


def screenshot_options(page: Page) -> dict[str, Any]:
    """The one set of screenshot options every capture uses: stable, full page, secrets masked."""
    secrets = selectors.secrets(page)
    secrets.evaluate_all("(els, text) => els.forEach(e => { e.textContent = text; })", SECRET_PLACEHOLDER)
    return {"full_page": True, "animations": "disabled", "caret": "hide", "scale": "css",
            "mask": [secrets], "mask_color": "#5b6770"}


def failure_shot(actor: Actor, path: Path) -> str | None:
    """The page as the failing step left it, for the run report (never a guide image)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        actor.page.screenshot(path=path, timeout=5_000, **screenshot_options(actor.page))
    except Exception:  # the page may be gone: the report says there is no screenshot
        return None
    return str(path)


@dataclass
class Shot:
    png: bytes
    target: dict[str, float] | None
    locator: str | None


def shoot(actor: Actor) -> Shot:
    """The page as it is now (secrets masked, no hover), with the box of the step's element."""
    page = actor.page
    started = time.perf_counter()
    page.evaluate("document.fonts.ready.then(() => true)")
    page.mouse.move(0, 0)  # no hover state left by the step's last click
    png = page.screenshot(**screenshot_options(page))
    actor.timed("screenshot", started)
    target = locator = None
    if actor.target is not None and actor.target.count() and actor.target.is_visible():
        box = actor.target.bounding_box()
        scroll_x, scroll_y = page.evaluate("[window.scrollX, window.scrollY]")
        target = box and {**box, "x": box["x"] + scroll_x, "y": box["y"] + scroll_y}  # page coordinates
        selector = re.search(r"selector='(.*)'>$", repr(actor.target))
        locator = selector[1] if selector else repr(actor.target)
    return Shot(png, target, locator)


def capture(actor: Actor, step: Step, result: StepResult, shots: Path) -> None:
    """Write the step's screenshot, now that its checks passed.

    When the step's element is gone (a click that left the page), the image is the one taken
    just before the action, where the element can be outlined.
    """
    shot = shoot(actor)
    if shot.target is None and actor.before_action is not None:
        shot = actor.before_action
    path = shots / f"{step.number:02d}-{slugify(step.text, 40)}.png"
    path.write_bytes(shot.png)
    result.screenshot, result.target, result.locator = str(path), shot.target, shot.locator
    key = a11y.page_key(redact(actor.page.url))
    if actor.audit_pages and key not in actor.audited:
        actor.audited.add(key)
        started = time.perf_counter()
        result.a11y[key] = a11y.audit(actor.page)
        actor.timed("a11y", started)


RUN_ID = "COFFRE_GUIDE_RUN"  # set by the controller for a session, inherited by xdist workers


def save_results(binding: Binding, results: list[StepResult], folder: Path, status: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{binding.slug}.json"
    path.write_text(json.dumps({
        "run": os.environ.get(RUN_ID), "slug": binding.slug, "question": binding.question, "title": binding.title,
        "status": status, "steps": [asdict(r) for r in results],
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def load_results(folder: Path) -> dict[str, dict[str, Any]]:
    """The procedures' results written by this session (all of them outside a session), by slug.

    Older files stay on disk (a unit-test run must not wipe the guide's last results) but are
    never mixed with a new run's.
    """
    run = os.environ.get(RUN_ID)
    found = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if run is None or data.get("run") == run:
            found[data["slug"]] = data
    return found
