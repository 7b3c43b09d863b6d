"""News phrasings of CAMEO roots 01-10 (statements, appeals, intents, meetings, cooperation, aid,
yielding, investigations, demands): each family on sentences written for this file, with a
near-miss that must not be coded the same way."""

from __future__ import annotations

import pytest
from coding import coded, sentence_coder

from eventwire.events import syntax
from eventwire.nlp import load_pipeline
from eventwire.pipeline import Coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    return sentence_coder()


CASES = [
    # 01: declining to confirm is declining to comment; mourning; pleading not guilty denies
    ("The Kenyan ministry declined to confirm the report.", ("KENGOV", "011", None)),
    ("Kenyan President Ruto declared a day of national mourning.", ("KENGOV", "017", None)),
    ("Peru began a three-day mourning period.", ("PER", "017", None)),
    ("The Chilean president ordered flags at half-mast.", ("CHLGOV", "017", None)),
    ("The Peruvian president said Peru grieves the loss of its soldiers.", ("PER", "018", None)),
    ("The Kenyan president pleaded not guilty.", ("KENGOV", "016", None)),
    # 02: telling, warning or advising people to do something is an appeal; "should" is advice
    ("French police told residents to stay indoors.", ("FRACOP", "020", "FRACVL")),
    ("French police warned residents to stay indoors.", ("FRACOP", "020", "FRACVL")),
    ("Polish police advised drivers to avoid the motorway.", ("POLCOP", "020", "POLCVL")),
    ("The Kenyan president said Uganda should withdraw its troops.", ("KENGOV", "0256", "UGA")),
    ("The Kenyan president said Uganda must withdraw its troops.", ("KENGOV", "1056", "UGA")),
    # 03: pledged money or aid, agreed on
    ("Ghana pledged funds to Togo.", ("GHA", "0331", "TGO")),
    ("Ghana pledged aid to Togo.", ("GHA", "033", "TGO")),
    ("Denmark and Norway agreed on a ceasefire.", ("DNK", "0356", "NOR")),
    # 04
    ("The Irish union is working closely with the government.", ("IRLLAB", "040", "IRLGOV")),
    ("The Dutch minister stopped by the mosque in Utrecht.", ("NLDGOV", "042", None)),
    # 05
    ("The Swiss president appreciated Austria's help.", ("CHEGOV", "051", "AUT")),
    ("The Chilean president is grateful to Peru for its help.", ("CHLGOV", "051", "PER")),
    ("The Chilean president seconded Peru's proposal.", ("CHLGOV", "051", "PER")),
    ("The Chilean president said Chile deeply regrets the mistake.", ("CHL", "055", None)),
    ("The Kurdish rebels entered into an agreement with the Syrian government.", ("SYRREB", "057", "SYRGOV")),
    # 01: claiming an attack, maintaining innocence, lowering flags, recommending
    ("A Somali militant group claimed the bombing of a Kenyan police station.", ("SOMUAF", "015", "KENCOP")),
    ("The Colombian rebels claimed two ambushes on army patrols.", ("COLREB", "015", None)),
    ("The Peruvian minister maintained his innocence after his arrest.", ("PERGOV", "016", None)),
    ("Chile lowered its flags for three days of mourning.", ("CHL", "017", None)),
    # 02
    ("The Council of Europe recommended that Hungary free the journalists.", ("IGOEURCOE", "0253", "HUN")),
    # 09: police treating an incident as a crime, questioning, criminal cases, checks, enquiries
    ("Police in Leeds are treating the blaze as suspicious.", ("GBRCOP", "091", None)),
    ("The fire is being treated as arson by Kenyan police.", ("KENCOP", "091", None)),
    ("Norwegian police questioned the car's owner.", ("NORCOP", "090", None)),
    ("Russian police opened a criminal case against the driver.", ("RUSCOP", "091", None)),
    ("Polish authorities are performing checks on all escape rooms.", ("POLGOV", "090", None)),
    ("The mayor of Paris ordered an urgent enquiry into the collapse.", ("FRAGOV", "090", None)),
    # 10
    ("The Kenyan opposition is pressing for new elections.", ("KENOPP", "100", "KENGOV")),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_news_phrasings_of_roots_01_to_10(coder: Coder, text: str, expected: tuple) -> None:
    events = coded(coder, text)
    source, code, target = expected
    assert any(e[0] == source and e[1] == code and (target is None or e[2] == target) for e in events), events


NEAR_MISSES = [
    # (sentence, roots that must not be coded)
    ("The Kenyan ministry declined to join the talks.", {"01"}),  # a refusal, not a no-comment
    ("The Kenyan president pleaded guilty.", {"01", "02"}),  # neither a denial nor an appeal
    ("The French president told reporters that he was tired.", {"02"}),  # told that: no appeal
    ("French police warned Germany to stop.", {"02"}),  # a warning to a state, not advice to people
    ("The Kenyan president said we must defend our borders.", {"02", "10"}),  # the speaker's own duty
    ("The Polish minister expects growth to slow.", {"10"}),  # a forecast, not a demand
    ("The Polish minister screened all the telephone calls on the trip.", {"02"}),  # phone calls
    ("The Danish governor agreed, saying the attack was terrible.", {"03"}),  # agreeing with an opinion
    ("The Chilean team regrets nothing.", {"05"}),
    ("The Polish doctor treated the patient as an emergency.", {"09"}),  # medical treatment
    ("The Kenyan minister questioned the decision.", {"09"}),  # doubt, not questioning a person
    ("The Kenyan minister attended church in Nairobi.", {"04"}),  # worship, not a visit
    ("The Interior Department of Kenya sent out a press release.", {"07", "08"}),  # a press release
    ("The United States withdrew the regulations.", {"08"}),  # rules, not troops
    ("The Chilean club claimed the title on Sunday.", {"01"}),  # a sporting win, not responsibility
    ("The Kenyan minister recommended the book to his readers.", {"02"}),  # praise of a book
    ("The Kenyan crew lowered the lifeboats into the sea.", {"01"}),  # boats, not flags
    ("Statements of condemnation have come from the Organisation of Islamic Cooperation head and Pope Francis.",
     {"06"}),  # "Cooperation" is a word of the organisation's name
]


@pytest.mark.parametrize("text,roots", NEAR_MISSES, ids=[c[0][:40] for c in NEAR_MISSES])
def test_non_event_senses_are_not_coded(coder: Coder, text: str, roots: set[str]) -> None:
    events = coded(coder, text)
    assert not [e for e in events if e[1][:2] in roots], events


def test_an_unowned_investigation_reported_by_the_police_is_theirs(coder: Coder) -> None:
    events = coded(coder, "An investigation into the crime is still ongoing, Boston police said.")
    assert ("USACOP", "090", None) in events, events


def test_an_unowned_investigation_reported_by_the_media_is_nobodys(coder: Coder) -> None:
    events = coded(coder, "An investigation into the crash is under way, CNN reported from Boston.")
    assert not [e for e in events if e[1].startswith("09") and e[0] == "USAMED"], events


def test_a_passive_treated_as_a_crime_is_done_by_the_police(coder: Coder) -> None:
    events = coded(coder, "A shop burned down in Leeds, England. The blaze is being treated as arson.")
    assert ("GBRCOP", "091", None) in events, events


def test_a_patient_treated_in_hospital_is_no_investigation(coder: Coder) -> None:
    events = coded(coder, "A shop burned down in Leeds, England. The owner is being treated in hospital.")
    assert not [e for e in events if e[1].startswith("09")], events


def test_a_refusal_to_meet_runs_one_way(coder: Coder) -> None:
    events = coded(coder, "Ethiopia will not negotiate with Egypt over the dam.")
    assert any(e[0] == "ETH" and e[1][:2] == "12" and e[2] == "EGY" for e in events), events
    assert not any(e[0] == "EGY" and e[2] == "ETH" for e in events), events


@pytest.mark.parametrize(("text", "expected"), [
    ("Malawi received food aid from Zambia on Friday.", ("ZMB", "07", "MWI")),
    ("Chad received criticism from Sudan over the border.", ("SDN", "11", "TCD")),
    ("Chad received an apology from Sudan.", ("SDN", "05", "TCD")),
    ("Armenia received artillery shells from Iran last year.", ("IRN", "07", "ARM")),
    ("Haiti received medicine from Cuba.", ("CUB", "07", "HTI")),
])
def test_what_is_received_from_someone_was_done_by_them(coder: Coder, text: str, expected: tuple) -> None:
    events = coded(coder, text)
    source, root, target = expected
    assert any(e[0] == source and e[1][:2] == root and e[2] == target for e in events), events
    assert not any(e[0] == target and e[2] == source for e in events), events


@pytest.mark.parametrize(("text", "source", "target"), [
    ("Ghana wants Togo to reopen the border.", "GHA", "TGO"),
    ("The African Union wants Sudan's generals to hand power back to civilians.", "IGOAFRAFU", "SDNMIL"),
])
def test_wanting_others_to_act_is_an_appeal_to_them(coder: Coder, text: str, source: str, target: str) -> None:
    events = coded(coder, text)
    assert any(e[0] == source and e[1][:2] == "02" and e[2] == target for e in events), events


def test_wanting_to_act_oneself_is_still_an_intent(coder: Coder) -> None:
    assert any(e[1][:2] == "03" for e in coded(coder, "Ghana wants to help Togo after the floods."))


def test_receiving_a_visitor_is_still_hosting(coder: Coder) -> None:
    assert any(e[0] == "EGY" and e[1] == "043" for e in coded(coder, "Egypt received the Sudanese president."))


def test_a_trip_to_a_town_at_home_is_no_visit(coder: Coder) -> None:
    assert not any(e[1] == "042" for e in coded(coder, "Ghana's president visited the town of Tamale on Monday."))
    events = coded(coder, "Ghana's president visited Togo's capital, Lome, on Monday.")
    assert any(e[0] == "GHAGOV" and e[1] == "042" and e[2] and e[2].startswith("TGO") for e in events), events


@pytest.mark.parametrize(("text", "expected"), [
    ("The Chilean president ordered that flags be lowered to half-staff.", ("CHLGOV", "017", None)),
    ("The Kenyan governor declared flags would be flown at half-mast on Friday.", ("KENGOV", "017", None)),
    ("In Nairobi, flags were lowered on Monday.", ("KENGOV", "017", None)),
])
def test_flags_lowered_on_someones_order_are_their_mourning(coder: Coder, text: str, expected: tuple) -> None:
    source, code, target = expected
    events = coded(coder, text)
    assert any(e[0] is not None and e[0].startswith(source) and e[1] == code for e in events), events


def test_flags_that_are_not_lowered_mourn_no_one(coder: Coder) -> None:
    assert not any(e[1] == "017" for e in coded(coder, "The Kenyan governor ordered that the flags be washed."))
    assert not any(e[1] == "017" for e in coded(coder, "The Kenyan crew lowered the boats into the water."))


@pytest.mark.parametrize(("text", "expected"), [
    ("Polish police asked anyone with information to contact them.", ("POLCOP", "020", "POLCVL")),
    ("Polish police urged everyone to stay away from the river.", ("POLCOP", "020", "POLCVL")),
    ("Anyone with information is asked to call Kenyan police.", ("KENCOP", "020", "KENCVL")),
    ("Residents are urged to stay indoors, Kenyan police said.", ("KENCOP", "020", "KENCVL")),
])
def test_appeals_to_anyone_are_appeals_to_the_public(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text)


def test_an_agentless_appeal_names_no_private_speaker(coder: Coder) -> None:
    events = coded(coder, "Residents are urged to stay indoors, a Kenyan shopkeeper said.")
    assert not any(e[1][:2] == "02" for e in events), events
    assert not any(e[1][:2] == "02" for e in coded(coder, "Polish police did not tell anyone about the raid."))


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany counts on Russia to show restraint, the German chancellor said.", ("DEU", "0256", "RUS")),
    ("The EU is counting on China to cooperate with the inquiry.", ("IGOEUREEC", "021", "CHN")),
    ("Kenya relies on Uganda to stop the rebels.", ("KEN", "020", "UGA")),
    ("Hundreds of Sudanese refugees fled to Chad and were helped by the Red Cross.",
     ("NGOHLHIRC", "070", "SDNREF")),
    ("Sudanese refugees were helped by Chad's army.", ("TCDMIL", "070", "SDNREF")),
])
def test_counting_on_others_and_being_helped(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text)


