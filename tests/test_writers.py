"""Tabular outputs (issue 12, points 1-3; issue 13, point 23): fixed, documented, typed columns;
real dates; CAMEO codes that survive pandas and polars; GDELT columns that mean what the GDELT 2.0
event codebook says; no spreadsheet formulas and no control characters in the files we write."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.io.schema import (
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    EXPORT_SCHEMAS,
    QUOTE_COLUMNS,
    RECORD_SCHEMAS,
    STORE_EVENT_COLUMNS,
    first_day,
    pandas_dtypes,
)
from eventwire.io.writers import write_csv
from eventwire.model import Article, CodedDocument, DateRef, Event, Place, make_actor
from eventwire.store import open_store, rows_of
from eventwire.store.export import GDELT_COLUMNS, gdelt_codes

DOCS = Path(__file__).resolve().parents[1] / "docs" / "exports.md"

FRA = make_actor("FRA", ("GOV",), name="Emmanuel Macron", text="Macron")
DEU = make_actor("DEU", (), text="Germany")
EU = make_actor(igo="IGOEUREEC", name="European Union", text="the EU")
UNICEF = make_actor(igo="IGOUNOKID", name="UNICEF", text="UNICEF")
BERLIN = Place(name="Berlin", country="DEU", admin1="16", lat=52.52, lon=13.41, geonameid=2950159, feature="city")
TEXAS = Place(name="Texas", country="USA", admin1="TX", lat=31.0, lon=-100.0, geonameid=4736286, feature="admin1")


def event(doc_id: str, sentence: int, source, target, cameo: str, date: DateRef | None,
          location: Place | None = None, text: str = "A sentence.", modality: str = "asserted") -> Event:
    e = Event(doc_id=doc_id, sentence=sentence, source_actor=source, target_actor=target, cameo=cameo,
              plover="CONSULT", plover_mode=None, plover_context=None, quad_class=1 if cameo < "05" else 4,
              goldstein=1.0 if cameo < "05" else -10.0, modality=modality, text=text, trigger="met",
              span=(sentence * 10, sentence * 10 + 3), rule="test", date=date, location=location)
    e.assign_id()
    return e


def documents() -> list[CodedDocument]:
    dated = Article(id="a", text="x", date=dt.date(2019, 1, 20), url="https://news.example/a\u2028b", source="A")
    undated = Article(id="b", text="x", date=dt.date(2020, 5, 2), url=None, source="B")
    nothing = Article(id="c", text="x", date=None, url="https://other.example/c", source=None)
    return [
        CodedDocument(article=dated, events=[
            # sentence 0 (a dateline) has no event: the lead event is in sentence 1
            event("a", 1, FRA, DEU, "040", DateRef(dt.date(2019, 1, 1), "month"), None,
                  text="=HYPERLINK(\"http://evil\")"),
            event("a", 3, EU, FRA, "0431", DateRef(dt.date(2019, 1, 18), "day"), BERLIN),
            event("a", 4, UNICEF, None, "190", DateRef(dt.date(2011, 1, 1), "year"), TEXAS),
        ]),
        CodedDocument(article=undated, events=[event("b", 0, DEU, EU, "042", None, None)]),
        CodedDocument(article=nothing, events=[
            event("c", 2, make_actor("FRA", ("GOV",), name="Bad\x00Name\x0bwith\x1ccontrols\x85and\u2028more"),
                  DEU, "057", None)]),
    ]


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "x.duckdb"
    with open_store(path) as store:
        store.write([rows_of(d) for d in documents()])
    return path


# -- point 1: fixed schemas -------------------------------------------------------------------

def test_code_csv_keeps_every_column_when_the_first_event_has_no_location() -> None:
    records = [e.to_dict() for d in documents() for e in d.events]
    assert records[0]["location"] is None and records[1]["location"] is not None
    out = io.StringIO()
    assert write_csv(records, out, kind="events") == len(records)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == [name for name, _ in EVENT_COLUMNS]
    assert all(len(row) == len(EVENT_COLUMNS) for row in rows)
    second = dict(zip(rows[0], rows[2]))
    assert (second["location_name"], second["location_country"], second["lat"]) == ("Berlin", "DEU", "52.52")
    empty = io.StringIO()
    write_csv([], empty, kind="quotes")
    assert empty.getvalue().strip() == ",".join(name for name, _ in QUOTE_COLUMNS)


def test_code_csv_through_the_cli_has_the_schema_columns(tmp_path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_text("France condemned Russia.", encoding="utf-8")
    assert main(["code", str(path), "--date", "2024-03-04", "--format", "csv",
                 "--stages", "actors,events,codes"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == [name for name, _ in EVENT_COLUMNS] and len(rows) == 2
    assert dict(zip(rows[0], rows[1]))["location_name"] == ""


@pytest.mark.parametrize("table", ["events", "stories", "quotes", "documents"])
def test_store_exports_have_the_schema_columns_in_csv_jsonl_and_parquet(db, tmp_path, capsys, table) -> None:
    import pyarrow.parquet as pq

    names = [name for name, _ in EXPORT_SCHEMAS[table]]
    out = tmp_path / f"{table}.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "--table", table, "--out", str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == names
    assert main(["export", "--db", str(db), "--format", "jsonl", "--table", table]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(list(json.loads(line)) == names for line in lines)
    parquet = tmp_path / f"{table}.parquet"
    assert main(["export", "--db", str(db), "--format", "parquet", "--table", table, "--out", str(parquet)]) == 0
    assert pq.read_schema(parquet).names == names


def test_every_schema_column_is_documented_with_its_type() -> None:
    text = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_0-9]+)` \| (\w+) \|", text, flags=re.M))
    for columns in (*RECORD_SCHEMAS.values(), *EXPORT_SCHEMAS.values()):
        for name, kind in columns:
            assert (name, kind) in documented, f"docs/exports.md does not list {name} ({kind})"
    for column in GDELT_COLUMNS:
        assert f"`{column}`" in text


# -- point 2: dates and types -----------------------------------------------------------------

def test_first_day_of_each_precision() -> None:
    assert first_day("2011") == dt.date(2011, 1, 1)
    assert first_day("2019-01") == dt.date(2019, 1, 1)
    assert first_day("2020-12-25") == dt.date(2020, 12, 25)
    assert first_day(None) is None and first_day("soon") is None


def test_parquet_has_real_types_and_dates_are_the_first_day_with_the_iso_text_beside(db, tmp_path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    assert main(["export", "--db", str(db), "--format", "parquet", "--out", str(path)]) == 0
    table = pq.read_table(path)
    expected = {"string": pa.string(), "json": pa.string(), "int": pa.int32(), "bigint": pa.int64(),
                "float": pa.float64(), "bool": pa.bool_(), "date": pa.date32()}
    for name, kind in STORE_EVENT_COLUMNS:
        assert table.schema.field(name).type == expected[kind], name
    rows = {r["cameo"]: r for r in table.to_pylist()}
    assert (rows["040"]["date"], rows["040"]["date_precision"], rows["040"]["date_iso"]) == (
        dt.date(2019, 1, 1), "month", "2019-01")
    assert (rows["190"]["date"], rows["190"]["date_iso"]) == (dt.date(2011, 1, 1), "2011")
    assert rows["0431"]["date"] == dt.date(2019, 1, 18)


def test_cameo_codes_survive_pandas_and_polars(db, tmp_path) -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    csv_path, parquet = tmp_path / "events.csv", tmp_path / "events.parquet"
    assert main(["export", "--db", str(db), "--format", "csv", "--out", str(csv_path)]) == 0
    assert main(["export", "--db", str(db), "--format", "parquet", "--out", str(parquet)]) == 0
    codes = {"040", "0431", "190", "042", "057"}
    # as docs/exports.md says to read them
    frame = pd.read_csv(csv_path, dtype=pandas_dtypes(STORE_EVENT_COLUMNS), parse_dates=["date"])
    assert set(frame["cameo"]) == codes and set(frame["root"]) == {"04", "19", "05"}
    assert str(frame["date"].dtype).startswith("datetime64")
    assert set(pd.read_parquet(parquet)["cameo"]) == codes
    polars_csv = pl.read_csv(csv_path, infer_schema=False).with_columns(pl.col("date").str.to_date())
    assert set(polars_csv["cameo"]) == codes and polars_csv.schema["date"] == pl.Date
    polars_parquet = pl.read_parquet(parquet)
    assert set(polars_parquet["cameo"]) == codes and polars_parquet.schema["date"] == pl.Date
    assert polars_parquet.schema["quad_class"] == pl.Int32


# -- issue 13, point 23: formulas and control characters ---------------------------------------

def test_csv_neutralises_formulas_in_text_cells_but_not_numbers(db, tmp_path) -> None:
    out = tmp_path / "events.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "--out", str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as handle:
        rows = {r["cameo"]: r for r in csv.DictReader(handle)}
    assert rows["040"]["text"] == "'=HYPERLINK(\"http://evil\")"
    assert rows["190"]["goldstein"] == "-10.0"
    raw = tmp_path / "raw.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "--out", str(raw), "--csv-raw"]) == 0
    with open(raw, encoding="utf-8", newline="") as handle:
        assert {r["cameo"]: r for r in csv.DictReader(handle)}["040"]["text"] == "=HYPERLINK(\"http://evil\")"
    code_out = io.StringIO()
    write_csv([e.to_dict() for e in documents()[0].events], code_out, kind="events")
    cells = [cell for row in csv.reader(io.StringIO(code_out.getvalue())) for cell in row]
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    assert all(not cell.startswith("-") or re.fullmatch(r"-[\d.]+", cell) for cell in cells)
    assert DOCUMENT_COLUMNS[0] == ("doc_id", "string")


def gdelt_rows(db, capsys, table: str = "stories") -> list[dict[str, str]]:
    assert main(["export", "--db", str(db), "--format", "gdelt", "--table", table]) == 0
    text = capsys.readouterr().out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", text)
    lines = text.split("\n")
    assert lines[-1] == ""
    return [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in lines[:-1]]


def test_gdelt_export_strips_control_characters(db, capsys) -> None:
    rows = gdelt_rows(db, capsys)
    names = {r["Actor1Name"] for r in rows}
    assert "BAD NAME WITH CONTROLS AND MORE" in names
    assert "https://news.example/a b" in {r["SOURCEURL"] for r in rows}


# -- point 3: GDELT 2.0 codebook, column by column ----------------------------------------------
# Our reading of the GDELT 2.0 Event Database codebook, written as rules:
# GlobalEventID integer; Day YYYYMMDD, MonthYear YYYYMM, Year YYYY, FractionDate YYYY.FFFF;
# Actor*Code CAMEO code; Actor*CountryCode 3-character CAMEO country/region; KnownGroupCode a CAMEO
# known group; Type codes 3-character CAMEO types; IsRootEvent 0/1; EventCode/BaseCode/RootCode the
# CAMEO code, its first 3 and 2 digits; QuadClass 1-4; GoldsteinScale -10..10; NumMentions,
# NumSources, NumArticles counts; AvgTone -100..100; Geo_Type 0-5 (1 country, 2 US state, 3 US city,
# 4 world city, 5 world state); Geo_CountryCode 2-character FIPS10-4; ADM1Code FIPS country code +
# 2-character ADM1 code; Lat/Long degrees; FeatureID; DATEADDED YYYYMMDDHHMMSS; SOURCEURL.

def _date(text: str, fmt: str) -> dt.datetime:
    return dt.datetime.strptime(text, fmt)


def check_codebook(row: dict[str, str]) -> None:
    from eventwire.store.export import _countries

    fips = {c["fips"] for c in _countries().values() if c["fips"]}
    known = {code for code, kind in gdelt_codes().items() if kind == "known_group"}
    assert row["GlobalEventID"].isdigit()
    _date(row["Day"], "%Y%m%d")
    assert row["MonthYear"] == row["Day"][:6] and row["Year"] == row["Day"][:4]
    assert re.fullmatch(r"\d{4}\.\d{4}", row["FractionDate"]) and row["FractionDate"][:4] == row["Year"]
    for n in (1, 2):
        a = f"Actor{n}"
        assert re.fullmatch(r"[A-Z-]{3}([A-Z]{3})*|", row[f"{a}Code"])
        assert re.fullmatch(r"[A-Z]{3}|", row[f"{a}CountryCode"])
        assert row[f"{a}KnownGroupCode"] in known | {""}
        for k in (1, 2, 3):
            assert re.fullmatch(r"[A-Z]{3}|", row[f"{a}Type{k}Code"])
        if not row[f"{a}Code"]:
            assert all(not row[f"{a}{f}"] for f in ("Name", "CountryCode", "KnownGroupCode", "Type1Code"))
    assert row["IsRootEvent"] in ("0", "1")
    code = row["EventCode"]
    assert re.fullmatch(r"\d{3,4}", code)
    assert row["EventBaseCode"] == code[:3] and row["EventRootCode"] == code[:2]
    assert row["QuadClass"] in ("1", "2", "3", "4")
    assert -10 <= float(row["GoldsteinScale"]) <= 10
    for count in ("NumMentions", "NumSources", "NumArticles"):
        assert row[count].isdigit() and int(row[count]) >= 1
    assert row["AvgTone"] == "" or -100 <= float(row["AvgTone"]) <= 100
    for prefix in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_"):
        kind = row[f"{prefix}Type"]
        assert kind in ("", "0", "1", "2", "3", "4", "5")
        if kind:
            assert row[f"{prefix}CountryCode"] in fips
            assert row[f"{prefix}ADM1Code"].startswith(row[f"{prefix}CountryCode"])
            if kind == "1":
                assert row[f"{prefix}ADM1Code"] == row[f"{prefix}CountryCode"]
            if row[f"{prefix}Lat"]:
                assert -90 <= float(row[f"{prefix}Lat"]) <= 90 and -180 <= float(row[f"{prefix}Long"]) <= 180
        else:
            assert not row[f"{prefix}FullName"] and not row[f"{prefix}CountryCode"]
    _date(row["DATEADDED"], "%Y%m%d%H%M%S")
    assert row["SOURCEURL"]


@pytest.mark.parametrize("table", ["stories", "events"])
def test_gdelt_export_follows_the_codebook_column_by_column(db, capsys, table) -> None:
    rows = gdelt_rows(db, capsys, table)
    assert len(rows) == 5 and all(len(r) == 61 for r in rows)
    for row in rows:
        check_codebook(row)
    by_code = {r["EventCode"]: r for r in rows}
    # Day: the event's day; month precision in the article's month: the article's date; undated:
    # the article's date; no date at all: the day it was coded
    assert by_code["0431"]["Day"] == "20190118"
    assert by_code["040"]["Day"] == "20190120"
    assert by_code["190"]["Day"] == "20110101"
    assert by_code["042"]["Day"] == "20200502"
    assert by_code["057"]["Day"] == by_code["057"]["DATEADDED"][:8]
    # FIPS, not ISO, and the ADM1 code carries the FIPS country code
    assert (by_code["0431"]["ActionGeo_CountryCode"], by_code["0431"]["ActionGeo_ADM1Code"],
            by_code["0431"]["ActionGeo_Type"], by_code["0431"]["ActionGeo_FeatureID"]) == ("GM", "GM16", "4", "2950159")
    assert (by_code["190"]["ActionGeo_CountryCode"], by_code["190"]["ActionGeo_ADM1Code"],
            by_code["190"]["ActionGeo_Type"]) == ("US", "USTX", "2")
    assert (by_code["040"]["Actor1Geo_CountryCode"], by_code["040"]["Actor2Geo_CountryCode"]) == ("FR", "GM")
    assert by_code["040"]["Actor1CountryCode"] == "FRA"  # actor country codes stay CAMEO's
    # the EU's known group is EEC (EUR is its region), UNICEF's KID
    eu = by_code["0431"]
    assert (eu["Actor1Code"], eu["Actor1KnownGroupCode"], eu["Actor1CountryCode"], eu["Actor1Type1Code"]) == (
        "IGOEUREEC", "EEC", "EUR", "IGO")
    assert by_code["190"]["Actor1KnownGroupCode"] == "KID"
    from eventwire.store.export import _gdelt_actor

    muslim = _gdelt_actor(1, "IGOMOSOIC", "Organization of Islamic Cooperation")
    assert (muslim["Actor1KnownGroupCode"], muslim["Actor1Religion1Code"], muslim["Actor1Type1Code"]) == (
        "OIC", "MOS", "IGO")
    # root events: the first sentence with an event (not sentence 0, a dateline without one)
    assert [by_code[c]["IsRootEvent"] for c in ("040", "0431", "190", "042", "057")] == ["1", "0", "0", "1", "1"]
    assert by_code["042"]["SOURCEURL"] == "b"  # no URL: the doc_id


def test_gdelt_export_loads_with_a_gdelt_reader_from_pypi(db, capsys) -> None:
    parsers = pytest.importorskip("py_gdelt.parsers.events", reason="gdelt-py (test extra) is not installed")
    from py_gdelt.models.events import Event as GdeltEvent

    assert main(["export", "--db", str(db), "--format", "gdelt"]) == 0
    raw = capsys.readouterr().out.encode("utf-8")
    events = [GdeltEvent.from_raw(r) for r in parsers.EventsParser().parse(raw)]
    assert len(events) == 5
    by_code = {e.event_code: e for e in events}
    assert set(by_code) == {"040", "0431", "190", "042", "057"}  # leading zeros kept
    assert by_code["0431"].date == dt.date(2019, 1, 18)
    assert by_code["0431"].action_geo.country_code == "GM"
    assert by_code["040"].is_root_event and not by_code["0431"].is_root_event
    assert by_code["0431"].actor1.known_group_code == "EEC"


def test_gdelt_export_loads_with_pandas_using_the_codebook_types(db, tmp_path) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / "events.tsv"
    assert main(["export", "--db", str(db), "--format", "gdelt", "--out", str(out)]) == 0
    numeric = {"GlobalEventID": "int64", "Day": "int64", "MonthYear": "int64", "Year": "int64",
               "FractionDate": "float64", "IsRootEvent": "int64", "QuadClass": "int64", "GoldsteinScale": "float64",
               "NumMentions": "int64", "NumSources": "int64", "NumArticles": "int64", "AvgTone": "float64",
               "DATEADDED": "int64"}
    dtypes = {c: numeric.get(c, "string") for c in GDELT_COLUMNS}
    for prefix in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_"):
        dtypes.update({f"{prefix}Type": "Int64", f"{prefix}Lat": "float64", f"{prefix}Long": "float64"})
    frame = pd.read_csv(out, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype=dtypes, quoting=3)
    assert len(frame) == 5 and frame["Day"].notna().all()
    assert set(frame["EventCode"]) == {"040", "0431", "190", "042", "057"}
