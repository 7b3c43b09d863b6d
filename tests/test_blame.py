"""Blame put as a fact in someone's clause ("said X was behind the attack"): the speaker accuses X (112),
or claims the act for its own side (015); the same clause in the journalist's voice is no event.
Sentences written for this file."""

from __future__ import annotations

import pytest
from coding import coded, sentence_coder

from eventwire.pipeline import Coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    return sentence_coder()


ACCUSING = [
    ("Kenyan officials said al-Shabaab was behind the attack on the bus.", ("KENGOV", "112")),
    ("The Nigerian army said Boko Haram fighters were responsible for the bombing.", ("NGAMIL", "112")),
    ("Iraq's interior ministry said Islamic State militants were the perpetrators.", ("IRQGOV", "112")),
    ("The Colombian government said the blast was the work of the ELN.", ("COLGOV", "112")),
    ("Israel's foreign ministry said Hezbollah was to blame for the rocket fire.", ("ISRGOV", "112")),
    ("Ukraine's president said the strike was Russia's doing.", ("UKRGOV", "112")),
]


@pytest.mark.parametrize(("text", "expected"), ACCUSING)
def test_a_stated_blame_is_the_speakers_accusation(coder: Coder, text: str, expected: tuple[str, str]) -> None:
    found = coded(coder, text)
    source, code = expected
    assert any(s == source and c == code and t for s, c, t in found), found


def test_blamed_side_is_the_target(coder: Coder) -> None:
    assert ("UKRGOV", "112", "RUS") in coded(coder, "Ukraine's president said the strike was Russia's doing.")


def test_own_side_claims_the_act(coder: Coder) -> None:
    found = coded(coder, "The Taliban said they were behind the attack on the checkpoint.")
    assert any(c == "015" for _, c, _ in found), found
    assert not any(c == "112" for _, c, _ in found), found


@pytest.mark.parametrize("text", [
    "Al-Shabaab was behind the attack on the bus.",  # the journalist's own voice
    "The Kenyan ministry said the agency was responsible for border security.",  # duty, not blame
    "Kenyan police said the suspect was behind bars.",
    "Kenyan officials said al-Shabaab was not behind the attack.",  # negated
])
def test_no_accusation_without_a_stated_wrong(coder: Coder, text: str) -> None:
    assert not any(c in ("112", "015") for _, c, _ in coded(coder, text)), coded(coder, text)


def test_a_verdict_on_an_act_is_not_aimed_at_the_place_of_the_act(coder: Coder) -> None:
    found = coded(coder, "The African Union condemned the shelling of the airport near Khartoum.")
    assert not any(c.startswith("11") and t and t.startswith("SDN") for _, c, t in found), found


def test_igo_codes_do_not_repeat_the_sector_they_spell() -> None:
    from eventwire.model import actor_code
    assert actor_code("IGO", ("REF",), "IGOUNOREFHCR") == "IGOUNOREFHCR"
    assert actor_code("IGO", ("MIL",), "IGOWSTNAT") == "IGOWSTNATMIL"


VERDICTS = [
    ("Kenya said Uganda's decision was wrong.", ("KEN", "111", "UGA")),
    ("Peru's foreign minister said the Bolivian arrests were illegal.", ("PERGOV", "111", "BOL")),
    ("Kenya said Uganda had violated the ceasefire.", ("KEN", "112", "UGA")),
    ("Ghana lambasted Togo's decision.", ("GHA", "111", "TGO")),
    ("Ghana called Togo's decision a mistake.", ("GHA", "111", "TGO")),
    ("Ghana described Togo's move as irresponsible.", ("GHA", "111", "TGO")),
    ("Ghanaian officials were critical of Togo.", ("GHAGOV", "111", "TGO")),
    ("Ghana objected to Togo's plan.", ("GHA", "110", "TGO")),
    ("Ghana was disappointed by Togo's decision.", ("GHA", "110", "TGO")),
]


@pytest.mark.parametrize(("text", "event"), VERDICTS)
def test_verdicts_and_reported_wrongs_are_disapproval(coder: Coder, text: str, event: tuple[str, str, str]) -> None:
    assert event in coded(coder, text), coded(coder, text)


@pytest.mark.parametrize("text", [
    "Kenya said the Ugandan decision was not illegal.",
    "The Kenyan senate did not find that Uganda had violated the deal.",
    "The Kenyan patient was in critical condition.",
    "Kenyan fans were disappointed by the result.",
    "Kenya said its own decision was wrong.",
])
def test_no_verdict_without_one(coder: Coder, text: str) -> None:
    assert not any(c in ("110", "111", "112") for _, c, _ in coded(coder, text)), coded(coder, text)
