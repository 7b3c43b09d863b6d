"""Coding one sentence we wrote into (source, CAMEO, target) triples, for the lexicon tests."""

from __future__ import annotations

import datetime as dt

from eventwire.model import Article
from eventwire.pipeline import Coder, CoderConfig

SENTENCE_DATE = dt.date(2021, 6, 9)


def sentence_coder() -> Coder:
    """Only the stages events need, so each test sentence codes in milliseconds."""
    return Coder(CoderConfig(stages=("actors", "events", "codes")))


def coded(coder: Coder, text: str) -> set[tuple[str | None, str, str | None]]:
    doc = coder.code(Article(id="t", text=text, date=SENTENCE_DATE))
    return {(e.source, e.cameo, e.target) for e in doc.events}
