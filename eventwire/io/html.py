"""The article in a web page: its text without navigation, sidebars and footers, and its metadata.

Boilerplate is full of other stories' headlines ("Most read: Japan threatens China ..."), so
coding a whole page invents events; recognising the article body is a job of its own, done
by trafilatura. The text returned is the text that is coded, so every offset of a record
points into it. Pages trafilatura finds no article in (fragments, a bare list of paragraphs)
fall back to all visible text.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Page:
    """What a web page says about its article."""

    text: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    site: str | None = None


def page_article(page: str) -> Page:
    """The article of an HTML page, or all of its visible text when no article is recognised."""
    found = _extracted(page)
    title, fallback = visible_text(page)
    if found is None or not found.text.strip():
        return Page(text=fallback, title=title)
    return Page(
        text=_paragraphs(found.text),
        title=_clean(found.title) or title,
        date=_iso_date(found.date),
        url=_clean(found.url),
        site=_clean(found.sitename) or _clean(found.hostname),
    )


def _extracted(page: str):  # -> trafilatura Document | None (imported lazily: lxml is slow to import)
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            page, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
            deduplicate=False, date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, AttributeError):  # a page lxml cannot make a tree of
        return None


def _paragraphs(text: str) -> str:
    """One line per paragraph in trafilatura's text; a blank line between them is what the coder splits on."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _iso_date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


class _TextExtractor(html.parser.HTMLParser):
    """Visible text of a page: drops scripts, styles and markup; keeps paragraphs apart.

    ``<head>`` is not skipped as a whole: HTML5 lets a page omit ``</head>`` (and ``<body>``),
    and what is in the head that is not text (meta, link) carries no data anyway.
    """

    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header"}
    SKIP = {"script", "style", "noscript", "template", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCKS or tag == "body":
            self._in_title = False  # a <title> never closed ends where the body starts
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def visible_text(page: str) -> tuple[str | None, str]:
    """(title, text) of an HTML page: every visible word, paragraphs separated by a blank line."""
    parser = _TextExtractor()
    parser.feed(page)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\n\s*\n(\s*\n)+", "\n\n", text)
    paragraphs = [p.strip() for p in text.split("\n\n")]
    body = "\n\n".join(p for p in paragraphs if p)
    title = " ".join("".join(parser.title).split()) or None
    return title, body
