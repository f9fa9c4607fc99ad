"""Which Chromium to run: an explicit path, Playwright's own, or the system's."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

ENV_VAR = "COFFRE_GUIDE_CHROMIUM"
SYSTEM_CHROMIUMS = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome",
                    "google-chrome-stable")
# Chromium's headless shell, what Playwright itself runs headless: the same engine without the desktop
# browser around it, about half the CPU per page (Debian's chromium-headless-shell package). The
# binary itself, not /usr/bin's wrapper script, which would stay between Playwright and the browser.
SYSTEM_HEADLESS_SHELLS = ("/usr/lib/chromium/chromium-headless-shell", "chromium-headless-shell")
# Chromium stays off the network: the machines that run this have none but loopback.
OFFLINE_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--disable-domain-reliability",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,HttpsUpgrades,HttpsFirstBalancedModeAutoEnable",
    "--metrics-recording-only",
    "--no-pings",
)
# Text rendering pinned for screenshots that do not depend on the machine's settings.
RENDERING_ARGS = (
    "--font-render-hinting=none",
    "--disable-font-subpixel-positioning",
    "--disable-lcd-text",
    "--force-color-profile=srgb",
    "--hide-scrollbars",
    "--disable-gpu",
    "--disable-partial-raster",
    "--disable-skia-runtime-opts",
    "--num-raster-threads=1",
)

# Stable contexts: French locale, Paris time, fixed viewport and scale, no motion.
CONTEXT_OPTIONS: dict[str, Any] = {
    "locale": "fr-FR",
    "timezone_id": "Europe/Paris",
    "viewport": {"width": 1280, "height": 800},
    "device_scale_factor": 1,
    "reduced_motion": "reduce",
    "color_scheme": "light",
}


class BrowserNotFound(RuntimeError):
    pass


def system_chromium(headless: bool = False) -> str | None:
    """The first system Chromium (or Chrome) found on this machine; its headless shell first when headless."""
    for candidate in (*SYSTEM_HEADLESS_SHELLS, *SYSTEM_CHROMIUMS) if headless else SYSTEM_CHROMIUMS:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def executable_path(playwright_path: str | None, headless: bool = True) -> str | None:
    """The path to pass to Playwright, or None when its own browser is installed.

    Order: $COFFRE_GUIDE_CHROMIUM, Playwright's own build, the system's headless shell (headless runs),
    the system Chromium.
    """
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        if not Path(explicit).is_file():
            raise BrowserNotFound(f"{ENV_VAR}={explicit} does not exist")
        return explicit
    if playwright_path and Path(playwright_path).is_file():
        return None
    system = system_chromium(headless)
    if system is None:
        raise BrowserNotFound(
            "No Chromium found. Run `make setup`, or `python -m playwright install chromium`, "
            f"or install your distribution's chromium package, or set {ENV_VAR}."
        )
    return system


def launch_chromium(playwright: Playwright, extra_args: list[str] | None = None, **options: Any) -> Browser:
    """Chromium as the suite runs it (resolved executable, offline, pinned rendering), for tools."""
    path = executable_path(playwright.chromium.executable_path, options.get("headless", True))
    args = [*OFFLINE_ARGS, *RENDERING_ARGS, *(extra_args or [])]
    return playwright.chromium.launch(executable_path=path, args=args, **options)


@contextmanager
def printing_page() -> Iterator[Page]:
    """A page of Chromium as the suite runs it, to print the guide (started only when a print is due)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def playwright_may_have_chromium() -> bool:
    """Whether Playwright's browsers folder holds a Chromium of its own (asking Playwright starts its driver,
    about a second): see https://playwright.dev/python/docs/browsers#managing-browser-binaries."""
    folder = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if folder == "0":  # browsers inside the package
        import playwright

        folder = str(Path(playwright.__file__).parent / "driver" / "package" / ".local-browsers")
    root = Path(folder) if folder else Path.home() / ".cache" / "ms-playwright"
    return any(root.glob("chromium*"))


def playwright_chromium_path() -> str:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return playwright.chromium.executable_path


def apt_knows(package: str) -> bool:
    """Whether the distribution's package lists (as they are, no update) hold `package`."""
    return bool(shutil.which("apt-cache")) and subprocess.run(
        ["apt-cache", "show", package], capture_output=True).returncode == 0


