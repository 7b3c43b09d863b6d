"""End-to-end tests of the ``eventwire`` command on our own example articles and on bad input.

The CLI runs in-process (``eventwire.cli.main``) so that the spaCy model loads once per session;
stdout and stderr are captured the way a shell would see them.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

from eventwire.cli import main
from eventwire.io.readers import content_id
from eventwire.model import Article

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "examples" / "articles"
DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
KENYA = ARTICLES / "kenya-nairobi-protests.txt"  # dated 2024-07-10 in examples/articles/dates.tsv

EVENT_FIELDS = (
    "event_id", "doc_id", "sentence", "source", "target", "cameo", "plover", "plover_mode", "plover_context",
    "quad_class", "goldstein", "modality", "date", "date_precision", "location", "text", "trigger", "span",
    "rule", "source_actor", "target_actor",
)
ACTOR_FIELDS = ("code", "country", "sectors", "name", "text", "role")
QUOTE_FIELDS = ("quote_id", "doc_id", "sentence", "speaker", "cue", "addressee", "text", "kind", "span")
MODALITIES = {"asserted", "negated", "hypothetical", "future", "reported"}
# DESIGN.md lists day, month, year, unknown; the coder adds "article" for "dated by the article date".
PRECISIONS = {"day", "month", "year", "unknown", "article"}


@dataclass
class Run:
    code: int
    out: str
    err: str

    def jsonl(self) -> list[dict]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


def cli(*args: object, stdin: bytes | None = None) -> Run:
    """Run ``eventwire ARGS`` in this process, as a shell would: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    patches = contextlib.ExitStack()
    with patches:
        if stdin is not None:
            patches.enter_context(mock.patch.object(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin))))
        patches.enter_context(contextlib.redirect_stdout(out))
        patches.enter_context(contextlib.redirect_stderr(err))
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse errors
            code = exc.code if isinstance(exc.code, int) else 2
    return Run(code, out.getvalue(), err.getvalue())


def article_files() -> list[Path]:
    return sorted(ARTICLES.glob("*.txt"))


def example_dates() -> dict[str, str]:
    rows = (line.split("\t") for line in (ARTICLES / "dates.tsv").read_text(encoding="utf-8").splitlines())
    return {name.removesuffix(".txt"): day.strip() for name, day in rows}


def event_day(event: dict) -> dt.date:
    """The first day an event date stands for: ISO 8601 at its precision (2024-07-10, 2024-07, 2024)."""
    value = event["date"]
    parts = {"day": value, "month": f"{value}-01", "year": f"{value}-01-01"}
    return dt.date.fromisoformat(parts.get(event["date_precision"], value))


@pytest.fixture(scope="module")
def example_run(nlp) -> Run:
    run = cli("code", ARTICLES, "--date", "2024-05-01")
    assert run.code == 0, run.err
    return run


# -- output formats and records -------------------------------------------------------------

def test_examples_are_ours_and_enough():
    assert len(article_files()) >= 12


def test_every_event_has_the_design_fields(example_run):
    events = example_run.jsonl()
    assert len(events) >= 3 * len(article_files())  # each example article reports several events
    texts = {p.stem: p.read_text(encoding="utf-8") for p in article_files()}
    for event in events:
        assert set(EVENT_FIELDS) <= set(event), sorted(set(EVENT_FIELDS) - set(event))
        assert event["doc_id"] in texts
        assert isinstance(event["event_id"], str) and event["event_id"]
        assert isinstance(event["sentence"], int) and event["sentence"] >= 0
        assert event["cameo"].isdigit() and 2 <= len(event["cameo"]) <= 4
        assert event["plover"] is None or isinstance(event["plover"], str)
        assert event["quad_class"] in (1, 2, 3, 4)
        assert -10 <= event["goldstein"] <= 10
        assert event["modality"] in MODALITIES
        assert event["date_precision"] in PRECISIONS
        assert event["date"] is None or event_day(event)
        start, end = event["span"]
        assert texts[event["doc_id"]][start:end] == event["trigger"]
        assert event["trigger"] in event["text"]
        assert event["rule"]
        assert event["source"] is not None or event["target"] is not None
        for role in ("source", "target"):
            actor = event[f"{role}_actor"]
            if actor is None:
                assert event[role] is None
            else:
                assert set(ACTOR_FIELDS) <= set(actor) and actor["code"] == event[role]
        if event["location"] is not None:
            assert {"name", "country", "admin1", "lat", "lon", "geonameid"} <= set(event["location"])


