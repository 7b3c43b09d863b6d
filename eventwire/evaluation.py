"""Scoring coded events against a gold file: the numbers behind ``eventwire eval``.

The levels are those of DESIGN.md (and of the scoring tool the project is judged with), so a
user's figures on their own gold mean the same as ours:

- ``exact``: source, target and full CAMEO code equal;
- ``country_root``: source and target countries (first three letters) and CAMEO root equal;
- ``root``: CAMEO root equal, actors ignored;
- ``plover``: PLOVER type equal and source and target countries equal (gold written in PLOVER).

A gold actor that is empty or ``---`` matches any system actor; a compound gold actor
(``HUNGOV/ROUGOV``) matches a system actor equal to any of its parts. Within a record every
system event matches at most one gold event and vice versa. We take a maximum matching, so the
count never depends on the order in which the events happen to be listed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.io.readers import Reject, field_problem, json_object_line, parse_date
from eventwire.model import Article

LEVELS = ("exact", "country_root", "root", "plover")
SCORED_EXPECT = ("events", "noevents")
NONE_ROOT = "none"  # the row/column of the confusion for "no matching event on the other side"
# PLOVER 0.5 type names found in older gold, read as the PLOVER 2.0 types that replaced them.
PLOVER_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

SystemEvent = Mapping[str, Any]  # an event record as `eventwire code` writes it (source, target, cameo, plover)


# -- gold -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: str | None
    target: str | None
    code: str  # a CAMEO code ("0256") or a PLOVER type ("CONSULT")
    trigger: tuple[int, int] | None = None  # article offsets, where the gold says where the event is

    @property
    def is_cameo(self) -> bool:
        return is_cameo_code(self.code)


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    date: dt.date | None = None
    events: tuple[GoldEvent, ...] = ()
    expect: str = "events"  # "events", "noevents"; anything else is carried but not scored

    @property
    def scored(self) -> bool:
        return self.expect in SCORED_EXPECT

    def article(self) -> Article:
        return Article(id=self.id, text=self.text, date=self.date)


def is_cameo_code(code: object) -> bool:
    return isinstance(code, str) and code.strip().isdigit()


def read_gold(path: Path) -> Iterator[GoldRecord | Reject]:
    """Gold records of a JSON Lines file; a line that is not one becomes a Reject naming file and line."""
    with open(path, "rb") as stream:
        for number, raw in enumerate(stream, 1):
            if raw.strip():
                yield parse_gold_line(raw, str(path), number)


def parse_gold_line(raw: bytes, path: str, number: int) -> GoldRecord | Reject:
    obj = json_object_line(raw)
    if isinstance(obj, str):
        return Reject(path, number, obj)
    if obj.get("id") in (None, ""):
        return Reject(path, number, "no 'id'")
    problem = field_problem(obj)  # an id {'nested': 1} or inf must not become its repr
    if problem:
        return Reject(path, number, problem)
    events = obj.get("events") or []
    if not isinstance(events, list) or not all(isinstance(e, dict) and e.get("code") for e in events):
        return Reject(path, number, "'events' must be a list of objects with a 'code'")
    return GoldRecord(
        id=str(obj["id"]),
        text=obj["text"],
        date=parse_date(obj.get("date")),
        events=tuple(GoldEvent(_actor(e.get("source")), _actor(e.get("target")), str(e["code"]).strip())
                     for e in events),
        expect=str(obj.get("expect") or "events"),
    )


def read_system(path: Path) -> tuple[dict[str, list[dict[str, Any]]], list[Reject]]:
    """Event records of a JSON Lines file (as `eventwire code` writes them), grouped by doc_id."""
    events: dict[str, list[dict[str, Any]]] = {}
    rejects: list[Reject] = []
    with open(path, "rb") as stream:
        for number, raw in enumerate(stream, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                rejects.append(Reject(str(path), number, f"not a JSON line: {exc}"))
                continue
            except RecursionError:
                rejects.append(Reject(str(path), number, "JSON nested too deeply to read"))
                continue
            if not isinstance(obj, dict) or obj.get("doc_id", obj.get("id")) in (None, ""):
                rejects.append(Reject(str(path), number, "not an event object with a 'doc_id'"))
                continue
            events.setdefault(str(obj.get("doc_id", obj.get("id"))), []).append(obj)
    return events, rejects


def _actor(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


# -- matching -------------------------------------------------------------------------------

def _parts(actor: str | None) -> list[str]:
    return [a.strip().upper() for a in (actor or "").split("/") if a.strip()]


def actor_matches(gold: str | None, system: str | None, by_country: bool) -> bool:
    """Whether a system actor code fills a gold actor slot (whole code, or its country part)."""
    parts = _parts(gold)
    if not parts or parts == ["---"]:
        return True
    code = (system or "").strip().upper()
    if by_country:
        return any(part[:3] == code[:3] for part in parts)
    return code in parts


def _actors_match(gold: GoldEvent, system: SystemEvent, by_country: bool) -> bool:
    return (actor_matches(gold.source, system.get("source"), by_country)
            and actor_matches(gold.target, system.get("target"), by_country))


def system_code(system: SystemEvent) -> str:
    return str(system.get("cameo") or system.get("code") or "").strip()


def _plover_type(name: object) -> str:
    text = str(name or "").strip().upper()
    return PLOVER_RENAMES.get(text, text)


def event_matches(gold: GoldEvent, system: SystemEvent, level: str) -> bool:
    """Does ``system`` code the gold event at ``level``? CAMEO gold counts on the CAMEO levels only,
    PLOVER gold on the plover level only."""
    if level == "plover":
        return (not gold.is_cameo and _plover_type(gold.code) == _plover_type(system.get("plover"))
                and _actors_match(gold, system, by_country=True))
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; known: {', '.join(LEVELS)}")
    if not gold.is_cameo:
        return False
    code = system_code(system)
    if level == "exact":
        return gold.code == code and _actors_match(gold, system, by_country=False)
    if level == "country_root":
        return gold.code[:2] == code[:2] and _actors_match(gold, system, by_country=True)
    return gold.code[:2] == code[:2]


def max_matching(n_left: int, n_right: int, fits: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching (augmenting paths): records hold a handful of events, so
    the simple algorithm is fast, and unlike first-fit it never loses a match to listing order."""
    edges = [[j for j in range(n_right) if fits(i, j)] for i in range(n_left)]
    owner: list[int | None] = [None] * n_right

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                holder = owner[j]
                if holder is None or augment(holder, seen):
                    owner[j] = i
                    return True
        return False

    for i in range(n_left):
        augment(i, set())
    return sorted((i, j) for j, i in enumerate(owner) if i is not None)


