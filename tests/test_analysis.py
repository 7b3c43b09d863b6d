"""Dyad series, dyad tables, the actor network and escalation alerts over small synthetic stores."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from eventwire.analysis import AlertParams, actor_network, dyad_filter, dyads, escalation_alerts, timeseries
from eventwire.analysis.synthetic import SyntheticEvent, write_events
from eventwire.ontology import load_ontology
from eventwire.store import open_store

D0 = dt.date(2021, 3, 1)  # a Monday


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


@pytest.fixture()
def small_store(tmp_path):
    """USAGOV→RUSGOV on days 0, 2 and 9; RUSGOV→UKRMIL on day 1; one negated event."""
    events = [
        SyntheticEvent(day(0), "USAGOV", "RUSGOV", "040", outlet="Wire A"),
        SyntheticEvent(day(0), "USAGOV", "RUSGOV", "112", outlet="Wire B"),
        SyntheticEvent(day(2), "USAGOV", "RUSGOV", "190", outlet="Wire A"),
        SyntheticEvent(day(2), "USAGOV", "RUSGOV", "190", outlet="Wire A", modality="negated"),
        SyntheticEvent(day(9), "USAGOV", "RUSGOV", "057", outlet="Wire C", lat=46.2, lon=6.1, place="Geneva"),
        SyntheticEvent(day(1), "RUSMIL", "UKRMIL", "190", outlet="Wire A"),
    ]
    with open_store(tmp_path / "small.duckdb") as store:
        write_events(store, events, per_article=1)
    with open_store(tmp_path / "small.duckdb", read_only=True) as store:
        yield store


def goldstein(code: str) -> float:
    return load_ontology().cameo(code).goldstein


def test_daily_series_counts_quadclasses_goldstein_and_sources(small_store):
    series = timeseries(small_store, dyad_filter("USAGOV", "RUSGOV"), freq="day")
    by_day = {row["period"]: row for row in series}
    assert [row["period"] for row in series] == [day(n).isoformat() for n in range(10)]  # gaps filled
    first = by_day[day(0).isoformat()]
    assert (first["events"], first["verbal_cooperation"], first["verbal_conflict"]) == (2, 1, 1)
    assert first["goldstein_sum"] == pytest.approx(goldstein("040") + goldstein("112"))
    assert first["goldstein_mean"] == pytest.approx((goldstein("040") + goldstein("112")) / 2)
    assert first["sources"] == 2
    third = by_day[day(2).isoformat()]
    assert third["events"] == 1  # the negated attack did not happen
    assert third["material_conflict"] == 1
    assert by_day[day(5).isoformat()]["events"] == 0
    assert by_day[day(5).isoformat()]["goldstein_mean"] is None


def test_weekly_and_monthly_series_sum_the_days(small_store):
    weekly = timeseries(small_store, dyad_filter("USAGOV", "RUSGOV"), freq="week")
    assert [(row["period"], row["events"]) for row in weekly] == [(day(0).isoformat(), 3), (day(7).isoformat(), 1)]
    assert weekly[0]["sources"] == 2
    monthly = timeseries(small_store, dyad_filter("USAGOV", "RUSGOV"), freq="month")
    assert [(row["period"], row["events"], row["sources"]) for row in monthly] == [("2021-03-01", 4, 3)]


def test_country_level_dyads_group_actor_codes(small_store):
    series = timeseries(small_store, dyad_filter("RUS", "UKR", level="country"), freq="month")
    assert [row["events"] for row in series] == [1]
    rows = dyads(small_store, level="country")
    assert {(r["source"], r["target"]): r["events"] for r in rows} == {("USA", "RUS"): 4, ("RUS", "UKR"): 1}


def test_series_bounds_and_bad_frequency(small_store):
    series = timeseries(small_store, dyad_filter("USAGOV", "RUSGOV"), date_from=day(1).isoformat(),
                        date_to=day(3).isoformat())
    assert [row["events"] for row in series] == [1]  # only day 2 has an event; no filling beyond data
    with pytest.raises(ValueError, match="frequency"):
        timeseries(small_store, freq="year")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a date"):
        timeseries(small_store, date_from="March")


def test_dyads_and_network_weights(small_store):
    rows = dyads(small_store)
    top = rows[0]
    assert (top["source"], top["target"], top["events"]) == ("USAGOV", "RUSGOV", 4)
    expected = goldstein("040") + goldstein("112") + goldstein("190") + goldstein("057")
    assert top["goldstein_sum"] == pytest.approx(expected)
    assert (top["first_day"], top["last_day"]) == (day(0).isoformat(), day(9).isoformat())
    assert dyads(small_store, order="goldstein")[0]["source"] == "RUSMIL"  # one attack: most hostile sum
    network = actor_network(small_store)
    nodes = {n["id"]: n for n in network["nodes"]}
    assert nodes["RUSGOV"]["events_in"] == 4 and nodes["RUSGOV"]["events_out"] == 0
    assert nodes["USAGOV"]["goldstein_out"] == pytest.approx(expected)
    assert {(e["source"], e["target"], e["weight"]) for e in network["edges"]} == {
        ("USAGOV", "RUSGOV", 4), ("RUSMIL", "UKRMIL", 1)}


def test_dyads_reject_unknown_order(small_store):
    with pytest.raises(ValueError, match="order"):
        dyads(small_store, order="random")


# -- alerts ---------------------------------------------------------------------------------

def conflict_days(source: str, target: str, counts: list[int], seed: int) -> list[SyntheticEvent]:
    """``counts[n]`` conflict events on day n, a random mix of accusations and arrests."""
    rng = random.Random(seed)
    return [SyntheticEvent(day(n), source, target, rng.choice(("112", "173")), outlet=f"Wire {rng.randrange(3)}")
            for n, count in enumerate(counts) for _ in range(count)]


@pytest.fixture()
def escalation_store(tmp_path):
    """Two dyads with the same noisy daily conflict for 50 days; from day 45 one of them jumps."""
    rng = random.Random(3)
    steady = [rng.randint(3, 6) for _ in range(50)]
    jumping = [rng.randint(3, 6) for _ in range(45)] + [25, 30, 5, 4, 5]
    events = conflict_days("CHNGOV", "TWNGOV", steady, 1) + conflict_days("ISRMIL", "PSEREB", jumping, 2)
    events += [SyntheticEvent(day(n), "TURGOV", "GRCGOV", "040") for n in range(0, 50, 5)]  # cooperation only
    with open_store(tmp_path / "escalation.duckdb") as store:
        write_events(store, events, per_article=3)
    with open_store(tmp_path / "escalation.duckdb", read_only=True) as store:
        yield store


def test_alert_for_the_jumping_dyad_only(escalation_store):
    alerts = escalation_alerts(escalation_store)
    assert alerts, "the jump should raise an alert"
    assert {(a["source"], a["target"]) for a in alerts} == {("ISRMIL", "PSEREB")}
    assert {a["date"] for a in alerts} == {day(45).isoformat(), day(46).isoformat()}
    assert alerts[0]["date"] == day(46).isoformat()  # newest first
    first_jump = next(a for a in alerts if a["date"] == day(45).isoformat())
    assert first_jump["conflict_events"] == 25
    assert first_jump["z"] >= 3.5
    assert first_jump["history_days"] == 28


def test_alert_lists_its_events_and_articles(escalation_store):
    alert = next(a for a in escalation_alerts(escalation_store) if a["date"] == day(45).isoformat())
    assert len(alert["event_ids"]) == 25
    rows = escalation_store.con.execute(
        "SELECT DISTINCT source, target, date, doc_id FROM events WHERE event_id IN (SELECT unnest(?))",
        [alert["event_ids"]]).fetchall()
    assert {(s, t, d) for s, t, d, _ in rows} == {("ISRMIL", "PSEREB", day(45).isoformat())}
    assert sorted({r[3] for r in rows}) == alert["doc_ids"]


def test_count_measure_and_threshold_are_parameters(escalation_store):
    by_count = escalation_alerts(escalation_store, params=AlertParams(measure="count"))
    assert {(a["source"], a["date"]) for a in by_count} == {
        ("ISRMIL", day(45).isoformat()), ("ISRMIL", day(46).isoformat())}
    assert by_count[0]["value"] == 30
    assert escalation_alerts(escalation_store, params=AlertParams(measure="count", threshold=100)) == []


def test_no_alert_without_enough_history(escalation_store):
    params = AlertParams(window=60, min_history=46)  # day 45 has only 45 days behind it
    alerts = escalation_alerts(escalation_store, params=params)
    assert {a["date"] for a in alerts} == {day(46).isoformat()}


def test_alert_day_range_keeps_the_baseline(escalation_store):
    alerts = escalation_alerts(escalation_store, date_from=day(46).isoformat(), date_to=day(46).isoformat())
    assert [(a["date"], a["history_days"]) for a in alerts] == [(day(46).isoformat(), 28)]


def test_a_new_dyad_spike_is_not_an_alert(tmp_path):
    with open_store(tmp_path / "new.duckdb") as store:
        write_events(store, conflict_days("IRNGOV", "SAUGOV", [1, 0, 0, 40], 4))
    with open_store(tmp_path / "new.duckdb", read_only=True) as store:
        assert escalation_alerts(store) == []
        assert escalation_alerts(store, params=AlertParams(min_history=3)) != []


@pytest.mark.parametrize("kwargs", [{"window": 0}, {"min_history": 40}, {"min_scale": 0}, {"min_events": 0},
                                    {"measure": "tone"}])
def test_alert_params_are_validated(kwargs):
    with pytest.raises(ValueError):
        AlertParams(**kwargs)
