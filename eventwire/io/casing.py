"""Headlines and shouted text in the case the parser was trained on.

"Jury Convicts Spiro Man In Shooting Death" and "RCMP MAKE ARRESTS IN BC POLYGAMOUS COMMUNITY" parse
as strings of proper nouns: no verb, no event. News is written in sentence case, and so are the
parser's training texts, so a line in title case or in capitals is read in sentence case: ordinary
English words are lower-cased, names the actor tables know keep (or get) their capitals, and words
no dictionary lists stay capitalised, since they are most likely names. Only the letters' case
changes, so every offset into the text stays valid.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LINE = re.compile(r"[^\n]+")
MAX_NAME_WORDS = 4
SHORT_ACRONYM = 4  # an unknown capitalised word this short in shouted text is kept as an acronym
MIN_HEADLINE_WORDS = 3
TITLE_SHARE = 0.8  # of the words of four letters or more, how many a title-case line capitalises
SENTENCE_END = (".", "!", "?", ":", ";", '"', "'", "”", "’", ")")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What tells a name from an ordinary word: the names of the actor tables (lower-cased; countries,
    bodies, places, not role words), their acronyms, and the dictionary's ordinary words."""

    is_phrase: Callable[[str], bool]
    is_acronym: Callable[[str], bool]
    is_word: Callable[[str], bool]


def sentence_case(text: str, vocabulary: Vocabulary) -> str:
    """``text`` with each title-case or all-capitals line in sentence case; other lines unchanged."""
    pieces = []
    position = 0
    for line in _LINE.finditer(text):
        kind = line_kind(line.group())
        if kind is None:
            continue
        pieces.append(text[position:line.start()])
        pieces.append(_recase(line.group(), kind == "capitals", vocabulary))
        position = line.end()
    if not pieces:
        return text
    pieces.append(text[position:])
    out = "".join(pieces)
    assert len(out) == len(text)
    return out


#: inflections a dictionary of base forms does not list: (ending, replacement)
_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                ("ing", ""), ("ing", "e"), ("'s", ""), ("’s", ""))


def base_forms(word: str) -> Iterator[str]:
    """``word`` and the base forms its regular inflection may come from ("convicts" -> "convict",
    "stopped" -> "stop", "launches" -> "launch")."""
    yield word
    for ending, replacement in _INFLECTIONS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[:-len(ending)]
            yield stem + replacement
            if replacement == "" and len(stem) > 2 and stem[-1] == stem[-2]:
                yield stem[:-1]  # "stopped", "shelling"


def line_kind(line: str) -> str | None:
    """ "capitals", "title", or None for a line in ordinary case."""
    words = _WORD.findall(line)
    if len(words) < MIN_HEADLINE_WORDS:
        return None
    letters = [c for w in words for c in w]
    if sum(c.isupper() for c in letters) >= 0.9 * len(letters):
        return "capitals"
    long_words = [w for w in words[1:] if len(w) >= 4]
    if len(long_words) < MIN_HEADLINE_WORDS or line.rstrip().endswith(SENTENCE_END):
        return None
    capitalised = sum(w[0].isupper() for w in long_words)
    return "title" if capitalised >= TITLE_SHARE * len(long_words) else None


def _recase(line: str, shouted: bool, vocabulary: Vocabulary) -> str:
    chars = list(line)
    words = list(_WORD.finditer(line))
    kept = set(_known_names(line, words, shouted, vocabulary))
    for n, word in enumerate(words):
        text = word.group()
        if n in kept:
            form = text if (not shouted or vocabulary.is_acronym(text)) else text.capitalize()
        elif shouted and not vocabulary.is_word(text.lower()):
            # a word no dictionary lists: most likely a name, or an acronym when short ("BC")
            form = text if len(text) <= SHORT_ACRONYM else text.capitalize()
        elif not shouted and (text.isupper() and len(text) > 1 or not vocabulary.is_word(text.lower())):
            form = text  # an acronym, or a name the tables do not hold ("Spiro")
        else:
            form = text.lower()
        if n == 0:
            form = form[:1].upper() + form[1:]
        chars[word.start():word.end()] = form
    return "".join(chars)


def _known_names(line: str, words: list[re.Match[str]], shouted: bool, vocabulary: Vocabulary) -> Iterator[int]:
    """Indices of words inside a name the tables know, longest name first ("South Sudan", "UN")."""
    n = 0
    while n < len(words):
        size = next((k for k in range(min(MAX_NAME_WORDS, len(words) - n), 0, -1)
                     if _is_name(line[words[n].start():words[n + k - 1].end()], k, vocabulary)), 0)
        yield from range(n, n + size)
        n += max(size, 1)


def _is_name(phrase: str, size: int, vocabulary: Vocabulary) -> bool:
    return vocabulary.is_phrase(phrase.lower()) or (size == 1 and vocabulary.is_acronym(phrase))
