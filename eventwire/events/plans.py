"""A planned event (source, target, code, modality) before it becomes a record, and how compound
actors pair up."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.events.roles import SPEAKER
from eventwire.model import Actor, ActorMention


@dataclass(frozen=True)
class Plan:
    source: Actor | None
    target: Actor | None
    code: str
    modality: str
    rule: str
    trigger: Token | None = None  # when the words that carry the event are not the matched frame's


def retrigger(plans: Iterable[Plan], token: Token) -> Iterator[Plan]:
    for plan in plans:
        yield Plan(plan.source, plan.target, plan.code, plan.modality, plan.rule, plan.trigger or token)


def pairs(
    sources: list[ActorMention], targets: list[ActorMention], code: str, modality: str, reciprocal: bool, rule: str,
    mutual: bool = False,
) -> Iterator[Plan]:
    """One event per (source, target) pair; reciprocal verbs pair up conjoined subjects."""
    if not sources:
        return
    if sources == [SPEAKER]:
        for b in targets or [None]:
            yield Plan(None, b.actor if b else None, code, modality, rule + "+speaker")
        return
    if not targets and reciprocal and len(sources) > 1:
        for a in sources:
            for b in sources:
                if a is not b and a.actor.code != b.actor.code:
                    yield Plan(a.actor, b.actor, code, modality, rule)
        return
    if not targets:
        for a in sources:
            yield Plan(a.actor, None, code, modality, rule)
        return
    for a in sources:
        others = [b for b in targets if b.actor.code != a.actor.code]
        if not others and not reciprocal and not mutual:
            yield Plan(a.actor, None, code, modality, rule)  # "Nigerians protested in Lagos": no one else
        for b in others:
            yield Plan(a.actor, b.actor, code, modality, rule)
            if mutual:
                yield Plan(b.actor, a.actor, code, modality, rule)


def who(actor: Actor) -> str:
    """Speaker and source are the same side when they share a country (or IGO)."""
    return actor.igo or actor.country or actor.code
