"""Normalising articles before they are coded: the same rules for `eventwire code` and `ingest`.

Text that is an HTML page rather than article text is reduced to its article (see
:mod:`eventwire.io.html`); an article with no words, or longer than a run allows, is turned
away with the reason. ``code`` and ``ingest`` share the length cap.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
import unicodedata
from dataclasses import dataclass

from eventwire.io.html import page_article
from eventwire.model import Article, CodedDocument

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


# -- the text the parser reads ------------------------------------------------------------------

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
CONFUSABLES_TABLE = "confusables.tsv"


@dataclass(frozen=True, slots=True)
class ParseText:
    """The text the parser reads, and the way back to offsets in the original text.

    The mapping is piecewise linear: at each anchor ``(parsed, original)`` a new linear piece
    starts, so a text that needed no change carries no anchors at all.
    """

    text: str
    parsed_at: tuple[int, ...] = ()
    original_at: tuple[int, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.parsed_at)

    def original_offset(self, index: int) -> int:
        k = bisect.bisect_right(self.parsed_at, index) - 1
        if k < 0:
            return index
        return self.original_at[k] + (index - self.parsed_at[k])

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            first = self.original_offset(start)
            return first, first
        return self.original_offset(start), self.original_offset(end - 1) + 1


def for_parsing(text: str) -> ParseText:
    """Text as the parser should see it: what looks the same to a reader must read the same.

    NFKC (fullwidth ``Ｒ`` is ``R``, ``ﬁ`` is ``fi``), format characters dropped (zero-width
    spaces and joiners, bidi overrides, soft hyphens), combining marks on Latin letters dropped
    (a decomposed accent as well as "R\u0301ussia"), and Cyrillic or Greek look-alikes inside
    Latin-script words folded to Latin ("Russi\u0430"). Words of other scripts stay as they are.
    """
    if text.isascii():
        return ParseText(text)
    out: list[str] = []
    anchors_parsed: list[int] = []
    anchors_original: list[int] = []
    n = delta = 0  # parsed length so far; original - parsed on the current linear piece
    after_latin = False
    position = 0

    def emit(piece: str, origin: int, expanded: bool) -> None:
        nonlocal n, delta
        for k in range(len(piece) if expanded else 1):  # every char of an expansion comes from ``origin``
            if origin != n + k + delta:
                anchors_parsed.append(n + k)
                anchors_original.append(origin)
                delta = origin - (n + k)
        out.append(piece)
        n += len(piece)

    for match in _NON_ASCII.finditer(text):
        if match.start() > position:
            emit(text[position:match.start()], position, expanded=False)
            after_latin = text[match.start() - 1].isalpha()
        for i in range(match.start(), match.end()):
            char = text[i]
            category = unicodedata.category(char)
            if category == "Cf" or (category in ("Mn", "Me") and after_latin):
                continue
            replacement = unicodedata.normalize("NFKC", char)
            if not replacement:
                continue
            emit(replacement, i, expanded=len(replacement) > 1)
            after_latin = _is_latin_letter(replacement[-1]) or ord(replacement[-1]) in _confusables()[0]
        position = match.end()
    if position < len(text):
        emit(text[position:], position, expanded=False)
    parsed = _fold_confusables("".join(out))
    if parsed == text:
        return ParseText(text)
    return ParseText(parsed, tuple(anchors_parsed), tuple(anchors_original)) if anchors_parsed else ParseText(
        parsed, (0,), (0,))


def _is_latin_letter(char: str) -> bool:
    if char.isascii():
        return char.isalpha()
    return char.isalpha() and unicodedata.name(char, "").startswith("LATIN")


def _fold_confusables(text: str) -> str:
    folding, word = _confusables()
    if not any(ord(char) in folding for char in set(text)):
        return text

    def fold(match: re.Match) -> str:
        found = match.group(0)
        return found.translate(folding) if any(_is_latin_letter(c) for c in found if ord(c) not in folding) else found

    return word.sub(fold, text)


@functools.lru_cache(maxsize=1)
def _confusables() -> tuple[dict[int, str], re.Pattern]:
    """Our table of look-alike letters (``confusables.tsv``), and a pattern for words holding one."""
    from eventwire.tables import load_table, package_data_path

    def parse(row):  # -> (character, Latin letter)
        code = row["char"]
        if not re.fullmatch(r"U\+[0-9A-F]{4,6}", code):
            raise row.fail(f"'char' must be written U+XXXX, not {code!r}")
        char = chr(int(code[2:], 16))
        if unicodedata.name(char, "") != row["name"]:
            raise row.fail(f"{code} is {unicodedata.name(char, 'unnamed')!r}, not {row['name']!r}")
        if not (len(row["latin"]) == 1 and row["latin"].isascii() and row["latin"].isalpha()):
            raise row.fail(f"'latin' must be one Latin letter, not {row['latin']!r}")
        return char, row["latin"]

    pairs = load_table(package_data_path("eventwire.io", CONFUSABLES_TABLE), ("char", "latin", "name"), parse,
                       non_empty=("char", "latin", "name"))
    folding = {ord(char): latin for char, latin in pairs}
    letters = "".join(re.escape(char) for char, _ in pairs)
    return folding, re.compile(rf"\w*[{letters}]\w*")


def restore_offsets(coded: CodedDocument, original: Article, parsed: ParseText) -> CodedDocument:
    """Records of a text coded in its parsed form, pointed back at the original text.

    Every span, and every text field that is a slice of the article (the sentence, the trigger,
    the quote), is that of the original; actor names stay as the coder read them.
    """
    if not parsed.changed:
        return coded
    text = original.text
    coded.article = original
    coded.sentences = [parsed.original_span(*s) for s in coded.sentences]
    coded.mentions = [dataclasses.replace(m, char_span=parsed.original_span(*m.char_span)) for m in coded.mentions]
    for event in coded.events:
        event.span = parsed.original_span(*event.span)
        event.trigger = text[event.span[0]:event.span[1]]
        if 0 <= event.sentence < len(coded.sentences):
            start, end = coded.sentences[event.sentence]
            event.text = text[start:end]
        event.assign_id()
    for quote in coded.quotes:
        quote.span = parsed.original_span(*quote.span)
        quote.text = text[quote.span[0]:quote.span[1]]
        if quote.quote_id:
            old = quote.quote_id
            quote.assign_id()
            for event in coded.events:
                if event.quote_id == old:
                    event.quote_id = quote.quote_id
    return coded
