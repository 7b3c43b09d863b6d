"""The typed records that flow through eventwire, and their JSON form.

Stages exchange these records and nothing else, so each stage can be tested alone and the
JSON written by the CLI, the store and the API is one schema (DESIGN.md, "Event record").
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Modality = Literal["asserted", "negated", "hypothetical", "future", "reported"]
Precision = Literal["day", "month", "year", "unknown", "article"]
ActorKind = Literal["country", "igo", "person", "group", "unknown"]
QuoteKind = Literal["direct", "indirect"]


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. ``id`` is the doc_id of every record coded from it."""

    id: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        """A date given as text ("yesterday", "2024-03-04") would silently date nothing: refuse it."""
        if self.date is not None and not isinstance(self.date, dt.date):
            raise TypeError(f"Article.date must be a datetime.date or None, not {self.date!r}; "
                            "read text dates with eventwire.io.readers.parse_date")
        if isinstance(self.date, dt.datetime):
            object.__setattr__(self, "date", self.date.date())

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()


#: The role of a person the tagger sees and no table holds ("Jamal Williams"): someone the events can
#: happen to (arrested, charged, killed), but whose own doings are private, not political events.
PRIVATE_PERSON = "private person"

@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: the CAMEO code and the parts it was built from.

    ``code`` is derived from ``country`` (or ``igo``) and ``sectors`` so that the two can
    never disagree; build actors with :func:`make_actor`.
    """

    code: str
    country: str | None = None
    sectors: tuple[str, ...] = ()
    name: str | None = None
    text: str = ""
    role: str | None = None
    kind: ActorKind = "unknown"
    igo: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["sectors"] = list(self.sectors)
        return d

    @property
    def sector(self) -> str | None:
        return self.sectors[0] if self.sectors else None


def actor_code(country: str | None, sectors: tuple[str, ...] = (), igo: str | None = None) -> str:
    """Compose a CAMEO actor code: country (or IGO code) then 3-letter sector codes. An IGO code that
    already spells a sector ("IGOUNOREFHCR", the UN refugee agency) does not repeat it."""
    head = igo or country or "---"
    if igo:
        spelled = {igo[i:i + 3] for i in range(3, len(igo) - 2, 3)}
        sectors = tuple(s for s in sectors if s not in spelled)
    return head + "".join(sectors)


def make_actor(
    country: str | None = None,
    sectors: tuple[str, ...] | list[str] = (),
    *,
    igo: str | None = None,
    name: str | None = None,
    text: str = "",
    role: str | None = None,
    kind: ActorKind | None = None,
) -> Actor:
    sectors = tuple(sectors)
    if kind is None:
        kind = "igo" if igo else ("person" if name else ("country" if country else "group"))
    return Actor(
        code=actor_code(country, sectors, igo),
        country=country,
        sectors=sectors,
        name=name,
        text=text,
        role=role,
        kind=kind,
        igo=igo,
    )


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved location (GeoNames ids and coordinates from the offline gazetteer)."""

    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None  # "country", "admin1", "city"
    text: str = ""  # as written in the article
    span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span) if self.span else None
        return d


@dataclass(frozen=True, slots=True)
class DateRef:
    """When something happened, and how precisely the text says so."""

    date: dt.date | None
    precision: Precision
    text: str = ""  # the expression that gave it, "" when the article date was used

    def iso(self) -> str | None:
        if self.date is None:
            return None
        if self.precision == "month":
            return self.date.strftime("%Y-%m")
        if self.precision == "year":
            return self.date.strftime("%Y")
        return self.date.isoformat()


@dataclass(slots=True)
class Event:
    """One coded event with its provenance (DESIGN.md, "Event record")."""

    doc_id: str
    sentence: int
    source_actor: Actor | None
    target_actor: Actor | None
    cameo: str
    plover: str | None
    plover_mode: str | None
    plover_context: str | None
    quad_class: int | None
    goldstein: float | None
    modality: Modality
    text: str
    trigger: str
    span: tuple[int, int]
    rule: str
    date: DateRef | None = None
    location: Place | None = None
    quote_id: str | None = None
    event_id: str = ""
    pairs_capped: bool = False  # the sentence named more actor pairs than the matcher codes (events/matcher.py)
    confidence: float | None = None  # calibrated probability the event is right (events/confidence.py)

    @property
    def source(self) -> str | None:
        return self.source_actor.code if self.source_actor else None

    @property
    def target(self) -> str | None:
        return self.target_actor.code if self.target_actor else None

    def assign_id(self) -> None:
        """A stable id: the same article coded twice gives the same ids."""
        key = "\x1f".join(
            [self.doc_id, str(self.sentence), str(self.span[0]), str(self.span[1]), self.cameo,
             self.source or "", self.target or "", self.rule]
        )
        self.event_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "source": self.source,
            "target": self.target,
            "cameo": self.cameo,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "plover_context": self.plover_context,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "modality": self.modality,
            "date": self.date.iso() if self.date else None,
            "date_precision": self.date.precision if self.date else "unknown",
            "location": self.location.to_dict() if self.location else None,
            "text": self.text,
            "trigger": self.trigger,
            "span": list(self.span),
            "rule": self.rule,
            "quote_id": self.quote_id,
            "pairs_capped": self.pairs_capped,
            "confidence": self.confidence,
            "source_actor": self.source_actor.to_dict() if self.source_actor else None,
            "target_actor": self.target_actor.to_dict() if self.target_actor else None,
        }


@dataclass(slots=True)
class Quote:
    """Who said what (DESIGN.md, "Quotes")."""

    doc_id: str
    sentence: int
    speaker: Actor | None
    cue: str | None
    addressee: Actor | None
    text: str
    kind: QuoteKind
    span: tuple[int, int]
    quote_id: str = ""

    def assign_id(self) -> None:
        key = f"{self.doc_id}\x1f{self.span[0]}\x1f{self.span[1]}\x1f{self.kind}"
        self.quote_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote_id": self.quote_id,
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue,
            "addressee": self.addressee.to_dict() if self.addressee else None,
            "text": self.text,
            "kind": self.kind,
            "span": list(self.span),
        }


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor found in the text: token range in the spaCy Doc and the resolved actor.

    ``head`` is the token index that dependency relations attach to; the event matcher
    looks actors up by it. ``members`` holds the parts of a compound mention
    ("Armenia and Azerbaijan"), each an actor of its own.
    """

    start: int  # first token index (spaCy Doc)
    end: int  # one past the last token
    head: int
    actor: Actor
    char_span: tuple[int, int]
    rule: str = ""  # how it was resolved, for explanations


@dataclass(slots=True)
class CodedDocument:
    """Everything coded from one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # char spans

    def document_record(self) -> dict[str, Any]:
        a = self.article
        return {
            "doc_id": a.id,
            "title": a.title,
            "date": a.date.isoformat() if a.date else None,
            "url": a.url,
            "source": a.source,
            "content_hash": a.content_hash,
            "text": a.text,
            "n_sentences": len(self.sentences),
            "n_events": len(self.events),
            "n_quotes": len(self.quotes),
        }
