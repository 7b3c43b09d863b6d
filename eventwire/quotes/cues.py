"""The speech verbs that attribute a quotation (``cues.tsv``)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from eventwire.tables import Row, load_table, package_data_path, require_unique

Addressee = Literal["object", "to", ""]
FORMS = frozenset({"direct", "indirect"})
ADDRESSEES = frozenset({"object", "to", ""})


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    direct: bool
    indirect: bool
    addressee: Addressee


def _parse(row: Row) -> Cue:
    forms = set(row.values("forms"))
    if not forms or forms - FORMS:
        raise row.fail(f"forms must be one or more of {sorted(FORMS)}, got {row['forms']!r}")
    addressee = row.get("addressee")
    if addressee not in ADDRESSEES:
        raise row.fail(f"addressee must be 'object', 'to' or empty, got {addressee!r}")
    lemma = row["lemma"].lower()
    if not lemma.isalpha():
        raise row.fail(f"lemma must be one word, got {lemma!r}")
    return Cue(lemma, "direct" in forms, "indirect" in forms, addressee)  # type: ignore[arg-type]


def load_cues(path: Path | None = None) -> Mapping[str, Cue]:
    """Cue verbs by lemma; the default table is read once per process."""
    if path is None:
        return _default_cues()
    return _read(path)


@functools.lru_cache(maxsize=1)
def _default_cues() -> Mapping[str, Cue]:
    return _read(package_data_path("eventwire.quotes", "cues.tsv"))


def _read(path: Path) -> Mapping[str, Cue]:
    rows: list[tuple[Row, Cue]] = []
    load_table(path, ("lemma", "forms"), lambda row: rows.append((row, _parse(row))), optional=("addressee",),
               non_empty=("lemma", "forms"))
    require_unique(((row, cue.lemma) for row, cue in rows), "cue lemma")
    return MappingProxyType({cue.lemma: cue for _, cue in rows})
