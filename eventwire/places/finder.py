"""Toponyms in a parsed article, the article's dateline, and where an event took place.

A toponym is resolved against the whole article, not alone: the countries the caller says the
article is about, plus the places the article itself names ("Atlanta" makes "Georgia" the US
state), plus an explicit qualifier right after it ("Paris, Texas").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.model import Place
from eventwire.places.gazetteer import Candidate, Gazetteer

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities that are never places, so their capitalised words are not tried against the gazetteer.
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL",
                              "CARDINAL", "LANGUAGE", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
# Prepositions whose object is where the governing event happened.
LOCATION_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "around", "from", "inside", "across",
                                   "throughout", "within", "nearby"})
# Dependencies that open a new clause: a place below one belongs to another event.
CLAUSE_BOUNDARIES = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "parataxis", "conj"})
MAX_PHRASE_TOKENS = 4
# A name the NER did not tag must be a prominent place to count: small towns share their names
# with too many ordinary capitalised words.
MIN_UNTAGGED_POPULATION = 15_000
MIN_MISLABELLED_POPULATION = 250_000
# LOC and FAC entities are mostly regions, seas and buildings ("the Pacific", "Mars"); a city of
# the same name must be large to be meant.
MIN_LOC_CITY_POPULATION = 100_000
# A place known under this name only as an alternate name must be this large to be meant.
MIN_ALTERNATE_POPULATION = 15_000
SPECIFICITY = {"city": 2, "admin1": 1, "country": 0}

_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?"
          r"(?:,?\s+\d{4})?")
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][^\W\d_]*(?:[ .'\-][^\W\d_]+)*\.?)"
    r"(?:[ \t]*,[ \t]*(?P<qualifier>[A-Z][^\W\d_]*(?:[ .'\-]+[^\W\d_]+)*\.?))?"
    rf"(?:[ \t]*,[ \t]*(?P<date>{_MONTH}))?"
    r"(?:[ \t]*\((?P<agency>[^)\n]{1,40})\))?"
    r"[ \t]*(?:[—–]|--?)[ \t]",
    re.MULTILINE,
)
DATELINE_LINES = 3


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    candidates: list[Candidate]
    qualifier: int | str | None = None  # mention index or region key saying which one ("Paris, Texas")
    first: Candidate | None = None


class PlaceFinder:
    """Finds and resolves the places of one parsed article; holds nothing but the gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    # -- toponyms ----------------------------------------------------------------------------

    def find(self, doc: Doc, context: Counter[str], people: Collection[str] = ()) -> list[tuple[int, int, Place]]:
        """Every toponym in ``doc`` as (token start, token end, resolved place), in text order.

        ``people``: names and surnames of the people the article has named; a town called so is the person
        ("police chief William Bratton ... Bratton said" is no visit to Bratton, Wiltshire)."""
        named = {name.lower() for name in people}
        mentions = [m for m in self._mentions(doc, context)
                    if doc[m.start:m.end].text.lower() not in named
                    or all(c.feature in ("country", "continent") for c in m.candidates)]
        _link_qualifiers(doc, mentions)
        self._link_abbreviations(doc, mentions)
        for m in mentions:
            m.first = self.gazetteer.rank(m.candidates, context)[0]
        found_here = Counter[str]()
        for m in mentions:
            found_here.update(_context_keys(m.first))
        results = []
        for m in mentions:
            own = Counter(_context_keys(m.first))
            article = Counter(context) + (found_here - own)
            within = m.qualifier if isinstance(m.qualifier, str) else (
                _qualifier_key(mentions[m.qualifier].first) if m.qualifier is not None else None)
            best = self.gazetteer.rank(m.candidates, article, within=within)[0]
            span = doc[m.start:m.end]
            results.append((m.start, m.end, best.to_place(span.text, (span.start_char, span.end_char))))
        return results

    def _mentions(self, doc: Doc, context: Mapping[str, int]) -> list[_Mention]:
        mentions: list[_Mention] = []
        taken: set[int] = set()
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            for start, end in _comma_parts(ent):
                found = self._resolvable(doc, start, end, ent.label_)
                if found:
                    mentions.append(found)
                    taken.update(range(found.start, found.end))
        mentions.extend(self._untagged(doc, taken, context))
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _resolvable(self, doc: Doc, start: int, end: int, label: str) -> _Mention | None:
        """The mention for tokens [start, end), dropping a leading "the" if needed."""
        while start < end:
            candidates = [c for c in self.gazetteer.lookup(doc[start:end].text) if _plausible_for_entity(c, label)]
            if candidates:
                return _Mention(start, end, candidates)
            if doc[start].lower_ != "the" and doc[start].pos_ not in ("DET", "ADJ"):
                return None
            start += 1
        return None

    def _untagged(self, doc: Doc, taken: set[int], context: Mapping[str, int]) -> list[_Mention]:
        """Gazetteer matches of capitalised words the NER missed or mislabelled."""
        found: list[_Mention] = []
        i = 0
        while i < len(doc):
            match = self._longest_untagged_at(doc, i, taken, context) if _may_start_name(doc[i]) else None
            if match:
                found.append(match)
                taken.update(range(match.start, match.end))
                i = match.end
            else:
                i += 1
        return found

    def _longest_untagged_at(
        self, doc: Doc, i: int, taken: set[int], context: Mapping[str, int]
    ) -> _Mention | None:
        for n in range(MAX_PHRASE_TOKENS, 0, -1):
            end = i + n
            if end > len(doc) or any(t in taken for t in range(i, end)):
                continue
            span = doc[i:end]
            if span.sent.start != doc[i].sent.start or not _is_name_shaped(span):
                continue
            if any(t.ent_type_ in NOT_PLACE_LABELS for t in span):
                continue
            candidates = self.gazetteer.lookup(span.text)
            if not candidates:
                continue
            best = self.gazetteer.rank(candidates, context)[0]
            if _prominent_enough(best, span):
                return _Mention(i, end, candidates)
        return None

    def _link_abbreviations(self, doc: Doc, mentions: list[_Mention]) -> None:
        """"Alexandria, Va." : an abbreviated region right after the comma qualifies the place."""
        for m in mentions:
            if m.qualifier is not None or m.end + 1 >= len(doc) or doc[m.end].text != ",":
                continue
            for width in (3, 2, 1):
                region = self.gazetteer.lookup_abbreviation(doc[m.end + 1:m.end + 1 + width].text)
                if region is not None:
                    m.qualifier = _qualifier_key(region)
                    break

    # -- dateline ----------------------------------------------------------------------------

    def dateline(self, text: str, context: Counter[str]) -> Place | None:
        """The place of a dateline ("MOSCOW (Reuters) -", "KYIV, June 3 —") in the first lines."""
        head = "\n".join(text.lstrip().splitlines()[:DATELINE_LINES])
        for match in _DATELINE.finditer(head):
            name = match.group("place")
            if not (name.isupper() or match.group("date") or match.group("agency")):
                continue
            within = None
            if match.group("qualifier"):
                qualifier = (self.gazetteer.lookup_abbreviation(match.group("qualifier"))
                             or self.gazetteer.best_candidate(match.group("qualifier"), context))
                within = _qualifier_key(qualifier) if qualifier and qualifier.feature != "city" else None
            best = self.gazetteer.best_candidate(name, context, within=within, prefer_city=True)
            if best:
                offset = text.find(name)
                return best.to_place(name, (offset, offset + len(name)) if offset >= 0 else None)
        return None

    # -- event location ----------------------------------------------------------------------

    def event_location(
        self,
        sentence: Span,
        trigger_index: int,
        places: list[tuple[int, int, Place]],
        exclude_countries: set[str] | frozenset[str] = frozenset(),
        dateline: Place | None = None,
    ) -> Place | None:
        """Where the event whose trigger is token ``trigger_index`` (a Doc index) happened.

        First a place governed by a location preposition in the trigger's own clause ("met
        Erdogan in Sochi"); else the most specific other place of the sentence that is not just
        an actor's country ("Russia attacked Ukraine" names no location); else the dateline.
        """
        doc = sentence.doc
        inside = [(s, e, p) for s, e, p in places if sentence.start <= s and e <= sentence.end]
        anchors = _trigger_anchors(doc[trigger_index])
        attached = []
        for s, e, place in inside:
            distance = _attachment_distance(doc[s:e], anchors)
            if distance is not None:
                attached.append((distance, s, place))
        if attached:
            return min(attached, key=lambda a: (a[0], a[1]))[2]
        others = [(s, p) for s, e, p in inside
                  if not (p.feature == "country" and p.country in exclude_countries) and _is_venue(doc[s:e])]
        if others:
            return min(others, key=lambda o: (-SPECIFICITY.get(o[1].feature or "", 0),
                                              abs(o[0] - trigger_index)))[1]
        return dateline


