"""Scoring logic of `eventwire eval`, checked by hand on a tiny gold file and system file we wrote.

tests/data/eval_gold_tiny.jsonl holds 5 records: a visit (USAGOV→CHN 042, CHN→USAGOV 043), a shelling
(RUSMIL→UKR 190), a compound/wildcard intent (HUNGOV/ROUGOV→--- 030), a no-event record (weather) and
an unscored record (expect "skip"). tests/data/eval_system_tiny.jsonl holds 8 system events:

    tiny_visit     USAGOV→CHNGOV 042   exact: no (CHN != CHNGOV); country_root: yes
                   CHNGOV→USAGOV 040   exact: no; country_root: yes (root 04 = 04)
    tiny_shelling  RUSMIL→UKR 190      exact: yes
                   RUS→UKR 193         an extra: the one gold event is already matched
    tiny_intent    ROUGOV→SRB 030      exact: yes (ROUGOV is a part of the compound, target wildcard)
    tiny_weather   FRA→- 010           false positive on a no-event record
    tiny_unscored  (not scored), not_in_gold (ignored)

So 4 gold events, 6 system events; exact 2 matched, country_root 4, root 4.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluation import (
    GoldEvent,
    GoldRecord,
    evaluate,
    event_matches,
    format_confusion,
    format_report,
    match_events,
    parse_gold_line,
    read_gold,
    read_system,
    root_pairs,
)
from eventwire.io.readers import Reject

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def tiny():
    gold = [r for r in read_gold(DATA / "eval_gold_tiny.jsonl") if isinstance(r, GoldRecord)]
    system, rejects = read_system(DATA / "eval_system_tiny.jsonl")
    assert not rejects
    return evaluate(gold, system)


def test_counts_only_scored_records_and_known_doc_ids(tiny):
    assert tiny.records == 4  # the "skip" record is not scored
    assert tiny.gold_events == 4
    assert tiny.system_events == 6  # tiny_unscored and not_in_gold are left out


def test_precision_recall_f1_per_level_by_hand(tiny):
    exact, country_root, root = tiny.levels["exact"], tiny.levels["country_root"], tiny.levels["root"]
    assert (exact.matched, country_root.matched, root.matched) == (2, 4, 4)
    assert exact.precision == pytest.approx(2 / 6)
    assert exact.recall == pytest.approx(2 / 4)
    assert exact.f1 == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))  # 0.4
    assert country_root.precision == pytest.approx(4 / 6)
    assert country_root.recall == pytest.approx(1.0)
    assert country_root.f1 == pytest.approx(0.8)
    assert "plover" not in tiny.levels  # no PLOVER gold, no plover level


def test_false_positives_on_noevent_records(tiny):
    assert tiny.noevent_false_positives == 1
    assert tiny.noevent_records_with_events == 1
    assert tiny.records_with_no_output == 0


def test_confusion_of_roots_by_hand(tiny):
    assert dict(tiny.confusion) == {("04", "04"): 2, ("19", "19"): 1, ("none", "19"): 1, ("03", "03"): 1,
                                    ("none", "01"): 1}


def test_worst_records_rank_errors_then_id(tiny):
    # country_root errors: visit 2+2-2*2 = 0, shelling 1+2-2 = 1, intent 0, weather 0+1-0 = 1
    assert [r.record.id for r in tiny.worst(5)] == ["tiny_shelling", "tiny_weather"]
    assert [r.record.id for r in tiny.worst(1)] == ["tiny_shelling"]


def test_matching_is_maximum_not_first_fit():
    # First-fit would pair the wildcard gold with USA→CHN and then find nothing for the second gold.
    gold = [GoldEvent("USA", None, "190"), GoldEvent("USA", "CHN", "190")]
    system = [{"source": "USA", "target": "CHN", "cameo": "190"}, {"source": "USA", "target": "RUS", "cameo": "190"}]
    assert len(match_events(gold, system, "country_root")) == 2


def test_each_system_event_matches_one_gold_event_at_most():
    gold = [GoldEvent("USA", "CHN", "042"), GoldEvent("USA", "CHN", "042")]
    system = [{"source": "USA", "target": "CHN", "cameo": "042"}]
    assert len(match_events(gold, system, "exact")) == 1


@pytest.mark.parametrize(("gold", "system", "level", "expected"), [
    (GoldEvent("USAGOV", "CHN", "0421"), {"source": "USAGOV", "target": "CHN", "cameo": "042"}, "exact", False),
    (GoldEvent("USAGOV", "CHN", "0421"), {"source": "USAMIL", "target": "CHNGOV", "cameo": "042"},
     "country_root", True),
    (GoldEvent("USAGOV", "CHN", "0421"), {"source": "FRA", "target": None, "cameo": "040"}, "root", True),
    (GoldEvent("USAGOV", "CHN", "0421"), {"source": "USAGOV", "target": "CHN", "cameo": "0421"}, "plover", False),
    (GoldEvent("USA", "CHN", "CONSULT"), {"source": "USAGOV", "target": "CHN", "plover": "CONSULT"}, "plover", True),
    (GoldEvent("USA", "CHN", "DEMAND"), {"source": "USA", "target": "CHN", "plover": "REQUEST"}, "plover", True),
    (GoldEvent("USA", "CHN", "CONSULT"), {"source": "USA", "target": "CHN", "cameo": "040"}, "root", False),
    (GoldEvent("HUNGOV/ROUGOV", "---", "030"), {"source": "HUNGOV", "target": "SRB", "cameo": "030"}, "exact", True),
    (GoldEvent("HUNGOV/ROUGOV", "---", "030"), {"source": "HUN", "target": None, "cameo": "030"}, "exact", False),
])
def test_event_matches_levels(gold, system, level, expected):
    assert event_matches(gold, system, level) is expected


def test_root_pairs_pair_by_actors_when_codes_differ():
    gold = [GoldEvent("SYR", "EGY", "175")]
    system = [{"source": "SYRMIL", "target": "EGY", "cameo": "190"}, {"source": "TUN", "target": None, "cameo": "010"}]
    assert sorted(root_pairs(gold, system)) == [("17", "19"), ("none", "01")]


def test_bad_gold_lines_name_their_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Fine.", "events": []}\n\n{"id": "b", "text": \n'
                     b'["not", "an", "object"]\n{"id": "c", "text": "x", "events": [{"source": "USA"}]}\n'
                     b'{"id": "d", "text": "caf\xe9"}\n')
    items = list(read_gold(path))
    assert isinstance(items[0], GoldRecord)
    assert [(r.line, r.reason.split(":")[0]) for r in items[1:]] == [
        (3, "not valid JSON"), (4, "line is not a JSON object"), (5, "'events' must be a list of objects with a 'code'"),
        (6, "invalid UTF-8 at byte 24 of the line")]


def test_gold_line_defaults():
    record = parse_gold_line(b'{"id": 7, "text": "Text.", "date": "2024-01-02"}', "g", 1)
    assert not isinstance(record, Reject)
    assert (record.id, record.expect, record.events, record.date.isoformat()) == ("7", "events", (), "2024-01-02")


def test_report_shows_every_section(tiny):
    report = format_report(tiny, worst=1, root_names={"04": "CONSULT"})
    assert "exact             0.333   0.500  0.400  2" in report
    assert "country_root      0.667   1.000  0.800  4" in report
    assert "04       .    .    2    .     2  consult" in report
    assert "false positives on no-event records: 1 events on 1 of 1 records" in report
    assert "tiny_weather: FRA 010 -" in report
    assert "tiny_shelling  errors 1" in report and "tiny_weather  errors 1" not in report


def test_confusion_matrix_rows_and_totals():
    lines = format_confusion({("04", "04"): 3, ("04", "01"): 1, ("none", "19"): 2})
    assert lines[0].split() == ["01", "04", "19", "total"]
    assert lines[1].split() == ["04", "1", "3", ".", "4"]
    assert lines[2].split() == ["none", ".", ".", "2", "2"]
    assert lines[-1].split() == ["total", "1", "3", "2"]


def test_to_dict_is_json_ready(tiny):
    import json

    data = json.loads(json.dumps(tiny.to_dict(worst=2)))
    assert data["exact"] == {"matched": 2, "precision": 0.3333, "recall": 0.5, "f1": 0.4}
    assert [w["id"] for w in data["worst"]] == ["tiny_shelling", "tiny_weather"]
    assert {"gold": "none", "system": "01", "count": 1} in data["confusion"]
