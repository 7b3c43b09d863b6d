"""Targets taken from the article's earlier events: what is condemned or denied is an act coded before."""

from __future__ import annotations

import pytest
from coding import coded

from eventwire.pipeline import Coder, CoderConfig


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder(CoderConfig())


def test_a_condemned_operation_targets_whoever_launched_it(coder: Coder) -> None:
    text = ("Ethiopia launched a military offensive against rebels in Tigray on Monday.\n\n"
            "The offensive was condemned by the African Union.")
    assert any(e[0] == "IGOAFRAFU" and e[1][:2] == "11" and e[2] == "ETH" for e in coded(coder, text))


def test_a_denied_accusation_targets_the_accuser(coder: Coder) -> None:
    text = "Kenya accused Somalia of arming the militants.\n\nSomalia denied the accusation on Friday."
    assert ("SOM", "016", "KEN") in coded(coder, text)


def test_without_an_earlier_act_the_target_stays_empty(coder: Coder) -> None:
    events = coded(coder, "The offensive was condemned by the African Union.")
    assert not any(e[0] == "IGOAFRAFU" and e[2] for e in events), events


def test_a_thing_handed_over_is_no_judged_act(coder: Coder) -> None:
    text = ("Saudi Arabia sent aid to Yemen on Monday.\n\nA UN helicopter was delivering the aid when the "
            "bombs fell.")
    assert not any(e[1][:2] == "07" and e[0] and e[0].startswith("IGO") and e[2] == "SAU"
                   for e in coded(coder, text)), coded(coder, text)


def test_a_bare_senate_in_another_countrys_story_is_that_countrys(coder: Coder) -> None:
    text = ("Colombia's president sent a land reform bill to lawmakers on Monday.\n\nColombian farmers "
            "welcomed it. The Senate accused the president of corruption on Friday.")
    events = coded(coder, text)
    assert any(e[0] == "COLLEG" and e[1][:2] == "11" for e in events), events


def test_the_senate_in_an_american_story_stays_american(coder: Coder) -> None:
    text = "The White House sent a budget to lawmakers.\n\nThe Senate accused the president of waste."
    assert any(e[0] == "USALEG" and e[1][:2] == "11" for e in coded(coder, text)), coded(coder, text)


def test_an_apposition_renames_the_head_it_stands_beside(coder: Coder) -> None:
    # in 2012 the tables have Petraeus as CIA director; beside "the American commander" he is the commander
    from datetime import date

    from eventwire.model import Article

    text = "The American commander, General David Petraeus, met Pakistan's army chief in Islamabad."
    events = coder.code(Article(id="t", text=text, date=date(2012, 3, 1))).events
    sources = {e.source for e in events if e.cameo[:2] == "04" and e.source and e.source.startswith("USA")}
    assert sources == {"USAMIL"}, [(e.source, e.cameo, e.target) for e in events]


def test_an_apposition_of_another_country_is_another_actor(coder: Coder) -> None:
    events = coded(coder, "Two neighbours, Kenya and Somalia, accused Ethiopia of arming the militants.")
    assert {"KEN", "SOM"} <= {e[0] for e in events if e[1][:2] == "11"}, events
