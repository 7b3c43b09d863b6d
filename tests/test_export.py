"""eventwire export: GDELT 2.0 event-table layout (count and order of columns), Parquet, CSV, JSONL."""

from __future__ import annotations

import csv
import datetime as dt
import json

import duckdb
import pytest

from eventwire.cli import main
from eventwire.model import Article, CodedDocument, DateRef, Event, Place, make_actor
from eventwire.store import open_store, rows_of
from eventwire.store.export import GDELT_COLUMNS

# GDELT 2.0 event table, in file order (GDELT 2.0 Event Database codebook).
GDELT_2_ORDER = """GlobalEventID Day MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code
Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code
Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles
AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat
Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat
Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat
ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL""".split()

ARM = make_actor("ARM", ("GOV", "MIL"), name="Armenian army", text="the Armenian army")
UN = make_actor(igo="IGOUNO", name="United Nations", text="the UN")


def coded(doc_id: str, source: str) -> CodedDocument:
    article = Article(id=doc_id, text="A text we wrote.", date=dt.date(2020, 10, 4), url=f"https://x.example/{doc_id}",
                      source=source)
    place = Place(name="Stepanakert", country="AZE", admin1="Karabakh", lat=39.8, lon=46.75, geonameid=148, feature="city")
    event = Event(doc_id=doc_id, sentence=0, source_actor=ARM, target_actor=UN, cameo="0431", plover="CONSULT",
                  plover_mode=None, plover_context=None, quad_class=1, goldstein=2.8, modality="asserted",
                  text="A text we wrote.", trigger="visited", span=(2, 9), rule="test", location=place,
                  date=DateRef(dt.date(2020, 10, 3), "day"))
    event.assign_id()
    return CodedDocument(article=article, events=[event])


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "x.duckdb"
    with open_store(path) as store:
        store.write([rows_of(coded("a", "Outlet A")), rows_of(coded("b", "Outlet B")), rows_of(coded("c", "Outlet B"))])
    return path


def test_gdelt_columns_are_gdelt_2_event_table_order():
    assert len(GDELT_COLUMNS) == 61
    assert list(GDELT_COLUMNS) == GDELT_2_ORDER


def test_gdelt_export_writes_one_story_per_row_in_gdelt_layout(db, tmp_path, capsys):
    out = tmp_path / "events.tsv"
    assert main(["export", "--db", str(db), "--format", "gdelt", "--out", str(out)]) == 0
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 1 and len(rows[0]) == 61
    row = dict(zip(GDELT_2_ORDER, rows[0]))
    assert row["GlobalEventID"].isdigit()
    assert (row["Day"], row["MonthYear"], row["Year"]) == ("20201003", "202010", "2020")
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"], row["Actor1Type2Code"]) == (
        "ARMGOVMIL", "ARM", "GOV", "MIL")
    assert (row["Actor2Code"], row["Actor2KnownGroupCode"], row["Actor2Type1Code"]) == ("IGOUNO", "UNO", "IGO")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("0431", "043", "04")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("1", "2.8")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("3", "2", "3")
    assert row["IsRootEvent"] == "1" and row["AvgTone"] == "0"
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_FeatureID"]) == ("4", "Stepanakert", "148")
    assert (row["Actor1Geo_Type"], row["Actor1Geo_FullName"], row["Actor1Geo_CountryCode"]) == ("1", "Armenia", "AM")
    assert row["SOURCEURL"] == "https://x.example/a" and len(row["DATEADDED"]) == 14


def test_gdelt_export_of_mentions(db, capsys):
    assert main(["export", "--db", str(db), "--format", "gdelt", "--table", "events"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all(len(line.split("\t")) == 61 for line in lines)


def test_parquet_csv_and_jsonl_exports(db, tmp_path, capsys):
    parquet = tmp_path / "events.parquet"
    assert main(["export", "--db", str(db), "--format", "parquet", "--out", str(parquet)]) == 0
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{parquet}'").fetchone()[0] == 3
    assert main(["export", "--db", str(db), "--format", "jsonl", "--table", "events"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["source_actor"]["code"] for r in records] == ["ARMGOVMIL"] * 3
    csv_path = tmp_path / "stories.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "--table", "stories", "--out", str(csv_path)]) == 0
    with open(csv_path, encoding="utf-8", newline="") as handle:
        stories = list(csv.DictReader(handle))
    assert len(stories) == 1 and stories[0]["num_mentions"] == "3"
    assert stories[0]["location_name"] == "Stepanakert"  # flat, typed columns (docs/exports.md)


def test_export_refuses_what_it_cannot_write(db, tmp_path):
    assert main(["export", "--db", str(db), "--format", "parquet"]) == 2
    assert main(["export", "--db", str(db), "--format", "gdelt", "--table", "quotes"]) == 2
    assert main(["export", "--db", str(tmp_path / "none.duckdb")]) == 2
