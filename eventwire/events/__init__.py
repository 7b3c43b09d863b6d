"""Events: a lexicon of triggers matched over the dependency parse, frames and modality."""

from eventwire.events.lexicon import LexEntry, Lexicon, load_lexicon
from eventwire.events.matcher import EventMatcher

__all__ = ["EventMatcher", "LexEntry", "Lexicon", "load_lexicon"]
