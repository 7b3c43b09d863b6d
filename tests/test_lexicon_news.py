"""News phrasings of the lexicon families added for real news (particle verbs, light verbs with
nouns, supplies and tariffs, legal codes, crowds): each on sentences we wrote for this file."""

from __future__ import annotations

import datetime as dt

import pytest
from coding import coded, sentence_coder

from eventwire.events import load_lexicon
from eventwire.events.coverage import format_coverage, lexicon_coverage
from eventwire.model import Article
from eventwire.ontology import load_ontology
from eventwire.pipeline import Coder, CoderConfig


@pytest.fixture(scope="module")
def coder() -> Coder:
    return sentence_coder()


@pytest.fixture(scope="module")
def with_places() -> Coder:
    """The coder with the places stage, whose towns tell the article its country."""
    return Coder(CoderConfig(stages=("actors", "events", "places", "codes")))


CASES = [
    # threats frame what is threatened: stopping supplies is an embargo (163), threatened: 1312
    ("Algeria threatened to cut oil exports to Spain.", ("DZA", "1312", "ESP")),
    ("Qatar halted gas deliveries to Egypt.", ("QAT", "163", "EGY")),
    ("Canada imposed tariffs on Chinese steel.", ("CAN", "163", "CHN")),
    ("Norway froze aid to Mali.", ("NOR", "162", "MLI")),
    # particle verbs
    ("The Nigerien president lashed out at France.", ("NERGOV", "111", "FRA")),
    ("Tanzania broke off talks with Kenya.", ("TZA", "164", "KEN")),
    ("Peru turned down Bolivia's offer.", ("PER", "120", "BOL")),
    # light verbs and agreements
    ("Serbia and Kosovo reached an agreement on licence plates.", ("SRB", "057", "XKX")),
    ("Chad struck a deal with Sudan on border security.", ("TCD", "057", "SDN")),
    ("The Kenyan foreign minister congratulated Zambia's new president.", ("KENGOV", "051", "ZMBGOV")),
    # legal action: charges 115, convictions and sentences 116 (CAMEO's own codes)
    ("A Russian court sentenced the opposition leader to nine years.", ("RUSJUD", "116", "RUSOPP")),
    ("Brazilian prosecutors indicted the former president.", ("BRAJUD", "115", "BRAELI")),
    # force
    ("Ethiopian troops recaptured the town from Tigrayan rebels.", ("ETHMIL", "192", None)),
    ("Indonesian police captured three suspected militants.", ("IDNCOP", "173", None)),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_news_phrasings(coder: Coder, text: str, expected: tuple) -> None:
    events = coded(coder, text)
    source, code, target = expected
    assert any(e[0] == source and e[1] == code and (target is None or e[2] == target) for e in events), events


def test_a_protest_with_no_named_protesters_is_the_people_against_their_government(coder: Coder) -> None:
    events = coded(coder, "Protests spread through the capital of Chile on Monday, and riots broke out in Santiago.")
    assert ("CHLCVL", "145", "CHLGOV") in events or any(e[1].startswith("14") and e[0] == "CHLCVL" for e in events)
    assert all(e[2] for e in events if e[1].startswith("14")), events


def test_a_protest_against_someone_named_keeps_that_target(coder: Coder) -> None:
    events = coded(coder, "Students in Dhaka protested against the Indian embassy.")
    assert any(e[1].startswith("14") and e[2] == "INDGOV" for e in events), events


def test_sport_and_products_still_code_nothing(coder: Coder) -> None:
    assert coded(coder, "Argentina beat Croatia 3-0 in the semi-final.") == set()
    assert coded(coder, "Samsung unveiled a folding phone in Seoul on Wednesday.") == set()


def test_coverage_lists_every_cameo_code_with_its_entries() -> None:
    ontology = load_ontology()
    rows = lexicon_coverage(load_lexicon(known_codes=frozenset(ontology.codes)), ontology)
    assert [r.code for r in rows] == list(ontology.codes)
    by_code = {r.code: r for r in rows}
    assert "cut-supplies" in by_code["163"].entries
    assert any(f.startswith("appeal+") for f in by_code["026"].frames)
    report = format_coverage(rows, {"16": (10, 0.5)})
    assert "0.500 of 10" in report and "CAMEO event codes have at least one entry" in report
    gaps = format_coverage(rows, only_gaps=True)
    assert "cut-supplies" not in gaps


def test_agentless_passives_of_arrests_and_sentences_are_done_by_police_and_courts(coder: Coder) -> None:
    assert ("UGACOP", "173", "UGAOPP") in coded(coder, "Two Ugandan opposition activists were arrested on Friday.")
    assert ("BLRJUD", "116", "BLROPP") in coded(coder, "A Belarusian opposition leader was sentenced to ten years.")


def test_participles_and_hopes_give_no_implicit_agent(coder: Coder) -> None:
    events = coded(coder, "Ghana freed a Togolese activist jailed in 2019.")
    assert not any(e[1] == "173" for e in events), events
    events = coded(coder, "Kenya hopes Ugandan officials will be prosecuted.")
    assert not any(e[1] == "115" and e[0].endswith("JUD") for e in events), events


def test_domestic_actors_take_the_country_the_article_is_about(coder: Coder) -> None:
    text = ("Bolivia's government faced a third day of unrest on Monday. Bolivian unions blocked roads "
            "near La Paz. Police arrested 40 people on Tuesday.")
    events = coded(coder, text)
    assert any(e[0] == "BOLCOP" and e[1] == "173" for e in events), events


def test_the_first_paragraph_knows_the_country_the_whole_article_is_about(coder: Coder) -> None:
    text = ("Police arrested 40 people on Tuesday.\n\nThe arrests followed a week of unrest in Bolivia. "
            "Bolivian unions had blocked roads, and the Bolivian government called for calm.")
    events = coded(coder, text)
    assert any(e[0] == "BOLCOP" and e[1] == "173" for e in events), events


def test_places_the_article_names_give_its_country_when_its_actors_do_not(with_places: Coder) -> None:
    text = ("Two men were arrested on Saturday, police said.\n\nThe men were stopped on a highway near "
            "Tucson, Arizona, and taken to a jail in Phoenix.")
    events = coded(with_places, text)
    assert any(e[0] == "USACOP" and e[1] == "173" for e in events), events


@pytest.mark.parametrize("text", [
    "A refugee camp in Chad was bombed on Tuesday.",
    "Twin bombings killed 14 Nigerian soldiers near the border.",
])
def test_violence_against_named_victims_is_coded_without_a_known_perpetrator(coder: Coder, text: str) -> None:
    events = coded(coder, text)
    assert any(e[0] is None and e[1][:2] in ("18", "19") and e[2] for e in events), events


@pytest.mark.parametrize("text", [
    "Three Chilean climbers were killed in an avalanche.",
    "A Kenyan cyclist was struck by a truck on Sunday.",
    "A Brazilian striker shot wide in the final minute.",
])
def test_harm_without_a_deliberate_word_is_no_attack(coder: Coder, text: str) -> None:
    assert not any(e[1][:2] in ("18", "19") for e in coded(coder, text)), coded(coder, text)


def test_the_demands_of_a_countrys_people_are_on_its_government(coder: Coder) -> None:
    events = coded(coder, "Chilean students demanded free tuition.")
    assert ("CHLEDU", "100", "CHLGOV") in events or any(e[2] == "CHLGOV" and e[1][:2] == "10" for e in events), events
    events = coded(coder, "Iran demanded compensation.")
    assert not any(e[2] == "IRNGOV" for e in events), events


def test_one_foreigner_named_often_does_not_move_the_story_abroad(with_places: Coder) -> None:
    text = ("A man was stabbed in Leicester on Friday night. Police arrested Nigerian student Tunde Bakare at "
            "the scene.\n\nBakare was taken to a police station. Bakare had arrived in 2019, and his lawyer "
            "said Bakare would plead not guilty. Bakare told the court he was innocent.\n\n"
            "Police detained a second man on Saturday.")
    events = coded(with_places, text)
    assert ("GBRCOP", "173", "GBRCRM") in events, events  # the second arrest: nobody foreign in sight


def test_many_people_of_one_country_still_make_the_story_theirs(with_places: Coder) -> None:
    text = ("Nigerian activists Tunde Bakare and Aisha Yusuf were detained on Friday. Nigerian student leader "
            "Emeka Obi was also held.\n\nPolice arrested a fourth activist on Saturday.")
    events = coded(with_places, text)
    assert any(e[0] == "NGACOP" and e[1] == "173" for e in events), events


def test_a_private_person_arrested_or_charged_is_a_suspect_of_the_storys_country(with_places: Coder) -> None:
    text = ("A fire destroyed a warehouse in Leeds on Monday.\n\nPolice arrested Daniel Okafor on Tuesday. "
            "Okafor was charged with arson on Wednesday.")
    events = coded(with_places, text)
    assert ("GBRCOP", "173", "GBRCRM") in events, events
    assert any(e[1][:3] == "115" and e[2] == "GBRCRM" for e in events), events


def test_what_a_private_person_does_is_no_event(with_places: Coder) -> None:
    text = ("A fire destroyed a warehouse in Leeds on Monday.\n\nDaniel Okafor met the mayor on Tuesday. "
            "Okafor criticised the fire service.")
    events = coded(with_places, text)
    assert not any(e[0] and e[0].endswith("CVL") for e in events), events


@pytest.mark.parametrize("text", [
    '"We condemn this cowardly attack," Ghanaian President John Mahama said.',
    'Ghanaian President John Mahama said: "I condemn this cowardly attack."',
])
def test_i_and_we_in_a_quote_are_the_speaker(coder: Coder, text: str) -> None:
    assert any(e[0] == "GHAGOV" and e[1][:2] == "11" for e in coded(coder, text)), coded(coder, text)


def test_we_outside_a_quote_is_not_the_speaker(coder: Coder) -> None:
    events = coded(coder, "The Ghanaian ministry said it would help us.")
    assert not any(e[2] == "GHAGOV" and e[0] == "GHAGOV" for e in events), events


def test_no_home_country_when_the_article_is_about_several(coder: Coder) -> None:
    text = "Peru and Chile met. Chile and Peru talked again. Police arrested 40 people on Tuesday."
    events = coded(coder, text)
    assert not any(e[1] == "173" and e[0] in ("PERCOP", "CHLCOP") for e in events), events


def test_one_politician_attacking_another_is_criticism(coder: Coder) -> None:
    events = coded(coder, "Emmanuel Macron attacked Boris Johnson over fishing licences.")
    assert any(e[1] == "111" for e in events) and not any(e[1].startswith("19") for e in events), events
    assert ("RUS", "190", "UKR") in coded(coder, "Russia attacked Ukraine on Thursday.")


def test_governments_protest_officially_and_workers_strike(coder: Coder) -> None:
    assert ("KOR", "114", "JPN") in coded(coder, "South Korea lodged a strong protest with Japan over the textbooks.")
    events = coded(coder, "The Ghanaian government protested against the Nigerian border closure.")
    assert any(e[0] == "GHAGOV" and e[1] == "114" for e in events), events
    events = coded(coder, "British activists protested outside the Chinese embassy in London.")
    assert not any(e[1] == "114" for e in events), events
    events = coded(coder, "Thousands of Italian workers walked off the job on Friday.")
    assert any(e[0] == "ITALAB" and e[1] == "143" for e in events), events


def test_a_vow_to_retaliate_is_a_threat_of_force(coder: Coder) -> None:
    assert ("PRK", "1384", "KOR") in coded(coder, "North Korea vowed to retaliate against South Korea.")


def test_rallies_that_are_held_or_announced_are_protests_but_campaign_rallies_are_not(coder: Coder) -> None:
    events = coded(coder, "Chilean students staged a rally in Santiago on Thursday.")
    assert any(e[0] == "CHLEDU" and e[1] == "141" for e in events), events
    assert not any(e[1] == "141" for e in coded(coder, "The Brazilian candidate held a campaign rally in Recife."))


def test_a_noun_event_reported_by_its_own_doer(coder: Coder) -> None:
    events = coded(coder, "Kenyan police said they made 30 arrests in Nairobi.")
    assert any(e[0] == "KENCOP" and e[1] == "173" for e in events), events


def test_killing_a_person_the_role_tables_do_not_know_is_still_violence(coder: Coder) -> None:
    events = coded(coder, "Myanmar soldiers killed a girl in Mandalay on Sunday.")
    assert any(e[0] == "MMRMIL" and e[1].startswith("19") for e in events), events
    assert not any(e[1] == "111" for e in events), events


def test_people_the_tables_do_not_know_are_suspects_when_arrested(coder: Coder) -> None:
    events = coded(coder, "Peruvian police detained two men in Lima on Sunday.")
    assert ("PERCOP", "173", "PERCRM") in events, events
    events = coded(coder, "Juan Perez and Luis Garcia were arrested on Friday in Lima.")
    assert any(e[1] == "173" and e[0] == "PERCOP" for e in events), events


FAMILY_CASES = [
    # the specific codes CAMEO has for easing, accusing, striking, cutting aid, expelling, damaging
    ("Peru's government lifted the curfew in Lima.", ("PERGOV", "0813")),
    ("The Burmese junta lifted martial law in Yangon.", ("MMRGOV", "0814")),
    ("Libya admitted UN inspectors.", ("LBY", "0862")),
    ("Mexican prosecutors investigated corruption at Pemex.", ("MEXJUD", "091")),
    ("Iran accused Britain of espionage.", ("IRN", "1125")),
    ("Azerbaijan accused Armenia of aggression.", ("AZE", "1123")),
    ("Chile accused Bolivia of human rights abuses.", ("CHL", "1122")),
    ("Kenyan teachers began a strike over pay.", ("KENEDU", "1432")),
    ("Pakistan blocked YouTube.", ("PAK", "1721")),
    ("The Netherlands cut military aid to Uganda.", ("NLD", "1622")),
    ("Mali expelled UN peacekeepers.", ("MLI", "1661")),
    ("Indian authorities bulldozed a mosque in Assam.", ("INDGOV", "1712")),
    ("Ghanaian police confiscated weapons in Accra.", ("GHACOP", "1711")),
    ("Georgia and Russia vowed to settle their dispute.", ("GEO", "037")),
    ("Kenya threatened to impose a curfew on Mombasa.", ("KEN", "1323")),
    ("The Moroccan king issued a statement on the Algerian elections.", ("MARGOV", "010")),
]


@pytest.mark.parametrize("text,expected", FAMILY_CASES, ids=[c[0][:40] for c in FAMILY_CASES])
def test_specific_cameo_codes(coder: Coder, text: str, expected: tuple) -> None:
    source, code = expected
    assert any(e[0] == source and e[1] == code for e in coded(coder, text)), coded(coder, text)


def test_the_people_of_a_country_protest_while_its_state_complains(coder: Coder) -> None:
    events = coded(coder, "Thousands of Nigerians protested in Lagos.")
    assert any(e[1].startswith("14") and e[1] != "114" for e in events), events


def test_force_between_crowds_and_police_is_protest_and_repression(coder: Coder) -> None:
    events = coded(coder, "Protesters clashed with police in Santiago.")
    assert ("CHLCVL", "145", "CHLCOP") in events and ("CHLCOP", "175", "CHLCVL") in events, events
    events = coded(coder, "Students blockaded the Serbian parliament.")
    assert any(e[1] == "144" for e in events), events
    assert ("RUS", "191", "UKR") in coded(coder, "Russia blockaded Ukraine's ports.") or any(
        e[1] == "191" for e in coded(coder, "Russia blockaded Ukraine's ports."))


def test_headline_infinitives_announce_plans(coder: Coder) -> None:
    doc = coder.code(Article(id="h", text="Japan to lift sanctions on Myanmar", date=dt.date(2021, 6, 9)))
    assert any(e.cameo == "085" and e.modality == "future" for e in doc.events), doc.events


def test_armed_strikes_on_facilities(coder: Coder) -> None:
    assert any(e[1] == "190" and e[2] == "SAU" for e in coded(coder, "Houthi missiles hit Saudi airports."))
    assert not any(e[1].startswith("19") for e in coded(coder, "Indian exports hit a record in March."))


def test_calls_for_someone_to_quit_appeal_for_a_change_of_leadership(coder: Coder) -> None:
    events = coded(coder, "The Peruvian opposition renewed calls for the president to quit.")
    assert ("PEROPP", "0241", "PERGOV") in events, events


def test_states_launch_offensives_and_troops_leave(coder: Coder) -> None:
    assert any(e[0] == "AZE" and e[1] == "190" for e in coded(coder, "Azerbaijan began a military offensive on Tuesday."))
    events = coded(coder, "The Kremlin said Russian troops would be leaving Kazakhstan.")
    assert any(e[0].startswith("RUS") and e[1] in ("0874", "0356") for e in events), events  # or the intent to
    assert coded(coder, "Brazil defeated Argentina in the Copa America final.") == set()


def test_a_politician_attacking_a_parliament_or_the_press_is_criticism(coder: Coder) -> None:
    events = coded(coder, "Hungarian Prime Minister Viktor Orban attacked the Hungarian parliament.")
    assert any(e[1] == "111" for e in events) and not any(e[1].startswith("19") for e in events), events
    assert any(e[1] == "190" for e in coded(coder, "Vladimir Putin attacked Ukraine."))


def test_a_condemned_act_is_not_done_by_the_one_condemning_it(coder: Coder) -> None:
    events = coded(coder, "Canada condemned the invasion by Russia.")
    assert ("CAN", "111", "RUS") in events
    assert not any(e[0] == "CAN" and e[1].startswith("19") for e in events), events


def test_a_statement_about_no_one_is_no_event(coder: Coder) -> None:
    events = coded(coder, "The Moroccan foreign ministry issued a statement saying the talks would resume.")
    assert not any(e[1] == "010" for e in events), events


def test_thanks_are_praise_and_states_of_emergency_are_declared(coder: Coder) -> None:
    assert ("CHLGOV", "051", "ARG") in coded(coder, "The Chilean president thanked Argentina for its help.")
    assert ("KEN", "013", "JPN") in coded(coder, "Kenya expressed appreciation to Japan.")  # a comment, as PETRARCH codes it
    assert any(e[1] == "1724" for e in coded(coder, "The Ecuadorian government declared a state of emergency."))


def test_history_resignations_and_released_plans_are_not_events(coder: Coder) -> None:
    full = Coder(CoderConfig(stages=("actors", "events", "codes", "dates")))
    doc = full.code(Article(id="h", text="Kenyan police arrested the opposition leader in 2009.", date=dt.date(2021, 6, 9)))
    assert doc.events == [], doc.events
    doc = full.code(Article(id="n", text="Kenyan police arrested the opposition leader on Monday.", date=dt.date(2021, 6, 9)))
    assert any(e.cameo == "173" for e in doc.events)
    assert not any(e[1] == "0831" for e in coded(coder, "The Peruvian president resigned on Monday."))
    assert ("PERCVL", "0241", "PERGOV") in coded(coder, "Peruvian protesters called on the president to resign.")
    assert coded(coder, "The Chilean governor released plans for a special election.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya's interior ministry issued a statement on Monday. It also urged residents to stay indoors.",
     ("KENGOV", "020", "KENCVL")),
    ("Chilean students marched in Santiago. They demanded free tuition from the government.",
     ("CHLEDU", "100", "CHLGOV")),
])
def test_it_and_they_stand_for_the_body_named_just_before(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text)


