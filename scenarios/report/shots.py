"""Screenshots as data: annotate each step's image, compare the set with the accepted one."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFont

from ..results import Run

ACCENT = (242, 169, 0)  # the portal's focus colour: visible on navy and on white
CALLOUT_RADIUS = 16
CROP_MARGIN = 48


def annotate(plain: Path, target: dict[str, float], number: int, out: Path) -> None:
    """Outline the step's element and put a numbered callout at its top-left corner."""
    image = Image.open(plain).convert("RGB")
    draw = ImageDraw.Draw(image)
    x, y, w, h = (round(target[k]) for k in ("x", "y", "width", "height"))
    draw.rounded_rectangle((x - 4, y - 4, x + w + 4, y + h + 4), radius=6, outline=ACCENT, width=4)
    # The callout sits beside the outline, on its left, or on its right where the left has no room.
    cx = x - 8 - CALLOUT_RADIUS if x - 8 - 2 * CALLOUT_RADIUS >= 0 else x + w + 8 + CALLOUT_RADIUS
    cx = min(cx, image.width - CALLOUT_RADIUS - 2)
    cy = min(max(y + h // 2, CALLOUT_RADIUS + 2), image.height - CALLOUT_RADIUS - 2)
    draw.ellipse((cx - CALLOUT_RADIUS, cy - CALLOUT_RADIUS, cx + CALLOUT_RADIUS, cy + CALLOUT_RADIUS),
                 fill=ACCENT, outline=(11, 45, 79), width=2)
    font = ImageFont.load_default(size=20)
    draw.text((cx, cy), str(number), fill=(11, 45, 79), font=font, anchor="mm")
    save_small(image, out)


def save_small(image: Image.Image, out: Path) -> None:
    """An optimised true-colour PNG (a palette would change colours far from a local edit)."""
    image.save(out, optimize=True)


def crop(annotated: Path, target: dict[str, float], out: Path) -> None:
    """The element and its surroundings, for steps where the whole page hides the point."""
    image = Image.open(annotated)
    x, y, w, h = (target[k] for k in ("x", "y", "width", "height"))
    box = (max(0, round(x - CROP_MARGIN)), max(0, round(y - CROP_MARGIN)),
           min(image.width, round(x + w + CROP_MARGIN)), min(image.height, round(y + h + CROP_MARGIN)))
    save_small(image.crop(box), out)


def draw_step(plain: Path, target: dict[str, float] | None, number: int, out: Path, cropped: Path | None) -> str:
    """The step's annotated image (and its crop when it has an element); returns the image's sha256."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if target:
        annotate(plain, target, number, out)
        if cropped is not None:
            cropped.parent.mkdir(parents=True, exist_ok=True)
            crop(out, target, cropped)
    else:
        save_small(Image.open(plain).convert("RGB"), out)
    return hashlib.sha256(out.read_bytes()).hexdigest()


def build_manifest(run: Run, guide_dir: Path) -> list[dict[str, Any]]:
    """Annotate every captured step (one process per core) and list, per guide step, its images and status."""
    annotated_dir, crops_dir = guide_dir / "annotated", guide_dir / "crops"
    shutil.rmtree(annotated_dir, ignore_errors=True)
    shutil.rmtree(crops_dir, ignore_errors=True)
    manifest, jobs = [], []
    for result in run.procedures.values():
        for step in result.steps:
            entry: dict[str, Any] = {
                "procedure": result.id, "question": result.question, "title": result.title, "id": step.id,
                "step": step.number, "text": step.text, "status": step.status, "locator": step.locator,
                "target": step.target, "plain": step.screenshot, "annotated": None, "crop": None}
            if step.screenshot and step.status == "passed":
                plain = guide_dir / step.screenshot
                out, cropped = annotated_dir / result.id / plain.name, crops_dir / result.id / plain.name
                entry["annotated"] = rel_to(out, guide_dir)
                entry["crop"] = rel_to(cropped, guide_dir) if step.target else None
                jobs.append((entry, (plain, step.target, step.number, out, cropped)))
            manifest.append(entry)
    if jobs:
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            digests = pool.map(draw_step, *zip(*(job for _, job in jobs), strict=True))
            for (entry, _), digest in zip(jobs, digests, strict=True):
                entry["sha256"] = digest
    (guide_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def rel_to(path: Path, base: Path) -> str:
    return str(path.relative_to(base))


@dataclass
class Change:
    name: str
    status: str  # unchanged, changed, new, removed (its step left guide.md), missing (not produced this run)
    share: float = 0.0
    diff: str | None = None


def pixel_share(before: Path, after: Path, tolerance: int, diff_out: Path) -> float:
    """Share of pixels differing by more than `tolerance` (0-255 per channel); writes a diff image."""
    a, b = Image.open(before).convert("RGB"), Image.open(after).convert("RGB")
    if a.size != b.size:
        canvas = Image.new("RGB", (max(a.width, b.width), max(a.height, b.height)), "white")
        a2, b2 = canvas.copy(), canvas.copy()
        a2.paste(a)
        b2.paste(b)
        a, b = a2, b2
    delta = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > tolerance else 0)
    changed = delta.width * delta.height - delta.histogram()[0]
    if changed:
        faded = Image.blend(b, Image.new("RGB", b.size, "white"), 0.7)
        faded.paste(Image.new("RGB", b.size, (220, 0, 60)), mask=delta)
        diff_out.parent.mkdir(parents=True, exist_ok=True)
        faded.save(diff_out, optimize=True)
    return changed / (a.width * a.height)


def compare(accepted: Path, current: Path, diffs: Path, tolerance: int = 0,
            expected: set[str] | None = None) -> list[Change]:
    """Each image of `current` against `accepted`: unchanged, changed (with diff), new; and for an accepted
    image this run did not produce, missing while its step is still `expected` (in guide.md), else removed."""
    shutil.rmtree(diffs, ignore_errors=True)
    now = {str(p.relative_to(current)) for p in current.rglob("*.png")}
    before = {str(p.relative_to(accepted)) for p in accepted.rglob("*.png")} if accepted.exists() else set()
    changes = []
    for name in sorted(now | before):
        if name not in before:
            changes.append(Change(name, "new"))
        elif name not in now:
            changes.append(Change(name, "missing" if expected is not None and name in expected else "removed"))
        elif (accepted / name).read_bytes() == (current / name).read_bytes():
            changes.append(Change(name, "unchanged"))
        else:
            share = pixel_share(accepted / name, current / name, tolerance, diffs / name)
            if share == 0:
                changes.append(Change(name, "unchanged"))
            else:
                changes.append(Change(name, "changed", share, str(diffs / name)))
    return changes


def accept(changes: list[Change], accepted: Path, current: Path) -> None:
    """Copy changed and new images over the accepted set; remove the stale ones."""
    for change in changes:
        if change.status in ("changed", "new"):
            (accepted / change.name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(current / change.name, accepted / change.name)
        elif change.status == "removed":
            (accepted / change.name).unlink()
    for folder in sorted(accepted.glob("*/"), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def summary(changes: list[Change]) -> dict[str, int]:
    counts = dict.fromkeys(("unchanged", "changed", "new", "removed", "missing"), 0)
    for change in changes:
        counts[change.status] += 1
    return counts


def as_dicts(changes: list[Change]) -> list[dict[str, Any]]:
    return [asdict(c) for c in changes]
