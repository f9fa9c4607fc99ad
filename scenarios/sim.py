"""HTTP client of the mock's simulator: situations, clock, payroll runs, captured mail."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


class SimulatorError(RuntimeError):
    pass


class Simulator:
    """Talks to `/_sim/api` of a mock portal started in simulation mode."""

    def __init__(self, base_url: str, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/") + "/_sim/api"
        self.timeout = timeout

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base_url + path, data=data, method=method,
            headers={"Content-Type": "application/json"} if data else {},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            raise SimulatorError(f"{method} {path}: {error.code} {error.read()[:200]!r}") from None

    def available(self) -> bool:
        try:
            self._call("GET", "/clock")
        except (OSError, SimulatorError):
            return False
        return True

    def reset_clock(self) -> str:
        return self._call("POST", "/clock", {"reset": True})["now"]

    def advance(self, minutes: float) -> str:
        return self._call("POST", "/clock", {"advance_minutes": minutes})["now"]

    def now(self) -> str:
        return self._call("GET", "/clock")["now"]

    def situation(self, name: str, seed: int) -> dict[str, Any]:
        return self._call("POST", f"/situations/{name}", {"seed": seed})

    def deposit(self, employer_id: int, period: str) -> dict[str, int]:
        return self._call("POST", f"/employers/{employer_id}/payroll", {"period": period})

    def employee(self, employee_id: int) -> dict[str, Any]:
        return self._call("GET", f"/employees/{employee_id}")

    def mails(self, to: str | None = None, after: int = 0) -> list[dict[str, Any]]:
        query = f"?after={after}" + (f"&to={urllib.parse.quote(to)}" if to else "")
        return self._call("GET", f"/mail{query}")

    def last_mail_id(self) -> int:
        mails = self.mails()
        return mails[-1]["id"] if mails else 0

    def wait_for_mail(self, to: str, after: int = 0, timeout: float = 10.0) -> dict[str, Any]:
        """The first mail to `to` received after mail id `after`, polling until `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.mails(to, after)
            if found:
                return found[0]
            if time.monotonic() > deadline:
                raise SimulatorError(f"aucun e-mail reçu par {to} en {timeout:.0f} s")
            time.sleep(0.05)
