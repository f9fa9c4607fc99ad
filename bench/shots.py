"""Screenshot throughput, side by side with shot-scraper on the same N static pages of the mock
(same viewport and scale). Prints seconds per screenshot for each and the ratio.

Usage: python bench/shots.py   (needs the `bench` extra: pip install -e '.[bench]')
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from mock_portal.harness.stage import Stage
from scenarios.camera import Camera, prepare
from scenarios.target.chromium import executable_path, launch_chromium

PAGES = [("portal", "/"), ("portal", "/identifiant-perdu"), ("portal", "/mot-de-passe-oublie"),
         ("portal", "/premiere-connexion/video"), ("portal", "/aide"), ("portal", "/aide/guide-utilisation"),
         ("portal", "/confidentialite"), ("corporate", "/"), ("refusdemat", "/"), ("refusdemat", "/politique-donnees")]
WIDTH, HEIGHT = 1280, 800


def browsers_dir(chromium: str) -> Path:
    """A PLAYWRIGHT_BROWSERS_PATH whose layout points at the system Chromium, for shot-scraper."""
    folder = Path(tempfile.mkdtemp(prefix="pw-browsers-"))
    dry_run = subprocess.run([sys.executable, "-m", "playwright", "install", "--dry-run", "chromium"],
                             capture_output=True, text=True).stdout
    for line in dry_run.splitlines():
        if "Install location:" in line:
            name = Path(line.split(":", 1)[1].strip()).name
            binary = ("chrome-headless-shell-linux64/chrome-headless-shell" if "headless_shell" in name
                      else "chrome-linux64/chrome")
            target = folder / name / binary
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(chromium)
    return folder


def ours(urls: list[str], out: Path, trust: str) -> float:
    with sync_playwright() as playwright:
        started = time.perf_counter()
        browser = launch_chromium(playwright, extra_args=[trust])
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1)
        page = context.new_page()
        for number, url in enumerate(urls):
            page.goto(url)
            prepare(page)  # as every step's capture: fonts loaded, no hover nor focus, secrets masked
            (out / f"ours-{number}.png").write_bytes(Camera(page).capture())
        browser.close()
        return time.perf_counter() - started


def shot_scraper(urls: list[str], out: Path, chromium: str, trust: str) -> float:
    config = out / "shots.yml"
    config.write_text("".join(f"- url: {url}\n  output: {out}/theirs-{n}.png\n  width: {WIDTH}\n  height: {HEIGHT}\n"
                              for n, url in enumerate(urls)))
    env = {**os.environ, "PLAYWRIGHT_BROWSERS_PATH": str(browsers_dir(chromium))}
    started = time.perf_counter()
    command = str(Path(sys.executable).with_name("shot-scraper"))
    subprocess.run([command, "multi", str(config), "--silent", "--browser-arg", trust], check=True, env=env)
    return time.perf_counter() - started


def main() -> None:
    out = Path(tempfile.mkdtemp(prefix="bench-shots-"))
    with Stage(out / "stage", public_names=False) as stage:
        urls = [stage.address(site) + path for site, path in PAGES]
        with sync_playwright() as playwright:
            chromium = executable_path(playwright.chromium.executable_path) or playwright.chromium.executable_path
        # Every site is https with the mock's own certificate: both browsers are told to trust it.
        trust = f"--ignore-certificate-errors-spki-list={stage.spki}"
        ours(urls[:1], out, trust)  # warm the server and the disk cache for both
        mine = ours(urls, out, trust)
        theirs = shot_scraper(urls, out, chromium, trust)
    n = len(urls)
    print(f"pages                      {n} (same viewport {WIDTH}x{HEIGHT}, scale 1)")
    print(f"coffre-guide               {mine:.2f} s  ({mine / n:.3f} s per screenshot, browser start included)")
    print(f"shot-scraper multi         {theirs:.2f} s  ({theirs / n:.3f} s per screenshot, browser start included)")
    print(f"ratio (ours / theirs)      {mine / theirs:.2f}")


if __name__ == "__main__":
    main()
