"""Finding actor mentions in a parsed article and resolving each to a CAMEO actor.

A mention is built around one noun phrase head. Every piece that says something about the actor
(a nationality word, a possessive country, "of Russia", a role word, a named body, a person's name)
is found first, by one PhraseMatcher pass over our tables plus spaCy's entities; each piece then
climbs the dependency tree to the noun it describes, and the pieces that reach the same noun are
read together: "Turkey's Foreign Minister Mevlut Cavusoglu" is TUR + GOV + a name. Conjuncts are
never merged ("Armenia and Azerbaijan" are two mentions); the event matcher expands them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from eventwire.actors.gazetteer import Entry, Gazetteer, load_gazetteer
from eventwire.actors.leaders import PARTICLES as NAME_PARTICLES
from eventwire.actors.memory import DocumentMemory
from eventwire.actors.towns import (
    city_countries,
    city_country,
    fold_name,
    named_regions,
    unambiguous_place_countries,
)
from eventwire.model import PRIVATE_PERSON, Actor, ActorMention, make_actor
from eventwire.nlp import inside_quotes

log = logging.getLogger(__name__)

PHRASE_FRAME = " said."
FRAME_TOKENS = 2
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# pronouns offered as a whole phrase: someone is meant, nothing says who (the resolve record's UNK)
_BARE_PRONOUNS = PERSON_PRONOUNS | frozenset({"they", "them", "we", "us", "i", "me", "you"})
# pronouns for a body named before ("The ministry issued a statement. It urged drivers ..."): number
GROUP_PRONOUNS = {"it": False, "they": True, "them": True}
# verbs whose subject "it" usually stands for nothing ("it is possible", "it seems", "it took hours")
EMPTY_IT_VERBS = frozenset({"be", "seem", "appear", "happen", "matter", "take", "remain", "become", "look",
                            "emerge", "rain", "snow", "make", "cost", "mean", "follow", "turn", "come", "go"})
JUNK_SECTOR = "JNK"  # a phrase offered as an actor that is a date or time ("yesterday"), never an actor
_TIME_WORDS = frozenset({
    "yesterday", "today", "tomorrow", "tonight", "now", "morning", "afternoon", "evening", "night",
    "day", "days", "week", "weeks", "weekend", "month", "months", "year", "years", "decade", "decades",
    "hour", "hours", "minute", "minutes", "last", "next", "this", "earlier", "later", "ago", "recently",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "the", "on", "in", "at", "of", "early", "late", "mid", "overnight",
})
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nn"})
_PHRASE_PREPS = {"of": 1, "in": 2, "from": 2, "at": 2}  # how loosely a prepositional piece belongs
_HYPHEN_LINKS = frozenset({"based", "led", "headquartered"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_PLACE_KINDS = frozenset({"country", "capital", "adjective", "demonym"})
_ARMED_OWNER_KINDS = frozenset({"org", "body", "igo"})
_BODY_KINDS = frozenset({"igo", "org", "seat"})


@dataclass
class Anchor:
    """One piece of evidence about an actor, covering tokens [start, end)."""

    start: int
    end: int
    kind: str  # "entry", "person", "name", "city", "pronoun"
    entries: tuple[Entry, ...] = ()
    country: str | None = None  # for cities
    via: int = 0  # 0 direct, 1 "of X", 2 "in X": how it attaches to the phrase head
    head: int = -1
    shared: bool = False  # a region several countries share ("Punjab"): the article must say whose

    @property
    def entry(self) -> Entry | None:
        return self.entries[0] if self.entries else None

    def covers(self, i: int) -> bool:
        return self.start <= i < self.end


@dataclass
class _Group:
    head: int
    anchors: list[Anchor] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min([a.start for a in self.anchors] + [self.head])

    @property
    def end(self) -> int:
        return max([a.end for a in self.anchors] + [self.head + 1])


class ActorFinder:
    """Finds and resolves actor mentions; build once per process, reuse for every article."""

    def __init__(self, nlp: Language, tables: Gazetteer | None = None, leaders: object | None = None) -> None:
        self.nlp = nlp
        self.tables = tables or load_gazetteer()
        self.leaders = leaders if leaders is not None else _default_leaders()
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        _add_patterns(self._lower, nlp, self.tables.phrases)
        _add_patterns(self._orth, nlp, self.tables.acronyms)
        self._dictionary_words = _dictionary_words(nlp)
        self._adjectives = _dictionary_words(nlp, "adj")

    @property
    def dictionary_words(self) -> frozenset[str]:
        """The pipeline's ordinary English words (empty when its lemmatizer lists none)."""
        return self._dictionary_words

    # -- public API -------------------------------------------------------------------------
    def find(self, doc: Doc, article_date: date | None, memory: DocumentMemory) -> list[ActorMention]:
        """Every actor mention in ``doc``, in text order; ``memory`` learns the people named."""
        anchors = self._anchors(doc, article_date)
        memory.countries.update(unambiguous_place_countries(doc))
        anchors = _prefer_article_countries(doc, anchors, memory.countries)
        placed = [a.entry.country for a in anchors if a.entry is not None and a.entry.kind in _PLACE_KINDS
                  and a.entry.country] + [a.country for a in anchors if a.kind == "city" and a.country]
        memory.countries.update(placed)
        memory.country_counts.update(placed)
        groups = _group(doc, anchors)
        sent_of = _sentence_index(doc)
        mentions = []
        for group in sorted(groups, key=lambda g: g.head):
            resolved = _defined_acronym(doc, group, memory) or _short_name(doc, group, memory) or self._resolve(
                doc, group, article_date, memory, memory.sentence_base + sent_of[group.head])
            if resolved is None:
                continue
            actor, rule = resolved
            actor, rule = _apposed_office(doc, group.head, actor, rule, mentions, memory,
                                          memory.sentence_base + sent_of[group.head])
            _learn_acronym(doc, group.end, actor, memory)
            _learn_initials(doc[group.start:group.end], actor, memory)
            _learn_body(doc, group.head, actor, rule, memory, memory.sentence_base + sent_of[group.head])
            _learn_kind(doc, group.head, actor, memory)
            if _named_body(doc, group, actor):
                _learn_body_kinds(doc[group.start:group.end], actor, memory)
                self._learn_short_name(doc, group, actor, memory)
            start, end = _with_determiner(doc, group.start, group.head), group.end
            span = doc[start:end]
            mentions.append(ActorMention(start, end, group.head, actor, (span.start_char, span.end_char), rule))
        mentions += _speaker_pronouns(doc, mentions)
        memory.sentence_base += max(sent_of.values(), default=-1) + 1
        return sorted(mentions, key=lambda m: m.start)

    def resolve_phrase(self, text: str, context: str = "", on: date | None = None) -> Actor | None:
        """How the coder codes ``text`` as an actor; ``context`` is read first so memory can use it. A
        private person is nobody's actor on their own (only an arrest or a charge makes them one)."""
        actor = self._resolve_phrase(text, context, on)
        return None if actor is not None and actor.role == PRIVATE_PERSON else actor

    def _resolve_phrase(self, text: str, context: str, on: date | None) -> Actor | None:
        memory = DocumentMemory()
        if context.strip():
            in_context = self._resolve_in_context(text, context, on)
            if in_context is not None:
                return in_context
            self.find(self.nlp(context), on, memory)
        # A bare noun phrase parses badly ("Nairobi police" comes out as a clause); as the subject of
        # a short sentence it parses the way it would inside an article.
        doc = self.nlp(_ordinary_case(text.strip(), self.tables.acronyms) + PHRASE_FRAME)
        mentions = [m for m in self.find(doc, on, memory) if m.start < len(doc) - FRAME_TOKENS]
        if not mentions:
            return _bare_phrase_actor(doc[:len(doc) - FRAME_TOKENS], text)
        return _main_mention(doc, mentions).actor

    def _resolve_in_context(self, text: str, context: str, on: date | None) -> Actor | None:
        """The phrase as the coder reads it inside its sentence: "Foreign Minister" in "the Egyptian
        Foreign Minister said" is the mention around it, Egypt's government. The last occurrence is
        taken, since a later mention is read with everything said before it."""
        phrase = text.strip()
        at = context.lower().rfind(phrase.lower())
        if at < 0 or not phrase:
            return None
        end = at + len(phrase)
        doc = self.nlp(context)
        mentions = [m for m in self.find(doc, on, DocumentMemory())
                    if m.char_span[0] < end and at < m.char_span[1]]
        inside = [m for m in mentions if at <= doc[m.head].idx < end]
        # a title inside a longer mention ("Foreign Minister" in "Foreign Minister Ali Sabry said") is read
        # as that mention: the coder codes the person the title belongs to
        inside = inside or [m for m in mentions if m.char_span[0] <= at and end <= m.char_span[1]]
        if not inside:
            return None
        return max(inside, key=lambda m: min(end, m.char_span[1]) - max(at, m.char_span[0])).actor

    # -- evidence ---------------------------------------------------------------------------
    def _anchors(self, doc: Doc, on: date | None) -> list[Anchor]:
        found = [a for a in self._table_anchors(doc, on)]
        chosen = self._known_names(doc, _non_overlapping(found))
        covered = {i for a in chosen for i in range(a.start, a.end)}
        chosen += _entity_anchors(doc, covered, chosen)
        chosen = self._unfamiliar_places(doc, chosen)
        chosen += self._known_surnames(doc, chosen)
        chosen += [Anchor(t.i, t.i + 1, "pronoun") for t in doc
                   if t.lower_ in PERSON_PRONOUNS and t.tag_ == "PRP" and t.i not in covered]
        chosen += [Anchor(t.i, t.i + 1, "group-pronoun") for t in doc if _group_pronoun(t) and t.i not in covered]
        chosen += [Anchor(t.i, t.i + 1, "kind-noun") for t in doc if _bare_kind_noun(t) and t.i not in covered]
        return chosen

    def _known_names(self, doc: Doc, chosen: list[Anchor]) -> list[Anchor]:
        """A run of capitalised words the leaders table holds as someone's full name is that person, even
        where one word also names a place or a faith ("Luís Montenegro", "Christian Wulff", "Denzil
        Douglas"). Role words break runs, so a title is never read into a name."""
        knows = getattr(self.leaders, "knows_full_name", None)
        if knows is None:
            return chosen
        titles = {i for a in chosen if a.entry is not None and a.entry.kind == "role" for i in range(a.start, a.end)}
        out = chosen
        for start, end in _capitalised_runs(doc, titles):
            inside = [a for a in out if a.start < end and start < a.end]
            if not inside or any(a.start < start or a.end > end for a in inside):
                continue
            if knows(_clean_name(doc[start:end])):
                out = [a for a in out if a not in inside] + [Anchor(start, end, "person")]
        return sorted(out, key=lambda a: a.start)

    def _unfamiliar_places(self, doc: Doc, chosen: list[Anchor]) -> list[Anchor]:
        """A capitalised word before a role word ("Dehli police", "Mykolaiv officials") that no English
        dictionary holds but a gazetteer does, and that the tagger left unplaced (a common noun, or a
        bare name the tables do not know): a town written as its locals or a hurried reporter spell it."""
        if not self._dictionary_words:
            return chosen
        roles = {i for a in chosen if a.entry is not None and a.entry.kind == "role" for i in range(a.start, a.end)}
        bare_names = {a.start: a for a in chosen if a.kind == "name" and a.end - a.start == 1}
        taken = {i for a in chosen if a.start not in bare_names for i in range(a.start, a.end)}
        out = list(chosen)
        for t in doc:
            if (t.i in taken or not t.is_title or not t.is_alpha or len(t) < 4
                    or t.pos_ not in ("NOUN", "ADJ", "PROPN") or t.dep_ not in ("compound", "amod", "nmod")
                    or t.head.i not in roles or t.ent_type_ or t.lower_ in self._dictionary_words):
                continue
            country = city_country(t.text)
            if country:
                out = [a for a in out if a is not bare_names.get(t.i)]
                out.append(Anchor(t.i, t.i + 1, "city", country=country))
        return out

    def _known_surnames(self, doc: Doc, chosen: list[Anchor]) -> list[Anchor]:
        """A capitalised word the tagger took for a common noun ("Piantedosi said", first in the sentence)
        that is a listed person's surname, standing as a phrase head of its own (no article, no noun after
        it): a name, left to the leaders table to place on the day."""
        knows = getattr(self.leaders, "knows_surname", None)
        if knows is None:
            return []
        taken = {i for a in chosen for i in range(a.start, a.end)}
        return [Anchor(t.i, t.i + 1, "name") for t in doc
                if t.i not in taken and t.is_title and t.pos_ in ("NOUN", "PROPN") and t.is_alpha and len(t) > 2
                and t.dep_ not in ("compound", "amod", "nmod", "poss")
                and not any(c.dep_ in ("det", "compound", "amod") for c in t.children) and knows(t.text)]

    def _table_anchors(self, doc: Doc, on: date | None) -> Iterable[Anchor]:
        strings = doc.vocab.strings
        for matcher, index, exact in ((self._lower, self.tables.phrases, False),
                                      (self._orth, self.tables.acronyms, True)):
            for match_id, start, end in matcher(doc):
                key = strings[match_id]
                entries = tuple(e for e in index.get(key, ()) if e.kind != "org" or e.valid_on(on))
                if not entries:
                    continue
                span = doc[start:end]
                if not exact and not _case_fits(span, entries):
                    continue
                if entries[0].kind == "role" and (_inside_person_name(span) or _begins_person_name(span, entries)):
                    continue
                if _tail_of_other_name(span, entries) or _inside_region_name(span, entries):
                    continue
                if entries[0].kind == "role":
                    entries = _role_reading(span, entries, index)
                    if not entries:
                        continue
                yield Anchor(start, end, "entry", entries)

    # -- resolution -------------------------------------------------------------------------
    def _resolve(self, doc: Doc, group: _Group, on: date | None, memory: DocumentMemory,
                 sentence: int) -> tuple[Actor, str] | None:
        text = doc[group.start:group.end].text
        pronoun = next((a for a in group.anchors if a.kind == "pronoun"), None)
        if pronoun is not None and len(group.anchors) == 1:
            person = memory.recent(sentence, group.head)
            if person is None:
                return None
            return _retext(person.actor, text), f"memory:pronoun:{person.name}"
        if len(group.anchors) == 1 and group.anchors[0].kind == "group-pronoun":
            body = memory.recent_body(GROUP_PRONOUNS[doc[group.head].lower_], sentence, group.head)
            if body is None:
                return None
            return _retext(body.actor, text), f"memory:pronoun:{body.actor.code}"
        if len(group.anchors) == 1 and group.anchors[0].kind == "kind-noun":
            known = memory.kind_of(doc[group.head].lemma_.lower())  # learned only from named bodies
            return (_retext(known, text), f"memory:kind:{known.code}") if known is not None else None
        if self._is_thing(doc, group):
            return None
        reading = _read_group(doc, group, on)
        _read_article_country(doc, group, reading, memory)
        person_anchor = next((a for a in group.anchors if a.kind in ("person", "name")), None)
        if person_anchor is not None:
            name = _clean_name(doc[person_anchor.start:person_anchor.end])
            titled = person_anchor.covers(group.head) and any(  # "Gov. Palin": a title right before the name
                a.end == person_anchor.start and a.entry is not None and a.entry.kind == "role" for a in group.anchors)
            resolved = self._resolve_person(name, reading, on, memory, text, person_anchor.kind, titled)
            if resolved is not None and resolved[0].name:
                memory.remember(resolved[0].name, resolved[0], sentence, group.head)
            return resolved
        if reading.is_empty:
            return None
        remembered = self._described_person(doc, group, reading, memory)
        if remembered is not None:
            return remembered
        return _described_group(doc, group, reading, memory) or (reading.actor(text), reading.rule)

    def _resolve_person(self, name: str, reading: _Reading, on: date | None, memory: DocumentMemory,
                        text: str, kind: str, titled: bool = False) -> tuple[Actor, str] | None:
        single = len(name.split()) == 1
        if single:
            known = memory.by_name(name)
            if known is not None and set(known.actor.sectors) <= {"CVL"} and not known.actor.igo and titled \
                    and reading.titled:
                # "Gov. Palin" after a bare "Sarah Palin": the title says what the name alone did not
                holder = make_actor(known.actor.country or reading.country, reading.sectors, igo=reading.igo,
                                    name=known.name, text=text, role=reading.role, kind="person")
                return holder, f"memory:name:{known.name}+title"  # _resolve remembers them so
            if known is not None:
                return _retext(known.actor, text), f"memory:name:{known.name}"
        leader = self._leader(name, on, frozenset(memory.countries))
        if leader is not None:
            if reading.former or (leader.sectors == ("ELI",) and reading.titled):
                # the article's own words date the role better than our table: "former X" was out of
                # office, "Foreign Minister X" was in it
                sectors = ("ELI",) if reading.former else reading.sectors
                leader = make_actor(leader.country, sectors, igo=leader.igo, name=leader.name, text=text,
                                    role=reading.role or leader.role, kind="person")
            return _retext(leader, text), "leaders:name"
        if not single:
            known = memory.by_name(name)
            if known is not None and reading.is_empty:
                return _retext(known.actor, text), f"memory:name:{known.name}"
        if reading.is_empty:
            if kind == "person" and not single:
                # someone the tagger sees as a person and no table holds ("Jamal Williams"): a private
                # person, of the country the article places them in; named again by surname later
                return make_actor(None, ("CVL",), name=name, text=text, role=PRIVATE_PERSON,
                                  kind="person"), "person:unlisted"
            return None
        if kind == "name":  # a capitalised word nobody knows: the rest of the phrase still speaks
            return reading.actor(text), reading.rule
        actor = reading.actor(text, name=name)
        return actor, reading.rule + "+name"

    def _learn_short_name(self, doc: Doc, group: _Group, actor: Actor, memory: DocumentMemory) -> None:
        """ "Mahan Air ... Mahan flies fighters to Syria": a named body is what its full name and the first
        word of it mean later in the article, when that word is no English adjective and no other table name
        ("General Motors" gives no "General", "Turkish Airlines" no "Turkish")."""
        words = [t for t in _name_tokens(doc, group) if not t.is_punct]
        if len(words) < 2 or not all(w.text[:1].isupper() for w in words):
            return
        memory.short_names.setdefault(" ".join(w.text for w in words), actor)
        first = words[0]
        if (len(first) < 3 or not first.is_alpha or not first.is_title or first.lower_ in self._adjectives
                or not self._adjectives or first.lower_ in self.tables.phrases
                or first.text in self.tables.acronyms):
            return
        memory.short_names.setdefault(first.text, actor)

    def _is_thing(self, doc: Doc, group: _Group) -> bool:
        """The phrase's head noun names a weapon, vehicle, document or idea ("Russian missiles", "the
        Boeing 737-800 jet", "official apologies"), and no name, body or role word is that head."""
        head = doc[group.head]
        things = self.tables.things
        if head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() not in things:
            return False
        if things[head.lemma_.lower()] == "craft" and any(
                a.entry is not None and a.entry.kind in _PLACE_KINDS for a in group.anchors):
            return False  # "Ukrainian drones", "Turkish jets": a country's aircraft are its military
        if any(doc[a.start:a.end].root.dep_ == "poss" for a in group.anchors):
            return False  # "China's assistance": the owner is the actor the phrase is about
        if things[head.lemma_.lower()] in ("weapon", "craft") and any(
                a.entry is not None and a.entry.kind in _ARMED_OWNER_KINDS and a.entry.sectors != ("BUS",)
                for a in group.anchors):
            # "Houthi drones", "Hezbollah rockets": a named group's weapons are the group; a maker's
            # products are not the maker ("the Boeing 737-800 jet")
            return False
        if any(a.entry is not None and a.entry.kind == "role" and a.end - a.start > 1 and a.covers(group.head)
               for a in group.anchors):
            return False  # "foreign powers", "world powers": a role of several words names who, not what
        # a weapon word is a role only as a modifier ("Israeli tank shelling" was fired by the military)
        return not any(a.covers(group.head) for a in group.anchors
                       if a.kind in ("person", "name") or (a.entry is not None and a.entry.kind not in
                                                             ("adjective", "demonym", "role", "religion")))

    def _leader(self, name: str, on: date | None, prefer: frozenset[str] = frozenset()) -> Actor | None:
        if self.leaders is None:
            return None
        try:
            return self.leaders.actor_for(name, on=on, prefer=prefer)
        except (AttributeError, TypeError, ValueError):  # a leaders object of another shape
            return None

    def _described_person(self, doc: Doc, group: _Group, reading: _Reading,
                          memory: DocumentMemory) -> tuple[Actor, str] | None:
        """ "the Turkish leader", "the minister": a definite singular role phrase names someone met before."""
        head = doc[group.head]
        if reading.head_role is None or reading.former or head.tag_ not in ("NN", "NNP"):
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        title = None if reading.head_role.weak else reading.head_role_text
        sector = reading.sectors[0] if reading.sectors else None
        person = memory.by_description(reading.country if not reading.igo else None, sector, title)
        if person is None:
            return None
        text = doc[group.start:group.end].text
        return _retext(person.actor, text), f"memory:description:{person.name}"


