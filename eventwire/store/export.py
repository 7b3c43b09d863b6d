"""Exports of a store: Parquet, CSV, JSON Lines, and GDELT 2.0's event table layout.

The GDELT layout lets tools written for GDELT read our data: the 61 tab-separated columns of
the GDELT 2.0 event table, no header, in GDELT's order. What we know is filled in; what we do
not code (tone, actor geography, ethnicity, ADM2, ...) is left empty. Two differences to know:
geographic country codes are the ones our gazetteer gives (not GDELT's FIPS codes), and dates
known only to the month or year leave ``Day`` and ``FractionDate`` empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from eventwire.store.db import Store, table_order

EXPORT_TABLES = ("events", "stories", "quotes", "documents", "mentions", "places", "rejects", "runs")
JSON_COLUMNS = frozenset({"source_actor", "target_actor", "speaker_actor", "addressee_actor"})

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                 "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

#: The GDELT 2.0 event table's columns, in file order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)

_GDELT_QUERIES = {
    "stories": """
        SELECT story_id AS id, source, target, cameo, date, quad_class, goldstein, source_name, target_name,
               num_mentions, num_sources, num_articles, is_root_event, location, source_url, first_doc_id AS doc_id,
               first_coded_at AS coded_at
        FROM stories ORDER BY date, story_id""",
    "events": """
        SELECT e.event_id AS id, e.source, e.target, e.cameo, coalesce(e.date, CAST(d.date AS VARCHAR)) AS date,
               e.quad_class, e.goldstein, e.source_name, e.target_name,
               1 AS num_mentions, 1 AS num_sources, 1 AS num_articles,
               CASE WHEN e.sentence = 0 THEN 1 ELSE 0 END AS is_root_event,
               CASE WHEN e.location_name IS NULL THEN NULL ELSE
                   {'name': e.location_name, 'country': e.location_country, 'admin1': e.location_admin1,
                    'feature': e.location_feature, 'lat': e.lat, 'lon': e.lon, 'geonameid': e.geonameid} END
                   AS location,
               d.url AS source_url, e.doc_id, d.coded_at
        FROM events e JOIN documents d USING (doc_id) ORDER BY date, e.event_id""",
}


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """One story (or event mention) as the 61 GDELT fields, as text."""
    out = dict.fromkeys(GDELT_COLUMNS, "")
    out["GlobalEventID"] = str(int(row["id"][:15], 16))
    out.update(_gdelt_dates(row.get("date")))
    for n, key in ((1, "source"), (2, "target")):
        out.update(_gdelt_actor(n, row.get(key), row.get(f"{key}_name")))
    cameo = row["cameo"]
    out.update({
        "IsRootEvent": str(row.get("is_root_event") or 0),
        "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
        "QuadClass": _text(row.get("quad_class")), "GoldsteinScale": _text(row.get("goldstein")),
        "NumMentions": _text(row.get("num_mentions")), "NumSources": _text(row.get("num_sources")),
        "NumArticles": _text(row.get("num_articles")),
    })
    out.update(_gdelt_geo("ActionGeo_", row.get("location")))
    coded_at = row.get("coded_at")
    out["DATEADDED"] = coded_at.strftime("%Y%m%d%H%M%S") if isinstance(coded_at, dt.datetime) else ""
    out["SOURCEURL"] = row.get("source_url") or row.get("doc_id") or ""
    return [_clean(out[c]) for c in GDELT_COLUMNS]


def _gdelt_dates(date: str | None) -> dict[str, str]:
    if not date:
        return {}
    parts = date.split("-")
    out = {"Year": parts[0]}
    if len(parts) >= 2:
        out["MonthYear"] = parts[0] + parts[1]
    if len(parts) == 3:
        year, month, day = (int(p) for p in parts)
        out["Day"] = f"{year:04d}{month:02d}{day:02d}"
        out["FractionDate"] = f"{year + ((month - 1) * 30 + day) / 365:.4f}"  # GDELT's own approximation
    return out


def _gdelt_actor(n: int, code: str | None, name: str | None) -> dict[str, str]:
    if not code:
        return {}
    prefix = f"Actor{n}"
    out = {f"{prefix}Code": code, f"{prefix}Name": (name or "").upper()}
    head, rest = code[:3], code[3:]
    if head == "IGO":
        out[f"{prefix}KnownGroupCode"] = rest[:3]
        types = ["IGO"]
    else:
        if head != "---":
            out[f"{prefix}CountryCode"] = head
        types = [rest[i:i + 3] for i in range(0, len(rest), 3)]
    for i, kind in enumerate(types[:3], 1):
        out[f"{prefix}Type{i}Code"] = kind
    return out


def _gdelt_geo(prefix: str, location: dict[str, Any] | None) -> dict[str, str]:
    if not location or not location.get("name"):
        return {}
    us = location.get("country") in ("US", "USA")
    geo_type = {"country": 1, "admin1": 2 if us else 5, "city": 3 if us else 4}.get(location.get("feature") or "")
    return {
        f"{prefix}Type": _text(geo_type), f"{prefix}FullName": location["name"],
        f"{prefix}CountryCode": _text(location.get("country")), f"{prefix}ADM1Code": _text(location.get("admin1")),
        f"{prefix}Lat": _text(location.get("lat")), f"{prefix}Long": _text(location.get("lon")),
        f"{prefix}FeatureID": _text(location.get("geonameid")),
    }


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _clean(value: str) -> str:
    """Tabs and newlines would break the layout."""
    return " ".join(value.split()) if any(c in value for c in "\t\r\n") else value


def iter_gdelt(store: Store, table: str = "stories") -> Iterator[list[str]]:
    if table not in _GDELT_QUERIES:
        raise ValueError(f"the gdelt format exports stories or events, not {table}")
    cursor = store.con.cursor()
    try:
        cursor.execute(_GDELT_QUERIES[table])
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(10_000):
            yield from (gdelt_row(dict(zip(names, row))) for row in rows)
    finally:
        cursor.close()


def write_gdelt(store: Store, out: TextIO, table: str = "stories") -> int:
    n = 0
    for fields in iter_gdelt(store, table):
        out.write("\t".join(fields) + "\n")
        n += 1
    return n


def write_jsonl(store: Store, out: TextIO, table: str) -> int:
    """Rows as JSON objects; actor columns as nested objects, as in the DESIGN records."""
    n = 0
    for row in store.iter_table(table):
        for key in JSON_COLUMNS.intersection(row):
            row[key] = json.loads(row[key]) if row[key] else None
        out.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
        n += 1
    return n


def write_csv(store: Store, out: TextIO, table: str) -> int:
    writer = csv.DictWriter(out, fieldnames=store.columns(table))
    writer.writeheader()
    n = 0
    for row in store.iter_table(table):
        writer.writerow({k: json.dumps(v, default=_json_default) if isinstance(v, dict | list) else v
                         for k, v in row.items()})
        n += 1
    return n


def write_parquet(store: Store, path: str | Path, table: str) -> int:
    order = table_order(table)
    target = str(path).replace("'", "''")
    store.con.execute(f"COPY (SELECT * FROM {table} ORDER BY {order}) TO '{target}' (FORMAT parquet)")
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)
