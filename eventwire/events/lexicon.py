"""The event lexicon: which words, in which syntactic setting, carry which CAMEO event.

Kept as data (``lexicon.tsv``, ``frames.tsv``) so analysts can read and extend it without
touching the matcher. A *frame* entry (appeal, intent, demand, reject, threaten) does not
carry a fixed code: the code comes from the event it frames ("urged both sides to negotiate"
is an appeal to negotiate, 026), looked up in ``frames.tsv``.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from eventwire.tables import Row, TableError, load_table, package_data_path

FRAMES = ("appeal", "intent", "demand", "reject", "threaten", "speech")
SLOT_PATTERN = re.compile(r"^(dobj|dative|nsubjpass|attr|poss|amod|between|comp-subject|prep:[a-z_]+|place:[a-z]+|whose:[a-z]+)$")
CONDITION_KINDS = {"child", "prt", "prep", "dobj", "subj", "head", "pobj", "modal", "xcomp", "ccomp", "objmod", "not-child",
                   "next", "infinitive", "phrase-head", "subtree", "mod", "subjunctive"}
POS_VALUES = {"VERB", "NOUN", "ADJ"}
KEEPS_UNMAPPED = {"intent", "reject", "threaten"}


@dataclass(frozen=True, slots=True)
class Condition:
    """A requirement on the trigger's neighbourhood: ``kind:lemma|lemma``."""

    kind: str
    lemmas: frozenset[str]

    def __str__(self) -> str:
        return f"{self.kind}:{'|'.join(sorted(self.lemmas))}"


@dataclass(frozen=True, slots=True)
class LexEntry:
    id: str
    lemma: str
    pos: str
    conditions: tuple[Condition, ...]
    targets: tuple[str, ...]
    cameo: str | None
    frame: str | None
    if_negated: str | None
    reciprocal: bool  # conjoined subjects act on each other ("X and Y met")
    mutual: bool  # an explicit target acts back too ("X met Y": Y met X)
    line: int

    @property
    def rule(self) -> str:
        return f"lexicon:{self.id}"


@dataclass(frozen=True)
class Lexicon:
    entries: dict[tuple[str, str], tuple[LexEntry, ...]]
    frames: dict[str, dict[str, str]]  # frame -> complement code prefix -> code
    frame_defaults: dict[str, str]

    def candidates(self, lemma: str, pos: str) -> tuple[LexEntry, ...]:
        return self.entries.get((lemma, pos), ())

    def frame_code(self, frame: str, complement: str | None) -> str | None:
        """Most specific frames.tsv row whose complement prefix matches the framed code.

        An intent, rejection or threat about something frames.tsv does not map (an investigation,
        a criticism) keeps the framed event's own code; appeals and demands fall back to their root.
        """
        table = self.frames.get(frame, {})
        if complement:
            for length in range(len(complement), 1, -1):
                code = table.get(complement[:length])
                if code:
                    return code
            if frame in KEEPS_UNMAPPED:
                return complement
        return self.frame_defaults.get(frame)


def _parse_conditions(row: Row) -> tuple[Condition, ...]:
    conditions = []
    for item in row.get("requires").split():
        kind, _, lemmas = item.partition(":")
        if kind not in CONDITION_KINDS or not lemmas:
            raise row.fail(f"bad condition '{item}' (kinds: {', '.join(sorted(CONDITION_KINDS))})")
        conditions.append(Condition(kind, frozenset(lemmas.lower().split("|"))))
    return tuple(conditions)


def _parse_code(row: Row, column: str) -> str | None:
    code = row.get(column)
    if code and not re.fullmatch(r"\d{2,4}", code):
        raise row.fail(f"column '{column}': '{code}' is not a CAMEO code")
    return code or None


