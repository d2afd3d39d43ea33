"""The link-preview image: size and format, the same bytes for the same inputs, text within the margins, the status label, wrapping."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from sphinx_seminar.formats.preview import BACKGROUND, ELLIPSIS, FONT_FILES, HEIGHT, MARGIN_X, WIDTH, preview_image, wrap
from sphinx_seminar.outputs.files import write_if_changed

SESSION = {
    "seminar": "Math and Machine Learning: Theory and Applications",
    "title": "Scaling laws for neural operators",
    "speaker": "Łukasz Gröbner",
    "when": "Wednesday, 2 April 2031, 16:00–17:00 (BST)",
    "place": "Room 2.14, Mathematical Institute",
}
LONG_TITLE = ("Spectral bias, kernel regimes and the geometry of loss landscapes in overparametrised networks: " * 4)[:300]
UNBREAKABLE = "Hyperparameteroptimisationviagradientdescentthroughthewholetrainingrunwithoutanyspaces" * 2
HOSTILE = {
    "short": SESSION,
    "long title": {**SESSION, "title": LONG_TITLE, "speaker": "Søren Achterberg"},
    "unbreakable word": {**SESSION, "title": UNBREAKABLE, "speaker": "Ἀρχιμήδης", "seminar": UNBREAKABLE,
                         "place": UNBREAKABLE, "status": UNBREAKABLE},
    "names": {**SESSION, "title": "Ἀρχιμήδης, Łukasz Gröbner and Søren Achterberg",
              "speaker": "Łukasz Gröbner, Søren Achterberg, Ἀρχιμήδης"},
}
EDGE = 20



def render_preview(target: Path, **texts: str) -> bool:
    """The image of these texts written as the build writes it (only where its bytes changed)."""
    return write_if_changed(target, preview_image(**texts))


def _pixels(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB")


# A JPEG's flat background comes back a shade or two off: "drawn" is clearly darker or coloured.
TOLERANCE = 24


def _drawn(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    """How many pixels in the box differ clearly from the background."""
    region = image.crop(box)
    return sum(count for count, colour in region.getcolors(region.width * region.height)
               if max(abs(a - b) for a, b in zip(colour, BACKGROUND)) > TOLERANCE)


def _red(image: Image.Image) -> int:
    return sum(count for count, (r, g, b) in image.getcolors(WIDTH * HEIGHT) if r > 150 and g < 80 and b < 80)


def test_a_jpeg_of_card_size_written_only_when_it_changes(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "card.jpg"
    assert render_preview(target, **SESSION) is True
    with Image.open(target) as image:
        assert (image.format, image.size) == ("JPEG", (WIDTH, HEIGHT)) == ("JPEG", (1200, 630))
    first = target.read_bytes()
    modified = target.stat().st_mtime_ns

    assert render_preview(target, **SESSION) is False
    assert target.read_bytes() == first
    assert target.stat().st_mtime_ns == modified

    assert render_preview(target, **{**SESSION, "speaker": "Søren Achterberg"}) is True
    assert target.read_bytes() != first
    other = tmp_path / "other.jpg"
    render_preview(other, **SESSION)
    assert other.read_bytes() == first


@pytest.mark.parametrize("session", HOSTILE.values(), ids=HOSTILE.keys())
def test_text_is_drawn_and_kept_off_the_edges(tmp_path: Path, session: dict[str, str]) -> None:
    render_preview(tmp_path / "card.jpg", **session)
    image = _pixels(tmp_path / "card.jpg")

    inside = (MARGIN_X, EDGE, WIDTH - MARGIN_X, HEIGHT - EDGE)
    assert _drawn(image, inside) > 0.03 * (inside[2] - inside[0]) * (inside[3] - inside[1])
    assert _drawn(image, (0, 0, WIDTH, HEIGHT)) == _drawn(image, (EDGE, EDGE, WIDTH - EDGE, HEIGHT - EDGE))
    # Within the side margins too, give or take a glyph's overhang.
    assert _drawn(image, (0, 0, MARGIN_X - 8, HEIGHT)) == 0
    assert _drawn(image, (WIDTH - MARGIN_X + 8, 0, WIDTH, HEIGHT)) == 0


def test_a_long_title_uses_more_of_the_card_than_a_short_one(tmp_path: Path) -> None:
    """The long title is wrapped onto several lines, not drawn as one line cut at the right edge."""
    render_preview(tmp_path / "short.jpg", **SESSION)
    render_preview(tmp_path / "long.jpg", **{**SESSION, "title": LONG_TITLE})
    title_band = (MARGIN_X, 200, WIDTH - MARGIN_X, 420)
    assert _drawn(_pixels(tmp_path / "long.jpg"), title_band) > 2 * _drawn(_pixels(tmp_path / "short.jpg"), title_band)


def test_a_status_is_shown_as_a_red_label(tmp_path: Path) -> None:
    render_preview(tmp_path / "cancelled.jpg", **SESSION, status="Cancelled")
    render_preview(tmp_path / "plain.jpg", **SESSION)
    assert _red(_pixels(tmp_path / "cancelled.jpg")) > 2000
    assert _red(_pixels(tmp_path / "plain.jpg")) == 0


def _monospace(text: str) -> float:
    return float(len(text))


def test_wrapping_breaks_between_words_and_ellipsises_what_does_not_fit() -> None:
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau"
    lines = wrap(words, _monospace, 16, max_lines=4)
    assert len(lines) == 4
    assert all(len(line) <= 16 for line in lines)
    assert lines[:3] == ["alpha beta gamma", "delta epsilon", "zeta eta theta"]
    assert lines[-1].endswith(ELLIPSIS) and lines[-1].startswith("iota kappa")
    assert wrap("alpha beta gamma", _monospace, 16) == ["alpha beta gamma"]
    assert wrap("alpha beta gamma delta", _monospace, 16, max_lines=2) == ["alpha beta gamma", "delta"]


def test_wrapping_breaks_a_word_longer_than_a_line_by_characters() -> None:
    assert wrap("a " + "x" * 25 + " b", _monospace, 10) == ["a", "x" * 10, "x" * 10, "xxxxx b"]
    lines = wrap("y" * 100, _monospace, 10, max_lines=4)
    assert lines == ["y" * 10] * 3 + ["y" * 9 + ELLIPSIS]


# ---- Against reference pictures, drawn once and looked at (tests/unit/expected/preview-*.png).

REFERENCE = Path(__file__).parent / "expected"
PICTURES = {"plain": SESSION, "cancelled": {**SESSION, "status": "Moved from Mon, 10.02.2031"}, "long": {**SESSION, "title": LONG_TITLE}}


def _difference(a: Image.Image, b: Image.Image) -> int:
    """How many pixels differ by more than a JPEG's noise."""
    from PIL import ImageChops

    delta = ImageChops.difference(a.convert("L"), b.convert("L")).point(lambda value: 255 if value > 48 else 0)
    return delta.histogram()[255]


