"""The event ontologies: CAMEO codes with Goldstein values and QuadClass, PLOVER 2.0 types, modes and
contexts, and the crosswalk from every CAMEO code to PLOVER.

They live in TSV tables next to this file so that researchers can read and audit every value a
coded event carries. Loading validates the tables as a whole (parents exist, every code has a
crosswalk row, every PLOVER name is defined), because a silent gap here would surface much later as
a wrong or missing code in published data.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from eventwire.tables import Row, TableError, load_table, package_data_path, require_unique

__all__ = [
    "CameoCode",
    "Ontology",
    "PloverCoding",
    "TableError",
    "load_ontology",
    "quad_class_of_root",
]

CAMEO_FILE = "cameo.tsv"
TYPES_FILE = "plover_types.tsv"
MODES_FILE = "plover_modes.tsv"
CONTEXTS_FILE = "plover_contexts.tsv"
CROSSWALK_FILE = "cameo_plover.tsv"

# Crosswalk marker for a CAMEO code that PLOVER 2.0 deliberately leaves out (public statements).
DROPPED = "-"

# QuadClass by CAMEO root, the GDELT 2.0 / Phoenix convention (GDELT codebook, field QuadClass):
#   1 verbal cooperation   01 statement, 02 appeal, 03 intent to cooperate, 04 consult,
#                          05 diplomatic cooperation
#   2 material cooperation 06 material cooperation, 07 aid, 08 yield
#   3 verbal conflict      09 investigate, 10 demand, 11 disapprove, 12 reject, 13 threaten
#   4 material conflict    14 protest, 15 force posture, 16 reduce relations, 17 coerce, 18 assault,
#                          19 fight, 20 unconventional mass violence
# Phoenix puts 01 and 02 in a separate "neutral" class 0; GDELT, and we, count them as class 1.
_QUAD_CLASS_BY_ROOT: Mapping[str, int] = MappingProxyType(
    {f"{root:02d}": 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4 for root in range(1, 21)}
)

_CAMEO_CODE = re.compile(r"(?:0[1-9]|1\d|20)(?:\d{1,2})?")
_PLOVER_TYPE = re.compile(r"[A-Z]+")
_PLOVER_NAME = re.compile(r"[a-z]+(?:[_-][a-z]+)*")


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code; root and quad class are derived from the code, not stored."""

    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int

    @property
    def level(self) -> int:
        """1 for a root ("19"), 2 for a base code ("190"), 3 for a sub-code ("1823")."""
        return len(self.code) - 1


@dataclass(frozen=True, slots=True)
class PloverCoding:
    """PLOVER 2.0 equivalent of a CAMEO code.

    ``type`` is None for the few CAMEO codes PLOVER 2.0 drops on purpose (plain statements and
    comments): inventing a type for them would put events in PLOVER data that PLOVER excludes.
    """

    type: str | None
    mode: str | None
    context: str | None


@dataclass(frozen=True, slots=True)
class _PloverType:
    name: str
    quad_class: int
    definition: str


def quad_class_of_root(root: str) -> int:
    """QuadClass (1..4) of a two-digit CAMEO root; KeyError for anything else."""
    try:
        return _QUAD_CLASS_BY_ROOT[root]
    except KeyError:
        raise KeyError(f"not a CAMEO root code: {root!r} (roots are '01' to '20')") from None