def test_an_empty_it_or_a_distant_body_is_nobody(coder: Coder) -> None:
    events = coded(coder, "Kenya's interior ministry issued a statement. It is likely that curfews will be urged.")
    assert not any(e[0] == "KENGOV" and e[1] == "020" for e in events), events
    text = ("The Mexican navy rescued a fishing crew. The storm moved north. The rain stopped. "
            "It also urged the residents of Sonora to stay indoors.")
    assert not any(e[0] == "MEXMIL" and e[1] == "020" for e in coded(coder, text))


def test_a_gerund_after_before_or_by_is_done_by_the_main_subject(coder: Coder) -> None:
    assert any(e[0] == "PAKMIL" and e[1].startswith("19") for e in coded(
        coder, "The Pakistani army held the valley for a week before attacking the rebels in their camps."))
    assert ("NGAGOV", "020", "NGALAB") in coded(
        coder, "The Nigerian government ended the strike by urging workers to return to work.")


def test_an_infinitive_on_a_decision_or_plan_is_done_by_its_holder(coder: Coder) -> None:
    assert ("GHA", "166", "TGOGOV") in coded(coder, "Ghana's decision to expel the Togolese ambassador surprised Accra.")
    assert ("PERLEG", "166", "BOLGOV") in coded(
        coder, "The Peruvian Congress voted on a motion to expel the Bolivian ambassador.")


