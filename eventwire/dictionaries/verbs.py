"""Reader for PETRARCH/TABARI verb dictionaries (CAMEO 2.0 ``CAMEO.2.0.txt`` and ``*.verbs.txt``).

Layout, as both formats share it:

* ``&NAME`` opens a synonym set; the ``+WORD`` lines under it are its members (a member may
  be a phrase or another set, ``+&OTHER``). Members are nouns: plurals match too, unless the
  member ends in ``_``.
* ``--- NAME [code] ---`` opens a verb block; the lines under it are the verbs of the block
  (``WORD {IRREGULAR FORMS} [code]``; ``+`` marks the verb inside a phrase: ``+BREAK_DOWN``,
  ``WIRE_+TAP``) and then its patterns.
* A pattern is ``- words * words [code]``: ``*`` is the verb, the words must occur before or
  after it in that order (``_`` = next to each other, a space = anything may come between),
  ``$``/``+`` mark where the source/target actor stands, ``%`` a compound actor that is both,
  ``^`` skips a noun phrase, ``&NAME`` any member of a set. CAMEO 2.0 adds ``(...)`` around
  prepositional phrases and ``{...}`` around noun phrases; both read as plain word groups.
* A code ``[032:033]`` gives the event and the reverse event (target back to source);
  ``[---]`` means "no event".
* ``~`` lines (end of CAMEO 2.0) are PETRARCH's verb-combination rules; they are kept as read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from eventwire.dictionaries.common import (
    DictionaryError,
    SourceLine,
    bracket_groups,
    read_lines,
    regular_plural,
    split_word,
)

ElementKind = Literal["word", "synset", "source", "target", "compound", "skip"]
_SLOTS: dict[str, ElementKind] = {"$": "source", "+": "target", "%": "compound", "^": "skip"}
_CODE_PART = re.compile(r"^[^\s\[\]:]+$")
_HEADER = re.compile(r"^---\s*(?P<name>[^\[\]]*?)\s*(?P<codes>(?:\[[^\[\]]*\]\s*)*)(?:-{3,}\s*)*$")
_NULL = "---"


@dataclass(frozen=True, slots=True)
class EventCode:
    """``[032:033]``: the event source->target and the reverse event target->source."""

    forward: str | None
    reverse: str | None

    @property
    def is_null(self) -> bool:
        return self.forward is None and self.reverse is None


NO_EVENT = EventCode(None, None)


@dataclass(frozen=True, slots=True)
class Element:
    """One item of a pattern. ``joined``: no word may stand between it and its neighbour
    on the verb's side (``_`` in the file)."""

    kind: ElementKind
    value: str
    joined: bool


@dataclass(frozen=True, slots=True)
class Pattern:
    before: tuple[Element, ...]  # in sentence order, the last one next to the verb
    after: tuple[Element, ...]  # in sentence order, the first one next to the verb
    code: EventCode
    raw_code: str
    path: str
    line: int

    @property
    def size(self) -> int:
        """How specific the pattern is: the more it asks for, the more it should win."""
        return sum(1 for e in self.before + self.after if e.kind != "skip")


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """A verb (or verb phrase) of a block, with its own code if the line gives one."""

    forms: frozenset[str]  # upper-case spellings of the verb word itself
    before: tuple[str, ...]  # words that must come right before the verb ("WIRE" in WIRE_+TAP)
    after: tuple[str, ...]  # words that must come right after it ("DOWN" in +BREAK_DOWN)
    code: EventCode | None
    raw_code: str | None
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class VerbBlock:
    name: str
    code: EventCode
    raw_code: str
    verbs: tuple[VerbEntry, ...]
    patterns: tuple[Pattern, ...]
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class TransformationRule:
    """A PETRARCH verb-combination rule (``~ a (a b ATTACK) SAY = a b 015``), unparsed."""

    text: str
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class VerbDictionary:
    blocks: tuple[VerbBlock, ...]
    synsets: dict[str, tuple[tuple[str, ...], ...]]  # expanded: name -> member word sequences
    transformations: tuple[TransformationRule, ...]
    index: dict[str, tuple[tuple[int, int], ...]]  # verb spelling -> (block, verb) positions
    warnings: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.blocks)

    @property
    def pattern_count(self) -> int:
        return sum(len(b.patterns) for b in self.blocks)


def parse_event_code(text: str, line: SourceLine) -> EventCode:
    text = text.strip()
    if not text:
        raise line.fail("empty event code '[]'")
    if text == _NULL:
        return NO_EVENT
    forward, sep, reverse = text.partition(":")
    parts = [p.strip() for p in ((forward, reverse) if sep else (forward,))]
    for part in parts:
        if part and part != _NULL and not _CODE_PART.match(part):
            raise line.fail(f"event code '[{text}]' has characters a code cannot have")
    if sep and not parts[0] and not parts[1]:
        raise line.fail("event code ':' without codes")

    def value(part: str) -> str | None:
        return None if not part or part == _NULL else part

    return EventCode(value(parts[0]), value(parts[1]) if sep else None)


