#!/usr/bin/env python3
"""Derive every head of state and government, 1990-2025, from the Factbook's "Executive branch" texts.

    .venv/bin/python scripts/build_leaders.py [FACTBOOK.tsv] [--out eventwire/actors/leaders_factbook.tsv]

Reads one text per country and year (``../shared/reference/factbook_executive_1990_2025.tsv``), finds
the holders named in its "chief of state:" and "head of government:" sections, and writes dated terms
in our own format (the columns of ``leaders.tsv``): facts only, no prose.

Decisions (why a row is or is not written):
- Only sovereign states (and freely associated, disputed and dissolved entities that have a code of
  their own); territories and crown dependencies are governed from elsewhere.
- Deputies, vice presidents and heirs apparent are not heads; "note" passages are skipped (they talk
  about people who are no longer or not yet in office).
- A head "represented by" someone (the British monarch in Canada, the French co-prince of Andorra) is
  the head of another country: only the representative is written, as Governor-General when titled so.
- Surnames alone are not written as aliases (see write()).
- The Factbook writes the name a person is known by in capitals ("Recep Tayyip ERDOGAN", "TAMIM bin
  Hamad Al Thani"); that part is the person's key and becomes the surname alias.
- Terms: the years a person is listed in one office merge when consecutive (years without any names
  for the country, 1990-1993 and 2018-2020 in this file, do not break a run). The start is the
  "since" date; the end is the successor's "since" date, else the first year the person is no longer
  listed (a year-precision end), else open (still listed in the last edition).
- Reconciling: a derived term is dropped where ``leaders.tsv`` (hand-checked) has the same person in the
  same country over an overlapping stretch; hand-checked data always wins.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "factbook_executive_1990_2025.tsv"
DEFAULT_OUT = ROOT / "eventwire" / "actors" / "leaders_factbook.tsv"
HAND_TABLES = (ROOT / "eventwire" / "actors" / "leaders.tsv", ROOT / "eventwire" / "actors" / "leaders_hand.tsv")
KEPT_TYPES = {"sovereign", "freely_associated", "disputed", "dissolved", ""}
# Entities the file lists without a code of their own.
ENTITY_CODES = {"Turkey": "TUR", "Kosovo": "XKX", "Serbia and Montenegro": "SRB", "Yugoslavia": "SRB",
                "Serbia": "SRB", "Taiwan": "TWN", "Holy See (Vatican City)": "VAT", "West Bank": "PSE",
                "Gaza Strip": "PSE"}
SKIP_CODES = {"ESH", "ATA"}
LABELS = re.compile(
    r"\b(chief of state and head of government|chief of state|head of government|cabinet|elections?/appointments?"
    r"(?: process)?|election/appointment process|elections?|election results|most recent election date|"
    r"expected date of next election|note(?: \d+)?)\s*:", re.I)
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

# Words a title is made of (lower-cased); everything else starts the name.
TITLE_WORDS = set("""
president prime minister chancellor king queen emir amir sultan supreme leader pope governor general
governor-general grand duke duchess prince princess crown coprince co-prince captain captains regent
premier chairman chairwoman chairperson chair of the council ministers state presidency presidium
federal executive transitional interim acting provisional head military revolutionary command
dr. dr sir dame lt. gen. gen maj. col. brig. adm. marshal field air vice-admiral admiral lieutenant
commander in chief brigadier colonel major mr. mrs. ms. sheikh shaykh ayatollah cardinal archbishop
bishop his holiness majesty excellency hajji haji first secretary general people's committee
national salvation junta high representative druk gyalpo emperor tsar lord mann and secretary-general
mullah mawlawi hojjat ol-eslam hojjatoleslam prof. professor engineer eng. arch. rev. reverend father
""".split())
TITLE_STOP = set("vice deputy heir apparent first-vice".split())
# Capitalised words that belong to a title, never to a name: they stop the walk back from the surname.
NOT_GIVEN = TITLE_WORDS | set("""
foreign defense defence interior affairs spanish french episcopal monseigneur monsignor second third
representatives congress house gnu rt. rt hon. assembly national council presidential chairman
premiers ministers presidents federation government chairmen
confederation swiss republic kingdom union emirates principality
development planning economy economic finance finances budget justice security health energy trade commerce
culture information communication communications labor labour agriculture education youth sports tourism
environment water mines mining industry transport public works territorial administration decentralization
reconstruction cooperation relations integration privatization
""".split()) | TITLE_STOP  # the place an office is "of", and the portfolios a head also holds
MAX_GIVEN = 4
PARTICLES = {"bin", "bint", "ibn", "al", "el", "de", "da", "dos", "das", "do", "van", "von", "der", "den",
             "du", "la", "le", "y", "i", "di", "ould", "ben", "abu", "bou", "e", "del", "des", "ter", "ten",
             "st.", "mac", "ag", "wa", "ul", "ud", "ad", "ash", "as", "an", "at", "az"}
SUFFIXES = {"ii", "iii", "iv", "v", "vi", "jr.", "jr", "sr."}
OFFICES = (  # first match wins; read against the lower-cased title
    ("governor general", "Governor-General"), ("governor-general", "Governor-General"),
    ("supreme leader", "Supreme Leader"), ("crown prince", "Prime Minister"), ("sultan", "Sultan"),
    ("emir", "Emir"), ("amir", "Emir"), ("queen", "Queen"), ("king", "King"), ("prime minister", "Prime Minister"),
    ("chairman of the council of ministers", "Prime Minister"), ("chairman of the presidency", "President"),
    ("chancellor", "Chancellor"), ("premier", "Premier"), ("grand duke", "Grand Duke"),
    ("coprince", "Co-Prince"), ("co-prince", "Co-Prince"), ("captain regent", "Captain Regent"),
    ("captains regent", "Captain Regent"), ("pope", "Pope"), ("emperor", "Emperor"), ("druk gyalpo", "King"),
    ("prince", "Prince"), ("president", "President"),
    ("revolutionary leader", "Leader"), ("leader", "Leader"), ("chairman", "Chairman"),
    ("chairwoman", "Chairman"), ("secretary of state", "Head of Government"), ("secretary", "Secretary"),
)
QUALIFIERS = (("acting", "Acting"), ("interim", "Interim"), ("transitional", "Transitional"),
              ("provisional", "Interim"))


@dataclass
class Holder:
    """One person named as holding a head office in one year's text."""

    year: int
    country: str
    office: str
    key: str  # the capitalised part, folded: the person's identity within a country
    name: str  # display form
    aliases: tuple[str, ...]
    since: str | None


