"""Cutting an article into the pieces spaCy parses.

Articles are parsed paragraph by paragraph: a headline must never be glued to the first
sentence, a 5 MB article must not exceed spaCy's length limit, and paragraph-sized Docs
batch well in ``nlp.pipe``. Of a run of more than ``MAX_RUN_CHARS`` characters without a
space (20,000 quotes or emoji) only the first ``MAX_RUN_CHARS`` are parsed, as a piece of their
own: spaCy's tokenizer takes time quadratic in the length of such a run (its suffix search; about
40 s for 20,000 characters), and even cut into pieces, 20,000 one-character tokens take seconds
to parse while holding nothing an English event coder can use (such a run is no words). The text
around the run is parsed as usual. Offsets stay those of the original text; the text of every
piece is the original's, unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_SEGMENT_CHARS = 20_000
MAX_RUN_CHARS = 200  # no word, number or URL a coder can use is longer
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v\xa0]*\n\s*")
_TERMINAL = tuple('.!?:;"”’»)]')


@dataclass(frozen=True, slots=True)
class Segment:
    start: int  # offset of the segment in the article text
    text: str


def segments(text: str, max_chars: int = MAX_SEGMENT_CHARS) -> list[Segment]:
    out: list[Segment] = []
    for start, block in _paragraph_blocks(text):
        for offset, piece in _lines(block):
            for cut_start, cut in _cap_length(piece, max_chars):
                for run_start, part in _break_long_runs(cut):
                    stripped = part.strip()
                    if stripped:
                        lead = len(part) - len(part.lstrip())
                        out.append(Segment(start + offset + cut_start + run_start + lead, stripped))
    return out


def _break_long_runs(text: str) -> Iterator[tuple[int, str]]:
    """The text around each over-long run without spaces, and the first MAX_RUN_CHARS of the run."""
    position = 0
    for match in _LONG_RUN.finditer(text):
        yield position, text[position:match.start()]
        yield match.start(), text[match.start():match.start() + MAX_RUN_CHARS]
        position = match.end()
    yield position, text[position:]


def _paragraph_blocks(text: str) -> Iterator[tuple[int, str]]:
    position = 0
    for match in _BLANK_LINES.finditer(text):
        yield position, text[position:match.start()]
        position = match.end()
    yield position, text[position:]


def _lines(block: str) -> Iterator[tuple[int, str]]:
    """Single line breaks end a paragraph when the line ends a sentence or is a headline;
    hard-wrapped prose (many lines of similar width) is kept together."""
    lines = block.split("\n")
    if len(lines) == 1 or _looks_hard_wrapped(lines):
        yield 0, block
        return
    start = 0
    position = 0
    for i, line in enumerate(lines[:-1]):
        position += len(line) + 1
        stripped = line.rstrip()
        if stripped.endswith(_TERMINAL) or (len(stripped) < 100 and not stripped.endswith(",")) or i == 0:
            yield start, block[start:position - 1]
            start = position
    yield start, block[start:]


def _looks_hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 3:
        return False
    widths = sorted(len(line) for line in lines[:-1])
    median = widths[len(widths) // 2]
    unterminated = sum(1 for line in lines[:-1] if not line.rstrip().endswith(_TERMINAL))
    return 55 <= median <= 90 and unterminated >= len(lines) // 2


def _cap_length(text: str, max_chars: int) -> Iterator[tuple[int, str]]:
    """Cut an over-long paragraph at the last sentence end (else space) before the limit."""
    start = 0
    while len(text) - start > max_chars:
        window = text[start:start + max_chars]
        cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
        if cut < max_chars // 2:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = max_chars - 1
        yield start, text[start:start + cut + 1]
        start += cut + 1
    yield start, text[start:]
