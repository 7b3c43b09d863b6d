"""News phrasings of the conflict roots 11-20 (disapprove ... mass violence): courts and charges,
accusations by attribution, custody, closures, street violence and attacks. Sentences written for
this file; each family has positive cases and a near-miss that must stay silent."""

from __future__ import annotations

import pytest
from coding import coded, sentence_coder

from eventwire.pipeline import Coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    return sentence_coder()


POSITIVE = [
    # charges, trials and verdicts: 115 / 116 by the judiciary
    ("The Kenyan driver has been charged in the death of a police officer.", ("KENJUD", "115", "KENCRM")),  # a charged person is a suspect (docs/annotation.md)
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
    # custody, raids and searches by the police: 173
    ("The Kenyan opposition leader was taken into custody on Friday.", ("KENCOP", "173", "KENOPP")),
    ("Kenyan police took the opposition leader into custody.", ("KENCOP", "173", "KENOPP")),
    ("The Kenyan suspect was booked into the county jail.", ("---COP", "173", None)),
    ("The Kenyan navy intercepted three Somali pirate boats.", ("KENMIL", "173", None)),
    ("Kenyan police raided the office of the opposition party.", ("KENCOP", "173", "KENOPP")),
    ("A Kenyan police raid removed documents from the opposition office.", ("KENCOP", "173", None)),
    ("Kenyan police searched the home of the opposition leader.", ("KENCOP", "173", None)),
    # administrative measures on the population: 172; on a foreign state's firms or flights: 163
    ("The Kenyan government suspended classes across Nairobi.", ("KENGOV", "172", None)),
    ("The Kenyan government closed schools and markets in Nairobi.", ("KENGOV", "172", None)),
    ("The Kenyan government shut down public transport in Nairobi.", ("KENGOV", "172", None)),
    ("The Kenyan government made face masks mandatory in Nairobi.", ("KENGOV", "172", None)),
    ("The Kenyan government imposed restrictions on gatherings.", ("KENGOV", "172", None)),
    ("The United States announced new restrictions on flights to Cuba.", ("USA", "163", "CUB")),
    ("Germany banned the Iranian airline Mahan Air.", ("DEU", "163", "IRNBUS")),
    # assaults and bombings, with or without a known perpetrator
    ("The Kenyan minister was stabbed on Friday.", (None, "182", "KENGOV")),
    ("The Kenyan governor was murdered on Friday.", (None, "180", "KENGOV")),
    ("A bombing killed ten Kenyan soldiers.", (None, "183", "KENMIL")),
    ("The aerial bombing of the Sudanese refugee camp killed ten people.", (None, "195", "SDNREF")),
    ("The Kenyan air force dropped bombs on the Somali town.", ("KENMIL", "195", "SOM")),
    ("A Kenyan police officer fired a live round at the protesters.", ("KENCOP", "193", None)),
    # crowds: missiles thrown, exits blocked, uprisings, heckling
    ("Kenyan protesters threw stones at the police.", ("KENCVL", "145", None)),
    ("Kenyan protesters blocked the exits of the parliament.", ("KENCVL", "144", None)),
    ("Students launched an uprising against the Kenyan government.", ("KENEDU", "145", "KENGOV")),
    ("Kenyan students heckled the president.", ("KENEDU", "140", None)),
    ("The Kenyan president ordered a heightened alert for the army.", ("KENGOV", "152", None)),
    ("The police shooting of a Greek teenager sparked riots.", ("GRCCOP", "180", "GRCCVL")),
    # rejections of appeals and criticism
    ("The Greek prime minister dismissed opposition calls for his resignation.", ("GRCGOV", "1231", None)),
    ("The Kenyan president ignored the opposition's appeals for dialogue.", ("KENGOV", "125", None)),
    ("The Kenyan president brushed aside criticism from the opposition.", ("KENGOV", "120", "KENOPP")),
    ("The Kenyan president shrugged off the Somali warnings.", ("KENGOV", "120", "SOM")),
    # a gerund after "by", "after", "in" is done by the clause's subject
    ("Some Kenyan protesters responded by throwing stones at the police.", ("KENCVL", "145", None)),
    ("The United States was forceful in blaming Iran for the attack.", ("USA", "112", "IRN")),
    # disapproval and criticism with light verbs and nouns
    ("The Kenyan government expressed outrage over the Somali raid.", ("KENGOV", "110", "SOM")),
    ("Kenya voiced displeasure with Tanzania over the border closure.", ("KEN", "110", "TZA")),
    ("The Kenyan opposition made allegations against the Kenyan president.", ("KENOPP", "112", "KENGOV")),
    ("The Kenyan president took aim at the Tanzanian government.", ("KENGOV", "111", "TZA")),
    ("The Kenyan president poured scorn on the Somali proposal.", ("KENGOV", "111", None)),
    ("The Kenyan foreign minister pointed the finger at Somalia.", ("KENGOV", "112", "SOM")),
    ("Kenya held Somalia responsible for the attack.", ("KEN", "112", "SOM")),
    ("Kenya held Somali rebels accountable for the attack.", ("KEN", "112", "SOMREB")),
    # rejections, ultimatums, threats of revenge
    ("The Kenyan president resisted pressure from the opposition.", ("KENGOV", "120", None)),
    ("Kenya denied the Somali request for landing rights.", ("KEN", "120", "SOM")),
    ("Kenyan students gave the government until Thursday to withdraw the bill.", ("KENEDU", "139", "KENGOV")),
    ("The Kenyan opposition set a deadline for the government.", ("KENOPP", "139", "KENGOV")),
    ("Somali rebels vowed revenge against Kenya.", ("SOMREB", "138", "KEN")),
    # pickets, shows of force, reinforcements, security stepped up
    ("Kenyan workers picketed the ministry in Nairobi.", ("KENLAB", "141", None)),
    ("The Kenyan army staged a show of force near the Somali border.", ("KENMIL", "150", "SOM")),
    ("Kenya reinforced troops along the Somali border.", ("KEN", "154", "SOM")),
    ("Kenyan police stepped up security in Nairobi.", ("KENCOP", "153", None)),
    # reducing relations and sanctions
    ("Kenya suspended ties with Somalia.", ("KEN", "161", "SOM")),
    ("Kenya closed its embassy in Mogadishu.", ("KEN", "161", "SOM")),
    ("The United States blacklisted three Kenyan officials.", ("USA", "163", "KENGOV")),
    # arrests in headline and particle verbs; the internet cut
    ("Kenyan police rounded up dozens of opposition supporters.", ("KENCOP", "173", "KENOPP")),
    ("Kenyan police locked up the opposition leader.", ("KENCOP", "173", "KENOPP")),
    ("Kenyan police nab opposition leader", ("KENCOP", "173", "KENOPP")),
    ("The Kenyan government cut internet access in Nairobi.", ("KENGOV", "1721", None)),
    # attacks with knives and guns, storming, overrunning, advancing, genocide
    ("A knife attack on a Kenyan minister left him wounded.", (None, "182", "KENGOV")),
    ("Somali gunmen gunned down a Kenyan police officer.", ("SOMUAF", "180", "KENCOP")),
    ("Kenyan troops fired on protesters in Nairobi.", ("KENMIL", "193", "KENCVL")),
    ("Somali rebels stormed a Kenyan army base.", ("SOMREB", "190", "KENMIL")),
    ("Kenyan protesters stormed the parliament.", ("KENCVL", "145", "KENLEG")),
    ("Somali rebels overran a Kenyan army base.", ("SOMREB", "192", "KENMIL")),
    ("Ethiopian troops advanced on the Somali capital.", ("ETHMIL", "190", "SOM")),
    ("The Sudanese army committed genocide against the Masalit.", ("SDNMIL", "202", None)),
    # crowd-control weapons fired at people are repression (175), not shooting; "at" is whom it was aimed at
    ("Kenyan police fired tear gas at protesters.", ("KENCOP", "175", "KENCVL")),
    ("Kenyan police lobbed tear gas canisters into the crowd.", ("KENCOP", "175", None)),
    ("Kenyan police fired rubber bullets and water cannon at the marchers.", ("KENCOP", "175", None)),
    ("Kenyan riot police charged the protesters with batons.", ("KENCOP", "175", "KENCVL")),
    ("Kenyan police broke up the rally in Nairobi.", ("KENCOP", "175", None)),
    ("Kenyan police used excessive force against the protesters.", ("KENCOP", "175", "KENCVL")),
    ("Kenyan police used live ammunition against protesters.", ("KENCOP", "193", "KENCVL")),
    ("Kenyan police fired at the protesters.", ("KENCOP", "193", "KENCVL")),
    # bombs set off, planted or exploding: 183 even with no one named
    ("Somali militants detonated a bomb outside a Kenyan police station.", ("SOMUAF", "183", None)),
    ("Somali militants set off explosives at a Kenyan market.", ("SOMUAF", "183", None)),
    ("Somali militants blew up a Kenyan railway bridge.", ("SOMUAF", "183", None)),
    ("A bomb exploded near a Kenyan army base, wounding four soldiers.", (None, "183", None)),
    # a harm verb done by a violent noun is that noun's act ("car bomb killed" is a car bombing)
    ("A car bomb killed six Kenyan soldiers.", (None, "1832", "KENMIL")),
    ("Six Kenyan soldiers were killed in an Ethiopian airstrike.", ("ETH", "195", "KENMIL")),
    ("Ethiopian warplanes struck Kenyan army positions.", ("ETHMIL", "195", None)),
    ("Ethiopian troops attacked the Kenyan base with tanks.", ("ETHMIL", "194", None)),
    # undergoing: "came under fire / attack", "died in the attack", "under siege", "under house arrest"
    ("Kenyan soldiers came under fire from Somali rebels.", ("SOMREB", "193", "KENMIL")),
    ("Kenyan troops came under heavy mortar fire.", (None, "194", "KENMIL")),
    ("The Kenyan town of Mandera came under attack.", (None, "190", "KEN")),
    ("The Kenyan minister came under fire from the opposition.", ("KENOPP", "111", "KENGOV")),
    ("Five Kenyan soldiers died in a Somali rebel attack.", ("SOMREB", "190", "KENMIL")),
    ("Kenyan police put the opposition leader under house arrest.", ("KENCOP", "173", "KENOPP")),
    ("The Kenyan government placed Nairobi under curfew.", ("KENGOV", "1723", None)),
    ("A curfew was imposed in Nairobi.", ("KENGOV", "1723", None)),
    # hostages, abductions, expulsions and deportations as nouns and passives
    ("Ten Kenyan tourists were taken hostage by Somali gunmen.", ("SOMUAF", "181", "KENCVL")),
    ("The abduction of two Kenyan doctors by Somali gunmen shocked Nairobi.", ("SOMUAF", "181", "KENCVL")),
    ("Kenya ordered the expulsion of two Somali diplomats.", ("KEN", "166", "SOMGOV")),
    ("The deportation of Somali migrants by Kenya began on Monday.", ("KEN", "174", None)),
    # force moved by its side: dispatched, entering, deployed with no one named
    ("Kenya dispatched troops to the Somali border.", ("KEN", "154", "SOM")),
    ("Kenyan troops were deployed to the Somali border.", ("KENMIL", "154", None)),
    ("The Kenyan army entered the border town.", ("KENMIL", "154", None)),
    # fighting that broke out between two sides is done by both
    ("Fighting broke out between Kenyan troops and Somali rebels.", ("SOMREB", "190", "KENMIL")),
    ("Clashes erupted between Kenyan troops and Somali rebels.", ("KENMIL", "190", "SOMREB")),
    ("Kenyan police dispersed the rally with tear gas.", ("KENCOP", "175", "KENCVL")),
    ("The protesters were dispersed by Kenyan police.", ("KENCOP", "175", "KENCVL")),
    # bans as nouns; grenades thrown and mortars lobbed; airstrikes a killing was done in
    ("Kenya imposed a ban on public gatherings.", ("KEN", "1721", None)),
    ("The Kenyan government imposed a ban on Somali flights.", ("KENGOV", "163", "SOM")),
    ("A grenade was thrown at Kenyan police.", (None, "183", "KENCOP")),
    ("Somali rebels lobbed mortars at the Kenyan base.", ("SOMREB", "194", None)),
    ("The Kenyan army said it killed 50 Somali rebels in airstrikes.", ("KENMIL", "195", "SOMREB")),
    # the victims of armed violence the tables cannot name are civilians
    ("Kenyan police shot a man in Nairobi.", ("KENCOP", "193", "KENCVL")),
    ("Kenyan police shot a man on Friday.", ("KENCOP", "193", "KENCVL")),
    ("Kenyan police landed a live round on a protester.", ("KENCOP", "193", "KENCVL")),
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
    ("The Kenyan government held talks in the prison with the rebels.", "17"),
    ("Kenyan rescuers searched the building for survivors.", "17"),
    ("A Kenyan company closed its shops in Nairobi.", "17"),
    ("The Kenyan airline suspended flights to London.", "17"),
    ("The Kenyan footballer threw the ball to a teammate.", "14"),
    ("Kenyan backbenchers staged a party revolt over the budget.", "14"),
    ("The Kenyan manager dismissed the player.", "12"),
    ("The Kenyan cat brushed against the Kenyan president.", "12"),
    ("The shooting of the Greek film began in May.", "18"),
    ("The Kenyan team stormed to victory.", "19"),
    ("The Kenyan runner advanced to the final.", "19"),
    ("The Kenyan athletes held a show in Nairobi.", "15"),
    ("Kenyan shoppers rounded up the price.", "17"),
    ("Kenyan fans fired questions at the coach.", "17"),
    ("The Kenyan chef used pepper in the sauce.", "17"),
    ("The Kenyan scandal blew up in the president's face.", "18"),
    ("The Kenyan student entered the army in 1990.", "15"),
    ("The Kenyan boxer landed a punch on his rival.", "19"),
    ("The Kenyan minister died in a car crash.", "19"),
    ("A man stabbed a woman in Nairobi.", "18"),
    ("Kenyan troops withdrew under the agreement with Somalia.", "19"),
    ("The Kenyan striker threw the ball at the goalkeeper.", "18"),
    ("The Kenyan protesters dispersed peacefully when police arrived.", "17"),
    ("The Kenyan coach imposed a ban on mobile phones in the dressing room.", "16"),
]


