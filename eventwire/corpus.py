"""Our annotated real-news corpus: labels stored as offsets into articles of ``../shared/corpus``.

The repository keeps only what we wrote (document ids, character offsets, codes); the text is
read from the shared corpus files whenever the corpus is used, and a fingerprint of every
sentence catches a shared file that changed under the labels. Conventions: docs/annotation.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.evaluation import GoldEvent, GoldRecord
from eventwire.io.readers import parse_date

MODALITIES = ("asserted", "future", "hypothetical", "negated", "reported")
# Modalities the scorer keeps in gold: what an analyst counts as an event record.
SCORED_MODALITIES = frozenset({"asserted", "future", "hypothetical", "reported"})
CORPUS_FILES = {"wikinews": "wikinews_2019_2020.jsonl", "ecbplus": "ecbplus.jsonl"}
TEST_SHARE = 25  # percent of stories held out as the test part
DEFAULT_ANNOTATIONS = Path(__file__).resolve().parent.parent / "corpus" / "annotations"
DEFAULT_WRITTEN = Path(__file__).resolve().parent.parent / "corpus" / "written"
# Hard cases a written sentence can be tagged with, so that scores can be broken down by them.
WRITTEN_TAGS = frozenset({"frame", "passive", "nominal", "negation", "quote", "headline", "idiom",
                          "non-event", "conditional", "coordination", "pronoun"})
ACTOR_CODE = re.compile(r"^(---|[A-Z]{3})([A-Z]{3})*$")


class CorpusError(ValueError):
    """A label that cannot be trusted: names the annotation file and line."""


@dataclass(frozen=True, slots=True)
class LabelledActor:
    code: str | None
    span: tuple[int, int] | None  # article offsets; None for an implicit actor


@dataclass(frozen=True, slots=True)
class LabelledEvent:
    code: str
    trigger: tuple[int, int]
    source: LabelledActor
    target: LabelledActor | None
    modality: str = "asserted"


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    doc: str
    sent: int
    span: tuple[int, int]
    fingerprint: str
    events: tuple[LabelledEvent, ...] = ()
    batch: str = ""

    @property
    def key(self) -> str:
        return f"{self.doc}#{self.sent}"


@dataclass(frozen=True, slots=True)
class WrittenSentence:
    """A sentence we wrote ourselves (corpus/written): its text is ours, so it is stored with it."""

    id: str
    text: str
    tags: tuple[str, ...] = ()
    events: tuple[LabelledEvent, ...] = ()


@dataclass(slots=True)
class SharedArticle:
    id: str
    text: str
    date: Any = None
    title: str | None = None
    topic: str | None = None


@dataclass(slots=True)
class Corpus:
    """The labelled sentences with the articles they come from, one split or all."""

    sentences: list[LabelledSentence]
    articles: dict[str, SharedArticle] = field(default_factory=dict)

    def documents(self) -> list[str]:
        return sorted({s.doc for s in self.sentences})

    def split(self, part: str) -> Corpus:
        if part == "all":
            return self
        keep = [s for s in self.sentences if split_of(s.doc, self.articles.get(s.doc)) == part]
        return Corpus(keep, {d: a for d, a in self.articles.items() if any(s.doc == d for s in keep)})

    def gold_records(self) -> list[GoldRecord]:
        """One gold record a sentence, negated events left out (docs/annotation.md, Modality)."""
        records = []
        for sentence in self.sentences:
            article = self.articles[sentence.doc]
            events = tuple(
                GoldEvent(e.source.code, e.target.code if e.target else None, e.code, trigger=e.trigger)
                for e in sentence.events if e.modality in SCORED_MODALITIES
            )
            start, end = sentence.span
            records.append(GoldRecord(id=sentence.key, text=article.text[start:end], date=article.date,
                                      events=events, expect="events" if events else "noevents"))
        return records


def fingerprint(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def story_of(doc_id: str, article: SharedArticle | None = None) -> str:
    """ECB+ articles of one topic tell one story; keeping them on one side stops leakage into test."""
    if doc_id.startswith("ecbplus:"):
        topic = article.topic if article and article.topic else doc_id.split(":", 1)[1].split("_", 1)[0]
        return f"ecbplus-topic:{topic}"
    return doc_id


def split_of(doc_id: str, article: SharedArticle | None = None) -> str:
    digest = hashlib.sha1(story_of(doc_id, article).encode("utf-8")).digest()
    return "test" if digest[0] * 100 // 256 < TEST_SHARE else "dev"


def shared_dir(explicit: str | os.PathLike | None = None) -> Path | None:
    """Where ../shared is: the argument, $EVENTWIRE_SHARED, or ../shared beside the checkout or cwd."""
    candidates = [explicit, os.environ.get("EVENTWIRE_SHARED"),
                  Path(__file__).resolve().parent.parent.parent / "shared", Path.cwd().parent / "shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "corpus").is_dir():
            return Path(candidate)
    return None


def read_shared_articles(shared: Path, wanted: Iterable[str] | None = None) -> dict[str, SharedArticle]:
    wanted_set = set(wanted) if wanted is not None else None
    articles: dict[str, SharedArticle] = {}
    for prefix, name in CORPUS_FILES.items():
        if wanted_set is not None and not any(w.startswith(prefix + ":") for w in wanted_set):
            continue
        with open(shared / "corpus" / name, encoding="utf-8") as stream:
            for line in stream:
                row = json.loads(line)
                if wanted_set is None or row["id"] in wanted_set:
                    articles[row["id"]] = SharedArticle(
                        id=row["id"], text=row["text"], date=parse_date(row.get("date")),
                        title=row.get("title"), topic=row.get("topic"))
    return articles


def annotation_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.jsonl"))


def read_labels(folder: Path = DEFAULT_ANNOTATIONS) -> list[LabelledSentence]:
    sentences = []
    for path in annotation_files(folder):
        with open(path, encoding="utf-8") as stream:
            for number, line in enumerate(stream, 1):
                if line.strip():
                    sentences.append(_parse_label_line(line, path, number))
    _check_unique(sentences)
    return sentences


def _parse_label_line(line: str, path: Path, number: int) -> LabelledSentence:
    try:
        row = json.loads(line)
        return LabelledSentence(
            doc=row["doc"], sent=int(row["sent"]), span=_span(row["span"]), fingerprint=row["fp"],
            events=tuple(_parse_event(e) for e in row.get("events", ())), batch=row.get("batch", ""))
    except (ValueError, KeyError, TypeError) as exc:
        raise CorpusError(f"{path}:{number}: not a labelled sentence: {exc}") from exc


def _parse_event(row: Mapping[str, Any]) -> LabelledEvent:
    modality = row.get("modality", "asserted")
    if modality not in MODALITIES:
        raise ValueError(f"unknown modality {modality!r}")
    target = row.get("target")
    return LabelledEvent(code=str(row["code"]), trigger=_span(row["trigger"]), source=_actor(row.get("source")),
                         target=_actor(target) if target else None, modality=modality)


def _actor(row: Mapping[str, Any] | None) -> LabelledActor:
    row = row or {}
    span = row.get("span")
    return LabelledActor(code=row.get("code") or None, span=_span(span) if span else None)


def _span(value: Any) -> tuple[int, int]:
    start, end = (int(v) for v in value)
    if not 0 <= start < end:
        raise ValueError(f"bad span {value!r}")
    return start, end


def _check_unique(sentences: list[LabelledSentence]) -> None:
    seen: dict[str, str] = {}
    for sentence in sentences:
        if sentence.key in seen:
            raise CorpusError(f"{sentence.key} is labelled twice (batches {seen[sentence.key]} and {sentence.batch})")
        seen[sentence.key] = sentence.batch


def load_corpus(folder: Path = DEFAULT_ANNOTATIONS, shared: str | os.PathLike | None = None) -> Corpus:
    """Labels joined to their shared texts; raises CorpusError when a text no longer fits its labels."""
    where = shared_dir(shared)
    if where is None:
        raise FileNotFoundError("the shared corpus (../shared/corpus) is not here; set EVENTWIRE_SHARED")
    sentences = read_labels(folder)
    articles = read_shared_articles(where, {s.doc for s in sentences})
    for sentence in sentences:
        _check_against_text(sentence, articles)
    return Corpus(sentences, articles)


def _check_against_text(sentence: LabelledSentence, articles: Mapping[str, SharedArticle]) -> None:
    article = articles.get(sentence.doc)
    if article is None:
        raise CorpusError(f"{sentence.key}: no article {sentence.doc!r} in the shared corpus")
    start, end = sentence.span
    if fingerprint(article.text[start:end]) != sentence.fingerprint:
        raise CorpusError(f"{sentence.key}: the shared text changed under the label (fingerprint differs)")


def sentence_of(offset: int, spans: list[tuple[int, tuple[int, int]]]) -> int | None:
    """The labelled sentence an article offset falls in (spans sorted by start), or None."""
    lo, hi = 0, len(spans) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        sent, (start, end) = spans[mid]
        if offset < start:
            hi = mid - 1
        elif offset >= end:
            lo = mid + 1
        else:
            return sent
    return None


def assign_to_sentences(corpus: Corpus, events: Iterable[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """System events keyed by the labelled sentence their trigger starts in (segmenters may differ)."""
    spans: dict[str, list[tuple[int, tuple[int, int]]]] = {}
    for sentence in corpus.sentences:
        spans.setdefault(sentence.doc, []).append((sentence.sent, sentence.span))
    for doc_spans in spans.values():
        doc_spans.sort(key=lambda item: item[1][0])
    keyed: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        doc_spans = spans.get(event.get("doc_id"))
        span = event.get("span")
        if not doc_spans or not span:
            continue
        sent = sentence_of(int(span[0]), doc_spans)
        if sent is not None:
            keyed.setdefault(f"{event['doc_id']}#{sent}", []).append(dict(event))
    return keyed


def iter_label_rows(sentences: Iterable[LabelledSentence]) -> Iterator[dict[str, Any]]:
    """The JSON Lines form of labels, as compile writes them."""
    for s in sentences:
        yield {"doc": s.doc, "sent": s.sent, "span": list(s.span), "fp": s.fingerprint, "batch": s.batch,
               "events": [_event_row(e) for e in s.events]}


def _event_row(event: LabelledEvent) -> dict[str, Any]:
    def actor(a: LabelledActor | None) -> dict[str, Any] | None:
        return None if a is None else {"code": a.code, "span": list(a.span) if a.span else None}
    return {"code": event.code, "trigger": list(event.trigger), "source": actor(event.source),
            "target": actor(event.target), "modality": event.modality}


# -- sentences we wrote ourselves (corpus/written) -------------------------------------------

def is_actor_code(code: str) -> bool:
    """A CAMEO actor code: country or '---' followed by 3-letter sectors, or any IGO code."""
    return bool(ACTOR_CODE.match(code)) or code.startswith("IGO")


def read_written(folder: Path = DEFAULT_WRITTEN) -> list[WrittenSentence]:
    """Every written sentence of the folder's JSONL files; CorpusError names file and line of a bad one."""
    from eventwire.ontology import load_ontology

    ontology = load_ontology()
    sentences: list[WrittenSentence] = []
    seen: dict[str, str] = {}
    for path in annotation_files(Path(folder)):
        with open(path, encoding="utf-8") as stream:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                sentence = _parse_written_line(line, where, ontology)
                if sentence.id in seen:
                    raise CorpusError(f"{where}: id {sentence.id!r} is already used at {seen[sentence.id]}")
                seen[sentence.id] = where
                sentences.append(sentence)
    return sentences


