"""The record `eventwire actors resolve` writes for one phrase, and the dates its cases carry."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from eventwire.model import Actor

UNKNOWN_SECTOR = "UNK"  # an actor was found but nothing says which sector it belongs to
_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y-%m", "%Y")


def parse_case_date(value: str | None, today: date | None = None) -> date | None:
    """ "2022-03-01", "10 May 2015", "today" or nothing: the day a phrase is to be read on."""
    if not value or not value.strip():
        return None
    text = re.sub(r"\s+", " ", value.strip())
    if text.lower() == "today":
        return today or date.today()
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unreadable date '{value}' (want YYYY-MM-DD, '10 May 2015' or 'today')")


def resolution_record(case_id: Any, actor: Actor | None) -> dict[str, Any]:
    """{id, code, country, sector, name}. A person or group with no known sector says UNK, so a
    reader can tell "an actor of unknown kind" from "a country as a whole" (sector empty)."""
    if actor is None:
        return {"id": case_id, "code": None, "country": None, "sector": None, "name": None}
    sector = actor.sector
    if sector is None and actor.kind not in ("country", "igo") and not actor.igo:
        sector = UNKNOWN_SECTOR
    # the head of an IGO speaks for it: the record's country field is IGO, as for the IGO itself
    country = actor.country or ("IGO" if actor.igo else "")
    return {"id": case_id, "code": actor.code, "country": country, "sector": sector or "",
            "name": actor.name}