@dataclass
class Term:
    country: str
    office: str
    key: str
    names: Counter = field(default_factory=Counter)
    aliases: set = field(default_factory=set)
    years: list = field(default_factory=list)
    sinces: Counter = field(default_factory=Counter)
    start: str = ""
    end: str = ""


sys.path.insert(0, str(ROOT))
from eventwire.actors.leaders import fold, name_words, sound, surname_key  # noqa: E402  (one folding rule for table and index)


def parse_since(text: str) -> str | None:
    """ "since 1 July 1984", "since NA 1990", "since February 1992", "since 2017" -> ISO (partial)."""
    m = re.search(r"(?:since\s+)?(?:NA\s+)?(?:(\d{1,2})\s+)?([A-Za-z]{3,9}\.?\s+)?(\d{4})", text)
    if not m:
        return None
    day, month, year = m[1], (m[2] or "").strip().rstrip(".").lower(), int(m[3])
    if not 1900 <= year <= 2030:
        return None
    mon = MONTHS.get(month)
    if month and mon is None:
        return f"{year}"
    if mon and day and 1 <= int(day) <= 31:
        return f"{year}-{mon:02d}-{int(day):02d}"
    if mon:
        return f"{year}-{mon:02d}"
    return f"{year}"


def sections(text: str) -> list[tuple[str, str]]:
    """(label, body) for the head-of-state and head-of-government sections."""
    text = re.sub(r"\(Ret\.?\)", "", text)
    marks = list(LABELS.finditer(text))
    out = []
    for i, m in enumerate(marks):
        label = m[1].lower()
        if label.startswith(("chief of state", "head of government")):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
            out.append((label, text[m.end():end]))
    return out