def test_a_participle_saying_who_did_an_attack_gives_its_source(coder: Coder) -> None:
    assert any(e[0] == "SOMREB" and e[1].startswith(("18", "19")) for e in coded(
        coder, "Nine soldiers died in the attack near Mogadishu, claimed by Somali rebels."))
    assert any(e[0] == "NGAREB" and e[1].startswith(("18", "19")) for e in coded(
        coder, "The raid, carried out by Nigerian rebels, killed four villagers."))


@pytest.mark.parametrize(("text", "expected"), [
    ("Zambian opposition leader arrested on suspicion of fraud", ("ZMBCOP", "173", "ZMBOPP")),
    ("The Zambian opposition leader was questioned and arrested near the border.", ("ZMBCOP", "173", "ZMBOPP")),
    ("Two Zambian opposition leaders are under arrest for the riot.", ("ZMBCOP", "173", "ZMBOPP")),
    ("The Zambian opposition leader was later released on bail.", ("ZMBCOP", "0841", "ZMBOPP")),
])
def test_police_hold_people_the_sentence_names_no_one_holding(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text)


def test_a_state_act_in_a_sentence_the_police_attribute_is_theirs(coder: Coder) -> None:
    assert ("ZMBCOP", "090", None) in coded(coder, "An investigation into the fire is under way, Zambian police said.")
    events = coded(coder, "A bomb attack killed three people in Lusaka, Zambian police said.")
    assert not any(e[0] == "ZMBCOP" and e[1].startswith(("18", "19")) for e in events), events