def test_counting_on_fans_or_help_from_nobody_is_no_event(coder: Coder) -> None:
    assert not any(e[1][:2] == "02" for e in coded(coder, "The Kenyan team can count on its fans."))
    assert not any(e[1][:2] == "07" for e in coded(coder, "Sudanese refugees were helped by the weather."))


@pytest.mark.parametrize(("text", "expected"), [
    # 03: sworn and undertaken intents; the kind of aid pledged; troops pledged protect
    ("Ghana swore to defend Togo.", ("GHA", "032", "TGO")),
    ("Ghana undertook to help Togo.", ("GHA", "033", "TGO")),
    ("Japan pledged humanitarian aid to Nepal.", ("JPN", "0333", "NPL")),
    ("Japan promised military assistance to Ukraine.", ("JPN", "0332", "UKR")),
    ("Japan pledged economic support to Nepal.", ("JPN", "0331", "NPL")),
    ("Ghana pledged troops to Mali.", ("GHA", "0334", "MLI")),
    # 04: an invitation extended asks the invited to come and meet
    ("Ghana extended an invitation to the Togolese president.", ("GHA", "026", "TGOGOV")),
    ("The Ghanaian minister held consultations with Togo.", ("GHAGOV", "040", "TGO")),
    # 05: an apology accepted is forgiven; support thrown behind someone; signing of a treaty
    ("Sudan accepted Chad's apology.", ("SDN", "056", "TCD")),
    ("Ghana threw its support behind Togo.", ("GHA", "051", "TGO")),
    ("Ghana's signing of the treaty with Togo was delayed.", ("GHA", "057", "TGO")),
    ("A deal between Israel and Egypt was reached on Monday.", ("EGY", "057", "ISR")),
    ("An agreement has been reached with the Syrian government, the Kurdish rebels said.",
     ("SYRREB", "057", "SYRGOV")),
    # 06: the kind of cooperation, by its modifier
    ("Ghana and Togo boosted military cooperation.", ("GHA", "062", "TGO")),
    ("Ghana and Togo agreed to deepen economic cooperation.", ("TGO", "0311", "GHA")),
    ("Ghana and Togo expanded ties.", ("TGO", "060", "GHA")),
    ("Ghana exchanged intelligence with Togo.", ("GHA", "064", "TGO")),
    ("Security cooperation between Ghana and Togo has grown.", ("GHA", "062", "TGO")),
    # 07: the kind of aid sent; troops sent to help protect; relief dispatched or airlifted; escorts; refuge
    ("Japan provided military aid to Ukraine.", ("JPN", "072", "UKR")),
    ("Japan gave economic aid to Nepal.", ("JPN", "071", "NPL")),
    ("Japan sent emergency assistance to Nepal.", ("JPN", "073", "NPL")),
    ("The United States sent troops to Saudi Arabia to help defend the kingdom.", ("USA", "074", "SAU")),
    ("Japan dispatched relief supplies to Nepal.", ("JPN", "073", "NPL")),
    ("Japan airlifted food to Nepal.", ("JPN", "073", "NPL")),
    ("The Indian navy escorted Kenyan ships through the Gulf.", ("INDMIL", "074", None)),
    ("Chad gave refuge to Sudanese refugees.", ("TCD", "075", "SDNREF")),
    # 08: sanctions and restrictions relaxed or waived, borders reopened, corridors opened, captives handed
    # over or set free, giving in to demands, halting attacks
    ("The United States waived sanctions on Iran.", ("USA", "085", "IRN")),
    ("The Kenyan government relaxed the lockdown.", ("KENGOV", "081", None)),
    ("Kenya reopened its border with Uganda.", ("KEN", "081", "UGA")),
    ("Israel opened a humanitarian corridor into Gaza.", ("ISR", "0863", "PSE")),
    ("Kenya handed over the prisoners to Uganda.", ("KEN", "0841", "UGA")),
    ("Kenya set free the Ugandan fishermen.", ("KEN", "0841", None)),
    ("The Kenyan government bowed to the protesters' demands.", ("KENGOV", "083", "KENCVL")),
    ("The Kenyan government gave in to Uganda.", ("KENGOV", "083", "UGA")),
    ("The Kenyan government caved in to pressure from the unions.", ("KENGOV", "083", "KENLAB")),
    ("Russia suspended airstrikes on Aleppo.", ("RUS", "087", None)),
    ("Russia called off the offensive.", ("RUS", "087", None)),
    ("The Philippine commission refused to provide the network with a license.", ("PHLGOV", "1241", None)),
])
def test_cooperation_families(coder: Coder, text: str, expected: tuple) -> None:
    source, code, target = expected
    events = coded(coder, text)
    assert any(e[0] == source and e[1] == code and (target is None or e[2] == target) for e in events), events


