"""Article dates as inputs write them: ISO, compact, Unix timestamps, RSS (RFC 2822), "March 1, 2022".

Every relative date of an article ("on Monday") is read against its date, so a misread date
(a Unix timestamp taken for 1646-09-28) is worse than none. Anything not understood is
``None``, and the reader that found it says so with file and line.

All-numeric dates with the day and the month both 12 or less ("01/03/2022") are read DAY
FIRST (1 March 2022), as most of the world's press writes them; when the first number is
above 12 the date can only be day first, when the second is above 12 only month first
("12/25/2022" is 25 December 2022).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH_NUMBER = {**{name: n for n, name in enumerate(MONTHS, 1)},
                 **{name[:3]: n for n, name in enumerate(MONTHS, 1)}, "sept": 9}
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)")
_YMD_SLASH = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:$|[ T,]\s*\d)")
_TIMESTAMP = re.compile(r"\d{9,10}(?:\.\d+)?|\d{12,13}")
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH_FIRST = re.compile(rf"{_WEEKDAY}([a-z]+)\.?\s+(\d{{1,2}}){_ORDINAL},?\s+(\d{{4}})\b", re.IGNORECASE)
_DAY_FIRST = re.compile(rf"{_WEEKDAY}(\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
#: Unix timestamps outside these years are ids or sizes, not dates.
TIMESTAMP_YEARS = (1971, 2100)


def parse_date(value: object) -> dt.date | None:
    """The calendar day an input's date field means, or None when it is not a date we can read."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        return _from_number(value)
    text = str(value).strip()
    if not text:
        return None
    for parse in (_iso, _compact, _timestamp, _rfc2822, _month_name, _numeric):
        date = parse(text)
        if date is not None:
            return date
    return None


def parse_iso_date(value: str) -> dt.date | None:
    """A date as an option takes it: YYYY-MM-DD (or compact YYYYMMDD) only, never a guess."""
    text = value.strip()
    return _iso(text) or _compact(text)


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _iso(text: str) -> dt.date | None:
    match = _ISO.match(text)
    if match:
        return _day(*map(int, match.groups()))
    match = _YMD_SLASH.match(text)
    return _day(*map(int, match.groups())) if match else None


def _compact(text: str) -> dt.date | None:
    if len(text) == 8 and text.isdigit():
        return _day(int(text[:4]), int(text[4:6]), int(text[6:]))
    return None


def _from_number(value: float) -> dt.date | None:
    if value != value or value in (float("inf"), float("-inf")):
        return None
    if isinstance(value, int) and 10_000_101 <= value <= 99_991_231:
        return _compact(str(value))
    seconds = value / 1000 if abs(value) >= 1e11 else value
    try:
        date = dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None
    return date if TIMESTAMP_YEARS[0] <= date.year <= TIMESTAMP_YEARS[1] else None


def _timestamp(text: str) -> dt.date | None:
    return _from_number(float(text)) if _TIMESTAMP.fullmatch(text) else None


def _rfc2822(text: str) -> dt.date | None:
    """RSS and e-mail dates ("Tue, 01 Mar 2022 09:30:00 +0100"): the day where it was published."""
    if not re.search(r"\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}", text):
        return None
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _month_name(text: str) -> dt.date | None:
    match = _MONTH_FIRST.match(text)
    if match and match.group(1).lower() in _MONTH_NUMBER:
        month, day, year = match.groups()
        return _day(int(year), _MONTH_NUMBER[month.lower()], int(day))
    match = _DAY_FIRST.match(text)
    if match and match.group(2).lower() in _MONTH_NUMBER:
        day, month, year = match.groups()
        return _day(int(year), _MONTH_NUMBER[month.lower()], int(day))
    return None


def _numeric(text: str) -> dt.date | None:
    match = _NUMERIC.match(text)
    if not match:
        return None
    first, second, year = map(int, match.groups())
    if first > 12 >= second or (first <= 12 and second <= 12):
        return _day(year, second, first)  # day first
    return _day(year, first, second)  # "12/25/2022": only month first makes a date
