"""What a person would find wrong with a procedure's video (scenarios/publish/video.py), checked like the
images: it decodes, lasts 3 s to 2 min, is 1280×720, has no second of black or blank page, weighs 1 MB at most,
and its chapters are the guide's steps in order."""

from __future__ import annotations

from pathlib import Path

import imageio_ffmpeg  # type: ignore[import-untyped]
from webvtt import WebVTT

from scenarios.publish.video import CAPTION_HEIGHT, FPS, SIZE
from scenarios.results import ManifestEntry


def problems(procedure_id: str, entries: list[ManifestEntry], out: Path, longest: float = 120.0) -> list[str]:
    """What a person would find wrong with the video, one French line each: it does not decode, lasts too long,
    weighs over 1 MB, has the wrong size, a run of black or blank frames, or captions that miss a step."""
    mp4, found = out / f"{procedure_id}.mp4", []
    if mp4.stat().st_size > 1_000_000:
        found.append(f"{mp4.name} pèse {mp4.stat().st_size / 1e6:.1f} Mo (1 Mo au plus)")
    reader = imageio_ffmpeg.read_frames(str(mp4), output_params=["-vf", f"fps={FPS // 4}"])  # two a second
    meta = next(reader)
    if tuple(meta["size"]) != SIZE:
        found.append(f"{mp4.name} : {meta['size']} au lieu de {SIZE}")
    blank = longest_blank = 0
    for frame in reader:
        pixels = memoryview(frame)[: SIZE[0] * (SIZE[1] - CAPTION_HEIGHT) * 3: 97]  # the page's part, sampled
        spread = max(pixels) - min(pixels)
        blank = blank + 1 if spread < 16 else 0
        longest_blank = max(longest_blank, blank)
    if longest_blank >= 2:
        found.append(f"{mp4.name} : {longest_blank / 2:.1f} s d'images noires ou vides")
    seconds = float(meta["duration"])
    if not 3 <= seconds <= longest:
        found.append(f"{mp4.name} dure {seconds:.0f} s (entre 3 et {longest:.0f} s)")
    cues = WebVTT.read(str(out / f"{procedure_id}.chapters.vtt")).captions
    if [c.identifier for c in cues] != [str(e.id) for e in entries]:
        found.append(f"{procedure_id}.chapters.vtt ne suit pas les étapes du guide, dans l'ordre")
    return found
