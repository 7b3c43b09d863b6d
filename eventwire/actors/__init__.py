"""Actors: who does what to whom. Tables of countries, organisations and roles; the mention finder
and resolver; the per-article memory of people already named."""

from eventwire.actors.finder import ActorFinder
from eventwire.actors.gazetteer import Entry, Gazetteer, load_gazetteer
from eventwire.actors.memory import DocumentMemory
from eventwire.actors.records import parse_case_date, resolution_record
from eventwire.actors.towns import city_country

__all__ = [
    "ActorFinder",
    "DocumentMemory",
    "Entry",
    "Gazetteer",
    "city_country",
    "load_gazetteer",
    "parse_case_date",
    "resolution_record",
]