# -- helpers -------------------------------------------------------------------------------------

VENUE_PREPS = frozenset({"in", "at", "near", "outside", "around", "across", "inside", "into", "on"})


def _is_venue(span: Span) -> bool:
    """A place named as where something is ("in Aleppo", "shelled Kharkiv"), not as a topic ("the
    Ukraine crisis")."""
    root = span.root
    if root.dep_ in ("dobj", "nsubjpass"):
        return True
    return root.dep_ == "pobj" and root.head.lower_ in VENUE_PREPS


def _context_keys(candidate: Candidate | None) -> list[str]:
    if candidate is None or candidate.country is None:
        return []
    keys = [candidate.country]
    if candidate.admin1_key and candidate.feature != "country":
        keys.append(candidate.admin1_key)
    return keys


def _qualifier_key(candidate: Candidate | None) -> str | None:
    if candidate is None or candidate.feature == "city":
        return None
    return candidate.admin1_key if candidate.feature == "admin1" else candidate.country


def _link_qualifiers(doc: Doc, mentions: list[_Mention]) -> None:
    """Mark "X, Y" pairs where Y is a country or region: Y says which X is meant."""
    for index, left in enumerate(mentions[:-1]):
        right = mentions[index + 1]
        if right.start == left.end + 1 and doc[left.end].text == ",":
            if any(c.feature != "city" for c in right.candidates):
                left.qualifier = index + 1


