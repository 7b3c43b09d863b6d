"""Reading who-did-what-to-whom off a spaCy dependency parse.

These helpers answer structural questions (what is the subject of this verb, once control
verbs, passives, relative clauses and conjoined verbs are undone?) and know nothing about
actors or codes, so they can be tested on their own.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
CLAUSE_DEPS = {"relcl", "acl", "ccomp", "advcl", "parataxis", "csubj", "punct"}
# Verbs whose object is the subject of their infinitive: "urged Russia to withdraw".
OBJECT_CONTROL = {
    "urge", "ask", "call", "order", "force", "persuade", "invite", "tell", "encourage", "allow", "help",
    "press", "pressure", "push", "request", "want", "expect", "require", "appeal", "instruct", "advise",
    "warn", "implore", "beg", "compel", "oblige", "prompt", "lead", "spur", "drive", "permit", "authorize", "direct", "get",
}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def child_prep_objects(token: Token, preps: set[str]) -> Iterator[Token]:
    """Objects of the prepositions ``preps`` under ``token`` ("with" → Turkey in "talks with Turkey")."""
    for prep in token.children:
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    yield obj


def is_passive(verb: Token) -> bool:
    """Passive clauses, and participles describing their noun ("the civilians imprisoned for ...")."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return True
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)


def agent_of(verb: Token) -> Token | None:
    """The by-phrase of a passive verb."""
    for obj in child_prep_objects(verb, {"by"}):
        return obj
    return None


def clause_subject(token: Token, depth: int = 0) -> Token | None:
    """The token naming who does ``token``, undoing passives, control, raising, relatives and conjunction."""
    if depth > 6:
        return None
    if token.pos_ in ("VERB", "AUX") or token.dep_ in ("ROOT", "xcomp", "ccomp", "advcl", "relcl", "conj"):
        subject = children(token, *SUBJECTS)
        if subject:
            return _undo_relative(subject[0], token)
        if is_passive(token):
            agent = agent_of(token)
            if agent is not None:
                return agent
    dep = token.dep_
    head = token.head
    if head is token:
        return None
    if dep == "xcomp":
        if head.lemma_ in OBJECT_CONTROL:
            objects = children(head, "dobj", "dative")
            if objects:
                return objects[0]
        raised = children(head, *PASSIVE_SUBJECTS)
        if raised:  # "Putin, who is scheduled to meet ...": the passive subject does the infinitive
            return _undo_relative(raised[0], head)
        return clause_subject(head, depth + 1)
    if dep in ("acomp", "attr", "oprd"):
        return clause_subject(head, depth + 1)
    if dep == "conj" and head.pos_ in ("VERB", "AUX", "ADJ"):
        return clause_subject(head, depth + 1)
    if dep == "relcl":
        return None if is_passive(token) else head  # "the attacker, who was being held": held, not holding
    if dep == "advcl" and token.tag_ in ("VBG", "VBN", "VB"):
        return clause_subject(head, depth + 1)
    if dep == "pcomp" and token.tag_ == "VBG" and head.lower_ in SUBJECT_PREPS and not is_passive(token):
        return clause_subject(head.head, depth + 1)  # "responded by throwing stones", "after meeting Putin"
    if dep == "acl" and token.tag_ in ("VBG",):
        return head
    return None


SUBJECT_PREPS = {"by", "in", "after", "before", "while", "without", "upon"}  # not "accused X of killing"


def _undo_relative(subject: Token, verb: Token) -> Token:
    if subject.lower_ in RELATIVE_PRONOUNS:
        for ancestor in clause_chain(verb):
            if ancestor.dep_ == "relcl":
                return ancestor.head
    return subject


def support_verb(noun: Token) -> Token | None:
    """The verb a noun event hangs on: "held talks", "voiced concern", "talks were held"."""
    head = noun.head
    if head is noun:
        return None
    if noun.dep_ in ("dobj", "nsubjpass", "attr", "nsubj", "oprd") and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        if head.lower_ in ("in", "into", "for", "to", "of", "on"):
            return head.head
    if noun.dep_ == "conj":
        return support_verb(head)
    return None


def negated(token: Token) -> bool:
    """Is the clause of ``token`` negated ("did not rule out", "never met", "no talks")?"""
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if token.pos_ == "NOUN" and any(c.lower_ in ("no", "never") and c.dep_ == "det" for c in token.children):
        return True
    head = token.head
    if token.dep_ in ("xcomp", "acomp") and head is not token:
        return any(c.dep_ == "neg" for c in head.children)
    return False


def clause_chain(token: Token, limit: int = 8) -> Iterator[Token]:
    """``token`` and the heads above it up to the sentence root."""
    current = token
    for _ in range(limit):
        yield current
        if current.head is current:
            return
        current = current.head


def noun_phrase_tokens(token: Token) -> Iterator[Token]:
    """Children that belong to the same noun phrase (not clauses)."""
    for child in token.children:
        if child.dep_ not in CLAUSE_DEPS and child.dep_ not in ("cc",):
            yield child
