"""When an event happened: date expressions in a sentence, resolved against the article date.

News rarely prints the date of what it reports. It says "on Thursday" or "last month" and relies
on the reader knowing when the article appeared, so an event's date is the article date shifted
by the expression nearest to the event's trigger.

Candidates come from two places so that neither's misses are lost: spaCy's DATE/TIME entities
(resolved with :func:`resolve_expression`) and one compiled regex over the sentence text that
catches what the tagger misses ("last night", "03/04/2021"). Where both find overlapping text the
longer resolved span wins. Entities we cannot place ("the 1990s", "for decades") are dropped rather
than returned as "unknown", so they never displace the article date.

Precision is a promise to the analyst, so it is never finer than the text allows:

- ``day``: the expression names one calendar day ("on Thursday", "yesterday", "March 3, 2021",
  "two days ago", "three weeks ago" = exactly 21 days before the article).
- ``month`` / ``year``: for expressions that cover a stretch of days ("last week", "earlier this
  month", "over the weekend") the finest calendar unit that contains every day of the stretch; a
  week inside one month gives that month, a week across two months gives the year. A stretch
  across New Year gives no date at all, so the event falls back to the article date.
- Seasons are meteorological, northern hemisphere (spring = March to May, winter = December to
  February) and always resolve to a year: a season is three months, so a month would overstate.
  A winter belongs to the year of its January.
- Slash dates are read only when unambiguous (one part above 12, or both parts equal); otherwise
  only their year is kept (precision ``year``), because 03/04/2021 is March or April by convention.
- A weekday, month or "March 3" without a year is the latest one on or before the article date,
  or, when the sentence is about the future, the next one after it (for weekdays strictly after,
  for months and days on or after). "last Tuesday" is the latest Tuesday strictly before the article
  date; "next Monday" the first Monday strictly after it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from eventwire.model import DateRef

__all__ = [
    "date_for_event",
    "find_date_expressions",
    "mentions_future",
    "resolve_expression",
]

_MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_FULL_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_WEEKDAY_NUMBERS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
# (first month, last month) of each season; winter runs into the next year.
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

_DAY_OFFSETS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "later today": 0, "yesterday": -1, "last night": -1, "last evening": -1,
    "tomorrow": 1, "the day before yesterday": -2, "day before yesterday": -2,
    "the day after tomorrow": 2, "day after tomorrow": 2,
}

_CONTEXT_WORDS = r"in|since|during|until|till|from|by|throughout|through"
_PART_WORDS = r"early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of"
_TIME_OF_DAY = r"morning|afternoon|evening|night"
_MONTH_REL = r"this\s+past|this\s+coming|last|next|this"
_SEASON_REL = r"this\s+past|this\s+coming|earlier\s+this|later\s+this|last|next|this"
_WEEKDAY_REL = r"this\s+past|this\s+coming|last|next|this|past|coming"
_UNIT_REL = (r"(?:earlier|later)\s+this|this\s+past|this\s+coming|over\s+the\s+past|the\s+past|the\s+previous"
             r"|the\s+coming|over\s+the|last|next|this")
_UNIT_NAMES = "weekend|week|month|year"
_AGO_UNITS = "day|week|month|year"
_SEASON_NAMES = "spring|summer|autumn|fall|winter"
_DAY_WORDS = (r"(?:the\s+)?day\s+(?:before\s+yesterday|after\s+tomorrow)|(?:earlier|later)\s+today"
              r"|today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+(?:night|evening)")
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"


def _names(words: tuple[str, ...] | list[str], strict: bool) -> str:
    """Alternation of names; in the sentence scanner only as written in news (Title or UPPER case).

    Case matters there because "may", "march" and "fall" are also ordinary words.
    """
    words = sorted(words, key=len, reverse=True)
    if strict:
        forms = [f for w in words for f in (w.capitalize(), w.upper())]
    else:
        forms = list(words)
    return "(?:" + "|".join(forms) + ")"


def _kw(pattern: str) -> str:
    """Keywords match in any case in both modes."""
    return f"(?i:{pattern})"


def _build_pattern(strict: bool) -> str:
    """The date grammar: one named alternative per expression family.

    ``strict`` is the sentence scanner: bare month names, years and seasons need a context word
    ("in March", "since 2019") so that numbers and common nouns are not taken for dates. The
    loose form resolves text already known to be a date (an NER entity, a caller's string).
    Alternatives that can start at the same place are ordered longest first.
    """
    weekday = _names(list(_WEEKDAY_NUMBERS), strict)
    month = _names(list(_MONTH_NUMBERS), strict)
    full_month = _names(list(_FULL_MONTHS), strict)
    context, part, tod = _kw(_CONTEXT_WORDS), _kw(_PART_WORDS), _kw(_TIME_OF_DAY)
    the, of, ago = _kw("the"), _kw("of"), _kw("ago")
    month_rel = _kw(_MONTH_REL)
    season_rel = _kw(_SEASON_REL)
    numbers = _kw("|".join(_NUMBER_WORDS))
    units, ago_units, seasons = _kw(_UNIT_NAMES), _kw(_AGO_UNITS), _kw(_SEASON_NAMES)
    day_words, unit_rel, weekday_rel = _kw(_DAY_WORDS), _kw(_UNIT_REL), _kw(_WEEKDAY_REL)
    if strict:
        other_prefix = rf"(?:{context}\s+(?:{part}[\s-]+)?|{part}[\s-]+)"
        season_prefix = rf"(?:(?P<se_rel>{season_rel})\s+|{context}\s+(?:{the}\s+)?)"
    else:
        other_prefix = rf"(?:{context}\s+)?(?:{part}[\s-]+)?"
        season_prefix = rf"(?:(?P<se_rel>{season_rel})\s+|(?:{context}\s+)?(?:{the}\s+)?)"
    alternatives = [
        ("iso", r"(?P<iso_y>\d{4})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)(?![\d-])"),
        ("slash", r"(?P<sl_a>\d{1,2})/(?P<sl_b>\d{1,2})/(?P<sl_y>\d{4})(?![\d/])"),
        ("mdy", rf"(?:{weekday},?\s+)?(?P<mdy_m>{month})\.?\s+(?P<mdy_d>{_DAY})\b(?!:)"
                rf"(?:,?\s+(?P<mdy_y>{_YEAR})\b)?"),
        ("dmy", rf"(?:{weekday},?\s+)?(?:{the}\s+)?(?P<dmy_d>{_DAY})\s+(?:{of}\s+)?"
                rf"(?P<dmy_m>{month})\b\.?(?:,?\s+(?P<dmy_y>{_YEAR})\b)?"),
        ("my", rf"(?:{part}[\s-]+)?(?P<my_m>{month})\.?,?\s+(?:{of}\s+)?(?P<my_y>{_YEAR})\b"),
        ("mon", rf"(?:(?P<mon_rel>{month_rel})\s+(?:{part}[\s-]+)?|{other_prefix})(?P<mon_m>{full_month})\b"
                rf"(?!\.?\s+{_DAY}\b)(?:,?\s+(?:{of}\s+)?(?P<mon_y>{_YEAR})\b)?"),
        ("year", rf"{other_prefix}(?P<year_y>{_YEAR})\b(?![-/]\d)"),
        ("ago", rf"(?P<ago_n>\d{{1,3}}|{numbers})\s+(?P<ago_u>{ago_units})s?\s+{ago}\b"),
        ("dw", rf"(?P<dw_w>{day_words})\b(?:\s+{tod}\b)?"),
        ("unit", rf"(?P<unit_rel>{unit_rel})\s+(?P<unit_u>{units})\b"),
        ("season", rf"{season_prefix}(?P<se_s>{seasons})\b(?:\s+(?:{of}\s+)?(?P<se_y>{_YEAR})\b)?"),
        ("wd", rf"(?:(?P<wd_rel>{weekday_rel})\s+)?(?P<wd_d>{weekday})\b(?:\s+{tod}\b)?"),
    ]
    return "|".join(rf"(?P<{name}>{body})" for name, body in alternatives)


# Words that can begin an expression; checked first so that most word starts fail at once.
_FIRST_WORDS = (
    r"(?=\d|(?i:in|since|during|until|till|from|by|throughout|through|early|mid|late|the|this|last|next|past"
    r"|coming|earlier|later|over|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|today"
    r"|tonight|yesterday|tomorrow|day|spring|summer|autumn|fall|winter)\b"
    r"|[A-Z][a-z]*day\b|[A-Z]+DAY\b|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    r"|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
)
_SCANNER = re.compile(r"\b" + _FIRST_WORDS + "(?:" + _build_pattern(strict=True) + ")")
# Every expression the grammar resolves contains a digit or one of these (lower-cased) pieces, so a
# sentence without any is skipped before the scanner and the entity list are looked at.
_DIGIT = re.compile(r"\d")
_CORE_PIECES = (
    "day", "week", "month", "year", "ago", "night", "tomorrow", "morning", "afternoon", "evening", "spring", "summer",
    "autumn", "fall", "winter", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)
_RESOLVER = re.compile(_build_pattern(strict=False), re.IGNORECASE)
_LEADING_NOISE = re.compile(
    rf"^(?:(?:on|at|{_CONTEXT_WORDS}|about|around|approximately|roughly|some|nearly|almost|just|only"
    r"|as\s+of|more\s+than|less\s+than|at\s+least|over(?!\s+the\b))\s+)+",
    re.IGNORECASE,
)
_LEADING_CONTEXT = re.compile(rf"^(?:(?:{_CONTEXT_WORDS})\s+)+", re.IGNORECASE)
_TRAILING_NOISE = re.compile(r"(?:['\u2019]s)?[\s,.;:]*$")
_SPACES = re.compile(r"\s+")
_DATE_LABELS = frozenset({"DATE", "TIME"})


# --- calendar arithmetic -------------------------------------------------------------------------

def _first_of_month(year: int, month: int, shift: int = 0) -> dt.date:
    index = year * 12 + (month - 1) + shift
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(first: dt.date) -> dt.date:
    return _first_of_month(first.year, first.month, 1) - dt.timedelta(days=1)


def _from_stretch(first: dt.date, last: dt.date, text: str) -> DateRef | None:
    """The finest calendar unit that holds every day from ``first`` to ``last``."""
    if first == last:
        return DateRef(first, "day", text)
    if (first.year, first.month) == (last.year, last.month):
        return DateRef(first.replace(day=1), "month", text)
    if first.year == last.year:
        return DateRef(dt.date(first.year, 1, 1), "year", text)
    return None


def _weekday_on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _weekday_after(anchor: dt.date, weekday: int) -> dt.date:
    return anchor + dt.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def _month_occurrence(anchor: dt.date, month: int, rel: str, future: bool) -> dt.date:
    """First day of the month named without a year, relative to the article's month."""
    this_year = dt.date(anchor.year, month, 1)
    current = anchor.replace(day=1)
    if rel == "last" or rel == "this past":
        return this_year if this_year < current else this_year.replace(year=anchor.year - 1)
    if rel == "next" or rel == "this coming" or future:
        strictly = rel in ("next", "this coming")
        if this_year > current or (this_year == current and not strictly):
            return this_year
        return this_year.replace(year=anchor.year + 1)
    return this_year if this_year <= current else this_year.replace(year=anchor.year - 1)


def _day_occurrence(anchor: dt.date, month: int, day: int, future: bool) -> dt.date | None:
    """A month and day without a year: the nearest valid one before (or, in the future, after)."""
    years = range(anchor.year, anchor.year + 5) if future else range(anchor.year, anchor.year - 5, -1)
    for year in years:
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if (candidate >= anchor) if future else (candidate <= anchor):
            return candidate
    return None


def _season_year(anchor: dt.date, season: str, rel: str, future: bool) -> int:
    """The year (of its January, for winter) of the season instance the expression means."""
    first_month, last_month = _SEASONS[season]
    instances = []
    for year in range(anchor.year - 2, anchor.year + 3):
        start = dt.date(year - 1 if first_month > last_month else year, first_month, 1)
        end = _month_end(dt.date(year, last_month, 1))
        instances.append((year, start, end))
    if rel in ("last", "this past"):
        return max(y for y, _, end in instances if end < anchor)
    if rel in ("next", "this coming"):
        return min(y for y, start, _ in instances if start > anchor)
    if rel in ("this", "earlier this", "later this"):
        current = [y for y, start, end in instances if start <= anchor <= end]
        return current[0] if current else anchor.year
    if future:
        return min(y for y, _, end in instances if end >= anchor)
    return max(y for y, start, _ in instances if start <= anchor)


# --- one resolver per alternative of the grammar ---------------------------------------------------

def _norm(value: str | None) -> str:
    return _SPACES.sub(" ", value.lower()) if value else ""


def _day_number(value: str) -> int:
    return int(value.rstrip("stndrh"))


def _resolve_iso(m: re.Match[str], anchor: dt.date | None, future: bool, text: str) -> DateRef | None:
    try:
        return DateRef(dt.date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"])), "day", text)
    except ValueError:
        return None


def _resolve_slash(m: re.Match[str], anchor: dt.date | None, future: bool, text: str) -> DateRef | None:
    a, b, year = int(m["sl_a"]), int(m["sl_b"]), int(m["sl_y"])
    if a > 12 and b > 12:
        return None
    if a <= 12 and b <= 12 and a != b:
        return DateRef(dt.date(year, 1, 1), "year", text)
    month, day = (b, a) if a > 12 else (a, b)
    try:
        return DateRef(dt.date(year, month, day), "day", text)
    except ValueError:
        return None


def _resolve_month_day(month_name: str, day_text: str, year_text: str | None, anchor: dt.date | None,
                       future: bool, text: str) -> DateRef | None:
    month, day = _MONTH_NUMBERS[_norm(month_name)], _day_number(day_text)
    if year_text:
        try:
            return DateRef(dt.date(int(year_text), month, day), "day", text)
        except ValueError:
            return None
    if anchor is None:
        return None
    found = _day_occurrence(anchor, month, day, future)
    return DateRef(found, "day", text) if found else None


def _resolve_mdy(m: re.Match[str], anchor: dt.date | None, future: bool, text: str) -> DateRef | None:
    return _resolve_month_day(m["mdy_m"], m["mdy_d"], m["mdy_y"], anchor, future, text)


def _resolve_dmy(m: re.Match[str], anchor: dt.date | None, future: bool, text: str) -> DateRef | None:
    return _resolve_month_day(m["dmy_m"], m["dmy_d"], m["dmy_y"], anchor, future, text)


def _resolve_my(m: re.Match[str], anchor: dt.date | None, future: bool, text: str) -> DateRef | None:
    return DateRef(dt.date(int(m["my_y"]), _MONTH_NUMBERS[_norm(m["my_m"])], 1), "month", text)


def _resolve_mon(m: re.Match[str], anchor: dt.date | None, future: bool, text: str) -> DateRef | None:
    month = _MONTH_NUMBERS[_norm(m["mon_m"])]
    if m["mon_y"]:
        return DateRef(dt.date(int(m["mon_y"]), month, 1), "month", text)
    if anchor is None:
        return None
    return DateRef(_month_occurrence(anchor, month, _norm(m["mon_rel"]), future), "month", text)


def _resolve_year(m: re.Match[str], anchor: dt.date | None, future: bool, text: str) -> DateRef | None:
    return DateRef(dt.date(int(m["year_y"]), 1, 1), "year", text)


def _resolve_ago(m: re.Match[str], anchor: dt.date | None, future: bool, text: str) -> DateRef | None:
    if anchor is None:
        return None
    count_text, unit = _norm(m["ago_n"]), _norm(m["ago_u"])
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS[count_text]
    if unit == "day":
        return DateRef(anchor - dt.timedelta(days=count), "day", text)
    if unit == "week":
        return DateRef(anchor - dt.timedelta(weeks=count), "day", text)
    if unit == "month":
        return DateRef(_first_of_month(anchor.year, anchor.month, -count), "month", text)
    return DateRef(dt.date(anchor.year - count, 1, 1), "year", text)


def _resolve_dw(m: re.Match[str], anchor: dt.date | None, future: bool, text: str) -> DateRef | None:
    if anchor is None:
        return None
    return DateRef(anchor + dt.timedelta(days=_DAY_OFFSETS[_norm(m["dw_w"])]), "day", text)


def _week_stretch(anchor: dt.date, rel: str) -> tuple[dt.date, dt.date]:
    monday = anchor - dt.timedelta(days=anchor.weekday())
    sunday = monday + dt.timedelta(days=6)
    week = dt.timedelta(weeks=1)
    stretches = {
        "this": (monday, sunday), "earlier this": (monday, anchor), "later this": (anchor, sunday),
        "last": (monday - week, sunday - week), "the previous": (monday - week, sunday - week),
        "this past": (monday - week, sunday - week),
        "next": (monday + week, sunday + week), "the coming": (monday + week, sunday + week),
        "this coming": (monday + week, sunday + week),
    }
    return stretches.get(rel, (anchor - week, anchor))  # "the past week", "over the past week"


def _weekend_stretch(anchor: dt.date, rel: str, future: bool) -> tuple[dt.date, dt.date]:
    if rel in ("next", "the coming", "this coming") or (rel == "this" and future):
        saturday = _weekday_after(anchor, 5)
    elif rel == "this":
        saturday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=5)
    else:  # last, this past, over the (past), the previous
        saturday = _weekday_on_or_before(anchor - dt.timedelta(days=1), 5)
    return saturday, saturday + dt.timedelta(days=1)


def _month_stretch(anchor: dt.date, rel: str) -> tuple[dt.date, dt.date]:
    shift = {"last": -1, "the previous": -1, "this past": -1, "next": 1, "the coming": 1, "this coming": 1}
    if rel in ("the past", "over the past", "over the"):
        return anchor - dt.timedelta(days=30), anchor
    first = _first_of_month(anchor.year, anchor.month, shift.get(rel, 0))
    return first, _month_end(first)


def _year_stretch(anchor: dt.date, rel: str) -> tuple[dt.date, dt.date]:
    shift = {"last": -1, "the previous": -1, "this past": -1, "next": 1, "the coming": 1, "this coming": 1}
    if rel in ("the past", "over the past", "over the"):
        return anchor - dt.timedelta(days=365), anchor
    year = anchor.year + shift.get(rel, 0)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _resolve_unit(m: re.Match[str], anchor: dt.date | None, future: bool, text: str) -> DateRef | None:
    if anchor is None:
        return None
    rel, unit = _norm(m["unit_rel"]), _norm(m["unit_u"])
    if unit == "week":
        first, last = _week_stretch(anchor, rel)
    elif unit == "weekend":
        first, last = _weekend_stretch(anchor, rel, future)
    elif unit == "month":
        first, last = _month_stretch(anchor, rel)
    else:
        first, last = _year_stretch(anchor, rel)
    return _from_stretch(first, last, text)


def _resolve_season(m: re.Match[str], anchor: dt.date | None, future: bool, text: str) -> DateRef | None:
    if m["se_y"]:
        return DateRef(dt.date(int(m["se_y"]), 1, 1), "year", text)
    if anchor is None:
        return None
    year = _season_year(anchor, _norm(m["se_s"]), _norm(m["se_rel"]), future)
    return DateRef(dt.date(year, 1, 1), "year", text)


def _resolve_wd(m: re.Match[str], anchor: dt.date | None, future: bool, text: str) -> DateRef | None:
    if anchor is None:
        return None
    weekday, rel = _WEEKDAY_NUMBERS[_norm(m["wd_d"])], _norm(m["wd_rel"])
    if rel in ("last", "past", "this past"):
        found = _weekday_on_or_before(anchor - dt.timedelta(days=1), weekday)
    elif rel in ("next", "coming", "this coming") or future:
        found = _weekday_after(anchor, weekday)
    else:
        found = _weekday_on_or_before(anchor, weekday)
    return DateRef(found, "day", text)


_Resolver = Callable[[re.Match[str], dt.date | None, bool, str], DateRef | None]
_RESOLVERS: dict[str, _Resolver] = {
    "iso": _resolve_iso, "slash": _resolve_slash, "mdy": _resolve_mdy, "dmy": _resolve_dmy,
    "my": _resolve_my, "mon": _resolve_mon, "year": _resolve_year, "ago": _resolve_ago,
    "dw": _resolve_dw, "unit": _resolve_unit, "season": _resolve_season, "wd": _resolve_wd,
}


def _resolve_match(m: re.Match[str], anchor: dt.date | None, future: bool, text: str) -> DateRef | None:
    """The expression's date; None when it falls outside the calendar (years 1 to 9999).

    "tomorrow" on 9999-12-31 or "last week" on 0001-01-01 has no date; every resolver's
    arithmetic can step over the edge, so the edge is handled once, here.
    """
    try:
        return _RESOLVERS[m.lastgroup or ""](m, anchor, future, text)
    except (OverflowError, ValueError):
        return None


# --- public API ------------------------------------------------------------------------------------

def resolve_expression(text: str, article_date: dt.date | None, future: bool = False) -> DateRef | None:
    """The date a whole expression ("on Thursday", "last month", "3 March 2021") stands for.

    None when the text is not a date expression we can place (a duration, "the 1990s", a relative
    expression without an article date).
    """
    cleaned = _SPACES.sub(" ", text.replace("\u2019", "'")).strip()
    cleaned = _TRAILING_NOISE.sub("", _LEADING_NOISE.sub("", cleaned))
    m = _RESOLVER.fullmatch(cleaned)
    return _resolve_match(m, article_date, future, cleaned) if m else None


def find_date_expressions(
    sentence: Span, article_date: dt.date | None, future: bool = False
) -> list[tuple[tuple[int, int], DateRef]]:
    """Every resolvable date expression of the sentence, with its doc-level character span, in order."""
    text = sentence.text
    if not _may_hold_a_date(text):
        return []
    base = sentence.start_char
    candidates: list[tuple[int, int, DateRef]] = []
    for m in _SCANNER.finditer(text):
        context = _LEADING_CONTEXT.match(m.group())
        start = m.start() + (context.end() if context else 0)
        ref = _resolve_match(m, article_date, future, text[start:m.end()])
        if ref is not None:
            candidates.append((base + start, base + m.end(), ref))
    for ent in sentence.ents:
        if ent.label_ in _DATE_LABELS and not _is_count(ent):
            ref = resolve_expression(ent.text, article_date, future)
            if ref is not None:
                stripped = ent.text.strip()  # entities can end in the blank line after a dateline
                start = ent.start_char + len(ent.text) - len(ent.text.lstrip())
                candidates.append((start, start + len(stripped), DateRef(ref.date, ref.precision, stripped)))
    return _without_overlaps(candidates)


def _may_hold_a_date(text: str) -> bool:
    if _DIGIT.search(text):
        return True
    lowered = text.lower()
    return any(piece in lowered for piece in _CORE_PIECES)


def _is_count(ent: Span) -> bool:
    """A bare number the tagger called a date but that counts a noun ("drew 2019 delegates").

    A year used as a modifier comes after a determiner or a possessive ("the 2019 elections").
    """
    if len(ent) != 1 or not ent[0].like_num or ent[0].dep_ != "nummod":
        return False
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return before is None or not (before.dep_ in ("det", "poss") or before.tag_ == "POS")


def _without_overlaps(candidates: list[tuple[int, int, DateRef]]) -> list[tuple[tuple[int, int], DateRef]]:
    """Longest first, then the earlier: NER and regex often find the same words with other edges."""
    chosen: list[tuple[int, int, DateRef]] = []
    for start, end, ref in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, ref))
    return [((s, e), ref) for s, e, ref in sorted(chosen, key=lambda c: c[0])]


_FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo"})
_FUTURE_FRAMES = frozenset({"schedule", "expect", "plan", "set", "due", "intend", "prepare", "go", "slate"})


def mentions_future(sentence: Span, trigger_index: int) -> bool:
    """Whether the trigger's clause speaks of the future ("will meet", "is scheduled to meet").

    Only the markers that English news uses for planned events; modality proper is the event
    stage's job, this is what decides whether "on Monday" looks forward or back.
    """
    clause = _clause_head(sentence.doc[trigger_index])
    for head in (clause, clause.head if clause.dep_ == "xcomp" else None):
        if head is None:
            continue
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUXILIARIES for c in head.children):
            return True
        if head.i != clause.i and head.lemma_.lower() in _FUTURE_FRAMES:
            return True
    return False


def date_for_event(
    sentence: Span,
    trigger_index: int,
    article_date: dt.date | None,
    future: bool | None = None,
) -> DateRef:
    """The date of the event whose trigger is doc token ``trigger_index``.

    The expression in the trigger's own clause wins, then the one closest in the dependency tree,
    then the one closest in the text; without any, the article date ("article") or "unknown".
    ``future=None`` decides from the sentence with :func:`mentions_future`.
    """
    if not sentence.start <= trigger_index < sentence.end:
        raise ValueError(f"trigger token {trigger_index} is outside the sentence [{sentence.start}, {sentence.end})")
    if future is None:
        future = mentions_future(sentence, trigger_index)
    found = find_date_expressions(sentence, article_date, future)
    if not found:
        return DateRef(article_date, "article") if article_date else DateRef(None, "unknown")
    trigger = sentence.doc[trigger_index]
    clause = _clause_head(trigger)
    found = [item for item in found if not _describes_other_noun(sentence, item[0], trigger)]
    if not found:
        return DateRef(article_date, "article") if article_date else DateRef(None, "unknown")

    def closeness(item: tuple[tuple[int, int], DateRef]) -> tuple[int, int, int]:
        (start, end), _ = item
        span = sentence.doc.char_span(start, end, alignment_mode="expand")
        root = span.root if span is not None else trigger
        return (0 if _clause_head(root).i == clause.i else 1, _tree_distance(root, trigger), abs(root.i - trigger.i))

    return min(found, key=closeness)[1]


