"""Finding trigger words and checking the syntactic setting a lexicon entry asks for; where a frame's
framed event may be."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.events import syntax
from eventwire.events.lexicon import Condition, LexEntry
from eventwire.events.modality import SPEECH_VERBS


@dataclass
class Match:
    """A trigger with its lexicon entry, before actors are attached."""

    token: Token
    entry: LexEntry
    framed_by: Match | None = None
    contents: list[Match] = field(default_factory=list)
    topic_of: Match | None = None  # the event whose object this noun event is ("condemned the invasion")
    answers: Match | None = None  # the appeal a bare refusal turns down ("asked him to wait, but he declined")


def lemma_forms(token: Token) -> list[str]:
    """The lemma, and the hyphenated word the tokenizer split ("de - escalation" → "de-escalation")."""
    lemma = token.lemma_.lower()
    forms = [lemma]
    doc = token.doc
    i = token.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_:
        forms.insert(0, f"{doc[i - 2].lower_}-{lemma}")
        forms.insert(1, f"{doc[i - 2].lower_}{lemma}")
    return forms


def argument_of_trigger(match: Match, trigger_ids: set[int]) -> bool:
    """A noun event inside another event's prepositional argument is background to it
    ("engaged troops in a firefight", "thanked China for its assistance")."""
    token = match.token
    if match.entry.pos != "NOUN" or match.entry.frame or token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.dep_ != "prep" or prep.head.i not in trigger_ids:
        return False
    verb = prep.head
    harmed = prep.lower_ in ("in", "during") and verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)
    charged = prep.lower_ == "on" and token.lemma_.lower() in CHARGE_NOUNS  # "arrested on charges of fraud":
    # the court's charge is an act of its own beside the arrest (docs/annotation.md codes both)
    greeted = prep.lower_ == "with" and verb.lemma_.lower() in GREETING_VERBS and any(
        c.dep_ == "auxpass" for c in verb.children)  # "was met with protests": the protests are the act
    # "were injured in clashes with police": the clash is the act
    return not harmed and not charged and not greeted


CHARGE_NOUNS = {"charge", "indictment"}
#: "the plan was met with protests", "was greeted with jeers": the response the passive reports happened
GREETING_VERBS = {"meet", "greet"}


def purpose_of_protest(match: Match, protest_ids: set[int]) -> bool:
    """ "thousands rallied in Washington to protest the results": the infinitive says what the rally was
    for; it is the same protest, not a second one."""
    token = match.token
    if not (match.entry.cameo or "").startswith("14") or match.entry.pos != "VERB":
        return False
    if token.dep_ not in ("advcl", "xcomp") or token.head.i not in protest_ids:
        return False
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def required_objects(match: Match) -> list[Token]:
    """Objects a trigger's entry asked for ("sign an agreement"): part of that event, not events of their own."""
    kinds = {c.kind for c in match.entry.conditions}
    named = modifiers_asked_for(match) + [
        obj for c in match.entry.conditions if c.kind == "pobj" for obj in prep_objects_named(match.token, c)]
    if not kinds & {"dobj", "objmod"}:
        return named  # "bowed to the protesters' demands": the demands are what is acceded to
    return [c for c in match.token.children if c.dep_ in ("dobj", "nsubjpass", "attr")] + named


def modifiers_asked_for(match: Match) -> list[Token]:
    """ "an arrest warrant", "a guilty verdict": the modifier a noun entry asks for names what kind of act
    the noun is; it is not an event of its own (nobody is arrested by a warrant)."""
    if match.entry.pos != "NOUN":
        return []
    wanted = {lemma for c in match.entry.conditions if c.kind == "child" for lemma in c.lemmas}
    return [c for c in match.token.children if c.dep_ in ("compound", "amod", "nmod")
            and (c.lemma_.lower() in wanted or c.lower_ in wanted)]


def prep_objects_named(token: Token, condition: Condition) -> list[Token]:
    """The prepositional objects a ``pobj`` condition asked for, by their lemma; ``pobj:*`` asks only that
    there be a noun object ("insisted on the withdrawal"), which stays an event of its own."""
    if "*" in condition.lemmas:
        return []
    return [g for c in token.children if c.dep_ == "prep" for g in c.children
            if g.dep_ == "pobj" and child_matches(g, condition.lemmas)]


