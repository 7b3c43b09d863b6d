"""Reader for PETRARCH/TABARI actor dictionaries (``*.actors.txt``).

An entry is one or more names (``_`` joins the words of a name; ``+NAME`` lines add synonyms)
and one or more codes in brackets, on the name line or on indented lines below it. A code may
be limited in time -- ``[CODE >YYYYMMDD]`` (from that day on), ``[CODE <YYYYMMDD]`` (before
that day), ``[CODE YYYYMMDD-YYYYMMDD]`` (both days included); six-digit ``YYMMDD`` dates too -- because who holds an office changes; ``A/B`` lists several
actors the name stands for. Name lines without a code are synonyms of the next coded entry.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from eventwire.dictionaries.common import (
    DictionaryError,
    SourceLine,
    bracket_groups,
    phrase_words,
    read_lines,
)

_CODE = re.compile(r"^[A-Za-z0-9\-+#/]+$")
_RESTRICTION = re.compile(
    r"^(?P<code>[^\s<>]+)(?:\s*(?P<op>[<>])\s*(?P<date>\d+)|\s+(?P<start>\d+)\s*-\s*(?P<end>\d+)|\s+(?P<lone>\d+))?$"
)


@dataclass(frozen=True, slots=True)
class ActorCode:
    """One code of an actor and the dates it holds for (inclusive; ``None`` = open)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def restricted(self) -> bool:
        return self.start is not None or self.end is not None

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    @property
    def codes(self) -> tuple[str, ...]:
        """``ELR/GAL`` stands for two actors."""
        return tuple(part for part in self.code.split("/") if part)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A dictionary actor: every way it is written and its (dated) codes."""

    names: tuple[tuple[str, ...], ...]
    codes: tuple[ActorCode, ...]
    path: str
    line: int

    @property
    def canonical(self) -> str:
        return " ".join(self.names[0]).title()

    def codes_on(self, day: dt.date | None) -> tuple[str, ...]:
        """The codes that hold on ``day``: the first dated code covering it, else the undated one.

        Dated codes are tried in file order so an earlier, narrower range can override a later,
        wider one (the dictionaries rely on that). Without a date, or when nothing covers it,
        the undated code is used, then the first code as a last resort.
        """
        if day is not None:
            for code in self.codes:
                if code.restricted and code.holds_on(day):
                    return code.codes
        for code in self.codes:
            if not code.restricted:
                return code.codes
        return self.codes[0].codes


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    entries: tuple[ActorEntry, ...]
    warnings: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)


def parse_date(text: str) -> dt.date:
    """``YYYYMMDD`` or TABARI's ``YYMMDD`` (years 30-99 are 19xx, 00-29 are 20xx)."""
    if len(text) == 8:
        year, rest = int(text[:4]), text[4:]
    elif len(text) == 6:
        short = int(text[:2])
        year, rest = (1900 + short if short >= 30 else 2000 + short), text[2:]
    else:
        raise _BadDate(f"date '{text}' is neither YYYYMMDD nor YYMMDD")
    try:
        return dt.date(year, int(rest[:2]), int(rest[2:]))
    except ValueError as exc:
        raise _BadDate(f"date '{text}' is not a calendar date") from exc


class _BadDate(ValueError):
    """A date restriction whose digits do not make a date; recoverable by dropping that code."""


def parse_code(group: str, line: SourceLine) -> ActorCode:
    """The code of one ``[...]`` group."""
    match = _RESTRICTION.match(group.strip())
    if not match or not _CODE.match(match["code"]) or match["code"].isdigit():
        raise line.fail(f"actor code '[{group}]' is not CODE, CODE >DATE, CODE <DATE or CODE DATE-DATE")
    try:
        return _dated_code(match, line)
    except _BadDate as exc:
        raise line.fail(str(exc)) from exc


def _dated_code(match: re.Match, line: SourceLine) -> ActorCode:
    code = match["code"].upper()
    if match["lone"]:
        raise _BadDate(f"date '{match['lone']}' without '<', '>' or a range")
    if match["op"] == ">":
        return ActorCode(code, start=parse_date(match["date"]))
    if match["op"] == "<":
        return ActorCode(code, end=parse_date(match["date"]) - dt.timedelta(days=1))
    if match["start"]:
        start, end = parse_date(match["start"]), parse_date(match["end"])
        if end < start:
            raise _BadDate(f"date range {match['start']}-{match['end']} ends before it starts")
        return ActorCode(code, start=start, end=end)
    return ActorCode(code)


class _EntryBuilder:
    """Collects the lines of one entry until the next entry starts."""

    def __init__(self, first: SourceLine) -> None:
        self.first = first
        self.names: list[tuple[str, ...]] = []
        self.codes: list[ActorCode] = []
        self.had_code_line = False

    def add_name(self, text: str, line: SourceLine) -> None:
        words = phrase_words(text)
        if not words:
            raise line.fail("empty actor name")
        self.names.append(words)

    def build(self) -> ActorEntry:
        return ActorEntry(tuple(self.names), tuple(self.codes), self.first.path, self.first.number)


def read_actor_dictionary(path: str | Path, strict: bool = True) -> ActorDictionary:
    """Read an actor file; with ``strict=False`` a malformed line is skipped and reported in
    ``warnings`` instead of raising (the published Phoenix files have a handful)."""
    entries: list[ActorEntry] = []
    warnings: list[str] = []
    current: _EntryBuilder | None = None
    for line in read_lines(path):
        try:
            current = _feed_actor_line(line, current, entries)
        except DictionaryError as exc:
            if strict:
                raise
            warnings.append(f"{exc}; line skipped")
    if current is not None:
        if not current.had_code_line:
            raise current.first.fail("actor entry has no code")
        entries.append(current.build())
    return ActorDictionary(tuple(entries), tuple(warnings))


def _feed_actor_line(line: SourceLine, current: _EntryBuilder | None, entries: list[ActorEntry]) -> _EntryBuilder | None:
    """Add one line to the entry being read; return the entry now being read."""
    text = line.text.strip()
    if text.startswith(("[", "+")) and current is None:
        raise line.fail("code or '+' synonym line before any actor name")
    if text.startswith("["):
        for group in bracket_groups(text, line):
            current.codes.append(parse_code(group, line))
        current.had_code_line = True
        return current
    if text.startswith("+"):
        current.add_name(_name_part(text[1:], line), line)
        return current
    if current is not None and current.had_code_line:
        entries.append(current.build())
        current = None
    if current is None:
        current = _EntryBuilder(line)
    current.add_name(_name_part(text, line), line)
    for group in bracket_groups(text, line):
        current.codes.append(parse_code(group, line))
        current.had_code_line = True
    return current


def _name_part(text: str, line: SourceLine) -> str:
    name = text.split("[", 1)[0].strip()
    if "]" in name:
        raise line.fail("']' without '['")
    return name