def test_hostages_released_and_a_description_in_a_sentence_are_not_police_acts(coder: Coder) -> None:
    assert not any(e[1] == "0841" for e in coded(coder, "The Zambian hostages were released on Monday."))
    assert not any(e[1] == "173" for e in coded(
        coder, "The Zambian opposition leader jailed in 2009 spoke to reporters on Monday."))


def test_people_hurt_in_clashes_with_police_riot_and_are_repressed(coder: Coder) -> None:
    events = coded(coder, "Dozens of people were injured in clashes with police in Quito on Saturday.")
    assert ("ECUCVL", "145", "ECUCOP") in events and ("ECUCOP", "175", "ECUCVL") in events, events
    events = coded(coder, "Two Yemeni children were killed in a Saudi airstrike on Monday.")
    assert any(e[0] == "SAU" and e[1].startswith(("18", "19")) and e[2] == "YEMCVL" for e in events), events


# -- police and court acts on people the tables cannot name; measures nobody is said to take ---------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Police in Moscow detained him on Friday.", ("RUSCOP", "173", "RUSCRM")),  # a pronoun is a suspect
    ("The driver was charged with manslaughter, prosecutors in Ohio said.", ("USAJUD", "115", "USACRM")),
    ("Police in Lagos opened an investigation into the driver.", ("NGACOP", "090", "NGACRM")),
    ("All schools in Kenya were closed on Monday.", ("KENGOV", "172", None)),  # only a government can
    ("Bolivia's health minister said public transport would be suspended until Friday.", ("BOLGOV", "172", None)),
    ("Wearing masks in shops will become compulsory, the Irish health minister announced.", ("IRLGOV", "172", None)),
])
def test_acts_of_office_on_unnamed_people_and_measures_without_an_agent(coder: Coder, text: str, expected: tuple):
    events = coded(coder, text)
    source, code, target = expected
    assert any(e[0] == source and e[1] == code and (target is None or e[2] == target) for e in events), events


