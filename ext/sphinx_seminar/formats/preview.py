"""A session's link-preview image: the 1200×630 JPEG of Open Graph and Twitter cards.

When a session page's address is pasted into a chat, a mail or a social site,
the preview shows this picture: the seminar, the title, the speaker, when and
where, and a red label when the session is cancelled or moved.  It is drawn
offline at build time with Pillow alone, no browser and no network.

Fonts: the first installed of a few system fonts that cover Latin Extended
and Greek (speakers' and authors' names: "Łukasz", "Søren", "Ἀρχιμήδης");
GNU FreeSans comes first, as ``scripts/install-tex.sh`` installs it
(fonts-freefont-otf) for the PDF handouts.  Without any of them, Pillow's
built-in scalable font draws what it can rather than failing the build.
Text is laid out with Pillow's basic engine on NFC-normalised strings, so the
result does not depend on whether libraqm happens to be installed.

Determinism: the JPEG holds pixels only (no time, no EXIF), so two builds
of one commit give identical bytes, and the writer leaves an unchanged
image (and its time) alone.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..core.model import Session
from ..core.site import Site
from . import wording

WIDTH, HEIGHT = 1200, 630
MARGIN_X, MARGIN_Y = 70, 60
TEXT_WIDTH = WIDTH - 2 * MARGIN_X
ELLIPSIS = "…"
TITLE_MAX_LINES = 4
#: Title sizes tried in turn: the largest one in which the whole title fits the room left.
TITLE_SIZES = (64, 56, 48)
SEMINAR_SIZE, STATUS_SIZE, SPEAKER_SIZE, DETAIL_SIZE = 34, 30, 40, 32
LINE_SPACING = 1.2
#: Vertical space after the rule, after the status label, and above the speaker.
GAP_AFTER_RULE, GAP_AFTER_STATUS, GAP_BEFORE_FOOTER = 28, 22, 20
STATUS_PADDING = 12

BACKGROUND = (250, 249, 246)
ACCENT = (22, 82, 120)
TITLE_COLOUR = (24, 24, 24)
SPEAKER_COLOUR = (48, 48, 48)
DETAIL_COLOUR = (92, 92, 92)
STATUS_BOX, STATUS_TEXT = (196, 26, 26), (255, 255, 255)
JPEG_QUALITY = 90

_FONT_DIRS = ("/usr/share/fonts/opentype/freefont/", "/usr/share/fonts/truetype/dejavu/", "/usr/share/fonts/truetype/freefont/")
#: (regular, bold) font files, best first; each covers Latin Extended and Greek.
FONT_FILES = (
    (_FONT_DIRS[0] + "FreeSans.otf", _FONT_DIRS[0] + "FreeSansBold.otf"),
    (_FONT_DIRS[1] + "DejaVuSans.ttf", _FONT_DIRS[1] + "DejaVuSans-Bold.ttf"),
    (_FONT_DIRS[2] + "FreeSans.ttf", _FONT_DIRS[2] + "FreeSansBold.ttf"),
)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def font_file(bold: bool = False) -> str | None:
    """The first installed font file of :data:`FONT_FILES`, or None (Pillow's built-in font then)."""
    for regular, heavy in FONT_FILES:
        path = Path(heavy if bold else regular)
        if path.is_file():
            return str(path)
    return None


@functools.lru_cache(maxsize=32)
def font(size: int, bold: bool = False) -> Font:
    path = font_file(bold)
    if path is None:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


def line_height(size: int) -> int:
    return round(size * LINE_SPACING)


def _fitting_prefix(word: str, measure: Callable[[str], float], width: float) -> int:
    """The length of the word's longest start within ``width``; at least 1.

    Doubling, then bisection: a few measurements of strings at most twice a line long.
    """
    fits, too_long = 1, 2
    while too_long <= len(word) and measure(word[:too_long]) <= width:
        fits, too_long = too_long, 2 * too_long
    too_long = min(too_long, len(word) + 1)
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if measure(word[:middle]) <= width:
            fits = middle
        else:
            too_long = middle
    return fits


def _break_word(word: str, measure: Callable[[str], float], width: float, limit: int | None = None) -> list[str]:
    """A word wider than a line, in pieces that each fit (at least one character each); at most ``limit`` pieces."""
    pieces: list[str] = []
    while word and (limit is None or len(pieces) < limit):
        length = _fitting_prefix(word, measure, width)
        pieces.append(word[:length])
        word = word[length:]
    return pieces


def all_lines(text: str, measure: Callable[[str], float], width: float, limit: int | None = None) -> list[str]:
    """The text broken between words into lines of at most ``width``; longer words are broken by characters.

    With a ``limit``, stops once that many lines are found (the rest is not measured).
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        if limit is not None and len(lines) >= limit:
            return lines[:limit]
        candidate = f"{line} {word}" if line else word
        if measure(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        # Up to one piece past the limit: the loop then stops before the next word.
        pieces = _break_word(word, measure, width, None if limit is None else limit - len(lines) + 1)
        lines.extend(pieces[:-1])
        line = pieces[-1]
    lines = lines + [line] if line else lines
    return lines if limit is None else lines[:limit]


def ellipsised(line: str, measure: Callable[[str], float], width: float) -> str:
    """The line cut short enough to end in "…" within ``width``."""
    line = line.rstrip()
    while line and measure(line + ELLIPSIS) > width:
        line = line[:-1].rstrip()
    return line + ELLIPSIS


def wrap(text: str, measure: Callable[[str], float], width: float, max_lines: int = TITLE_MAX_LINES) -> list[str]:
    """At most ``max_lines`` lines of at most ``width``, the last ending in "…" when the text does not fit."""
    if max_lines <= 0:
        return []
    lines = all_lines(text, measure, width, limit=max_lines + 1)
    if len(lines) <= max_lines:
        return lines
    return lines[: max_lines - 1] + [ellipsised(lines[max_lines - 1], measure, width)]


def one_line(text: str, face: Font, width: float = TEXT_WIDTH) -> str:
    return "".join(wrap(text, face.getlength, width, max_lines=1))


def _draw_lines(draw: ImageDraw.ImageDraw, y: int, lines: list[str], face: Font, size: int, colour: tuple[int, int, int]) -> int:
    """Draws the lines from ``y`` (top of the first line); returns the y below the last."""
    for line in lines:
        draw.text((MARGIN_X, y), line, font=face, fill=colour, anchor="la")
        y += line_height(size)
    return y


def _draw_header(draw: ImageDraw.ImageDraw, seminar: str) -> int:
    """The seminar's name in the accent colour over a rule; returns the y below the rule."""
    face = font(SEMINAR_SIZE, True)
    y = _draw_lines(draw, MARGIN_Y, [one_line(seminar, face)], face, SEMINAR_SIZE, ACCENT)
    draw.rectangle((MARGIN_X, y + 4, WIDTH - MARGIN_X - 1, y + 9), fill=ACCENT)
    return y + 9


def _draw_status(draw: ImageDraw.ImageDraw, y: int, status: str) -> int:
    """The status as white text in a red box at ``y``; returns the y below the box."""
    face = font(STATUS_SIZE, True)
    text = one_line(status.upper(), face, TEXT_WIDTH - 2 * STATUS_PADDING)
    box_width = face.getlength(text) + 2 * STATUS_PADDING
    box_height = line_height(STATUS_SIZE) + STATUS_PADDING
    draw.rectangle((MARGIN_X, y, MARGIN_X + box_width, y + box_height), fill=STATUS_BOX)
    draw.text((MARGIN_X + STATUS_PADDING, y + box_height // 2), text, font=face, fill=STATUS_TEXT, anchor="lm")
    return y + box_height


def _title_layout(title: str, room: int) -> tuple[int, list[str]]:
    """The title's size and lines: the largest size at which all of it fits ``room`` pixels, else the smallest, cut short."""
    for size in TITLE_SIZES:
        max_lines = min(TITLE_MAX_LINES, room // line_height(size))
        lines = all_lines(title, font(size, True).getlength, TEXT_WIDTH, limit=max_lines + 1)
        if len(lines) <= max_lines:
            return size, lines
    return size, wrap(title, font(size, True).getlength, TEXT_WIDTH, max_lines)


def _footer_lines(speaker: str, when: str, place: str) -> list[tuple[str, Font, int, tuple[int, int, int]]]:
    """The lines under the title, bottom-aligned: (text, font, size, colour)."""
    footer = ((speaker, SPEAKER_SIZE, SPEAKER_COLOUR), (when, DETAIL_SIZE, DETAIL_COLOUR), (place, DETAIL_SIZE, DETAIL_COLOUR))
    return [(one_line(text, font(size)), font(size), size, colour) for text, size, colour in footer if text.strip()]


def _nfc(text: str) -> str:
    """Composed characters ("ö" as one code point), which the basic layout engine draws without combining marks."""
    return unicodedata.normalize("NFC", text)


def draw_preview(*, seminar: str, title: str, speaker: str, when: str, place: str = "", status: str = "") -> Image.Image:
    """The preview image itself."""
    seminar, title, speaker, when, place, status = map(_nfc, (seminar, title, speaker, when, place, status))
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    y = _draw_header(draw, seminar) + GAP_AFTER_RULE
    if status.strip():
        y = _draw_status(draw, y, status.strip()) + GAP_AFTER_STATUS
    footer = _footer_lines(speaker, when, place)
    footer_top = HEIGHT - MARGIN_Y - sum(line_height(size) for _, _, size, _ in footer)
    size, lines = _title_layout(title, footer_top - GAP_BEFORE_FOOTER - y)
    _draw_lines(draw, y, lines, font(size, True), size, TITLE_COLOUR)
    y = footer_top
    for text, face, size, colour in footer:
        y = _draw_lines(draw, y, [text], face, size, colour)
    return image


def image_bytes(image: Image.Image) -> bytes:
    """The image as JPEG with pixels only: no EXIF, no time, the same bytes for the same pixels.

    JPEG, not PNG: encoding a PNG (zlib) took 10 to 15 ms of the 13 to 18 ms an image
    cost, which a thousand sessions pay on every full build; a JPEG of quality 90 takes
    1.4 ms, and text on a flat background stays clean.  Open Graph and Twitter cards
    take both.
    """
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=False)
    return buffer.getvalue()


def preview_image(*, seminar: str, title: str, speaker: str, when: str, place: str = "", status: str = "") -> bytes:
    """The JPEG of these texts."""
    return image_bytes(draw_preview(seminar=seminar, title=title, speaker=speaker, when=when, place=place, status=status))


def preview_texts(site: Site, session: Session) -> dict[str, str]:
    """What a session's preview says, in the site's wording."""
    words = wording.Words.of(site)
    return {"seminar": site.settings.project, "title": words.page_title(session), "speaker": words.speaker(session),
            "when": words.when(site, session), "place": words.place(session), "status": words.status_text(session) or ""}


def preview(site: Site, session: Session) -> bytes:
    """A session's preview image."""
    return preview_image(**preview_texts(site, session))
