"""Actors of a parsed sentence, looked up by token: phrases, their conjuncts and appositions, and
plural anaphors ("the two leaders")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from spacy.tokens import Token

from eventwire.events import syntax
from eventwire.model import ActorMention, make_actor


class MentionIndex:
    """Actor mentions of one Doc, looked up by token; the smallest mention wins."""

    def __init__(self, mentions: Iterable[ActorMention], people: Sequence[Any] = (), first_sentence: int = 0) -> None:
        self.by_token: dict[int, ActorMention] = {}
        for mention in sorted(mentions, key=lambda m: m.start - m.end):
            for i in range(mention.start, mention.end):
                self.by_token[i] = mention
        self.people = people  # the article's remembered people (DocumentMemory.people), oldest first
        self.first_sentence = first_sentence  # article-level index of the Doc's first sentence

    def at(self, token: Token) -> ActorMention | None:
        return self.by_token.get(token.i)

    def find(self, token: Token, depth: int = 2) -> ActorMention | None:
        """The mention at ``token`` or, failing that, the nearest one inside its noun phrase."""
        mention = self.at(token)
        if mention is not None or depth == 0:
            return mention
        for child in syntax.noun_phrase_tokens(token):
            if child.dep_ in ("conj", "appos", "det", "amod", "nummod", "advmod", "case"):
                continue
            if child.dep_ == "prep" and child.lower_ not in ("of", "from"):
                continue  # "world powers in Vienna": a place, not who the powers are
            found = self.find(child, depth - 1)
            if found is not None:
                return found
        return None

    def actors(self, token: Token | None) -> list[ActorMention]:
        """All actors a phrase names: itself plus its conjuncts and appositions."""
        if token is None:
            return []
        found: list[ActorMention] = []
        self._collect(token, found, set())
        return most_specific(self._resolve_plural_anaphors(found, token))

    def _resolve_plural_anaphors(self, found: list[ActorMention], token: Token) -> list[ActorMention]:
        """ "the two leaders", "both presidents": the last two people of different countries named."""
        if len(found) != 1:  # "the leaders of X and Y", "both sides—X and Y" name them already
            return found
        out: list[ActorMention] = []
        for mention in found:
            head = mention.actor
            if head.country or head.igo or not self.people or not plural_anaphor(token.doc[mention.head], mention):
                out.append(mention)
                continue
            people = last_two_sides(self.people, self._sentence_of(token))
            if not people:
                out.append(mention)
                continue
            out.extend(ActorMention(mention.start, mention.end, mention.head, p.actor, mention.char_span,
                                    mention.rule + "+plural-anaphor") for p in people)
        return out

    def _sentence_of(self, token: Token) -> int:
        """Article-level index of the token's sentence, the numbering DocumentMemory uses."""
        return self.first_sentence + sum(1 for sent in token.doc.sents if sent.end <= token.i)

    def _collect(self, token: Token, found: list[ActorMention], seen: set[int]) -> None:
        if token.i in seen:
            return
        seen.add(token.i)
        mention = self.find(token)
        if mention is not None and all(m is not mention for m in found):
            found.append(mention)
        inside = range(mention.start, mention.end) if mention else range(token.i, token.i + 1)
        anchors = [token.doc[i] for i in inside] if mention else [token]
        for anchor in anchors:
            for child in anchor.children:
                if child.dep_ in ("conj", "appos") and child.i not in inside:
                    before = len(found)
                    self._collect(child, found, seen)
                    if mention is not None and child.dep_ == "conj" and anchor.i != mention.head:
                        found[before:] = [share_role(m, mention) for m in found[before:]]
                    if mention is not None and child.dep_ == "appos" and len(found) == before + 1 \
                            and _same_one(mention, found[before]):
                        del found[before:]  # "the US commander, General Petraeus": one person, as the head says
                elif child.dep_ == "conj" and mention is not None and child.i in inside:
                    inner = self.at(child)  # "US and British activists": the British ones too
                    if inner is not None and inner is not mention and inner.actor.country != mention.actor.country:
                        found.append(share_role(inner, mention))


def _same_one(head: ActorMention, apposed: ActorMention) -> bool:
    """An apposition of the same country and a sector of its own renames the head's actor, not another
    one ("the US commander in Iraq, General David Petraeus"); "its neighbour, Kenya" names another."""
    a, b = head.actor, apposed.actor
    return bool(a.country) and a.country == b.country and bool(a.sectors) and bool(b.sectors)


PLURAL_ANAPHOR_HEADS = {"leader", "president", "minister", "counterpart", "head", "premier"}


def plural_anaphor(head: Token, mention: ActorMention) -> bool:
    """ "the leaders", "the two presidents" with no country: people named before."""
    if mention.end - mention.start > 3 or head.tag_ != "NNS" or head.lemma_.lower() not in PLURAL_ANAPHOR_HEADS:
        return False
    first = head.doc[mention.start]
    return first.lower_ in ("the", "both") or first.like_num


def last_two_sides(people: Sequence[Any], sentence: int) -> list[Any]:
    chosen: list[Any] = []
    countries: set[str] = set()
    for person in reversed(people):
        if person.sentence > sentence or not person.actor.country or person.actor.country in countries:
            continue
        chosen.append(person)
        countries.add(person.actor.country)
        if len(chosen) == 2:
            return chosen
    return []


def share_role(member: ActorMention, phrase: ActorMention) -> ActorMention:
    """ "the foreign ministers of Thailand and Cambodia": Cambodia's ministers too."""
    actor = member.actor
    if actor.sectors or actor.kind != "country" or not phrase.actor.sectors or not actor.country:
        return member
    shared = make_actor(actor.country, phrase.actor.sectors, text=actor.text, role=phrase.actor.role)
    return ActorMention(member.start, member.end, member.head, shared, member.char_span, member.rule + "+shared-role")


def most_specific(found: list[ActorMention]) -> list[ActorMention]:
    """Drop actors that say nothing ("---") or that another actor of the phrase refines (TUR vs TURGOV)."""
    informative = [m for m in found if m.actor.code.strip("-")] or found[:0]
    codes = [m.actor.code for m in informative]
    placed = [m.actor for m in informative if m.actor.country or m.actor.igo]
    return [
        m for m in informative
        if not any(other != m.actor.code and other.startswith(m.actor.code) for other in codes)
        and not (not (m.actor.country or m.actor.igo) and any(set(m.actor.sectors) <= set(a.sectors) for a in placed))
    ]