def match_events(gold: Sequence[GoldEvent], system: Sequence[SystemEvent], level: str) -> list[tuple[int, int]]:
    """(gold index, system index) pairs of a one-to-one matching at ``level``."""
    return max_matching(len(gold), len(system), lambda i, j: event_matches(gold[i], system[j], level))


# -- scores ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class LevelScore:
    matched: int
    gold: int
    system: int

    @property
    def precision(self) -> float:
        return self.matched / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"matched": self.matched, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True, slots=True)
class RecordResult:
    """One gold record next to what the system coded for it."""

    record: GoldRecord
    system: tuple[SystemEvent, ...]
    matched: Mapping[str, int]  # level -> matched events
    errors: int  # missed gold + extra system events at the ranking level

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.record.id,
            "text": self.record.text,
            "errors": self.errors,
            "matched": dict(self.matched),
            "gold": [{"source": e.source, "target": e.target, "code": e.code} for e in self.record.events],
            "system": [_system_summary(e) for e in self.system],
        }


@dataclass
class Evaluation:
    levels: dict[str, LevelScore]
    results: list[RecordResult]
    confusion: Counter = field(default_factory=Counter)  # (gold root, system root) -> events
    ranking_level: str = "country_root"

    @property
    def records(self) -> int:
        return len(self.results)

    @property
    def gold_events(self) -> int:
        return sum(len(r.record.events) for r in self.results)

    @property
    def system_events(self) -> int:
        return sum(len(r.system) for r in self.results)

    def noevent_results(self) -> list[RecordResult]:
        return [r for r in self.results if r.record.expect == "noevents"]

    @property
    def noevent_false_positives(self) -> int:
        return sum(len(r.system) for r in self.noevent_results())

    @property
    def noevent_records_with_events(self) -> int:
        return sum(1 for r in self.noevent_results() if r.system)

    @property
    def records_with_no_output(self) -> int:
        return sum(1 for r in self.results if r.record.events and not r.system)

    def worst(self, n: int) -> list[RecordResult]:
        """The ``n`` records with most errors (missed + extra events); ties by exact-level errors, then id."""
        def badness(r: RecordResult) -> tuple[int, int, str]:
            exact_errors = len(r.record.events) + len(r.system) - 2 * r.matched.get("exact", 0)
            return (-r.errors, -exact_errors, r.record.id)

        return [r for r in sorted(self.results, key=badness) if r.errors][:max(n, 0)]

    def to_dict(self, worst: int = 0) -> dict[str, Any]:
        return {
            "records": self.records,
            "gold_events": self.gold_events,
            "system_events": self.system_events,
            "noevent_records": len(self.noevent_results()),
            "noevent_false_positives": self.noevent_false_positives,
            "noevent_records_with_events": self.noevent_records_with_events,
            "records_with_no_output": self.records_with_no_output,
            **{level: score.to_dict() for level, score in self.levels.items()},
            "confusion": [{"gold": g, "system": s, "count": n} for (g, s), n in sorted(self.confusion.items())],
            "worst": [r.to_dict() for r in self.worst(worst)],
            "calibration": calibration_summary(self),
        }