@pytest.mark.parametrize(("text", "roots"), [
    ("The Kenyan government gave in to the demands of the strikers.", {"10"}),  # acceded to, not demanded
    ("The Kenyan president conceded the election.", {"08"}),  # elections are not coded
    ("The Ghanaian goalkeeper conceded two goals.", {"08"}),
    ("Kenya Airways offered flights to Uganda.", {"03"}),  # a product on sale, no intent
    ("A deal was reached with Hamas, CNN reported.", {"05"}),  # the media are no party to it
    ("Ghana and Togo sent athletes to Tokyo.", {"07"}),  # a sports team, no aid
    ("Ghana sent a delegation to Togo.", {"07"}),
    ("The Kenyan government handed over the keys to the new owners.", {"08"}),  # keys, not captives
])
def test_cooperation_families_near_misses(coder: Coder, text: str, roots: set[str]) -> None:
    events = coded(coder, text)
    assert not [e for e in events if e[1][:2] in roots], events


@pytest.mark.parametrize("text", [
    "Samsung and Google signed a deal.",
    "Samsung and Google deepened economic cooperation.",
    "Microsoft provided financial support to a Korean startup.",
    "Netflix relaxed its password-sharing restrictions.",  # a firm's concession to customers
    "The British firm shelved plans for a new factory.",
    "The American company rushed supplies to its stores.",
])
def test_deals_and_help_between_firms_are_business(coder: Coder, text: str) -> None:
    assert not [e for e in coded(coder, text) if e[1][:2] in {"03", "04", "05", "06", "07", "08"}]


