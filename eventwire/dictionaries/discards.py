"""Reader for PETRARCH/TABARI discard lists (``*.discards.txt``).

A discard phrase marks text that looks political but is not (sports, weather): a sentence
containing it is not coded; a ``+`` phrase discards the whole story.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventwire.dictionaries.common import phrase_words, read_lines


@dataclass(frozen=True, slots=True)
class DiscardEntry:
    words: tuple[str, ...]
    story: bool  # True: discard the whole article, False: only the sentence
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class DiscardDictionary:
    entries: tuple[DiscardEntry, ...]
    warnings: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)


def read_discard_dictionary(path: str | Path, strict: bool = True) -> DiscardDictionary:
    """Read a discard file; with ``strict=False`` malformed lines are skipped into ``warnings``."""
    entries: list[DiscardEntry] = []
    warnings: list[str] = []
    for line in read_lines(path):
        text = line.text.strip()
        story = text.startswith("+")
        if story:
            text = text[1:]
        problem = ("a discard phrase cannot hold brackets or braces" if any(ch in text for ch in "[]{}")
                   else "" if phrase_words(text) else "empty discard phrase")
        if problem and strict:
            raise line.fail(problem)
        if problem:
            warnings.append(f"{line.fail(problem)}; line skipped")
            continue
        entries.append(DiscardEntry(phrase_words(text), story, line.path, line.number))
    return DiscardDictionary(tuple(entries), tuple(warnings))
