"""Screenshots as data: annotation from the element's box, comparison, acceptance."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image

from scenarios.publish import comparison, shots


def solid(path: Path, colour: str = "white", size: tuple[int, int] = (200, 100)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)
    return path


def test_annotation_outlines_each_element_with_its_number(tmp_path: Path) -> None:
    plain = solid(tmp_path / "plain.png", size=(300, 140))
    out = tmp_path / "annotated.png"
    shots.annotate(plain, [{"x": 100, "y": 40, "width": 60, "height": 20},
                           {"x": 100, "y": 90, "width": 60, "height": 20}], out)
    image = Image.open(out).convert("RGB")
    for y in (50, 100):
        assert image.getpixel((100 - 4, y)) == shots.ACCENT  # left edge of each outline
        assert image.getpixel((130, y)) == (255, 255, 255)  # the element itself is left visible
        assert image.getpixel((100 - 8 - shots.CALLOUT_RADIUS - 10, y)) == shots.ACCENT  # its callout beside it


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_callouts_cannot_be_taken_for_the_portal_s_own_colours() -> None:
    """Outside the portal's palette (focus ring included), readable, and visible on its backgrounds."""
    palette = re.findall(r"#([0-9a-f]{6})\b", (Path(__file__).parents[2] / "mock_portal/static/site.css")
                         .read_text(encoding="utf-8"))
    colours = {tuple(int(h[i:i + 2], 16) for i in (0, 2, 4)) for h in palette}
    assert (242, 169, 0) in colours  # the focus ring
    assert all(sum(abs(a - b) for a, b in zip(shots.ACCENT, c, strict=True)) > 150 for c in colours)
    assert contrast(shots.INK, shots.ACCENT) >= 4.5
    for background in ((255, 255, 255), (243, 245, 247), (11, 45, 79)):  # white card, page, navy bar
        assert contrast(shots.ACCENT, background) >= 3 or background == (11, 45, 79)


def test_compare_reports_unchanged_changed_new_removed(tmp_path: Path) -> None:
    accepted, current, diffs = tmp_path / "accepted", tmp_path / "current", tmp_path / "diff"
    for name in ("same.png", "changed.png", "gone.png"):
        solid(accepted / "q01" / name)
    solid(current / "q01" / "same.png")
    solid(current / "q01" / "new.png")
    changed = Image.new("RGB", (200, 100), "white")
    changed.paste(Image.new("RGB", (20, 10), "black"), (0, 0))
    changed.save(current / "q01" / "changed.png")
    result = {c.name: c for c in comparison.compare(accepted, current, diffs)}
    assert {n: c.status for n, c in result.items()} == {
        "q01/changed.png": "changed", "q01/gone.png": "removed", "q01/new.png": "new", "q01/same.png": "unchanged"}
    assert result["q01/changed.png"].share == 200 / 20000
    assert Path(result["q01/changed.png"].diff).exists()
    comparison.accept(list(result.values()), accepted, current)
    assert sorted(p.name for p in (accepted / "q01").iterdir()) == ["changed.png", "new.png", "same.png"]
    assert all(c.status == "unchanged" for c in comparison.compare(accepted, current, diffs))


def test_tolerance_ignores_small_differences(tmp_path: Path) -> None:
    solid(tmp_path / "a" / "x.png", "#808080")
    solid(tmp_path / "b" / "x.png", "#838383")
    assert comparison.compare(tmp_path / "a", tmp_path / "b", tmp_path / "d")[0].status == "changed"
    assert comparison.compare(tmp_path / "a", tmp_path / "b", tmp_path / "d", tolerance=8)[0].status == "unchanged"
