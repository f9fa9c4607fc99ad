"""Captures: the pixels Playwright's full-page screenshot gives, secrets masked, focus and hover gone."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageColor
from playwright.sync_api import Page

from scenarios import camera

SECRET = "Provisoire-123!"


def picture(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


@pytest.mark.parametrize("height", [300, 2400], ids=["fits-the-viewport", "taller-than-the-viewport"])
def test_a_capture_has_the_pixels_of_playwright_s_full_page_screenshot(page: Page, height: int) -> None:
    page.set_content(f"""<html lang="fr"><body style="margin: 0; font: 16px sans-serif">
      <main style="box-sizing: border-box; height: {height}px; padding: 40px">
        <p>Mot de passe provisoire : <strong data-secret>{SECRET}</strong></p>
        <label>Identifiant <input autofocus value="123456"></label>
        <p style="position: absolute; top: {height - 30}px">Bas de page</p>
      </main></body></html>""")
    page.get_by_label("Identifiant").focus()
    camera.prepare(page)
    ours = picture(camera.Camera(page).capture())
    # What the captures were before (Playwright's screenshot, its own mask over the secrets): the same pixels.
    theirs = picture(page.screenshot(full_page=True, animations="disabled", caret="hide", scale="css",
                                     mask=[page.locator("[data-secret]")], mask_color=camera.MASK_COLOUR))
    assert ours.size == theirs.size
    assert ours.width == 1280 and ours.height >= max(800, height)  # the whole page, not the viewport
    assert ours.tobytes() == theirs.tobytes()
    box = page.locator("[data-secret]").bounding_box()
    assert box is not None
    assert ours.getpixel((int(box["x"] + box["width"] / 2), int(box["y"] + box["height"] / 2))) \
        == ImageColor.getrgb(camera.MASK_COLOUR)
    assert SECRET not in page.content()
    assert page.evaluate("document.activeElement === document.body")  # no focus ring, no caret


def test_a_capture_of_the_same_page_is_the_same_file(page: Page) -> None:
    """Encoded for speed, still the same bytes each time: an unchanged step does not redraw its image."""
    page.set_content('<html lang="fr"><body><h1>Mon coffre</h1><p>Bulletin de paie de mars</p></body></html>')
    camera.prepare(page)
    lens = camera.Camera(page)
    assert lens.capture() == lens.capture()


def test_a_capture_shows_no_hover_left_by_the_last_click(page: Page) -> None:
    page.set_content("""<html lang="fr"><head><style>a { display: block; width: 200px; margin: 300px; }
      a:hover { background: rgb(255, 0, 0); }</style></head><body><a href="#suite">Suite</a></body></html>""")
    page.get_by_role("link", name="Suite").click()
    camera.prepare(page)
    image = picture(camera.Camera(page).capture())
    box = page.get_by_role("link", name="Suite").bounding_box()
    assert box is not None
    assert image.getpixel((int(box["x"] + 2), int(box["y"] + 2))) == (255, 255, 255)


def test_a_secret_the_run_met_is_masked_before_a_capture_even_unmarked(page: Page) -> None:
    """A real portal's mail marks nothing data-secret: the run's secrets are masked wherever the page shows them,
    so neither the step's image nor its video (made from it) can show one."""
    from scenarios.secrecy import Secrets

    registry = Secrets()
    registry.add(SECRET)
    page.set_content(f'<main><p>Votre mot de passe provisoire : {SECRET}</p><input value="{SECRET}"></main>')
    before = camera.Camera(page).shoot([])
    assert SECRET in page.inner_text("main")  # no registry: the page as it is
    shot = camera.Camera(page, registry).shoot([])
    assert SECRET not in page.inner_text("main") and page.input_value("input") != SECRET
    assert shot.png != before.png