def test_event_ids_are_stable_and_unique(example_run):
    again = cli("code", ARTICLES, "--date", "2024-05-01")
    first = [e["event_id"] for e in example_run.jsonl()]
    assert [e["event_id"] for e in again.jsonl()] == first
    assert len(set(first)) == len(first)


def test_examples_are_coded_across_the_cameo_roots(example_run):
    roots = {e["cameo"][:2] for e in example_run.jsonl()}
    assert len(roots) >= 15, sorted(roots)


def test_csv_has_one_row_per_event():
    events = cli("code", KENYA, "--date", "2024-07-10").jsonl()
    run = cli("code", KENYA, "--date", "2024-07-10", "--format", "csv")
    assert run.code == 0
    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert len(rows) == len(events) > 0
    assert {"event_id", "doc_id", "source", "target", "cameo", "plover", "modality", "span_start", "span_end", "location_name"} <= set(rows[0])
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in events]
    assert [r["cameo"] for r in rows] == [e["cameo"] for e in events]


def test_table_is_readable_and_counts_events():
    events = cli("code", KENYA, "--date", "2024-07-10").jsonl()
    run = cli("code", KENYA, "--date", "2024-07-10", "--format", "table")
    lines = run.out.splitlines()
    assert run.code == 0
    assert lines[0].split()[:5] == ["DOC_ID", "SENTENCE", "SOURCE", "CAMEO", "TARGET"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[-1] == f"({len(events)} events)"
    assert len(lines) == len(events) + 3
    assert all(line.startswith("kenya-nairobi-protests") for line in lines[2:-1])


def test_quote_records():
    run = cli("code", KENYA, "--records", "quotes", "--date", "2024-07-10")
    quotes = run.jsonl()
    assert run.code == 0 and quotes
    text = KENYA.read_text(encoding="utf-8")
    for quote in quotes:
        assert set(QUOTE_FIELDS) <= set(quote)
        assert quote["kind"] in ("direct", "indirect")
        start, end = quote["span"]
        assert 0 <= start < end <= len(text)
    assert any(q["kind"] == "direct" and "not going home" in q["text"] for q in quotes)


def test_document_records_count_what_was_coded(example_run):
    run = cli("code", ARTICLES, "--records", "documents", "--date", "2024-05-01")
    documents = run.jsonl()
    assert run.code == 0
    assert [d["doc_id"] for d in documents] == [p.stem for p in article_files()]
    per_doc: dict[str, int] = {}
    for event in example_run.jsonl():
        per_doc[event["doc_id"]] = per_doc.get(event["doc_id"], 0) + 1
    assert {d["doc_id"]: d["n_events"] for d in documents if d["n_events"]} == per_doc
    # examples/articles/dates.tsv dates the files it lists; --date is for inputs that carry no date
    assert {d["doc_id"]: d["date"] for d in documents} == example_dates()
    assert all(d["n_sentences"] > 3 and d["title"] for d in documents)


def test_stdin_codes_one_article_like_the_file():
    from_file = cli("code", KENYA, "--date", "2024-07-10").jsonl()
    from_stdin = cli("code", "-", "--date", "2024-07-10", stdin=KENYA.read_bytes())
    events = from_stdin.jsonl()
    assert from_stdin.code == 0
    # stdin ids come from the content (issue 13, point 3): two different stdin articles never share one
    assert {e["doc_id"] for e in events} == {content_id(KENYA.read_text(encoding="utf-8"))}
    key = ("sentence", "source", "target", "cameo", "span", "modality", "date")
    assert [[e[k] for k in key] for e in events] == [[e[k] for k in key] for e in from_file]


def test_date_anchors_relative_dates(tmp_path):
    dated = cli("code", KENYA, "--date", "2024-07-10").jsonl()
    days = [event_day(e) for e in dated if e["date"]]
    assert days and all(dt.date(2024, 6, 10) <= d <= dt.date(2024, 8, 10) for d in days)
    assert any(e["date"] == "2024-07-10" and e["date_precision"] == "day" for e in dated)  # "on Wednesday"
    alone = tmp_path / KENYA.name  # no dates.tsv beside it
    alone.write_bytes(KENYA.read_bytes())
    undated = cli("code", alone)
    assert len(undated.jsonl()) == len(dated)
    assert not any(e["date"] for e in undated.jsonl())
    assert undated.code == 0 and undated.err.count("no article date") == 1  # said, once (issue 12, point 5)


def test_missing_date_is_said_once_for_many_articles(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_bytes(KENYA.read_bytes().replace(b"Nairobi", name.encode()))
    run = cli("code", tmp_path, "--records", "documents")
    assert run.code == 0 and len(run.jsonl()) == 3
    assert run.err.count("no article date") == 1


def test_dates_tsv_beside_a_single_file_dates_it():
    run = cli("code", KENYA, "--records", "documents")  # examples/articles/dates.tsv lists it
    assert run.code == 0 and "no article date" not in run.err
    assert [d["date"] for d in run.jsonl()] == [example_dates()["kenya-nairobi-protests"]]


def test_bad_date_option_is_refused():
    run = cli("code", KENYA, "--date", "10/07/2024")
    assert run.code == 2 and "not a date" in run.err


# -- bad input ------------------------------------------------------------------------------

def test_empty_file_is_reported(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    run = cli("code", empty)
    assert run.code != 0 and run.out == ""
    assert f"{empty}: empty text" in run.err


def test_binary_and_invalid_utf8_files_are_reported_and_the_rest_coded(tmp_path):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Headline\n\nThe minister said the talks failed.\nPolice in Bogotá arrested".encode("latin-1")
                      + b" three men.\n")
    good = tmp_path / "good.txt"
    good.write_bytes(KENYA.read_bytes())
    run = cli("code", binary, latin, good, "--date", "2024-07-10")
    assert run.code != 0
    assert f"{binary}: binary file" in run.err
    assert f"{latin}:4: invalid UTF-8" in run.err  # names the line of the bad byte
    assert {e["doc_id"] for e in run.jsonl()} == {"good"}


def test_malformed_jsonl_lines_are_named_and_the_rest_coded(tmp_path):
    path = tmp_path / "articles.jsonl"
    good_a = {"id": "a", "text": "Kenyan police arrested dozens of protesters in Nairobi on Tuesday.", "date": "2024-07-09"}
    good_b = {"id": "b", "text": "The Egyptian army shelled militant positions in northern Sinai.", "date": "2024-02-01"}
    lines = [json.dumps(good_a).encode(), b'{"id": "broken", "text": "unfinished', b'["an", "array"]',
             b'{"id": "notext"}', b"", json.dumps(good_b).encode(), b'{"id": "latin", "text": "Bogot\xe1"}',
             b'{"id": "blank", "text": "   "}']
    path.write_bytes(b"\n".join(lines) + b"\n")
    run = cli("code", path)
    assert run.code != 0
    for line, reason in ((2, "not valid JSON"), (3, "not a JSON object"), (4, "no 'text'"), (7, "invalid UTF-8"),
                         (8, "empty text")):
        assert f"{path}:{line}: " in run.err and reason in run.err
    assert {e["doc_id"] for e in run.jsonl()} == {"a", "b"}


def test_missing_file_is_reported_and_the_rest_coded(tmp_path):
    missing = tmp_path / "missing.txt"
    run = cli("code", missing, KENYA, "--date", "2024-07-10")
    assert run.code != 0
    assert f"{missing}: no such file" in run.err
    assert {e["doc_id"] for e in run.jsonl()} == {"kenya-nairobi-protests"}


def test_unreadable_folder_is_reported(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "article.txt").write_bytes(KENYA.read_bytes())
    folder.chmod(0)
    real_scandir = os.scandir

    def scandir(path=None):  # root reads any folder; make this one unreadable as it is for other users
        if path is not None and Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path) if path is not None else real_scandir()

    try:
        with mock.patch("os.scandir", scandir) if os.geteuid() == 0 else contextlib.nullcontext():
            run = cli("code", folder)
    finally:
        folder.chmod(0o755)
    assert run.code != 0
    assert str(folder) in run.err
    assert run.out == ""


def test_missing_command_arguments_exit_with_usage():
    run = cli("code")
    assert run.code == 2 and "usage" in run.err


# -- a very long article --------------------------------------------------------------------

COUNTRIES = (("France", "French", "Paris"), ("Kenya", "Kenyan", "Nairobi"), ("Brazil", "Brazilian", "Brasilia"),
             ("Japan", "Japanese", "Tokyo"), ("Poland", "Polish", "Warsaw"), ("Egypt", "Egyptian", "Cairo"),
             ("Canada", "Canadian", "Ottawa"), ("India", "Indian", "New Delhi"))
TEMPLATES = (
    "{adj} troops shelled positions near the border with {other} on Tuesday, officials in {capital} said.",
    "The {adj} foreign minister met her counterpart from {other} in {capital} to discuss trade and security.",
    "Police in {country} arrested dozens of protesters outside the parliament building, witnesses said.",
    "{country} called on {other} to release the detained journalists before the summit next month.",
    "The government of {country} said it would send food and medicine to the flooded provinces.",
)


def long_article(size: int) -> str:
    """Paragraphs of our own news sentences, with changing countries, until ``size`` characters."""
    paragraphs: list[str] = []
    total, n = 0, 0
    while total < size:
        a, b = COUNTRIES[n % len(COUNTRIES)], COUNTRIES[(n * 3 + 1) % len(COUNTRIES)]
        b = b if b != a else COUNTRIES[(n + 1) % len(COUNTRIES)]
        paragraph = " ".join(t.format(country=a[0], adj=a[1], capital=a[2], other=b[0]) for t in TEMPLATES)
        paragraphs.append(paragraph)
        total, n = total + len(paragraph) + 2, n + 1
    return "\n\n".join(paragraphs)


def test_five_megabyte_article_is_read_whole_and_cut_for_spacy(tmp_path, nlp):
    from eventwire.io.readers import iter_articles
    from eventwire.segments import segments

    path = tmp_path / "long.txt"
    path.write_text(long_article(5_000_000), encoding="utf-8")
    [article] = [a for a in iter_articles([path]) if isinstance(a, Article)]
    assert len(article.text) >= 5_000_000
    pieces = segments(article.text)
    assert all(len(p.text) < nlp.max_length for p in pieces)
    assert all(article.text[p.start:p.start + len(p.text)] == p.text for p in pieces)
    assert sum(len(p.text) for p in pieces) == len(article.text) - article.text.count("\n\n") * 2


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("EVENTWIRE_SLOW_TESTS"),
                    reason="codes 5 MB (about 3 minutes on 2 cores); set EVENTWIRE_SLOW_TESTS=1 to run")