def test_a_government_deal_with_a_firm_is_still_coded(coder: Coder) -> None:
    assert ("KORGOV", "057", "USABUS") in coded(coder, "The South Korean government signed a deal with Google.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya, Uganda sign trade deal", ("UGA", "057", "KEN")),
    ("Kenya, Uganda hold talks on border dispute", ("KEN", "046", "UGA")),
    ("Russia, Ukraine agree to ceasefire", ("UKR", "0356", "RUS")),
    ("Saudi Arabia, Iran restore diplomatic ties", ("IRN", "050", "SAU")),
    ("Japan, Australia sign defence pact", ("JPN", "057", "AUS")),
])
def test_headline_subjects_joined_by_a_comma_act_together(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("China donated vaccines to Ghana.", ("CHN", "073", "GHA")),
    ("Turkey took in three million Syrian refugees.", ("TUR", "075", "SYRREF")),
    ("Canada resettled 25,000 Syrian refugees.", ("CAN", "075", "SYRREF")),
    ("The Colombian rebels laid down their arms.", ("COLREB", "0873", None)),
])
def test_relief_refuge_and_disarming(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text)


def test_seconding_an_earlier_call_endorses_its_caller(coder: Coder) -> None:
    events = coded(coder, "The Chilean president called for a truce. The call was quickly seconded by Peru's president.")
    assert ("PERGOV", "051", "CHLGOV") in events, events