def evaluate(gold: Iterable[GoldRecord], system: Mapping[str, Sequence[SystemEvent]]) -> Evaluation:
    """Score system events (by doc_id) against the scored gold records; other doc_ids are ignored."""
    records = [r for r in gold if r.scored]
    levels = _levels_present(records)
    ranking = "country_root" if "country_root" in levels else "plover"
    results: list[RecordResult] = []
    confusion: Counter = Counter()
    for record in records:
        events = tuple(system.get(record.id, ()))
        matched = {level: len(match_events(record.events, events, level)) for level in levels}
        errors = len(record.events) + len(events) - 2 * matched.get(ranking, 0)
        results.append(RecordResult(record, events, matched, errors))
        if "root" in levels:
            confusion.update(root_pairs(record.events, events))
    scores = {
        level: LevelScore(sum(r.matched[level] for r in results), sum(len(r.record.events) for r in results),
                          sum(len(r.system) for r in results))
        for level in levels
    }
    return Evaluation(scores, results, confusion, ranking)


def _levels_present(records: Sequence[GoldRecord]) -> tuple[str, ...]:
    """CAMEO levels when the gold has CAMEO codes, plover when it has PLOVER types (as the tool does)."""
    events = [e for r in records for e in r.events]
    cameo = any(e.is_cameo for e in events) or not events
    plover = any(not e.is_cameo for e in events)
    return (("exact", "country_root", "root") if cameo else ()) + (("plover",) if plover else ())


def root_pairs(gold: Sequence[GoldEvent], system: Sequence[SystemEvent]) -> list[tuple[str, str]]:
    """(gold root, system root) for each event of one record, for the confusion of roots.

    A gold and a system event are taken to be the same event when they agree at country_root
    level, then when their roots agree, then when their actors agree (by country) whatever the
    codes; what is left on either side is paired with ``none`` (missed, or extra)."""
    gold_left = [i for i, e in enumerate(gold) if e.is_cameo]
    system_left = list(range(len(system)))
    pairs: list[tuple[str, str]] = []
    steps: tuple[Callable[[GoldEvent, SystemEvent], bool], ...] = (
        lambda g, s: event_matches(g, s, "country_root"),
        lambda g, s: event_matches(g, s, "root"),
        lambda g, s: _actors_match(g, s, by_country=True),
    )
    for fits in steps:
        found = _match_left(gold, system, gold_left, system_left, fits)
        pairs.extend((gold[gold_left[i]].code[:2], _root(system[system_left[j]])) for i, j in found)
        used_gold, used_system = {i for i, _ in found}, {j for _, j in found}
        gold_left = [g for i, g in enumerate(gold_left) if i not in used_gold]
        system_left = [s for j, s in enumerate(system_left) if j not in used_system]
    pairs.extend((gold[i].code[:2], NONE_ROOT) for i in gold_left)
    pairs.extend((NONE_ROOT, _root(system[j])) for j in system_left)
    return pairs


def _match_left(gold: Sequence[GoldEvent], system: Sequence[SystemEvent], gold_left: list[int],
                system_left: list[int], fits: Callable[[GoldEvent, SystemEvent], bool]) -> list[tuple[int, int]]:
    """A maximum matching among the events not yet paired (positions into the two ``_left`` lists)."""
    return max_matching(len(gold_left), len(system_left),
                        lambda i, j: fits(gold[gold_left[i]], system[system_left[j]]))


def _root(event: SystemEvent) -> str:
    return system_code(event)[:2] or "?"


# -- breakdowns -----------------------------------------------------------------------------

def per_root_scores(evaluation: Evaluation, level: str = "country_root") -> dict[str, LevelScore]:
    """Precision and recall of each CAMEO root at ``level``: which parts of the lexicon fail."""
    gold: Counter = Counter()
    system: Counter = Counter()
    matched: Counter = Counter()
    for result in evaluation.results:
        events = result.record.events
        gold.update(e.code[:2] for e in events if e.is_cameo)
        system.update(_root(e) for e in result.system)
        for i, _ in match_events(events, result.system, level):
            matched[events[i].code[:2]] += 1
    roots = sorted(set(gold) | set(system))
    return {root: LevelScore(matched[root], gold[root], system[root]) for root in roots}