_TOKEN = re.compile(r"\([^()]*(?:\([^()]*\)[^()]*)*\)|;|,|[^\s(),;]+")


def is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and word.lower().strip(".") not in SUFFIXES


def has_caps(word: str) -> bool:
    """The capitalised name part, also glued to a particle ("al-SISI", "Hoseini-KHAMENEI")."""
    return is_caps(word) or any(is_caps(p) for p in word.split("-"))


def is_name_word(word: str) -> bool:
    low = word.lower()
    if low in PARTICLES or low in SUFFIXES:
        return True
    if re.match(r"^(?:al|el|ad|as|ash|at|az|an|ul|ud|bin|ben|abu)-", low):
        return True
    return word[:1].isupper() or any(is_caps(p) for p in word.split("-"))


def holders_in(body: str) -> list[tuple[str, str, str | None, bool]]:
    """(title, name, since, represented) for each head named in one section's body."""
    body = re.split(r"\bnote\s*[-–:]|\belections?\b|\bresults\s*[-–:]|\bwas elected\b", body, maxsplit=1)[0]
    tokens = _TOKEN.findall(body)
    found = []
    i = 0
    represented = False
    while i < len(tokens):
        if tokens[i].lower() == "represented" and i + 1 < len(tokens) and tokens[i + 1].lower() == "by":
            represented = True
            i += 2
            continue
        run: list[str] = []
        j = i
        while j < len(tokens) and tokens[j] not in (";", ",") and not tokens[j].startswith("(") and (
                is_name_word(tokens[j]) or tokens[j].lower() in TITLE_WORDS | TITLE_STOP):
            run.append(tokens[j])
            j += 1
        title, name = split_title(run)
        paren = tokens[j] if j < len(tokens) and tokens[j].startswith("(") else ""
        if name and any(has_caps(w) for w in name) and (title or (not found and "since" in paren.lower())
                                                      or (found and tokens[i - 1] == ",")):
            since = parse_since(paren) if re.search(r"\d{4}", paren) else None
            if not title and found and i > 0 and tokens[i - 1] == ",":
                title = found[-1][0].split()  # "Deputy Prime Ministers A, B, C": one title for a list
            found.append((" ".join(title), " ".join(name), since, represented))
            if represented:
                represented = False
            i = j + (1 if paren else 0)
            continue
        i = max(j, i + 1)
    return found


def split_title(run: list[str]) -> tuple[list[str], list[str]]:
    """Title words, then the name: the capitalised part and up to MAX_GIVEN given names before it."""
    caps_at = next((k for k, w in enumerate(run) if has_caps(w)), None)
    if caps_at is None:
        return run, []
    start = caps_at
    while start > 0 and caps_at - start < MAX_GIVEN and run[start - 1].lower() not in NOT_GIVEN \
            and (run[start - 1][:1].isupper() or run[start - 1].lower() in PARTICLES
                 or re.match(r"^(?:al|el|ad|as|ash|at|az|an|ul|ud)-", run[start - 1].lower())):
        start -= 1
    end = len(run)
    for k in range(caps_at + 1, len(run)):  # prose after the name: "HERZOG was ..."
        if run[k][:1].islower() and run[k].lower() not in PARTICLES and not is_caps(run[k]):
            end = k
            break
    name = run[start:end]
    while name and name[-1].lower() in PARTICLES:
        name.pop()
    return run[:start], name


def office_of(title: str, label: str) -> str | None:
    low = title.lower()
    if any(w in low.split() for w in TITLE_STOP) or "heir" in low:
        return None
    office = next((o for k, o in OFFICES if re.search(rf"\b{re.escape(k)}\b", low)), None)
    if office is None:
        office = "Head of Government" if label == "head of government" else "Head of State"
    qualifier = next((q for k, q in QUALIFIERS if re.search(rf"\b{k}\b", low)), None)
    return f"{qualifier} {office}" if qualifier and office not in ("Governor-General",) else office


