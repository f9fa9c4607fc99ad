"""What the portal under test offers a procedure: the simulator, QA's accounts, a test mailbox, permission to
change accounts. A procedure declares what it needs; what is missing skips it with that exact reason."""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, ValidationError

if TYPE_CHECKING:  # a procedure's binding, read for its needs and situation only
    from scenarios.binding import Binding

from scenarios.target.mailboxes import ImapMailbox, Mailbox, SimulatorMailbox
from scenarios.target.simulator import Simulator

# Each need a procedure can declare, and what a run without it is told.
NEEDS = {
    "mailbox": "pas de boîte mail de test (--mailbox)",
    "clock": "horloge non pilotable (pas de simulateur)",
    "back-office": "pas de back-office employeur (simulateur)",
    "support-inbox": "boîte mail du support non lisible (simulateur)",
    "destructive": "modifie le compte de test : relancer avec --allow-destructive",
    "refusal-site": "adresse du site de refus non donnée (--refusdemat-url)",
    "corporate-site": "adresse du site Cecurity.com non donnée (--corporate-url)",
    "own-account": "change le compte pour de bon (seul le support le rétablit) : donnez-lui un compte à part, "
                   "nommé comme la procédure, dans le fichier de comptes",
}
SIMULATOR_ONLY = frozenset({"clock", "back-office", "support-inbox"})


class AccountsError(ValueError):
    """The accounts file cannot be read; says where."""


class Account(BaseModel):
    """One table of the accounts file: what QA may write there, each key with its type."""

    model_config = ConfigDict(extra="forbid", strict=True)
    identifier: str | None = None
    password: str | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    employer: str | None = None
    birth_city: str | None = None
    birth_month: int | None = None
    mobile: str | None = None
    private_number: str | None = None
    second_vault: Account | None = None


TYPES_IN_FRENCH = {"string_type": "un texte entre guillemets", "int_type": "un nombre entier (sans guillemets)",
                   "model_type": "une table", "dict_type": "une table"}


def account_problems(name: str, table: object) -> list[str]:
    """What is wrong with one table, one phrase each: an unknown key (and the known key it resembles), a value
    of the wrong type. Never the value itself: it may be a password."""
    try:
        Account.model_validate(table)
    except ValidationError as error:
        problems = []
        for problem in error.errors():
            key = ".".join(str(part) for part in problem["loc"])
            if problem["type"] == "extra_forbidden":
                near = difflib.get_close_matches(str(problem["loc"][-1]), list(Account.model_fields), n=1)
                problems.append(f"[{name}] clé inconnue « {key} »" + (f" (voulez-vous dire « {near[0]} » ?)"
                                                                       if near else ""))
            else:
                wanted = TYPES_IN_FRENCH.get(problem["type"], problem["type"])
                problems.append(f"[{name}] {key} : {wanted} attendu")
        return problems
    return []


def load_accounts(path: Path | None) -> dict[str, dict[str, Any]]:
    """QA's test accounts, by situation (or procedure id): see docs/accounts.example.toml."""
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise AccountsError(f"fichier de comptes {path} illisible : {error}") from error
    problems = [p for name, table in data.items() for p in (account_problems(name, table) if isinstance(table, dict)
                                                             else [f"« {name} » hors de toute table [compte]"])]
    if problems:
        raise AccountsError(f"fichier de comptes {path} : " + " ; ".join(problems))
    return {name: dict(account) for name, account in data.items()}


@dataclass
class Deployment:
    """The portal under test, as far as the procedures are concerned."""

    simulator: Simulator | None = None
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)
    mailbox_url: str | None = None
    destructive: bool = False
    identifiers: dict[str, str] = field(default_factory=dict)  # each account's identifier as read this session
    sites: frozenset[str] = frozenset({"portal", "refusdemat", "corporate"})  # those whose address was given

    def missing(self, binding: Binding) -> str | None:
        """Why the procedure cannot run here, or None. The embedded mock's simulator provides everything."""
        for need, site in (("refusal-site", "refusdemat"), ("corporate-site", "corporate")):
            if need in binding.needs and site not in self.sites:
                return NEEDS[need]
        if self.simulator is not None:
            return None
        if binding.situation and self.account_for(binding) is None:
            return (f"pas de compte « {binding.situation} » (ni « {binding.procedure_id} ») dans le fichier de "
                    "comptes (--accounts)")
        for need in binding.needs:
            if need in SIMULATOR_ONLY or (need == "mailbox" and not self.mailbox_url) \
                    or (need == "destructive" and not self.destructive) \
                    or (need == "own-account" and binding.procedure_id not in self.accounts):
                return NEEDS[need]
        return None

    def account_name(self, binding: Binding) -> str:
        return binding.procedure_id if binding.procedure_id in self.accounts else binding.situation or ""

    def account_for(self, binding: Binding) -> dict[str, Any] | None:
        return self.accounts.get(self.account_name(binding))

    def remember_identifier(self, binding: Binding, identifier: str) -> None:
        """The account's identifier now (a procedure changed it, or it was read on the portal)."""
        self.identifiers[self.account_name(binding)] = identifier

    def knows_identifier(self, binding: Binding) -> bool:
        return self.account_name(binding) in self.identifiers

    def situation(self, binding: Binding, retry: bool = False) -> dict[str, Any]:
        """The employee the procedure plays: seeded by the simulator, or QA's account.

        A retry (--reruns) is seeded in an emptied mock: what its failed attempt left (an address already
        taken, an account already locked) would make it fail again, for another reason.
        """
        if self.simulator is not None:
            if retry:
                self.simulator.reset()
            else:
                self.simulator.reset_clock()
            return self.simulator.situation(binding.situation, binding.seed) if binding.situation else {}
        account = dict(self.account_for(binding) or {})
        if self.knows_identifier(binding):
            account["identifier"] = self.identifiers[self.account_name(binding)]
        return account

    def mailbox(self, portal: str) -> Mailbox | None:
        if self.simulator is not None:
            return SimulatorMailbox(self.simulator, portal)
        return ImapMailbox(self.mailbox_url) if self.mailbox_url else None