def test_a_call_seconded_is_not_an_earlier_phone_call(coder: Coder) -> None:
    events = coded(coder, "The Chilean president called for a truce. The Bolivian president held a phone call with "
                          "Argentina's president. The call was quickly seconded by Peru's president.")
    assert ("PERGOV", "051", "CHLGOV") in events, events
    assert not any(e[0] == "PERGOV" and e[1][:2] == "05" and e[2] == "BOLGOV" for e in events), events


def test_praise_of_an_act_no_one_was_said_to_do_has_no_partner(coder: Coder) -> None:
    events = coded(coder, "The call was quickly seconded by Peru's president.")
    assert not [e for e in events if e[1][:2] == "05"], events


@pytest.mark.parametrize(("text", "expected"), [
    ("The Kenyan president welcomed his Ugandan counterpart to Nairobi.", ("KENGOV", "043", "UGAGOV")),
    ("Kenya handed over the suspects to Uganda.", ("KEN", "063", "UGA")),
    ("The United States approved a military aid package for Ukraine.", ("USA", "072", "UKR")),
    ("The European Union unveiled a humanitarian aid package for Syria.", ("IGOEUREEC", "073", "SYR")),
    ("Japan announced an aid package for Nepal.", ("JPN", "070", "NPL")),
    ("The Colombian rebels surrendered to the army.", ("COLREB", "0874", None)),
    ("Egypt opened the border crossing with Gaza.", ("EGY", "081", "PSE")),
    ("The Kenyan government accepted the protesters' demands.", ("KENGOV", "083", None)),
    ("The Kenyan government backed down on the tax increase.", ("KENGOV", "080", None)),
    ("The Kenyan government relented.", ("KENGOV", "080", None)),
    ("The Hong Kong government withdrew the extradition bill.", ("HKGGOV", "0832", None)),
    ("The Kenyan government refused to accept the demands.", ("KENGOV", "123", None)),
])
def test_hosting_handing_over_aid_packages_and_yielding(coder: Coder, text: str, expected: tuple) -> None:
    source, code, target = expected
    events = coded(coder, text)
    assert any(e[0] == source and e[1] == code and (target is None or e[2] == target) for e in events), events


def test_a_passive_clause_with_its_own_subject_is_not_done_by_the_main_subject() -> None:
    doc = load_pipeline()("Although the deal was signed, Kenyan police arrested the protesters.")
    signed = next(t for t in doc if t.lower_ == "signed")
    subject = syntax.clause_subject(signed)
    assert subject is None or subject.lower_ != "police", subject


@pytest.mark.parametrize("text", [
    "The Colombian striker surrendered possession.",
    "Kenya welcomed the Ugandan decision at a press conference.",
    "The Spanish team welcomed fans to the stadium.",  # fans are no visiting officials
    "The Russian side accepted the conditions of the contract.",
])
def test_no_yielding_or_hosting_in_these(coder: Coder, text: str) -> None:
    assert not [e for e in coded(coder, text) if e[1][:2] in {"04", "08"}]


@pytest.mark.parametrize(("text", "expected"), [
    ("Mary Okoth, the governor of Kisumu, visited the mosque. She apologised to the mosque.",
     {("KENGOV", "042", "KENREL"), ("KENGOV", "055", "KENREL")}),
    ("The governor of Kisumu, Mary Okoth, met the Ugandan president. Ms Okoth later visited Kampala.",
     {("KENGOV", "040", "UGAGOV"), ("KENGOV", "042", "UGAGOV")}),
])
def test_a_person_no_table_holds_takes_the_office_named_beside_them(coder: Coder, text: str, expected: set) -> None:
    events = coded(coder, text)
    assert expected <= events, events


def test_the_head_of_a_university_is_no_state_official(coder: Coder) -> None:
    events = coded(coder, "Mary Okoth, president of Kisumu University, spoke on Monday. Ms Okoth later met the "
                          "Ugandan president.")
    assert not any(e[0] == "KENGOV" and e[1] == "040" for e in events), events


def test_a_person_placed_only_by_where_they_are_takes_their_apposed_office(coder: Coder) -> None:
    events = coded(coder, "The Kenyan rebels met on Monday with John Okello, a Ugandan envoy, in Tanzania.")
    assert ("KENREB", "040", "UGAGOV") in events, events