@pytest.mark.parametrize("text,root", NEAR_MISSES, ids=[c[0][:45] for c in NEAR_MISSES])
def test_conflict_near_misses_stay_silent(coder: Coder, text: str, root: str) -> None:
    events = coded(coder, text)
    assert not any(e[1].startswith(root) for e in events), events


def test_attributing_to_a_cause_or_disagreeing_with_no_one_is_no_accusation(coder: Coder) -> None:
    assert not any(e[1][:2] == "11" for e in coded(coder, "Kenyan experts attributed the fire to human activity."))
    assert not any(e[1][:2] == "11" for e in coded(coder, "The Kenyan president and I often disagreed."))


def test_the_doer_of_a_gerund_after_of_is_not_the_accuser(coder: Coder) -> None:
    events = coded(coder, "Kenyan prosecutors accused the Somali man of killing a Kenyan policeman.")
    assert not any(e[0] == "KENJUD" and e[1][:2] in ("18", "19") for e in events), events
    assert any(e[0] == "KENJUD" and e[1][:2] == "11" for e in events), events


def test_a_passive_relative_clause_is_done_to_its_noun_not_by_it(coder: Coder) -> None:
    events = coded(coder, "The Kenyan minister who was attacked by Somali rebels condemned the attack.")
    assert ("SOMREB", "190", "KENGOV") in events, events
    events = coded(coder, "Kenyan police questioned Somali rebels who had been accused of crimes.")
    assert not any(e[0] == "SOMREB" and e[1][:2] == "11" for e in events), events
    events = coded(coder, "Kenyan police identified the Somali attacker, who was being held in isolation.")
    assert not any(e[0] == "SOMUAF" and e[1] == "173" for e in events), events