def test_five_megabyte_article_is_coded(tmp_path, nlp):
    path = tmp_path / "long.txt"
    text = long_article(5_000_000)
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    run = cli("code", path, "--date", "2024-01-01", "--max-chars", 6_000_000)
    seconds = time.perf_counter() - started
    events = run.jsonl()
    assert run.code == 0, run.err
    assert max(e["span"][0] for e in events) > len(text) - 1000  # coded to the end, not cut off
    assert len(events) >= text.count("\n\n")  # every paragraph reports events
    assert seconds < 600


# -- the other commands ---------------------------------------------------------------------

def test_actors_resolve(tmp_path, nlp):
    cases = tmp_path / "cases.jsonl"
    lines = [
        {"id": 1, "text": "the Kenyan interior minister", "date": "2024-07-10"},
        {"id": "troops", "text": "Egyptian troops"},
        "not json",
        {"id": "no-text"},
        {"id": "bad-date", "text": "Polish police", "date": "next Tuesday-ish"},
        {"id": "un", "text": "the United Nations", "context": ""},
        {"id": "ctx", "text": "the minister", "context": "Japanese Foreign Minister Aiko Tanabe arrived in Delhi."},
        {"id": "nothing", "text": "the weather"},
    ]
    cases.write_text("\n".join(c if isinstance(c, str) else json.dumps(c) for c in lines) + "\n", encoding="utf-8")
    run = cli("actors", "resolve", cases)
    records = run.jsonl()
    assert run.code == 1
    for line in (3, 4, 5):
        assert f"{cases}:{line}: " in run.err
    assert [r["id"] for r in records] == [1, "troops", "un", "ctx", "nothing"]
    assert all(set(r) == {"id", "code", "country", "sector", "name"} for r in records)
    by_id = {r["id"]: r for r in records}
    assert (by_id[1]["country"], by_id[1]["sector"]) == ("KEN", "GOV")
    assert (by_id["troops"]["country"], by_id["troops"]["sector"]) == ("EGY", "MIL")
    assert by_id["un"]["code"].startswith("IGO")
    assert (by_id["ctx"]["country"], by_id["ctx"]["sector"]) == ("JPN", "GOV")
    assert by_id["nothing"]["code"] is None


