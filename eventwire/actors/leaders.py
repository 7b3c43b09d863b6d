"""People in office, with dates: who "Putin" or "the Turkish president" was on a given day.

A name alone does not give an actor code: "Bush" in a 2008 article is the US government, in 2012
a former official (ELI). The facts live in ``leaders.tsv`` (one row per person per office term);
this module indexes them by every name a reporter may use, folding accents and case so that
"Erdoğan" and "ERDOGAN" find the same person.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from eventwire.model import Actor, make_actor
from eventwire.tables import Row, TableError, load_table

COLUMNS = ("country", "name", "aliases", "office", "sector", "start", "end")
SECTORS = frozenset({"GOV", "MIL", "OPP", "SPY"})
FORMER = "ELI"

_COUNTRY = re.compile(r"^(?:[A-Z]{3}|IGO[A-Z]{3,})$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Letters that Unicode decomposition leaves alone but reporters write without the mark.
_PLAIN_LETTERS = str.maketrans({
    "ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ħ": "h",
})
_JOINERS = re.compile(r"[\s\-‐‑–—_/]+")
_MARKS = re.compile(r"[.'’‘`ʼʻ\"]")
# Name particles reporters write, drop or glue on at will: "Muammar al-Gaddafi", "Mohamed Ould Ghazouani",
# "Ursula von der Leyen" / "Von der Leyen". Matching ignores them once a name has another word.
PARTICLES = frozenset(
    "al el ul ad as ash at az an bin bint ibn ben ould wuld abu bou van von der den de da das dos do du del "
    "della di la le y i e ter ten zu".split()
)
_GLUED_ARTICLE = re.compile(r"^(?:al|el|ul|ad|as|ash|at|az|an)-(?=\w{3,})")
# Transliteration: one spelling per sound family, so Gaddafi/Qaddafi/Kadhafi/Gadhafi and
# Mohammed/Muhammad/Mohamed/Mohammad meet. Applied to a word after folding: digraphs first, then
# letters, then doubled letters collapse and vowels after the first letter go.
_DIGRAPHS = (("kh", "k"), ("gh", "k"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("sch", "s"), ("sh", "s"),
             ("ch", "s"), ("tch", "s"), ("zh", "j"), ("dj", "j"), ("dzh", "j"), ("ck", "k"), ("ks", "x"),
             ("ts", "z"), ("tz", "z"))
_LETTERS = str.maketrans({"q": "k", "g": "k", "c": "k", "y": "i", "w": "u", "j": "j", "v": "u", "z": "s",
                          "x": "s", "h": ""})
_VOWELS = re.compile(r"(?<=.)[aeiou]+")
_DOUBLES = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class OfficeTerm:
    """One person holding one office over one stretch of time; ``end`` is None while in office."""

    country: str
    name: str
    aliases: tuple[str, ...]
    office: str
    sector: str
    start: date
    end: date | None

    @property
    def is_igo(self) -> bool:
        return self.country.startswith("IGO")

    def covers(self, on: date) -> bool:
        """In office on ``on``; both ends count, so a handover day has two holders."""
        return self.start <= on and (self.end is None or on <= self.end)

    def ended_before(self, on: date) -> bool:
        return self.end is not None and self.end < on


def fold(text: str) -> str:
    """The key names are matched by: no accents, no case, hyphens and dots do not matter."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_PLAIN_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _MARKS.sub("", text)
    return _JOINERS.sub(" ", text).strip()


def name_words(text: str) -> list[str]:
    """Folded words of a name without its particles ("al-Gaddafi" -> "gaddafi"), keeping a lone particle word."""
    return list(_name_words(text))


@lru_cache(maxsize=65536)
def _name_words(text: str) -> tuple[str, ...]:
    """Cached: the index is built from a few thousand names, each read several ways."""
    text = re.sub(r"(?<![A-Za-z])([A-Z])\.(?=[A-Z])", r"\1. ", text)  # "F.W." is two initials
    words = [_GLUED_ARTICLE.sub("", w) for w in re.split(r"\s+", text.strip()) if w]
    folded = [w for w in fold(" ".join(words)).split() if w]
    kept = [w for w in folded if w not in PARTICLES]
    return tuple(kept or folded)


@lru_cache(maxsize=65536)
def sound(word: str) -> str:
    """The transliteration-proof key of one folded word (a general rule, not a list of names)."""
    for a, b in _DIGRAPHS:
        word = word.replace(a, b)
    word = word.translate(_LETTERS)
    word = _DOUBLES.sub(r"\1", word)
    return _VOWELS.sub("", word) or word[:1]


