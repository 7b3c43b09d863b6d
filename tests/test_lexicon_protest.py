"""Protests, strikes and demands (CAMEO 14 and 10) as news tells them: who protests, against whom, and
the mentions that are no protest at all; each on sentences we wrote for this file."""

from __future__ import annotations

import pytest
from coding import SENTENCE_DATE, coded, sentence_coder

from eventwire.model import Article
from eventwire.pipeline import Coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    return sentence_coder()


def asserted(coder: Coder, text: str) -> list:
    """The events the scorer keeps: negated ones are written down but are no event."""
    doc = coder.code(Article(id="t", text=text, date=SENTENCE_DATE))
    return [e for e in doc.events if e.modality != "negated"]


def protests(events: set) -> set:
    return {e for e in events if e[1].startswith("14")}


LABOUR_STRIKES = [
    ("Workers went on strike in Paris.", "FRALAB"),
    ("Teachers in Chicago have been on strike for two weeks.", "USAEDU"),
    ("Unions called a general strike in Athens.", "GRCLAB"),
    ("A nationwide strike paralysed Nigeria on Monday.", "NGACVL"),
    ("The strike by rail workers disrupted travel in Britain.", "GBRLAB"),
    ("Nurses in Madrid staged a 24-hour strike.", "ESPCVL"),
]


@pytest.mark.parametrize("text,source", LABOUR_STRIKES, ids=[c[0][:40] for c in LABOUR_STRIKES])
def test_a_strike_that_news_marks_as_labour_is_143(coder: Coder, text: str, source: str) -> None:
    events = coded(coder, text)
    assert any(e[0] == source and e[1].startswith("143") for e in events), events


@pytest.mark.parametrize("text", [
    "The US strike killed the Iranian general in Baghdad.",
    "The strike took place at Baghdad airport.",
    "Last week's strike on the airport in Damascus destroyed two hangars.",
])
def test_a_strike_with_no_sign_of_labour_is_no_labour_strike(coder: Coder, text: str) -> None:
    assert not any(e[1].startswith("143") for e in coded(coder, text))


@pytest.mark.parametrize("text,source,target", [
    ("Protests against the Chinese government continued in Hong Kong.", "HKGCVL", "CHNGOV"),
    ("Demonstrators in Athens marched on the US embassy.", "GRCCVL", "USAGOV"),
    ("Protesters in Seoul rallied against Japan on Monday.", "KORCVL", "JPN"),
])
def test_the_crowd_is_of_the_place_it_protests_in(coder: Coder, text: str, source: str, target: str) -> None:
    events = protests(coded(coder, text))
    assert any(e[0] == source and e[2] == target for e in events), events


@pytest.mark.parametrize("text", [
    "Protests were not reported in Basra.",
    "Protests did not take place in Mosul on Friday.",
    "No protests were held in the capital.",
])
def test_protests_that_did_not_happen_are_negated(coder: Coder, text: str) -> None:
    events = [e for e in asserted(coder, text) if e.cameo.startswith("14")]
    assert events == [], events


def test_talks_that_did_not_take_place_are_negated(coder: Coder) -> None:
    events = asserted(coder, "Talks between Kenya and Somalia did not take place.")
    assert not any(e.cameo.startswith("04") for e in events), events


def test_protests_that_did_happen_stay_asserted(coder: Coder) -> None:
    assert any(e.cameo.startswith("14") for e in asserted(coder, "Protests took place in Mosul on Friday."))


def test_a_rally_to_protest_something_is_one_protest(coder: Coder) -> None:
    events = protests(coded(coder, "Thousands of people rallied in Lima to protest the election results."))
    assert len({(e[0], e[2][:3] if e[2] else None) for e in events}) == 1, events


@pytest.mark.parametrize("text", [
    "Opposition lawmakers in Nairobi protested loudly during the speech.",
    "Legislators in Nairobi walked out in protest.",
])
def test_protesting_legislators_protest_the_government(coder: Coder, text: str) -> None:
    events = protests(coded(coder, text))
    assert any(e[0] == "KENLEG" and e[2] == "KENGOV" for e in events), events


