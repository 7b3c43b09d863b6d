"""Modality: whether an event is asserted, negated, hypothetical, future or only reported.

Event data users filter on this, so it is recorded on every event rather than used to drop
events silently.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.syntax import clause_chain

HYPOTHETICAL_AUX = {"might", "could", "may", "should", "would", "ought"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
CONDITIONAL_MARKS = {"if", "unless", "whether"}
# Verbs and adjectives that put their infinitive in the future: "is scheduled to meet".
FUTURE_CONTROLLERS = {
    "schedule", "plan", "expect", "set", "due", "prepare", "intend", "aim", "go", "poise", "slate", "hope",
    "want", "seek", "decide", "agree", "pledge", "promise", "vow", "offer", "ready", "try", "attempt",
}
SPEECH_VERBS = {
    "say", "tell", "report", "announce", "state", "signal", "claim", "add", "note", "indicate", "insist",
    "stress", "reiterate", "declare", "allege", "assert", "confirm", "suggest", "argue", "explain", "write",
    "acknowledge", "believe", "think", "quote", "emphasize", "emphasise", "maintain", "warn", "predict",
}


def has_aux(token: Token, words: set[str]) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in words for c in token.children)


def local_modality(token: Token) -> str | None:
    """Markers on the event's own clause, up to the nearest clause boundary."""
    for current in clause_chain(token, limit=4):
        if has_aux(current, HYPOTHETICAL_AUX - {"would"}):
            return "hypothetical"
        if has_aux(current, {"would"}):
            return "future" if under_speech(current) else "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in current.children):
            return "hypothetical"
        if has_aux(current, FUTURE_AUX) or _going_to(current) or _headline_infinitive(current):
            return "future"
        if current is not token and current.lemma_ in FUTURE_CONTROLLERS:
            return "future"
        if current.dep_ not in ("xcomp", "acomp", "aux", "dobj", "pobj", "prep", "conj"):
            break
    return None


def _headline_infinitive(token: Token) -> bool:
    """ "US to impose sanctions on Iran": a headline's subject with a bare infinitive announces a plan."""
    return token.dep_ == "ROOT" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _going_to(token: Token) -> bool:
    head = token.head
    return token.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG"


def under_speech(token: Token) -> Token | None:
    """The speech verb this clause is reported under, if any."""
    for current in clause_chain(token):
        if current is token:
            continue
        if current.lemma_ in SPEECH_VERBS and current.pos_ in ("VERB", "AUX"):
            return current
    return None
