"""Screenshots as data: each step's image annotated (its numbered callouts) and cropped, listed in the manifest."""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import PIL
from PIL import Image, ImageDraw, ImageFont

from scenarios.results import ManifestEntry, Run, adapter, read

ACCENT = (200, 0, 140)  # magenta: outside the portal's palette (navy, teal, grey, red, amber focus ring)
INK = (255, 255, 255)  # the callout's number, on the accent
CALLOUT_RADIUS = 16
CROP_MARGIN = 24
PRINT_HEIGHT = 560  # screenshot pixels: about a third of an A4 page once printed


def annotate(plain: Path, targets: list[dict[str, Any]], out: Path) -> None:
    """Outline each of the step's elements and put its number (the guide's order) in a callout beside it."""
    image = Image.open(plain).convert("RGB")
    for number, target in enumerate(targets, 1):
        draw_callout(image, number, target)
    save_small(image, out)


def draw_callout(image: Image.Image, number: int, target: dict[str, Any]) -> None:
    """One element outlined, its number in a callout beside it (the step's image, its video)."""
    draw = ImageDraw.Draw(image)
    x, y, w, h = (round(target[k]) for k in ("x", "y", "width", "height"))
    draw.rounded_rectangle((x - 4, y - 4, x + w + 4, y + h + 4), radius=6, outline=ACCENT, width=4)
    # The callout sits beside the outline, on its left, or on its right where the left has no room.
    cx = x - 8 - CALLOUT_RADIUS if x - 8 - 2 * CALLOUT_RADIUS >= 0 else x + w + 8 + CALLOUT_RADIUS
    cx = min(cx, image.width - CALLOUT_RADIUS - 2)
    cy = min(max(y + h // 2, CALLOUT_RADIUS + 2), image.height - CALLOUT_RADIUS - 2)
    draw.ellipse((cx - CALLOUT_RADIUS, cy - CALLOUT_RADIUS, cx + CALLOUT_RADIUS, cy + CALLOUT_RADIUS),
                 fill=ACCENT, outline=INK, width=2)
    draw.text((cx, cy), str(number), fill=INK, font=ImageFont.load_default(size=20), anchor="mm")


def save_small(image: Image.Image, out: Path) -> None:
    """An optimised true-colour PNG (a palette would change colours far from a local edit)."""
    image.save(out, optimize=True)


def region(targets: list[dict[str, Any]], width: int, height: int) -> tuple[int, int, int, int]:
    """What a printed guide shows: the card (form, section) around the outlined elements, with a margin,
    callouts included, but never taller than PRINT_HEIGHT around them."""
    boxes = [t.get("card") or t for t in targets] + list(targets)
    left = min(b["x"] for b in boxes) - CROP_MARGIN - 2 * CALLOUT_RADIUS
    top = min(b["y"] for b in boxes) - CROP_MARGIN
    right = max(b["x"] + b["width"] for b in boxes) + CROP_MARGIN
    bottom = max(b["y"] + b["height"] for b in boxes) + CROP_MARGIN
    focus_top = min(t["y"] for t in targets) - CROP_MARGIN
    focus_bottom = max(t["y"] + t["height"] for t in targets) + CROP_MARGIN
    if bottom - top > PRINT_HEIGHT:  # a long page: keep the part around the elements
        top = max(top, min(focus_top, focus_bottom - PRINT_HEIGHT))
        bottom = min(bottom, max(focus_bottom, top + PRINT_HEIGHT))
    return max(0, round(left)), max(0, round(top)), min(width, round(right)), min(height, round(bottom))


def crop(annotated: Path, targets: list[dict[str, Any]], out: Path) -> None:
    """The elements and their surroundings, for a printed page where the whole screen would be too small."""
    image = Image.open(annotated)
    save_small(image.crop(region(targets, image.width, image.height)), out)


def draw_step(plain: Path, targets: list[dict[str, Any]], out: Path, cropped: Path | None) -> str:
    """The step's annotated image (and its crop when it outlines something); returns the image's sha256."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if targets:
        annotate(plain, targets, out)
        if cropped is not None:
            cropped.parent.mkdir(parents=True, exist_ok=True)
            crop(out, targets, cropped)
    else:
        save_small(Image.open(plain).convert("RGB"), out)
    return hashlib.sha256(out.read_bytes()).hexdigest()


# What an annotated image is drawn from besides its screenshot and boxes: this module's code and Pillow's
# encoder. A change to either draws every image again.
DRAWN_BY = hashlib.sha256(Path(__file__).read_bytes() + PIL.__version__.encode()).hexdigest()


def drawing_key(plain: Path, targets: list[dict[str, Any]]) -> str:
    """What the step's annotated image and crop are made from: the same key gives the same files."""
    source = hashlib.sha256(plain.read_bytes())
    source.update(json.dumps(targets, sort_keys=True).encode())
    source.update(DRAWN_BY.encode())
    return source.hexdigest()


MANIFEST = "manifest.json"


def read_manifest(folder: Path) -> list[ManifestEntry]:
    """The manifest a run's images were listed in (none yet: empty)."""
    return read(folder / MANIFEST, list[ManifestEntry], [])


def reusable(before: ManifestEntry | None, entry: ManifestEntry, folder: Path) -> bool:
    """Whether the last manifest drew this step from the same sources, and its files are still as it wrote them."""
    if not before or before.drawn_from != entry.drawn_from or before.crop != entry.crop or not before.annotated:
        return False
    annotated = folder / before.annotated
    return annotated.is_file() and hashlib.sha256(annotated.read_bytes()).hexdigest() == before.sha256 \
        and (entry.crop is None or (folder / entry.crop).is_file())


def build_manifest(run: Run, guide_dir: Path) -> list[ManifestEntry]:
    """Annotate every captured step (one process per core) and list, per guide step, its images and status.

    A step whose screenshot and boxes are those the last manifest drew from keeps its images: a run that
    changed nothing redraws nothing.
    """
    annotated_dir, crops_dir = guide_dir / "annotated", guide_dir / "crops"
    previous = {(e.procedure, e.id): e for e in read_manifest(guide_dir)}
    manifest: list[ManifestEntry] = []
    jobs, kept = [], set[Path]()
    for result in run.procedures.values():
        for step in result.steps:
            entry = ManifestEntry(result.id, result.question, result.title, step.id, step.number, step.text,
                                  step.status, step.targets, step.no_callout, step.screenshot)
            if step.screenshot and step.status == "passed":
                plain = guide_dir / step.screenshot
                out, cropped = annotated_dir / result.id / plain.name, crops_dir / result.id / plain.name
                entry.annotated = rel_to(out, guide_dir)
                entry.crop = rel_to(cropped, guide_dir) if step.targets else None
                entry.drawn_from = drawing_key(plain, step.targets)
                before = previous.get((result.id, step.id))
                if reusable(before, entry, guide_dir):
                    entry.sha256 = before.sha256 if before else None
                    kept.update(guide_dir / name for name in (entry.annotated, entry.crop) if name)
                else:
                    jobs.append((entry, (plain, step.targets, out, cropped)))
            manifest.append(entry)
    for folder in (annotated_dir, crops_dir):  # nothing of an earlier run passes for this one's
        for stale in folder.rglob("*.png") if folder.is_dir() else ():
            if stale not in kept:
                stale.unlink()
        for empty in sorted(folder.glob("*/"), reverse=True) if folder.is_dir() else ():
            if not any(empty.iterdir()):
                empty.rmdir()
    if jobs:
        with ProcessPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1)) as pool:
            digests = pool.map(draw_step, *zip(*(job for _, job in jobs), strict=True))
            for (entry, _), digest in zip(jobs, digests, strict=True):
                entry.sha256 = digest
    (guide_dir / MANIFEST).write_bytes(adapter(list[ManifestEntry]).dump_json(manifest, indent=1))
    return manifest


def rel_to(path: Path, base: Path) -> str:
    return str(path.relative_to(base))