def test_legislators_who_demand_still_name_whom(coder: Coder) -> None:
    events = coded(coder, "Kenyan legislators demanded that Uganda withdraw its troops.")
    assert not any(e[1].startswith("10") and e[2] == "KENGOV" for e in events), events


def test_distinct_protest_acts_of_one_crowd_are_each_coded(coder: Coder) -> None:
    events = coded(coder, "Thousands of Hong Kong protesters gathered around the police complex, blocking the exits.")
    assert ("HKGCVL", "141", "HKGCOP") in events
    assert any(e[0] == "HKGCVL" and e[1] == "144" for e in events), events


@pytest.mark.parametrize("text", [
    "Protesters chanted slogans against the government in Tunis.",
    "Crowds in Tunis shouted slogans against the president.",
    "Students in Santiago occupied the university.",
])
def test_slogans_and_occupations_by_crowds_are_demonstrations(coder: Coder, text: str) -> None:
    events = coded(coder, text)
    assert any(e[1] == "141" for e in events), events


@pytest.mark.parametrize("text", [
    "The choir chanted hymns in the cathedral of Quito.",
    "Russian troops occupied the airport in Hostomel.",
])
def test_singing_and_armies_are_no_demonstration(coder: Coder, text: str) -> None:
    assert not any(e[1] == "141" for e in coded(coder, text))


@pytest.mark.parametrize("text,expected", [
    # the crowd moves, sits or camps: a demonstration, of the place it is in
    ("Thousands of protesters walked to the parliament in Budapest.", ("HUNCVL", "141", "HUNLEG")),
    ("Demonstrators in Caracas started at the square and walked for hours.", ("VENCVL", "141", "VENGOV")),
    ("Protesters in Minsk paraded past the presidential palace.", ("BLRCVL", "141", None)),
    ("Activists in Nairobi assembled outside parliament.", ("KENOPP", "141", None)),
    ("Protesters in Lima sat in the road outside the ministry.", ("PERCVL", "141", "PERGOV")),
    ("Demonstrators camped outside the Romanian government headquarters.", ("ROUCVL", "141", "ROUGOV")),
    ("Crowds in Bamako chanted against the junta.", ("MLICVL", "141", None)),
    # an occupation told in the passive is still the occupiers' sit-in
    ("Three universities in Santiago remain occupied by student demonstrators.", ("CHLEDU", "141", "CHLGOV")),
    # legislators shouting down a leader protest against her
    ("Opposition lawmakers in Taipei shouted at the premier during her speech.", ("TWNLEG", "141", "TWNGOV")),
    # a firebombed police station: the rioters riot against the police, named or not
    ("Rioters in Athens firebombed a police station.", ("GRCCVL", "145", "GRCCOP")),
    ("A police station in Athens was firebombed overnight.", ("GRCCVL", "145", "GRCCOP")),
], ids=lambda c: c if isinstance(c, str) else None)
def test_crowds_walking_sitting_and_rioting_are_protest(coder: Coder, text: str, expected: tuple) -> None:
    source, code, target = expected
    events = coded(coder, text)
    assert any(e[0] == source and e[1] == code and (target is None or e[2] == target) for e in events), events


@pytest.mark.parametrize("text", [
    "The Hungarian minister walked to his car after the meeting.",
    "The Chilean president sat in the front row at the concert.",
    "The football fans in Lima chanted the team's name.",
    "A police station in Athens was renovated last year.",
    "The Kenyan teacher shouted at the pupils in the classroom.",
])
def test_walking_sitting_and_shouting_by_others_are_no_protest(coder: Coder, text: str) -> None:
    assert not any(e[1].startswith("14") for e in coded(coder, text))


def test_a_plan_met_with_protests_is_protested_not_a_meeting(coder: Coder) -> None:
    events = coded(coder, "In Minsk the new law was met with protests.")
    assert any(e[0] == "BLRCVL" and e[1].startswith("14") for e in events), events
    assert not any(e[1].startswith("04") for e in events), events
