"""The Coder: article → records. The only place that wires the stages together.

Like a spaCy pipeline, coding is a list of named stages read from a config; each stage gets
the state of one parsed piece of an article and adds its records. The spaCy model and all
tables are loaded once, when the Coder is built.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import sys
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.budget import Budget, Meter, OverBudget
from eventwire.events import EventMatcher, load_lexicon
from eventwire.events.discourse import fill_targets_from_earlier_events
from eventwire.events.filters import drop_partnerless
from eventwire.events.mentions import MentionIndex
from eventwire.events.model.stage import EVENT_POLICIES
from eventwire.io.casing import Vocabulary, base_forms, sentence_case
from eventwire.io.normalise import ParseText, for_parsing, restore_offsets
from eventwire.model import ActorMention, Article, CodedDocument, Event, Place, Quote
from eventwire.nlp import load_pipeline
from eventwire.ontology import Ontology, load_ontology
from eventwire.segments import Segment, segments

logger = logging.getLogger("eventwire")
DEFAULT_STAGES = ("actors", "events", "quotes", "places", "dates", "codes", "confidence")
#: Columns of the DataFrames (those of Event.to_dict, Quote.to_dict, and doc_id + Place), so that an
#: empty result still has them.
EVENT_COLUMNS = ("event_id", "doc_id", "sentence", "source", "target", "cameo", "plover", "plover_mode",
                 "plover_context", "quad_class", "goldstein", "modality", "date", "date_precision", "location",
                 "text", "trigger", "span", "rule", "quote_id", "pairs_capped", "confidence", "source_actor",
                 "target_actor")
QUOTE_COLUMNS = ("quote_id", "doc_id", "sentence", "speaker", "cue", "addressee", "text", "kind", "span")
PLACE_COLUMNS = ("doc_id", *(f.name for f in fields(Place)))


@dataclass(frozen=True)
class CoderConfig:
    """What a Coder runs: config as data, so a run can be described and repeated."""

    model: str | None = None
    stages: tuple[str, ...] = DEFAULT_STAGES
    dictionaries: str | None = None
    dictionaries_mode: Literal["replace", "add"] = "replace"
    batch_size: int = 64
    budget: Budget = field(default_factory=Budget)  # per article; over it, the article is rejected
    events: Literal["lexicon", "model", "hybrid"] = "lexicon"  # hybrid: the model where the lexicon is silent
    event_model: str | None = None  # folder of trained event-model weights (default: the shipped ones)
    sentence_case: bool = True  # read title-case and all-capitals lines in sentence case (eventwire/io/casing.py)


@dataclass
class PieceState:
    """One parsed piece (paragraph) of an article as it moves through the stages."""

    article: Article
    doc: Doc
    offset: int  # of the piece in the article text
    first_sentence: int  # article-level index of the piece's first sentence
    memory: Any  # the article's DocumentMemory, shared by all its pieces
    context: Counter  # countries the article is about so far (for place ranking)
    geography: Counter = field(default_factory=Counter)  # countries of the places the article names
    people_counted: set[str] = field(default_factory=set)  # the people already counted in ``context``
    article_events: list[Event] = field(default_factory=list)  # the events of the article's earlier pieces
    mentions: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[tuple[int, int, Place]] = field(default_factory=list)
    places_read: bool = False  # the places stage found the piece's toponyms while the article was read
    quote_carry: Any = None  # an open quote continued from the previous piece
    meter: Meter | None = None  # the article's account against the budget (stages may check it)

    def check_budget(self, where: str) -> None:
        if self.meter is not None:
            self.meter.check(where)


Stage = Callable[[PieceState], None]


class Coder:
    """Codes articles into events, quotes and places.

    >>> coder = Coder()
    >>> doc = coder.code(Article(id="a1", text="Russia attacked Ukraine.", date=dt.date(2022, 2, 24)))
    """

    def __init__(self, config: CoderConfig | None = None, nlp: Language | None = None) -> None:
        self.config = config or CoderConfig()
        order = stage_order(self.config.stages)
        self.nlp = nlp or load_pipeline(self.config.model)
        self.ontology: Ontology = load_ontology()
        self.resources = Resources(self)
        self.stages: list[tuple[str, Stage]] = [
            (name, STAGE_FACTORIES[name](self.resources)) for name in order
        ]

    def code(self, article: Article) -> CodedDocument:
        return next(iter(self.code_many([article])))

    def code_many(self, articles: Iterable[Article], on_reject: Callable[[Article, str], None] | None = None, *,
                  progress: bool = False) -> Iterator[CodedDocument]:
        """Code a stream of articles, parsing their pieces in batches; yields in input order.

        ``progress`` shows a bar on stderr (or in a notebook), with a total when ``articles`` has a length.
        An article over the budget (``CoderConfig.budget``) raises :class:`OverBudget`, or, with
        ``on_reject``, is passed to it with the reason and skipped, and the stream goes on.
        """
        for result in self._code_batches(articles, isolate=False, progress=progress, on_reject=on_reject):
            assert isinstance(result, CodedDocument)
            yield result

    def code_isolated(self, articles: Iterable[Article], *,
                      progress: bool = False) -> Iterator[CodedDocument | CodingFailure]:
        """Like :meth:`code_many`, but an article whose coding raises comes out as a CodingFailure
        and the others are still coded: one bad article must not lose a whole input."""
        return self._code_batches(articles, isolate=True, progress=progress)

    def dataframes(self, articles: Iterable[Article | str], *, progress: bool = False) -> Frames:
        """Events, quotes and places of ``articles`` as pandas DataFrames, in one call.

        Plain strings are articles too (doc_id = their position). Needs pandas
        (``pip install 'eventwire[pandas]'``).
        """
        try:
            import pandas as pd
        except ImportError as exc:
            raise ImportError("Coder.dataframes needs pandas: pip install 'eventwire[pandas]'") from exc
        events: list[dict[str, Any]] = []
        quotes: list[dict[str, Any]] = []
        places: list[dict[str, Any]] = []
        stream = (a if isinstance(a, Article) else Article(id=str(n), text=a) for n, a in enumerate(articles))
        sized = articles if hasattr(articles, "__len__") else None
        for coded in self.code_many(_Sized(stream, sized), progress=progress):
            events.extend(e.to_dict() for e in coded.events)
            quotes.extend(q.to_dict() for q in coded.quotes)
            places.extend({"doc_id": coded.article.id, **p.to_dict()} for p in coded.places)
        return Frames(
            events=pd.DataFrame(events, columns=list(EVENT_COLUMNS) if not events else None),
            quotes=pd.DataFrame(quotes, columns=list(QUOTE_COLUMNS) if not quotes else None),
            places=pd.DataFrame(places, columns=list(PLACE_COLUMNS) if not places else None),
        )

    def _code_batches(self, articles: Iterable[Article], *, isolate: bool, progress: bool,
                      on_reject: Callable[[Article, str], None] | None = None,
                      ) -> Iterator[CodedDocument | CodingFailure]:
        from tqdm.auto import tqdm

        total = len(articles) if hasattr(articles, "__len__") else None  # type: ignore[arg-type]
        with tqdm(total=total, unit="art", desc="coding", disable=not progress, file=sys.stderr) as bar:
            for batch in chunked(articles, self.config.batch_size):
                for result in self._code_batch(batch, isolate, on_reject):
                    bar.update(1)
                    if result is not None:
                        yield result

    def _code_batch(self, batch: list[Article], isolate: bool, on_reject: Callable[[Article, str], None] | None = None,
                    ) -> Iterator[CodedDocument | CodingFailure | None]:
        texts = [self._in_sentence_case(for_parsing(a.text)) for a in batch]  # offsets map back to the original
        readable = [replace(a, text=t.text) if t.changed else a for a, t in zip(batch, texts)]
        try:
            parsed: list[list[tuple[Segment, Doc]] | None] = list(self._parse(readable))
        except Exception:  # noqa: BLE001 - find the article spaCy fails on, parse the others
            if not isolate:
                raise
            parsed = [None] * len(batch)
        for article, text, readable_article, article_pieces in zip(batch, texts, readable, parsed):
            yield self._code_one(article, readable_article, text, article_pieces, isolate, on_reject)

    def _in_sentence_case(self, text: ParseText) -> ParseText:
        if not self.config.sentence_case:
            return text
        recased = sentence_case(text.text, self.resources.casing_vocabulary())
        if recased == text.text:
            return text
        # the case of letters is all that changed: the same offsets, but marked changed so that the
        # records' text fields are sliced from the original
        return ParseText(recased, text.parsed_at or (0,), text.original_at or (0,))

    def _parse(self, batch: list[Article]) -> list[list[tuple[Segment, Doc]]]:
        pieces = [(n, s) for n, a in enumerate(batch) for s in segments(a.text)]
        docs = self.nlp.pipe((s.text for _, s in pieces), batch_size=self.config.batch_size)
        parsed: list[list[tuple[Segment, Doc]]] = [[] for _ in batch]
        for (n, segment), doc in zip(pieces, docs):
            parsed[n].append((segment, doc))
        return parsed

    def _code_one(self, article: Article, readable: Article, text: Any, pieces: list[tuple[Segment, Doc]] | None,
                  isolate: bool, on_reject: Callable[[Article, str], None] | None = None,
                  ) -> CodedDocument | CodingFailure | None:
        try:
            if pieces is None:
                pieces = self._parse([readable])[0]
            return restore_offsets(self._code_parsed(readable, pieces), article, text)
        except OverBudget as exc:
            if on_reject is not None:
                on_reject(article, exc.reason)
                return None
            if not isolate:
                raise
            return CodingFailure(article, exc)
        except Exception as exc:
            if not isolate:
                raise
            return CodingFailure(article, exc)

    def _code_parsed(self, article: Article, pieces: list[tuple[Segment, Doc]]) -> CodedDocument:
        meter = self.config.budget.start()
        result = CodedDocument(article=article)
        memory = self.resources.new_memory()
        context: Counter = Counter()
        geography: Counter = Counter()
        people_counted: set[str] = set()
        article_events: list[Event] = []
        sentence_index = 0
        states = []
        reading = [(n, s) for n, s in self.stages if n in ARTICLE_READING_STAGES]
        coding = [(n, s) for n, s in self.stages if n not in ARTICLE_READING_STAGES]
        for segment, doc in pieces:  # the whole article is read first: events see its home country
            state = PieceState(article, doc, segment.start, sentence_index, memory, context, geography,
                               people_counted, article_events, meter=meter)
            self._run(reading, state)
            for name, stage in coding:
                read = getattr(stage, "read", None)
                if read is not None:  # the half of a stage that needs only the text
                    read(state)
                    state.check_budget(f"{name} (reading), character {segment.start}")
            states.append(state)
            sentence_index += sum(1 for _ in doc.sents)
            result.sentences.extend(
                (segment.start + s.start_char, segment.start + s.end_char) for s in doc.sents
            )
        carry = None
        for state in states:
            state.quote_carry = carry
            self._run(coding, state)
            carry = state.quote_carry
            result.mentions.extend(_shift_mention(m, state.offset) for m in state.mentions)
            result.events.extend(state.events)
            result.quotes.extend(state.quotes)
            result.places.extend(p for _, _, p in state.places)
        for event in result.events:
            event.assign_id()
        return result

    @staticmethod
    def _run(stages: list[tuple[str, Stage]], state: PieceState) -> None:
        for name, stage in stages:
            stage(state)
            state.check_budget(f"{name}, character {state.offset}")


@dataclass(frozen=True, slots=True)
class CodingFailure:
    """An article whose coding raised: reported with the error, never silently dropped."""

    article: Article
    error: Exception

    @property
    def reason(self) -> str:
        if isinstance(self.error, OverBudget):
            return self.error.reason  # not a fault: the article was refused, and the budget says why
        where = traceback.extract_tb(self.error.__traceback__)[-1] if self.error.__traceback__ else None
        at = f" ({Path(where.filename).name}:{where.lineno})" if where else ""
        return f"coding failed: {type(self.error).__name__}: {self.error}{at}"


class CodingError(RuntimeError):
    """Raised where one article is coded on request (the API) and coding it failed."""


class Frames(NamedTuple):
    """What :meth:`Coder.dataframes` returns: ``events, quotes, places = coder.dataframes(texts)``."""

    events: Any
    quotes: Any
    places: Any


class _Sized:
    """An iterator that keeps the length of what it was made from, for the progress bar's total."""

    def __init__(self, items: Iterator[Article], sized: Any) -> None:
        self._items = items
        self._sized = sized

    def __iter__(self) -> Iterator[Article]:
        return self._items

    def __len__(self) -> int:
        return len(self._sized)


