"""Regions as English-language news names them (eventwire/actors/regions.tsv): the table's checks, and
the finder placing police, officials and forces by the region a sentence names. Sentences are our own."""

from __future__ import annotations

from pathlib import Path

import pytest
from coding import coded, sentence_coder

from eventwire.actors.towns import city_countries, named_regions, region_table
from eventwire.pipeline import Coder
from eventwire.tables import TableError

HEADER = "# test regions\ncountry\tkind\tnames\n"


def _table(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "regions.tsv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def coder() -> Coder:
    return sentence_coder()


def test_shipped_table_loads_and_covers_the_regions_news_names() -> None:
    regions = named_regions()
    assert len(regions) > 2000
    for name, country in [("ohio", "USA"), ("bavaria", "DEU"), ("tigray", "ETH"), ("sichuan", "CHN"),
                          ("chechnya", "RUS"), ("catalonia", "ESP"), ("darfur", "SDN"), ("aceh", "IDN")]:
        assert country in regions[name], name


@pytest.mark.parametrize(("row", "message"), [
    ("ZZZ\tstate\tNowhere Land", "country 'ZZZ' is not in countries.tsv"),
    ("USA\tcontinent\tNowhere Land", "unknown kind 'continent'"),
    ("USA\tstate\tNowhere Land|nowhere land", "a name is repeated"),
    ("USA\tstate\tNW", "shorter than three letters"),
])
def test_a_bad_row_names_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = _table(tmp_path, "USA\tstate\tFirst Region", row)
    with pytest.raises(TableError) as caught:
        region_table(path)
    assert f"{path}:4" in str(caught.value) and message in str(caught.value)


def test_a_name_listed_twice_for_one_country_is_refused_with_both_lines(tmp_path: Path) -> None:
    path = _table(tmp_path, "USA\tstate\tFirst Region", "USA\tarea\tOther Region|First Region")
    with pytest.raises(TableError, match=r"line 3"):
        region_table(path)


def test_spellings_that_differ_only_in_accents_are_one_name(tmp_path: Path) -> None:
    regions = region_table(_table(tmp_path, "CAN\tprovince\tQuébec|Quebec", "IND\tstate\tPunjab", "PAK\tprovince\tPunjab"))
    assert regions == {"quebec": ("CAN",), "punjab": ("IND", "PAK")}


def test_a_region_comes_before_a_town_of_its_name_abroad_which_stays_a_choice() -> None:
    assert city_countries("Florida")[0] == "USA"  # not the Cuban town
    assert city_countries("Ontario")[:2] == ("CAN", "USA")  # the Californian city stays for US stories
    assert city_countries("Tigray") == ("ETH",)


@pytest.mark.parametrize(("text", "source"), [
    ("Police in Iowa arrested a teacher on Tuesday.", "USACOP"),       # four letters: no ISO name
    ("Police in Saxony detained two men.", "DEUCOP"),                  # the ISO name is Sachsen
    ("Police in Tigray detained a journalist.", "ETHCOP"),             # untagged by the recogniser
    ("Police in New South Wales arrested a man.", "AUSCOP"),           # not Wales
    ("Police in New Mexico arrested a man.", "USACOP"),                # not Mexico
    ("Police in Baja California detained a man.", "MEXCOP"),           # two entities, one region
])
def test_police_of_a_named_region_are_that_countrys_police(coder: Coder, text: str, source: str) -> None:
    events = coded(coder, text)
    assert any(e[0] == source and e[1] == "173" for e in events), events


@pytest.mark.parametrize(("text", "source"), [
    ("Floods hit Lahore on Monday. Police in Punjab arrested a teenager.", "PAKCOP"),
    ("Floods hit New Delhi on Monday. Police in Punjab arrested a teenager.", "INDCOP"),
])
def test_a_region_two_countries_share_is_the_one_the_article_names(coder: Coder, text: str, source: str) -> None:
    assert any(e[0] == source and e[1] == "173" for e in coded(coder, text)), coded(coder, text)


def test_a_region_two_countries_share_is_nobodys_alone(coder: Coder) -> None:
    assert not any(e[0] and e[0][:3] in ("IND", "PAK") for e in coded(coder, "Police in Punjab arrested a teenager."))
