"""Actor tables, mention finder, resolver and document memory, on phrases and sentences we wrote."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from eventwire.actors import ActorFinder, DocumentMemory, load_gazetteer, parse_case_date, resolution_record
from eventwire.actors.gazetteer import data_dir, plural
from eventwire.actors.leaders import fold
from eventwire.actors.memory import within_one_edit
from eventwire.model import make_actor
from eventwire.nlp import load_pipeline
from eventwire.tables import TableError

DAY = date(2022, 8, 5)


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def finder(nlp):
    return ActorFinder(nlp)


PHRASES = [
    # (phrase, country, first sector or None)
    ("Armenian Prime Minister", "ARM", "GOV"),
    ("the Kenyan foreign minister", "KEN", "GOV"),
    ("Turkey's Foreign Minister Mevlut Cavusoglu", "TUR", "GOV"),
    ("an American destroyer", "USA", "MIL"),
    ("Syrian rebels", "SYR", "REB"),
    ("rebels", None, "REB"),
    ("State Department spokesperson Ned Price", "USA", "GOV"),
    ("the Pentagon", "USA", "MIL"),
    ("the Kremlin", "RUS", "GOV"),
    ("Downing Street", "GBR", "GOV"),
    ("Baku", "AZE", "GOV"),
    ("Norway", "NOR", None),
    ("the Netherlands", "NLD", None),
    ("Peruvian police", "PER", "COP"),
    ("Nairobi police", "KEN", "COP"),
    ("Ghana's Supreme Court", "GHA", "JUD"),
    ("Brazilian lawmakers", "BRA", "LEG"),
    ("Filipino fishermen", "PHL", "AGR"),
    ("Somali refugees", "SOM", "REF"),
    ("a former Nepali minister", "NPL", "ELI"),
    ("Iraqi Kurdish Peshmerga", "IRQ", "MIL"),
    ("Yemen's Houthi rebels", "YEM", "REB"),
    ("opposition supporters", None, "OPP"),
    ("an opposition senator", None, "LEG"),
    ("the army spokesman", None, "MIL"),
    ("Chadian soldiers", "TCD", "MIL"),
    ("Venezuelan state television", "VEN", "GOV"),
    ("Danish journalists", "DNK", "MED"),
    ("Polish dockworkers", "POL", "LAB"),
    ("the Vietnamese embassy", "VNM", "GOV"),
    ("Indonesian clerics", "IDN", "REL"),
    ("Hindu leaders", None, "REL"),
    ("Christians", None, "CHR"),
    ("human rights groups", None, "HRI"),
    ("aid agencies", None, "NGO"),
    ("unidentified gunmen", None, "UAF"),
    ("drug traffickers", None, "CRM"),
    ("the Mexican Senate", "MEX", "LEG"),
    ("the Knesset", "ISR", "LEG"),
    ("Mossad", "ISR", "SPY"),
    ("a Kenya-based charity", "KEN", "NGO"),
    ("university students in Chile", "CHL", "EDU"),
    ("the president of Bolivia", "BOL", "GOV"),
    ("Transnistria", "MDA", "PRE"),
    ("the Hellenic Parliament", "GRC", "LEG"),
    ("Egyptian Islamist militants", "EGY", "UAF"),
]


@pytest.mark.parametrize(("phrase", "country", "sector"), PHRASES)
def test_phrase_resolves(finder, phrase, country, sector):
    actor = finder.resolve_phrase(phrase, on=DAY)
    assert actor is not None, phrase
    assert actor.country == country, (phrase, actor)
    assert actor.sector == sector, (phrase, actor)


@pytest.mark.parametrize(("phrase", "igo", "country"), [
    ("the United Nations", "IGOUNO", "IGO"),
    ("the leaders of NATO", "IGOWSTNAT", "IGO"),
    ("the EU", "IGOEUREEC", "EUR"),
    ("UN peacekeepers", "IGOUNO", "IGO"),
    ("the OSCE Minsk Group", "IGO", "IGO"),
    ("the International Monetary Fund", "IGOBUSIMF", "IGO"),
])
def test_igo_phrases(finder, phrase, igo, country):
    actor = finder.resolve_phrase(phrase, on=DAY)
    assert actor is not None and actor.igo == igo and actor.country == country, actor


@pytest.mark.parametrize("phrase", ["the weather", "a red car", "was, participates", "Jonas Feldmarsh"])
def test_non_actors_resolve_to_nothing(finder, phrase):
    assert finder.resolve_phrase(phrase, on=DAY) is None


def test_lowercase_country_words_are_not_countries(finder):
    assert finder.resolve_phrase("a roast turkey", on=DAY) is None


def test_pronoun_us_is_not_the_united_states(finder, nlp):
    doc = nlp("They told us nothing.")
    assert finder.find(doc, DAY, DocumentMemory()) == []


def test_conjuncts_stay_separate(finder, nlp):
    doc = nlp("Armenia and Azerbaijan agreed to talk.")
    mentions = finder.find(doc, DAY, DocumentMemory())
    assert [m.actor.code for m in mentions] == ["ARM", "AZE"]
    assert [doc[m.head].text for m in mentions] == ["Armenia", "Azerbaijan"]


def test_mention_carries_head_spans_role_and_name(finder, nlp):
    doc = nlp("Turkey's Foreign Minister Mevlut Cavusoglu met Greek officials in Athens.")
    mentions = finder.find(doc, DAY, DocumentMemory())
    first = mentions[0]
    assert first.actor.code == "TURGOV"
    assert fold(first.actor.name) == "mevlut cavusoglu"  # the leaders table may spell it with accents
    assert first.actor.role == "Foreign Minister"
    assert doc[first.head].text == "Cavusoglu"
    assert doc.text[first.char_span[0]:first.char_span[1]] == "Turkey's Foreign Minister Mevlut Cavusoglu"
    assert first.rule
    codes = [m.actor.code for m in mentions]
    assert "GRCGOV" in codes


def test_title_after_name_with_of_country(finder, nlp):
    doc = nlp("President Nicolas Ferrand of Gabon arrived on Monday.")
    mentions = finder.find(doc, DAY, DocumentMemory())
    assert mentions[0].actor.code == "GABGOV"
    assert mentions[0].actor.name == "Nicolas Ferrand"


def test_memory_surname_near_miss_description_and_pronoun(finder, nlp):
    memory = DocumentMemory()
    text = ("Estonian Defence Minister Kaarel Tammsaar visited Riga on Tuesday. "
            "Tammsaar said the talks went well. "
            "Later, Tammsar met Latvian officials. "
            "The Estonian minister promised more help. "
            "He left on Wednesday.")
    doc = nlp(text)
    mentions = finder.find(doc, DAY, memory)
    by_text = {doc[m.start:m.end].text: m for m in mentions}
    for phrase in ("Tammsaar", "Tammsar", "The Estonian minister", "He"):
        assert by_text[phrase].actor.code == "ESTGOV", phrase
        assert by_text[phrase].actor.name == "Kaarel Tammsaar", phrase
        assert by_text[phrase].rule.startswith("memory:"), phrase


def test_pronoun_needs_a_recent_person(finder, nlp):
    memory = DocumentMemory()
    text = ("Moroccan Interior Minister Samir Benali spoke first. The weather was cold. "
            "The trains were late. Nobody came. He left.")
    doc = nlp(text)
    mentions = finder.find(doc, DAY, memory)
    assert all(doc[m.start:m.end].text != "He" for m in mentions)


def test_memory_is_per_article(finder, nlp):
    first = DocumentMemory()
    finder.find(nlp("Chilean Finance Minister Tomas Arriagada resigned."), DAY, first)
    second = DocumentMemory()
    assert finder.find(nlp("Arriagada was seen in town."), DAY, second) == []


def test_resolve_phrase_uses_context(finder):
    actor = finder.resolve_phrase("Okonjo", context="Nigerian Trade Minister Adaeze Okonjo opened the fair.", on=DAY)
    assert actor is not None and actor.code == "NGAGOV" and actor.name == "Adaeze Okonjo"


def test_memory_unit_behaviour():
    memory = DocumentMemory()
    minister = make_actor("TUR", ("GOV",), name="Mevlut Cavusoglu", role="Foreign Minister")
    memory.remember("Mevlut Cavusoglu", minister, sentence=0, token=3)
    assert memory.by_name("Cavusoglu").actor is minister
    assert memory.by_name("Cavusoglou").actor is minister  # one letter more
    assert memory.by_name("Erdogan") is None
    assert memory.by_description("TUR", "GOV", "minister").actor is minister
    assert memory.by_description("GRC", "GOV", None) is None
    assert memory.by_description(None, None, "president") is None
    assert memory.recent(2, 0).actor is minister
    assert memory.recent(3, 0) is None


@pytest.mark.parametrize(("a", "b", "same"), [
    ("price", "prince", True), ("price", "prise", True), ("price", "pric", True),
    ("price", "prices", True), ("price", "rpice", False), ("price", "pride", True), ("price", "bride", False),
])
def test_within_one_edit(a, b, same):
    assert within_one_edit(a, b) is same


def test_short_surnames_need_exact_match():
    memory = DocumentMemory()
    memory.remember("Li Wei", make_actor("CHN", ("GOV",), name="Li Wei"), 0)
    assert memory.by_name("Wu") is None  # one letter off, but too short to trust
    assert memory.by_name("Wei") is not None


def test_every_country_has_iso3_name_and_is_unique():
    gaz = load_gazetteer()
    assert len(gaz.country_names) >= 240
    for code in ("USA", "TUR", "AZE", "ARM", "XKX", "PSE", "TWN", "SSD"):
        assert code in gaz.country_names
    for word, code in (("turks", "TUR"), ("azeri", "AZE"), ("filipinos", "PHL"), ("ankara", "TUR")):
        assert gaz.meanings(word)[0].country == code


def test_plural():
    assert plural("minister") == "ministers"
    assert plural("spokesman") == "spokesmen"
    assert plural("militia") == "militias"
    assert plural("deputy") == "deputies"
    assert plural("human rights group") == "human rights groups"
    assert plural("police") == "polices"


def _copy_tables(tmp_path: Path) -> Path:
    for name in ("countries.tsv", "igos.tsv", "organisations.tsv", "companies.tsv", "roles.tsv", "religions.tsv"):
        shutil.copy(data_dir() / name, tmp_path / name)
    return tmp_path


def _append(path: Path, line: str) -> int:
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(("table", "line", "message"), [
    ("roles.tsv", "XYZ\t\t\tpeacemaker", "unknown sector 'XYZ'"),
    ("roles.tsv", "MIL\t\t\tcleric", "already has sector(s) REL"),
    ("roles.tsv", "GOV\tmaybe\t\tregent", "must be 'yes', 'no' or empty"),
    ("roles.tsv", "GOV\t\tsometimes\tregent", "must be 'yes', 'no', 'people' or empty"),
    ("countries.tsv", "Xx1\tNowhere", "not three capital letters"),
    ("igos.tsv", "UNO\tIGO\t\tSome Body", "not a CAMEO IGO/NGO code"),
    ("organisations.tsv", "QQQ\tMIL\t\t\tSome Army", "unknown country code 'QQQ'"),
    ("organisations.tsv", "FRA\tMIL\t2020-13\t\tSome Army", "bad start date"),
    ("organisations.tsv", "FRA\tMIL\t2020\t2019\tSome Army", "end date is before start date"),
    ("religions.tsv", "ZZZ\tZoroastrian", "unknown religion code"),
    ("companies.tsv", "QQQ\tBUS\t\t\tSome Firm", "unknown country code 'QQQ'"),
])
def test_table_errors_name_file_and_line(tmp_path, table, line, message):
    directory = _copy_tables(tmp_path)
    number = _append(directory / table, line)
    with pytest.raises(TableError) as caught:
        load_gazetteer(directory)
    assert f"{table}:{number}" in str(caught.value)
    assert message in str(caught.value)


def test_parse_case_date():
    assert parse_case_date("2022-04-01") == date(2022, 4, 1)
    assert parse_case_date("10 May 2015") == date(2015, 5, 10)
    assert parse_case_date("today", today=DAY) == DAY
    assert parse_case_date("") is None
    with pytest.raises(ValueError):
        parse_case_date("the day after")


def test_resolution_record_marks_unknown_sector():
    assert resolution_record("a", make_actor("SYR", (), kind="group"))["sector"] == "UNK"
    assert resolution_record("b", make_actor("SYR", (), kind="country"))["sector"] == ""
    assert resolution_record("c", None)["code"] is None
    rec = resolution_record("d", make_actor("TUR", ("GOV",), name="X Y"))
    assert rec == {"id": "d", "code": "TURGOV", "country": "TUR", "sector": "GOV", "name": "X Y"}


def test_ngec_cases_pass_rate(finder):
    """The peer cases in ../shared, when present: at least three in four must pass."""
    import json

    shared = Path(__file__).resolve().parents[1].parent / "shared"
    cases_path = shared / "peer" / "ngec_actor_cases.jsonl"
    if not cases_path.exists():
        pytest.skip(f"{cases_path} not found (../shared is absent)")
    cases = [json.loads(line) for line in cases_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = {}
    for case in cases:
        actor = finder.resolve_phrase(case["text"], case.get("context") or "", parse_case_date(case.get("date")))
        records[case["id"]] = resolution_record(case["id"], actor)
    passed = 0
    for case in cases:
        got = records[case["id"]]
        ok = True
        for key, want in case["expect"].items():
            if key == "none":
                ok &= not got["country"] and not got["sector"]
            else:
                ok &= (got.get(key) or "").upper() == want.upper()
        passed += ok
    assert passed / len(cases) >= 0.75


@pytest.mark.parametrize(("phrase", "country", "sector"), [
    ("Idlib rebels", "SYR", "REB"),
    ("Sindh police", "PAK", "COP"),
    ("Kaduna state officials", "NGA", "GOV"),
])
def test_first_level_regions_stand_for_their_country(finder, phrase, country, sector):
    actor = finder.resolve_phrase(phrase)
    assert actor is not None and actor.country == country and sector in actor.sectors


def test_a_region_name_two_countries_share_gives_no_country():
    from eventwire.actors.towns import city_country

    assert city_country("Punjab") is None


# --- issue 11: context as the coder reads it, things that are never actors, organisations ------------

@pytest.mark.parametrize(("text", "context", "code"), [
    ("Foreign Minister", "the Egyptian Foreign Minister said talks would resume.", "EGYGOV"),
    ("police", "Police in Lagos arrested twelve protesters on Sunday.", "NGACOP"),
    ("Defence Minister", "Talks with the Indonesian Defence Minister ended late.", "IDNGOV"),
])
def test_phrase_is_read_inside_its_context(finder, text, context, code):
    actor = finder.resolve_phrase(text, context=context, on=DAY)
    assert actor is not None and actor.code == code, actor


@pytest.mark.parametrize("phrase", [
    "missiles", "Russian cruise missiles", "the Boeing 737-800 jet", "an Iranian oil tanker", "a drone",
    "justice", "official apologies", "diplomatic channels", "the peace treaty", "the Chinese proposal",
    "bilateral relations", "the Turkish economy",
])
def test_weapons_vehicles_documents_and_ideas_are_not_actors(finder, phrase):
    assert finder.resolve_phrase(phrase, on=DAY) is None


@pytest.mark.parametrize(("phrase", "country", "sector"), [
    ("Israeli warplanes", "ISR", "MIL"),  # a country's aircraft are its military
    ("Ukrainian drones", "UKR", "MIL"),
    ("China's assistance", "CHN", ""),  # the owner of a thing is an actor
    ("the Supreme Court", "", "JUD"),
    ("Human Rights Watch", "NGO", "HRI"),
    ("Amnesty International", "NGO", "HRI"),
    ("Doctors Without Borders", "NGO", "HLH"),
    ("the Norwegian Refugee Council", "NGO", "REF"),
    ("the World Food Programme", "IGO", "DEV"),
    ("UNICEF", "IGO", "DEV"),
    ("the UN refugee agency", "IGO", "REF"),
    ("the Bundeswehr", "DEU", "MIL"),
    ("the Carabinieri", "ITA", "COP"),
    ("Taiwan's Legislative Yuan", "TWN", "LEG"),
    ("the Ghanaian central bank", "GHA", "GOV"),  # the state's bank (docs/annotation.md)
    ("Peru's Ministry of Mines", "PER", "GOV"),
    ("the Moroccan Interior Ministry", "MAR", "GOV"),
])
def test_organisations_by_name_and_pattern(finder, phrase, country, sector):
    actor = finder.resolve_phrase(phrase, on=DAY)
    assert actor is not None and (actor.country or "") == country and (actor.sector or "") == sector, actor


@pytest.mark.parametrize(("phrase", "on", "code"), [
    ("Chancellor Helmut Kohl", date(1995, 3, 1), "DEUGOV"),
    ("Kohl, the German chancellor", date(1995, 3, 1), "DEUGOV"),
    ("President Nelson Mandela", date(1996, 3, 1), "ZAFGOV"),
    ("Yitzhak Rabin's", date(1995, 3, 1), "ISRGOV"),
    ("Recep Tayyip Erdoğan", date(2021, 3, 1), "TURGOV"),
    ("RECEP TAYYIP ERDOGAN", date(2021, 3, 1), "TURGOV"),
    ("Muammar al-Gaddafi", date(2005, 3, 1), "LBYGOV"),
    ("Mohamed Ould Ghazouani", date(2021, 3, 1), "MRTGOV"),
    ("F. W. de Klerk", date(1992, 3, 1), "ZAFGOV"),
])
def test_leaders_as_reporters_write_them(finder, phrase, on, code):
    actor = finder.resolve_phrase(phrase, on=on)
    assert actor is not None and actor.code == code, actor


@pytest.mark.parametrize(("context", "code"), [
    ("", "GMBGOV"),  # no country to choose by: the bearer our hand-checked table lists
    ("Talks in Peru stalled again on Friday.", None),  # the article is about neither Barrow: nobody
    ("Voters in the Gambia queued for hours on Saturday.", "GMBGOV"),
    ("Hurricane season worries Belize, officials said.", "BLZGOV"),
])
def test_a_surname_two_heads_share_goes_to_the_country_of_the_article(finder, context, code):
    actor = finder.resolve_phrase("Barrow", context=context, on=date(2019, 6, 1))
    assert (actor.code if actor else None) == code


def test_a_named_groups_weapons_are_the_group() -> None:
    """Weapons and aircraft are not actors, except as a named armed group's ("Hezbollah rockets")."""
    import datetime as dt

    from eventwire.model import Article
    from eventwire.pipeline import Coder, CoderConfig

    coder = Coder(CoderConfig(stages=("actors", "events", "codes")))
    doc = coder.code(Article(id="w", text="Houthi drones hit Saudi airports.", date=dt.date(2019, 9, 14)))
    assert any(e.source == "YEMREB" for e in doc.events), doc.events
    doc = coder.code(Article(id="v", text="The missiles hit a hospital.", date=dt.date(2019, 9, 14)))
    assert not any(e.source for e in doc.events), doc.events


