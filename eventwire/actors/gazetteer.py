"""The actor vocabulary: countries, international organisations, named bodies, roles and religions.

All of it lives in TSV tables beside this module so that researchers can read and extend it. This
module turns the tables into one immutable index from a phrase (as written in news) to what the
phrase can mean, and checks them on load: a bad code, an unknown sector or a word given two
sectors is reported with the file and line, because it would otherwise surface as a wrong actor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from eventwire.tables import Row, TableError, load_table

EntryKind = Literal["country", "capital", "seat", "adjective", "demonym", "igo", "org", "role", "religion"]

SECTORS = frozenset(
    "GOV MIL COP JUD LEG PTY OPP REB SPY ELI BUS CVL MED EDU LAB REF REL HRI NGO UAF AGR CRM PRM HLH ENV "
    "PRE DEV".split()
)
NO_SECTOR = "---"  # roles.tsv: a generic people noun, an actor without a sector
RELIGIONS = frozenset("MOS CHR JEW BUD HIN SIK".split())
_ISO3 = re.compile(r"^[A-Z]{3}$")
_IGO = re.compile(r"^(?:IGO|NGO)[A-Z]*$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Entry:
    """One meaning of one phrase. ``country`` is an ISO alpha-3 code, or the country field of an IGO."""

    kind: EntryKind
    text: str  # the form as the table writes it
    country: str | None = None
    sectors: tuple[str, ...] = ()
    igo: str | None = None
    weak: bool = False
    adjective: bool = False
    people_only: bool = False  # as an adjective, only before a word for people ("criminal gangs", not "criminal charges")
    start: date | None = None
    end: date | None = None
    source: str = ""  # file:line, for explanations

    def valid_on(self, on: date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Gazetteer:
    """Phrase -> meanings. ``phrases`` is keyed by the lower-cased form, ``acronyms`` by exact form."""

    phrases: dict[str, tuple[Entry, ...]]
    acronyms: dict[str, tuple[Entry, ...]]
    country_names: dict[str, str] = field(default_factory=dict)  # code -> canonical name
    things: dict[str, str] = field(default_factory=dict)  # head-noun lemma -> class (weapon, vehicle ...)

    def meanings(self, text: str) -> tuple[Entry, ...]:
        return self.acronyms.get(text, ()) or self.phrases.get(text.lower(), ())


def is_acronym(form: str) -> bool:
    """All-capital forms ("US", "UN", "PRI") are matched case-sensitively so "us" stays a pronoun."""
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6 and " " not in form


def plural(word: str) -> str:
    """English plural of the last word of a role term; enough for the role vocabulary."""
    head, _, last = word.rpartition(" ")
    low = last.lower()
    if low.endswith("man") and not low.endswith("human"):
        new = last[:-3] + "men"
    elif low.endswith("y") and len(low) > 2 and low[-2] not in "aeiou":
        new = last[:-1] + "ies"
    elif low.endswith(("s", "sh", "ch", "x", "z")):
        new = last + "es" if not low.endswith("s") else last
    elif low.endswith("fe"):
        new = last[:-2] + "ves"
    else:
        new = last + "s"
    return f"{head} {new}" if head else new


def _where(row: Row) -> str:
    return f"{Path(row.path).name}:{row.line}"


def _check_sectors(row: Row, sectors: Iterable[str]) -> tuple[str, ...]:
    out = tuple(sectors)
    for s in out:
        if s not in SECTORS:
            raise row.fail(f"unknown sector '{s}' (known: {', '.join(sorted(SECTORS))})")
    return out


def _parse_date(row: Row, column: str, *, end: bool) -> date | None:
    value = row.get(column)
    if not value:
        return None
    if not _DATE.match(value):
        raise row.fail(f"bad {column} date '{value}' (want YYYY, YYYY-MM or YYYY-MM-DD)")
    parts = [int(p) for p in value.split("-")]
    try:
        if len(parts) == 1:
            return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
        if len(parts) == 2:
            if end:
                nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
                return date.fromordinal(nxt.toordinal() - 1)
            return date(parts[0], parts[1], 1)
        return date(*parts)
    except ValueError as exc:
        raise row.fail(f"bad {column} date '{value}': {exc}") from exc


def _country_rows(row: Row) -> tuple[str, list[Entry]]:
    code = row["code"]
    if not _ISO3.match(code):
        raise row.fail(f"country code '{code}' is not three capital letters")
    src = _where(row)
    entries = [Entry("country", row["name"], code, source=src)]
    entries += [Entry("country", a, code, source=src) for a in row.values("aliases")]
    entries += [Entry("adjective", a, code, adjective=True, source=src) for a in row.values("adjectives")]
    entries += [Entry("demonym", d, code, source=src) for d in row.values("demonyms")]
    entries += [Entry("capital", c, code, ("GOV",), source=src) for c in row.values("capitals")]
    for seat in row.values("seats"):
        name, _, sector = seat.partition(":")
        entries.append(Entry("seat", name.strip(), code, _check_sectors(row, [sector.strip() or "GOV"]), source=src))
    return code, entries


def _igo_rows(row: Row) -> list[Entry]:
    code = row["code"]
    if not _IGO.match(code):
        raise row.fail(f"'{code}' is not a CAMEO IGO/NGO code (IGO... or NGO...)")
    country = row["country"]
    if not _ISO3.match(country):
        raise row.fail(f"country field '{country}' is not three capital letters")
    sectors = _check_sectors(row, row.values("sectors"))
    return [Entry("igo", n, country, sectors, igo=code, source=_where(row)) for n in row.values("names")]


def _org_rows(row: Row) -> list[Entry]:
    country = row["country"]
    if not _ISO3.match(country):
        raise row.fail(f"country code '{country}' is not three capital letters")
    sectors = _check_sectors(row, row.values("sectors"))
    start = _parse_date(row, "start", end=False)
    end = _parse_date(row, "end", end=True)
    if start and end and end < start:
        raise row.fail("end date is before start date")
    return [Entry("org", n, country, sectors, start=start, end=end, source=_where(row)) for n in row.values("names")]


def _flag(row: Row, column: str, extra: tuple[str, ...] = ()) -> bool:
    value = row.get(column).lower()
    if value not in ("", "yes", "no", *extra):
        allowed = ", ".join(f"'{v}'" for v in ("yes", "no", *extra))
        raise row.fail(f"column '{column}' must be {allowed} or empty, not '{value}'")
    return value == "yes"


def _role_rows(row: Row) -> list[Entry]:
    sector = row["sector"]
    sectors = () if sector == NO_SECTOR else _check_sectors(row, [sector])
    people_only = row.get("adjective").lower() == "people"
    weak, adjective = _flag(row, "weak"), people_only or _flag(row, "adjective", extra=("people",))
    src = _where(row)
    entries = []
    for term in row.values("terms"):
        forms = [term] if adjective or is_acronym(term) else list(dict.fromkeys([term, plural(term)]))
        entries += [Entry("role", f, None, sectors, weak=weak, adjective=adjective, people_only=people_only,
                          source=src) for f in forms]
    return entries


def _religion_rows(row: Row) -> list[Entry]:
    code = row["code"]
    if code not in RELIGIONS:
        raise row.fail(f"unknown religion code '{code}' (known: {', '.join(sorted(RELIGIONS))})")
    return [Entry("religion", t, None, (code,), adjective=True, source=_where(row)) for t in row.values("terms")]


# Which meaning wins when two tables give the same phrase: a named body before a place, a place
# before a nationality word, anything before a role word ("Brussels" is the EU, not Belgium's capital).
_PRIORITY: dict[str, int] = {
    "igo": 0, "org": 1, "seat": 2, "country": 3, "capital": 4, "adjective": 5, "demonym": 6, "religion": 7,
    "role": 8,
}


def _variants(form: str) -> list[str]:
    """"the Kremlin" is also written "Kremlin"; curly apostrophes as straight ones."""
    forms = [form, form.replace("'", "’")] if "'" in form else [form]
    out = []
    for f in forms:
        out.append(f)
        if f.lower().startswith("the ") and len(f) > 4:
            out.append(f[4:])
    return out


def _index(entries: Iterable[Entry]) -> tuple[dict[str, tuple[Entry, ...]], dict[str, tuple[Entry, ...]]]:
    phrases: dict[str, list[Entry]] = {}
    acronyms: dict[str, list[Entry]] = {}
    role_sector: dict[str, Entry] = {}
    for entry in entries:
        if entry.kind == "role":
            key = entry.text.lower()
            first = role_sector.setdefault(key, entry)
            if first.sectors != entry.sectors:
                raise TableError(entry.source.rsplit(":", 1)[0], int(entry.source.rsplit(":", 1)[1]),
                                 f"role term '{entry.text}' already has sector(s) "
                                 f"{'|'.join(first.sectors) or NO_SECTOR} at {first.source}")
        for form in _variants(entry.text):
            if is_acronym(form):
                acronyms.setdefault(form, []).append(entry)
            else:
                phrases.setdefault(form.lower(), []).append(entry)
    return _ranked(phrases), _ranked(acronyms)


def _ranked(index: dict[str, list[Entry]]) -> dict[str, tuple[Entry, ...]]:
    """Keep, per phrase, the meanings of the highest-priority kind (dated org rows all stay)."""
    out = {}
    for key, entries in index.items():
        best = min(_PRIORITY[e.kind] for e in entries)
        kept = [e for e in entries if _PRIORITY[e.kind] == best]
        out[key] = tuple(dict.fromkeys(kept))
    return out


def data_dir() -> Path:
    return Path(__file__).resolve().parent


def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """The actor tables in ``directory`` (read afresh), or the package's own (read once per process)."""
    if directory is None:
        return _default_gazetteer()
    return _read(Path(directory))


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return _read(data_dir())