# Some editions lost an accented letter and left a space: "Idriss D BY" (Deby), "Manuel L PEZ" (Lopez). A lone
# capital after a given name, before a capitalised word, is the start of that word: joined, the surname's
# sound key (leaders.sound drops vowels) meets the accented spelling. Initials ("S R NATHAN") follow a capital.
LOST_LETTER = re.compile(r"(?<=[a-z] )([A-Z]) ([A-Z]{2,})\b")


def display(name: str) -> tuple[str, str, tuple[str, ...]]:
    """(key, display name, aliases) from "Anthony (Tony) BLAIR" or "TAMIM bin Hamad Al Thani"."""
    nick = re.search(r"\(([^()]+)\)", name)
    bare = " ".join(re.sub(r"\([^()]*\)", " ", name).split())
    bare = LOST_LETTER.sub(r"\1\2", bare)
    words = bare.split()
    caps = [w for w in words if is_caps(w) or any(is_caps(p) for p in w.split("-"))]
    key = fold(" ".join(caps))
    shown = " ".join(_proper(w) for w in words if w.lower() not in ("dr.", "dr"))
    aliases = {" ".join(_proper(w) for w in caps)}
    if nick:
        nickname = nick[1].strip()
        if nickname and nickname[:1].isupper() and len(nickname.split()) <= 2:
            aliases.add(f"{nickname} {' '.join(_proper(w) for w in caps)}")
    first = words[0] if words and not is_caps(words[0]) else ""
    if first and len(words) > 2:
        aliases.add(f"{_proper(first)} {' '.join(_proper(w) for w in caps)}")
    aliases.discard(shown)
    return key, shown, tuple(sorted(a for a in aliases if a))


def _proper(word: str) -> str:
    if not is_caps(word) and not any(is_caps(p) for p in word.split("-")):
        return word
    parts = []
    for part in word.split("-"):
        if not is_caps(part):
            parts.append(part)
            continue
        low = part.lower()
        if low in SUFFIXES or re.fullmatch(r"[ivx]+", low):
            parts.append(part.upper())
            continue
        p = low.capitalize()
        p = re.sub(r"(?<=^[a-z]['’])([a-z])", lambda m: m[1].upper(), p)
        if re.match(r"^mc[a-z]", p):
            p = "Mc" + p[2:].capitalize()
        parts.append(p)
    return "-".join(parts)


def read_holders(path: Path) -> tuple[list[Holder], dict[str, set[int]]]:
    holders: list[Holder] = []
    informative: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                if r["entity_type"] in KEPT_TYPES]
    # two rows under one code in one year: the one with the code's usual entity name (a Cape Verde text
    # filed under CAN is a filing slip, not a second Canadian government)
    parsed = []
    for row in rows:
        code = row["iso3"] or ENTITY_CODES.get(row["entity"], "")
        if re.fullmatch(r"[A-Z]{3}", code) and code not in SKIP_CODES:
            parsed.append((int(row["year"]), code, _holders_of_row(int(row["year"]), code, row["text"] or "")))
    for year, code, found in _one_text_per_year(parsed):
        if found:
            informative[code].add(year)
        holders += found
    return _drop_foreign_heads(holders), informative


def _one_text_per_year(parsed: list[tuple[int, str, list[Holder]]]) -> list[tuple[int, str, list[Holder]]]:
    """Two texts under one code in one year (Cape Verde's filed under CAN): keep the one naming the people
    the code's single-text years name; the other is a filing slip, not a second government."""
    groups: dict[tuple[int, str], list[list[Holder]]] = defaultdict(list)
    for year, code, found in parsed:
        groups[(year, code)].append(found)
    usual: dict[str, Counter] = defaultdict(Counter)
    for (_, code), texts in groups.items():
        if len(texts) == 1:
            usual[code].update({h.key for h in texts[0]})
    out = []
    for (year, code), texts in groups.items():
        best = max(texts, key=lambda hs: sum(usual[code][h.key] > 0 for h in hs) - 0.01 * len(hs))
        out.append((year, code, best))
    return out