def _plausible_for_entity(candidate: Candidate, label: str) -> bool:
    if candidate.feature != "city":
        return True
    if not candidate.primary and candidate.population < MIN_ALTERNATE_POPULATION:
        return False
    return label == "GPE" or candidate.population >= MIN_LOC_CITY_POPULATION


def _comma_parts(ent: Span) -> list[tuple[int, int]]:
    """Split an entity like "Paris, Texas" into its parts."""
    parts, start = [], ent.start
    for token in ent:
        if token.text == ",":
            if token.i > start:
                parts.append((start, token.i))
            start = token.i + 1
    if start < ent.end:
        parts.append((start, ent.end))
    return parts


def _may_start_name(token: Token) -> bool:
    return token.is_alpha and (token.is_title or token.is_upper) and token.pos_ in ("PROPN", "NOUN", "ADJ")


def _is_name_shaped(span: Span) -> bool:
    """A whole proper name: capitalised at both ends, proper nouns only, not part of a longer name.

    "Jackson" in "Michael Jackson", "Green" in "Green Party" or a sentence-initial "Police" are
    fragments or ordinary words, not the towns of that name.
    """
    first, last = span[0], span[-1]
    if not _capitalised(first) or not _capitalised(last):
        return False
    if len(span) == 1 and first.is_sent_start:
        return False
    if not all(t.pos_ == "PROPN" or t.text in ("-", ".") for t in span):
        return False
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return not any(t is not None and _capitalised(t) and t.pos_ == "PROPN" for t in (before, after))


def _capitalised(token: Token) -> bool:
    return token.is_alpha and (token.is_title or token.is_upper)


def _prominent_enough(best: Candidate, span: Span) -> bool:
    """Whether a city name the NER did not tag as a place is likely one after all.

    Only on its own name (alternate names of far-away towns collide with surnames and
    organisations: "Hamas" is an old name of Hamm) and only large ones; a name the NER tagged
    as a person, group or organisation must be a large city ("Kharkiv" tagged PERSON).
    """
    if best.feature != "city":
        return True
    labelled = any(t.ent_type_ for t in span)
    if labelled and not _is_whole_entity(span):
        return False  # "Washington" in "George Washington"
    threshold = MIN_MISLABELLED_POPULATION if labelled else MIN_UNTAGGED_POPULATION
    return best.primary and best.population >= threshold


def _is_whole_entity(span: Span) -> bool:
    doc = span.doc
    return span[0].ent_iob_ == "B" and (span.end == len(doc) or doc[span.end].ent_iob_ != "I")


def _trigger_anchors(trigger: Token) -> set[int]:
    """The trigger, the verb it belongs to, and verbs it completes ("agreed to meet")."""
    anchors = {trigger.i}
    token = trigger
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
        anchors.add(token.i)
    while token.dep_ == "xcomp" and token.head.i != token.i:
        token = token.head
        anchors.add(token.i)
    return anchors


def _location_preposition(place: Span) -> Token | None:
    """The in/at/near... governing the place, through "the city of X" and "the capital, X"."""
    token = place.root
    for _ in range(4):
        if token.dep_ == "compound":
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ in LOCATION_PREPOSITIONS:
            return token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "pobj":
            token = token.head.head
        elif token.dep_ in ("appos", "conj"):
            token = token.head
        else:
            return None
    return None


def _attachment_distance(place: Span, anchors: set[int]) -> int | None:
    """Steps from the place's preposition up to the trigger's clause, None if it is elsewhere."""
    preposition = _location_preposition(place)
    if preposition is None:
        return None
    token, steps = preposition.head, 0
    while token.i not in anchors:
        if token.dep_ in CLAUSE_BOUNDARIES and token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return None
        token, steps = token.head, steps + 1
    return steps
