"""Dates of events: expressions in sentences we wrote, each with its exact date and precision."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.dates import date_for_event, find_date_expressions, mentions_future, resolve_expression
from eventwire.model import DateRef
from eventwire.nlp import load_pipeline

FRIDAY = dt.date(2022, 8, 5)  # a Friday


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


def first_sentence(nlp, text: str):
    return next(nlp(text).sents)


def trigger(sentence, word: str) -> int:
    return next(t.i for t in sentence if t.text == word)


def event_date(nlp, text: str, word: str, article_date: dt.date | None, future: bool | None = None) -> DateRef:
    sentence = first_sentence(nlp, text)
    return date_for_event(sentence, trigger(sentence, word), article_date, future)


# (sentence, trigger word, article date, expected date, expected precision)
PAST_EVENTS = [
    ("Erdogan, last month, said that Ankara coordinates its policy with Baku.", "said", FRIDAY,
     dt.date(2022, 7, 1), "month"),
    ("On Thursday, the government voiced its deep concern about the fighting.", "voiced", FRIDAY,
     dt.date(2022, 8, 4), "day"),
    ("Protesters gathered outside the parliament on Friday.", "gathered", FRIDAY, FRIDAY, "day"),
    ("The minister resigned last Tuesday after the vote.", "resigned", FRIDAY, dt.date(2022, 8, 2), "day"),
    ("Police arrested four activists yesterday in the capital.", "arrested", FRIDAY, dt.date(2022, 8, 4), "day"),
    ("Rebels shelled the town the day before yesterday.", "shelled", FRIDAY, dt.date(2022, 8, 3), "day"),
    ("Gunmen attacked a checkpoint last night near the border.", "attacked", FRIDAY, dt.date(2022, 8, 4), "day"),
    ("The president addressed the nation this morning.", "addressed", FRIDAY, FRIDAY, "day"),
    ("Troops withdrew from the village two days ago.", "withdrew", FRIDAY, dt.date(2022, 8, 3), "day"),
    ("The envoy visited Kabul three weeks ago.", "visited", FRIDAY, dt.date(2022, 7, 15), "day"),
    ("The two leaders met a year ago in Geneva.", "met", FRIDAY, dt.date(2021, 1, 1), "year"),
    ("The embassy was closed earlier this month.", "closed", FRIDAY, dt.date(2022, 8, 1), "month"),
    ("The army launched the offensive earlier this year.", "launched", FRIDAY, dt.date(2022, 1, 1), "year"),
    ("The parties signed a ceasefire last year.", "signed", FRIDAY, dt.date(2021, 1, 1), "year"),
    ("The rebels seized the airport in March.", "seized", FRIDAY, dt.date(2022, 3, 1), "month"),
    ("The council imposed sanctions in 2019.", "imposed", FRIDAY, dt.date(2019, 1, 1), "year"),
    ("The treaty was signed on 3 March 2021 in Vienna.", "signed", FRIDAY, dt.date(2021, 3, 3), "day"),
    ("The treaty was signed on March 3, 2021, in Vienna.", "signed", FRIDAY, dt.date(2021, 3, 3), "day"),
    ("The ministry published the report on 2021-03-03.", "published", FRIDAY, dt.date(2021, 3, 3), "day"),
    ("Voters rejected the referendum on March 3.", "rejected", FRIDAY, dt.date(2022, 3, 3), "day"),
    ("The militia attacked the convoy last week.", "attacked", FRIDAY, dt.date(2022, 7, 1), "month"),
    ("Workers went on strike this week.", "went", FRIDAY, dt.date(2022, 8, 1), "month"),
    ("Farmers blocked the highways last spring.", "blocked", FRIDAY, dt.date(2022, 1, 1), "year"),
    ("Hundreds of refugees crossed the border over the weekend.", "crossed", FRIDAY, dt.date(2022, 7, 1), "month"),
    ("The government expelled the diplomats in mid-March 2021.", "expelled", FRIDAY, dt.date(2021, 3, 1), "month"),
]


@pytest.mark.parametrize("text,word,article_date,expected,precision", PAST_EVENTS)
def test_past_events_are_dated_from_the_article_date(nlp, text, word, article_date, expected, precision):
    ref = event_date(nlp, text, word, article_date)
    assert (ref.date, ref.precision) == (expected, precision)


FUTURE_EVENTS = [
    ("The foreign ministers will meet on Monday in Geneva.", "meet", dt.date(2022, 8, 8)),
    ("Putin and Erdogan are scheduled to meet in Sochi on Friday.", "meet", dt.date(2022, 8, 12)),
    ("The president will visit Kyiv tomorrow.", "visit", dt.date(2022, 8, 6)),
    ("The envoy will travel to Cairo next Monday.", "travel", dt.date(2022, 8, 8)),
    ("The two sides will resume talks on September 12.", "resume", dt.date(2022, 9, 12)),
]


@pytest.mark.parametrize("text,word,expected", FUTURE_EVENTS)
def test_future_sentences_look_forward(nlp, text, word, expected):
    ref = event_date(nlp, text, word, FRIDAY)
    assert (ref.date, ref.precision) == (expected, "day")


def test_future_months_are_the_next_occurrence(nlp):
    ref = event_date(nlp, "The government will hold elections in March.", "hold", FRIDAY)
    assert (ref.date, ref.precision) == (dt.date(2023, 3, 1), "month")


def test_explicit_future_flag_overrides_detection(nlp):
    text = "The delegation arrives on Monday."
    assert event_date(nlp, text, "arrives", FRIDAY, future=True).date == dt.date(2022, 8, 8)
    assert event_date(nlp, text, "arrives", FRIDAY, future=False).date == dt.date(2022, 8, 1)


def test_future_markers(nlp):
    will = first_sentence(nlp, "The ministers will meet on Monday.")
    said = first_sentence(nlp, "The ministers met on Monday.")
    assert mentions_future(will, trigger(will, "meet"))
    assert not mentions_future(said, trigger(said, "met"))


BOUNDARIES = [
    ("Rebels took the city last month.", "took", dt.date(2023, 1, 10), dt.date(2022, 12, 1), "month"),
    ("Rebels took the city last year.", "took", dt.date(2023, 1, 10), dt.date(2022, 1, 1), "year"),
    ("Rebels took the city yesterday.", "took", dt.date(2023, 1, 1), dt.date(2022, 12, 31), "day"),
    ("Rebels took the city in December.", "took", dt.date(2023, 1, 10), dt.date(2022, 12, 1), "month"),
    ("Rebels took the city on Saturday.", "took", dt.date(2023, 1, 2), dt.date(2022, 12, 31), "day"),
    # leap years
    ("Rebels took the city yesterday.", "took", dt.date(2024, 3, 1), dt.date(2024, 2, 29), "day"),
    ("Rebels took the city yesterday.", "took", dt.date(2023, 3, 1), dt.date(2023, 2, 28), "day"),
    ("Rebels took the city on February 29.", "took", dt.date(2024, 3, 5), dt.date(2024, 2, 29), "day"),
    ("Rebels took the city on February 29.", "took", dt.date(2023, 3, 5), dt.date(2020, 2, 29), "day"),
    ("Rebels took the city a week ago.", "took", dt.date(2024, 3, 6), dt.date(2024, 2, 28), "day"),
    # a week across two months is only known to the year; across New Year not at all
    ("Rebels took the city last week.", "took", dt.date(2022, 8, 3), dt.date(2022, 7, 1), "month"),
    ("Rebels took the city last week.", "took", dt.date(2022, 7, 6), dt.date(2022, 1, 1), "year"),
    ("Rebels took the city last week.", "took", dt.date(2022, 1, 3), dt.date(2022, 1, 3), "article"),
]


@pytest.mark.parametrize("text,word,article_date,expected,precision", BOUNDARIES)
def test_month_and_year_boundaries(nlp, text, word, article_date, expected, precision):
    ref = event_date(nlp, text, word, article_date)
    assert (ref.date, ref.precision) == (expected, precision)


def test_no_expression_uses_the_article_date(nlp):
    ref = event_date(nlp, "The army shelled the village.", "shelled", FRIDAY)
    assert ref == DateRef(FRIDAY, "article")


def test_no_expression_and_no_article_date_is_unknown(nlp):
    ref = event_date(nlp, "The army shelled the village.", "shelled", None)
    assert ref == DateRef(None, "unknown")


def test_relative_expression_without_article_date_is_unknown(nlp):
    assert event_date(nlp, "The army shelled the village on Thursday.", "shelled", None).precision == "unknown"


def test_absolute_expression_needs_no_article_date(nlp):
    ref = event_date(nlp, "The army shelled the village on 3 March 2021.", "shelled", None)
    assert (ref.date, ref.precision) == (dt.date(2021, 3, 3), "day")


def test_each_clause_keeps_its_own_date(nlp):
    text = "Blinken, who met Cavusoglu on Thursday, said on Wednesday that talks would continue."
    assert event_date(nlp, text, "met", FRIDAY).date == dt.date(2022, 8, 4)
    assert event_date(nlp, text, "said", FRIDAY).date == dt.date(2022, 8, 3)


def test_events_in_a_complement_clause_take_the_reporting_date(nlp):
    ref = event_date(nlp, "Erdogan, last month, said that Ankara coordinates its policy with Baku.",
                     "coordinates", FRIDAY)
    assert (ref.date, ref.precision) == (dt.date(2022, 7, 1), "month")


def test_trigger_outside_the_sentence_is_an_error(nlp):
    doc = nlp("Troops withdrew. Talks resumed on Monday.")
    first = next(doc.sents)
    with pytest.raises(ValueError):
        date_for_event(first, len(doc) - 2, FRIDAY)


def test_find_reports_doc_level_spans_and_ner_misses(nlp):
    doc = nlp("The army withdrew. Rebels attacked the town last night and troops responded on 03/04/2021.")
    sentence = list(doc.sents)[1]
    found = find_date_expressions(sentence, FRIDAY)
    assert [doc.text[s:e] for (s, e), _ in found] == ["last night", "03/04/2021"]
    assert [(ref.date, ref.precision) for _, ref in found] == [
        (dt.date(2022, 8, 4), "day"),
        (dt.date(2021, 1, 1), "year"),  # day and month order are ambiguous: only the year is sure
    ]


def test_a_year_modifying_a_noun_is_a_date(nlp):
    found = find_date_expressions(first_sentence(nlp, "Observers disputed the 2019 elections."), FRIDAY)
    assert [(ref.date, ref.precision) for _, ref in found] == [(dt.date(2019, 1, 1), "year")]


def test_find_keeps_the_year_of_a_named_month(nlp):
    found = find_date_expressions(first_sentence(nlp, "The rebels retreated in May 2020."), FRIDAY)
    assert [(ref.date, ref.precision) for _, ref in found] == [(dt.date(2020, 5, 1), "month")]


@pytest.mark.parametrize("text", [
    "The army may march on the capital.",
    "The summit drew 2019 delegates and 300 observers.",
    "Officials said the spring water was clean.",
    "The ministers discussed the crisis.",
])
def test_words_that_only_look_like_dates_are_ignored(nlp, text):
    assert find_date_expressions(first_sentence(nlp, text), FRIDAY) == []


@pytest.mark.parametrize("text,expected,precision", [
    ("13/04/2021", dt.date(2021, 4, 13), "day"),
    ("04/13/2021", dt.date(2021, 4, 13), "day"),
    ("05/05/2021", dt.date(2021, 5, 5), "day"),
    ("the 4th of July", dt.date(2022, 7, 4), "day"),
    ("Aug. 4", dt.date(2022, 8, 4), "day"),
    ("Thursday, August 4, 2022", dt.date(2022, 8, 4), "day"),
    ("next month", dt.date(2022, 9, 1), "month"),
    ("last May", dt.date(2022, 5, 1), "month"),
    ("in August", dt.date(2022, 8, 1), "month"),
    ("the winter of 2021", dt.date(2021, 1, 1), "year"),
    ("last winter", dt.date(2022, 1, 1), "year"),
    ("about two months ago", dt.date(2022, 6, 1), "month"),
    ("this week's", dt.date(2022, 8, 1), "month"),
])
def test_resolve_expression(text, expected, precision):
    ref = resolve_expression(text, FRIDAY)
    assert ref is not None and (ref.date, ref.precision) == (expected, precision)


@pytest.mark.parametrize("text", ["recently", "the 1990s", "02/30/2021", "February 30, 2021", "for decades"])
def test_unplaceable_expressions_resolve_to_none(text):
    assert resolve_expression(text, FRIDAY) is None


def test_last_spring_in_spring_means_the_year_before():
    assert resolve_expression("last spring", dt.date(2022, 4, 10)) == DateRef(dt.date(2021, 1, 1), "year",
                                                                             "last spring")


def test_iso_form_of_a_month_reference():
    assert resolve_expression("last month", FRIDAY).iso() == "2022-07"


def test_entity_spans_do_not_swallow_trailing_blank_lines(nlp):
    doc = nlp("Thursday, August 4, 2022\u00a0\n\nOn Wednesday, the council met in Geneva.")
    for sentence in doc.sents:
        for (start, end), ref in find_date_expressions(sentence, FRIDAY):
            assert doc.text[start:end] == doc.text[start:end].strip() == ref.text


@pytest.mark.parametrize("article_date", [dt.date(9999, 12, 31), dt.date(1, 1, 1)])
@pytest.mark.parametrize("text", ["tomorrow", "yesterday", "on Thursday", "next week", "last week", "next month",
                                  "last month", "next year", "last year", "next weekend", "last weekend"])
def test_relative_dates_past_the_calendar_edge_have_no_date(text, article_date):
    """Years 1 and 9999 are the calendar's edges: a date beyond them is none, not an OverflowError."""
    found = resolve_expression(text, article_date)
    assert found is None or found.date is None or dt.date.min <= found.date <= dt.date.max
