"""Turning the classifier's predictions into events with the lexicon matcher's own role rules."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span, Token

from eventwire.events.filters import dedupe, drop_partnerless, drop_targetless_duplicates, drop_unplaced
from eventwire.events.lexicon import LexEntry
from eventwire.events.matcher import EventMatcher, SentenceContext
from eventwire.events.mentions import MentionIndex
from eventwire.events.model.classifier import LABELS, EventTypeModel
from eventwire.events.model.features import candidates
from eventwire.events.triggers import Match
from eventwire.model import Event

EVENT_POLICIES = ("lexicon", "model", "hybrid")
DEFAULT_WEIGHTS = Path(__file__).resolve().parent / "weights"
VERB_TARGETS = ("dobj", "prep:against", "prep:on", "prep:with", "prep:to", "prep:toward", "dative", "between")
NOUN_TARGETS = ("prep:against", "prep:on", "prep:with", "prep:to", "prep:toward", "between", "poss")
DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class ModelEntry(LexEntry):
    """A lexicon-shaped entry made from a prediction, so the matcher's role rules apply unchanged."""

    version: str = ""

    @property
    def rule(self) -> str:
        return f"model:event-type@{self.version}"


@functools.lru_cache(maxsize=2)
def load_event_model(folder: str | None = None) -> EventTypeModel:
    """The shipped weights (or those in ``folder``); cached, so a process loads them once."""
    where = Path(folder) if folder else DEFAULT_WEIGHTS
    if not (where / "event_model.bin").exists():
        raise FileNotFoundError(f"no trained event model in {where}; run `make train`")
    return EventTypeModel.load(where)


class ModelEvents:
    """Events of one sentence from the model: predicate, root, then actors by the role rules."""

    def __init__(self, model: EventTypeModel, matcher: EventMatcher, known_codes: frozenset[str],
                 threshold: float = DEFAULT_THRESHOLD) -> None:
        self.model = model
        self.matcher = matcher
        self.known_codes = known_codes
        self.threshold = threshold

    def predicted(self, sent: Span) -> list[tuple[Token, str, float]]:
        """(token, CAMEO root, probability) for each predicate the model believes carries an event."""
        tokens = candidates(sent)
        if not tokens:
            return []
        probs = self.model.predict(tokens)
        found = []
        for token, row in zip(tokens, probs):
            best = int(row[1:].argmax()) + 1
            if row[best] >= self.threshold and row[best] > row[0]:
                found.append((token, LABELS[best], float(row[best])))
        return found

    def match_sentence(self, sent: Span, mentions: MentionIndex, doc_id: str, sentence_index: int,
                       char_offset: int = 0, home: str | None = None) -> list[Event]:
        context = SentenceContext(sent, mentions, home)
        events: list[Event] = []
        for token, root, _ in self.predicted(sent):
            match = Match(token, self._entry(token, root))
            events.extend(self.matcher._events_for(match, context, doc_id, sentence_index, char_offset))
        return drop_unplaced(drop_partnerless(drop_targetless_duplicates(dedupe(events))))

    def _entry(self, token: Token, root: str) -> ModelEntry:
        code = root + "0" if root + "0" in self.known_codes else root
        noun = token.pos_ == "NOUN"
        return ModelEntry(id=f"model-{root}", lemma=token.lemma_.lower(), pos="NOUN" if noun else "VERB",
                          conditions=(), targets=NOUN_TARGETS if noun else VERB_TARGETS, cameo=code, frame=None,
                          if_negated=None, reciprocal=root in ("04", "05", "06"), mutual=False, line=0,
                          version=self.model.version)