@dataclass
class _Reading:
    """What the pieces of one phrase say together, before names and memory are consulted."""

    country: str | None = None
    igo: str | None = None
    sectors: tuple[str, ...] = ()
    role: str | None = None
    kind: str = "group"
    rule: str = ""
    former: bool = False
    head_role: Entry | None = None
    head_role_text: str | None = None
    has_role: bool = False

    @property
    def titled(self) -> bool:
        """The phrase gives a specific office ("Foreign Minister"), not only a general word."""
        return self.head_role is not None and not self.head_role.weak and bool(self.sectors)

    @property
    def is_empty(self) -> bool:
        return not (self.country or self.igo or self.sectors or self.has_role)

    def actor(self, text: str, name: str | None = None) -> Actor:
        kind = "person" if name else self.kind
        return make_actor(self.country, self.sectors, igo=self.igo, name=name, text=text, role=self.role,
                          kind=kind)  # type: ignore[arg-type]


def _read_group(doc: Doc, group: _Group, on: date | None) -> _Reading:
    reading = _Reading()
    rules = []
    _read_place(group, reading, rules)
    _read_sectors(doc, group, reading, rules)
    reading.rule = "+".join(rules)
    return reading


def _read_place(group: _Group, reading: _Reading, rules: list[str]) -> None:
    """Country or IGO: a direct modifier before "of X", before "in X"; the nearest to the head first."""
    options = []
    for a in group.anchors:
        e = a.entry
        if a.kind == "city" and a.country:
            options.append((a.via, 1, abs(a.head - group.head), a, a.country, None, "city"))
        elif e is not None and (e.kind in _PLACE_KINDS or e.kind in _BODY_KINDS):
            # a country written beside a named body outranks the body's usual country: "the Mexican
            # Senate" is not the US Senate
            rank = 2 if e.kind == "org" else (0 if e.kind == "igo" else 1)
            options.append((a.via, rank, abs(a.start - group.head), a, e.country, e.igo, e.kind))
    if not options:
        return
    if any(o[0] == 1 and o[6] in _PLACE_KINDS for o in options):
        # "the Congress of Chile", "the Ministry of Defence of Ukraine": a body the tables place in one
        # country, named as another's, is that other country's body
        options = [o for o in options if not (o[6] == "org" and o[0] == 0 and o[5] is None
                                              and o[3].covers(group.head))] or options
    named = {o[4] for o in options if o[6] == "country"}
    if named:  # "the Yida camp in South Sudan": a town the phrase puts in another country is another town
        options = [o for o in options if o[6] != "city" or o[4] in named]
    options.sort(key=lambda o: o[:3])
    via, _, _, anchor, country, igo, kind = options[0]
    reading.country, reading.igo = country, igo
    rules.append(f"{kind}:{anchor.entry.source if anchor.entry else 'gazetteer'}")
    alone = len(group.anchors) == 1 and anchor.covers(group.head)
    if kind == "igo":
        reading.kind = "igo"
    elif alone and kind in ("country", "adjective", "demonym"):
        reading.kind = "country"
    if alone and kind in ("capital", "seat") and anchor.entry is not None:
        reading.sectors = anchor.entry.sectors
        reading.kind = "country"
    elif alone and kind == "city":
        reading.sectors = ("CVL",)