class Resources:
    """Everything stages share, built once per Coder: tables, lexicon, gazetteer, finders."""

    def __init__(self, coder: Coder) -> None:
        self.coder = coder
        self.nlp = coder.nlp
        self.ontology = coder.ontology
        self.config = coder.config
        self._cache: dict[str, Any] = {}

    def get(self, name: str, build: Callable[[], Any]) -> Any:
        if name not in self._cache:
            self._cache[name] = build()
        return self._cache[name]

    def actor_finder(self) -> Any:
        from eventwire.actors import ActorFinder

        return self.get("actor_finder", lambda: ActorFinder(self.nlp))

    def casing_vocabulary(self) -> Vocabulary:
        """Names from the actor tables (not their role words) and the pipeline's dictionary words."""
        def build() -> Vocabulary:
            finder = self.actor_finder()
            tables = finder.tables
            words = finder.dictionary_words
            stop_words = self.nlp.Defaults.stop_words
            return Vocabulary(
                is_phrase=lambda p: any(e.kind != "role" for e in tables.phrases.get(p, ())),
                is_acronym=lambda a: a in tables.acronyms,
                is_word=lambda w: w in stop_words or any(base in words for base in base_forms(w)))

        return self.get("casing_vocabulary", build)

    def new_memory(self) -> Any:
        from eventwire.actors import DocumentMemory

        return DocumentMemory()

    def model_events(self) -> Any:
        """The learned event model with the matcher whose role rules it uses (eventwire/events/model)."""
        def build() -> Any:
            from eventwire.events.model import ModelEvents, load_event_model

            lexicon = load_lexicon(known_codes=frozenset(self.ontology.codes))
            return ModelEvents(load_event_model(self.config.event_model), EventMatcher(lexicon),
                               frozenset(self.ontology.codes))

        return self.get("model_events", build)

    def dictionaries(self) -> Any:
        if not self.config.dictionaries:
            return None

        def build() -> Any:
            from eventwire.dictionaries import DictionaryCoder, load_dictionaries

            dictionaries = load_dictionaries(Path(self.config.dictionaries), strict=False)
            for warning in dictionaries.warnings:
                logger.warning("%s", warning)
            return DictionaryCoder(dictionaries)

        return self.get("dictionaries", build)


