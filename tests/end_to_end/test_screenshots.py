"""The accepted guide images, as docs/screenshots/manifest.json describes them: what each one outlines."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from PIL import Image

from scenarios.plugin.defaults import ACCEPTED
from scenarios.procedures import load_bindings
from scenarios.publish import acceptance, comparison, shots
from scenarios.publish.pipeline import CHANGED
from scenarios.results import Run
from tests.helpers import GUIDE, run_guide_tests

MANIFEST_FILE = ACCEPTED / "manifest.json"  # written by `python -m scenarios accept`
ACCEPTED_ENTRIES = json.loads(MANIFEST_FILE.read_text(encoding="utf-8")) if MANIFEST_FILE.exists() else []
BINDINGS = load_bindings()
# The steps still in the guide: one a doc writer removed keeps its image until the next `make accept`.
MANIFEST = [e for e in ACCEPTED_ENTRIES if f"{e['procedure']}/{e['id']}" in
            {f"{p.id}/{s.id}" for p in GUIDE.procedures for s in p.steps}]
FOCUS_RING = (242, 169, 0)  # the portal's focus colour
ids = [f"{e['procedure']}/{e['id']}" for e in MANIFEST]


def test_the_manifest_covers_every_step_of_the_guide_that_has_code() -> None:
    """A step the guide gained has no image until a developer binds it: that is a warning, not a failure."""
    assert MANIFEST, f"{MANIFEST_FILE} is missing: accept a reviewed run (python -m scenarios accept)"
    steps = {f"{p.id}/{s.id}" for p in GUIDE.procedures if p.id in {e["procedure"] for e in MANIFEST}
             for s in p.steps if s.id in BINDINGS[p.id].steps}
    assert set(ids) == steps


@pytest.mark.parametrize("entry", MANIFEST, ids=ids)
def test_every_image_outlines_the_elements_its_step_names(entry: dict) -> None:
    assert entry["targets"] or entry["no_callout"], "ni élément entouré ni raison déclarée"
    step = GUIDE.procedure(entry["procedure"]).step(entry["id"])
    labels = " ".join(t.get("label") or "" for t in entry["targets"])
    missing = [quote for quote in step.quoted if f"« {quote} »" not in labels]
    assert missing == [], f"{step.where}: libellés cités sans pastille : {missing}"


@pytest.mark.parametrize("entry", MANIFEST, ids=ids)
def test_no_focus_ring_competes_with_a_callout(entry: dict) -> None:
    image = Image.open(Path(ACCEPTED, entry["procedure"], f"{entry['id']}.png")).convert("RGB")
    for target in entry["targets"]:
        x, y, w, h = (round(target[k]) for k in ("x", "y", "width", "height"))
        ring = image.crop((max(0, x - 8), max(0, y - 8), x + w + 8, y + h + 8))
        assert FOCUS_RING not in {colour for _, colour in ring.getcolors(1 << 20) or []}, target


def test_the_procedures_reproduce_the_accepted_images(tmp_path: Path) -> None:
    """Every procedure run as the guide job runs it, its images annotated and compared with the accepted set:
    a change to the captures or the callouts fails here, naming each image, not only in a writer's review.
    Images are byte-identical for one browser build: with another build, differing images skip the test and
    say why (docs/screenshots/MADE-WITH.txt names the accepted set's)."""
    run = run_guide_tests(tmp_path, "--tb=line", timeout=600)
    assert run.returncode == 0, run.stdout[-3000:]
    result = Run.read(tmp_path / "run")
    shots.build_manifest(result, tmp_path / "run")
    changes = comparison.compare(ACCEPTED, tmp_path / "run" / "annotated", tmp_path / "diff",
                            expected=acceptance.guide_image_names(GUIDE))
    # « removed »: the step left the guide, its image leaves the accepted set at the doc writer's next accept.
    differing = [f"{c.name} : {CHANGED[c.status]}" + (f" ({c.signature})" if c.signature else "")
                 for c in changes if c.status not in ("unchanged", "removed")]
    made_with = (ACCEPTED / "MADE-WITH.txt").read_text(encoding="utf-8").strip()
    browsers = sorted({p.browser or "" for p in result.procedures.values()})
    if differing and browsers != [made_with]:
        pytest.skip(f"{len(differing)} image(s) diffèrent du jeu accepté, fait avec « {made_with} » ; ce navigateur "
                    f"est « {', '.join(browsers)} » : au pixel près, seule la même version compare")
    assert differing == [], "images différentes du jeu accepté (make guide, puis revue) :\n" + "\n".join(differing)


@pytest.mark.parametrize("procedure", sorted({e["procedure"] for e in MANIFEST}))
def test_no_step_shows_the_image_of_a_step_that_is_not_its_neighbour(procedure: str) -> None:
    """A step's image is the moment its words describe: two steps apart cannot be the same moment (a step
    whose checks end where an earlier one began would otherwise show the earlier page)."""
    steps = GUIDE.procedure(procedure).steps
    images = [(ACCEPTED / procedure / f"{s.id}.png") for s in steps]
    shown = [hashlib.sha256(i.read_bytes()).hexdigest() if i.is_file() else None for i in images]
    same = [(steps[i].number, steps[j].number) for i in range(len(shown)) for j in range(i + 2, len(shown))
            if shown[i] and shown[i] == shown[j]]
    assert same == [], f"{procedure} : étapes à l'image identique bien que non voisines : {same}"


FILLS = re.compile(r"\b(saisir|saisis|je remplis|je renseigne|je choisis)\b", re.IGNORECASE)


@pytest.mark.parametrize("entry", [e for e in MANIFEST if FILLS.search(e["text"])],
                         ids=[f"{e['procedure']}/{e['id']}" for e in MANIFEST if FILLS.search(e["text"])])
def test_a_step_that_fills_fields_outlines_them(entry: dict) -> None:
    """« Saisir », « je remplis », « je renseigne », « je choisis »: the fields the step fills are on its image,
    outlined, not only the button it then clicks."""
    fields = [t["label"] for t in entry["targets"] if (t.get("label") or "").startswith("champ")]
    assert fields, f"{entry['procedure']}/{entry['id']} : aucun champ entouré ({[t.get('label') for t in entry['targets']]})"