def _holders_of_row(year: int, code: str, text: str) -> list[Holder]:
    out = []
    seen = set()
    for label, body in sections(text):
        for n, (title, name, since, represented) in enumerate(holders_in(body)):
            office = office_of(title, label)
            if office is None or (n > 0 and office.endswith(("Head of State", "Head of Government"))):
                continue  # an untitled later name in a section is a deputy or a member of a list
            if office.endswith("Premier") and code != "CHN":
                office = office.replace("Premier", "Prime Minister")
            if represented:
                if "Governor" not in office and "governor" not in title.lower():
                    continue
                office = "Governor-General"
            key, shown, aliases = display(name)
            if not key or (code, office, key) in seen:
                continue
            seen.add((code, office, key))
            out.append(Holder(year, code, office, key, shown, aliases, since))
    return out


def _drop_foreign_heads(holders: list[Holder]) -> list[Holder]:
    """A monarch or co-prince listed in several countries in one year heads the one where no
    representative stands in: the British monarch is written for GBR only, the French president
    for FRA only. Detected as the same key holding a head-of-state office in two countries."""
    by_year_key: dict[tuple[int, str], set[str]] = defaultdict(set)
    for h in holders:
        by_year_key[(h.year, h.key)].add(h.country)
    keep = []
    for h in holders:
        countries = by_year_key[(h.year, h.key)]
        if len(countries) > 1 and h.office in ("Queen", "King", "Co-Prince", "Head of State"):
            continue
        keep.append(h)
    return keep


def merge_spellings(holders: list[Holder]) -> None:
    """Two spellings of one person ("JEFFERY", "JEFFREY") share the office's exact "since" day: one key."""
    keys: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for h in holders:
        if h.since and len(h.since) == 10:
            keys[(h.country, h.office, h.since)][h.key] += 1
    canonical = {}
    for (country, office, _), counter in keys.items():
        if len(counter) > 1:
            best = counter.most_common(1)[0][0]
            for k in counter:
                canonical[(country, office, k)] = best
    for h in holders:
        h.key = canonical.get((h.country, h.office, h.key), h.key)


def build_terms(holders: list[Holder], informative: dict[str, set[int]]) -> list[Term]:
    merge_spellings(holders)
    runs: dict[tuple[str, str, str], list[Holder]] = defaultdict(list)
    for h in holders:
        runs[(h.country, h.office, h.key)].append(h)
    terms = []
    for (country, office, key), hs in runs.items():
        years_known = sorted(informative[country])
        hs.sort(key=lambda h: h.year)
        current: list[Holder] = []
        for h in hs:
            if current and not _consecutive(current[-1].year, h.year, years_known, h.since, current):
                terms.append(_term(country, office, key, current))
                current = []
            current.append(h)
        if current:
            terms.append(_term(country, office, key, current))
    _set_dates(terms, informative)
    return terms


def _consecutive(prev: int, year: int, years_known: list[int], since: str | None, current: list[Holder]) -> bool:
    between = [y for y in years_known if prev < y < year]
    if between:
        return False
    if since and current[-1].since and since[:4] > current[-1].since[:4] and since[:4] > str(prev):
        return False  # a new "since" date after the last listing: a new term
    return True


def _term(country: str, office: str, key: str, hs: list[Holder]) -> Term:
    term = Term(country, office, key)
    for h in hs:
        term.names[h.name] += 1
        term.aliases.update(h.aliases)
        term.years.append(h.year)
        if h.since:
            term.sinces[h.since] += 1
    return term


def _set_dates(terms: list[Term], informative: dict[str, set[int]]) -> None:
    for t in terms:
        t.start = _best_since(t) or str(t.years[0])
    by_office: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for t in terms:
        by_office[(t.country, t.office.replace("Acting ", "").replace("Interim ", ""))].append(t)
    for (country, _), group in by_office.items():
        last_known = max(informative[country])
        group.sort(key=lambda t: (t.start, t.years[0]))
        for t in group:
            if t.years[-1] >= last_known:
                t.end = ""
                continue
            later = [o for o in group if o is not t and o.start > t.start and o.years[0] > t.years[0]
                     and o.years[0] <= _next_known(t.years[-1], informative[country])]
            if later:
                t.end = min(o.start for o in later)
            else:
                t.end = str(_next_known(t.years[-1], informative[country]))
            if t.end < t.start:
                t.end = t.start