def test_actors_resolve_missing_file(tmp_path):
    run = cli("actors", "resolve", tmp_path / "none.jsonl")
    assert run.code == 2 and "none.jsonl" in run.err and run.out == ""


def test_eval_scores_a_system_file_by_hand():
    # Hand count in tests/test_evaluation.py: exact 2 of 6 system / 4 gold, country_root 4.
    run = cli("eval", DATA / "eval_gold_tiny.jsonl", "--system", DATA / "eval_system_tiny.jsonl", "--json")
    result = json.loads(run.out)
    assert run.code == 0
    assert (result["records"], result["gold_events"], result["system_events"]) == (4, 4, 6)
    assert result["exact"] == {"matched": 2, "precision": 0.3333, "recall": 0.5, "f1": 0.4}
    assert result["country_root"] == {"matched": 4, "precision": 0.6667, "recall": 1.0, "f1": 0.8}
    assert result["noevent_false_positives"] == 1


def test_eval_codes_the_gold_texts(tmp_path, nlp):
    from eventwire.evaluation import GoldRecord, evaluate, read_gold, read_system

    system_out = tmp_path / "system.jsonl"
    run = cli("eval", DATA / "eval_gold_tiny.jsonl", "--worst", "2", "--system-out", system_out)
    assert run.code == 0, run.err
    for heading in ("level", "exact", "country_root", "root", "CAMEO roots, gold (rows) x system (columns)",
                    "false positives on no-event records", "total"):
        assert heading in run.out
    written, rejects = read_system(system_out)
    assert not rejects and written  # the coder found events in the tiny gold's texts
    assert set(written) <= {"tiny_visit", "tiny_shelling", "tiny_intent", "tiny_weather"}  # unscored not coded
    gold = [r for r in read_gold(DATA / "eval_gold_tiny.jsonl") if isinstance(r, GoldRecord)]
    expected = evaluate(gold, written)
    as_json = json.loads(cli("eval", DATA / "eval_gold_tiny.jsonl", "--json", "--worst", "0").out)
    for level in ("exact", "country_root", "root"):
        assert as_json[level] == expected.levels[level].to_dict()
    assert as_json["system_events"] == expected.system_events