def test_police_telling_of_an_arrest_tell_of_their_own_act_not_an_accusation(coder: Coder) -> None:
    events = coded(coder, "Marcus Dillard was arrested on Sunday after a car chase, the Texas Highway Patrol said.")
    assert ("USACOP", "173", "USACRM") in events
    assert not any(e[1].startswith("112") for e in events), events


def test_a_measure_a_minister_announces_is_that_measure_not_a_threat(coder: Coder) -> None:
    events = coded(coder, "Bolivia's health minister said public transport would be suspended until Friday.")
    assert not any(e[1].startswith("13") for e in events), events


@pytest.mark.parametrize("text", [
    "Schools in Kenya were closed for the holidays.",  # routine closures are no measure
    "The road to the village in Kenya was closed by a landslide.",
])
def test_routine_or_natural_closures_are_no_government_measure(coder: Coder, text: str) -> None:
    assert not any(e[1].startswith("172") for e in coded(coder, text))


@pytest.mark.parametrize("text", [
    "Kenya's president declared Friday a day of mourning for the flood victims.",
    "The mayor of Lodz has declared tomorrow a day of mourning.",  # the parser takes the day for an adverbial
])
def test_a_day_declared_one_of_mourning_is_declared_mourning(coder: Coder, text: str) -> None:
    assert any(e[1] == "017" for e in coded(coder, text)), coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Police in Ohio appealed for the public's help.", ("USACOP", "020", "USACVL")),
    ("The Kenyan president asked for the army's support.", ("KENGOV", "020", "KENMIL")),
])
def test_an_appeal_for_someones_help_is_made_to_them(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text), coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Kenyan president expressed sympathy after the crash.", ("KENGOV", "018", "KENCVL")),  # the bereaved
    ("The Indian prime minister sent his condolences to Turkey after the earthquake.", ("INDGOV", "018", "TUR")),
])
def test_condolences_go_to_whom_they_are_sent_else_to_the_bereaved(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text), coded(coder, text)