@pytest.mark.parametrize(("text", "source", "root"), [
    ("Witnesses fled after Ethiopian airstrikes on positions near the border.", "ETH", "19"),
    ("Ethiopian airstrikes continued for a third day.", "ETH", "19"),
])
def test_a_countrys_adjective_on_the_violent_noun_is_the_state_using_force(coder: Coder, text: str, source: str,
                                                                           root: str) -> None:
    events = coded(coder, text)
    assert any(e[0] == source and e[1][:2] in (root, "18") for e in events), events


def test_a_nationality_on_a_player_is_still_no_force(coder: Coder) -> None:
    assert not coded(coder, "A Ghanaian striker shot over the bar in the last minute.")


def test_a_quoted_they_is_not_the_speaker(coder: Coder) -> None:
    events = coded(coder, '"They shelled our positions," the Ethiopian army said.')
    assert not any(e[0] == "ETHMIL" and e[1][:2] in ("18", "19") for e in events), events
    reported = coded(coder, "The Ethiopian army said they shelled the rebel camp.")
    assert any(e[0] == "ETHMIL" and e[1][:2] in ("18", "19") for e in reported), reported


def test_a_verb_of_harm_done_by_a_violent_noun_is_one_event(coder: Coder) -> None:
    """ "Twin bombings struck the church": one bombing, not a bombing and a second, generic attack."""
    events = coded(coder, "Twin bombings struck a Kenyan church.")
    assert any(e[1] == "183" for e in events), events
    assert not any(e[1] == "190" for e in events), events
    killed = coded(coder, "A suicide bomber killed ten Kenyan soldiers.")
    assert not any(e[1] == "190" for e in killed), killed