def inside_name(token: Token) -> bool:
    """A capitalised word inside a multi-word organisation name ("Gulf Cooperation Council")."""
    if token.pos_ != "PROPN" or token.ent_type_ != "ORG" or not token.text[:1].isupper():
        return False
    entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return entity is not None and len(entity) > 1 and not token.sent.text.istitle()


def coarse_pos(token: Token) -> str | None:
    pos = token.pos_
    if pos in ("VERB", "AUX"):
        return "VERB"
    if pos in ("NOUN", "PROPN"):
        return "NOUN"
    if pos == "ADJ":
        return "ADJ"
    return None


def conditions_hold(token: Token, entry: LexEntry) -> bool:
    for condition in entry.conditions:
        if not condition_holds(token, condition.kind, condition.lemmas):
            return False
    return True


def condition_holds(token: Token, kind: str, lemmas: frozenset[str]) -> bool:
    if kind == "head":
        return token.head.i != token.i and child_matches(token.head, lemmas)  # lemma or word ("staged": "stag")
    if kind == "modal":
        return any(has_aux_word(c, lemmas) and not first_person_subject(c)
                   for c in token.children if c.dep_ in ("ccomp", "xcomp"))
    if kind == "subjunctive":  # "insisted that Uganda withdraw its troops": a bare verb with its own subject
        return any(c.dep_ == "ccomp" and c.tag_ == "VB" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                   and not any(g.dep_ in ("aux", "auxpass") and g.lower_ != "be" for g in c.children)
                   and child_matches(c, lemmas) for c in token.children)
    if kind == "phrase-head":  # "arrested on charges of fraud": the word the trigger's phrase hangs on
        return token.dep_ == "pobj" and token.head.head is not token.head and child_matches(token.head.head, lemmas)
    if kind == "subtree":  # "finds suspect in Troy office shooting guilty": the parser hangs the word deeper
        return any(child_matches(t, lemmas) and not _negated_word(t) for t in own_clause(token))
    if kind == "next":
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return following is not None and child_matches(following, lemmas)
    if kind == "infinitive":  # "counts on Turkey to act": an infinitive, which parsers often hang as advcl;
        # "a threat to cut supplies": a noun's infinitive clause
        clauses = ("advcl", "acl", "relcl") if token.pos_ in ("NOUN", "PROPN") else ("advcl",)
        return any(child_matches(c, lemmas) for c in token.children if c.dep_ == "xcomp" or (
            c.dep_ in clauses and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)))
    if kind == "objmod":
        return any(
            child_matches(mod, lemmas) for obj in token.children if obj.dep_ in ("dobj", "nsubjpass")
            for mod in obj.children if mod.dep_ in ("amod", "compound")
        )
    if kind == "mod":  # "a military aid package": a modifier of the noun or of the noun compounded with it
        modifiers = [c for c in token.children if c.dep_ in MODIFIER_DEPS]
        modifiers += [g for c in modifiers if c.dep_ == "compound" for g in c.children if g.dep_ in MODIFIER_DEPS]
        return any(child_matches(m, lemmas) for m in modifiers)
    if kind == "not-child":
        described = [token.head] if token.dep_ == "acl" else []  # "a report released ...": the report
        prepositional = [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        prepositional += [c for g in prepositional for c in g.conjuncts]  # "for her and her family's privacy"
        return not any(child_matches(c, lemmas) for c in list(token.children) + described + prepositional)
    wanted_deps = {
        "prt": ("prt",), "prep": ("prep", "agent", "dative"), "dobj": ("dobj", "nsubjpass", "attr"),
        "subj": ("nsubj", "nsubjpass"),  # "troops entered the town": who moves, not where to
        "xcomp": ("xcomp",), "ccomp": ("ccomp",), "pobj": ("prep", "dobj", "nsubjpass"), "child": None,
    }[kind]
    children = candidates(token, kind, wanted_deps)
    if kind == "pobj" and token.pos_ == "NOUN" and token.dep_ == "dobj":
        # "opened an investigation into the killing": the parser hangs the noun's phrase on its verb
        children += [p for p in token.head.children if p.dep_ == "prep" and p.lower_ in NOUN_PHRASE_PREPS]
    for child in children:
        if kind == "pobj":
            if any(g.dep_ in PREP_OBJECTS and child_matches(g, lemmas) for g in child.children):
                return True  # "treated as suspicious": the parser hangs the adjective on "as" as amod
            if child.dep_ in ("dobj", "nsubjpass") and any(  # "accused Kenya of abuses": "of" on the object
                    p.dep_ == "prep" and any(g.dep_ == "pobj" and child_matches(g, lemmas) for g in p.children)
                    for p in child.children):
                return True
        elif child_matches(child, lemmas) and not (kind == "child" and _negated_word(child)):
            return True
    return False


def own_clause(token: Token) -> list[Token]:
    """The words under ``token``, leaving out relative clauses and parentheticals, which describe someone."""
    found, stack = [], [c for c in token.children if c.dep_ not in ("relcl", "parataxis", "appos")]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(c for c in current.children if c.dep_ not in ("relcl", "parataxis", "appos"))
    return found


def candidates(token: Token, kind: str, deps: tuple[str, ...] | None) -> list[Token]:
    """The children a condition looks at (those of ``deps``, all when None); an object's conjuncts are
    objects too ("seized 12 Somali and 11 Yemeni nationals", where the parser takes the first nationality
    for the object)."""
    children = [c for c in token.children if deps is None or c.dep_ in deps]
    if kind == "subj":  # "occupied by student demonstrators": the agent of a passive is who acts
        children += [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if not children and token.dep_ == "conj":  # "started at the park and walked": the first verb's
            children = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if kind in ("subj", "child"):
        return children + [g for c in children for g in counted(c)]
    if kind != "dobj":
        return children
    return children + [c for obj in children if obj.dep_ in ("dobj", "nsubjpass") for c in obj.conjuncts
                       if c.dep_ == "conj"]


#: nouns that count a crowd: "thousands of protesters marched" is the protesters marching
COUNTING_NOUNS = frozenset({"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "score", "scores",
                            "million", "millions", "crowd", "crowds", "group", "groups", "number", "lot", "lots"})


def counted(noun: Token) -> list[Token]:
    """What a counting noun counts ("thousands of protesters", "a crowd of students"): the parser makes the
    count the subject, though the people counted are who act."""
    if noun.lemma_.lower() not in COUNTING_NOUNS and noun.lower_ not in COUNTING_NOUNS:
        return []
    return [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
            if g.dep_ == "pobj"]


def _negated_word(child: Token) -> bool:
    """ "found not guilty": a negated word is not the word an entry asks for."""
    return any(c.dep_ == "neg" for c in child.children) and child.pos_ in ("ADJ", "ADV")


PREP_OBJECTS = frozenset({"pobj", "amod", "acomp"})
#: prepositions that belong with an event noun even when hung on its verb ("launched a probe into")
NOUN_PHRASE_PREPS = frozenset({"into"})
FIRST_PERSON = frozenset({"i", "we"})


def first_person_subject(clause: Token) -> bool:
    """ "We must act", "I should go": what the speaker's own side ought to do is no demand on anyone."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in FIRST_PERSON for c in clause.children)


def child_matches(child: Token, lemmas: frozenset[str]) -> bool:
    return "*" in lemmas or child.lemma_.lower() in lemmas or child.lower_ in lemmas


def has_aux_word(token: Token, words: frozenset[str]) -> bool:
    """A modal on the clause: "must", "should"; "have"/"need" only as "has to", "needs to" (never the
    perfect "have signed")."""
    modal = words - SEMI_MODALS
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in modal for c in token.children) or (
        token.lemma_ in SEMI_MODALS and bool(SEMI_MODALS & words)
        and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in token.children)
    )


SEMI_MODALS = frozenset({"have", "need"})


NEGATION_CONVERTS = {"will", "would", "can", "could", "wo", "ca"}  # "would not provide" rejects


def has_modal(token: Token) -> bool:
    return any(
        c.dep_ == "aux" and c.lower_ in NEGATION_CONVERTS for t in syntax.clause_chain(token, 3) for c in t.children
    )


def complement_roots(frame: Match) -> tuple[list[Token], list[Token]]:
    """Where a frame's framed event may be: first clauses (infinitive, that-clause), then phrases."""
    token = frame.token
    modal = next((c.lemmas for c in frame.entry.conditions if c.kind == "modal"), None)
    clausal = [
        c for c in token.children
        if c.dep_ in ("xcomp", "ccomp") and (modal is None or has_aux_word(c, modal))
    ]
    if token.dep_ in ("acomp", "attr") and modal is None:  # "is ready to engage ... to facilitate talks"
        clausal += [
            c for c in token.head.children
            if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ]
    if modal is not None:
        return clausal, []
    return clausal, list(phrase_complements(token))


def phrase_complements(token: Token) -> Iterator[Token]:
    if token.pos_ in ("NOUN", "PROPN") and token.i + 2 < len(token.doc) and token.doc[token.i + 1].lower_ == "for":
        # "calls for X" where the parser lost the attachment: the nouns right after "for"
        for follower in token.doc[token.i + 2: min(token.i + 7, token.sent.end)]:
            if follower.pos_ in ("NOUN", "PROPN"):
                yield follower
    for obj in syntax.child_prep_objects(token, {"for", "on", "to", "of", "about"}):
        yield obj
        for grand in obj.children:
            if grand.dep_ in ("acl", "relcl", "xcomp"):
                yield grand
    for child in token.children:
        if child.dep_ in ("dobj", "acl", "nsubjpass") or (
                child.dep_ == "advcl" and not is_condition(child) and not speaking_aside(child)):
            yield child
    if token.dep_ in ("dobj", "nsubj", "attr") and token.head.pos_ in ("VERB", "AUX"):
        for sibling in token.head.children:
            if sibling.dep_ in ("xcomp", "advcl") and sibling.i > token.i:
                yield sibling


def outermost(contents: list[Match]) -> list[Match]:
    """Framed events not inside another framed event ("negotiate [a de-escalation]" frames "negotiate")."""
    ids = {m.token.i for m in contents}
    return [m for m in contents if not any(a.i in ids for a in m.token.ancestors)]


def matches_under(root: Token, by_token: dict[int, Match]) -> list[Match]:
    """Triggers in a complement's subtree, not crossing into reported clauses of other speakers."""
    found = []
    stack = [root]
    while stack:
        token = stack.pop()
        match = by_token.get(token.i)
        if match is not None and match.framed_by is None:
            found.append(match)
        for child in token.children:
            if child.dep_ == "punct" or child.dep_ in ("parataxis", "relcl", "acl") and not _infinitive_of_noun(child):
                continue
            if child.dep_ == "advcl" and is_condition(child):
                continue  # "... unless the commission resigned": a condition, not what is threatened
            stack.append(child)
    return sorted(found, key=lambda m: m.token.i)


MODIFIER_DEPS = {"amod", "compound", "nmod"}


def _infinitive_of_noun(clause: Token) -> bool:
    """ "dismissed calls to quit", "rejected the offer to meet": an infinitive with no subject of its own
    hung on a noun says what the call or offer is for (parsers label it a relative clause); "the man who
    quit" describes someone."""
    return clause.dep_ in ("relcl", "acl") and clause.i > clause.head.i and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def speaking_aside(clause: Token) -> bool:
    """ "dismissed calls to quit, saying the country needs a steady hand": the participle reports what the
    actor said alongside the act; it is not what was rejected, demanded or appealed for."""
    return clause.tag_ == "VBG" and clause.lemma_.lower() in SPEECH_VERBS


def is_condition(clause: Token) -> bool:
    """An adverbial clause opened by "if", "unless", "after", "because"...: circumstance, not content."""
    return any(c.dep_ == "mark" and c.lower_ not in ("to", "for") for c in clause.children)  # "calls for X to quit"
