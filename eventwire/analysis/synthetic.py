"""Synthetic stores with known contents, for tests, benchmarks and demos of the analyses.

The rows go through the store's own writer (:meth:`Store.write`), so a synthetic store has
exactly the schema and indexes of one made by ``eventwire ingest``; only the coding is skipped.
Codes, Goldstein values and QuadClasses come from the package's CAMEO table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.ontology import load_ontology
from eventwire.store import DocRows, Store, open_store, story_id

ACTORS = ("USAGOV", "RUSGOV", "UKRMIL", "CHNGOV", "ISRMIL", "PSECVL", "IRNGOV", "TURGOV", "IGOUNO", "SYRREB",
          "FRAGOV", "DEUGOV", "GBRGOV", "INDGOV", "PAKMIL", "EGYGOV", "SAUGOV", "NGAMIL", "ETHGOV", "KORGOV")


@dataclass(frozen=True, slots=True)
class SyntheticEvent:
    """One event to store: who did what to whom, on which day, reported by which outlet."""

    day: dt.date
    source: str
    target: str
    cameo: str
    outlet: str = "Wire A"
    modality: str = "asserted"
    lat: float | None = None
    lon: float | None = None
    place: str | None = None


def write_events(store: Store, events: Iterable[SyntheticEvent], *, per_article: int = 4,
                 batch_docs: int = 2000) -> int:
    """Store ``events``, ``per_article`` to an article (same day and outlet); returns articles written."""
    n_docs = 0
    batch: list[DocRows] = []
    for doc in _articles(events, per_article):
        batch.append(doc)
        if len(batch) >= batch_docs:
            n_docs += len(store.write(batch))
            batch = []
    if batch:
        n_docs += len(store.write(batch))
    store.cluster_summary()
    return n_docs


def _articles(events: Iterable[SyntheticEvent], per_article: int) -> Iterator[DocRows]:
    open_docs: dict[tuple[dt.date, str], list[SyntheticEvent]] = {}
    n = 0
    for event in events:
        key = (event.day, event.outlet)
        group = open_docs.setdefault(key, [])
        group.append(event)
        if len(group) >= per_article:
            n += 1
            yield _doc_rows(open_docs.pop(key), n)
    for group in open_docs.values():
        n += 1
        yield _doc_rows(group, n)


def _doc_rows(events: list[SyntheticEvent], serial: int) -> DocRows:
    ontology = load_ontology()
    first = events[0]
    sentences = [f"{e.source} did {ontology.cameo(e.cameo).name.lower()} to {e.target}." for e in events]
    text = " ".join(sentences)
    doc_id = "syn-" + hashlib.sha1(f"{serial}|{first.day}|{first.outlet}|{text}".encode()).hexdigest()[:12]
    rows = []
    offset = 0
    for n, (event, sentence) in enumerate(zip(events, sentences)):
        code = ontology.cameo(event.cameo)
        rows.append({
            "event_id": hashlib.sha1(f"{doc_id}|{n}".encode()).hexdigest()[:16],
            "doc_id": doc_id,
            "story_id": story_id(event.source, event.target, event.cameo, event.day.isoformat()),
            "sentence": n, "source": event.source, "target": event.target, "cameo": event.cameo,
            "root": event.cameo[:2], "plover": ontology.plover(event.cameo).type, "quad_class": code.quad_class, "goldstein": code.goldstein,
            "modality": event.modality, "date": event.day.isoformat(), "date_precision": "day",
            "text": sentence, "trigger": "did", "span_start": offset + len(event.source) + 1,
            "span_end": offset + len(event.source) + 4, "rule": "synthetic",
            "source_country": event.source[:3], "target_country": event.target[:3],
            "location_name": event.place, "lat": event.lat, "lon": event.lon,
        })
        offset += len(sentence) + 1
    document = {"doc_id": doc_id, "content_hash": hashlib.sha1(text.encode()).hexdigest(),
                "title": f"Synthetic report of {first.day}", "date": first.day.isoformat(),
                "source": first.outlet, "text": text, "n_sentences": len(events), "n_events": len(events),
                "n_quotes": 0}
    return DocRows(doc_id=doc_id, tables={"documents": [document], "events": rows})


def random_events(n_events: int, *, seed: int = 7, start: dt.date = dt.date(2020, 1, 1), days: int = 365,
                  actors: tuple[str, ...] = ACTORS, outlets: int = 12) -> Iterator[SyntheticEvent]:
    """``n_events`` random events over ``days`` days (a reproducible load for benchmarks)."""
    rng = random.Random(seed)
    codes = sorted(c for c in load_ontology().codes if len(c) == 3)
    for _ in range(n_events):
        source, target = rng.sample(actors, 2)
        located = rng.random() < 0.5
        yield SyntheticEvent(
            day=start + dt.timedelta(days=rng.randrange(days)), source=source, target=target,
            cameo=rng.choice(codes), outlet=f"Outlet {rng.randrange(outlets)}",
            lat=rng.uniform(-50, 60) if located else None, lon=rng.uniform(-120, 140) if located else None,
            place="Somewhere" if located else None,
        )


def build_random_store(path: str | Path, n_events: int, **kwargs: object) -> int:
    """Write a new store at ``path`` with ``n_events`` random events; returns articles written."""
    with open_store(path) as store:
        return write_events(store, random_events(n_events, **kwargs))  # type: ignore[arg-type]
