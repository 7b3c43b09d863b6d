"""What every PETRARCH/TABARI dictionary reader shares: lines, comments, words, errors.

The dictionary formats are line based and older than any schema; the only way to keep a user's
mistake from becoming a silently wrong code is to fail at the exact file and line, which is
what :class:`DictionaryError` carries (it is a :class:`eventwire.tables.TableError`, so callers
handle every data error of eventwire the same way).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.tables import TableError


class DictionaryError(TableError):
    """A dictionary file is malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One meaningful line of a dictionary file, comments removed, with where it came from."""

    path: str
    number: int
    text: str

    def fail(self, message: str) -> DictionaryError:
        return DictionaryError(self.path, self.number, f"{message}: {self.text.strip()!r}")

    @property
    def where(self) -> str:
        return f"{Path(self.path).name}:{self.number}"


_HYPHEN_BETWEEN_LETTERS = re.compile(r"(?<=[A-Z])-(?=[A-Z])")


def read_lines(path: str | Path) -> Iterator[SourceLine]:
    """Yield the non-blank lines of a dictionary file without ``#`` comments and ``<!-- -->`` blocks.

    The files are mostly ASCII but some carry Latin-1 bytes from their TABARI past; those are
    decoded rather than rejected because the names they spell are still worth matching.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DictionaryError(path, None, f"cannot read dictionary: {exc.strerror}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    in_markup_comment = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if in_markup_comment:
            if "-->" in stripped:
                in_markup_comment = False
            continue
        if stripped.startswith("<"):
            in_markup_comment = "-->" not in stripped and stripped.startswith("<!")
            continue
        content = strip_comment(line)
        if content.strip():
            yield SourceLine(str(path), number, content)


def strip_comment(line: str) -> str:
    """The line up to its ``#`` (or TABARI's ``;``) comment; inside ``[...]`` both belong to the code."""
    depth = 0
    for at, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch in "#;" and depth == 0:
            return line[:at]
    return line


def phrase_words(phrase: str) -> tuple[str, ...]:
    """Dictionary spelling -> the word sequence spaCy produces for it.

    ``_`` and spaces both separate words; a hyphen between letters becomes its own word and
    ``N'T``/``'S`` endings are split off, because that is how the English tokenizer cuts
    "Barad-dur", "didn't" and "Gondor's".
    """
    words: list[str] = []
    for chunk in re.split(r"[\s_]+", phrase.upper()):
        if chunk:
            words.extend(split_word(chunk))
    return tuple(words)


def split_word(word: str) -> list[str]:
    parts: list[str] = []
    for piece in _HYPHEN_BETWEEN_LETTERS.split(word):
        if len(piece) > 3 and piece.endswith("N'T"):
            parts.extend([piece[:-3], "N'T"])
        elif len(piece) > 2 and piece.endswith("'S"):
            parts.extend([piece[:-2], "'S"])
        else:
            parts.append(piece)
        parts.append("-")
    return parts[:-1]


def regular_plural(word: str) -> str:
    """English regular plural of an upper-case noun, as the dictionaries assume for agents."""
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("S", "X", "Z", "CH", "SH")):
        return word + "ES"
    return word + "S"


def bracket_groups(text: str, line: SourceLine) -> list[str]:
    """The contents of the ``[...]`` groups of a line, failing on an unbalanced bracket."""
    if text.count("[") != text.count("]"):
        raise line.fail("unbalanced '[' ']'")
    return [group.strip() for group in re.findall(r"\[([^\[\]]*)\]", text)]
