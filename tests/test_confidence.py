"""The verifier: features, training, calibration, the reliability table and the --min-confidence filters."""

from __future__ import annotations

import json

import duckdb
import numpy as np
import pytest

from eventwire.cli import main
from eventwire.events.confidence import (
    EventContext,
    WeightsError,
    actor_kind,
    event_features,
    expected_calibration_error,
    format_reliability,
    load_verifier,
    reliability,
    rule_parts,
    train_verifier,
    verifier_from_json,
)
from eventwire.model import Event, make_actor


def an_event(rule: str = "lexicon:attack-verb", source=None, target=None, **kw) -> Event:
    source = source if source is not None else make_actor("RUS")
    return Event(doc_id="d", sentence=0, source_actor=source, target_actor=target, cameo=kw.pop("cameo", "190"),
                 plover=None, plover_mode=None, plover_context=None, quad_class=None, goldstein=None,
                 modality=kw.pop("modality", "asserted"), text="", trigger="attacked", span=(0, 8), rule=rule, **kw)


# -- features ---------------------------------------------------------------------------------

def test_rule_names_split_into_origin_entry_and_suffixes():
    assert rule_parts("lexicon:condemn+speaker") == ("lexicon", "condemn", ("speaker",))
    assert rule_parts("model:event-type@0.3") == ("model", "event-type", ())
    assert rule_parts("somebody-elses:rule") == ("other", "rule", ())
    assert rule_parts("") == ("other", "", ())


def test_actor_kinds():
    assert actor_kind(None) == "none"
    assert actor_kind(make_actor("FRA")) == "country"
    assert actor_kind(make_actor("FRA", ["GOV"])) == "sector"
    assert actor_kind(make_actor(None, ["GOV"])) == "unknown"
    assert actor_kind(make_actor(igo="IGOUNO")) == "igo"


def test_features_describe_the_event_and_its_sentence():
    event = an_event(target=make_actor("UKR", ["MIL"]), quote_id="q1", pairs_capped=True, modality="reported")
    context = EventContext(trigger_pos="VERB", trigger_dep="ROOT", sentence_tokens=30, events_in_sentence=3,
                           sentence_in_article=0, headline=True)
    features = set(event_features(event, context))
    assert {"origin=lexicon", "entry=lexicon:attack-verb", "root=19", "modality=reported", "src=country",
            "tgt=sector", "pos=VERB", "dep=ROOT", "len=<=40", "events=<=4", "lead=<=0", "quote", "headline",
            "pairs_capped"} <= features


def test_an_unknown_rule_still_gets_a_confidence_from_the_shipped_weights():
    verifier = load_verifier()
    features = event_features(an_event(rule="model:event-type@9"), EventContext())
    assert "origin=model" in features
    assert 0.0 <= verifier.confidence(features) <= 1.0


# -- weights ------------------------------------------------------------------------------------

def test_weights_loader_names_the_file_and_the_problem(tmp_path):
    bad = tmp_path / "w.json"
    bad.write_text('{"format": 1, "bias": 0, "platt": [1], "weights": {}}', encoding="utf-8")
    with pytest.raises(WeightsError, match=r"w\.json: 'platt'"):
        load_verifier(bad)
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(WeightsError, match=r"w\.json: cannot read"):
        load_verifier(bad)
    with pytest.raises(WeightsError, match="make train"):
        load_verifier(tmp_path / "missing.json")
    with pytest.raises(WeightsError, match="finite"):
        verifier_from_json({"format": 1, "bias": 0, "platt": [1, 0], "weights": {"x": float("nan")}})


# -- training and calibration -----------------------------------------------------------------

def synthetic(n: int, seed: int = 1) -> tuple[list[list[str]], list[int], list[str]]:
    """Events whose rule is right 85 % of the time or 15 %, plus a noise feature; 40 stories."""
    rng = np.random.default_rng(seed)
    examples, labels, groups = [], [], []
    for i in range(n):
        good = rng.random() < 0.5
        examples.append(["entry=good" if good else "entry=bad", f"noise={rng.integers(3)}"])
        labels.append(int(rng.random() < (0.85 if good else 0.15)))
        groups.append(f"story{i % 40}")
    return examples, labels, groups


def test_training_learns_the_rule_and_calibrates_cross_fitted():
    examples, labels, groups = synthetic(800)
    verifier, crossfit = train_verifier(examples, labels, groups, folds=5, l2=1.0)
    good = verifier.confidence(["entry=good", "noise=1"])
    bad = verifier.confidence(["entry=bad", "noise=1"])
    assert 0.75 < good < 0.95 and 0.05 < bad < 0.25
    table = reliability(list(crossfit), [bool(y) for y in labels])
    assert expected_calibration_error(table) < 0.05
    assert all(b.gap <= 0.1 for b in table if b.count >= 50)
    assert json.loads(json.dumps(verifier.to_json()))["format"] == 1


def test_a_tiny_retrain_round_trips_through_the_weights_file(tmp_path):
    from eventwire.events.confidence import save_verifier

    examples, labels, groups = synthetic(30, seed=3)
    verifier, crossfit = train_verifier(examples, labels, groups, folds=3, l2=1.0)
    assert len(crossfit) == 30 and all(0 < c < 1 for c in crossfit)
    path = tmp_path / "weights.json"
    save_verifier(verifier, path)
    again = load_verifier(path)
    assert again.confidence(["entry=good"]) == verifier.confidence(["entry=good"])