# -- stages ---------------------------------------------------------------------------------

def actors_stage(resources: Resources) -> Stage:
    finder = resources.actor_finder()

    def run(state: PieceState) -> None:
        state.mentions = finder.find(state.doc, state.article.date, state.memory)
        for mention in state.mentions:
            if not mention.actor.country or mention.actor.igo:  # an organisation's seat is not the story's
                continue
            if mention.actor.name:  # one person named again and again ("he", "the suspect") is one vote
                if mention.actor.name in state.people_counted:
                    continue
                state.people_counted.add(mention.actor.name)
            state.context[mention.actor.country] += 1

    return run


def events_stage(resources: Resources) -> Stage:
    dictionary_coder = resources.dictionaries()
    use_lexicon = dictionary_coder is None or resources.config.dictionaries_mode == "add"
    matcher = EventMatcher(load_lexicon(known_codes=frozenset(resources.ontology.codes))) if use_lexicon else None

    policy = resources.config.events
    if policy not in EVENT_POLICIES:
        raise ValueError(f"unknown events policy {policy!r}; known: {', '.join(EVENT_POLICIES)}")
    model_events = resources.model_events() if policy in ("model", "hybrid") else None
    if policy == "model":
        matcher = None

    def run(state: PieceState) -> None:
        index = MentionIndex(state.mentions, getattr(state.memory, "people", ()), state.first_sentence)
        home = home_country(state.context + state.geography)
        for n, sent in enumerate(state.doc.sents):
            sentence = state.first_sentence + n
            state.check_budget(f"events, sentence {sentence}")
            found = matcher.match_sentence(sent, index, state.article.id, sentence, state.offset, home) \
                if matcher is not None else []
            if model_events is not None and not found:
                found = model_events.match_sentence(sent, index, state.article.id, sentence, state.offset, home)
            if matcher is not None:
                fill_targets_from_earlier_events(found, sent, state.offset, state.article_events, matcher.lexicon)
                found = drop_partnerless(found)  # praise of an earlier act that the article never coded
            state.events.extend(found)
            state.article_events.extend(found)
            if dictionary_coder is not None:
                for event in dictionary_coder.code_sentence(sent, state.article.id, sentence, state.article.date):
                    event.span = (event.span[0] + state.offset, event.span[1] + state.offset)
                    state.events.append(event)

    return run


