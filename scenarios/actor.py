"""The person following the guide: a browser page, the sites, their credentials, their mail."""

from __future__ import annotations

from typing import TypeVar

from playwright.sync_api import Locator, Page

from scenarios import camera
from scenarios.camera import Camera
from scenarios.employee import Credentials, Employee
from scenarios.finding import find, pages
from scenarios.finding.find import Kind, Sought
from scenarios.finding.pages.navigation import Navigator
from scenarios.finding.portal_profile import Portal
from scenarios.secrecy import Secrets
from scenarios.step import StepFailed, StepScope
from scenarios.target.mailboxes import Mailbox
from scenarios.target.simulator import Simulator
from scenarios.target.sites import Sites

ScreenT = TypeVar("ScreenT", bound=pages.Screen)
T = TypeVar("T")
ROLES: dict[tuple[str, ...], Kind] = {("link",): "link", ("button",): "button"}


class Actor:
    """The employee of a procedure's situation, in a browser; `step` is the guide's step they are on."""

    def __init__(self, page: Page, sites: Sites, employee: Employee, simulator: Simulator | None = None,
                 mailbox: Mailbox | None = None, portal: Portal | None = None, secrets: Secrets | None = None) -> None:
        self.page, self.sites, self.employee = page, sites, employee
        self.portal = portal or Portal.load()
        self.secrets = secrets or Secrets()  # what the person types or reads that lets one in
        self.credentials = Credentials.of(employee)
        self.camera = Camera(page, self.secrets)
        self.simulator, self._mailbox = simulator, mailbox
        self.current: StepScope | None = None
        self.navigator = Navigator(page, self.portal, sites, employee.names, self.remember)

    @property
    def step(self) -> StepScope:
        if self.current is None:
            raise RuntimeError("no step is being run")
        return self.current

    @property
    def sim(self) -> Simulator:
        """The simulator, for steps of procedures that declared a need only it meets (clock, back office)."""
        return needed(self.simulator, "le simulateur : déclarez ce besoin dans bind(needs=...)")

    @property
    def mailbox(self) -> Mailbox:
        return needed(self._mailbox, "une boîte mail : déclarez le besoin « mailbox » dans bind(needs=...)")

    def register_credentials(self) -> None:
        """The passwords the employee holds now are secrets of the run (a new one, a provisional one)."""
        self.secrets.add(self.credentials.password, self.credentials.provisional)

    # ---- pages
    def remember(self, locator: Locator, sought: Sought) -> None:
        """What a page object looks for, remembered by the step being run (to say what was sought)."""
        if self.current is not None:
            self.current.remember(locator, sought)

    def on(self, screen: type[ScreenT]) -> ScreenT:
        """The current page, seen through its page object."""
        return screen(self.page, self.portal, self.remember)

    def visit(self, screen: type[ScreenT], **params: object) -> ScreenT:
        """One of the simulator's own pages, by its address."""
        self.page.goto(screen.url(self.portal, self.sites, **params))
        return self.on(screen)

    def reach(self, screen: type[ScreenT]) -> ScreenT:
        """The screen, reached as a person reaches it (pages/navigation.py)."""
        return self.navigator.reach(screen)

    def be_on(self, screen: type[ScreenT]) -> ScreenT:
        """The screen, reached unless the browser shows it already (as a person would not reload it)."""
        return self.navigator.be_on(screen)

    def arrive(self, screen: type[ScreenT]) -> ScreenT:
        """The page the last action led to, checked by its landmark (title, or its form's first field)."""
        return self.navigator.arrived(screen, "l'action de l'étape")

    def page_heading(self, words: str | tuple[str, ...]) -> Locator:
        """A heading of the page that says `words` (the guide's, or read from an earlier page)."""
        words = (words,) if isinstance(words, str) else words
        found = find.by_words(self.page, "heading", words).first
        self.step.remember(found, Sought(f"titre « {words[0]} »", "heading", words, self.step.step.where))
        return found.describe(f"titre « {words[0]} »")

    def labelled(self, label: str, roles: tuple[str, ...] = ("link", "button"), record: bool = True) -> Locator:
        """The link or button the guide names « label », compared as a person reads it; `record` notes the
        words the screen shows for the step's report."""
        where = self.current.step.where if self.current else "guide.md"
        found, shown = find.labelled(self.page, ROLES.get(roles, "control"), label, where,
                                     camera.redact(self.page.url))
        if record:
            self.step.saw(label, shown)
        return found

    def click(self, label: str, roles: tuple[str, ...] = ("link", "button"), keep: bool = False) -> None:
        """Click what the guide quotes as « label », outlined on the step's image (beside those marked, `keep`)."""
        self.click_shown(self.labelled(label, roles), keep=keep)

    def click_shown(self, element: Locator, keep: bool = False) -> None:
        """Outline `element`, keep the page as it is now for the step's image, then click it."""
        self.step.show(element, keep=keep)
        self.step.keep_before_action()
        element.click()

    # ---- the employee's actions
    def log_in(self, login: str, password: str) -> None:
        self.secrets.add(password)
        screen = self.be_on(pages.Login)
        screen.identifier.fill(login)
        screen.password.fill(password)
        screen.submit.click()


def needed(what: T | None, named: str) -> T:
    if what is None:
        raise StepFailed(f"cette étape demande {named}")
    return what
