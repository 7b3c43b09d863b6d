"""The article eventwire was born from (../shared/seed): the issue-level checks of quotes, places and dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.model import Article
from eventwire.pipeline import Coder

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "karabakh-de-escalation.txt"


@pytest.fixture(scope="module")
def coded():
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent (../shared is not next to the repository)")
    text = SEED.read_text(encoding="utf-8")
    return text, Coder().code(Article(id="seed", text=text, date=dt.date(2022, 8, 5)))


def sentence_of(text: str, coded_doc, words: str) -> int:
    start = text.index(words)
    return next(n for n, (s, e) in enumerate(coded_doc.sentences) if s <= start < e)


def test_quotes_have_the_speakers_and_addressee(coded) -> None:
    text, doc = coded
    urge = [q for q in doc.quotes if q.text.startswith("We urge immediate steps")]
    assert urge and urge[0].speaker is not None and urge[0].speaker.country == "USA"
    ready = [q for q in doc.quotes if "ready to engage" in q.text and q.kind == "direct"]
    assert ready and ready[0].speaker.country == "USA" and ready[0].addressee.country == "TUR"


def test_the_putin_erdogan_meeting_is_in_sochi(coded) -> None:
    text, doc = coded
    n = sentence_of(text, doc, "Putin and Erdogan are scheduled to meet in Sochi")
    meetings = [e for e in doc.events if e.sentence == n and e.cameo.startswith("04")]
    assert meetings and all(e.location and e.location.name == "Sochi" and e.location.country == "RUS"
                            for e in meetings)
    assert abs(meetings[0].location.lat - 43.6) < 0.1
    assert {e.modality for e in meetings} == {"future"}


def test_relative_dates_resolve_against_the_article_date(coded) -> None:
    text, doc = coded
    thursday = {sentence_of(text, doc, "Secretary of State Antony Blinken discussed"),
                sentence_of(text, doc, "On Thursday, the U.S. voiced")}
    dated = [e for e in doc.events if e.sentence in thursday]
    assert dated and all(e.date.iso() == "2022-08-04" and e.date.precision == "day" for e in dated)
    last_month = sentence_of(text, doc, "Erdogan, last month, said")
    july = [e for e in doc.events if e.sentence == last_month]
    assert july and all(e.date.iso() == "2022-07" and e.date.precision == "month" for e in july)


def test_the_analysts_core_events_are_there(coded) -> None:
    text, doc = coded
    dyads = {(e.source, e.cameo[:2], e.target) for e in doc.events}
    assert ("USAGOV", "04", "TURGOV") in dyads  # Blinken and Cavusoglu consult
    assert {("IGOEUREEC", "02", "ARM"), ("IGOUNO", "02", "AZE"), ("IGOWSTNAT", "02", "ARM")} <= dyads
    assert ("TURGOV", "10", "ARM") in dyads  # Armenia must sign a peace treaty


def test_both_sides_are_the_two_named_after_the_dash(coded) -> None:
    text, doc = coded
    n = sentence_of(text, doc, "The leaders of EU, the UN and NATO all called on both sides")
    appeals = [e for e in doc.events if e.sentence == n]
    assert {e.source for e in appeals} == {"IGOEUREEC", "IGOUNO", "IGOWSTNAT"}
    assert {e.target for e in appeals} == {"ARM", "AZE"}