def _describes_other_noun(sentence: Span, chars: tuple[int, int], trigger: Token) -> bool:
    """ "began investigations of the crash of the plane, which was built in 1977": a date in a relative
    clause whose subject is its noun dates what the clause says of the noun, not the event (unless the
    event is that noun or in that clause); "the university from which he graduated in 2000" tells a time
    of the story."""
    span = sentence.doc.char_span(chars[0], chars[1], alignment_mode="expand")
    if span is None:
        return False
    head = _clause_head(span.root)
    if head.dep_ != "relcl" or head.head.i == trigger.i:  # "his release, which came in 2017" dates the release
        return False
    said_of_noun = any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in head.children)
    return said_of_noun and not any(t.i == head.i for t in _path_to_root(trigger))


def _clause_head(token: Token) -> Token:
    """The verb that heads the token's clause (or the sentence root)."""
    while token.head.i != token.i:
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return token
        token = token.head
    return token


def _tree_distance(a: Token, b: Token) -> int:
    depth_of = {}
    for depth, token in enumerate(_path_to_root(a)):
        depth_of[token.i] = depth
    for steps, token in enumerate(_path_to_root(b)):
        if token.i in depth_of:
            return steps + depth_of[token.i]
    return len(depth_of) + steps + 1


def _path_to_root(token: Token) -> list[Token]:
    path = [token]
    while token.head.i != token.i:
        token = token.head
        path.append(token)
    return path
