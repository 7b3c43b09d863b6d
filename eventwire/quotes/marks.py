"""Finding quotations by their marks, before any parsing.

Quotation marks are found on the raw paragraph text, not on tokens, because the tokenizer
glues or splits them differently by style. The hard cases are the marks that double as
something else: the straight and curly single quote is also the apostrophe ("Turkey's",
"don't", "'90s"), and the straight double quote opens and closes alike. A single quote
therefore opens only at the start of a word and closes only at the end of one, and a
closing mark that belongs to an outer quote closes it even if an inner one was left open,
so that one stray apostrophe cannot swallow the rest of a paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

# opening mark -> the marks that may close it
CLOSERS: dict[str, str] = {
    "“": "”",
    "„": "“”",
    "«": "»",
    "‹": "›",
    "‘": "’",
    "‚": "’‘",
    '"': '"',
    "'": "'",
}
SINGLE = frozenset("'‘’‚")
# Only these stay open over a paragraph break (news style leaves the closing mark off a
# paragraph that the quotation continues after); an unclosed single quote is an apostrophe.
CARRIED = frozenset('“„«‹"')
_OPEN_CONTEXT = frozenset(" \t\n\r\xa0([{—–-/“‘«„")
_CLOSE_CONTEXT = frozenset(" \t\n\r\xa0.,;:!?)]}—–-”’»\"'")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One top-level quotation in a paragraph; ``start``/``end`` bound the words inside the marks."""

    start: int
    end: int
    opener: str
    closed: bool  # False when the paragraph ended with the quotation still open
    continued: bool  # the quotation was open at the end of the previous paragraph
    mark_start: int  # the opening mark (or the paragraph start when the quote was carried in without one)
    mark_end: int  # one past the closing mark (or the paragraph end)


def find_quote_spans(text: str, carried: str | None = None) -> list[QuoteSpan]:
    """Top-level quotations of ``text``; ``carried`` is the opening mark still open from the paragraph before.

    A single quote left open at the end was an apostrophe after all ("the '90s"): the text is
    scanned again without it.
    """
    ignored: set[int] = set()
    while True:
        spans, stray = _scan(text, carried, ignored)
        if stray is None:
            return [s for s in spans if s.end > s.start]
        ignored.add(stray)


def _scan(text: str, carried: str | None, ignored: set[int]) -> tuple[list[QuoteSpan], int | None]:
    stack: list[tuple[str, int]] = []
    spans: list[QuoteSpan] = []
    continued = bool(carried)
    if carried and not _starts_with_opener(text):
        stack.append((carried, 0))
    for i, ch in enumerate(text):
        if i in ignored:
            continue
        depth = _closing_depth(text, i, ch, stack)
        if depth is not None:
            opener, start = stack[depth]
            del stack[depth:]
            if not stack:
                spans.append(_trimmed(text, start, i, opener, True, continued and not spans, i + 1))
            continue
        if ch in CLOSERS and _can_open(text, i, ch):
            stack.append((ch, i + 1))
    for opener, start in stack:
        if opener in SINGLE:
            return spans, start - 1
    if stack:
        opener, start = stack[0]
        spans.append(_trimmed(text, start, len(text), opener, False, continued and not spans, len(text)))
    return spans, None


def _starts_with_opener(text: str) -> bool:
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in CARRIED


def _closing_depth(text: str, i: int, ch: str, stack: list[tuple[str, int]]) -> int | None:
    """Index in ``stack`` of the open quotation ``ch`` closes, searching from the innermost."""
    for depth in range(len(stack) - 1, -1, -1):
        opener = stack[depth][0]
        if ch in CLOSERS[opener] and _can_close(text, i, ch, opener):
            return depth
    return None


def _can_open(text: str, i: int, ch: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return ch in "«‹"  # French typography puts a space inside guillemets
    if ch in SINGLE:
        return before in _OPEN_CONTEXT and after.isalnum()
    if ch == '"':
        return before in _OPEN_CONTEXT or not before.isalnum()
    return True


def _can_close(text: str, i: int, ch: str, opener: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in SINGLE or opener in SINGLE:
        return not before.isspace() and (after in _CLOSE_CONTEXT or not after.isalnum())
    if opener == ch and ch == '"':
        return not before.isspace() or after in _CLOSE_CONTEXT
    return True


def _trimmed(
    text: str, start: int, end: int, opener: str, closed: bool, continued: bool, mark_end: int
) -> QuoteSpan:
    mark_start = max(start - 1, 0)
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1  # "“We will respond,” he said": the comma stands in for the attribution, not the speaker
    return QuoteSpan(start, end, opener, closed, continued, mark_start, mark_end)