def trigger_agreement(evaluation: Evaluation, level: str = "country_root") -> tuple[int, int]:
    """(matched events whose system span overlaps the gold trigger, matched events with a gold trigger)."""
    overlapping = with_trigger = 0
    for result in evaluation.results:
        events = result.record.events
        for i, j in match_events(events, result.system, level):
            gold_span, span = events[i].trigger, result.system[j].get("span")
            if gold_span is None:
                continue
            with_trigger += 1
            if span and int(span[0]) < gold_span[1] and gold_span[0] < int(span[1]):
                overlapping += 1
    return overlapping, with_trigger


def right_events(gold: Sequence[GoldEvent], system: Sequence[SystemEvent], level: str = "country_root") -> list[bool]:
    """For each system event, whether the maximum matching pairs it with a gold event at ``level``."""
    matched = {j for _, j in match_events(gold, system, level)}
    return [j in matched for j in range(len(system))]


def confidence_outcomes(evaluation: Evaluation) -> tuple[list[float], list[bool]]:
    """(confidence, right at the ranking level) of every scored system event that has a confidence."""
    confidences: list[float] = []
    right: list[bool] = []
    for result in evaluation.results:
        for event, ok in zip(result.system, right_events(result.record.events, result.system,
                                                          evaluation.ranking_level), strict=True):
            value = event.get("confidence")
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                confidences.append(float(value))
                right.append(ok)
    return confidences, right


def calibration_summary(evaluation: Evaluation) -> dict[str, Any] | None:
    """The reliability bins and ECE as data (``eventwire eval --json``); None without confidences."""
    from eventwire.events.confidence import expected_calibration_error, reliability

    confidences, right = confidence_outcomes(evaluation)
    if not confidences:
        return None
    table = reliability(confidences, right)
    return {"events": len(confidences), "ece": round(expected_calibration_error(table), 4),
            "bins": [{"low": b.low, "high": b.high, "count": b.count, "mean_confidence": round(b.mean_confidence, 4),
                      "share_right": round(b.share_right, 4), "gap": round(b.gap, 4)} for b in table]}


def format_calibration(evaluation: Evaluation) -> str:
    """The reliability table and expected calibration error, or "" when no event has a confidence."""
    from eventwire.events.confidence import format_reliability, reliability

    confidences, right = confidence_outcomes(evaluation)
    if not confidences:
        return ""
    return format_reliability(reliability(confidences, right),
                              f"reliability of confidence at {evaluation.ranking_level} level")


def document_of(record_id: str) -> str:
    """Sentence records of a corpus are ``doc#n``; other gold records are their own document."""
    return record_id.rsplit("#", 1)[0]


def worst_documents(evaluation: Evaluation, n: int) -> list[tuple[str, int, int, int]]:
    """(document, errors, gold events, system events) of the ``n`` documents with most errors."""
    totals: dict[str, list[int]] = {}
    for result in evaluation.results:
        row = totals.setdefault(document_of(result.record.id), [0, 0, 0])
        row[0] += result.errors
        row[1] += len(result.record.events)
        row[2] += len(result.system)
    ranked = sorted(totals.items(), key=lambda item: (-item[1][0], item[0]))
    return [(doc, *row) for doc, row in ranked[:max(n, 0)] if row[0]]


def format_breakdowns(evaluation: Evaluation, root_names: Mapping[str, str] | None = None,
                      worst_docs: int = 10) -> str:
    """Per-root scores, trigger agreement, no-event false-positive rate and the worst documents."""
    lines = ["", f"per CAMEO root at {evaluation.ranking_level} level:", "",
             f"{'root':6s}{'gold':>6s}{'system':>8s}{'matched':>9s}{'precision':>11s}{'recall':>8s}  name"]
    for root, score in per_root_scores(evaluation, evaluation.ranking_level).items():
        name = root_names.get(root, "").lower() if root_names else ""
        lines.append(f"{root:6s}{score.gold:6d}{score.system:8d}{score.matched:9d}"
                     f"{score.precision:11.3f}{score.recall:8.3f}  {name}")
    overlapping, with_trigger = trigger_agreement(evaluation, evaluation.ranking_level)
    if with_trigger:
        lines += ["", f"trigger span agrees on {overlapping} of {with_trigger} matched events "
                      f"({overlapping / with_trigger:.3f})"]
    noevent = evaluation.noevent_results()
    if noevent:
        rate = evaluation.noevent_records_with_events / len(noevent)
        lines.append(f"no-event sentences with a system event: {evaluation.noevent_records_with_events} "
                     f"of {len(noevent)} ({rate:.3f})")
    docs = worst_documents(evaluation, worst_docs)
    if docs:
        lines += ["", "worst documents (errors, gold events, system events):"]
        lines += [f"  {errors:4d} {gold:4d} {system:4d}  {doc}" for doc, errors, gold, system in docs]
    return "\n".join(lines) + "\n"


