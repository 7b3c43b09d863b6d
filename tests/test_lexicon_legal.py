"""The state's legal acts as crime and court news writes them (docs/annotation.md, Judiciary and the batch
decisions): charges, indictments, warrants and lawsuits 115, convictions and sentences 116, arrests 173,
releases from custody 0841; agentless passives are the judiciary's or the police's of the story's country,
and the charged person is the target. Each case is a sentence we wrote for this file."""

from __future__ import annotations

import datetime as dt

import pytest
from coding import coded, sentence_coder

from eventwire.model import Article
from eventwire.pipeline import Coder, CoderConfig


@pytest.fixture(scope="module")
def coder() -> Coder:
    return sentence_coder()


def has(events: set, source: str | None, code: str, target: str | None = None) -> bool:
    """Is there an event with this source, code and (when given) target?"""
    return any(e[0] == source and e[1] == code and (target is None or e[2] == target) for e in events)


CASES = [
    # a charge joined to an arrest by "and": the tagger reads "charged" as a past tense, it is still passive
    ("Two Kenyan men were arrested on Monday and charged with robbery.", ("---JUD", "115", "KENCRM")),
    # a bare participle clause on the sentence: done to the subject, by the court
    ("Two Ghanaian traders were being held without bail in an Accra jail, charged with smuggling gold.", ("GHAJUD", "115", None)),
    # a scheduled charge: the raised subject is charged, not the one charging
    ("The Ugandan opposition leader is expected to be charged on Monday.", ("UGAJUD", "115", "UGAOPP")),
    # headlines drop the auxiliary
    ("Kenyan opposition leaders charged", ("KENJUD", "115", "KENOPP")),
    # an arrest warrant charges someone; nobody is held yet (batches 07-08)
    ("A Peruvian court issued an arrest warrant for the former president.", ("PERJUD", "115", None)),
    ("An arrest warrant was issued for the former Bolivian president.", ("---JUD", "115", "BOLELI")),
    # the noun family of charges and lawsuits
    ("A grand jury returned an indictment against the Texas senator.", ("USAJUD", "115", "USALEG")),
    ("The Kenyan opposition filed suit against the electoral commission.", ("KENOPP", "115", None)),
    ("The Nigerian opposition filed a petition with the Supreme Court.", ("NGAOPP", "115", None)),
    ("The Kenyan opposition filed an election petition against the president.", ("KENOPP", "115", "KENGOV")),
    # trials and sentencing the court has set are the court's
    ("The former Peruvian president will stand trial for corruption.", ("---JUD", "115", "PERELI")),
    ("Sentencing of the Ohio man is set for November 8.", ("---JUD", "116", "USACRM")),
    ("The jury returned a guilty verdict against the Ohio man.", ("---JUD", "116", "USACRM")),
    # charges an arrest rests on are the court's, beside the arrest
    ("Police in Kenya arrested the governor on Monday on corruption charges.", ("KENJUD", "115", "KENGOV")),
    ("Two Canadian men had been arrested on charges of polygamy.", ("---JUD", "115", "CANCRM")),
    # investigations: questioning by police, allegations against someone are about that someone
    ("The man was questioned by Kenyan police on Monday.", ("KENCOP", "090", None)),
    ("Kenyan police said they would investigate the allegations against the governor.", ("KENCOP", "091", "KENGOV")),
    # the people seized, though the parser takes the first nationality for the object
    ("Indian commandos boarded the boat, seizing 12 Somali and 11 Yemeni nationals.", ("INDMIL", "173", None)),
    # a clause the parser hangs on a noun ("reports" read as a noun) is still a clause
    ("A local newspaper reports that Jones has been held without bond at the Ohio county jail since May.",
     ("USACOP", "173", "USACRM")),
    # bail: granting it releases from custody (0841), denying it refuses to release (1243)
    ("The Kenyan activist was granted bail on Monday.", ("KENCOP", "0841", "KENOPP")),
    ("A Nigerian court denied bail to the activist.", ("NGAJUD", "1243", None)),
    # findings of guilt or of unlawfulness: 116, even where the parser hangs the word deep
    ("Kenyan jury finds suspect in Nairobi office shooting guilty", ("KENJUD", "116", None)),
    ("A Kenyan court ruled that the new tax was illegal.", ("KENJUD", "116", "KENGOV")),
    ("The Kenyan court ruled against the government.", ("KENJUD", "116", "KENGOV")),
    ("A Kenyan court ruled that the protesters violated the law.", ("KENJUD", "116", "KENCVL")),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_legal_acts_of_the_state(coder: Coder, text: str, expected: tuple) -> None:
    events = coded(coder, text)
    assert has(events, *expected), events


def test_an_arrest_warrant_is_no_arrest(coder: Coder) -> None:
    events = coded(coder, "A Peruvian court issued an arrest warrant for the former president.")
    assert not any(e[1] == "173" for e in events), events


def test_the_charged_person_is_the_target_not_the_source(coder: Coder) -> None:
    events = coded(coder, "The Ugandan opposition leader is expected to be charged on Monday.")
    assert not any(e[1] == "115" and e[0] == "UGAOPP" for e in events), events


@pytest.mark.parametrize("text", [
    "Kenyan activists hoped the officers would be indicted.",
    "The Nigerian minister asked whether charges should be laid against the Lagos officers.",
    "The Chilean officers could be charged next week.",
])
def test_wished_or_possible_charges_are_nobody_s_act(coder: Coder, text: str) -> None:
    events = coded(coder, text)
    assert not any(e[1] in ("115", "116") and (e[0] or "").endswith("JUD") for e in events), events


@pytest.mark.parametrize("text", [
    "Residents of Lagos filed a petition with the governor asking for new roads.",
    "Kenyan students filed a petition against the fee increase.",
    "Two Kenyan men were arrested and later fled.",
    "The Ohio man was acquitted of murder.",
    "The Kenyan governor commented on charges that he took bribes.",
    "A Kenyan court found the governor not guilty of fraud.",
    "The Kenyan president ruled out talks with the opposition, calling them illegal.",
])
def test_no_charge_where_the_words_bring_none(coder: Coder, text: str) -> None:
    events = coded(coder, text)
    assert not any(e[1] in ("115", "116") for e in events), events


def test_denying_bail_is_no_denial_of_responsibility(coder: Coder) -> None:
    events = coded(coder, "A Nigerian court denied bail to the activist.")
    assert not any(e[1] == "016" for e in events), events


def test_a_suit_filed_by_someone_unknown_is_a_private_persons(coder: Coder) -> None:
    events = coded(coder, "A lawsuit was filed against the Kenyan electoral commission by a group of voters.")
    assert has(events, "KENCVL", "115", "KENGOV"), events


def test_a_suit_no_one_is_named_filing_is_not_the_courts(coder: Coder) -> None:
    events = coded(coder, "A lawsuit was filed against the Kenyan electoral commission.")
    assert not any(e[1] == "115" and (e[0] or "").endswith("JUD") for e in events), events


def test_investigating_the_allegations_is_investigating_the_accused(coder: Coder) -> None:
    text = "The Kenyan opposition accused the governor of fraud, and Kenyan police opened an investigation into the claims."
    events = coded(coder, text)
    assert has(events, "KENCOP", "090", "KENGOV"), events


@pytest.mark.parametrize("text,expected", [
    # investigating as a crime, in the words reporters use for it
    ("Investigators in Ohio are looking at the cause of the fire as possible arson.", ("USACOP", "091")),
    ("Kenyan police are investigating the fire as arson.", ("KENCOP", "091")),
    ("Kenyan police are investigating allegations of harassment against the governor.", ("KENCOP", "091")),
    ("Nigerian police opened an investigation into the killing of the journalist.", ("NGACOP", "091")),
    # an inquiry with no one named holding it is the authorities'
    ("An inquiry into the crash in Lagos was launched on Monday.", ("NGAGOV", "090")),
    ("An investigation is under way into the cause of the fire in Marseille.", ("FRAGOV", "090")),
    ("An urgent enquiry into the collapse in Turin is underway.", ("ITAGOV", "090")),
])
def test_investigations_as_news_tells_them(coder: Coder, text: str, expected: tuple) -> None:
    source, code = expected
    assert has(coded(coder, text), source, code), coded(coder, text)


@pytest.mark.parametrize("text", [
    "His investigation into the killing in Lagos was published by the newspaper.",
    "An investigation into the crash in Lagos is not under way.",
    "Tourists in Paris were looking at the paintings.",
])
def test_owned_or_denied_inquiries_are_no_authorities_inquiry(coder: Coder, text: str) -> None:
    events = coded(coder, text)
    assert not any(e[1].startswith("09") and e[0] is not None and e[0].endswith("GOV") for e in events), events


def test_a_date_in_a_clause_about_another_noun_does_not_make_the_inquiry_history() -> None:
    dated = Coder(CoderConfig(stages=("actors", "events", "dates", "codes")))
    text = "The Kenyan transport authority began an investigation of the crash of the bus, which was built in 1990."
    doc = dated.code(Article(id="t", text=text, date=dt.date(2021, 6, 9)))
    assert any(e.cameo.startswith("09") for e in doc.events), doc.events


@pytest.mark.parametrize("text,expected", [
    # the legwork of an inquiry is investigating
    ("Police in Ohio were gathering statements from witnesses on Thursday.", ("USACOP", "090")),
    ("Detectives in Ohio interviewed witnesses.", ("USACOP", "090")),
    ("Kenyan police took statements from the survivors.", ("KENCOP", "090")),
    # a conjoined event noun is the possessor's too
    ("The Nigerian army's response and investigation were praised.", ("NGAMIL", "090")),
])
def test_inquiry_legwork_and_shared_possessors(coder: Coder, text: str, expected: tuple) -> None:
    source, code = expected
    assert has(coded(coder, text), source, code), coded(coder, text)


@pytest.mark.parametrize("text", [
    "Farmers in Kenya gathered their harvest.",
    "The Kenyan minister took questions from reporters.",
])
def test_gathering_and_taking_other_things_is_no_inquiry(coder: Coder, text: str) -> None:
    assert not any(e[1].startswith("09") for e in coded(coder, text))