def test_a_title_before_a_remembered_private_name_gives_the_office(coder: Coder) -> None:
    events = coded(coder, "The mosque in Kisumu was praised after Mary Okoth spoke in Kenya. Gov. Okoth visited the "
                          "mosque this morning.")
    assert ("KENGOV", "042", "KENREL") in events, events


@pytest.mark.parametrize(("text", "expected"), [
    ("Israel eased the blockade of Gaza.", ("ISR", "0872", "PSE")),
    ("Russia returned 50 Ukrainian prisoners.", ("RUS", "0841", "UKRCVL")),
    ("Egypt lifted the state of emergency.", ("EGY", "0814", None)),
    ("Kenya and Uganda finalised the agreement.", ("UGA", "057", "KEN")),
    ("Russia and Ukraine carried out a prisoner swap.", ("UKR", "0841", "RUS")),
    ("A prisoner exchange between Russia and Ukraine took place on Monday.", ("RUS", "0841", "UKR")),
])
def test_blockades_states_of_emergency_and_captives(coder: Coder, text: str, expected: tuple) -> None:
    source, code, target = expected
    events = coded(coder, text)
    assert any(e[0] == source and e[1] == code and (target is None or e[2] == target) for e in events), events


def test_the_captives_of_a_swap_between_two_sides_are_not_a_party_to_it(coder: Coder) -> None:
    events = coded(coder, "A prisoner exchange between Russia and Ukraine took place on Monday.")
    assert not any(e[0] and e[0].endswith("CVL") for e in events), events


def test_a_title_gives_the_office_to_a_name_first_met_in_a_private_phrase(coder: Coder) -> None:
    events = coded(coder, "Mary Okoth's family moved to Kisumu in Kenya. Governor Okoth visited the mosque this morning.")
    assert ("KENGOV", "042", "KENREL") in events, events


@pytest.mark.parametrize(("text", "expected"), [
    # 011: a negated "comment"/"confirm" is declining comment, stated now even with "would", to no one
    ("The Kenyan police chief would not confirm the reported gang links.", ("KENCOP", "011", None)),
    ("Kenyan police have not commented on the case.", ("KENCOP", "011", None)),
    # 016: rejecting, dismissing or refuting an accusation denies it, towards the accuser
    ("Iran rejected the American accusations.", ("IRN", "016", "USA")),
    ("Iran dismissed Washington's allegations.", ("IRN", "016", "USA")),
    ("Kenya refuted the claims by Uganda.", ("KEN", "016", "UGA")),
    ("Kenya refuted the claims made by Uganda.", ("KEN", "016", "UGA")),
    ("Kenya rejected the accusations levelled by the Ugandan opposition.", ("KEN", "016", "UGAOPP")),
    # 02: "called for X to resign" (the parser's "for ... to" clause), a bill to be dropped is policy change
    ("The Kenyan opposition called for President Ruto to resign.", ("KENOPP", "0241", "KENGOV")),
    ("Kenyan church groups called for the bill to be dropped.", ("KENREL", "0242", None)),
    ("Kenyan church groups called for the withdrawal of the bill.", ("KENREL", "0242", None)),
    # 12: declining a request or an invitation to meet; dismissing calls to quit, saying why
    ("The Kenyan judge declined the government's request.", ("KENJUD", "120", "KENGOV")),
    ("The Kenyan president declined an invitation to meet Ugandan leaders.", ("KENGOV", "125", "UGAGOV")),
    ("The Kenyan president dismissed opposition calls to quit, saying the country needs stability.",
     ("KENGOV", "1231", "KENOPP")),
    # 13: warning of consequences is a threat to whom it is warned against
    ("Russia warned of retaliation against Ukraine.", ("RUS", "130", "UKR")),
    ("Russia warned Ukraine of serious consequences.", ("RUS", "130", "UKR")),
])
def test_statement_appeal_rejection_and_threat_families(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text)


@pytest.mark.parametrize(("text", "codes"), [
    # a should-clause about a thing, with no act framed, is an opinion, not an appeal
    ("The Kenyan president said the economy should grow.", {"020"}),
    ("The Brazilian president said the rainforest should be opened up to farming.", {"020"}),
    # turning down a resignation is not coded; a negated "comment" in a condition is no refusal
    ("The Ukrainian president declined the Ukrainian prime minister's offer to resign.", {"1231", "0341"}),
    ("Kenyan police offered no details about the arrests.", {"137", "030"}),
    ("Kenyan police confirmed the arrests.", {"011"}),
])
def test_statement_near_misses(coder: Coder, text: str, codes: set[str]) -> None:
    events = coded(coder, text)
    assert not [e for e in events if e[1] in codes], events


