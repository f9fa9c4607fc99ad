"""The person following the guide: a browser page, the sites, the simulator, their credentials."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, TypeVar

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect

from . import camera, find, pages
from .camera import Shot
from .find import Kind, Sought
from .guide import Step
from .mailboxes import Mailbox
from .portal import Portal
from .results import LabelMatch, StepResult
from .secrets import Secrets
from .sim import Simulator
from .sites import Site, Sites

ScreenT = TypeVar("ScreenT", bound=pages.Screen)


def one_line(error: BaseException) -> str:
    """The error's first line, without Playwright's call log."""
    text = str(error).strip() or type(error).__name__
    return text.split("\nCall log:", 1)[0].replace("\n", " ").strip()


def is_playwright(error: BaseException) -> bool:
    """An action that timed out or a check of `expect` that failed (its message starts « Locator expected »)."""
    return isinstance(error, PlaywrightError) or str(error).startswith(("Locator expected", "Page expected"))


class StepFailed(AssertionError):
    """A step of the guide could not be carried out; the message says why, in French."""


@dataclass
class Credentials:
    """How the employee logs in now: procedures change these as the guide's steps do."""

    identifier: str
    password: str
    email: str
    provisional: str | None = None

    @classmethod
    def of(cls, situation: dict[str, Any]) -> Credentials:
        return cls(situation.get("identifier") or "", situation.get("password") or "", situation.get("email") or "")


@dataclass
class StepScope:
    """The step being run: its guide text, its result, and the element its image is about."""

    step: Step
    result: StepResult
    targets: list[Locator] = field(default_factory=list)
    before_action: Shot | None = None  # the page just before a click that left it
    picture: Shot | None = None  # the step's image, taken when the binding said so
    sought: list[tuple[Locator, Sought]] = field(default_factory=list)  # what the step looked for, in order


normalise_label = find.normalise
ROLES: dict[tuple[str, ...], Kind] = {("link",): "link", ("button",): "button"}