def _parse_written_line(line: str, where: str, ontology: Any) -> WrittenSentence:
    try:
        row = json.loads(line)
        sentence = WrittenSentence(
            id=_nonempty(row["id"], "id"), text=_nonempty(row["text"], "text"),
            tags=tuple(row.get("tags") or ()), events=tuple(_parse_event(e) for e in row["events"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise CorpusError(f"{where}: not a written sentence: {exc}") from exc
    problem = _written_problem(sentence, ontology)
    if problem:
        raise CorpusError(f"{where}: {sentence.id}: {problem}")
    return sentence


def _nonempty(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string")
    return value


def _written_problem(sentence: WrittenSentence, ontology: Any) -> str | None:
    """What is wrong with a parsed written sentence (tags, codes, spans outside the text), or None."""
    unknown = [t for t in sentence.tags if t not in WRITTEN_TAGS]
    if unknown:
        return f"unknown tags {unknown} (known: {', '.join(sorted(WRITTEN_TAGS))})"
    length = len(sentence.text)
    for event in sentence.events:
        if not ontology.is_code(event.code):
            return f"{event.code!r} is not a CAMEO code"
        spans = [("trigger", event.trigger), ("source", event.source.span),
                 ("target", event.target.span if event.target else None)]
        for name, span in spans:
            if span is not None and span[1] > length:
                return f"{name} span {list(span)} runs past the text ({length} characters)"
        for name, actor in (("source", event.source), ("target", event.target)):
            if actor is not None and actor.code is not None and not is_actor_code(actor.code):
                return f"{name} {actor.code!r} is not a CAMEO actor code"
    return None


def written_row(sentence: WrittenSentence) -> dict[str, Any]:
    """The JSON Lines form of a written sentence, as compile-written writes it."""
    row: dict[str, Any] = {"id": sentence.id, "text": sentence.text}
    if sentence.tags:
        row["tags"] = list(sentence.tags)
    row["events"] = [_event_row(e) for e in sentence.events]
    return row