def regular_verb_forms(verb: str) -> set[str]:
    """The regular inflections of an upper-case verb; irregular ones come from ``{...}``."""
    forms = {verb, verb + "S", verb + "ED", verb + "ING"}
    if verb.endswith("E"):
        forms |= {verb + "D", verb[:-1] + "ING"}
    if verb.endswith(("S", "X", "Z", "CH", "SH", "O")):
        forms.add(verb + "ES")
    if verb.endswith("Y") and len(verb) > 1 and verb[-2] not in "AEIOU":
        forms |= {verb[:-1] + "IES", verb[:-1] + "IED"}
    return forms


class _Reader:
    """State of one pass over a verb file."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.blocks: list[VerbBlock] = []
        self.block: dict | None = None
        self.synset_name: str | None = None
        self.synset_lines: dict[str, SourceLine] = {}
        self.raw_synsets: dict[str, list[tuple[tuple[str, ...], bool, SourceLine]]] = {}
        self.synset_uses: list[tuple[str, SourceLine]] = []
        self.transformations: list[TransformationRule] = []
        self.warnings: list[str] = []

    def feed(self, line: SourceLine) -> None:
        text = line.text.strip()
        if text.startswith("~"):
            if "=" not in text:
                raise line.fail("transformation rule without '='")
            self.transformations.append(TransformationRule(text, line.path, line.number))
        elif text.startswith("---"):
            self.start_block(text, line)
        elif text.startswith("&"):
            self.start_synset(text, line)
        elif text.startswith("-"):
            if self.block is None:
                raise line.fail("pattern line outside a verb block")
            self.synset_name = None
            self.block["patterns"].append(self.parse_pattern(text[1:], line))
        elif text.startswith("+") and self.synset_name is not None:
            self.add_member(text[1:], line)
        elif self.block is not None:
            self.synset_name = None
            self.block["verbs"].append(self.parse_verb(text, line))
        else:
            raise line.fail("line is neither a synonym set, a verb block, a verb nor a pattern")

    def start_block(self, text: str, line: SourceLine) -> None:
        self.finish_block()
        self.synset_name = None
        match = _HEADER.match(text)
        codes = bracket_groups(text, line)
        if not match or not codes or not match["name"].strip():
            raise line.fail("verb block header must read '--- NAME [code] ---'")
        self.block = {"name": match["name"].strip().rstrip("_").upper(), "raw": codes[0],
                      "code": parse_event_code(codes[0], line), "line": line, "verbs": [], "patterns": []}

    def finish_block(self) -> None:
        if self.block is None:
            return
        b = self.block
        if not b["verbs"]:
            raise b["line"].fail("verb block has no verb line")
        self.blocks.append(VerbBlock(b["name"], b["code"], b["raw"], tuple(b["verbs"]), tuple(b["patterns"]),
                                     b["line"].path, b["line"].number))
        self.block = None

    def start_synset(self, text: str, line: SourceLine) -> None:
        name = text[1:].split()[0].rstrip("_").upper() if text[1:].split() else ""
        if not re.match(r"^[A-Z0-9_\-]+$", name) or len(text.split()) > 1:
            raise line.fail("synonym set header must be '&NAME'")
        self.finish_block()
        self.synset_name = name
        self.synset_lines[name] = line
        self.raw_synsets.setdefault(name, [])

    def add_member(self, text: str, line: SourceLine) -> None:
        member = text.strip()
        if not member or any(ch in member for ch in "[]{}*"):
            raise line.fail("a synonym set member is a word, a phrase or &SET")
        plural_ok = not member.endswith("_")
        words = tuple(w for chunk in re.split(r"[\s_]+", member.upper()) if chunk for w in split_word(chunk))
        self.raw_synsets[self.synset_name].append((words, plural_ok, line))

    def parse_verb(self, text: str, line: SourceLine) -> VerbEntry:
        groups = bracket_groups(text, line)
        if len(groups) > 1:
            raise line.fail("a verb line has at most one [code]")
        head = text.split("[", 1)[0]
        forms_text = ""
        if "{" in head or "}" in head:
            brace = re.match(r"^(?P<base>[^{}]*)\{(?P<forms>[^{}]*)\}\s*$", head)
            if not brace:
                raise line.fail("misplaced or unbalanced '{' '}'")
            head, forms_text = brace["base"], brace["forms"]
        before, verb, after = _split_verb_phrase(head, line)
        forms = regular_verb_forms(verb)
        for form in re.split(r"[\s,]+", forms_text.strip()):
            if not form:
                continue
            _, form_verb, _ = _split_verb_phrase(form, line)
            forms.add(form_verb)
        code = parse_event_code(groups[0], line) if groups else None
        return VerbEntry(frozenset(forms), before, after, code, groups[0] if groups else None,
                         line.path, line.number)

    def parse_pattern(self, text: str, line: SourceLine) -> Pattern:
        groups = bracket_groups(text, line)
        if len(groups) != 1:
            raise line.fail("a pattern needs exactly one [code] at its end")
        body = text.split("[", 1)[0]
        # (...) and {...} only group words for PETRARCH's tree matcher; an unbalanced one (the
        # real CAMEO 2.0 file has a few) changes nothing for a word matcher, so it is not fatal.
        parts: list[tuple[str, bool]] = []
        for chunk in re.sub(r"[(){}]", " ", body).split():
            pieces = re.sub(r"(?<=[^_])\*|\*(?=[^_])", lambda m: "_*" if m.start() else "*_", chunk).split("_")
            for n, piece in enumerate(pieces):
                if piece:
                    parts.append((piece.upper(), n > 0 and bool(pieces[n - 1])))
        stars = [i for i, (p, _) in enumerate(parts) if p == "*"]
        if len(stars) != 1:
            raise line.fail("a pattern needs exactly one '*' for the verb")
        star = stars[0]
        before = [self.element(p, parts[i + 1][1], line) for i, (p, _) in enumerate(parts[:star])]
        after = [self.element(p, joined, line) for p, joined in parts[star + 1:]]
        flat_before = [e for group in before for e in group]
        flat_after = [e for group in after for e in group]
        return Pattern(tuple(flat_before), tuple(flat_after), parse_event_code(groups[0], line), groups[0],
                       line.path, line.number)

    def element(self, part: str, joined: bool, line: SourceLine) -> list[Element]:
        if part in _SLOTS:
            return [Element(_SLOTS[part], part, joined)]
        if part.startswith("&"):
            name = part[1:].rstrip("_")
            if not name:
                raise line.fail("'&' without a set name")
            self.synset_uses.append((name, line))
            return [Element("synset", name, joined)]
        if "*" in part:
            raise line.fail(f"'{part}': '*' must stand alone")
        words = split_word(part)
        return [Element("word", w, joined if i == 0 else True) for i, w in enumerate(words)]

    def expand_synsets(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        for name, line in self.synset_uses:
            if name not in self.raw_synsets:
                problem = line.fail(f"synonym set &{name} is not defined")
                if self.strict:
                    raise problem
                self.warnings.append(f"{problem}; the pattern cannot match")
        expanded: dict[str, tuple[tuple[str, ...], ...]] = {}

        def expand(name: str, trail: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
            if name in expanded:
                return expanded[name]
            if name in trail:
                raise self.synset_lines[name].fail(f"synonym set &{name} contains itself")
            members: list[tuple[str, ...]] = []
            for words, plural_ok, line in self.raw_synsets[name]:
                if len(words) == 1 and words[0].startswith("&"):
                    inner = words[0][1:].rstrip("_")
                    if inner not in self.raw_synsets:
                        raise line.fail(f"synonym set &{inner} is not defined")
                    members.extend(expand(inner, trail + (name,)))
                    continue
                members.append(words)
                if plural_ok:
                    members.append(words[:-1] + (regular_plural(words[-1]),))
            expanded[name] = tuple(dict.fromkeys(members))
            return expanded[name]

        for name in self.raw_synsets:
            expand(name, ())
        return expanded


def _split_verb_phrase(text: str, line: SourceLine) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """``KLM_NOP_+RST`` -> (("KLM", "NOP"), "RST", ()); without ``+`` the first word is the verb."""
    words = [w for w in re.split(r"[\s_]+", text.strip().upper()) if w]
    if not words:
        raise line.fail("verb line without a verb")
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    if len(marked) > 1:
        raise line.fail("a verb phrase marks more than one word with '+'")
    at = marked[0] if marked else 0
    words[at] = words[at].lstrip("+")
    if not words[at] or not re.match(r"^[A-Z0-9'\-.]+$", words[at]):
        raise line.fail(f"'{words[at]}' is not a verb spelling")
    return tuple(words[:at]), words[at], tuple(words[at + 1:])


def read_verb_dictionary(path: str | Path, strict: bool = True) -> VerbDictionary:
    """Read a verb file; with ``strict=False`` malformed lines are skipped into ``warnings``."""
    reader = _Reader(strict)
    for line in read_lines(path):
        try:
            reader.feed(line)
        except DictionaryError as exc:
            if strict:
                raise
            reader.warnings.append(f"{exc}; line skipped")
    reader.finish_block()
    if not reader.blocks:
        raise DictionaryError(path, None, "no verb block ('--- NAME [code] ---') in the file")
    synsets = reader.expand_synsets()
    return VerbDictionary(tuple(reader.blocks), synsets, tuple(reader.transformations),
                          build_index(reader.blocks), tuple(reader.warnings))


def merge_verb_dictionaries(parts: list[VerbDictionary]) -> VerbDictionary:
    blocks = tuple(b for part in parts for b in part.blocks)
    synsets: dict[str, tuple[tuple[str, ...], ...]] = {}
    for part in parts:
        synsets.update(part.synsets)
    rules = tuple(r for part in parts for r in part.transformations)
    warnings = tuple(w for part in parts for w in part.warnings)
    return VerbDictionary(blocks, synsets, rules, build_index(blocks), warnings)


def build_index(blocks: list[VerbBlock] | tuple[VerbBlock, ...]) -> dict[str, tuple[tuple[int, int], ...]]:
    index: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for b, block in enumerate(blocks):
        for v, verb in enumerate(block.verbs):
            for form in verb.forms:
                index[form].append((b, v))
    return {form: tuple(places) for form, places in index.items()}
