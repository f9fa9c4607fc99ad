"""Client of the mock's simulator (`/_sim/api`): situations, clock, payroll runs, captured mail."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import APIRequestContext, Error, Playwright


class SimulatorError(RuntimeError):
    pass


class Simulator:
    """Talks to `/_sim/api` of a mock portal started in simulation mode, through Playwright's request API."""

    def __init__(self, request: APIRequestContext, portal_url: str) -> None:
        self.request = request
        self.portal_url = portal_url.rstrip("/")

    @classmethod
    def connect(cls, playwright: Playwright, portal_url: str, trust: bool = False) -> Simulator:
        """A client of the simulator at `portal_url`; `trust`: its certificate was checked already."""
        api = playwright.request.new_context(base_url=portal_url.rstrip("/") + "/_sim/api/", timeout=10_000,
                                             ignore_https_errors=trust)
        return cls(api, portal_url)

    def close(self) -> None:
        self.request.dispose()

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None,
              params: dict[str, str | float | bool] | None = None) -> Any:
        response = self.request.fetch(path, method=method, data=body, params=params)
        if not response.ok:
            raise SimulatorError(f"{method} {path}: {response.status} {response.text()[:200]!r}")
        return response.json()

    def available(self) -> bool:
        return self.problem() is None

    def problem(self) -> str | None:
        """Why the simulator does not answer (one line), or None."""
        try:
            self._call("GET", "clock")
        except (Error, SimulatorError) as error:
            return str(error).split("\n", 1)[0]
        return None

    def reset_clock(self) -> str:
        return self._call("POST", "clock", {"reset": True})["now"]

    def reset(self) -> str:
        """Empty the whole mock (employers, employees, documents, mails), the clock at its start."""
        return self._call("POST", "reset")["now"]

    def advance(self, minutes: float) -> str:
        return self._call("POST", "clock", {"advance_minutes": minutes})["now"]

    def situation(self, name: str, seed: int) -> dict[str, Any]:
        return self._call("POST", f"situations/{name}", {"seed": seed})

    def deposit(self, employer_id: int, period: str) -> dict[str, int]:
        return self._call("POST", f"employers/{employer_id}/payroll", {"period": period})

    def employee(self, employee_id: int) -> dict[str, Any]:
        return self._call("GET", f"employees/{employee_id}")

    def mails(self, to: str | None = None, after: int = 0) -> list[dict[str, Any]]:
        params: dict[str, str | float | bool] = {"after": after}
        if to:
            params["to"] = to
        return self._call("GET", "mail", params=params)

    def last_mail_id(self) -> int:
        mails = self.mails()
        return mails[-1]["id"] if mails else 0