def _next_known(year: int, known: set[int]) -> int:
    later = [y for y in known if y > year]
    return min(later) if later else year + 1


def _best_since(t: Term) -> str | None:
    if not t.sinces:
        return None
    # the most precise of the most common values: a later edition often corrects "NA 1990"
    ranked = sorted(t.sinces.items(), key=lambda kv: (-len(kv[0]), -kv[1]))
    first_year = str(t.years[0])
    plausible = [s for s, _ in ranked if s[:4] <= first_year]
    return (plausible or [ranked[0][0]])[0]


def read_hand(paths: tuple[Path, ...]) -> dict[str, list[tuple[str, str, str]]]:
    """country -> [(folded name and aliases, start, end)] of hand-checked rows."""
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for path in paths:
        if not path.exists():
            continue
        header = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
            names = {fold(row["name"])} | {fold(a) for a in row["aliases"].split("|") if a.strip()}
            names |= {_person_key(n) for n in names if name_words(n)}  # initial + surname sound: one person per
            for n in names:                                               # country and stretch of time
                out[row["country"]].append((n, row["start"], row["end"] or "9999"))
    return out


def _person_key(name: str) -> str:
    """"m qdf": given-name initial and the surname's sound, so Qadhafi meets Gaddafi but not a namesake."""
    words = name_words(name)
    return f"{words[0][:1]} {surname_key(name)}" if len(words) > 1 else surname_key(name)


def _sounds(name: str) -> tuple[str, ...]:
    return tuple(sound(w) for w in name_words(name))


def _within(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """An edition's "Ahmad al-Nawaf" is the hand table's "Ahmad Nawaf Al-Ahmad Al-Sabah" in the same country
    at the same time: its words come in that name in that order. Order matters: "Khalifa bin Hamad" is
    the father of "Hamad bin Khalifa"."""
    if not short:
        return False
    rest = iter(full)
    return all(any(w == f for f in rest) for w in short)


def reconcile(terms: list[Term], hand: dict[str, list[tuple[str, str, str]]]) -> list[Term]:
    kept = []
    for t in terms:
        name = fold(t.names.most_common(1)[0][0])
        keys = {name, t.key} | {fold(a) for a in t.aliases}
        keys |= {_person_key(k) for k in list(keys) if len(name_words(k)) > 1}
        end = t.end or "9999"
        words = _sounds(name)
        same = any((n in keys and s[:4] <= end[:4] and t.start[:4] <= e[:4])
                   or (_within(words, _sounds(n)) and s < end and t.start < e)
                   for n, s, e in hand.get(t.country, ()))
        if not same:
            kept.append(t)
    return kept


HEADER = """# Heads of state and government 1990-2025, derived by scripts/build_leaders.py from the CIA World Factbook's
# "Executive branch" entries (who held which office, since when). Facts only, in our own format; do not edit by
# hand: fix the script or put hand-checked rows in leaders.tsv / leaders_hand.tsv, which win over these rows.
# Columns as in leaders.tsv. end: the successor's "since" date, else the first year the person is no longer
# listed (year precision), else empty (still listed in the 2025 edition).
"""


def write(terms: list[Term], out: Path) -> None:
    terms.sort(key=lambda t: (t.country, t.office, t.start))
    with out.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        handle.write("country\tname\taliases\toffice\tsector\tstart\tend\n")
        for t in terms:
            name = t.names.most_common(1)[0][0]
            # a surname alone is no alias: it finds a person only while in office (leaders.py), so that
            # "Obama" is never the Equatorial Guinean prime minister of that name
            aliases = sorted(a for a in t.aliases | set(t.names) if a != name and len(a.split()) > 1)
            handle.write("\t".join((t.country, name, "|".join(aliases), t.office, "GOV", t.start, t.end)) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"{args.source}: not found", file=sys.stderr)
        return 2
    holders, informative = read_holders(args.source)
    terms = build_terms(holders, informative)
    kept = reconcile(terms, read_hand(HAND_TABLES))
    write(kept, args.out)
    people = len({(t.country, t.key) for t in kept})
    print(f"{len(holders)} listings, {len(terms)} terms derived, {len(kept)} written "
          f"({people} people) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