def test_a_firms_own_inquiry_is_business_but_an_inquiry_into_a_firm_is_coded() -> None:
    """A company investigating its own affairs is no event between political actors (like its deals)."""
    import datetime as dt

    from eventwire.model import Article
    from eventwire.pipeline import Coder, CoderConfig

    coder = Coder(CoderConfig(stages=("actors", "events", "codes")))
    day = dt.date(2021, 3, 2)
    text = "Toyota Motor launched an investigation into its accounting on Monday."
    doc = coder.code(Article(id="f", text=text, date=day))
    assert not any(e.cameo.startswith("09") for e in doc.events), doc.events
    text = "Brazilian police launched an investigation into Toyota Motor on Monday."
    doc = coder.code(Article(id="p", text=text, date=day))
    assert any(e.cameo.startswith("09") for e in doc.events), doc.events


def test_a_bare_group_word_is_the_group_of_that_kind_named_before(finder, nlp):
    memory = DocumentMemory()
    doc = nlp("Colombian soldiers raided a camp near the border. Ecuador's foreign ministry protested. "
              "The soldiers returned to their base. The government said nothing.")
    by_text = {m.actor.text: m for m in finder.find(doc, DAY, memory)}
    assert by_text["soldiers"].actor.code == "COLMIL"
    assert by_text["soldiers"].rule.startswith("memory:kind")
    assert by_text["government"].actor.country is None  # the article's own government, not remembered


