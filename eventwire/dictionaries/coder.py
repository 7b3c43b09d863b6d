"""Coding one spaCy sentence with PETRARCH/TABARI dictionaries, on our dependency parse.

PETRARCH matched its patterns on Penn Treebank trees; we match them on spaCy's dependency
parse instead, so that users can bring fifteen years of dictionaries without the Stanford
parser:

1. Actors and agents are found as token sequences (longest match first); discards stop the
   sentence.
2. Each verb token is looked up by spelling (then lemma) in the verb index; every pattern of
   its blocks is tried: words before ``*`` must occur before the verb, words after it inside
   the verb's own subtree (its objects, particles, prepositional phrases), in order. The most
   specific match wins; with none the verb's or block's own code is used.
3. Source = the subject (the ``by`` agent of a passive, or the actor in a ``$``/``%`` slot);
   target = the first actor in the verb's subtree after it (or the ``+`` slot). A noun phrase
   is resolved by combining its actor with its agents ("Gondor's police" -> GONCOP); conjoined
   actors give one event each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span, Token

from eventwire.dictionaries.actors import ActorEntry
from eventwire.dictionaries.agents import AgentEntry
from eventwire.dictionaries.loader import DictionarySet
from eventwire.dictionaries.verbs import Element, EventCode, Pattern, VerbBlock, VerbEntry
from eventwire.model import Actor, Event, make_actor

_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_INHERIT_SUBJECT = {"xcomp", "conj", "acomp", "advcl", "prep", "pcomp"}
_NOT_IN_NP = {"conj", "cc", "appos", "relcl", "acl", "punct", "advcl"}
_CLIMB_TO_HEAD = {"compound", "amod", "poss", "nmod", "nummod", "det"}
_OWNER_PREPOSITIONS = {"of", "in", "from"}
_ACTOR_DEPS_SKIPPED_FOR_TARGET = {"nsubj", "nsubjpass", "csubj", "cc", "punct", "mark", "aux", "auxpass"}


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor or agent phrase found in the sentence (doc token indices, end exclusive)."""

    start: int
    end: int
    actor: ActorEntry | None = None
    agent: AgentEntry | None = None


@dataclass(frozen=True, slots=True)
class _Match:
    """A verb pattern (or a verb's default) that applies to one verb token."""

    code: EventCode
    rule: str
    size: int
    slots: dict[str, int]  # "source"/"target"/"compound" -> doc index of the slot's first token
    consumed: frozenset[int]


