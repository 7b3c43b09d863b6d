"""Cut an article's text into pieces marked with the records that cover them.

Actors, triggers and quotes overlap (a quote holds actors and triggers), so nested HTML
would not do: the text is split at every span boundary and each piece lists the marks that
cover it. The template escapes each piece's text; nothing here produces markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # "actor", "trigger", "quote"
    label: str  # shown on hover: actor code and name, event code, speaker
    ref: str | None = None  # anchor of the record the mark belongs to ("event-<id>")


@dataclass(slots=True)
class Piece:
    text: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        return sorted({m.kind for m in self.marks})

    @property
    def title(self) -> str:
        return "; ".join(dict.fromkeys(m.label for m in self.marks))

    @property
    def ref(self) -> str | None:
        return next((m.ref for m in self.marks if m.kind == "trigger" and m.ref), None)


def pieces(text: str, marks: list[Mark]) -> list[Piece]:
    """The text split at every mark boundary; marks outside the text are clipped or dropped.

    One sweep over the sorted boundaries, keeping the set of open marks, so the cost grows
    with the number of marks and pieces, not their product (a 200 KB article has thousands).
    Each piece lists its marks in the order they were given.
    """
    size = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end and m.start < size]
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for n, mark in enumerate(valid):
        opening.setdefault(mark.start, []).append(n)
        closing.setdefault(min(mark.end, size), []).append(n)
    cuts = sorted({0, size, *opening, *closing})
    open_marks: set[int] = set()
    out = []
    for start, end in zip(cuts, cuts[1:]):
        open_marks.difference_update(closing.get(start, ()))
        open_marks.update(opening.get(start, ()))
        out.append(Piece(text[start:end], [valid[n] for n in sorted(open_marks)]))
    return out


def document_marks(doc: dict[str, Any]) -> list[Mark]:
    """Marks for a stored document's actor mentions, event triggers and quotes."""
    marks = []
    for mention in doc.get("mentions", ()):
        if mention.get("span_start") is not None and mention.get("span_end") is not None:
            label = " ".join(x for x in (mention.get("code"), mention.get("name") or mention.get("role")) if x)
            marks.append(Mark(mention["span_start"], mention["span_end"], "actor", f"actor {label}"))
    for event in doc.get("events", ()):
        start, end = event.get("span_start"), event.get("span_end")
        if start is not None and end is not None:
            label = f"event {event.get('cameo')} {event.get('source') or '?'} → {event.get('target') or '?'}"
            marks.append(Mark(start, end, "trigger", label, f"event-{event['event_id']}"))
    for quote in doc.get("quotes", ()):
        if quote.get("span_start") is not None and quote.get("span_end") is not None:
            speaker = quote.get("speaker_name") or quote.get("speaker") or "unknown speaker"
            marks.append(Mark(quote["span_start"], quote["span_end"], "quote", f"quote by {speaker}"))
    return marks


def sentence_pieces(sentence: str, trigger: str | None) -> list[Piece]:
    """A sentence with its trigger marked (event lists, where only the sentence is at hand)."""
    if not trigger or trigger not in sentence:
        return [Piece(sentence)]
    start = sentence.index(trigger)
    return pieces(sentence, [Mark(start, start + len(trigger), "trigger", "trigger")])
