"""Reader for PETRARCH/TABARI agent dictionaries (``*.agents.txt``).

An agent is a role or sector word ("police", "foreign minister") whose code is added to the
actor it belongs to: ``[~COP]`` appends (Arnor police -> ARNCOP), ``[NGO~]`` prepends.
Plurals are generated regularly unless given in braces (``{GEESE}``) or suppressed by ``{}``.
``!NAME! = A, B`` defines a substitution used inside names (``CONGRESS!PERSON!``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product
from pathlib import Path

from eventwire.dictionaries.common import (
    DictionaryError,
    SourceLine,
    bracket_groups,
    phrase_words,
    read_lines,
    regular_plural,
)

_SUBSTITUTION = re.compile(r"^!(?P<name>[A-Z0-9_]+)!\s*=\s*(?P<values>.+)$", re.IGNORECASE)
_AGENT_CODE = re.compile(r"^(?P<prefix>[A-Za-z0-9]*)~(?P<suffix>[A-Za-z0-9]*)$")


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """One agent with all the word sequences that name it."""

    forms: tuple[tuple[str, ...], ...]
    prefix: str  # code put before the actor's code ("NGO" in [NGO~])
    suffix: str  # code put after it ("GOV" in [~GOV])
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class AgentDictionary:
    entries: tuple[AgentEntry, ...]
    warnings: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)


def parse_agent_code(group: str, line: SourceLine) -> tuple[str, str]:
    match = _AGENT_CODE.match(re.sub(r"\s+", "", group))
    if not match or not (match["prefix"] or match["suffix"]):
        raise line.fail(f"agent code '[{group}]' must be [~CODE] or [CODE~]")
    return match["prefix"].upper(), match["suffix"].upper()


def read_agent_dictionary(path: str | Path, strict: bool = True) -> AgentDictionary:
    """Read an agent file; with ``strict=False`` malformed lines are skipped into ``warnings``."""
    substitutions: dict[str, tuple[str, ...]] = {}
    entries: list[AgentEntry] = []
    warnings: list[str] = []
    for line in read_lines(path):
        text = line.text.strip()
        definition = _SUBSTITUTION.match(text)
        if definition:
            values = tuple(v.strip().upper() for v in definition["values"].split(",") if v.strip())
            substitutions[definition["name"].upper()] = values
            continue
        try:
            entries.append(_parse_agent_line(text, line, substitutions))
        except DictionaryError as exc:
            if strict:
                raise
            warnings.append(f"{exc}; line skipped")
    return AgentDictionary(tuple(entries), tuple(warnings))


def _parse_agent_line(text: str, line: SourceLine, substitutions: dict[str, tuple[str, ...]]) -> AgentEntry:
    groups = bracket_groups(text, line)
    if len(groups) != 1:
        raise line.fail("an agent line needs exactly one [code]")
    prefix, suffix = parse_agent_code(groups[0], line)
    head = text.split("[", 1)[0]
    plurals: tuple[str, ...] | None = None
    if "{" in head or "}" in head:
        brace = re.match(r"^(?P<name>[^{}]*)\{(?P<plurals>[^{}]*)\}\s*$", head)
        if not brace:
            raise line.fail("misplaced or unbalanced '{' '}'")
        head, plurals = brace["name"], tuple(brace["plurals"].split())
    name = head.strip()
    if not name:
        raise line.fail("agent line without a name")
    forms: list[tuple[str, ...]] = []
    for spelled in expand_substitutions(name.upper(), substitutions, line):
        words = phrase_words(spelled)
        forms.append(words)
        if plurals is None:
            forms.append(words[:-1] + (regular_plural(words[-1]),))
    for plural in plurals or ():
        forms.extend(phrase_words(p) for p in expand_substitutions(plural.upper(), substitutions, line))
    return AgentEntry(tuple(dict.fromkeys(forms)), prefix, suffix, line.path, line.number)


def expand_substitutions(name: str, substitutions: dict[str, tuple[str, ...]], line: SourceLine) -> list[str]:
    """``CONGRESS!PERSON!`` -> CONGRESSMAN, CONGRESSMEN, ... (every combination of markers)."""
    pieces = re.split(r"!([A-Z0-9_]+)!", name)
    choices: list[tuple[str, ...]] = []
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            choices.append((piece,))
        elif piece in substitutions:
            choices.append(substitutions[piece])
        else:
            raise line.fail(f"substitution !{piece}! is not defined above this line")
    return ["".join(combo) for combo in product(*choices)]
