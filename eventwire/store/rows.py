"""Coded documents as flat table rows: plain dicts, cheap to send between processes.

Workers turn each CodedDocument into rows here, so the process that writes the store
only inserts them (and never needs the spaCy model).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from eventwire.model import CodedDocument

#: Modalities of events that did not happen; they are kept as mentions but form no story.
NOT_HAPPENED = frozenset({"negated", "hypothetical"})


@dataclass(slots=True)
class DocRows:
    """Everything one article adds to the store, table by table."""

    doc_id: str
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def n_events(self) -> int:
        return len(self.tables.get("events", ()))


def story_id(source: str | None, target: str | None, cameo: str, date: str | None) -> str:
    """The id shared by every mention of the same event: same actors, code and date."""
    key = "\x1f".join([source or "", target or "", cameo, date or ""])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def rows_of(coded: CodedDocument) -> DocRows:
    document = coded.document_record()
    article_date = document["date"]
    events = _unique([event_row(e.to_dict(), article_date) for e in coded.events], "event_id")
    quotes = _unique([quote_row(q.to_dict()) for q in coded.quotes], "quote_id")
    document["n_events"], document["n_quotes"] = len(events), len(quotes)
    return DocRows(
        doc_id=coded.article.id,
        tables={
            "documents": [document],
            "events": events,
            "quotes": quotes,
            "mentions": [mention_row(coded.article.id, n, m) for n, m in enumerate(coded.mentions)],
            "places": [place_row(coded.article.id, n, p.to_dict()) for n, p in enumerate(coded.places)],
        },
    )


def _unique(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Drop repeated ids (a stage emitting the same event twice must not fail the whole batch)."""
    seen: set[str] = set()
    out = []
    for row in rows:
        if row[key] not in seen:
            seen.add(row[key])
            out.append(row)
    return out


def event_row(record: dict[str, Any], article_date: str | None) -> dict[str, Any]:
    location = record.get("location") or {}
    source_actor, target_actor = record.get("source_actor"), record.get("target_actor")
    span = record.get("span") or [None, None]
    cameo = record["cameo"]
    happened = record.get("modality") not in NOT_HAPPENED
    return {
        "event_id": record["event_id"],
        "doc_id": record["doc_id"],
        "story_id": story_id(record["source"], record["target"], cameo, record.get("date") or article_date)
        if happened else None,
        "sentence": record.get("sentence"),
        "source": record.get("source"),
        "target": record.get("target"),
        "cameo": cameo,
        "root": cameo[:2] if cameo else None,
        "plover": record.get("plover"),
        "plover_mode": record.get("plover_mode"),
        "plover_context": record.get("plover_context"),
        "quad_class": record.get("quad_class"),
        "goldstein": record.get("goldstein"),
        "modality": record.get("modality"),
        "date": record.get("date"),
        "date_precision": record.get("date_precision"),
        "location_name": location.get("name"),
        "location_country": location.get("country"),
        "location_admin1": location.get("admin1"),
        "location_feature": location.get("feature"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "geonameid": location.get("geonameid"),
        "text": record.get("text"),
        "trigger": record.get("trigger"),
        "span_start": span[0],
        "span_end": span[1],
        "rule": record.get("rule"),
        "quote_id": record.get("quote_id"),
        "source_country": (source_actor or {}).get("country"),
        "target_country": (target_actor or {}).get("country"),
        "source_name": (source_actor or {}).get("name"),
        "target_name": (target_actor or {}).get("name"),
        "source_actor": _json(source_actor),
        "target_actor": _json(target_actor),
        "confidence": record.get("confidence"),
    }


def quote_row(record: dict[str, Any]) -> dict[str, Any]:
    speaker, addressee = record.get("speaker"), record.get("addressee")
    span = record.get("span") or [None, None]
    return {
        "quote_id": record["quote_id"],
        "doc_id": record["doc_id"],
        "sentence": record.get("sentence"),
        "speaker": (speaker or {}).get("code"),
        "speaker_name": (speaker or {}).get("name"),
        "cue": record.get("cue"),
        "addressee": (addressee or {}).get("code"),
        "addressee_name": (addressee or {}).get("name"),
        "text": record.get("text"),
        "kind": record.get("kind"),
        "span_start": span[0],
        "span_end": span[1],
        "speaker_actor": _json(speaker),
        "addressee_actor": _json(addressee),
    }


def mention_row(doc_id: str, n: int, mention: Any) -> dict[str, Any]:
    actor = mention.actor
    return {
        "doc_id": doc_id,
        "n": n,
        "code": actor.code,
        "country": actor.country,
        "sectors": " ".join(actor.sectors),
        "name": actor.name,
        "role": actor.role,
        "kind": actor.kind,
        "text": actor.text,
        "span_start": mention.char_span[0],
        "span_end": mention.char_span[1],
        "rule": mention.rule,
    }


def place_row(doc_id: str, n: int, place: dict[str, Any]) -> dict[str, Any]:
    span = place.get("span") or [None, None]
    return {
        "doc_id": doc_id,
        "n": n,
        **{k: place.get(k) for k in ("name", "country", "admin1", "lat", "lon", "geonameid", "feature", "text")},
        "span_start": span[0],
        "span_end": span[1],
    }


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
