"""eventwire: political event data from news text.

The heavy parts (spaCy, tables) load on first use, so ``import eventwire`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventwire.model import Actor, Article, CodedDocument, Event, Place, Quote

__version__ = "0.1.0"
__all__ = ["Actor", "Article", "CodedDocument", "Coder", "CoderConfig", "Event", "Place", "Quote", "code_text"]

if TYPE_CHECKING:
    from eventwire.pipeline import Coder, CoderConfig, code_text


def __getattr__(name: str) -> Any:
    if name in ("Coder", "CoderConfig", "code_text"):
        from eventwire import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