@pytest.mark.parametrize(("text", "expected"), [
    ("The Kenyan president said Uganda should withdraw its troops.", ("KENGOV", "0256", "UGA")),
    ("Kenyan police said residents should avoid the area.", ("KENCOP", "020", "KENCVL")),
    ("The Kenyan president said the sanctions must be lifted.", ("KENGOV", "1054", None)),
])
def test_should_clauses_about_actors_or_framed_acts_are_still_appeals(coder: Coder, text: str,
                                                                      expected: tuple) -> None:
    assert expected in coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya insisted on the withdrawal of Ugandan troops.", ("KEN", "1056", "UGAMIL")),
    ("Kenya insisted on a Ugandan apology.", ("KEN", "102", None)),
])
def test_insisting_on_an_act_of_others_is_a_demand(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text)


@pytest.mark.parametrize("text", [
    "The Kenyan informant insisted on remaining anonymous.",  # one's own conduct, no demand
    "The Argentine president said he had heard the demands of women.",  # the demands are the women's
])
def test_no_demand_by_whoever_insists_on_own_conduct_or_hears_demands(coder: Coder, text: str) -> None:
    assert not [e for e in coded(coder, text) if e[1][:2] == "10"]


@pytest.mark.parametrize(("text", "expected"), [
    # a feeling in the passive is felt by the passive subject; the by-phrase names no target
    ("The UNHCR is concerned by the escalating tensions between Sudan and South Sudan.",
     ("IGOUNOREFHCR", "012", None)),
    ("The Kenyan president was alarmed about the Ugandan troop build-up.", ("KENGOV", "012", "UGAMIL")),
    ("The Kenyan ministry is deeply troubled over the arrests in Uganda.", ("KENGOV", "012", "UGA")),
])
def test_pessimistic_comments_in_the_passive_and_as_adjectives(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text)


def test_force_promised_by_no_one_able_to_use_it_is_no_threat(coder: Coder) -> None:
    events = coded(coder, "The American senator said he would fight to keep the protections of the law.")
    assert not [e for e in events if e[1][:2] == "13"], events
    assert ("KENMIL", "1384", None) in coded(coder, "The Kenyan army said it would attack.")


@pytest.mark.parametrize(("text", "expected"), [
    ("The Kenyan government asked the Kenyan judge to delay his ruling, but the judge declined.",
     ("KENJUD", "120", "KENGOV")),
    ("The Kenyan government asked Uganda to extradite the suspects, but Uganda refused.", ("UGA", "120", "KENGOV")),
])
def test_a_bare_refusal_turns_down_the_appeal_it_answers(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text)


@pytest.mark.parametrize(("text", "roots"), [
    ("Kenyan exports declined sharply.", {"12"}),  # a figure that falls refuses nothing
    ("The Kenyan police asked for help and crime declined.", {"12"}),
    ("The Canadian spokesman pleaded for her and her family's privacy at this time.", {"02"}),
])
def test_declines_of_figures_and_pleas_for_privacy_are_no_events(coder: Coder, text: str, roots: set[str]) -> None:
    assert not [e for e in coded(coder, text) if e[1][:2] in roots]


@pytest.mark.parametrize(("text", "codes"), [
    ("The Russian FSB denies the two explosions are related.", {"016"}),  # a fact about things, no act
    ("The Brazilian president said the forest should be opened up to farming, and Brazilian critics "
     "blame him for the fires.", {"020"}),  # the blame is the critics', not what should happen
])
def test_denials_and_advice_about_things_are_no_events(coder: Coder, text: str, codes: set[str]) -> None:
    assert not [e for e in coded(coder, text) if e[1] in codes]


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia denied that its forces had attacked the village.", ("RUS", "016", None)),
    ("Russia denied that it was involved.", ("RUS", "016", None)),
])
def test_denials_of_acts_and_involvement_are_016(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text)


def test_a_plea_to_voters_asking_nothing_is_campaigning(coder: Coder) -> None:
    assert not [e for e in coded(coder, "The Kenyan candidate delivered his final plea to voters on Sunday.")
                if e[1][:2] == "02"]
    assert ("KENCOP", "0256", "KENCVL") in coded(coder, "Kenyan police appealed to voters for calm.")


@pytest.mark.parametrize(("text", "expected"), [
    # 018: grief voiced, sadness in the passive or said of oneself; 017: a moment of silence
    ("The Indian president expressed grief over the deaths.", ("INDGOV", "018", None)),
    ("The Indian president said he was deeply saddened by the loss of life.", ("INDGOV", "018", None)),
    ("Kenya held a moment of silence for the victims.", ("KEN", "017", None)),
    ("The UNHCR said it is concerned by the escalating tensions.", ("IGOUNOREFHCR", "012", None)),
])
def test_sympathy_and_symbolic_acts(coder: Coder, text: str, expected: tuple) -> None:
    source, code, target = expected
    events = coded(coder, text)
    assert any(e[0] == source and e[1] == code and (target is None or e[2] == target) for e in events), events


