"""DictionaryCoder end to end: sentences we wrote, coded with the tiny dictionaries we wrote."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import time
from pathlib import Path

import pytest

from eventwire.dictionaries import DictionaryCoder, load_dictionaries
from eventwire.nlp import load_pipeline

TINY = Path(__file__).resolve().parent / "data" / "dictionaries" / "tiny"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def coder():
    return DictionaryCoder(load_dictionaries(TINY))


def code(nlp, coder, text, day=None):
    doc = nlp(text)
    events = []
    for index, sent in enumerate(doc.sents):
        events.extend(coder.code_sentence(sent, "t1", index, day))
    return events


def triples(events):
    return sorted((e.source, e.target, e.cameo) for e in events)


def test_pattern_with_synonym_set_wins_over_block_code(nlp, coder):
    events = code(nlp, coder, "Valoria pledged credits to Korvath on Monday.")
    assert triples(events) == [("VAL", "KRV", "071")]
    event = events[0]
    assert event.rule == "dict:tiny.verbs.txt:14"
    assert event.trigger == "pledged" and event.modality == "asserted"
    assert event.plover is None and event.goldstein is None and event.event_id
    assert event.source_actor.country == "VAL" and event.source_actor.text == "Valoria"


def test_block_default_and_verb_own_code(nlp, coder):
    assert triples(code(nlp, coder, "Valoria pledged support to Korvath.")) == [("VAL", "KRV", "050")]
    assert triples(code(nlp, coder, "Korvath vowed revenge against Valoria.")) == [("KRV", "VAL", "051")]


def test_agents_combine_with_their_country(nlp, coder):
    assert triples(code(nlp, coder, "Valorian police slammed Korvath.")) == [("VALCOP", "KRV", "122")]
    assert triples(code(nlp, coder, "Korvath's minister slammed the police of Valoria.")) == [
        ("KRVGOV", "VALCOP", "122")]
    assert triples(code(nlp, coder, "An aid agency from Korvath slammed Valoria.")) == [("NGOKRV", "VAL", "122")]


def test_passive_pattern_slots_give_source_and_target(nlp, coder):
    assert triples(code(nlp, coder, "Korvath was slammed by Valoria.")) == [("VAL", "KRV", "123")]


def test_conjoined_actors_give_one_event_each(nlp, coder):
    events = code(nlp, coder, "Valoria and the North Isles slammed Korvath.")
    assert triples(events) == [("NIS", "KRV", "122"), ("VAL", "KRV", "122")]
    events = code(nlp, coder, "Valoria slammed the Old League.")
    assert triples(events) == [("VAL", "KRV", "122"), ("VAL", "LEA", "122")]


def test_paired_code_gives_the_reverse_event(nlp, coder):
    assert triples(code(nlp, coder, "Valoria hosted talks with Korvath.")) == [
        ("KRV", "VAL", "042"), ("VAL", "KRV", "043")]


def test_null_block_without_pattern_codes_nothing(nlp, coder):
    assert code(nlp, coder, "Valoria hosted Korvath.") == []


def test_multiword_verb(nlp, coder):
    assert triples(code(nlp, coder, "Valoria tore into Korvath.")) == [("VAL", "KRV", "122")]


def test_date_restricted_actor_resolved_against_article_date(nlp, coder):
    text = "Admiral Tesk slammed Korvath."
    assert triples(code(nlp, coder, text, dt.date(2005, 3, 1))) == [("VALMIL", "KRV", "122")]
    assert triples(code(nlp, coder, text, dt.date(2012, 3, 1))) == [("VALGOV", "KRV", "122")]
    assert triples(code(nlp, coder, text, dt.date(2020, 3, 1))) == [("VALELI", "KRV", "122")]


def test_discarded_sentence_codes_nothing(nlp, coder):
    assert code(nlp, coder, "Valoria slammed Korvath after the football match.") == []


def test_negation_is_kept_as_modality(nlp, coder):
    events = code(nlp, coder, "Valoria did not slam Korvath.")
    assert [e.modality for e in events] == ["negated"]


def test_no_target_no_event(nlp, coder):
    assert code(nlp, coder, "Valoria slammed the decision.") == []


# -- the real dictionaries and PETRARCH2's own unit tests (read from ../shared at run time) ----


def _shared(path: str) -> Path:
    full = SHARED / path
    if not full.exists():
        pytest.skip(f"{full} not available (../shared is read-only data next to the repo)")
    return full


def test_real_phoenix_and_cameo_dictionaries_load_fast():
    folder = _shared("peer/petrarch2/dictionaries")
    started = time.perf_counter()
    dicts = load_dictionaries(folder, strict=False)
    assert time.perf_counter() - started < 5
    assert len(dicts.actors) > 20000 and dicts.verbs.pattern_count > 4000
    assert all(":" in w for w in dicts.warnings) and len(dicts.warnings) < 30


@pytest.mark.slow
def test_petrarch2_unit_tests_reach_the_issue_target(nlp):
    folder = _shared("peer/petrarch2/validate")
    scorer_path = _shared("tools/score_events.py")
    spec = importlib.util.spec_from_file_location("score_events", scorer_path)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    coder = DictionaryCoder(load_dictionaries(folder))
    gold = folder / "unittest_records.jsonl"
    records = [json.loads(line) for line in gold.read_text().splitlines() if line.strip()]
    lines = []
    for record, doc in zip(records, nlp.pipe([r["text"] for r in records])):
        day = dt.date.fromisoformat(record["date"]) if record.get("date") else None
        for index, sent in enumerate(doc.sents):
            for e in coder.code_sentence(sent, record["id"], index, day):
                lines.append({"doc_id": e.doc_id, "source": e.source, "target": e.target, "cameo": e.cameo})
    system = Path(pytest.importorskip("tempfile").mkdtemp()) / "system.jsonl"
    system.write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = scorer.score(str(gold), str(system))
    assert result["exact"]["recall"] >= 0.70
    assert result["exact"]["precision"] >= 0.70