def _read_sectors(doc: Doc, group: _Group, reading: _Reading, rules: list[str]) -> None:
    """Sector: "former" first, then a named body's own sector, then the role words."""
    roles = [a for a in group.anchors if a.entry is not None and a.entry.kind in ("role", "religion")]
    if not _held_an_office(group, roles):  # "former co-workers": "former" here makes nobody an elite
        roles = [a for a in roles if a.entry.sectors != ("ELI",)]
    bodies = [a for a in group.anchors if a.entry is not None and a.entry.kind in ("igo", "org", "seat")]
    reading.has_role = any(a.entry.kind == "role" for a in roles)
    head_role = next((a for a in roles if a.covers(group.head) and a.entry.kind == "role"), None)
    if head_role is None:
        nouns = [a for a in roles if a.entry.kind == "role" and not a.entry.adjective and a.via == 0]
        head_role = max(nouns, key=lambda a: a.end, default=None)
    if head_role is not None:
        reading.head_role = head_role.entry
        reading.head_role_text = doc[head_role.start:head_role.end].text
    titles = [a for a in roles if a.entry.kind == "role" and not a.entry.adjective and a.entry.sectors]
    if titles:
        best = head_role if head_role is not None and head_role.entry.sectors else titles[-1]
        reading.role = doc[best.start:best.end].text
    if any(a.entry.sectors == ("ELI",) for a in roles):
        reading.former = True
        reading.sectors = ("ELI",)
        rules.append("role:former")
        return
    body = next((a for a in sorted(bodies, key=lambda a: a.via) if a.entry.sectors), None)
    if body is not None and not (len(group.anchors) == 1 and body.entry.kind == "seat"):
        reading.sectors = body.entry.sectors
        rules.append(f"body:{body.entry.source}")
        return
    if reading.sectors:  # a capital standing alone
        return
    sectors = _role_sectors(group, roles, head_role)
    if reading.igo and sectors == ("GOV",):
        sectors = ()  # "the leaders of the EU" are the EU itself
    reading.sectors = sectors
    if sectors:
        rules.append("role:" + sectors[0])