def test_came_under_fire_is_criticism_unless_someone_armed_is_fired_on(coder: Coder) -> None:
    words = coded(coder, "The Kenyan government came under fire from human rights groups.")
    assert not any(e[1][:2] == "19" for e in words), words
    assert any(e[1] == "111" and e[2] == "KENGOV" for e in words), words
    shots = coded(coder, "Kenyan soldiers came under fire near the border.")
    assert any(e[1][:2] == "19" and e[2] == "KENMIL" for e in shots), shots


def test_a_time_phrase_names_when_not_whom(coder: Coder) -> None:
    """ "The attack came a week before the Kenyan president's inauguration": no attack on the president."""
    events = coded(coder, "The attack came a week before the Kenyan president's inauguration.")
    assert not any(e[2] == "KENGOV" for e in events), events


def test_an_attack_someone_is_blamed_for_is_not_coded_on_the_accused(coder: Coder) -> None:
    """ "attributed the bombing to Somali rebels": the accusation (112), not a bombing of the rebels."""
    events = coded(coder, "The Kenyan government attributed the bombing to Somali rebels.")
    assert ("KENGOV", "112", "SOMREB") in events, events
    assert not any(e[1][:2] in ("18", "19") for e in events), events


def test_a_ban_on_another_countrys_firm_is_a_sanction(coder: Coder) -> None:
    """A state banning a foreign company sanctions its country (163); banning its own outlet is 172."""
    assert ("KEN", "163", "SOMBUS") in coded(coder, "Kenya on Friday banned Somali carrier Jubba Airways from its airspace.")
    home = coded(coder, "The Kenyan government banned the Kenyan newspaper.")
    assert any(e[1] == "172" for e in home) and not any(e[1] == "163" for e in home), home