def test_eval_reports_bad_gold_lines(tmp_path, nlp):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "g1", "text": "Canadian police arrested two protesters in Ottawa.", "events": '
                    '[{"source": "CANCOP", "target": "CANOPP", "code": "173"}]}\n{broken\n', encoding="utf-8")
    run = cli("eval", gold, "--json")
    assert run.code == 1
    assert f"{gold}:2: not valid JSON" in run.err
    assert json.loads(run.out)["records"] == 1


def test_actors_resolve_reads_stdin(nlp):
    run = cli("actors", "resolve", "-", stdin=b'{"id": "s1", "text": "Brazilian police", "date": "2024-01-01"}\n')
    assert run.code == 0, run.err
    assert [(r["id"], r["country"], r["sector"]) for r in run.jsonl()] == [("s1", "BRA", "COP")]


# -- inputs (issues 12 and 13) --------------------------------------------------------------

ATTACK = "Russia attacked Ukraine."
NOISE = {  # issue 13, point 24: each of these reduced the sentence to no event
    "zero-width space": "Rus\u200bsia atta\u200bcked Ukr\u200baine.",
    "fullwidth letters": "\uff32\uff55\uff53\uff53\uff49\uff41 attacked \uff35\uff4b\uff52\uff41\uff49\uff4e\uff45.",
    "Cyrillic look-alikes": "Russi\u0430 \u0430tt\u0430cked Ukr\u0430ine.",
    "combining marks": "Ru\u0301ssia atta\u0308cked Ukrai\u0300ne.",
    "right-to-left override": "\u202eRussia attacked Ukraine.\u202c",
    "all at once": "\u202e\uff32us\u200bsi\u0430 att\u0430\u0301cked Ukr\u200b\u0430ine.\u202c",
}