def loose_keys(text: str) -> set[str]:
    """Keys two spellings of one full name share: every word, and given name + surname alone
    ("Mohamed Ould Cheikh el Ghazouani" is also written "Mohamed Ould Ghazouani")."""
    words = [sound(w) for w in name_words(text)]
    if len(words) < 2:
        return set()
    return {" ".join(words), f"{words[0]} {words[-1]}"}


def initial_key(text: str) -> str:
    """First letter of the given name + the surname exactly (folded): how "J. Major" is written."""
    words = name_words(text)
    if len(words) < 2 or len(words[-1]) < 3:
        return ""
    return f"{words[0][0]} {words[-1]}"


def surname_key(text: str) -> str:
    words = name_words(text)
    return sound(words[-1]) if words else ""


class Leaders:
    """An immutable index over office terms, by folded name and by (country, office).

    Three ways in, tried in order: the exact folded name or alias; the loose keys of a full name
    (particles, transliteration, middle names); a surname alone, only for people in office that day.
    """

    def __init__(self, terms: Iterable[OfficeTerm]) -> None:
        self._terms: tuple[OfficeTerm, ...] = tuple(sorted(terms, key=lambda t: (t.start, t.country, t.name)))
        by_name: dict[str, list[OfficeTerm]] = {}
        by_office: dict[tuple[str, str], list[OfficeTerm]] = {}
        by_loose: dict[str, list[OfficeTerm]] = {}
        by_surname: dict[str, list[OfficeTerm]] = {}
        by_initial: dict[str, list[OfficeTerm]] = {}
        for term in self._terms:
            names = (term.name, *term.aliases)
            for key in {fold(n) for n in names}:
                if key:
                    by_name.setdefault(key, []).append(term)
            for key in set().union(*(loose_keys(n) for n in names)):
                by_loose.setdefault(key, []).append(term)
            for key in {surname_key(n) for n in names if len(name_words(n)) >= 1}:
                if len(key) >= 2:
                    by_surname.setdefault(key, []).append(term)
            for n in names:
                key = initial_key(n)
                if key:
                    by_initial.setdefault(key, []).append(term)
            by_office.setdefault((term.country, term.office.casefold()), []).append(term)
        self._by_name = {k: tuple(v) for k, v in by_name.items()}
        self._by_loose = {k: tuple(dict.fromkeys(v)) for k, v in by_loose.items()}
        self._by_surname = {k: tuple(dict.fromkeys(v)) for k, v in by_surname.items()}
        self._by_initial = {k: tuple(dict.fromkeys(v)) for k, v in by_initial.items()}
        by_person: dict[str, list[OfficeTerm]] = {}
        for term in self._terms:
            by_person.setdefault(term.name, []).append(term)
        self._by_person = {k: tuple(v) for k, v in by_person.items()}
        self._by_office = {k: tuple(v) for k, v in by_office.items()}

    def __len__(self) -> int:
        return len(self._terms)

    @property
    def terms(self) -> tuple[OfficeTerm, ...]:
        return self._terms

    def countries(self) -> frozenset[str]:
        return frozenset(t.country for t in self._terms)

    def lookup(self, name: str, on: date | None = None) -> list[OfficeTerm]:
        """Terms of everyone called ``name`` (full name or alias); with ``on``, only those in office then."""
        terms = self._candidates(name, on)
        return [t for t in terms if on is None or t.covers(on)]

    def knows_full_name(self, name: str) -> bool:
        """``name`` (two words or more) is someone's whole name or alias, up to accents, particles and
        transliteration: strict enough to let a name outrank a place word inside it ("Luís Montenegro")."""
        words = name_words(name)
        if len(words) < 2:
            return False
        return fold(name) in self._by_name or " ".join(sound(w) for w in words) in self._by_loose

    def knows_surname(self, word: str) -> bool:
        """``word`` is the last word of someone's name or alias in the table (up to accents)."""
        words = name_words(word)
        return len(words) == 1 and any(_surname_fits(t, words[0]) for t in self._by_surname.get(sound(words[0]), ()))

    def _candidates(self, name: str, on: date | None, prefer: frozenset[str] = frozenset()) -> tuple[OfficeTerm, ...]:
        """Every term of everyone ``name`` may mean: a person found by one term's alias brings all their
        terms, since the tables list offices apart (Netanyahu as prime minister and as opposition leader)."""
        found = self._matches(name, on, prefer)
        seen = {(t.country, t.name) for t in found}
        more = [t for p in sorted({t.name for t in found}) for t in self._by_person.get(p, ())
                if (t.country, t.name) in seen or t.is_igo]  # one person: same name, same country (or an IGO)
        return tuple(dict.fromkeys((*found, *more)))

    def _matches(self, name: str, on: date | None, prefer: frozenset[str] = frozenset()) -> tuple[OfficeTerm, ...]:
        exact = self._by_name.get(fold(name), ())
        words = name_words(name)
        if exact and len(words) == 1 and on is not None and prefer:
            # a surname the table lists is shared with anyone of that surname in office that day, when the
            # article names countries to choose by (else the listed, better-known bearer stands)
            return tuple(dict.fromkeys((*exact, *self._serving_surname(words[0], on))))
        if exact:
            return exact
        if len(words) >= 2 and len(words[0]) == 1:  # "F. W. de Klerk", "G. W. Bush": initials, then a surname
            return self._by_initial.get(initial_key(name), ())
        if len(words) >= 2:
            found: dict[OfficeTerm, None] = {}
            for key in loose_keys(name):
                found.update(dict.fromkeys(self._by_loose.get(key, ())))
            found = {t: None for t in found if _surname_spelled_alike(t, words[-1])}
            people = {t.name for t in found}
            if len(people) > 1:  # "Mohammed Salman" is bin Salman, not every Mohammed ... Salman
                full = " ".join(sound(w) for w in words)
                found = {t: None for t in found if full in loose_keys(t.name)} or found
            return tuple(found)
        if len(words) == 1 and on is not None and name[:1].isupper():
            # a surname alone: only people in office that day ("Kohl" in 1995), never the long list of
            # everyone who ever bore it
            serving = self._serving_surname(words[0], on)
            if self._common_surname(words[0]):
                serving = tuple(t for t in serving if t.country in prefer)
            return serving
        return ()

    def _common_surname(self, word: str) -> bool:
        """A surname the tables give to people of two or more countries ("Williams", "Ali", "Harris") is a
        common name: alone, it stands for one of them only in an article that names that one's country,
        else "Williams was booked into county jail" is Antigua's governor-general."""
        bearers = (t for t in self._by_surname.get(sound(word), ()) if _surname_fits(t, word))
        return len({t.country for t in bearers}) > 1

    def _serving_surname(self, word: str, on: date) -> tuple[OfficeTerm, ...]:
        return tuple(t for t in self._by_surname.get(sound(word), ()) if t.covers(on) and _surname_fits(t, word))

    def holders(self, country: str, office: str, on: date) -> list[OfficeTerm]:
        """Who held ``office`` of ``country`` on a date ("the Turkish president" in 2015)."""
        terms = self._by_office.get((country.upper(), office.casefold()), ())
        return [t for t in terms if t.covers(on)]

    def actor_for(self, name: str, on: date | None = None, prefer: frozenset[str] = frozenset()) -> Actor | None:
        """The actor a mention of ``name`` stands for on ``on``, or None when unknown or ambiguous.

        In office: the office's country and sector. Every term begun by then has ended: a former
        official (ELI). A surname shared by two people picks the one in office, else gives up, since
        guessing between two heads of state would put a wrong country on the event. ``prefer`` (the
        countries the article names) settles it when exactly one of them is from one of those countries.
        """
        people = _group_by_person(self._candidates(name, on, prefer))
        if not people:
            return None
        if on is None:
            return _actor_without_date(people, name)
        serving = [p for p in people if any(t.covers(on) for t in p)]
        if len(serving) > 1 and prefer:  # namesakes in office: the one whose country the article is about
            serving = [p for p in serving if any(t.covers(on) and t.country in prefer for t in p)]
            if not serving:
                return None  # the article is about neither: nobody rather than a guess
        if len(serving) == 1:
            return _serving_actor(serving[0], on, name)
        if serving:
            return None
        former = [p for p in people if any(t.start <= on for t in p)]
        if len(former) == 1:
            return _former_actor(former[0], on, name)
        return None


