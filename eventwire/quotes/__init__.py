"""Quotes: who said what, to whom, in their own words or reported (DESIGN.md, "Quotes")."""

from eventwire.quotes.cues import Cue, load_cues
from eventwire.quotes.finder import Attribution, FoundQuote, QuoteCarry, QuoteFinder, attach_events
from eventwire.quotes.marks import QuoteSpan, find_quote_spans

__all__ = [
    "Attribution", "Cue", "FoundQuote", "QuoteCarry", "QuoteFinder", "QuoteSpan", "attach_events",
    "find_quote_spans", "load_cues",
]