@pytest.mark.parametrize("kind", list(NOISE))
def test_unicode_noise_does_not_hide_the_event_and_spans_stay_in_the_original(tmp_path, nlp, kind):
    text = "Headline\n\nOfficials said on Monday that " + NOISE[kind] + " Kyiv said it would fight back.\n"
    path = tmp_path / "noisy.jsonl"
    path.write_text(json.dumps({"id": "n", "text": text, "date": "2022-02-24"}) + "\n", encoding="utf-8")
    run = cli("code", path)
    assert run.code == 0, run.err
    attacks = [e for e in run.jsonl() if (e["source"], e["target"], e["cameo"][:2]) == ("RUS", "UKR", "19")]
    assert attacks, [(e["source"], e["target"], e["cameo"]) for e in run.jsonl()]
    for event in attacks:
        start, end = event["span"]
        assert text[start:end] == event["trigger"]  # the original characters, noise and all
        assert "cked" in event["trigger"] and event["text"] in text
    documents = cli("code", path, "--records", "documents").jsonl()
    assert documents[0]["text"] == text  # the original is stored, not the normalised form


def test_clean_text_is_coded_as_before_normalising(nlp):
    from eventwire.io.normalise import for_parsing

    text = KENYA.read_text(encoding="utf-8")
    assert not for_parsing(text).changed
    assert not for_parsing("Caf\u00e9 owners in Baku \u201cprotested\u201d.").changed


def test_html_pages_are_coded_without_their_boilerplate(tmp_path, nlp):
    from test_readers import BOILERPLATE_PAGE

    page = tmp_path / "kharkiv.html"
    page.write_text(BOILERPLATE_PAGE, encoding="utf-8")
    run = cli("code", page)
    assert run.code == 0, run.err
    events = run.jsonl()
    countries = {(e["source_actor"] or {}).get("country") for e in events} | \
        {(e["target_actor"] or {}).get("country") for e in events}
    assert "RUS" in countries or "UKR" in countries
    assert not countries & {"FRA", "DEU", "JPN", "CHN", "PER", "BRA", "ARG"}, countries  # nav, sidebar, footer
    [document] = cli("code", page, "--records", "documents").jsonl()
    assert document["date"] == "2022-02-24" and document["title"] == "Russian troops attack Kharkiv"
    assert document["url"] == "https://planet.example/world/2022/02/24/kharkiv"
    for event in events:  # offsets point into the text that was coded (and stored)
        assert document["text"][event["span"][0]:event["span"][1]] == event["trigger"]
    assert any(e["date"] == "2022-02-24" for e in events)  # "on Thursday" against the page's own date


@pytest.mark.parametrize("name", ["table.csv", "letter.docx"])
def test_unknown_extensions_are_refused_with_a_non_zero_exit(tmp_path, name):
    path = tmp_path / name
    path.write_text("Kenyan police arrested dozens of protesters in Nairobi.", encoding="utf-8")
    run = cli("code", path, KENYA)
    assert run.code == 1 and f"{path}: unsupported file type" in run.err
    assert {e["doc_id"] for e in run.jsonl()} == {"kenya-nairobi-protests"}


def test_text_dates_in_the_python_api_are_checked():
    from eventwire import code_text

    with pytest.raises(TypeError, match="yesterday"):
        Article(id="a", text="Russia attacked Ukraine.", date="yesterday")
    with pytest.raises(ValueError, match="yesterday"):
        code_text("Russia attacked Ukraine.", date="yesterday")


def test_an_unusable_date_is_reported_with_file_and_line(tmp_path, nlp):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Kenyan police arrested protesters on Tuesday.", "date": "soon"})
                    + "\n" + json.dumps({"id": "b", "text": "Kenyan police arrested protesters on Tuesday.",
                                          "date": 1720569600}) + "\n", encoding="utf-8")
    run = cli("code", path, "--records", "documents")
    assert f"{path}:1: date 'soon' is not a date we can read" in run.err
    assert {d["doc_id"]: d["date"] for d in run.jsonl()} == {"a": None, "b": "2024-07-10"}


