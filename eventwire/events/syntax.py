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
    if any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children):
        return True
    return headline_passive(verb) or shared_passive(verb) or participle_clause(verb)


def participle_clause(verb: Token) -> bool:
    """ "were held without bail, charged with killing a deputy", "Arrested on Friday, the men ...": a bare
    past participle clause on a verb is passive, done to the subject of the clause it hangs on."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "auxpass", "mark", *SUBJECTS, *PASSIVE_SUBJECTS, "dobj") for c in verb.children)


def headline_passive(verb: Token) -> bool:
    """ "Opposition leader arrested on suspicion of fraud": a headline's bare participle is a passive,
    its subject the one it happened to. Taggers often read the participle of a legal act as a past tense
    ("Bountiful leaders charged"); with no object and no closing stop, the headline still reports it done
    to its subject."""
    if verb.dep_ != "ROOT" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if verb.tag_ == "VBN":
        return True
    return (verb.tag_ == "VBD" and verb.lemma_.lower() in UNDERGONE_IN_HEADLINES and not children(verb, "dobj")
            and verb.sent[-1].text not in (".", "!", "?"))


#: acts done to someone whose bare participle a headline uses ("Three charged", "Ex-minister jailed")
UNDERGONE_IN_HEADLINES = frozenset({"charge", "arrest", "indict", "convict", "sentence", "jail", "imprison",
                                    "detain", "deport", "extradite", "prosecute", "fine", "remand", "sue"})


def headline_participle(verb: Token) -> bool:
    """ "Opposition leader arrested on suspicion of fraud", parsed as a noun with a participle: in a
    headline (no final full stop) the participle is the news, not a description."""
    head = verb.head
    last = verb.sent[-1]
    return (verb.dep_ == "acl" and verb.tag_ == "VBN" and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN")
            and last.text not in (".", "!", "?", '"', "'"))


def shared_passive(verb: Token) -> bool:
    """ "was identified and arrested": a participle joined to a passive shares its subject and voice."""
    head = verb.head
    if verb.dep_ != "conj" or head is verb or children(verb, *SUBJECTS, *PASSIVE_SUBJECTS):
        return False
    if verb.tag_ != "VBN" and not (verb.tag_ == "VBD" and verb.lower_.endswith("ed") and not children(verb, "dobj")):
        return False  # "were arrested and charged with murder": a regular participle the tagger read as a
        # past tense, with no object, is still the joined passive
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in head.children)


def patients(verb: Token) -> list[Token]:
    """Who a passive verb happened to: its passive subject, a headline participle's subject, or the
    subject of the passive it is joined to."""
    if headline_passive(verb):
        return children(verb, "nsubj", "nsubjpass")
    if shared_passive(verb):
        return children(verb.head, *PASSIVE_SUBJECTS)
    if participle_clause(verb):
        head = verb.head
        return patients(head) if is_passive(head) else children(head, *SUBJECTS)
    if verb.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in verb.children) and not children(
            verb, *SUBJECTS, *PASSIVE_SUBJECTS):  # "LaSalle is expected to be charged": the raised subject
        return children(verb.head, *SUBJECTS, *PASSIVE_SUBJECTS)
    own = children(verb, *PASSIVE_SUBJECTS)
    if not own and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and not children(verb, *SUBJECTS) \
            and any(c.dep_ == "auxpass" for c in verb.children):
        return children(verb.head, *SUBJECTS, *PASSIVE_SUBJECTS)  # "have found refuge and are being helped"
    return own


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
        subject = [] if headline_passive(token) else children(token, *SUBJECTS)
        if subject:
            return undo_relative(subject[0], token)
        if is_passive(token):
            agent = agent_of(token)
            if agent is not None:
                return agent
    dep = token.dep_
    head = token.head
    if head.i == token.i:  # spaCy builds a new Token on each access: compare indices, never identity
        return None
    if dep == "xcomp":
        if any(c.dep_ == "auxpass" for c in token.children):
            return None  # "is expected to be charged": the raised subject undergoes it, the agent is unnamed
        if head.lemma_ in OBJECT_CONTROL:
            objects = children(head, "dobj", "dative")
            if objects:
                return objects[0]
        raised = children(head, *PASSIVE_SUBJECTS)
        if raised:  # "Putin, who is scheduled to meet ...": the passive subject does the infinitive
            return undo_relative(raised[0], head)
        return clause_subject(head, depth + 1)
    if dep in ("acomp", "attr", "oprd"):
        return clause_subject(head, depth + 1)
    if dep == "conj" and head.pos_ in ("VERB", "AUX", "ADJ"):
        return clause_subject(head, depth + 1)
    if dep == "relcl":
        return None if is_passive(token) else head  # "the attacker, who was being held": held, not holding
    if dep == "advcl" and token.tag_ in ("VBG", "VBN", "VB") and not children(token, *PASSIVE_SUBJECTS):
        # not "although the bill was suspended, protesters ...": a clause with a subject of its own is no
        # participle of the main clause's subject
        if participle_clause(token):
            return None  # "Charged with fraud, he resigned": he undergoes the charge, whose agent is unnamed
        return clause_subject(head, depth + 1)
    if dep == "pcomp" and token.tag_ == "VBG" and head.lower_ in SUBJECT_PREPS and not is_passive(token):
        return clause_subject(head.head, depth + 1)  # "responded by throwing stones", "after meeting Putin"
    if dep == "acl" and token.tag_ in ("VBG",):
        return head
    if dep == "acl" and token.tag_ == "VB" and head.pos_ == "NOUN" and head.lemma_.lower() in INTENT_NOUNS:
        return _intender(head, depth)  # "Iraq's decision to expel", "voted on a resolution to expel"
    return None


# nouns whose infinitive is done by whoever holds them: "a plan to build", "the decision to withdraw"
INTENT_NOUNS = {"decision", "plan", "resolution", "bid", "move", "attempt", "effort", "proposal", "vow",
                "pledge", "promise", "offer", "threat", "intention", "readiness", "willingness", "refusal",
                "determination", "commitment", "campaign", "push", "drive", "order", "motion", "bill", "step"}


def _intender(noun: Token, depth: int) -> Token | None:
    owners = children(noun, "poss")
    if owners:
        return owners[0]
    verb = support_verb(noun)
    if verb is not None and noun.dep_ not in ("nsubj", "nsubjpass"):
        return clause_subject(verb, depth + 1)
    return None


SUBJECT_PREPS = {"by", "in", "after", "before", "while", "without", "upon", "through", "despite", "since"}  # not "accused X of killing"


def undo_relative(subject: Token, verb: Token) -> Token:
    """The noun a relative pronoun stands for: "the man who was arrested" was the man."""
    if subject.lower_ in RELATIVE_PRONOUNS:
        for ancestor in clause_chain(verb):
            if ancestor.dep_ == "relcl":
                return ancestor.head
    return subject


def support_verb(noun: Token) -> Token | None:
    """The verb a noun event hangs on: "held talks", "voiced concern", "talks were held", "declared Monday a
    day of mourning" (an object complement the parser takes for an adverbial)."""
    head = noun.head
    if head is noun:
        return None
    if noun.dep_ in ("dobj", "nsubjpass", "attr", "nsubj", "oprd", "npadvmod") and head.pos_ in ("VERB", "AUX"):
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
    if token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in OCCURRENCE_VERBS:
        return any(c.dep_ == "neg" for c in head.children)  # "protests were not reported", "talks did not
        # take place": the verb only says whether the event happened
    return False


#: verbs whose subject is an event and which only say that it happened
OCCURRENCE_VERBS = frozenset({"report", "take", "happen", "occur", "hold", "materialise", "materialize",
                              "break", "erupt", "record", "go"})


def clause_chain(token: Token, limit: int = 8) -> Iterator[Token]:
    """``token`` and the heads above it up to the sentence root."""
    current = token
    for _ in range(limit):
        yield current
        if current.head.i == current.i:
            return
        current = current.head


def noun_phrase_tokens(token: Token) -> Iterator[Token]:
    """Children that belong to the same noun phrase (not clauses)."""
    for child in token.children:
        if child.dep_ not in CLAUSE_DEPS and child.dep_ not in ("cc",):
            yield child