def home_country(context: Counter) -> str | None:
    """The country an article is about so far, when one clearly dominates its actors: "police arrested
    200 people" in a story about Greece are Greek police."""
    ranked = context.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] <= ranked[1][1]):
        return None
    return ranked[0][0]


def quotes_stage(resources: Resources) -> Stage:
    from eventwire.quotes import QuoteFinder

    finder = resources.get("quote_finder", lambda: QuoteFinder())

    def run(state: PieceState) -> None:
        finder.run(state)

    return run


def places_stage(resources: Resources) -> Stage:
    from eventwire.places import Gazetteer, PlaceFinder

    finder = resources.get("place_finder", lambda: PlaceFinder(Gazetteer.load()))

    def read(state: PieceState) -> None:
        people = getattr(state.memory, "people", ())
        state.places = finder.find(state.doc, state.context, {n for p in people for n in (p.name, p.surname)})
        # towns and regions only: a country's own name is already counted as an actor
        state.geography.update(p.country for _, _, p in state.places if p.country and p.feature != "country")
        state.places_read = True

    def run(state: PieceState) -> None:
        if not state.places_read:
            read(state)
        dateline = finder.dateline(state.article.text[:200], state.context) if state.offset == 0 else None
        by_sentence = _sentences_by_index(state)
        actor_countries: dict[int, set[str]] = {}
        for event in state.events:  # a country acting in the sentence is an actor there, not a venue
            for actor in (event.source_actor, event.target_actor):
                if actor and actor.country:
                    actor_countries.setdefault(event.sentence, set()).add(actor.country)
        found: dict[tuple[int, int], Any] = {}  # per trigger, not per actor pair: a long list shares them
        for event in state.events:
            key = (event.sentence, event.span[0])
            if key not in found:
                sent, trigger = by_sentence.get(event.sentence), _token_at(state, event.span[0])
                exclude = actor_countries.get(event.sentence, set())
                found[key] = None if sent is None or trigger is None else finder.event_location(
                    sent, trigger.i, state.places, exclude, dateline)
            if found[key] is not None:
                event.location = found[key]

    run.read = read  # type: ignore[attr-defined]
    return run