def apt_install(*packages: str) -> list[str]:
    """Install distribution packages one by one after one `apt-get update`, as root; those installed."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get")):
        return []
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update"], check=True, env=env)
    return [package for package in packages if subprocess.run(
        ["apt-get", "install", "-y", "--no-install-recommends", package], env=env).returncode == 0]


def ensure_browser() -> str:
    """Make sure a Chromium is available, installing one if needed; say which."""
    try:
        found = executable_path(playwright_chromium_path() if playwright_may_have_chromium() else None)
    except BrowserNotFound:
        print("No Chromium found: trying `playwright install chromium`...", flush=True)
        if subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"]).returncode == 0:
            return "Playwright's own Chromium"
        print("Download failed: falling back to the distribution's chromium package.", flush=True)
        apt_install("chromium", "chromium-headless-shell")  # the shell is not in every distribution
        found = system_chromium(headless=True)
        if found:
            return found
        raise BrowserNotFound(
            "Could not install a browser. As root: apt-get update && apt-get install -y chromium "
            f"(or your distribution's equivalent), or set {ENV_VAR} to a Chromium executable."
        ) from None
    if found is None:
        return "Playwright's own Chromium"
    shell = "chromium-headless-shell"
    if found == system_chromium() and not os.environ.get(ENV_VAR) and apt_knows(shell) and apt_install(shell):
        found = system_chromium(headless=True) or found
    return found


if __name__ == "__main__":
    try:
        print(f"Browser: {ensure_browser()}")
    except BrowserNotFound as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(1) from None


def browser_key() -> str:
    """Which Chromium a run would take, without starting one: $COFFRE_GUIDE_CHROMIUM, Playwright's builds and the
    system's, each with its size and date (a new build changes them)."""
    folder = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    root = Path(folder) if folder and folder != "0" else Path.home() / ".cache" / "ms-playwright"
    candidates = [os.environ.get(ENV_VAR) or "", *sorted(str(p) for p in root.glob("chromium*"))]
    candidates += [found for name in (*SYSTEM_HEADLESS_SHELLS, *SYSTEM_CHROMIUMS) if (found := shutil.which(name))]
    seen = []
    for candidate in candidates:
        path = Path(candidate) if candidate else None
        stat = path.stat() if path is not None and path.exists() else None
        seen.append(f"{candidate}:{stat.st_size}:{stat.st_mtime_ns}" if stat else candidate)
    return hashlib.sha256("|".join(seen).encode()).hexdigest()[:16]


# ---- a browser on a Playwright browser server (`playwright launch-server` / `run-server`) -----------------

LOOPBACK = "<loopback>"  # what the server's browser reaches through the connection: the runner's own loopback


def browser_server_unreachable(endpoint: str, timeout: float = 10.0) -> str | None:
    """Why the browser server at `endpoint` (ws://host:port/...) cannot be used, in one French line; None if it
    answers."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        return f"serveur de navigateurs « {endpoint} » : une adresse ws://hôte:port/… est attendue (--browser-server)"
    try:
        with socket.create_connection((parts.hostname, parts.port or (443 if parts.scheme == "wss" else 80)),
                                      timeout=timeout):
            return None
    except OSError as error:
        return f"le serveur de navigateurs ne répond pas à {endpoint} : {error.strerror or error} (--browser-server)"


def refused_connection(endpoint: str, error: BaseException) -> str:
    """A browser server that answered but would not serve us, in one line: versions apart (client and server
    must share major.minor), or what it said."""
    from playwright._repo_version import version as client

    text = str(error)
    server = re.search(r"server version:?\s*v?(\d+\.\d+(?:\.\d+)?)", text, re.IGNORECASE)
    if server or "version mismatch" in text.lower():
        said = server[1] if server else "autre"
        return (f"serveur de navigateurs {endpoint} : Playwright {said} côté serveur, {client} ici ; il faut la même "
                "version majeure.mineure des deux côtés (image Docker mcr.microsoft.com/playwright:v" +
                ".".join(client.split(".")[:2]) + ".x)")
    first = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return f"serveur de navigateurs {endpoint} : {first.removeprefix('BrowserType.connect: ')}"