def _parse_entry(row: Row) -> LexEntry:
    pos = row["pos"].upper()
    if pos not in POS_VALUES:
        raise row.fail(f"pos '{row['pos']}' is not one of {', '.join(sorted(POS_VALUES))}")
    frame = row.get("frame") or None
    if frame and frame not in FRAMES:
        raise row.fail(f"frame '{frame}' is not one of {', '.join(FRAMES)}")
    cameo = _parse_code(row, "cameo")
    if not cameo and not frame:
        raise row.fail("an entry needs a cameo code or a frame")
    targets = tuple(row.get("target").split())
    for slot in targets:
        if not SLOT_PATTERN.match(slot):
            raise row.fail(f"bad target slot '{slot}'")
    reciprocal = row.get("reciprocal").lower()
    if reciprocal not in ("", "yes", "no", "mutual"):
        raise row.fail("reciprocal must be yes, mutual, no or empty")
    return LexEntry(
        id=row["id"],
        lemma=row["lemma"].lower(),
        pos=pos,
        conditions=_parse_conditions(row),
        targets=targets,
        cameo=cameo,
        frame=frame,
        if_negated=_parse_code(row, "if_negated"),
        reciprocal=reciprocal in ("yes", "mutual"),
        mutual=reciprocal == "mutual",
        line=row.line,
    )


def _parse_frame_row(row: Row) -> tuple[str, str, str]:
    frame = row["frame"]
    if frame not in FRAMES:
        raise row.fail(f"unknown frame '{frame}'")
    complement = row["complement"]
    if complement != "*" and not re.fullmatch(r"\d{2,4}", complement):
        raise row.fail(f"complement '{complement}' is neither a CAMEO code prefix nor *")
    code = row["cameo"]
    if not re.fullmatch(r"\d{2,4}", code):
        raise row.fail(f"'{code}' is not a CAMEO code")
    return frame, complement, code


def load_lexicon(directory: Path | None = None, known_codes: frozenset[str] | None = None) -> Lexicon:
    """Load and validate ``lexicon.tsv`` and ``frames.tsv`` (from the package unless told)."""
    if directory is None:
        return _default_lexicon(known_codes)
    return _load(Path(directory), known_codes)


@functools.lru_cache(maxsize=2)
def _default_lexicon(known_codes: frozenset[str] | None) -> Lexicon:
    return _load(package_data_path("eventwire.events", "."), known_codes)


def _load(directory: Path, known_codes: frozenset[str] | None) -> Lexicon:
    lexicon_path = directory / "lexicon.tsv"
    entries = load_table(
        lexicon_path,
        required=("id", "lemma", "pos", "cameo"),
        optional=("requires", "target", "frame", "if_negated", "reciprocal", "note"),
        non_empty=("id", "lemma", "pos"),
        parse=_parse_entry,
    )
    seen: dict[str, int] = {}
    by_key: dict[tuple[str, str], list[LexEntry]] = defaultdict(list)
    for entry in entries:
        if entry.id in seen:
            raise TableError(lexicon_path, entry.line, f"duplicate id '{entry.id}' (first at line {seen[entry.id]})")
        seen[entry.id] = entry.line
        for code in (entry.cameo, entry.if_negated):
            if code and known_codes is not None and code not in known_codes:
                raise TableError(lexicon_path, entry.line, f"unknown CAMEO code '{code}'")
        by_key[(entry.lemma, entry.pos)].append(entry)
    frames_path = directory / "frames.tsv"
    frames: dict[str, dict[str, str]] = defaultdict(dict)
    defaults: dict[str, str] = {}
    for frame, complement, code in load_table(
        frames_path, required=("frame", "complement", "cameo"), optional=("note",), parse=_parse_frame_row
    ):
        if known_codes is not None and code not in known_codes:
            raise TableError(frames_path, None, f"unknown CAMEO code '{code}' for frame {frame} {complement}")
        if complement == "*":
            defaults[frame] = code
        else:
            frames[frame][complement] = code
    ordered = {
        key: tuple(sorted(group, key=lambda e: (-len(e.conditions), e.line))) for key, group in by_key.items()
    }
    return Lexicon(entries=ordered, frames=dict(frames), frame_defaults=defaults)