def dates_stage(resources: Resources) -> Stage:
    from eventwire.dates import date_for_event

    def run(state: PieceState) -> None:
        by_sentence = _sentences_by_index(state)
        found: dict[tuple[int, int, bool], Any] = {}  # per trigger, not per actor pair
        for event in state.events:
            key = (event.sentence, event.span[0], event.modality == "future")
            if key not in found:
                sent, trigger = by_sentence.get(event.sentence), _token_at(state, event.span[0])
                found[key] = None if sent is None or trigger is None else date_for_event(
                    sent, trigger.i, state.article.date, future=True if key[2] else None)
            if found[key] is not None:
                event.date = found[key]
        state.events = [e for e in state.events if not is_history(e, state.article.date)]

    return run


def is_history(event: Event, article_date: dt.date | None) -> bool:
    """An act the sentence dates to an earlier year ("assassinated in 1963", "his release in 2017") is the
    story's background, not news: analysts do not code it (docs/annotation.md)."""
    when = event.date
    if when is None or when.date is None or article_date is None or not when.text:
        return False
    return when.date.year < article_date.year - 1


def codes_stage(resources: Resources) -> Stage:
    """Fill the ontology's view of each event code: PLOVER, Goldstein, QuadClass."""
    ontology = resources.ontology

    def run(state: PieceState) -> None:
        # an event left without any actor that has a country or organisation (a "we" no quote
        # attributed, a crime between private people) carries no dyad: it is not event data
        state.events = [e for e in state.events if _placed(e.source_actor) or _placed(e.target_actor)]
        for event in state.events:
            code = ontology.get(event.cameo)
            if code is None:
                continue
            event.goldstein = code.goldstein
            event.quad_class = code.quad_class
            plover = ontology.plover(event.cameo)
            event.plover, event.plover_mode, event.plover_context = plover.type, plover.mode, plover.context

    return run


def confidence_stage(resources: Resources) -> Stage:
    """Give every event the verifier's calibrated probability of being right (events/confidence.py).
    Last, so it sees the events as they leave the coder: dated, placed and coded."""
    from eventwire.events.confidence import load_verifier

    verifier = resources.get("verifier", load_verifier)

    def run(state: PieceState) -> None:
        for event, features in candidate_features(state):
            event.confidence = verifier.confidence(features)

    return run


