"""Blame put as a fact about someone: "officials said Hamas was behind the attack", "the army said the
rebels were responsible for the bombing", "said the Abu Sayyaf Group are the suspected perpetrators".

No lexicon word carries these: the accusation (CAMEO 112) is the copular clause itself, and it is the
speaker's, aimed at the one the clause is about. The same clause in the journalist's own voice accuses
nobody, so only a clause a speaker states, believes or concludes is read. A speaker who puts it of its
own side ("the group said it was behind the attack") claims responsibility (015) instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.events import syntax

#: verbs whose clause is the speaker's assertion (say, claim, believe, conclude ...)
ASSERTING_VERBS = frozenset({
    "say", "tell", "claim", "allege", "insist", "state", "maintain", "declare", "assert", "add", "announce",
    "confirm", "stress", "charge", "believe", "suspect", "conclude", "determine", "think", "argue", "contend",
    "accuse", "warn", "tweet", "write", "report", "find", "indicate", "suggest", "signal",
})

#: a noun that names the doer of a wrong: "X are the perpetrators"
PERPETRATOR_NOUNS = frozenset({
    "perpetrator", "culprit", "mastermind", "attacker", "assailant", "bomber", "instigator", "orchestrator",
    "organiser", "organizer", "architect", "author", "sponsor", "aggressor", "gunman", "killer",
})

#: a noun whose owner did the wrong: "the blast was the work of the Taliban", "was Iran's doing"
DOING_NOUNS = frozenset({"work", "doing", "handiwork", "fault"})

#: an adjective that lays the wrong on the subject: "X was responsible for the bombing"
RESPONSIBLE_WORDS = frozenset({"responsible", "culpable", "accountable"})

#: prepositions that put the subject behind an act: "X was behind the attack"
BEHIND_PREPS = frozenset({"behind"})

#: the wrongs one is blamed for; "responsible for border security" and "behind bars" blame nobody
WRONGS = frozenset({
    "attack", "bombing", "blast", "explosion", "killing", "killings", "death", "murder", "shooting", "violence",
    "massacre", "assassination", "kidnapping", "abduction", "crash", "downing", "fire", "strike", "airstrike",
    "ambush", "raid", "shelling", "unrest", "riot", "plot", "hack", "hacking", "cyberattack", "leak", "poisoning",
    "disappearance", "crime", "atrocity", "genocide", "incident", "protest", "coup", "conspiracy", "campaign",
    "propaganda", "disinformation", "interference", "sabotage", "destruction", "deaths", "casualty", "outbreak",
    "collapse", "attempt", "uprising", "insurgency", "rocket", "missile", "drone", "wave", "spate", "series",
})


#: verdicts on someone's act: "said Uganda's decision was wrong" criticises Uganda (111)
VERDICT_WORDS = frozenset({
    "wrong", "unacceptable", "illegal", "unlawful", "irresponsible", "reckless", "illegitimate", "baseless",
    "unfounded", "absurd", "outrageous", "shameful", "unjust", "unfair", "provocative", "hostile", "deplorable",
    "inadmissible", "unconstitutional", "disgraceful", "appalling", "misguided", "counterproductive",
    "destabilising", "destabilizing", "hypocritical", "arbitrary", "inhumane", "barbaric", "cowardly",
})

#: wrongs a clause says someone did: "said Uganda had violated the agreement" accuses Uganda (112)
WRONGDOING_VERBS = frozenset({"violate", "breach", "flout", "undermine", "sabotage", "betray", "renege"})

ACCUSE, CRITICISE = "112", "111"


@dataclass(frozen=True, slots=True)
class Blame:
    verb: Token  # the verb of saying or believing
    word: Token  # the word that lays the blame ("behind", "perpetrators"), the event's trigger
    blamed: Token  # the phrase that names who is blamed
    code: str = ACCUSE  # 112 for a wrong laid on someone, 111 for a verdict on their act


def blames_in(sent: Span) -> list[Blame]:
    """Every stated blame in a sentence, in order."""
    found = []
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in ASSERTING_VERBS or syntax.negated(verb):
            continue  # "the Senate did not find the network had breached laws" blames nobody
        for clause in verb.children:
            if clause.dep_ != "ccomp" or syntax.negated(clause):
                continue
            predicate = blame_predicate(clause)
            if predicate is not None:
                found.append(Blame(verb, *predicate))
                continue
            verdict = verdict_predicate(clause) or wrongdoing(clause)
            if verdict is not None:
                found.append(Blame(verb, *verdict))
    return found


def verdict_predicate(clause: Token) -> tuple[Token, Token, str] | None:
    """ "said Uganda's decision was wrong", "said the arrests were illegal": a verdict on the act of the
    subject's owner (or of the subject itself, when it is an actor)."""
    if clause.lemma_.lower() != "be":
        return None
    subject = syntax.clause_subject(clause)
    word = next((c for c in clause.children if c.dep_ == "acomp" and c.lemma_.lower() in VERDICT_WORDS
                 and not syntax.negated(c)), None)
    if subject is None or word is None:
        return None
    owners = syntax.children(subject, "poss")
    return word, owners[0] if owners else subject, CRITICISE


def wrongdoing(clause: Token) -> tuple[Token, Token, str] | None:
    """ "said Uganda had violated the agreement": the doer of a wrong a speaker reports is accused."""
    if clause.lemma_.lower() not in WRONGDOING_VERBS or syntax.is_passive(clause):
        return None
    subject = syntax.clause_subject(clause)
    return (clause, subject, ACCUSE) if subject is not None else None


def blame_predicate(clause: Token) -> tuple[Token, Token] | None:
    """(the blaming word, the blamed phrase) of a copular clause, else None; "were to blame" counts too."""
    if clause.lemma_.lower() != "be":
        return None
    subject = syntax.clause_subject(clause)
    for child in clause.children:
        lemma = child.lemma_.lower()
        if child.dep_ == "attr" and lemma in DOING_NOUNS and (subject is None or _is_wrong(subject)):
            owner = _owner(child)
            if owner is not None:
                return child, owner
        if subject is None:
            continue
        if child.dep_ == "attr" and lemma in PERPETRATOR_NOUNS:
            return child, subject
        if child.dep_ == "acomp" and lemma in RESPONSIBLE_WORDS and _for_a_wrong(child):
            return child, subject
        if child.dep_ == "prep" and child.lower_ in BEHIND_PREPS and any(
                _is_wrong(p) for p in syntax.children(child, "pobj")):
            return child, subject
        if child.dep_ == "xcomp" and lemma == "blame" and any(a.lower_ == "to" for a in child.children):
            return child, subject
    return None


def _is_wrong(noun: Token) -> bool:
    return noun.lemma_.lower() in WRONGS or noun.lower_ in ("it", "this", "that")


def _for_a_wrong(word: Token) -> bool:
    """ "responsible for the bombing", not "responsible for security"."""
    return any(_is_wrong(p) for prep in syntax.children(word, "prep") if prep.lower_ == "for"
               for p in syntax.children(prep, "pobj"))


def _owner(noun: Token) -> Token | None:
    """ "Iran's doing", "the work of the Taliban": who owns the deed."""
    owners = syntax.children(noun, "poss") + [
        pobj for prep in syntax.children(noun, "prep") if prep.lower_ == "of" for pobj in syntax.children(prep, "pobj")]
    return owners[0] if owners else None