def _held_an_office(group: _Group, roles: list[Anchor]) -> bool:
    """'former' makes an elite of someone who held an office or is named ("former minister", "the former
    Kenyan leader", "former President Moi"), not of "former co-workers" or "a former wife"."""
    if any(a.kind in ("person", "name") for a in group.anchors):
        return True
    return any(a.entry.sectors and a.entry.sectors != ("ELI",) and a.entry.sectors != ("CVL",)
               for a in roles if a.entry.kind == "role")


def _role_sectors(group: _Group, roles: list[Anchor], head_role: Anchor | None) -> tuple[str, ...]:
    """A specific head wins; a general head ("leader", "protesters") yields to a specific modifier."""
    mods = sorted((a for a in roles if a is not head_role), key=lambda a: (a.via, abs(a.start - group.head)))
    religion = next((a for a in roles if a.entry.kind == "religion"), None)
    if religion is not None and religion.covers(group.head):
        return religion.entry.sectors
    if head_role is not None and head_role.entry.sectors and not head_role.entry.weak:
        return head_role.entry.sectors
    strong = [a for a in mods if a.entry.kind == "role" and a.entry.sectors and not a.entry.weak]
    if strong:
        return strong[0].entry.sectors
    if religion is not None and head_role is not None:
        return ("REL",)
    if head_role is not None and head_role.entry.sectors:
        return head_role.entry.sectors
    weak = [a for a in mods if a.entry.kind == "role" and a.entry.sectors]
    if weak:
        return weak[0].entry.sectors
    return religion.entry.sectors if religion is not None else ()


# -- grouping by phrase head -----------------------------------------------------------------
def _bare_phrase_actor(span: Span, text: str) -> Actor | None:
    """What a phrase with no actor in it still says when it is offered alone as an actor: a bare
    pronoun ("He", "they") means someone the text does not name, a person or group of unknown kind;
    a date or time ("yesterday", "last Tuesday") was picked up by mistake and is junk."""
    words = [t for t in span if not t.is_punct]
    if not words:
        return None
    if len(words) == 1 and words[0].lower_ in _BARE_PRONOUNS:
        return make_actor(None, (), text=text, kind="person" if words[0].lower_ in PERSON_PRONOUNS else "group")
    if all(t.lower_ in _TIME_WORDS or t.like_num or t.ent_type_ in ("DATE", "TIME") for t in words) \
            and any(t.lower_ not in ("the", "on", "in", "at", "of", "this", "last", "next") for t in words):
        return make_actor(None, (JUNK_SECTOR,), text=text, kind="group")
    return None


def _group(doc: Doc, anchors: list[Anchor]) -> list[_Group]:
    """Attach every anchor to the noun it describes; anchors on the same noun form one mention."""
    governing = {i for a in anchors if a.kind in ("person", "name") or
                 (a.entry is not None and a.entry.kind in ("role", "igo", "org", "seat")) for i in range(a.start, a.end)}
    groups: dict[int, _Group] = {}
    for anchor in anchors:
        anchor.head, anchor.via = _phrase_head(doc[anchor.start:anchor.end], governing)
    moved: dict[int, int] = {}
    for anchor in anchors:
        named = _titled_name(anchor, anchors)
        if named is not None:
            moved[anchor.head] = named.head
            anchor.head, anchor.via = named.head, 0
    for anchor in anchors:
        if anchor.head in moved and anchor.kind not in ("person", "name"):
            # "Indonesia's security minister Wiranto", the name parsed beside the title: what described
            # the title describes the person
            anchor.head = moved[anchor.head]
        groups.setdefault(anchor.head, _Group(anchor.head)).anchors.append(anchor)
    return list(groups.values())


def _titled_name(anchor: Anchor, anchors: list[Anchor]) -> Anchor | None:
    """The name a title stands right before ("Prime Minister Prayut Chan-o-cha"): a title and the name
    it precedes are one mention even where the parser, lost in a hyphenated name, hangs them apart."""
    if anchor.entry is None or anchor.entry.kind != "role" or not anchor.entry.sectors:
        return None
    return next((a for a in anchors if a.kind in ("person", "name") and a.start == anchor.end
                 and a.head != anchor.head), None)


def _phrase_head(span: Span, governing: set[int]) -> tuple[int, int]:
    """The head noun a piece belongs to, and how loosely (0 modifier, 1 "of", 2 "in/from")."""
    token: Token = span.root
    via = 0
    for _ in range(12):
        parent = token.head
        if parent is token:
            break
        if token.dep_ in _MODIFIER_DEPS and parent.pos_ in _NOMINAL:
            token = parent
            continue
        if token.dep_ in ("npadvmod", "compound") and parent.lower_ in _HYPHEN_LINKS and parent.head.pos_ in _NOMINAL:
            token = parent.head
            continue
        if token.dep_ == "pobj" and parent.dep_ == "prep" and parent.lower_ in _PHRASE_PREPS:
            governor = parent.head
            if governor.pos_ in _NOMINAL and governor.i in governing:
                via = max(via, _PHRASE_PREPS[parent.lower_])
                token = governor
                continue
        break
    if span.start <= token.i < span.end:
        return span.root.i, 0
    return token.i, via


def _with_determiner(doc: Doc, start: int, head: int) -> int:
    """Start the mention at the head's article or determiner ("the Turkish leader"), if it comes first."""
    dets = [c.i for c in doc[head].children if c.dep_ in ("det", "predet") and c.i < start]
    return min(dets) if dets and start - min(dets) <= 2 else start


def _main_mention(doc: Doc, mentions: list[ActorMention]) -> ActorMention:
    """The mention a phrase is about: the one holding the parse root, else the one nearest it."""
    root = next(iter(doc.sents)).root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    root = subject or root
    holding = [m for m in mentions if m.start <= root.i < m.end]
    if holding:
        return holding[0]
    return min(mentions, key=lambda m: (_depth(doc[m.head]), -(m.end - m.start)))


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


# -- evidence helpers ------------------------------------------------------------------------
def _add_patterns(matcher: PhraseMatcher, nlp: Language, index: dict[str, tuple[Entry, ...]]) -> None:
    keys = list(index)
    for key, pattern, titled in zip(keys, nlp.tokenizer.pipe(keys), nlp.tokenizer.pipe(k.title() for k in keys)):
        # the tokenizer keeps "Rep." and "Gen." whole but splits "rep." and "gen.": match both ways
        matcher.add(key, [pattern] if len(titled) == len(pattern) else [pattern, titled])


