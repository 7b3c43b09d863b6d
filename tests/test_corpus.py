"""Our annotated corpus: labels as offsets, the story-level split, the draft compiler, the scoring
breakdowns of `eventwire eval --corpus`. The parts that need ../shared skip without it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.corpus import (
    DEFAULT_ANNOTATIONS,
    Corpus,
    CorpusError,
    LabelledActor,
    LabelledEvent,
    LabelledSentence,
    SharedArticle,
    assign_to_sentences,
    fingerprint,
    load_corpus,
    read_labels,
    sentence_of,
    shared_dir,
    split_of,
    story_of,
)
from eventwire.evaluation import (
    GoldEvent,
    GoldRecord,
    evaluate,
    per_root_scores,
    trigger_agreement,
    worst_documents,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import annotate  # noqa: E402

TEXT = "Chile protested. Peru and Chile signed a deal on Monday. Nothing happened."


def _corpus() -> Corpus:
    article = SharedArticle(id="wikinews:x", text=TEXT)
    spans = [(0, 16), (17, 56), (57, 74)]
    deal = (LabelledEvent("057", (32, 38), LabelledActor("PER", (17, 21)), LabelledActor("CHL", (26, 31))),
            LabelledEvent("057", (32, 38), LabelledActor("CHL", (26, 31)), LabelledActor("PER", (17, 21))))
    sentences = [
        LabelledSentence("wikinews:x", 0, spans[0], fingerprint(TEXT[0:16]),
                         (LabelledEvent("140", (6, 15), LabelledActor("CHL", (0, 5)), None, "negated"),)),
        LabelledSentence("wikinews:x", 1, spans[1], fingerprint(TEXT[17:56]), deal),
        LabelledSentence("wikinews:x", 2, spans[2], fingerprint(TEXT[57:74])),
    ]
    return Corpus(sentences, {"wikinews:x": article})


def test_negated_gold_is_left_out_and_empty_sentences_are_no_event_records() -> None:
    records = {r.id: r for r in _corpus().gold_records()}
    assert records["wikinews:x#0"].expect == "noevents"
    assert records["wikinews:x#1"].text == TEXT[17:56] and len(records["wikinews:x#1"].events) == 2
    assert records["wikinews:x#2"].expect == "noevents"


def test_system_events_go_to_the_sentence_their_trigger_starts_in() -> None:
    events = [{"doc_id": "wikinews:x", "span": [32, 38], "cameo": "057"},
              {"doc_id": "wikinews:x", "span": [60, 64], "cameo": "010"},
              {"doc_id": "other", "span": [0, 3], "cameo": "010"}]
    keyed = assign_to_sentences(_corpus(), events)
    assert set(keyed) == {"wikinews:x#1", "wikinews:x#2"}
    assert sentence_of(16, [(0, (0, 16)), (1, (17, 56))]) is None  # the space between sentences


def test_breakdowns_per_root_trigger_and_documents() -> None:
    corpus = _corpus()
    system = assign_to_sentences(corpus, [
        {"doc_id": "wikinews:x", "span": [32, 38], "source": "PER", "target": "CHL", "cameo": "057"},
        {"doc_id": "wikinews:x", "span": [17, 21], "source": "CHL", "target": "PER", "cameo": "057"},
        {"doc_id": "wikinews:x", "span": [60, 64], "source": "CHL", "target": None, "cameo": "010"},
    ])
    evaluation = evaluate(corpus.gold_records(), system)
    roots = per_root_scores(evaluation)
    assert (roots["05"].gold, roots["05"].system, roots["05"].matched) == (2, 2, 2)
    assert (roots["01"].gold, roots["01"].system, roots["01"].matched) == (0, 1, 0)
    assert trigger_agreement(evaluation) == (1, 2)  # the second event's span is the source, not the trigger
    assert worst_documents(evaluation, 5) == [("wikinews:x", 1, 2, 3)]
    assert evaluation.noevent_records_with_events == 1


def test_split_is_by_story_and_stable() -> None:
    assert story_of("ecbplus:12_13ecb.xml") == story_of("ecbplus:12_4ecbplus.xml") == "ecbplus-topic:12"
    assert split_of("ecbplus:12_13ecb.xml") == split_of("ecbplus:12_4ecbplus.xml")
    parts = [split_of(f"wikinews:article_{n}") for n in range(400)]
    assert 0.15 < parts.count("test") / len(parts) < 0.35
    assert parts == [split_of(f"wikinews:article_{n}") for n in range(400)]


def test_a_bad_label_line_names_file_and_line(tmp_path: Path) -> None:
    good = {"doc": "wikinews:x", "sent": 0, "span": [0, 16], "fp": "abc", "events": []}
    (tmp_path / "a.jsonl").write_text(json.dumps(good) + "\n" + json.dumps({**good, "span": [5, 2]}) + "\n")
    with pytest.raises(CorpusError, match=r"a\.jsonl:2"):
        read_labels(tmp_path)
    (tmp_path / "a.jsonl").write_text(json.dumps(good) + "\n")
    (tmp_path / "b.jsonl").write_text(json.dumps(good) + "\n")
    with pytest.raises(CorpusError, match="labelled twice"):
        read_labels(tmp_path)


def test_draft_phrases_become_offsets_and_bad_drafts_are_refused(tmp_path: Path) -> None:
    assert annotate.locate("he@2", "he said he would", "x") == (8, 10)
    assert annotate.locate("Chile", "Peru and Chile", "x") == (9, 14)
    with pytest.raises(annotate.DraftError, match="not in the sentence"):
        annotate.locate("Chil", "Peru and Chile", "draft:3")
    draft = tmp_path / "d.txt"
    draft.write_text("# doc wikinews:x\n1 | 057 | signed | Peru = PER\n# end\n")
    with pytest.raises(annotate.DraftError, match=r"d\.txt:2"):
        annotate.parse_draft(draft)
    draft.write_text("# doc wikinews:x\n1 | 057 | signed | Peru = PER | - | asserted\n")
    with pytest.raises(annotate.DraftError, match="no '# end'"):
        annotate.parse_draft(draft)
    with pytest.raises(annotate.DraftError, match="actor code"):
        annotate.parse_actor("Peru = peru", "Peru", "x", 0)


# -- the repository's own annotations, against the shared texts ------------------------------

def _shared_or_skip() -> Path:
    where = shared_dir()
    if where is None:
        pytest.skip("../shared (the corpus texts) is absent")
    return where


def test_every_label_still_fits_its_shared_text_and_articles_are_whole() -> None:
    _shared_or_skip()
    if not any(DEFAULT_ANNOTATIONS.glob("*.jsonl")):
        pytest.skip("no annotations in this checkout")
    corpus = load_corpus()
    by_doc: dict[str, list[int]] = {}
    for sentence in corpus.sentences:
        by_doc.setdefault(sentence.doc, []).append(sentence.sent)
        for event in sentence.events:
            start, end = sentence.span
            assert start <= event.trigger[0] < event.trigger[1] <= end, sentence.key
    for doc, numbers in by_doc.items():
        assert sorted(numbers) == list(range(len(numbers))), f"{doc} is not labelled whole"
    assert {split_of(d, corpus.articles[d]) for d in by_doc} == {"dev", "test"}


def test_eval_corpus_through_the_cli(tmp_path: Path) -> None:
    _shared_or_skip()
    article = json.loads(next(line for line in open(shared_dir() / "corpus" / "ecbplus.jsonl")
                              if '"ecbplus:12_13ecb.xml"' in line))
    text = article["text"]
    start = 0
    end = text.index(".", text.index("Defence Ministry")) + 1
    trigger = text.index("captured")
    source = text.index("The Indian navy")
    row = {"doc": article["id"], "sent": 0, "span": [start, end], "fp": fingerprint(text[start:end]),
           "events": [{"code": "173", "trigger": [trigger, trigger + 8],
                       "source": {"code": "INDMIL", "span": [source, source + 15]}, "target": None}]}
    (tmp_path / "one.jsonl").write_text(json.dumps(row) + "\n")
    script = "import sys; from eventwire.cli import main; sys.exit(main(sys.argv[1:]))"
    result = subprocess.run([sys.executable, "-c", script, "eval", "--corpus", str(tmp_path),
                             "--split", "all", "--json"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["records"] == 1 and report["gold_events"] == 1
    assert report["country_root"]["recall"] == 1.0


def test_gold_records_from_a_gold_file_still_carry_no_trigger() -> None:
    record = GoldRecord(id="a", text="x", events=(GoldEvent("USA", None, "040"),))
    assert record.events[0].trigger is None