class Actor:
    """The person following the guide; the runner tells it which step it is on (`current`)."""

    def __init__(self, page: Page, sites: Sites, situation: dict[str, Any], simulator: Simulator | None = None,
                 mailbox: Mailbox | None = None, portal: Portal | None = None, secrets: Secrets | None = None) -> None:
        self.page = page
        self.sites = sites
        self.portal = portal or Portal.load()
        self.secrets = secrets or Secrets()  # what the person types or reads that lets one in
        self.situation = situation
        self.credentials = Credentials.of(situation)
        self.simulator = simulator
        self._mailbox = mailbox
        self.current: StepScope | None = None

    @property
    def sim(self) -> Simulator:
        """The simulator, for steps of procedures that declared a need only it meets (clock, back office)."""
        if self.simulator is None:
            raise StepFailed("cette étape demande le simulateur : déclarez ce besoin dans procedure(needs=...)")
        return self.simulator

    @property
    def mailbox(self) -> Mailbox:
        if self._mailbox is None:
            raise StepFailed("cette étape lit une boîte mail : déclarez le besoin « mailbox » dans procedure(...)")
        return self._mailbox

    # ---- the step being run
    @property
    def scope(self) -> StepScope:
        if self.current is None:
            raise RuntimeError("no step is being run")
        return self.current

    @property
    def step_text(self) -> str:
        return self.scope.step.text

    def quote(self, index: int = 0) -> str:
        """The `index`-th label the current step quotes in « »."""
        return self.scope.step.quoted[index]

    def show(self, *locators: Locator, keep: bool = False) -> Locator:
        """Mark the elements this step is about, in the guide's order: each gets a numbered callout on the
        annotated screenshot. `keep` adds them to those already marked; returns the last one."""
        self.scope.targets = [*(self.scope.targets if keep else []), *locators]
        return locators[-1]

    def shoot(self, fallback: Shot | None = None) -> Shot:
        """The page as it is now, with the step's marked elements, counted in the step's screenshot time
        (`fallback` when none of them is on the page any more)."""
        started = time.perf_counter()
        shot = camera.shoot(self.page, self.scope.targets, fallback)
        self.timed("screenshot", started)
        return shot

    def take_picture(self) -> None:
        """The step's image is the page as it is now, with its marked elements (not the page it ends on)."""
        self.scope.picture = self.shoot()

    def no_callout(self, reason: str) -> None:
        """Declare that the step's image outlines nothing, and why (the guide shows the reason)."""
        self.scope.result.no_callout = reason

    def saw(self, label: str, screen: str) -> None:
        self.scope.result.labels.append(LabelMatch(label, screen, label == screen))

    def erratum(self, kind: str, guide: str, product: str) -> None:
        """Record where the guide states something the product contradicts."""
        self.scope.result.errata.append({"kind": kind, "guide": guide, "product": product})

    def timed(self, what: str, started: float) -> None:
        timings = self.scope.result.timings
        timings[what] = timings.get(what, 0.0) + time.perf_counter() - started

    @property
    def names(self) -> tuple[str, str]:
        """First and last name, as the account or the simulator gives them."""
        return str(self.situation.get("first_name", "")), str(self.situation.get("last_name", ""))

    @property
    def full_name(self) -> str:
        """The employee's name as the portal shows it (top right)."""
        return " ".join(self.names).strip()

    def register_credentials(self) -> None:
        """The passwords the employee holds now are secrets of the run (a new one, a provisional one)."""
        self.secrets.add(self.credentials.password, self.credentials.provisional)

    # ---- what the step looks for, to say what was sought when it fails
    def remember(self, locator: Locator, sought: Sought) -> None:
        if self.current is not None:
            self.current.sought.append((locator, sought))

    def explain(self, error: BaseException) -> str | None:
        """For an action or a check of Playwright's that failed: what was sought, what the page offers and what
        to change when it found nothing or too much; the element, then Playwright's words, when it is there."""
        if self.current is None or not self.current.sought or not is_playwright(error):
            return None
        locator, sought = self.current.sought[-1]
        problem = sought.explain(self.page, locator)
        if problem is not None:
            return problem
        return f"{sought.what} : {one_line(error)}"

    @property
    def where_quoted(self) -> str:
        return self.current.step.where if self.current else "guide.md"

    def page_heading(self, words: str | tuple[str, ...]) -> Locator:
        """A heading of the page that says `words` (the guide's, or read from an earlier page)."""
        words = (words,) if isinstance(words, str) else words
        found = find.by_words(self.page, "heading", words).first
        self.remember(found, Sought(f"titre « {words[0]} »", "heading", words, self.scope.step.where))
        return found.describe(f"titre « {words[0]} »")

    # ---- pages
    def on(self, screen: type[ScreenT]) -> ScreenT:
        """The current page, seen through its page object."""
        return screen(self.page, self.portal, self.remember)

    def path_of(self, screen: type[pages.Screen], **params: object) -> str:
        return (screen.fixed_path or self.portal.path_of(screen.key)).format(**params)

    def visit(self, screen: type[ScreenT], **params: object) -> ScreenT:
        self.goto(screen.site, self.path_of(screen, **params))
        return self.on(screen)

    def be_on(self, screen: type[ScreenT]) -> ScreenT:
        """The screen, visited unless the browser shows it already (as a person would not reload it)."""
        if self.page.url.split("?")[0].split("#")[0] != self.sites.url(screen.site, self.path_of(screen)):
            return self.visit(screen)
        return self.on(screen)

    def arrive(self, screen: type[ScreenT]) -> ScreenT:
        """The page the last action led to, checked by its title (the profile's [titles])."""
        found = self.on(screen)
        expect(found.title).to_be_visible()
        return found

    def goto(self, site: Site, path: str = "/") -> None:
        self.page.goto(self.sites.url(site, path))

    def labelled(self, label: str, roles: tuple[str, ...] = ("link", "button"), record: bool = True) -> Locator:
        """The link or button the guide names with `label`, compared as a person reads it (one of links that
        lead to the same place); `record` notes the words the screen shows for the step's report."""
        kind = ROLES.get(roles, "control")
        found = find.by_words(self.page, kind, (label,))
        names = found.evaluate_all(f"els => els.map({find.SHOWN})")
        if len(names) > 1:
            shown_names = ", ".join("« " + " ".join(n.split()) + " »" for n in names[:4])
            raise StepFailed(f"libellé « {label} » ambigu : {len(names)} éléments qui mènent à des endroits "
                             f"différents ({shown_names}) ; "
                             f"à préciser : {self.where_quoted} (le guide) ou le portail "
                             f"({camera.redact(self.page.url)})")
        shown = names[0] if names else None
        if shown is None:  # the guide's words are on no link or button: say which are, and where the words are
            near = find.closest(self.page, kind, (label,))
            raise StepFailed(f"libellé « {label} » introuvable à l'écran"
                             + (f" ; les plus proches : {', '.join(f'« {n} »' for n in near)}" if near else "")
                             + f" ; à changer : {self.where_quoted} (le guide) ou le portail"
                             + f" ({camera.redact(self.page.url)})")
        if record:
            self.saw(label, " ".join(shown.split()))  # its words as the screen shows them
        return found.describe(f"« {label} »")

    def click(self, label: str, roles: tuple[str, ...] = ("link", "button"), keep: bool = False) -> None:
        """Click the element the guide quotes as « label », shot first while it is on screen (beside the
        elements already marked, with `keep`)."""
        self.click_shown(self.labelled(label, roles), keep=keep)

    def click_shown(self, element: Locator, keep: bool = False) -> None:
        """Outline `element` (beside those marked, with `keep`), keep the page as it is now for the step's
        image, then click it."""
        self.show(element, keep=keep)
        self.scope.before_action = self.shoot()
        element.click()

    # ---- the employee's actions
    def log_in(self, login: str, password: str) -> None:
        self.secrets.add(password)
        screen = self.be_on(pages.Login)
        screen.identifier.fill(login)
        screen.password.fill(password)
        screen.submit.click()

    def wait_for_mail(self, to: str) -> dict[str, Any]:
        """The next mail to `to` since the mailbox was marked."""
        started = time.perf_counter()
        try:
            mail = self.mailbox.next(to)
        finally:
            self.timed("mail", started)
        self.secrets.add_from_mail(f"{mail.get('text_body') or ''}\n{mail.get('html_body') or ''}")
        return mail

    def open_mail(self, to: str) -> pages.Mail:
        """Wait for the next mail to `to` and open it as the employee's mail client would."""
        mail = self.wait_for_mail(to)
        self.mailbox.show(self.page, mail)
        screen = self.on(pages.Mail)
        expect(self.page.get_by_role("heading", name=mail["subject"]).first).to_be_visible()
        return screen