def test_family_members_arrested_are_the_suspects_of_the_case(coder: Coder) -> None:
    assert ("USACOP", "173", "USACRM") in coded(coder, "The two parents were arrested in California last year.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenyan prosecutors opened a criminal investigation of the company's accounts.", ("KENJUD", "091", "KENBUS")),
    ("Police in Ohio launched an investigation into the mayor's finances.", ("USACOP", "090", "USAGOV")),
])
def test_an_investigation_of_someones_affairs_investigates_them(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text), coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia fired rockets targeting Ukrainian soldiers near Kharkiv.", ("RUS", "190", "UKRMIL")),
    ("Protesters carrying banners criticising the Kenyan government marched in Nairobi.",
     ("KENCVL", "111", "KENGOV")),
])
def test_a_participle_on_a_weapon_or_a_crowd_is_done_by_its_wielder(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text), coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    # arrests no phrase names are of suspects, or of the protesters when the sentence is about a protest
    ("Police in Ohio made two arrests on Friday.", ("USACOP", "173", "USACRM")),
    ("Police in Lyon made 40 arrests as the protests grew.", ("FRACOP", "173", "FRACVL")),
    ("Hundreds of arrests were made in Lyon.", ("FRACOP", "173", "FRACRM")),
    # a man the text names only by a place is a suspect of that place
    ("Ohio police arrested a Toronto man on Tuesday.", ("USACOP", "173", "CANCRM")),
    ("Police in Ohio detained a man from Cleveland.", ("USACOP", "173", "USACRM")),
    # "faces charges": the subject undergoes what prosecutors did
    ("John Kessler, 45, faces fraud charges in Ohio.", ("USAJUD", "115", "USACRM")),
    ("Russia faces new sanctions from the European Union.", ("IGOEUREEC", "163", "RUS")),
    # "found the suspect guilty": the one found guilty is the defendant
    ("A jury in Michigan found the suspect guilty of arson.", ("USAJUD", "116", "USACRM")),
    # a sentence or a charge that names no one is on the defendant of the story
    ("The Texas jury recommended the maximum sentence of life in prison.", ("USAJUD", "116", "USACRM")),
])
def test_arrests_charges_and_sentences_are_on_a_defendant(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text), coded(coder, text)