def _read(directory: Path) -> Gazetteer:
    countries = load_table(
        directory / "countries.tsv",
        required=("code", "name"),
        optional=("aliases", "adjectives", "demonyms", "capitals", "seats"),
        parse=_country_rows,
        non_empty=("code", "name"),
    )
    codes = {code for code, _ in countries}
    entries: list[Entry] = [e for _, es in countries for e in es]
    names = {code: es[0].text for code, es in countries}
    for path, required, parse in (
        ("igos.tsv", ("code", "country", "names"), _igo_rows),
        ("organisations.tsv", ("country", "sectors", "names"), _org_rows),
        ("companies.tsv", ("country", "sectors", "names"), _org_rows),
        ("roles.tsv", ("sector", "terms"), _role_rows),
        ("religions.tsv", ("code", "terms"), _religion_rows),
    ):
        optional = {"igos.tsv": ("sectors",), "organisations.tsv": ("start", "end"), "companies.tsv": ("start", "end"),
                    "roles.tsv": ("weak", "adjective")}.get(path, ())
        rows = load_table(directory / path, required=required, parse=parse, optional=optional,
                          non_empty=required)
        for es in rows:
            for e in es:
                if e.kind == "org" and e.country not in codes:
                    file, line = e.source.rsplit(":", 1)
                    raise TableError(directory / file, int(line), f"unknown country code '{e.country}'")
            entries += es
    phrases, acronyms = _index(entries)
    return Gazetteer(phrases, acronyms, names, _read_things(directory / "things.tsv"))


THING_CLASSES = frozenset({"weapon", "vehicle", "craft", "document", "abstract"})


def _thing_rows(row: Row) -> list[tuple[str, str]]:
    kind = row["class"]
    if kind not in THING_CLASSES:
        raise row.fail(f"unknown class '{kind}' (known: {', '.join(sorted(THING_CLASSES))})")
    terms = row.values("terms")
    for term in terms:
        if term != term.lower():
            raise row.fail(f"term '{term}' must be a lower-case lemma")
    return [(t, kind) for t in terms]


def _read_things(path: Path) -> dict[str, str]:
    """Head nouns that are never actors; a missing file means none (older table folders)."""
    if not path.exists():
        return {}
    rows = load_table(path, required=("class", "terms"), parse=_thing_rows, non_empty=("class", "terms"))
    return {term: kind for pairs in rows for term, kind in pairs}