class Ontology:
    """The loaded, cross-checked tables. Immutable once built; share one instance freely."""

    def __init__(
        self,
        cameo: Iterable[CameoCode],
        plover: Mapping[str, PloverCoding],
        plover_types: Iterable[_PloverType],
        plover_modes: Mapping[str, tuple[str, ...]],
        plover_contexts: Iterable[str],
    ) -> None:
        self._cameo: Mapping[str, CameoCode] = MappingProxyType({c.code: c for c in cameo})
        self._plover: Mapping[str, PloverCoding] = MappingProxyType(dict(plover))
        self._types: Mapping[str, _PloverType] = MappingProxyType({t.name: t for t in plover_types})
        self._modes: Mapping[str, tuple[str, ...]] = MappingProxyType(dict(plover_modes))
        self.codes: tuple[str, ...] = tuple(self._cameo)
        self.roots: tuple[str, ...] = tuple(c for c in self.codes if len(c) == 2)
        self.plover_types: tuple[str, ...] = tuple(self._types)
        self.plover_modes: tuple[str, ...] = tuple(
            dict.fromkeys(mode for modes in self._modes.values() for mode in modes)
        )
        self.plover_contexts: tuple[str, ...] = tuple(plover_contexts)

    def __repr__(self) -> str:
        return f"Ontology({len(self.codes)} CAMEO codes, {len(self.plover_types)} PLOVER types)"

    def is_code(self, code: str) -> bool:
        return code in self._cameo

    def get(self, code: str) -> CameoCode | None:
        return self._cameo.get(code)

    def cameo(self, code: str) -> CameoCode:
        found = self._cameo.get(code)
        if found is None:
            raise KeyError(_unknown_code_message(code, self._cameo))
        return found

    def plover(self, code: str) -> PloverCoding:
        found = self._plover.get(code)
        if found is None:
            raise KeyError(_unknown_code_message(code, self._cameo))
        return found

    def modes_of(self, plover_type: str) -> tuple[str, ...]:
        """The modes PLOVER 2.0 defines for one type (empty for types without modes)."""
        if plover_type not in self._types:
            raise KeyError(f"unknown PLOVER type {plover_type!r}; known: {', '.join(self.plover_types)}")
        return self._modes.get(plover_type, ())

    def plover_quad_class(self, plover_type: str) -> int:
        """Quad class PLOVER assigns to a type; it can differ from the CAMEO root's (e.g. 09 vs ACCUSE)."""
        try:
            return self._types[plover_type].quad_class
        except KeyError:
            raise KeyError(f"unknown PLOVER type {plover_type!r}") from None


def _unknown_code_message(code: object, known: Mapping[str, object]) -> str:
    if not isinstance(code, str):
        hint = f" (CAMEO codes are strings, got {type(code).__name__})"
    elif "0" + code in known:
        hint = f" (CAMEO codes keep their leading zero: did you mean '0{code}'?)"
    else:
        hint = ""
    return f"unknown CAMEO code {code!r}{hint}"


def load_ontology(directory: Path | None = None) -> Ontology:
    """Load and cross-check the five ontology tables; the package's own copy is loaded once per process.

    ``directory`` lets tests and users point at an edited copy of the tables; that is never cached,
    so an edit is seen on the next call.
    """
    if directory is None:
        return _default_ontology()
    return _load(Path(directory))


@lru_cache(maxsize=1)
def _default_ontology() -> Ontology:
    return _load(None)


def _table_path(directory: Path | None, name: str) -> Path:
    return package_data_path(__name__, name) if directory is None else directory / name


def _load(directory: Path | None) -> Ontology:
    cameo_path = _table_path(directory, CAMEO_FILE)
    cameo_rows = _load_cameo(cameo_path)
    types = _load_types(_table_path(directory, TYPES_FILE))
    type_names = frozenset(t.name for t in types)
    modes = _load_modes(_table_path(directory, MODES_FILE), type_names)
    contexts = _load_contexts(_table_path(directory, CONTEXTS_FILE))
    crosswalk_path = _table_path(directory, CROSSWALK_FILE)
    codes = {code.code for _, code in cameo_rows}
    plover = _load_crosswalk(crosswalk_path, codes, modes, type_names, frozenset(contexts))
    missing = [code.code for _, code in cameo_rows if code.code not in plover]
    if missing:
        raise TableError(
            crosswalk_path, None, f"no crosswalk row for CAMEO code(s): {', '.join(missing)}"
        )
    return Ontology((code for _, code in cameo_rows), plover, types, modes, contexts)


# --- CAMEO -----------------------------------------------------------------------------------


def _load_cameo(path: Path) -> list[tuple[Row, CameoCode]]:
    rows: list[tuple[Row, CameoCode]] = load_table(
        path, ("code", "name", "goldstein"), _parse_cameo_row, non_empty=("code", "name", "goldstein")
    )
    require_unique(((row, code.code) for row, code in rows), "CAMEO code")
    _check_parents(rows)
    return rows


def _parse_cameo_row(row: Row) -> tuple[Row, CameoCode]:
    code = row["code"]
    if not _CAMEO_CODE.fullmatch(code):
        raise row.fail(f"malformed CAMEO code {code!r}: want 2 to 4 digits starting with a root 01..20")
    goldstein = _parse_goldstein(row)
    root = code[:2]
    return row, CameoCode(code, row["name"], root, goldstein, _QUAD_CLASS_BY_ROOT[root])


def _parse_goldstein(row: Row) -> float:
    text = row["goldstein"]
    try:
        value = float(text)
    except ValueError:
        raise row.fail(f"Goldstein value {text!r} is not a number") from None
    if math.isnan(value) or not -10.0 <= value <= 10.0:
        raise row.fail(f"Goldstein value {text} is outside [-10, 10]")
    return value