class _PhraseIndex:
    """Word sequences -> entries, for longest-match lookup at a token position."""

    def __init__(self, phrases: Iterable[tuple[tuple[str, ...], object]]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for words, entry in phrases:
            if words:
                self.by_first.setdefault(words[0], []).append((words, entry))
        for candidates in self.by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def longest(self, words: list[str], at: int) -> tuple[int, object] | None:
        for phrase, entry in self.by_first.get(words[at], ()):
            if tuple(words[at:at + len(phrase)]) == phrase:
                return len(phrase), entry
        return None


class DictionaryCoder:
    """Codes events of single sentences with one :class:`DictionarySet`."""

    def __init__(self, dicts: DictionarySet, require_target: bool = True) -> None:
        self.dicts = dicts
        self.require_target = require_target
        self.actor_index = _PhraseIndex((name, e) for e in dicts.actors.entries for name in e.names)
        self.agent_index = _PhraseIndex((form, e) for e in dicts.agents.entries for form in e.forms)
        self.discard_index = _PhraseIndex((e.words, e) for e in dicts.discards.entries)

    # -- public ---------------------------------------------------------------------------------

    def code_sentence(
        self, sent: Span, doc_id: str, sentence_index: int, article_date: dt.date | None
    ) -> list[Event]:
        words = [_norm(t) for t in sent]
        if self.is_discarded(words):
            return []
        coding = _SentenceCoding(self, sent, words, article_date)
        events: list[Event] = []
        seen: set[tuple[str | None, str | None, str, int]] = set()
        for event in coding.events(doc_id, sentence_index):
            key = (event.source, event.target, event.cameo, event.span[0])
            if key not in seen:
                seen.add(key)
                event.assign_id()
                events.append(event)
        return events

    def is_discarded(self, words: list[str]) -> bool:
        return any(self.discard_index.longest(words, i) for i in range(len(words)))

    def find_mentions(self, sent: Span) -> list[Mention]:
        """Actor and agent phrases, left to right, the longer one winning where they overlap."""
        words = [_norm(t) for t in sent]
        mentions: list[Mention] = []
        at = 0
        while at < len(words):
            actor = self.actor_index.longest(words, at)
            agent = self.agent_index.longest(words, at)
            if actor and (not agent or actor[0] >= agent[0]):
                mentions.append(Mention(sent.start + at, sent.start + at + actor[0], actor=actor[1]))
                at += actor[0]
            elif agent:
                mentions.append(Mention(sent.start + at, sent.start + at + agent[0], agent=agent[1]))
                at += agent[0]
            else:
                at += 1
        return mentions


class _SentenceCoding:
    """The work on one sentence: mentions, verbs, matches, actor resolution."""

    def __init__(self, coder: DictionaryCoder, sent: Span, words: list[str], day: dt.date | None) -> None:
        self.coder = coder
        self.sent = sent
        self.doc = sent.doc
        self.words = words
        self.day = day
        self.mentions = coder.find_mentions(sent)
        self.mention_at: dict[int, Mention] = {i: m for m in self.mentions for i in range(m.start, m.end)}

    def word(self, i: int) -> str:
        return self.words[i - self.sent.start]

    # -- verbs and patterns ------------------------------------------------------------------

    def events(self, doc_id: str, sentence_index: int) -> Iterable[Event]:
        for token in self.sent:
            if token.dep_ in ("aux", "auxpass") or token.i in self.mention_at:
                continue
            match = self.best_match(token)
            if match is None or match.code.is_null:
                continue
            yield from self.events_for(token, match, doc_id, sentence_index)

    def verb_candidates(self, token: Token) -> list[tuple[VerbBlock, VerbEntry]]:
        if not (token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") or token.dep_ == "ROOT"):
            return []
        verbs = self.coder.dicts.verbs
        places = verbs.index.get(self.word(token.i), ()) or verbs.index.get(token.lemma_.upper(), ())
        found = []
        for b, v in places:
            block, entry = verbs.blocks[b], verbs.blocks[b].verbs[v]
            if self.phrase_fits(token, entry):
                found.append((block, entry))
        if not found:
            return []
        longest = max(len(e.before) + len(e.after) for _, e in found)
        return [(b, e) for b, e in found if len(e.before) + len(e.after) == longest]

    def phrase_fits(self, token: Token, entry: VerbEntry) -> bool:
        start, stop = token.i - len(entry.before), token.i + 1 + len(entry.after)
        if start < self.sent.start or stop > self.sent.end:
            return False
        return all(self.word(start + k) == w for k, w in enumerate(entry.before)) and all(
            self.word(token.i + 1 + k) == w for k, w in enumerate(entry.after))

    def best_match(self, token: Token) -> _Match | None:
        candidates = self.verb_candidates(token)
        if not candidates:
            return None
        best: _Match | None = None
        for block, entry in candidates:
            for pattern in block.patterns:
                found = self.match_pattern(token, entry, pattern)
                if found and (best is None or found.size > best.size):
                    best = found
        if best is not None:
            return best
        block, entry = candidates[0]
        if entry.code is not None:
            return _Match(entry.code, _rule(entry.path, entry.line), 0, {}, frozenset())
        return _Match(block.code, _rule(block.path, block.line), 0, {}, frozenset())

    def match_pattern(self, verb: Token, entry: VerbEntry, pattern: Pattern) -> _Match | None:
        first = verb.i - len(entry.before)
        last = verb.i + len(entry.after)
        before_pool = list(range(self.sent.start, first))
        region = self.verb_region(verb)
        after_pool = [i for i in region if i > last]
        slots: dict[str, int] = {}
        used: list[int] = []
        before = self.match_sequence(list(reversed(pattern.before)), list(reversed(before_pool)), first,
                                     -1, slots, used)
        if before is None:
            return None
        after = self.match_sequence(list(pattern.after), after_pool, last, 1, slots, used)
        if after is None:
            return None
        return _Match(pattern.code, _rule(pattern.path, pattern.line), pattern.size, dict(slots), frozenset(used))

    def match_sequence(
        self, elements: list[Element], pool: list[int], anchor: int, step: int,
        slots: dict[str, int], used: list[int],
    ) -> bool | None:
        """Match ``elements`` walking away from the verb (``step`` -1 before it, +1 after).

        ``pool`` holds the candidate token indices in walking order; an element that is
        ``joined`` must sit right next to the previous one (or the verb).
        """
        def walk(e: int, p: int, previous: int) -> bool:
            if e == len(elements):
                return True
            element = elements[e]
            if element.kind == "skip":
                return walk(e + 1, p, previous)
            for q in range(p, len(pool)):
                at = pool[q]
                if element.joined and at != previous + step:
                    break
                width = self.element_width(element, at, step)
                if width:
                    far_end = at + step * (width - 1)
                    next_q = q + 1
                    while next_q < len(pool) and (pool[next_q] - far_end) * step <= 0:
                        next_q += 1
                    if element.kind in ("source", "target", "compound"):
                        slots[element.kind] = min(at, far_end)
                    if walk(e + 1, next_q, far_end):
                        used.extend(range(min(at, far_end), max(at, far_end) + 1))
                        return True
                    slots.pop(element.kind, None)
            return False

        return True if walk(0, 0, anchor) else None

    def element_width(self, element: Element, at: int, step: int) -> int:
        """How many tokens ``element`` covers starting at ``at`` (walking by ``step``); 0 = no match."""
        if element.kind == "word":
            return 1 if self.word(at) == element.value else 0
        if element.kind == "synset":
            for member in self.coder.dicts.verbs.synsets.get(element.value, ()):
                seq = member if step > 0 else tuple(reversed(member))
                idx = [at + step * k for k in range(len(seq))]
                if all(self.sent.start <= i < self.sent.end and self.word(i) == w for i, w in zip(idx, seq)):
                    return len(seq)
            return 0
        mention = self.mention_at.get(at)
        if mention is None:
            return 0
        edge = mention.start if step > 0 else mention.end - 1
        if at != edge:
            return 0
        return mention.end - mention.start

    def verb_region(self, verb: Token) -> list[int]:
        """The verb's subtree without its subject and without verbs conjoined to it."""
        region: list[int] = []
        stack = [verb]
        while stack:
            token = stack.pop()
            region.append(token.i)
            for child in token.children:
                if token is verb and child.dep_ in _SUBJECTS:
                    continue
                if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                    continue
                stack.append(child)
        return sorted(region)

    # -- actors -----------------------------------------------------------------------------

    def events_for(self, verb: Token, match: _Match, doc_id: str, sentence_index: int) -> Iterable[Event]:
        pairs = self.actor_pairs(verb, match)
        for source, target in pairs:
            if match.code.forward and (target is not None or not self.coder.require_target) and source:
                yield self.make_event(verb, match, match.code.forward, source, target, doc_id, sentence_index)
            if match.code.reverse and source and target:
                yield self.make_event(verb, match, match.code.reverse, target, source, doc_id, sentence_index)

    def actor_pairs(self, verb: Token, match: _Match) -> list[tuple[Actor | None, Actor | None]]:
        if "compound" in match.slots:
            members = self.resolve_np(self.np_head(match.slots["compound"]))
            return [(a, b) for a in members for b in members if a.code != b.code]
        sources = (self.resolve_np(self.np_head(match.slots["source"])) if "source" in match.slots
                   else self.subject_actors(verb))
        exclude = set(match.consumed) | self.source_tokens(verb)
        targets = (self.resolve_np(self.np_head(match.slots["target"])) if "target" in match.slots
                   else self.target_actors(verb, exclude))
        if "target" in match.slots and "source" not in match.slots and verb_is_passive(verb):
            sources = self.passive_agent(verb) or sources
        pairs: list[tuple[Actor | None, Actor | None]] = []
        for source in sources:
            for target in targets or [None]:
                if target is None or source.code != target.code:
                    pairs.append((source, target))
        return pairs

    def subject_actors(self, verb: Token) -> list[Actor]:
        if verb_is_passive(verb):
            agent = self.passive_agent(verb)
            if agent:
                return agent
        subject = find_subject(verb)
        return self.resolve_np(subject) if subject is not None else []

    def source_tokens(self, verb: Token) -> set[int]:
        subject = find_subject(verb)
        tokens = {t.i for t in subject.subtree} if subject is not None else set()
        if verb_is_passive(verb):
            for child in verb.children:
                if child.dep_ == "agent":
                    tokens |= {t.i for t in child.subtree}
        return tokens

    def passive_agent(self, verb: Token) -> list[Actor]:
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.resolve_np(pobj)
        return []

    def target_actors(self, verb: Token, exclude: set[int]) -> list[Actor]:
        passive_subject = None
        if verb_is_passive(verb) and self.passive_agent(verb):
            passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive_subject is not None:
            return self.resolve_np(passive_subject)
        for i in self.verb_region(verb):
            if i <= verb.i or i in exclude or i not in self.mention_at:
                continue
            actors = self.resolve_np(self.np_head(i))
            if actors:
                return actors
        return []

    def np_head(self, i: int) -> Token:
        """The head of the noun phrase a mention token sits in ("Gondor" in "Gondor's police")."""
        token = self.doc[i]
        mention = self.mention_at.get(i)
        if mention is not None:
            token = mention_head(self.doc, mention)
        while True:
            while token.dep_ in _CLIMB_TO_HEAD and token.head.i != token.i and token.head.pos_ in (
                    "NOUN", "PROPN", "PRON"):
                token = token.head
            prep = token.head
            if (token.dep_ == "pobj" and prep.lower_ in _OWNER_PREPOSITIONS and prep.head.i in self.mention_at
                    and self.mention_at[prep.head.i].agent is not None):
                token = prep.head
                continue
            return token

    def resolve_np(self, head: Token) -> list[Actor]:
        """All actors a noun phrase names: one per conjunct, agents combined with their actor."""
        conjuncts = [head] + [t for t in conjunct_chain(head)]
        resolved = [self.resolve_conjunct(c) for c in conjuncts]
        shared_bases = [bases for bases, _agents in resolved if bases]
        actors: list[Actor] = []
        for bases, agents in resolved:
            if not bases and agents and shared_bases:
                bases = shared_bases[0]
            actors.extend(self.combine(bases, agents))
        return list({a.code: a for a in actors}.values())

    def resolve_conjunct(self, token: Token) -> tuple[list[tuple[str, Mention]], list[Mention]]:
        """(actor codes with their mention, agent mentions) inside one conjunct's own phrase."""
        span = sorted(np_tokens(token))
        agents: list[Mention] = []
        group: list[Mention] = []
        for i in span:
            mention = self.mention_at.get(i)
            if mention is None or i != mention.start:
                continue
            if mention.agent is not None:
                agents.append(mention)
            elif not group:
                group.append(mention)
                head = mention_head(self.doc, mention)
                for conj in conjunct_chain(head):
                    other = self.mention_at.get(conj.i)
                    if other is not None and other.actor is not None and other not in group:
                        group.append(other)
        bases = [(code, m) for m in group for code in m.actor.codes_on(self.day)]
        return bases, agents

    def combine(self, bases: list[tuple[str, Mention]], agents: list[Mention]) -> list[Actor]:
        prefix = "".join(m.agent.prefix for m in agents)
        suffixes = [m.agent.suffix for m in agents if m.agent.suffix]
        text_of = self.text_of
        if not bases:
            if not agents:
                return []
            code = (prefix or "---") + "".join(suffixes)
            return [actor_from_code(code, " ".join(text_of(m) for m in agents))]
        actors = []
        for base, mention in bases:
            code = prefix + base
            for suffix in suffixes:
                if suffix not in code[3:]:
                    code += suffix
            text = " ".join(text_of(m) for m in sorted([mention, *agents], key=lambda m: m.start))
            actors.append(actor_from_code(code, text, mention.actor.canonical))
        return actors

    def text_of(self, mention: Mention) -> str:
        return self.doc[mention.start:mention.end].text

    def make_event(
        self, verb: Token, match: _Match, code: str, source: Actor, target: Actor | None,
        doc_id: str, sentence_index: int,
    ) -> Event:
        negated = any(c.dep_ == "neg" and c.i not in match.consumed for c in verb.children)
        return Event(
            doc_id=doc_id, sentence=sentence_index, source_actor=source, target_actor=target,
            cameo=code, plover=None, plover_mode=None, plover_context=None, quad_class=None,
            goldstein=None, modality="negated" if negated else "asserted", text=self.sent.text,
            trigger=verb.text, span=(verb.idx, verb.idx + len(verb.text)), rule=match.rule,
        )


def _norm(token: Token) -> str:
    return token.text.upper().replace("’", "'")


def _rule(path: str, line: int) -> str:
    return f"dict:{Path(path).name}:{line}"


def verb_is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def find_subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject it inherits (xcomp, conjoined verbs, "is about to")."""
    token = verb
    for _ in range(8):
        for child in token.children:
            if child.dep_ in _SUBJECTS:
                return child
        if token.dep_ == "relcl":
            return token.head
        if token.dep_ not in _INHERIT_SUBJECT or token.head.i == token.i:
            return None
        token = token.head
    return None


def conjunct_chain(token: Token) -> list[Token]:
    found: list[Token] = []
    stack = [c for c in token.children if c.dep_ == "conj"]
    while stack:
        conj = stack.pop(0)
        found.append(conj)
        stack.extend(c for c in conj.children if c.dep_ == "conj")
    return found


def np_tokens(token: Token) -> set[int]:
    """A conjunct's own phrase: its subtree without conjuncts, clauses, appositions."""
    tokens = {token.i}
    stack = [c for c in token.children if c.dep_ not in _NOT_IN_NP]
    while stack:
        child = stack.pop()
        tokens.add(child.i)
        stack.extend(c for c in child.children if c.dep_ not in ("relcl", "acl", "advcl", "appos"))
    return tokens


def mention_head(doc, mention: Mention) -> Token:
    for i in range(mention.start, mention.end):
        head = doc[i].head
        if head.i < mention.start or head.i >= mention.end or head.i == i:
            return doc[i]
    return doc[mention.end - 1]


def actor_from_code(code: str, text: str, name: str | None = None) -> Actor:
    """An eventwire Actor whose ``code`` is exactly the dictionary's code string."""
    code = code.upper()
    if code.startswith("IGO"):
        return make_actor(igo=code, text=text, name=name, kind="igo")
    country = None if code.startswith("---") else code[:3]
    rest = code[3:]
    sectors = tuple(rest[k:k + 3] for k in range(0, len(rest), 3))
    kind = "country" if country and not sectors else "group"
    return make_actor(country, sectors, text=text, name=name, kind=kind)
