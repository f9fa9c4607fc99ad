"""Screenshots as data: annotation from the element's box, comparison, acceptance."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from scenarios.report import shots


def solid(path: Path, colour: str = "white", size: tuple[int, int] = (200, 100)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)
    return path


def test_annotation_outlines_the_element_box(tmp_path: Path) -> None:
    plain = solid(tmp_path / "plain.png")
    out = tmp_path / "annotated.png"
    shots.annotate(plain, {"x": 100, "y": 40, "width": 60, "height": 20}, 3, out)
    image = Image.open(out).convert("RGB")
    assert image.getpixel((100 - 4, 50)) == shots.ACCENT  # left edge of the outline
    assert image.getpixel((130, 40 - 3)) == shots.ACCENT  # top edge
    assert image.getpixel((130, 50)) == (255, 255, 255)  # the element itself is left visible
    assert image.getpixel((100 - 8 - shots.CALLOUT_RADIUS, 50)) != (255, 255, 255)  # callout beside it


def test_compare_reports_unchanged_changed_new_removed(tmp_path: Path) -> None:
    accepted, current, diffs = tmp_path / "accepted", tmp_path / "current", tmp_path / "diff"
    for name in ("same.png", "changed.png", "gone.png"):
        solid(accepted / "q01" / name)
    solid(current / "q01" / "same.png")
    solid(current / "q01" / "new.png")
    changed = Image.new("RGB", (200, 100), "white")
    changed.paste(Image.new("RGB", (20, 10), "black"), (0, 0))
    changed.save(current / "q01" / "changed.png")
    result = {c.name: c for c in shots.compare(accepted, current, diffs)}
    assert {n: c.status for n, c in result.items()} == {
        "q01/changed.png": "changed", "q01/gone.png": "removed", "q01/new.png": "new", "q01/same.png": "unchanged"}
    assert result["q01/changed.png"].share == 200 / 20000
    assert Path(result["q01/changed.png"].diff).exists()
    shots.accept(list(result.values()), accepted, current)
    assert sorted(p.name for p in (accepted / "q01").iterdir()) == ["changed.png", "new.png", "same.png"]
    assert all(c.status == "unchanged" for c in shots.compare(accepted, current, diffs))


def test_tolerance_ignores_small_differences(tmp_path: Path) -> None:
    solid(tmp_path / "a" / "x.png", "#808080")
    solid(tmp_path / "b" / "x.png", "#838383")
    assert shots.compare(tmp_path / "a", tmp_path / "b", tmp_path / "d")[0].status == "changed"
    assert shots.compare(tmp_path / "a", tmp_path / "b", tmp_path / "d", tolerance=8)[0].status == "unchanged"