def _check_parents(rows: list[tuple[Row, CameoCode]]) -> None:
    """A sub-code without its parent means a truncated or mistyped table, not a new branch."""
    known = {code.code for _, code in rows}
    for row, code in rows:
        parent = code.code[:-1] if len(code.code) == 4 else code.root
        if len(code.code) > 2 and parent not in known:
            raise row.fail(f"CAMEO code {code.code} has no parent code {parent} in the table")


# --- PLOVER ----------------------------------------------------------------------------------


def _load_types(path: Path) -> list[_PloverType]:
    types: list[tuple[Row, _PloverType]] = load_table(
        path, ("type", "quad_class", "definition"), _parse_type_row, non_empty=("type", "quad_class", "definition")
    )
    require_unique(((row, t.name) for row, t in types), "PLOVER type")
    return [t for _, t in types]


def _parse_type_row(row: Row) -> tuple[Row, _PloverType]:
    name = row["type"]
    if not _PLOVER_TYPE.fullmatch(name):
        raise row.fail(f"malformed PLOVER type {name!r}: want upper-case letters")
    quad = row["quad_class"]
    if quad not in ("1", "2", "3", "4"):
        raise row.fail(f"quad_class {quad!r} is not 1, 2, 3 or 4")
    return row, _PloverType(name, int(quad), row["definition"])


def _load_modes(path: Path, types: frozenset[str]) -> dict[str, tuple[str, ...]]:
    def parse(row: Row) -> tuple[Row, str, str]:
        if row["type"] not in types:
            raise row.fail(f"mode {row['mode']!r} belongs to unknown PLOVER type {row['type']!r}")
        _check_name(row, "mode")
        return row, row["type"], row["mode"]

    rows: list[tuple[Row, str, str]] = load_table(
        path, ("type", "mode", "definition"), parse, non_empty=("type", "mode", "definition")
    )
    require_unique(((row, f"{t} {m}") for row, t, m in rows), "PLOVER type and mode")
    modes: dict[str, tuple[str, ...]] = {}
    for _, plover_type, mode in rows:
        modes[plover_type] = (*modes.get(plover_type, ()), mode)
    return modes


def _load_contexts(path: Path) -> list[str]:
    def parse(row: Row) -> tuple[Row, str]:
        _check_name(row, "context")
        return row, row["context"]

    rows: list[tuple[Row, str]] = load_table(
        path, ("context", "definition"), parse, non_empty=("context", "definition")
    )
    require_unique(rows, "PLOVER context")
    return [name for _, name in rows]


def _check_name(row: Row, column: str) -> None:
    if not _PLOVER_NAME.fullmatch(row[column]):
        raise row.fail(f"malformed PLOVER {column} {row[column]!r}: want lower-case words joined by _ or -")


def _load_crosswalk(
    path: Path,
    codes: set[str],
    modes: Mapping[str, tuple[str, ...]],
    types: frozenset[str],
    contexts: frozenset[str],
) -> dict[str, PloverCoding]:
    def parse(row: Row) -> tuple[Row, str, PloverCoding]:
        return row, row["code"], _parse_crosswalk_row(row, codes, modes, types, contexts)

    rows: list[tuple[Row, str, PloverCoding]] = load_table(
        path, ("code", "plover"), parse, optional=("mode", "context"), non_empty=("code", "plover")
    )
    require_unique(((row, code) for row, code, _ in rows), "crosswalk row for CAMEO code")
    return {code: coding for _, code, coding in rows}


def _parse_crosswalk_row(
    row: Row,
    codes: set[str],
    modes: Mapping[str, tuple[str, ...]],
    types: frozenset[str],
    contexts: frozenset[str],
) -> PloverCoding:
    code, plover_type = row["code"], row["plover"]
    mode, context = row.get("mode") or None, row.get("context") or None
    if code not in codes:
        raise row.fail(f"crosswalk names CAMEO code {code!r}, which is not in {CAMEO_FILE}")
    if plover_type == DROPPED:
        if mode or context:
            raise row.fail(f"code {code} is marked as dropped by PLOVER ('-') but has a mode or context")
        return PloverCoding(None, None, None)
    if plover_type not in types:
        raise row.fail(f"unknown PLOVER type {plover_type!r} for CAMEO code {code}")
    if mode is not None and mode not in modes.get(plover_type, ()):
        allowed = ", ".join(modes.get(plover_type, ())) or "none"
        raise row.fail(f"unknown mode {mode!r} for PLOVER type {plover_type} (its modes: {allowed})")
    if context is not None and context not in contexts:
        raise row.fail(f"unknown PLOVER context {context!r} for CAMEO code {code}")
    return PloverCoding(plover_type, mode, context)