NESTED = '{"id": "deep", "text": "x", "meta": ' + "[" * 1000 + "]" * 1000 + "}"


def test_deeply_nested_json_is_a_named_line_in_code_actors_and_eval(tmp_path, nlp):
    articles = tmp_path / "a.jsonl"
    articles.write_text(json.dumps({"id": "a", "text": "Kenyan police arrested protesters."}) + "\n" + NESTED + "\n"
                        + json.dumps({"id": "b", "text": "Egyptian troops shelled Sinai."}) + "\n", encoding="utf-8")
    run = cli("code", articles, "--records", "documents")
    assert run.code == 1 and f"{articles}:2: JSON nested too deeply" in run.err
    assert [d["doc_id"] for d in run.jsonl()] == ["a", "b"]
    cases = tmp_path / "cases.jsonl"
    cases.write_text(NESTED + "\n" + json.dumps({"id": 1, "text": "Egyptian troops"}) + "\n", encoding="utf-8")
    run = cli("actors", "resolve", cases)
    assert run.code == 1 and f"{cases}:1: JSON nested too deeply" in run.err and len(run.jsonl()) == 1
    run = cli("eval", cases, "--json")
    assert run.code == 1 and f"{cases}:1: JSON nested too deeply" in run.err
    run = cli("eval", DATA / "eval_gold_tiny.jsonl", "--system", cases, "--json")
    assert run.code == 1 and f"{cases}:1: JSON nested too deeply" in run.err


def test_reused_doc_ids_with_another_text_fail_the_run(tmp_path, nlp):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "Kenyan police arrested protesters."}) + "\n"
                    + json.dumps({"id": "1", "text": "Egyptian troops shelled Sinai."}) + "\n", encoding="utf-8")
    run = cli("code", path, "--records", "documents")
    assert run.code == 1 and f"{path}:2: doc_id '1' already used by {path}:1 for a different text" in run.err
    assert [d["doc_id"] for d in run.jsonl()] == ["1"]


def test_truncated_warc_fails_the_run_naming_the_record(tmp_path, nlp):
    from test_readers import pages, record_extent, write_warc

    whole = write_warc(tmp_path / "w.warc.gz", pages(10), gz=True)
    start, length = record_extent(whole, 6)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: start + length // 2])
    run = cli("code", cut, "--records", "documents")
    assert run.code == 1 and f"{cut}:6: WARC record 6" in run.err and "cut short" in run.err
    assert len(run.jsonl()) == 5


def test_code_has_the_ingest_length_cap(tmp_path, nlp):
    path = tmp_path / "long.txt"
    path.write_text(long_article(250_000), encoding="utf-8")
    run = cli("code", path, "--records", "documents")
    assert run.code == 1 and f"{path}: article 'long' too long" in run.err and run.out == ""
    allowed = cli("code", path, "--records", "documents", "--max-chars", 300_000)
    assert allowed.code == 0 and len(allowed.jsonl()) == 1


@pytest.mark.timeout(120)
def test_code_skips_a_fifo_in_a_folder(tmp_path, nlp):
    (tmp_path / "good.txt").write_bytes(KENYA.read_bytes())
    os.mkfifo(tmp_path / "pipe.txt")
    run = cli("code", tmp_path, "--records", "documents")
    assert run.code == 1 and "pipe.txt: a named pipe (FIFO), not a file; skipped" in run.err
    assert [d["doc_id"] for d in run.jsonl()] == ["good"]


def test_an_empty_jsonl_is_reported(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("")
    run = cli("code", path)
    assert run.code == 1 and f"{path}: empty file: no articles" in run.err


def test_eval_rejects_gold_lines_with_wrong_field_types(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": {"nested": 1}, "text": "Russia attacked Ukraine.", "events": []}\n'
                    '{"id": Infinity, "text": "Russia attacked Ukraine.", "events": []}\n', encoding="utf-8")
    run = cli("eval", gold, "--system", DATA / "eval_system_tiny.jsonl", "--json")
    assert run.code == 1
    assert f"{gold}:1: 'id' must be a string or an integer, not an object" in run.err
    assert f"{gold}:2: 'id' must be a string or an integer, not a non-finite number" in run.err
