"""The employee a procedure plays: who they are (the simulator's or QA's account) and how they log in now."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Employee:
    """What the guide's procedures ask of the employee: names, identity on file, employer, as at the start."""

    identifier: str = ""
    password: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    employer: str = ""
    birth_city: str = ""
    birth_month: int = 0
    mobile: str = ""
    private_number: str = ""
    employee_id: int = 0  # the simulator's records (its back office, its letters); 0 for a real account
    employer_id: int = 0
    provisional_password: str | None = None
    refusal_reference: str | None = None
    second_vault: Employee | None = None  # the other vault of a person with two

    @classmethod
    def of(cls, record: dict[str, Any]) -> Employee:
        """From the simulator's situation or an account table (keys it does not know are left aside)."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in record.items() if k in known and v is not None}
        if isinstance(values.get("second_vault"), dict):
            values["second_vault"] = cls.of(values["second_vault"])
        return cls(**values)

    @property
    def names(self) -> tuple[str, str]:
        """First and last name, as the account or the simulator gives them."""
        return self.first_name, self.last_name

    @property
    def full_name(self) -> str:
        """The employee's name as the portal shows it (top right)."""
        return " ".join(self.names).strip()

    def passwords(self) -> list[str]:
        """Every password the record holds (its second vault's too): secrets of the run."""
        found = [p for p in (self.password, self.provisional_password) if p]
        return found + (self.second_vault.passwords() if self.second_vault else [])


@dataclass
class Credentials:
    """How the employee logs in now: procedures change these as the guide's steps do."""

    identifier: str
    password: str
    email: str
    provisional: str | None = None

    @classmethod
    def of(cls, employee: Employee) -> Credentials:
        return cls(employee.identifier, employee.password, employee.email)
