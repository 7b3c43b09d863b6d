"""News phrasings of the conflict roots 11-20 (disapprove ... mass violence): courts and charges,
accusations by attribution, custody, closures, street violence and attacks. Sentences written for
this file; each family has positive cases and a near-miss that must stay silent."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.model import Article
from eventwire.pipeline import Coder, CoderConfig


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder(CoderConfig(stages=("actors", "events", "codes")))


def coded(coder: Coder, text: str) -> set[tuple[str | None, str, str | None]]:
    doc = coder.code(Article(id="t", text=text, date=dt.date(2021, 6, 9)))
    return {(e.source, e.cameo, e.target) for e in doc.events}


POSITIVE = [
    # charges, trials and verdicts: 115 / 116 by the judiciary
    ("The Kenyan driver has been charged in the death of a police officer.", ("KENJUD", "115", "KENCVL")),
    ("Kenyan prosecutors charged the former minister on Monday.", ("KENJUD", "115", "KENELI")),
    ("Kenyan prosecutors filed charges against the former minister.", ("KENJUD", "115", "KENELI")),
    ("Kenyan prosecutors pursued the prosecution of the former minister.", ("KENJUD", "115", "KENELI")),
    ("A Kenyan court put the former minister on trial.", ("KENJUD", "115", None)),
    ("The lawsuit by Kenyan farmers against the Kenyan government was heard on Monday.", ("KENAGR", "115", "KENGOV")),
    ("The Kenyan opposition made legal challenges to the election result.", ("KENOPP", "115", None)),
    ("A Kenyan jury found the former minister guilty.", ("KENJUD", "116", "KENELI")),
    ("The former Kenyan minister was found guilty of fraud.", ("---JUD", "116", "KENELI")),
    ("A Kenyan judge handed the former minister a sentence of five years.", ("KENJUD", "116", "KENELI")),
    # accusing by attribution or by a name; disapproval; criticism by description
    ("The Kenyan government attributed the bombing to Somali rebels.", ("KENGOV", "112", "SOMREB")),
    ("Turkey named the Kurdish rebels as terrorists.", ("TUR", "112", "---REB")),
    ("The Kenyan president branded the opposition traitors.", ("KENGOV", "112", "KENOPP")),
    ("The Kenyan president disagreed with the Tanzanian president.", ("KENGOV", "110", "TZAGOV")),
    ("The Kenyan foreign ministry described the Somali raid as a violation of its sovereignty.", ("KENGOV", "111", None)),
]


@pytest.mark.parametrize("text,expected", POSITIVE, ids=[c[0][:45] for c in POSITIVE])
def test_conflict_phrasings(coder: Coder, text: str, expected: tuple) -> None:
    events = coded(coder, text)
    source, code, target = expected
    assert any(e[0] == source and e[1] == code and (target is None or e[2] == target) for e in events), events


NEAR_MISSES = [
    ("The Kenyan shop charged customers ten dollars.", "11"),
    ("The former Kenyan minister was found not guilty of fraud.", "11"),
    ("A Kenyan jury found the former minister not guilty.", "11"),
    ("The Kenyan president described the Tanzanian president as a friend.", "11"),
    ("The Kenyan company branded its new phone a success.", "11"),
    ("Kenyan doctors began a clinical trial of the vaccine.", "11"),
]


@pytest.mark.parametrize("text,root", NEAR_MISSES, ids=[c[0][:45] for c in NEAR_MISSES])
def test_conflict_near_misses_stay_silent(coder: Coder, text: str, root: str) -> None:
    events = coded(coder, text)
    assert not any(e[1].startswith(root) for e in events), events


def test_attributing_to_a_cause_or_disagreeing_with_no_one_is_no_accusation(coder: Coder) -> None:
    assert not any(e[1][:2] == "11" for e in coded(coder, "Kenyan experts attributed the fire to human activity."))
    assert not any(e[1][:2] == "11" for e in coded(coder, "The Kenyan president and I often disagreed."))