@pytest.mark.parametrize("text", [
    "A Texas lawsuit challenges the new voting rules.",  # a lawsuit is on whoever is sued, named or not
    "Civil rights groups in Ohio filed legal challenges on Monday.",
])
def test_a_lawsuit_has_no_implied_defendant(coder: Coder, text: str) -> None:
    assert not any(target and target.endswith("CRM") for _, _, target in coded(coder, text)), coded(coder, text)


def test_a_denied_arrest_does_not_hide_the_investigation_beside_it(coder: Coder) -> None:
    events = coded(coder, "The crash in Ohio was investigated by state police, and no arrests were made.")
    assert any(code.startswith("09") for _, code, _ in events), events


@pytest.mark.parametrize("text", [
    "The families of the wounded Kenyan officers requested privacy.",
    "The Kenyan hospital asked for patience.",
    "The Peruvian minister's spokesman pleaded for understanding.",
])
def test_requests_for_privacy_or_patience_are_no_appeals(coder: Coder, text: str) -> None:
    assert not any(c.startswith("02") for _, c, _ in coded(coder, text)), coded(coder, text)


def test_foreign_powers_are_an_actor_of_no_country(coder: Coder) -> None:
    found = coded(coder, "Iran's president said foreign powers should get out of the Gulf.")
    assert ("IRNGOV", "020", "---GOV") in found, found
    assert not any(s == "IRNGOV" and c.startswith("03") for s, c, _ in
                   coded(coder, "The world powers agreed to lift sanctions on Iran.")), "world powers are not Iran"


