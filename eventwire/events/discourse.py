"""Targets an event takes from the article's earlier events.

"The operation was condemned by members of the EU", "For several days Iran denied the accusation":
what is condemned or denied is an act the article has already coded, and the one who did it is the
target. An event with no target whose object is an event noun ("the operation", "the accusation")
takes as its target the source of the latest earlier event of that noun's kind, a few sentences back.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from eventwire.events.lexicon import Lexicon
from eventwire.events.triggers import condition_holds
from eventwire.model import Event

LOOKBACK_SENTENCES = 6  # further back, "the attack" is as likely another one
# events that judge an act: comments and denials, praise, investigations, criticism, rejection ("delivered
# the aid" hands over a thing, it judges nobody's act)
REACTION_ROOTS = ("01", "05", "09", "11", "12")
OBJECT_DEPS = ("dobj", "nsubjpass")


def fill_targets_from_earlier_events(events: Sequence[Event], sent: Span, offset: int, earlier: Sequence[Event],
                                     lexicon: Lexicon) -> None:
    """Give each targetless event of ``sent`` the doer of the earlier act its object names (in place)."""
    for event in events:
        if event.target_actor is not None or event.source_actor is None or not event.cameo.startswith(REACTION_ROOTS):
            continue
        trigger = _token_at(sent, event.span[0] - offset)
        if trigger is None:
            continue
        for noun in (c for c in trigger.children if c.dep_ in OBJECT_DEPS and c.pos_ == "NOUN"):
            if _has_own_owner(noun):
                continue  # "Egypt's offensive", "the offensive of the army": the sentence says whose
            doer = _latest_doer(event, _roots_of(noun, lexicon), earlier)
            if doer is not None:
                event.target_actor = doer.source_actor
                event.rule += "+earlier-act"
                break


def awaits_earlier_act(event: Event, sent: Span, offset: int, lexicon: Lexicon) -> bool:
    """ "The call was quickly seconded by Merkel": praise of an act with no owner in the sentence is
    praise of whoever did it earlier; kept until the article's earlier events can say who that was."""
    if event.target_actor is not None or event.source_actor is None or not event.cameo.startswith(REACTION_ROOTS):
        return False
    trigger = _token_at(sent, event.span[0] - offset)
    return trigger is not None and any(
        c.dep_ in OBJECT_DEPS and c.pos_ == "NOUN" and not _has_own_owner(c) and _roots_of(c, lexicon)
        for c in trigger.children)


def _roots_of(noun: Token, lexicon: Lexicon) -> frozenset[str]:
    """The CAMEO roots the lexicon gives a noun ("attack": 18, 19; "accusation": 11), leaving out senses
    that need a modifier the noun lacks when another sense does not ("the call" is no phone call; "the
    operation" is still the military operation told before)."""
    senses = [e for e in lexicon.candidates(noun.lemma_.lower(), "NOUN") if e.cameo]
    bare = [e for e in senses if all(condition_holds(noun, c.kind, c.lemmas) for c in e.conditions if c.kind == "child")]
    return frozenset((e.cameo or "")[:2] for e in bare or senses)


def _latest_doer(event: Event, roots: frozenset[str], earlier: Sequence[Event]) -> Event | None:
    if not roots:
        return None
    for before in reversed(earlier):
        if event.sentence - before.sentence > LOOKBACK_SENTENCES:
            return None
        if before.sentence >= event.sentence or before.source_actor is None:
            continue
        if before.cameo[:2] in roots and before.source != event.source:
            return before
    return None


def _has_own_owner(noun: Token) -> bool:
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "by")) or
               (c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")) for c in noun.children)


def _token_at(sent: Span, char: int) -> Token | None:
    return next((t for t in sent if t.idx <= char < t.idx + len(t.text)), None)
