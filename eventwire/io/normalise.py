"""Normalising articles before they are coded: the same rules for `eventwire code` and `ingest`.

Text that is an HTML page rather than article text is reduced to its article (see
:mod:`eventwire.io.html`); an article with no words, or longer than a run allows, is turned
away with the reason. ``code`` and ``ingest`` share the length cap.
"""

from __future__ import annotations

import dataclasses
import re

from eventwire.io.html import page_article
from eventwire.model import Article

#: Longer texts are rejected: no news article is this long, dumps and junk often are.
DEFAULT_MAX_CHARS = 200_000
_TAG = re.compile(r"<[A-Za-z!/][^>]{0,500}>")
_WORD = re.compile(r"[^\W\d_]{2,}")


def screen(article: Article, max_chars: int | None = None) -> Article | str:
    """An article fit to code, or the reason it is not (too long, markup only, no words).

    Text that is an HTML page rather than article text is reduced to its visible text.
    """
    if max_chars is not None and len(article.text) > max_chars:
        return f"article {article.id!r} too long: {len(article.text):,} characters (limit {max_chars:,}; --max-chars)"
    text = article.text
    if _looks_like_html(text):
        page = page_article(text)
        text = page.text
        if not text.strip():
            return f"article {article.id!r} is HTML markup without visible text"
        article = dataclasses.replace(article, text=text, title=article.title or page.title,
                                      date=article.date or page.date, url=article.url or page.url)
    if not _WORD.search(text):
        return f"article {article.id!r} has no words"
    return article


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    tags = _TAG.findall(text[:20_000])
    return len(tags) >= 5 and sum(map(len, tags)) > 0.3 * min(len(text), 20_000)