def _surname_fits(term: OfficeTerm, word: str) -> bool:
    """A surname alone must be the person's last word (or an alias), spelled the same up to accents:
    the loose sound key is too wide for one word ("Rao" is not "Rau")."""
    lasts = {name_words(n)[-1] for n in (term.name, *term.aliases) if name_words(n)}
    return word in lasts


def _surname_spelled_alike(term: OfficeTerm, word: str) -> bool:
    """The sound key keeps only consonants, so "Peter Nkosi" and "Petr Necas" share one; a spelling of
    the same surname differs from one of the person's in at most a third of its letters ("Gadhafi",
    "Qaddafi"; "Zelenskiy", "Zelensky")."""
    lasts = {name_words(n)[-1] for n in (term.name, *term.aliases) if name_words(n)}
    return any(_edit_distance(word, last) <= max(1, max(len(word), len(last)) // 3) for last in lasts)


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with adjacent transpositions (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _group_by_person(terms: Iterable[OfficeTerm]) -> list[tuple[OfficeTerm, ...]]:
    """Terms grouped by person: the canonical name (and the first country, for namesakes)."""
    people: dict[str, list[OfficeTerm]] = {}
    for term in terms:
        people.setdefault(term.name, []).append(term)
    return [tuple(sorted(v, key=lambda t: t.start)) for v in people.values()]


def _actor_without_date(people: list[tuple[OfficeTerm, ...]], text: str) -> Actor | None:
    """No article date: take the latest term; between namesakes only one still in office will do."""
    if len(people) > 1:
        people = [p for p in people if any(t.end is None for t in p)]
        if len(people) != 1:
            return None
    latest = max(people[0], key=lambda t: (t.end is None, t.start))
    return _term_actor(latest, text)


def _serving_actor(terms: tuple[OfficeTerm, ...], on: date, text: str) -> Actor:
    """Several offices at once (a president who is also foreign minister): the one held longest."""
    current = [t for t in terms if t.covers(on)]
    return _term_actor(min(current, key=lambda t: t.start), text)


def _former_actor(terms: tuple[OfficeTerm, ...], on: date, text: str) -> Actor | None:
    """ELI, with the office that ended last and the country of the last national office (a former UN chief
    is still Korean)."""
    past = [t for t in terms if t.ended_before(on)]
    if not past:
        return None  # every term begins later: not yet an official, the resolver must decide
    last = max(past, key=_finished)
    role = f"Former {last.office}"
    national = [t for t in past if not t.is_igo]
    if not national:
        return make_actor(None, (FORMER,), igo=last.country, name=last.name, text=text, role=role, kind="person")
    country = max(national, key=_finished).country
    return make_actor(country, (FORMER,), name=last.name, text=text, role=role)


def _finished(term: OfficeTerm) -> tuple[date, date]:
    return (term.end or date.max, term.start)


def _term_actor(term: OfficeTerm, text: str) -> Actor:
    if term.is_igo:
        return make_actor(None, (), igo=term.country, name=term.name, text=text, role=term.office, kind="person")
    return make_actor(term.country, (term.sector,), name=term.name, text=text, role=term.office)


def parse_date(value: str, *, end: bool = False) -> date:
    """ISO date at day, month or year precision; a partial end date means the last day of that span."""
    match = _DATE.match(value)
    if not match:
        raise ValueError(f"bad date '{value}' (want YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = int(match[1]), match[2], match[3]
    if month is None:
        return date(year, 12, 31) if end else date(year, 1, 1)
    m = int(month)
    if not 1 <= m <= 12:
        raise ValueError(f"bad date '{value}': month {m}")
    if day is None:
        return date(year, m, calendar.monthrange(year, m)[1]) if end else date(year, m, 1)
    try:
        return date(year, m, int(day))
    except ValueError as exc:
        raise ValueError(f"bad date '{value}': {exc}") from exc


def _parse_row(row: Row) -> OfficeTerm:
    country = row["country"]
    if not _COUNTRY.match(country):
        raise row.fail(f"country '{country}' is neither an ISO 3166-1 alpha-3 code nor an IGO code")
    sector = row["sector"]
    if sector not in SECTORS:
        raise row.fail(f"unknown sector '{sector}' (known: {', '.join(sorted(SECTORS))})")
    start = parse_date(row["start"])
    end = parse_date(row["end"], end=True) if row["end"] else None
    if end is not None and end < start:
        raise row.fail(f"end {row['end']} is before start {row['start']}")
    return OfficeTerm(
        country=country,
        name=row["name"],
        aliases=row.values("aliases"),
        office=row["office"],
        sector=sector,
        start=start,
        end=end,
    )


def _read(path: Path) -> Leaders:
    terms = load_table(
        path, required=COLUMNS, parse=_parse_row, non_empty=("country", "name", "office", "sector", "start")
    )
    return Leaders(terms)


@lru_cache(maxsize=1)
def _default_leaders() -> Leaders:
    terms: list[OfficeTerm] = []
    for path in default_paths():
        terms += _read(path).terms
    return Leaders(terms)


def default_path() -> Path:
    """The hand-checked table (2000 onwards, ministers, IGO heads)."""
    return Path(__file__).with_name("leaders.tsv")


def default_paths() -> tuple[Path, ...]:
    """Every table the package's index is built from: hand-checked rows, hand-written facts from before
    the Factbook's first named edition, and the rows scripts/build_leaders.py derives from the Factbook."""
    here = Path(__file__).parent
    return (here / "leaders.tsv", here / "leaders_hand.tsv", here / "leaders_factbook.tsv",
            here / "officials.tsv")


def load_leaders(path: Path | None = None) -> Leaders:
    """The table at ``path`` (read afresh), or the package's own table (read once per process).

    Raises TableError naming file and line for a malformed row.
    """
    if path is None:
        return _default_leaders()
    return _read(Path(path))


__all__ = ["Leaders", "OfficeTerm", "TableError", "fold", "load_leaders", "parse_date"]
