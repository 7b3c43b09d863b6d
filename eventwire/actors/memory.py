"""What an article has told us about its people, so later mentions resolve to the same actor.

News introduces a person once ("Turkish Foreign Minister Mevlut Cavusoglu") and then says
"Cavusoglu", "the minister", "the Turkish diplomat" or "he". One DocumentMemory lives for one
article only: nothing carries over to the next, so two articles never contaminate each other.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from eventwire.model import Actor

PRONOUN_WINDOW = 2  # "he" may point back this many sentences before its own
BODY_WINDOW = 1  # "it" and "they" point back at most to the sentence before
NEAR_MISS_MIN = 4  # surnames shorter than this must match exactly (Li, Wu, Kim)


@dataclass(frozen=True, slots=True)
class Person:
    """A person the article named, with the actor they resolved to and where they were last seen."""

    name: str
    actor: Actor
    sentence: int
    token: int

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass(frozen=True, slots=True)
class Body:
    """A government, organisation, country or group the article made the subject of a clause: what a
    later "it" or "they" stands for."""

    actor: Actor
    plural: bool
    sentence: int
    token: int


@dataclass
class DocumentMemory:
    """People resolved so far in one article, most recent last.

    ``sentence_base`` counts the sentences of earlier Docs fed to the same memory, so that a
    context paragraph and the phrase after it share one sentence numbering.
    """

    people: list[Person] = field(default_factory=list)
    sentence_base: int = 0
    countries: set[str] = field(default_factory=set)  # countries the article has named so far
    # "the National Telecommunications Commission (NTC)": what the article's own acronyms stand for
    acronyms: dict[str, Actor] = field(default_factory=dict)
    bodies: list[Body] = field(default_factory=list)  # subjects that are not people, most recent last
    # "an Iranian airline ... the airline": the country last given to each kind of group, by its head word
    kinds: dict[str, Actor] = field(default_factory=dict)
    # the kind words whose entry a named body gave ("the Bank of England ... the bank"): its sector need not match the word's
    named_kinds: set[str] = field(default_factory=set)
    # "Mahan Air ... Mahan flies": named bodies by the first word of their name
    short_names: dict[str, Actor] = field(default_factory=dict)
    # how often each country was named: "the country's largest network" is the most-named one's
    country_counts: Counter[str] = field(default_factory=Counter)

    def remember(self, name: str, actor: Actor, sentence: int, token: int = 0) -> None:
        """Record (or refresh) a named person; the same name seen again moves to the most recent place."""
        name = " ".join(name.split())
        if not name:
            return
        self.people = [p for p in self.people if p.name.lower() != name.lower()]
        self.people.append(Person(name, actor, sentence, token))

    def by_name(self, name: str) -> Person | None:
        """A remembered person called ``name``: full name, surname, or a one-letter slip of either."""
        wanted = " ".join(name.split()).lower()
        if not wanted:
            return None
        for exact in (True, False):
            for person in reversed(self.people):
                if _same_name(person, wanted, exact):
                    return person
        return None

    def by_description(self, country: str | None, sector: str | None, role_word: str | None) -> Person | None:
        """The most recent person that "the Turkish leader" or "the minister" can stand for.

        Every part the description gives must agree: the country, the sector, and a title word
        ("minister") must occur in the remembered role.
        """
        for person in reversed(self.people):
            actor = person.actor
            if country and actor.country != country:
                continue
            if sector and sector not in actor.sectors:
                continue
            if role_word and role_word.lower() not in (actor.role or "").lower():
                continue
            return person
        return None

    def remember_kind(self, word: str, actor: Actor, named: bool = False) -> None:
        """A group of a known country (\"Houthi rebels\", \"an Iranian airline\"), for a later bare
        \"the rebels\", \"the airline\"; a newer group of the same kind replaces it. ``named``: a body
        named before ("ABS-CBN"), remembered under the words news uses for such a body."""
        self.kinds[word] = actor
        if named:
            self.named_kinds.add(word)
        else:
            self.named_kinds.discard(word)

    def kind_of(self, word: str) -> Actor | None:
        return self.kinds.get(word)

    def main_country(self) -> str | None:
        """The country the article names most, when one clearly leads (twice at least, more than any other)."""
        ranked = self.country_counts.most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]

    def remember_body(self, actor: Actor, plural: bool, sentence: int, token: int) -> None:
        self.bodies.append(Body(actor, plural, sentence, token))
        del self.bodies[:-8]

    def recent_body(self, plural: bool, sentence: int, token: int) -> Body | None:
        """What "it" (singular) or "they" (plural) most likely means: the latest subject of that number
        named just before, in this sentence or the one before."""
        for body in reversed(self.bodies):
            if (body.sentence, body.token) >= (sentence, token):
                continue
            if sentence - body.sentence > BODY_WINDOW:
                return None
            if body.plural == plural:
                return body
        return None

    def recent(self, sentence: int, token: int) -> Person | None:
        """The person a pronoun most likely means: the latest one named before it, nearby."""
        for person in reversed(self.people):
            before = (person.sentence, person.token) < (sentence, token)
            if before and sentence - person.sentence <= PRONOUN_WINDOW:
                return person
        return None


def _same_name(person: Person, wanted: str, exact: bool) -> bool:
    full = person.name.lower()
    surname = person.surname.lower()
    if exact:
        return wanted in (full, surname)
    last = wanted.split()[-1]
    if len(last) < NEAR_MISS_MIN or len(surname) < NEAR_MISS_MIN:
        return False
    return within_one_edit(last, surname)


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = 0
    edits = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        edits += 1
        if edits > 1:
            return False
        if len(a) == len(b):
            i += 1
        j += 1
    return edits + (len(b) - j) + (len(a) - i) <= 1