def test_news_that_saddens_someone_is_no_condolence_by_the_news(coder: Coder) -> None:
    assert not [e for e in coded(coder, "The news saddened the Kenyan president.") if e[1] == "018"]


@pytest.mark.parametrize(("text", "expected"), [
    # pressing someone to act is an appeal to them; what they are pressed to do is not done
    ("Kenya pressured Uganda to withdraw its troops.", ("KEN", "0256", "UGA")),
    ("Kenya exhorted Uganda to withdraw its troops.", ("KEN", "0256", "UGA")),
    ("Kenya pushed Uganda to release the fishermen.", ("KEN", "0253", "UGA")),
    ("The Kenyan minister was urged by the opposition to resign.", ("KENOPP", "0241", "KENGOV")),
])
def test_pressing_others_to_act_is_an_appeal(coder: Coder, text: str, expected: tuple) -> None:
    events = coded(coder, text)
    assert expected in events and not [e for e in events if e[1][:2] == "08"], events


@pytest.mark.parametrize("text", [
    "The Kenyan minister was urged to resign.",  # who urged is unsaid: not the minister himself
    "Kenya pushed to end the war.",  # striving oneself, no one pressed
])
def test_no_appeal_by_the_one_urged_or_by_one_who_strives(coder: Coder, text: str) -> None:
    assert not [e for e in coded(coder, text) if e[1][:2] == "02" and e[0] in ("KENGOV", "KEN")]


def test_insisting_that_someone_act_is_a_demand_and_insisting_on_a_fact_is_not(coder: Coder) -> None:
    assert ("KEN", "1056", "UGA") in coded(coder, "Kenya insisted that Uganda withdraw its troops.")
    assert not [e for e in coded(coder, "Kenya insisted that Uganda had withdrawn its troops.") if e[1][:2] == "10"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya is seeking the extradition of the suspects from Uganda.", ("KEN", "020", "UGA")),
    ("Kenya sought clarification from Uganda.", ("KEN", "020", "UGA")),
])
def test_seeking_something_from_someone_is_an_appeal(coder: Coder, text: str, expected: tuple) -> None:
    assert expected in coded(coder, text)


def test_seeking_office_is_no_appeal(coder: Coder) -> None:
    assert not [e for e in coded(coder, "The Kenyan president is seeking re-election.") if e[1][:2] == "02"]


@pytest.mark.parametrize(("text", "event"), [
    ("Ghana pledged to work with Togo on border security.", ("GHA", "030", "TGO")),
    ("Ghana vowed to stand with Ukraine.", ("GHA", "030", "UKR")),
    ("Ghana refused to work with Togo.", ("GHA", "120", "TGO")),
])
def test_an_intended_or_refused_joint_act_is_aimed_at_the_partner(text: str, event: tuple) -> None:
    from coding import coded, sentence_coder
    assert event in coded(sentence_coder(), text), coded(sentence_coder(), text)


def test_a_vague_intent_with_no_partner_stays_uncoded() -> None:
    from coding import coded, sentence_coder
    assert coded(sentence_coder(), "Ghana pledged to work harder.") == set()


@pytest.mark.parametrize(("text", "event"), [
    ("Morocco dispatched rescue teams to Turkey.", ("MAR", "073", "TUR")),
    ("Morocco sent medical teams to Libya.", ("MAR", "073", "LBY")),
    ("India shipped oxygen to Nepal.", ("IND", "073", "NPL")),
    ("The IMF disbursed $1 billion to Egypt.", ("IGOBUSIMF", "071", "EGY")),
    ("Qatar transferred funds to Lebanon.", ("QAT", "071", "LBN")),
])
def test_relief_and_money_handed_over_are_aid(text: str, event: tuple) -> None:
    from coding import coded, sentence_coder
    assert event in coded(sentence_coder(), text), coded(sentence_coder(), text)


@pytest.mark.parametrize("text", ["Morocco sent a team to the Olympics.", "The club sent its medical team to the match.",
                                  "The bank transferred funds to its clients."])
def test_teams_and_firms_money_are_no_aid(text: str) -> None:
    from coding import coded, sentence_coder
    assert not any(c.startswith("07") for _, c, _ in coded(sentence_coder(), text)), coded(sentence_coder(), text)


def test_a_team_sent_to_help_is_aid() -> None:
    from coding import coded, sentence_coder
    found = coded(sentence_coder(), "Morocco sent a team of experts to Turkey to help search for survivors.")
    assert any(s == "MAR" and c.startswith("07") for s, c, _ in found), found


@pytest.mark.parametrize(("text", "event"), [
    ("Zambia sent a delegation to Malawi for talks.", ("ZMB", "042", "MWI")),
    ("Zambia exchanged views with Malawi on security.", ("ZMB", "040", "MWI")),
])
def test_delegations_and_exchanges_of_views(text: str, event: tuple) -> None:
    from coding import coded, sentence_coder
    assert event in coded(sentence_coder(), text), coded(sentence_coder(), text)