def _case_fits(span: Span, entries: tuple[Entry, ...]) -> bool:
    """Capitalised names need capitals in the text: "turkey" is a bird, "chad" a name, not a country."""
    needs = [w[:1].isupper() for w in entries[0].text.split()]
    if not any(needs) or any(not any(w[:1].isupper() for w in e.text.split()) for e in entries):
        return True
    words = [t for t in span if not t.is_punct]
    if not words:
        return True
    return any(t.text[:1].isupper() for t in words)


PLACE_ENTITIES = {"GPE", "LOC", "FAC"}


def _plural_as_proper_name(span: Span, entries: tuple[Entry, ...], index: Mapping[str, tuple[Entry, ...]]) -> bool:
    """A title's plural the tagger reads as one proper name ("the residents of Queens") is that name:
    titles in the plural are common nouns ("the Kings of Jordan and Morocco"), and words listed only in
    the plural ("Authorities") are no title's plural."""
    word = span[0]
    singular = word.lower_[:-1]
    return (len(span) == 1 and word.tag_ == "NNP" and word.text[:1].isupper() and not word.is_sent_start
            and word.lower_.endswith("s") and singular in index
            and all(e.sectors == ("GOV",) for e in entries))


def _inside_place_name(span: Span) -> bool:
    """The words are part of a place's proper name, every word of which is a name ("Queens", "Prince
    Edward Island"); "the King of Jordan", tagged a place at times, has words that are not, and a lower-case
    "netizen" the tagger calls a place is no name at all."""
    if not all(t.ent_type_ in PLACE_ENTITIES for t in span):
        return False
    first = span[0]
    entity = next((e for e in span.doc.ents if e.start <= first.i < e.end), None)
    return entity is not None and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in entity)


def _role_reading(span: Span, entries: tuple[Entry, ...],
                  index: Mapping[str, tuple[Entry, ...]] | None = None) -> tuple[Entry, ...]:
    """The role rows that fit how the word is used: one-word roles are nouns unless a row lets them
    act as adjectives ("official" the adjective is not "an official"; "general strike" has no general)."""
    nouns = tuple(e for e in entries if not e.adjective)
    adjectives = tuple(e for e in entries if e.adjective)
    if _inside_place_name(span) or _plural_as_proper_name(span, entries, index or {}):
        return ()  # "a woman in Queens", "Prince Edward Island": a word of a place's name, not a title
    if len(span) > 1 or span[0].pos_ in ("NOUN", "PROPN", "X"):
        return nouns or adjectives
    if span[0].pos_ in ("ADJ", "VERB", "ADV") and adjectives and all(e.people_only for e in adjectives) and not (
            span[0].head.lower_ in (index or {}) or span[0].head.lemma_.lower() in (index or {})):
        return ()  # "criminal charges", "a criminal investigation": about crime, not by criminals
    if span[0].pos_ in ("ADJ", "VERB", "ADV"):
        return adjectives
    return ()


def _non_overlapping(anchors: list[Anchor]) -> list[Anchor]:
    """Longest first; at equal length, the more specific table kind."""
    order = {"igo": 0, "org": 1, "seat": 2, "country": 3, "capital": 4, "adjective": 5, "demonym": 6,
             "religion": 7, "role": 8}
    anchors = sorted(anchors, key=lambda a: (-(a.end - a.start), order[a.entry.kind], a.start))
    taken: set[int] = set()
    out = []
    for a in anchors:
        if any(i in taken for i in range(a.start, a.end)):
            continue
        taken.update(range(a.start, a.end))
        out.append(a)
    return sorted(out, key=lambda a: a.start)


def _entity_anchors(doc: Doc, covered: set[int], chosen: list[Anchor]) -> list[Anchor]:
    """People from NER (titles trimmed off), cities from place names, and bare proper names."""
    out = []
    in_entity: set[int] = set()
    for ent in _region_joined_entities(doc):
        in_entity.update(range(ent.start, ent.end))
        free = [t for t in ent if t.i not in covered and not t.is_punct]
        if ent.label_ == "PERSON":
            person = _person_tokens(ent, covered, chosen)
            place = _place_modifier(ent.doc, person, covered)
            if place is not None:  # "Rakhine Buddhists": the tagger's person is a region before a group word
                out.append(place)
                covered.update(range(place.start, place.end))
                continue
            if person:
                out.append(Anchor(person[0], person[1], "person"))
                covered.update(range(person[0], person[1]))
            continue
        if not free or ent.label_ not in ("GPE", "LOC", "ORG", "FAC", "NORP"):
            continue
        words = [t for t in ent if not t.is_punct]
        for run in _proper_runs(free):
            name = " ".join(t.text for t in run)
            country = None if len(run) == 1 and run[0].lower_ in _ADJECTIVE_NAMES else city_country(name)
            if country:
                out.append(Anchor(run[0].i, run[-1].i + 1, "city", country=country))
            elif shared := named_regions().get(fold_name(name), ()):
                out.append(Anchor(run[0].i, run[-1].i + 1, "city", country=shared[0], shared=True))
            elif ent.label_ == "ORG" and len(free) < len(words) and (place := _place_prefix(run)) is not None:
                out.append(place)  # "the California Highway Patrol": a body of that place's country
            elif len(free) < len(words) and _after_title(ent.doc, run, chosen):
                # "King Bhumibol Adulyadej" tagged a body: the words after a title are a person's name
                out.append(Anchor(run[0].i, run[-1].i + 1, "name"))
                break
            elif len(free) == len(words) and len(words) <= 3:
                # maybe a person the article or the leaders table names (NER tags "Scholz" a place)
                out.append(Anchor(ent.start, ent.end, "name"))
                break
    # proper nouns the entity recogniser missed: a run of them is one name ("Egils Levits")
    run: list[Token] = []
    for t in list(doc) + [None]:
        if t is not None and t.pos_ == "PROPN" and t.i not in covered and t.i not in in_entity and (
                t.is_title or (run and t.lower_ in NAME_PARTICLES)):
            if run and run[-1].i != t.i - 1:
                out.append(_untagged_name(run))
                run = []
            run.append(t)
            continue
        while run and run[-1].lower_ in NAME_PARTICLES:  # "... de" at the end is no name
            run.pop()
        if run:
            out.append(_untagged_name(run))
            run = []
    return _joined_names(doc, out)


def _region_joined_entities(doc: Doc) -> list[Span]:
    """The entities, with two place entities side by side joined when together they name a region
    ("Baja" + "California" is Baja California, not the Hungarian town of Baja and a US state)."""
    out: list[Span] = []
    for ent in doc.ents:
        last = out[-1] if out else None
        if (last is not None and last.end == ent.start and {last.label_, ent.label_} <= PLACE_ENTITIES
                and named_regions().get(fold_name(doc[last.start:ent.end].text))):
            out[-1] = Span(doc, last.start, ent.end, label=last.label_)
        else:
            out.append(ent)
    return out


def _untagged_name(run: list[Token]) -> Anchor:
    """A run of proper nouns the tagger left untagged: a region our table names ("police in Tigray"), else
    a name. Towns are not tried: an untagged "Teixeira" is more often a surname than a town."""
    countries = named_regions().get(fold_name(" ".join(t.text for t in run)), ())
    if countries:
        return Anchor(run[0].i, run[-1].i + 1, "city", country=countries[0], shared=len(countries) > 1)
    return Anchor(run[0].i, run[-1].i + 1, "name")