@pytest.mark.parametrize(("text", "expected"), [
    # a parliament's vote to expel foreign troops is a demand that they leave (105), not an expulsion
    ("The Iraqi parliament voted to expel American troops.", ("IRQLEG", "105", "USAMIL")),
    ("The Iraqi parliament voted for the expulsion of US troops.", ("IRQLEG", "105", "USAMIL")),
    # owning up to what one's own soldiers did is a claim (015) and the act, by the speaker's side
    ("The Kenyan army acknowledged that its soldiers had killed civilians.", ("KENMIL", "015", None)),
    ("The Kenyan army acknowledged that its soldiers had killed civilians.", ("KENMIL", "190", None)),
    ("The Kenyan army denied killing civilians.", ("KENMIL", "016", None)),
])
def test_votes_claims_and_denials(coder: Coder, text: str, expected: tuple) -> None:
    source, code, target = expected
    events = coded(coder, text)
    assert any(e[0] == source and e[1] == code and (target is None or e[2] == target) for e in events), events


def test_a_denied_act_is_not_coded(coder: Coder) -> None:
    events = coded(coder, "The Kenyan army denied killing civilians.")
    assert not [e for e in events if e[1][:2] in {"18", "19", "20"}], events


def test_a_speakers_own_soldiers_are_not_accused(coder: Coder) -> None:
    events = coded(coder, "The Kenyan army said that its soldiers had killed the rebels.")
    assert not [e for e in events if e[1] == "112"], events


def test_the_army_expelling_forces_from_a_town_is_still_an_expulsion(coder: Coder) -> None:
    assert not [e for e in coded(coder, "The Iraqi army expelled Turkish forces from the town.") if e[1] == "105"]


def test_a_claimed_act_stays_a_claim(coder: Coder) -> None:
    events = coded(coder, "The Kenyan army claimed that its soldiers had killed the rebels.")
    assert ("KENMIL", "015", "---REB") in events and not [e for e in events if e[1][:2] == "19"], events


@pytest.mark.parametrize(("text", "expected"), [
    # a threat named by its noun frames what is threatened, which is not coded as done
    ("Russia's threat to cut gas supplies to Ukraine angered Kyiv.", ("RUS", "1312", "UKR")),
    ("Russia issued a warning to Ukraine.", ("RUS", "130", "UKR")),
])
def test_nominal_threats_and_warnings(coder: Coder, text: str, expected: tuple) -> None:
    events = coded(coder, text)
    assert expected in events and not [e for e in events if e[1] == "163"], events


@pytest.mark.parametrize("text", [
    "The Kenyan weather office issued a flood warning.",
    "The Kenyan government said the drought poses a threat to food security.",
])
def test_warnings_of_weather_and_threats_to_things_are_no_threats(coder: Coder, text: str) -> None:
    assert not [e for e in coded(coder, text) if e[1][:2] == "13"]


def test_a_denial_is_not_aimed_at_the_denied_acts_place(coder: Coder) -> None:
    assert ("KEN", "016", None) in coded(coder, "Kenya denies sending troops to Somalia.")


def test_warning_what_could_happen_threatens_no_one(coder: Coder) -> None:
    events = coded(coder, "Two Canadian prosecutors warned such charges could trigger a court challenge.")
    assert not [e for e in events if e[1][:2] == "13"], events
    assert ("RUS", "130", "UKR") in coded(coder, "Russia warned Ukraine it would face consequences.")
