"""Places: the offline gazetteer, toponyms in a parsed article, and where each event happened."""

from eventwire.places.finder import PlaceFinder
from eventwire.places.gazetteer import Candidate, Gazetteer, normalise

__all__ = ["Candidate", "Gazetteer", "PlaceFinder", "normalise"]