@pytest.mark.parametrize("text,expected", [
    ("Iran walked out of the talks with the United States.", ("IRN", "164", "USA")),
    ("Russia withdrew from the negotiations with Ukraine.", ("RUS", "164", "UKR")),
    ("Kenya pulled out of the talks with Somalia.", ("KEN", "164", "SOM")),
    ("Ethiopia froze the talks with Egypt.", ("ETH", "164", "EGY")),
    ("Canada recalled its diplomats from Saudi Arabia.", ("CAN", "161", "SAU")),
    ("Germany reduced its diplomatic presence in Iran.", ("DEU", "161", "IRN")),
    ("The European Union announced an asset freeze on Russian oligarchs.", ("IGOEUREEC", "163", "RUS")),
], ids=lambda c: c if isinstance(c, str) else None)
def test_reducing_relations_as_news_tells_it(coder: Coder, text: str, expected: tuple) -> None:
    source, code, target = expected
    events = coded(coder, text)
    assert (source, code, target) in events, events


@pytest.mark.parametrize("text", [
    "Kenyan troops withdrew from the town near the Somali border.",
    "The Kenyan minister recalled his childhood in Mombasa.",
    "The Kenyan runner pulled out of the race with an injury.",
])
def test_withdrawing_and_recalling_other_things_is_no_cut_in_relations(coder: Coder, text: str) -> None:
    assert not any(e[1].startswith("16") for e in coded(coder, text))


@pytest.mark.parametrize(("text", "event"), [
    ("Congolese rebels took 30 villagers hostage.", ("CODREB", "181", "---CVL")),
    ("Three Kenyan teachers were taken hostage by al-Shabaab.", ("SOMUAF", "181", "KENEDU")),
    ("Congolese rebels captured 20 soldiers.", ("CODREB", "181", "---MIL")),
    ("Kenyan police captured two suspects.", ("KENCOP", "173", "KENCRM")),
])
def test_people_held_by_armed_groups_are_abducted_by_the_state_arrested(text: str, event: tuple) -> None:
    from coding import coded, sentence_coder
    found = coded(sentence_coder(), text)
    assert event in found, found
    assert len([e for e in found if e[1] in ("181", "173")]) == 1, found


@pytest.mark.parametrize(("text", "event"), [
    ("The Zambian government suspended the licences of three radio stations.", ("ZMBGOV", "172", "ZMBMED")),
    ("Zambia revoked the visas of two Malawian journalists.", ("ZMB", "172", "MWIMED")),
])
def test_licences_and_permits_withdrawn_are_administrative_sanctions(text: str, event: tuple) -> None:
    from coding import coded, sentence_coder
    assert event in coded(sentence_coder(), text), coded(sentence_coder(), text)