@pytest.mark.skipif(not Path(FONT_FILES[0][0]).exists(), reason="the reference pictures are drawn with GNU FreeSans "
                    "(fonts-freefont-otf): run 'bash scripts/install-tex.sh' (.ci/run does)")
@pytest.mark.parametrize("name", PICTURES)
def test_the_picture_is_the_reference_one(tmp_path: Path, name: str) -> None:
    """Each text, box and rule where the reference has it: a shift of one pixel row of the rule is ~1000 pixels."""
    found = Image.open(io.BytesIO(preview_image(**PICTURES[name])))
    path = REFERENCE / f"preview-{name}.png"
    if os.environ.get("SEMINAR_WRITE_EXPECTED"):
        # Grey in 16 steps: small to keep, and well within the tolerance.
        found.convert("L").point(lambda value: value // 16 * 16).save(path, optimize=True)
    with Image.open(path) as expected:
        assert found.size == expected.size
        assert _difference(found, expected) < 200


@pytest.mark.skipif(not Path(FONT_FILES[0][0]).exists(), reason="GNU FreeSans (fonts-freefont-otf) is not installed")
def test_the_bold_and_the_regular_face_are_freesans() -> None:
    from sphinx_seminar.formats.preview import font_file

    assert (font_file(False), font_file(True)) == FONT_FILES[0]


def _fingerprint() -> dict[str, str]:
    """What decides the JPEG's exact bytes: Pillow's version and the font files'."""
    import hashlib

    import PIL

    return {"pillow": PIL.__version__, **{Path(f).name: hashlib.sha256(Path(f).read_bytes()).hexdigest()
                                          for f in FONT_FILES[0] if Path(f).exists()}}


@pytest.mark.parametrize("name", PICTURES)
def test_where_pillow_and_the_fonts_are_the_references_the_bytes_are_too(name: str) -> None:
    """Exact, where it can be: the same Pillow and the same fonts draw and encode the same bytes
    (a box a pixel wider, another JPEG quality). Elsewhere the picture test above holds."""
    import hashlib
    import json

    record = REFERENCE / "preview-bytes.json"
    digest = hashlib.sha256(preview_image(**PICTURES[name])).hexdigest()
    if os.environ.get("SEMINAR_WRITE_EXPECTED"):
        known = json.loads(record.read_text(encoding="utf-8")) if record.exists() else {}
        known = {**known, "made_with": _fingerprint(), name: digest}
        record.write_text(json.dumps(known, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    known = json.loads(record.read_text(encoding="utf-8"))
    if known["made_with"] != _fingerprint():
        pytest.skip(f"the reference bytes were made with {known['made_with']}, this is {_fingerprint()}")
    assert digest == known[name]