def _dictionary_words(nlp: Language, pos: str | None = None) -> frozenset[str]:
    """The words the pipeline's lemmatizer lists as English (WordNet's nouns, verbs, adjectives and
    adverbs, or only those of ``pos``), or nothing when the pipeline has no such lists."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(index[pos]) if pos else frozenset(w for key in index.keys() for w in index[key])
    except (KeyError, AttributeError, ValueError):
        return frozenset()


def _capitalised_runs(doc: Doc, skip: set[int]) -> list[tuple[int, int]]:
    """[start, end) of runs of two or more capitalised words (particles and hyphens inside), outside ``skip``."""
    runs = []
    start = None
    for t in list(doc) + [None]:
        inside = t is not None and t.i not in skip and (
            t.is_title or (start is not None and (t.lower_ in NAME_PARTICLES or t.text in ("-", "'")))
            or (start is not None and t.is_alpha and doc[t.i - 1].text == "-" and not doc[t.i - 2].whitespace_))
        if inside and start is None:
            start = t.i
        elif not inside and start is not None:
            end = t.i if t is not None else len(doc)
            while end > start and (doc[end - 1].lower_ in NAME_PARTICLES or doc[end - 1].is_punct):
                end -= 1
            if end - start >= 2:
                runs.append((start, end))
            start = None
    return runs


def _after_title(doc: Doc, run: list[Token], chosen: list[Anchor]) -> bool:
    """The run of proper nouns comes right after a role word of some sector ("President", "King")."""
    return any(a.end == run[0].i and a.entry is not None and a.entry.kind == "role" and a.entry.sectors
               and not a.entry.weak for a in chosen)


def _joined_names(doc: Doc, anchors: list[Anchor]) -> list[Anchor]:
    """Name pieces side by side are one name: the tagger often marks only part of a person's name
    ("Madior" + "Boye", "Amadou Toumani" + "Touré"), and half a name finds nobody in the tables."""
    names = sorted((a for a in anchors if a.kind in ("person", "name")), key=lambda a: a.start)
    others = [a for a in anchors if a.kind not in ("person", "name")]
    joined: list[Anchor] = []
    taken = {i for a in others for i in range(a.start, a.end)}
    for a in names:
        a = _with_hyphen_tail(doc, a, taken)
        last = joined[-1] if joined else None
        if last is not None and _only_joiners(doc, last.end, a.start):
            kind = "person" if "person" in (a.kind, last.kind) else "name"
            joined[-1] = Anchor(last.start, a.end, kind)
            continue
        joined.append(a)
    return others + joined


def _only_joiners(doc: Doc, start: int, end: int) -> bool:
    """Between two name pieces stand only hyphens and name particles ("Cheikh el Ghazouani")."""
    return start <= end and end - start <= 2 and all(
        t.text in ("-", "‐") or t.lower_ in NAME_PARTICLES for t in doc[start:end])


def _with_hyphen_tail(doc: Doc, anchor: Anchor, taken: set[int]) -> Anchor:
    """A name goes on over a hyphen written without spaces, whatever the case after it ("Han Duck-soo",
    "Prayut Chan-o-cha"): the tagger often stops at the hyphen."""
    end = anchor.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and doc[end + 1].is_alpha and end + 1 not in taken and end not in taken:
        end += 2
    return anchor if end == anchor.end else Anchor(anchor.start, end, anchor.kind)


def _place_prefix(run: list[Token]) -> Anchor | None:
    """The longest leading words of a body's name that name a town or region ("Los Angeles" Police
    Department, "California" Highway Patrol), when the rest of the name is a role word the tables know."""
    run = [t for t in run if t.dep_ != "det"]
    for size in range(len(run) - 1, 0, -1):
        if size == 1 and run[0].lower_ in _ADJECTIVE_NAMES:
            continue  # "Federal Aviation Administration", "National Guard": a word, not the town so named
        country = city_country(" ".join(t.text for t in run[:size]))
        if country:
            return Anchor(run[0].i, run[size - 1].i + 1, "city", country=country)
    return None


_ADJECTIVE_NAMES = frozenset({"federal", "national", "central", "royal", "independent", "general", "supreme",
                              "united", "union", "democratic", "popular", "republican", "liberal",
                              "progressive", "civic", "patriotic", "social", "free", "new", "grand", "high"})


def _place_modifier(doc: Doc, person: tuple[int, int] | None, covered: set[int]) -> Anchor | None:
    """A one-word "person" that modifies a role or religion word and names a region or city is that place."""
    if person is None or person[1] - person[0] != 1:
        return None
    token = doc[person[0]]
    if token.dep_ not in ("compound", "amod", "nmod") or token.head.i not in covered:
        return None
    country = city_country(token.text)
    return Anchor(token.i, token.i + 1, "city", country=country) if country else None


def _person_tokens(ent: Span, covered: set[int], chosen: list[Anchor]) -> tuple[int, int] | None:
    """The name part of a PERSON entity: leading titles ("President") are role pieces, not the name."""
    start = ent.start
    while start < ent.end and (start in covered or ent.doc[start].is_punct):
        start += 1
    end = ent.end
    while end > start and (end - 1 in covered or ent.doc[end - 1].is_punct):
        end -= 1
    if start >= end or not any(t.text[:1].isupper() for t in ent.doc[start:end]):
        return None
    inside = [a for a in chosen if a.start >= start and a.end <= end]
    if end - start < 2 and inside:
        return None
    for a in inside:  # "George Washington" is a person, not the US capital
        chosen.remove(a)
    return start, end


def _proper_runs(tokens: list[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    for t in tokens:
        if t.pos_ != "PROPN" and not t.text[:1].isupper():
            continue
        if runs and runs[-1][-1].i == t.i - 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


def _inside_person_name(span: Span) -> bool:
    """A title word after a first name inside a person's name is a surname ("Ned Prince"), since titles
    come before names ("Prince Harry")."""
    first = span[0]
    return (first.ent_type_ == "PERSON" and first.ent_iob_ == "I" and first.text[:1].isupper()
            and first.i > 0 and first.nbor(-1).ent_type_ == "PERSON")


def _begins_person_name(span: Span, entries: tuple[Entry, ...]) -> bool:
    """A general word that is no title ("Park", "Crowd") opening a person's name the tagger found is a
    family name written first ("Park Jin", "Park Geun-hye"); titles ("President", "General") are not."""
    first = span[0]
    return (len(span) == 1 and first.ent_type_ == "PERSON" and first.ent_iob_ == "B" and first.text[:1].isupper()
            and first.i + 1 < len(span.doc) and span.doc[first.i + 1].ent_iob_ == "I"
            and all(e.weak and (not e.sectors or e.sectors == ("CVL",)) for e in entries))


def _clean_name(span: Span) -> str:
    words = [t.text for t in span if not (t.tag_ == "POS" or t.is_punct and t.text not in ("-", "."))]
    return " ".join(words).replace(" - ", "-").strip()


def _ordinary_case(text: str, acronyms: Iterable[str] = ()) -> str:
    """A phrase written all in capitals ("NIKOL PASHINYAN", a headline) reads as title case, so the
    parser finds its names; a lone acronym ("FSB") and mixed case stay as written. Inside such a
    phrase only acronyms the tables know keep their capitals: "ALI" in "ASIF ALI ZARDARI" is a name."""
    words = text.split()
    if len(words) > 1 and text.isupper():
        known = set(acronyms)
        return " ".join(w if w in known or (len(w) <= 3 and w.isalpha() and not known) else w.title()
                        for w in words)
    return text


ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}$")


def _learn_acronym(doc: Doc, end: int, actor: Actor, memory: DocumentMemory) -> None:
    """ "the California Highway Patrol (CHP)": later in this article, CHP is that body, whatever
    else the letters stand for elsewhere."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and ACRONYM.match(doc[end + 1].text):
        if actor.name is None:  # a person's initials are not an organisation's name
            memory.acronyms[doc[end + 1].text] = actor


INITIALS_SKIP = {"the", "of", "and", "for", "on", "in", "'s", "&"}


def _learn_initials(span: Span, actor: Actor, memory: DocumentMemory) -> None:
    """ "the California Highway Patrol ... a CHP officer": a body named in three or more capitalised
    words is what its initials mean later in the article, unless the article defined them otherwise."""
    if actor.name is not None or actor.kind == "person" or not (actor.country or actor.igo):
        return
    words = [t for t in span if t.lower_ not in INITIALS_SKIP and not t.is_punct]
    if len(words) < 3 or not all(w.is_title for w in words):
        return
    initials = "".join(w.text[0] for w in words).upper()
    memory.acronyms.setdefault(initials, actor)


def _defined_acronym(doc: Doc, group: _Group, memory: DocumentMemory) -> tuple[Actor, str] | None:
    """A mention that is just an acronym the article defined before."""
    if not memory.acronyms:
        return None
    words = [t for t in doc[group.start:group.end] if t.lower_ not in ("the", "'s")]
    if not words or words[0].text not in memory.acronyms:
        return None
    if any(not w.is_lower for w in words[1:]) and not _titled_member(group, words[0].i):
        return None  # the acronym alone, before common nouns ("a CHP officer") or a title and name
    return _retext(memory.acronyms[words[0].text], doc[group.start:group.end].text), f"memory:acronym:{words[0].text}"