def test_a_set_apart_group_word_is_not_the_one_named_before(finder, nlp):
    memory = DocumentMemory()
    doc = nlp("Colombian soldiers raided a camp near the border. The other soldiers stayed behind.")
    mentions = [m for m in finder.find(doc, DAY, memory) if m.actor.text.endswith("soldiers")]
    assert mentions[-1].actor.country is None, mentions


@pytest.mark.parametrize(("text", "later", "code"), [
    ("Turkish Airlines cancelled its flights to Tehran. The carrier blamed the weather.", "The carrier", "TURBUS"),
    ("Ford Motor Company closed a plant in Brazil. The automaker said demand fell.", "The automaker", "USABUS"),
    ("Hezbollah fired rockets across the border. The group said it aimed at a base.", "The group", "LBNUAF"),
    ("ABS-CBN went off the air in Manila. The network said it would appeal.", "The network", "PHLMED"),
    ("NATO met in Brussels on Monday. The alliance promised more air defence.", "The alliance", "IGOWSTNAT"),
])
def test_a_kind_noun_is_the_named_body_of_that_kind_met_before(finder, nlp, text, later, code):
    doc = nlp(text)
    by_text = {doc[m.start:m.end].text: m for m in finder.find(doc, DAY, DocumentMemory())}
    assert later in by_text and by_text[later].actor.code == code, by_text