def candidate_features(state: PieceState) -> list[tuple[Event, list[str]]]:
    """Each event of the piece with the verifier's features (also what the training script records)."""
    from eventwire.events.confidence import EventContext, event_features

    by_sentence = _sentences_by_index(state)
    per_sentence = Counter(e.sentence for e in state.events)
    title = " ".join((state.article.title or "").split())
    out = []
    for event in state.events:
        sent, trigger = by_sentence.get(event.sentence), _token_at(state, event.span[0])
        words = sent.text.strip() if sent is not None else ""
        headline = bool(words) and ((event.sentence == 0 and words[-1] not in ".!?\"'”’")
                                    or (bool(title) and " ".join(words.split()) == title))
        context = EventContext(
            trigger_pos=trigger.pos_ if trigger is not None else "", trigger_dep=trigger.dep_ if trigger is not None else "",
            sentence_tokens=len(sent) if sent is not None else 0, events_in_sentence=per_sentence[event.sentence],
            sentence_in_article=event.sentence, headline=headline)
        out.append((event, event_features(event, context)))
    return out


#: Stages that read the article and write only what later stages read (actors, and the countries the
#: article names): they run over every piece before the others, so that an event in the first paragraph
#: already knows the country the whole story is about ("police arrested two men" in a story from Athens).
ARTICLE_READING_STAGES = frozenset({"actors"})

STAGE_FACTORIES: Mapping[str, Callable[[Resources], Stage]] = MappingProxyType({
    "actors": actors_stage,
    "events": events_stage,
    "quotes": quotes_stage,
    "places": places_stage,
    "dates": dates_stage,
    "codes": codes_stage,
    "confidence": confidence_stage,
})


#: What each stage reads from the state that another stage writes: without it, it finds nothing.
STAGE_NEEDS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "actors": (),
    "events": ("actors",),
    "quotes": ("actors",),
    "places": (),
    "dates": ("events",),
    "codes": ("events",),
    "confidence": ("events",),
})


def stage_order(names: Iterable[str]) -> tuple[str, ...]:
    """The stages asked for, in the one order in which each sees what the earlier ones wrote.

    DEFAULT_STAGES is that order (quotes attach to events, places locate them, dates date
    them), so any subset runs in its order; a stage whose input no chosen stage makes is an
    error rather than a run that silently finds nothing.
    """
    chosen = list(dict.fromkeys(names))
    unknown = [s for s in chosen if s not in STAGE_FACTORIES]
    if unknown:
        raise ValueError(f"unknown stage(s) {', '.join(unknown)}; known: {', '.join(STAGE_FACTORIES)}")
    if not chosen:
        raise ValueError(f"no stages chosen; known: {', '.join(STAGE_FACTORIES)}")
    for name in chosen:
        missing = [need for need in STAGE_NEEDS[name] if need not in chosen]
        if missing:
            raise ValueError(f"stage {name!r} needs {', '.join(map(repr, missing))}: add it to the stages")
    return tuple(sorted(chosen, key=DEFAULT_STAGES.index))


# -- helpers --------------------------------------------------------------------------------

def _placed(actor: Any) -> bool:
    return actor is not None and bool(actor.country or actor.igo)


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of ``size`` items (the last one shorter), read lazily from any iterable."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _sentences_by_index(state: PieceState) -> dict[int, Any]:
    return {state.first_sentence + n: s for n, s in enumerate(state.doc.sents)}


def _token_at(state: PieceState, article_char: int) -> Any:
    span = state.doc.char_span(article_char - state.offset, article_char - state.offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _shift_mention(mention: ActorMention, offset: int) -> ActorMention:
    start, end = mention.char_span
    return ActorMention(mention.start, mention.end, mention.head, mention.actor, (start + offset, end + offset),
                        mention.rule)


def code_text(text: str, date: dt.date | str | None = None, doc_id: str = "text", **config: Any) -> CodedDocument:
    """Code one text in one call; the model loads once per process however often this is called.

    ``date`` is a ``datetime.date`` or a date as text ("2024-03-04", "March 4, 2024"); text that is
    not a date ("yesterday") is an error, not an undated article.
    """
    from eventwire.io.readers import parse_date

    day = parse_date(date)
    if date is not None and day is None:
        raise ValueError(f"date {date!r} is not a date (give a datetime.date or e.g. '2024-03-04')")
    article = Article(id=doc_id, text=text, date=day)
    return _coder_for(tuple(sorted(config.items()))).code(article)


@functools.lru_cache(maxsize=4)
def _coder_for(config_items: tuple) -> Coder:
    return Coder(CoderConfig(**dict(config_items)))