def _titled_member(group: _Group, acronym: int) -> bool:
    """ "CHP Officer Brian Pennings": after the acronym only a title and a name, no other body."""
    for anchor in group.anchors:
        if anchor.covers(acronym) or anchor.kind in ("person", "name"):
            continue
        if anchor.kind != "entry" or anchor.entry is None or anchor.entry.kind != "role":
            return False
    return True


#: sectors of an office a person named beside it holds ("the Governor of Alaska, Sarah Palin")
OFFICE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "SPY", "ELI"}


def _apposed_office(doc: Doc, head: int, actor: Actor, rule: str, mentions: list[ActorMention],
                    memory: DocumentMemory, sentence: int) -> tuple[Actor, str]:
    """ "the Governor of Alaska, Sarah Palin", "Sarah Palin, the governor of Alaska": a person no table
    holds, in apposition with an office, holds that office (and is remembered so, for "she" and "Ms
    Palin" later); an office named after such a person gives the earlier mention its office too."""
    token = doc[head]
    linked = [c.i for c in token.children if c.dep_ == "appos"] + ([token.head.i] if token.dep_ == "appos" else [])
    if token.dep_ == "conj" and _officeless(actor, rule) and _comma_before_name(token):
        linked.append(token.head.i)  # "the Governor of Alaska, Sarah Palin, and ...": parsers often join them
    for other in (m for m in mentions if m.head in linked):
        person, office = (actor, other.actor) if _officeless(actor, rule) else (other.actor, actor)
        if person is other.actor and not _officeless(other.actor, other.rule):
            continue
        office_tokens = doc[other.start:other.end] if person is actor else doc[head].subtree
        if not _state_office(office, office_tokens):
            continue
        held = make_actor(office.country, office.sectors, igo=office.igo, name=person.name, text=person.text,
                          role=office.role, kind="person")
        if person.name:
            memory.remember(person.name, held, sentence, head if person is actor else other.head)
        if person is actor:
            return held, rule + "+apposed-office"
        mentions[mentions.index(other)] = ActorMention(other.start, other.end, other.head, held, other.char_span,
                                                       other.rule + "+apposed-office")
    return actor, rule


#: heads of these are no officials of the state: "president of Howard University"
INSTITUTION_WORDS = {"university", "college", "school", "company", "club", "bank", "foundation", "hospital",
                     "church", "association", "institute", "corporation", "society", "academy", "museum", "team"}


def _state_office(office: Actor, words: Iterable[Token]) -> bool:
    """An office of a state or organisation, not a person and not the head of an institution its words name."""
    return (office.kind != "person" and bool(office.country or office.igo) and bool(OFFICE_SECTORS & set(office.sectors))
            and not any(t.lemma_.lower() in INSTITUTION_WORDS for t in words))


def _officeless(actor: Actor, rule: str) -> bool:
    """A named person no table holds: a private person, or one placed only by where the text puts them
    ("Zalmay Khalilzad ... in Qatar")."""
    return rule == "person:unlisted" or (rule.endswith("+name") and actor.kind == "person" and not actor.sectors)


def _comma_before_name(token: Token) -> bool:
    """The name opens right after a comma: "the governor, Sarah Palin"."""
    first = min(t.i for t in token.subtree if t.dep_ in ("compound", "flat") or t.i == token.i)
    return first > 0 and token.doc[first - 1].text == ","


def _retext(actor: Actor, text: str) -> Actor:
    return make_actor(actor.country, actor.sectors, igo=actor.igo, name=actor.name, text=text, role=actor.role,
                      kind=actor.kind)


REGION_NAME_MAX_EXTRA_WORDS = 2


def _inside_region_name(span: Span, entries: tuple[Entry, ...]) -> bool:
    """ "New South Wales" is not Wales, "New Mexico" not Mexico: a country or town name with capitalised
    words before or after it that together make a region's name (regions.tsv) is part of that name."""
    if entries[0].kind not in ("country", "capital", "city"):
        return False
    doc = span.doc
    for before in range(REGION_NAME_MAX_EXTRA_WORDS + 1):
        for after in range(REGION_NAME_MAX_EXTRA_WORDS + 1):
            start, end = span.start - before, span.end + after
            if (before == after == 0) or start < 0 or end > len(doc):
                continue
            extra = [t for t in doc[start:end] if not span.start <= t.i < span.end]
            if all(t.text[:1].isupper() for t in extra) and named_regions().get(fold_name(doc[start:end].text)):
                return True
    return False


def _tail_of_other_name(span: Span, entries: tuple[Entry, ...]) -> bool:
    """ "Thames Valley Police" is not Anguilla's capital The Valley: a place whose name starts with
    "The", matched without it, right after another proper noun, is the end of that other name."""
    entry = entries[0]
    if entry.kind not in ("capital", "city") or not entry.text.lower().startswith("the "):
        return False
    if span[0].lower_ == "the" or span.start == 0:
        return False
    return span.doc[span.start - 1].pos_ == "PROPN"