@pytest.mark.parametrize("text", [
    "The network said it would appeal.",  # nobody named: no actor
    "Rebels attacked the town. The group said nothing.",  # an unnamed group is not "the group"
    "Goldman Sachs cut jobs in London. The bank said nothing.",  # its name says no bank: not remembered so
])
def test_a_kind_noun_with_no_named_body_of_its_kind_stays_unresolved(finder, nlp, text):
    mentions = [m for m in finder.find(nlp(text), DAY, DocumentMemory()) if m.rule.startswith("memory:kind")]
    assert not mentions, mentions


def test_a_named_body_is_its_first_word_later_in_the_article(finder, nlp):
    memory = DocumentMemory()
    doc = nlp("Iran's Mahan Air has flown cargo to Syria for years. Mahan denies carrying weapons.")
    by_text = {m.actor.text: m for m in finder.find(doc, DAY, memory)}
    assert by_text["Mahan"].actor.country == "IRN", by_text


def test_a_first_word_that_is_an_adjective_is_no_short_name(finder, nlp):
    memory = DocumentMemory()
    doc = nlp("General Motors cut jobs in Ohio. General Smith spoke at the base.")
    assert not any(m.rule.startswith("memory:short-name") for m in finder.find(doc, DAY, memory))


def test_the_countrys_body_is_the_country_the_article_names_most(finder, nlp):
    memory = DocumentMemory()
    doc = nlp("Floods hit the Philippines on Monday. Police in Manila closed roads. "
              "The nation's police chief visited Cebu.")
    chiefs = [m for m in finder.find(doc, DAY, memory) if "chief" in m.actor.text]
    assert chiefs and chiefs[0].actor.code == "PHLCOP", chiefs


def test_an_unlisted_name_is_what_its_apposition_says(finder, nlp):
    memory = DocumentMemory()
    doc = nlp("Rebels met Tomas Varga, a Hungarian envoy, in Vienna. Varga said the talks went well.")
    named = [m for m in finder.find(doc, DAY, memory) if m.actor.name == "Tomas Varga"]
    assert [m.actor.code for m in named] == ["HUNGOV", "HUNGOV"], named


def test_an_office_in_an_unknown_body_is_not_read_from_the_title_alone(finder, nlp):
    memory = DocumentMemory()
    doc = nlp("Marta Kowalczyk, a vice president at Northwind Freight, said prices would rise.")
    named = [m for m in finder.find(doc, DAY, memory) if m.actor.name == "Marta Kowalczyk"]
    assert all("GOV" not in m.actor.sectors for m in named), named


def test_a_name_apposed_to_a_role_takes_the_role(finder, nlp):
    memory = DocumentMemory()
    doc = nlp("A Kenyan government spokesman, Peter Otieno, said the talks failed. Otieno said more would follow.")
    named = [m for m in finder.find(doc, DAY, memory) if m.actor.name == "Peter Otieno"]
    assert [m.actor.code for m in named] == ["KENGOV", "KENGOV"], named