# -- report ---------------------------------------------------------------------------------

def format_report(evaluation: Evaluation, worst: int = 10, root_names: Mapping[str, str] | None = None) -> str:
    """The plain-text report `eventwire eval` prints: scores, confusion, no-event records, worst records."""
    e = evaluation
    lines = [
        f"records {e.records}  gold events {e.gold_events}  system events {e.system_events}  "
        f"records with no output {e.records_with_no_output}",
        "",
        f"{'level':13s} {'precision':>9s} {'recall':>7s} {'f1':>6s}  matched",
    ]
    for level, score in e.levels.items():
        lines.append(f"{level:13s} {score.precision:9.3f} {score.recall:7.3f} {score.f1:6.3f}  {score.matched}")
    if e.confusion:
        lines += ["", "CAMEO roots, gold (rows) x system (columns); 'none' = no counterpart:", ""]
        lines += format_confusion(e.confusion, root_names)
    noevent = e.noevent_results()
    lines += ["", f"false positives on no-event records: {e.noevent_false_positives} events on "
                  f"{e.noevent_records_with_events} of {len(noevent)} records"]
    for result in noevent:
        for event in result.system:
            lines.append(f"  {result.record.id}: {_event_text(_system_summary(event))}")
    shown = e.worst(worst)
    if shown:
        lines += ["", f"worst {len(shown)} records (errors = missed + extra events at {e.ranking_level} level):"]
        for result in shown:
            lines += [""] + _side_by_side(result)
    return "\n".join(lines) + "\n"


def format_confusion(confusion: Mapping[tuple[str, str], int],
                     root_names: Mapping[str, str] | None = None) -> list[str]:
    gold_roots = _axis(g for g, _ in confusion)
    system_roots = _axis(s for _, s in confusion)
    width = max([4] + [len(str(n)) for n in confusion.values()])
    label = 6
    header = " " * label + " ".join(s.rjust(width) for s in system_roots) + "  " + "total".rjust(width)
    lines = [header]
    for g in gold_roots:
        row = [confusion.get((g, s), 0) for s in system_roots]
        cells = " ".join((str(n) if n else ".").rjust(width) for n in row)
        name = f"  {root_names[g].lower()}" if root_names and g in root_names else ""
        lines.append(g.ljust(label) + cells + "  " + str(sum(row)).rjust(width) + name)
    totals = [sum(confusion.get((g, s), 0) for g in gold_roots) for s in system_roots]
    lines.append("total".ljust(label) + " ".join(str(n).rjust(width) for n in totals))
    return lines


def _axis(roots: Iterable[str]) -> list[str]:
    found = set(roots)
    return sorted(found - {NONE_ROOT}) + ([NONE_ROOT] if NONE_ROOT in found else [])


def _system_summary(event: SystemEvent) -> dict[str, Any]:
    return {"source": event.get("source"), "target": event.get("target"), "code": system_code(event),
            "plover": event.get("plover"), "modality": event.get("modality"),
            "trigger": event.get("trigger"), "rule": event.get("rule")}


def _event_text(event: Mapping[str, Any]) -> str:
    text = f"{event.get('source') or '-'} {event.get('code') or '?'} {event.get('target') or '-'}"
    extras = [f"{k}={event[k]}" for k in ("modality", "trigger", "rule") if event.get(k)]
    return text + (f"  ({', '.join(extras)})" if extras else "")


def _side_by_side(result: RecordResult) -> list[str]:
    record = result.record
    text = " ".join(record.text.split())
    lines = [f"{record.id}  errors {result.errors}  ({record.expect})",
             f"  {text if len(text) <= 160 else text[:157] + '...'}"]
    gold = [_event_text({"source": e.source, "target": e.target, "code": e.code}) for e in record.events]
    system = [_event_text(_system_summary(e)) for e in result.system]
    width = max([len("(none)")] + [len(g) for g in gold]) + 2
    lines.append(f"  {'gold'.ljust(width)}| system")
    for n in range(max(len(gold), len(system), 1)):
        left = gold[n] if n < len(gold) else ("(none)" if n == 0 else "")
        right = system[n] if n < len(system) else ("(none)" if n == 0 else "")
        lines.append(f"  {left.ljust(width)}| {right}")
    return lines