def test_reliability_bins_and_ece_on_known_numbers():
    table = reliability([0.05, 0.05, 0.95, 0.95, 1.0], [False, True, True, True, True])
    assert [b.count for b in table] == [2, 0, 0, 0, 0, 0, 0, 0, 0, 3]
    assert table[0].share_right == 0.5 and table[0].gap == pytest.approx(0.45)
    assert table[9].mean_confidence == pytest.approx((0.95 + 0.95 + 1.0) / 3)
    assert expected_calibration_error(table) == pytest.approx((2 * 0.45 + 3 * (1 - 2.9 / 3)) / 5)
    text = format_reliability(table)
    assert "0.0-0.1" in text and "expected calibration error" in text


# -- the coder and the CLI ----------------------------------------------------------------------

TEXT = ("Russia attacked Ukraine on Monday. France condemned Russia. "
        "The Kenyan government said it would send aid to Somalia.\n")


def run(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_coded_event_has_a_confidence(nlp):
    from eventwire.model import Article
    from eventwire.pipeline import Coder

    coded = Coder(nlp=nlp).code(Article(id="a", text=TEXT))
    assert coded.events
    assert all(isinstance(e.confidence, float) and 0 <= e.confidence <= 1 for e in coded.events)
    assert all("confidence" in e.to_dict() for e in coded.events)


def test_code_min_confidence_drops_events_below(tmp_path, capsys, nlp):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    code, out, _ = run(capsys, "code", article, "--date", "2022-03-01")
    events = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(events) >= 2
    middle = sorted(e["confidence"] for e in events)[len(events) // 2]
    code, out, _ = run(capsys, "code", article, "--date", "2022-03-01", "--min-confidence", middle)
    kept = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and kept == [e for e in events if e["confidence"] >= middle]
    code, out, _ = run(capsys, "code", article, "--format", "csv", "--min-confidence", "1")
    assert code == 0 and len(out.splitlines()) == 1 + sum(e["confidence"] >= 1 for e in events)
    with pytest.raises(SystemExit):
        main(["code", str(article), "--min-confidence", "1.5"])
    assert "between 0 and 1" in capsys.readouterr().err


def test_ingest_stores_all_and_export_filters(tmp_path, capsys, nlp):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    code, _, err = run(capsys, "ingest", article, "--db", db, "--workers", 0, "--quiet", "--date", "2022-03-01",
                       "--min-confidence", "0.99")
    assert code == 0 and "all are stored" in err
    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute("SELECT confidence FROM events").fetchall()
    con.close()
    assert stored and all(c is not None for (c,) in stored)
    threshold = sorted(c for (c,) in stored)[len(stored) // 2]
    code, out, _ = run(capsys, "export", "--db", db, "--format", "jsonl", "--min-confidence", threshold)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == sum(c >= threshold for (c,) in stored)
    assert all(r["confidence"] >= threshold for r in rows)
    code, _, err = run(capsys, "export", "--db", db, "--table", "quotes", "--min-confidence", "0.5")
    assert code == 2 and "--table events" in err
    out_file = tmp_path / "e.parquet"
    code, _, err = run(capsys, "export", "--db", db, "--format", "parquet", "--out", out_file,
                       "--min-confidence", threshold)
    assert code == 0 and f"exported {len(rows)} events" in err


def test_an_old_store_gets_the_confidence_column_on_open(tmp_path):
    """A store written before confidences (same tables, indexes and view, no column) is upgraded on open."""
    from eventwire.store import open_store
    from eventwire.store.schema import INDEXES, STORIES_VIEW, TABLES, create_table_sql

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    for name, columns in TABLES.items():
        con.execute(create_table_sql(name, tuple(c for c in columns if c[0] != "confidence")))
    for statement in INDEXES:
        con.execute(statement)
    con.execute(STORIES_VIEW)
    con.execute("INSERT INTO documents (doc_id, content_hash) VALUES ('d', 'h')")
    con.execute("INSERT INTO events (event_id, doc_id, cameo, story_id) VALUES ('e', 'd', '190', 's')")
    con.close()
    store = open_store(db)
    try:
        assert "confidence" in store.columns("events")
        store.check()
        assert [r["confidence"] for r in store.events()] == [None]
        assert store.con.execute("SELECT count(*) FROM stories").fetchone()[0] == 1
    finally:
        store.close()


def test_eval_prints_the_reliability_table(tmp_path, capsys, nlp):
    gold = tmp_path / "gold.jsonl"
    records = [
        {"id": "g1", "text": "Russia attacked Ukraine.", "date": "2022-03-01",
         "events": [{"source": "RUS", "target": "UKR", "code": "190"}]},
        {"id": "g2", "text": "France condemned Russia.", "date": "2022-03-01",
         "events": [{"source": "FRA", "target": "RUS", "code": "111"}]},
        {"id": "g3", "text": "Germany praised Poland.", "date": "2022-03-01",
         "events": [{"source": "DEU", "target": "FRA", "code": "190"}]},
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    code, out, _ = run(capsys, "eval", gold)
    assert code == 0
    assert "reliability of confidence at country_root level" in out and "expected calibration error" in out
    code, out, _ = run(capsys, "eval", gold, "--json")
    calibration = json.loads(out)["calibration"]
    assert calibration["events"] >= 2 and len(calibration["bins"]) == 10 and 0 <= calibration["ece"] <= 1