def _speaker_pronouns(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """ "We will not negotiate," the president said: "I" and "we" in what someone is quoted as saying are
    the speaker (or the speaker's side), whom the sentence names as the speech verb's subject."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    out = []
    for token in doc:
        if token.lower_ not in SPEAKER_PRONOUNS or token.tag_ != "PRP" or token.i in by_token:
            continue
        if not inside_quotes(token):
            continue  # "the ministry said it would help us": outside a quote, "us" is the writer's side
        verb = _speech_verb_over(token)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        speaker = by_token.get(subject.i) if subject is not None else None
        if speaker is None:
            continue
        out.append(ActorMention(token.i, token.i + 1, token.i, _retext(speaker.actor, token.text),
                                (token.idx, token.idx + len(token.text)), f"speaker:{speaker.actor.code}"))
    return out


def _speech_verb_over(token: Token) -> Token | None:
    """The speech verb whose reported clause holds ``token`` (not one it is the subject of itself)."""
    current = token
    for _ in range(8):
        head = current.head
        if head.i == current.i:  # spaCy makes a new Token on every access: never compare them with "is"
            return _introducing_speech_verb(current)
        if current.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in SPEECH_LEMMAS:
            return head
        current = head
    return None


def _introducing_speech_verb(root: Token) -> Token | None:
    """ 'X spoke to the press: "I urge ..."': parsers often make the quote the root and hang the speech verb
    that introduces it under it."""
    return next((c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.i < root.i
                 and c.lemma_.lower() in SPEECH_LEMMAS and not inside_quotes(c)), None)


SPEAKER_PRONOUNS = frozenset({"i", "me", "we", "us"})
SPEECH_LEMMAS = frozenset({"say", "tell", "add", "state", "declare", "insist", "tweet", "write", "announce",
                           "warn", "stress", "note", "explain", "vow", "pledge", "promise", "claim", "argue",
                           # "spoke to the press after the speech: 'I urge ...'": the colon's quote is the speaker's
                           "speak", "respond", "reply", "answer", "post", "comment", "remark", "testify",
                           "continue", "conclude", "recall", "ask", "urge", "plead", "told"})


def _group_pronoun(token: Token) -> bool:
    """ "It urged drivers", "they demanded": a pronoun that may stand for a body named before; not the
    empty "it" of "it is possible" or "it took hours"."""
    if token.tag_ != "PRP" or token.lower_ not in GROUP_PRONOUNS:
        return False
    if token.lower_ == "it":
        return token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() not in EMPTY_IT_VERBS
    return token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")


PLURAL_BODY_WORDS = frozenset({"police", "people", "authorities", "forces", "troops"})


#: sectors whose bare word stays the article's own: "the government", "the people", "the hospital" mean the
#: home country's even after a foreign one was named, which the event stage's home country gives them
UNREMEMBERED_KINDS = {"GOV", "CVL", "HLH"}


def _learn_kind(doc: Doc, head: int, actor: Actor, memory: DocumentMemory) -> None:
    if actor.kind == "group" and actor.country and actor.sectors and not actor.name and not (
            set(actor.sectors) & UNREMEMBERED_KINDS):
        memory.remember_kind(doc[head].lemma_.lower(), actor)


#: what news calls a named body again, by its sector: "ABS-CBN ... the network", "Hezbollah ... the group".
#: Role words among them must also agree in sector with the body (_described_group); the others make a
#: mention only when the article named such a body before (_bare_kind_noun).
BODY_KIND_NOUNS = {
    "MED": ("network", "broadcaster", "channel", "newspaper", "paper", "daily", "outlet", "website",
            "magazine", "tabloid"),  # not "the company": a firm the tables do not know is likelier meant
    "BUS": ("company", "firm", "corporation", "conglomerate"),
    "GOV": ("ministry", "department", "agency", "commission", "bureau", "regulator"),
    "SPY": ("agency",),
    "COP": ("agency", "bureau"),
    "JUD": ("court", "tribunal", "department"),
    "LEG": ("parliament", "legislature", "assembly"),
    "MIL": ("army", "military"),
    "EDU": ("university", "institute", "college"),
    "REL": ("church",),
    "PTY": ("party",),
    "LAB": ("union",),
    **{sector: ("group", "organisation", "organization", "movement")
       for sector in ("REB", "UAF", "PRM", "CRM", "OPP", "NGO", "HRI")},
}
#: kinds of body a name shows: "Mahan Air" is an airline, "Ford Motor" an automaker, "Bank of England" a bank
NAME_KINDS = (
    (frozenset({"air", "airlines", "airline", "airways", "aviation"}), ("airline", "carrier")),
    (frozenset({"motor", "motors", "automotive", "auto", "automobile"}), ("automaker", "carmaker", "manufacturer")),
    (frozenset({"bank", "banking", "bancorp"}), ("bank", "lender")),
    (frozenset({"group"}), ("group",)),
)
IGO_KIND_NOUNS = ("organisation", "organization", "alliance", "bloc")
#: the bare kind nouns that are no role word: "the network" is an actor only when a network was named
KIND_ONLY_NOUNS = frozenset({"network", "channel", "group", "organisation", "organization", "movement",
                             "carrier", "alliance", "bloc", "paper"})
ARTICLE_COUNTRY_WORDS = frozenset({"country", "nation"})


def _named_body(doc: Doc, group: _Group, actor: Actor) -> bool:
    """A body the tables name ("ABS-CBN", "Ford Motor Company", "NATO") or a name the phrase places in a
    country ("Iran's Mahan Air"): not a person, not a country standing alone."""
    if actor.kind not in ("group", "igo") or not (actor.country or actor.igo):
        return False
    return bool(_name_tokens(doc, group)) and doc[group.head].ent_type_ not in PLACE_ENTITIES  # not "Brussels"


def _name_tokens(doc: Doc, group: _Group) -> list[Token]:
    """The words of the name at the phrase head, without a leading "the"."""
    anchor = next((a for a in group.anchors if a.covers(group.head) and (
        a.kind == "name" or (a.entry is not None and a.entry.kind in ("org", "igo")))), None)
    if anchor is None:
        return []
    return [t for t in doc[anchor.start:anchor.end] if t.lower_ != "the"]


def _learn_body_kinds(span: Span, actor: Actor, memory: DocumentMemory) -> None:
    """Remember a named body under the kind nouns its sector and its name fit."""
    if actor.igo:
        nouns: tuple[str, ...] = IGO_KIND_NOUNS
    else:
        words = {t.lower_ for t in span}
        nouns = tuple(n for sector in actor.sectors for n in BODY_KIND_NOUNS.get(sector, ()))
        nouns += tuple(n for marks, kinds in NAME_KINDS if marks & words for n in kinds)
    for noun in nouns:
        memory.remember_kind(noun, actor, named=True)


def _bare_kind_noun(token: Token) -> bool:
    """ "the network", "the group": a definite kind noun with nothing else before it, that may stand for a
    body named earlier in the article."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in KIND_ONLY_NOUNS or token.tag_ != "NN":
        return False
    modifiers = [c for c in token.children if c.dep_ in ("det", "amod", "nummod", "compound", "poss", "quantmod")]
    return [c.lower_ for c in modifiers] == ["the"]


def _short_name(doc: Doc, group: _Group, memory: DocumentMemory) -> tuple[Actor, str] | None:
    """A mention that is only a named body's full name or first word, met before in the article."""
    if not memory.short_names:
        return None
    words = [t for t in doc[group.start:group.end] if t.lower_ not in ("the", "'s") and not t.is_punct]
    key = " ".join(t.text for t in words)
    known = memory.short_names.get(key)
    if known is None or (len(words) == 1 and words[0].pos_ != "PROPN"):
        return None  # "Shell" the word, not the company, where the tagger sees a common noun
    return _retext(known, doc[group.start:group.end].text), f"memory:short-name:{key}"


def _read_article_country(doc: Doc, group: _Group, reading: _Reading, memory: DocumentMemory) -> None:
    """ "the country's largest network", "the nation's police": the country the article names most."""
    if reading.country or reading.igo or reading.is_empty:
        return
    owner = next((c for c in doc[group.head].children if c.dep_ == "poss"), None)
    if owner is None or owner.lemma_.lower() not in ARTICLE_COUNTRY_WORDS or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in owner.children):
        return
    country = memory.main_country()
    if country is not None:
        reading.country = country
        reading.rule += "+memory:article-country"


def _described_group(doc: Doc, group: _Group, reading: _Reading,
                     memory: DocumentMemory) -> tuple[Actor, str] | None:
    """ "an Iranian airline ... the airline", "Houthi rebels ... the rebels": a definite group phrase that
    names no country is the group of that kind the article named last. Only the bare phrase: "the
    other rebels", "the two armies" set themselves apart."""
    head = doc[group.head]
    generic = not reading.sectors and head.lemma_.lower() in KIND_ONLY_NOUNS  # "the group": a people noun
    if reading.country or reading.igo or not (reading.sectors or generic) or reading.kind != "group":
        return None
    modifiers = [c for c in head.children if c.dep_ in ("det", "amod", "nummod", "compound", "poss", "quantmod")]
    if [c.lower_ for c in modifiers] != ["the"] or (generic and head.tag_ != "NN"):
        return None
    word = head.lemma_.lower()
    known = memory.kind_of(word)
    if known is None or not (generic or word in memory.named_kinds or set(known.sectors) == set(reading.sectors)):
        return None
    text = doc[group.start:group.end].text
    return _retext(known, text), f"memory:kind:{known.code}"


def _learn_body(doc: Doc, head: int, actor: Actor, rule: str, memory: DocumentMemory, sentence: int) -> None:
    """Remember a body that is the subject of its clause, for a later "it" or "they"; people are
    remembered by name, and a pronoun's own referent is not remembered twice."""
    token = doc[head]
    if token.dep_ not in ("nsubj", "nsubjpass") or actor.kind == "person" or rule.startswith("memory:pronoun"):
        return
    if actor.kind == "unknown" or rule.startswith(("capital", "city", "place")):
        return
    plural = token.tag_ in ("NNS", "NNPS") or token.lower_ in PLURAL_BODY_WORDS or any(
        c.dep_ == "conj" for c in token.children)
    memory.remember_body(actor, plural, sentence, head)


def _sentence_index(doc: Doc) -> dict[int, int]:
    index = {}
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _prefer_article_countries(doc: Doc, anchors: list[Anchor], countries: set[str]) -> list[Anchor]:
    """A town whose name several countries use is the one in a country the article has named ("the
    Richmond Hill crash" after "Queens" is in New York, not Ontario). A region two countries share
    ("Punjab") is nobody's until the article names one of them: a guess there is wrong half the time."""
    kept = []
    for anchor in anchors:
        if anchor.kind == "city" and anchor.country and anchor.country not in countries:
            known = [c for c in city_countries(doc[anchor.start:anchor.end].text) if c in countries]
            if known:
                anchor.country = known[0]
            elif anchor.shared:
                continue
        kept.append(anchor)
    return kept


def _default_leaders() -> object | None:
    """The package's leaders table, or None (with a warning) while it is missing or broken."""
    try:
        from eventwire.actors.leaders import load_leaders
        return load_leaders()
    except (ImportError, OSError, ValueError) as exc:
        log.warning("leaders table unavailable, people are resolved from the article only: %s", exc)
        return None
