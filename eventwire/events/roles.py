"""Who does an event and to whom: the source and target slots of a trigger, read off the parse."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from eventwire.events import syntax
from eventwire.events.lexicon import LexEntry
from eventwire.events.mentions import MentionIndex
from eventwire.model import Actor, ActorMention

SOURCE_PREPS = {"by", "from"}


NOUN_TARGET_DEFAULTS = ("prep:with", "prep:against", "prep:on", "prep:to", "between")


def acts_on_each_other(token: Token) -> bool:
    """ "accused each other", "fired on one another": the conjoined subjects act on each other."""
    return any(c.dep_ in ("dobj", "pobj", "prep") and any(
        t.lower_ == "other" and t.nbor(-1).lower_ in ("each", "one") for t in c.subtree if t.i > 0)
        for c in token.children)


def clause_subject_actors(token: Token, mentions: MentionIndex, sources: list[ActorMention]) -> list[ActorMention]:
    """ "demanded that the Philippines remove its warship": whoever the demand is made of."""
    source_codes = {m.actor.code for m in sources}
    for child in token.children:
        if child.dep_ in ("ccomp", "xcomp"):
            found = [m for m in mentions.actors(syntax.clause_subject(child)) if m.actor.code not in source_codes]
            if found:
                return found
    return []


FIRST_PERSON = {"we", "i", "us", "our", "my", "me"}


SPEAKER_PRONOUNS = FIRST_PERSON | {"it", "they", "he", "she"}


SPEAKER = ActorMention(0, 0, 0, Actor(code="", kind="unknown"), (0, 0), "speaker")


def source_actors(token: Token, mentions: MentionIndex) -> list[ActorMention]:
    """Actors of the first source candidate that names any; a first-person source is left to the quote stage."""
    if token.pos_ in ("NOUN", "PROPN"):
        candidates = list(noun_sources(token))
    else:
        candidates = [syntax.clause_subject(token)] + list(instrument_sources(token)) + list(wielder(token))
        candidates += list(orderer(token))
    for candidate in candidates:
        if candidate is None:
            continue
        found = mentions.actors(candidate) + headline_conjuncts(candidate, mentions)
        if token.dep_ == "acl" and candidate.i == token.head.i:  # not the participle's own object
            own = {t.i for t in token.subtree}
            found = [m for m in found if m.head not in own]
        if found:
            return found
        if candidate.lower_ in FIRST_PERSON:
            return [SPEAKER]
        deep = actor_inside(candidate, mentions, skip=token)
        if deep:
            return deep
    return []


def headline_conjuncts(subject: Token, mentions: MentionIndex) -> list[ActorMention]:
    """ "Kenya, Uganda sign trade deal": a headline joins its subjects with a comma, which parsers hang
    on the verb as a loose dependent before the subject; that name is a subject too."""
    verb = subject.head
    if subject.dep_ not in ("nsubj", "nsubjpass") or verb.sent[-1].text in (".", "!", "?", '"', "'"):
        return []
    found: list[ActorMention] = []
    for child in verb.children:
        if child.dep_ not in HEADLINE_JOINS or child.i == subject.i or child.i > verb.i or child.pos_ != "PROPN":
            continue
        between = verb.doc[min(child.i, subject.i) + 1:max(child.i, subject.i)]
        if any(t.text == "," for t in between):  # "Saudi Arabia, Iran restore ties": two subjects, a comma
            found.extend(m for m in mentions.actors(child) if m.actor.country or m.actor.igo)
    return found


#: how parsers hang the first of two comma-joined headline subjects on the verb
HEADLINE_JOINS = {"dep", "npadvmod", "nsubj"}


#: verbs whose clause says what is to be done, by whoever orders it: "ordered flags be lowered"
DIRECTING_VERBS = {"order", "direct", "instruct", "decree", "command", "declare"}


def orderer(verb: Token) -> Iterator[Token]:
    """ "Pelosi ordered the flags be lowered", "the governor declared flags would be flown at half-mast":
    an agentless passive a leader orders is done by that leader."""
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in DIRECTING_VERBS and syntax.is_passive(verb) \
            and syntax.agent_of(verb) is None:
        yield syntax.clause_subject(verb.head)


def wielder(verb: Token) -> Iterator[Token]:
    """ "Iran launched missiles targeting US troops": the missiles' launcher does what they do."""
    noun = verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and noun.dep_ in ("dobj", "nsubjpass"):
        yield syntax.clause_subject(noun.head)


def instrument_sources(verb: Token) -> Iterator[Token]:
    """Who did an agentless passive: "were killed in Israeli shelling" → the shelling's doer."""
    if not syntax.is_passive(verb) or syntax.agent_of(verb) is not None:
        return
    for obj in syntax.child_prep_objects(verb, {"in", "by", "during", "from"}):
        if obj.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME"):
            continue  # "were arrested in Los Angeles": where, not by what
        yield from noun_sources(obj)


def actor_inside(token: Token, mentions: MentionIndex, skip: Token | None = None) -> list[ActorMention]:
    """An actor named inside a non-actor subject: "a report released in the Rwandan capital",
    "a missile believed to be fired by rebels"; never inside the event's own clause (``skip``: in "missiles
    targeting US troops" the troops are the target)."""
    stack = [c for c in reversed(list(token.children))]
    while stack:
        inner = stack.pop()
        if inner.dep_ in ("relcl", "ccomp", "appos", "conj", "punct") or (skip is not None and inner.i == skip.i):
            continue
        if inner.dep_ == "prep" and inner.lower_ in LOCATIVE_PREPS and token.lemma_.lower() not in DOCUMENT_NOUNS:
            continue  # "an accident on a Florida highway" names where, not who ("a report released in
            # the Rwandan capital" does say who)
        mention = mentions.at(inner)
        if mention is not None and is_place(mention) and token.lemma_.lower() not in DOCUMENT_NOUNS:
            continue  # "a Kabul car bombing": where, not who
        found = mentions.actors(inner) if mention is not None else []
        if found:
            return found
        stack.extend(reversed(list(inner.children)))
    return []


def is_place(mention: ActorMention) -> bool:
    """A mention that only names a place (a capital or city in the text), not a body or person."""
    return mention.rule.startswith(("capital", "city", "place"))


def own_noun_sources(noun: Token, mentions: MentionIndex) -> list[ActorMention]:
    """Who did a noun event that is what another event is about ("condemned Russia's invasion"): only
    the noun's own possessor, by-phrase or modifier, never the subject of the verb that mentions it."""
    candidates = list(syntax.children(noun, "poss")) + list(syntax.child_prep_objects(noun, SOURCE_PREPS))
    candidates += [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i]
    candidates += list(ascribed_doers(noun))
    for candidate in candidates:
        found = mentions.actors(candidate)
        if found:
            return found
    return []


def noun_sources(noun: Token) -> Iterator[Token | None]:
    """Who may do a noun event: "Russia's appeal", "calls from the EU", "X held talks", "during his visit"."""
    yield from syntax.children(noun, "poss")
    if noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        yield from syntax.children(noun.head, "poss")  # "the army's response and investigation": both the army's
    yield from syntax.child_prep_objects(noun, SOURCE_PREPS)
    verb = syntax.support_verb(noun)
    if verb is not None and noun.dep_ in ("nsubj", "nsubjpass"):
        yield from syntax.child_prep_objects(verb, SOURCE_PREPS)
    elif verb is not None and syntax.is_passive(verb) and noun.dep_ != "pobj":
        yield from syntax.child_prep_objects(verb, {"by"})  # "were taken hostage by gunmen"
    elif verb is not None and not undergoes(verb) and not grounds_of_act(noun) and not answers(verb, noun):
        yield syntax.clause_subject(verb)
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i:
            yield child
    yield from ascribed_doers(noun)
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("during", "after", "at", "before", "in") \
            and not undergoes(head.head):
        yield syntax.clause_subject(head.head)
    if noun.dep_ == "pobj" and head.lower_ == "under" and head.head.lemma_.lower() in PLACING_VERBS \
            and not syntax.is_passive(head.head):
        yield syntax.clause_subject(head.head)  # "the government placed the city under lockdown"
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        yield from orderer(head.head)  # "declared flags would be flown at half-mast"


def grounds_of_act(noun: Token) -> bool:
    """ "Police arrested two men on charges of fraud": the charges the arrest rests on are the court's,
    not the arresting police's."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "on" and noun.lemma_.lower() in GROUNDS_NOUNS


GROUNDS_NOUNS = {"charge", "indictment"}


#: verbs that put someone under a measure: "placed the city under curfew", "put him under house arrest"
PLACING_VERBS = {"place", "put", "keep", "bring"}

SUFFERING_VERBS = {"die", "perish", "suffer", "drown", "burn", "disappear", "flee", "survive", "face", "stand"}


#: verbs by which one answers someone else's act: "heard the demands of women", "heeded the call"
ANSWERING_VERBS = {"hear", "heed", "answer", "address", "satisfy", "fulfil", "fulfill", "meet", "listen"}


def answers(verb: Token, noun: Token) -> bool:
    """ "The president had heard the demands of women": the demands are the women's, not the hearer's."""
    return verb.lemma_.lower() in ANSWERING_VERBS and noun.dep_ in ("dobj", "pobj")


def undergoes(verb: Token) -> bool:
    """ "Nine soldiers died in the attack", "were wounded in the raid": the subject suffered the
    event, it did not do it."""
    return verb.lemma_.lower() in SUFFERING_VERBS or syntax.is_passive(verb)


ASCRIBING_PREPS = {"ascribe": "to", "attribute": "to", "blame": "on", "claim": "by", "carry": "by",
                   "conduct": "by", "launch": "by", "stage": "by", "mount": "by", "perpetrate": "by",
                   "commit": "by", "order": "by", "organise": "by", "organize": "by", "lead": "by"}


def ascribed_doers(noun: Token) -> Iterator[Token]:
    """ "the attack, reportedly conducted by the Taliban", "another attack ascribed to the Taliban":
    a participle on the noun says who did it."""
    participles = [c for c in noun.children if c.dep_ == "acl"]
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":  # "died in the attack, conducted by ...": parsers
        participles += [c for c in noun.head.head.children if c.dep_ == "advcl" and c.i > noun.i]  # hang it on the verb
    for child in participles:
        if child.tag_ != "VBN":
            continue
        prep = ASCRIBING_PREPS.get(child.lemma_.lower())
        if prep is not None:
            yield from syntax.child_prep_objects(child, {prep, "by"})


def target_actors(token: Token, entry: LexEntry, mentions: MentionIndex) -> list[ActorMention]:
    slots = entry.targets or (("dobj",) if entry.pos == "VERB" else NOUN_TARGET_DEFAULTS)
    places = [token]
    if entry.pos == "NOUN":
        verb = syntax.support_verb(token)
        if verb is not None:
            places.append(verb)
    for slot in slots:
        for place in places:
            found = slot_actors(place, slot, mentions, token)
            if found:
                return found
    return []


def slot_actors(token: Token, slot: str, mentions: MentionIndex, trigger: Token) -> list[ActorMention]:
    passive = token.pos_ in ("VERB", "AUX") and syntax.is_passive(token)
    if slot == "dobj":
        if passive and token.dep_ in ("acl", "relcl") and not (
                token.dep_ == "acl" and syntax.children(token, *syntax.PASSIVE_SUBJECTS)):
            return mentions.actors(token.head)  # "the minister (who was) attacked by rebels"; a clause
            # misread as a participle keeps its own subject ("reports that Jones has been held")
        return first_actors(syntax.patients(token) if passive else syntax.children(token, "dobj"), mentions)
    if slot == "dative":
        return first_actors(syntax.children(token, "dative", "iobj"), mentions)
    if slot in ("nsubjpass", "attr"):
        return first_actors(syntax.children(token, slot), mentions)
    if slot == "poss":
        return first_actors(syntax.children(token, "poss"), mentions)
    if slot == "amod":
        return first_actors([c for c in token.children if c.dep_ in ("amod", "compound")], mentions)
    if slot == "comp-subject":
        for child in token.children:
            if child.dep_ in ("ccomp", "xcomp"):
                return mentions.actors(syntax.clause_subject(child))
        return []
    if slot == "between":
        return first_actors(prep_objects_near(token, {"between", "among"}), mentions)
    if slot == "whose:dobj":  # "suspended Mahan's permit": the one whose permit it is
        return first_actors([p for obj in syntax.children(token, "dobj") for p in syntax.children(obj, "poss")],
                            mentions)
    if slot.startswith("whose:"):  # "asked for the public's help": the one whose help is asked for
        owned = prep_objects_near(token, {slot[6:]})
        return first_actors([p for noun in owned for p in syntax.children(noun, "poss")], mentions)
    if slot.startswith("place:"):
        found = first_actors(prep_objects_near(token, {slot[6:]}), mentions)
        return [as_place(m) if m.rule.startswith("capital") else m for m in found]
    if slot.startswith("prep:"):
        prep = slot[5:].replace("_", " ")
        found = first_actors(prep_objects_near(token, {prep}), mentions)
        if prep == "at" and aimed(token, trigger):
            return found  # "fired tear gas at protesters": whom it was aimed at, not where
        if prep in ("in", "at", "near"):
            return [as_place(m) for m in found if m.actor.country and not m.actor.name]
        return found
    return []


#: verbs of sending something through the air at someone: their "at" names whom it was aimed at
AIMING_VERBS = {"fire", "shoot", "throw", "hurl", "lob", "aim", "point", "launch", "spray", "pelt", "fling"}


def aimed(place: Token, trigger: Token) -> bool:
    """ "fired at protesters", "threw stones at police": "at" after a verb of aiming is the target;
    after other triggers ("a bombing at a mosque") it is where the event happened."""
    return any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in AIMING_VERBS for t in (place, trigger))


def as_place(mention: ActorMention) -> ActorMention:
    """A place named as where something happened stands for its country, not its government."""
    place = mention.actor
    country_only = Actor(code=place.country or "---", country=place.country, text=place.text, kind="country")
    return ActorMention(mention.start, mention.end, mention.head, country_only, mention.char_span,
                        mention.rule + "+location")


def prep_objects_near(token: Token, preps: set[str]) -> list[Token]:
    """Objects of ``preps`` on the trigger, else inside its object's phrase, where parsers often attach
    them ("discussed the fighting in Artsakh with Turkey's minister")."""
    direct = list(syntax.child_prep_objects(token, preps))
    if direct or token.pos_ not in ("VERB", "AUX"):
        return direct
    found = []
    for obj in syntax.children(token, "dobj", "nsubjpass"):  # "a deal between X and Y was reached"
        for inner in obj.subtree:
            if inner.dep_ == "prep" and inner.lower_ in preps and inner.head.dep_ not in ("relcl", "acl"):
                found.extend(c for c in inner.children if c.dep_ == "pobj")
    return found


LOCATIVE_PREPS = {"in", "at", "near", "inside", "across", "outside", "over", "around", "into", "on"}


def fallback_targets(token: Token, mentions: MentionIndex, sources: list[ActorMention]) -> list[ActorMention]:
    """When no slot names a target, the first other actor in the event's own phrase; a place there
    ("a protest in Beijing", "exercises in Alaska") stands for its country, as CAMEO coders do."""
    source_ids = {id(m) for m in sources}
    source_codes = {m.actor.code for m in sources}
    phrase = list(event_phrase(token))
    verb = syntax.support_verb(token) if token.pos_ in ("NOUN", "PROPN") else None
    if verb is not None:
        phrase += [t for t in event_phrase(verb) if t.i > token.i and t not in phrase]
    for inner in phrase:
        mention = mentions.at(inner)
        if mention is None or id(mention) in source_ids or mention.actor.code in source_codes:
            continue
        if inner.dep_ == "pobj" and inner.head.lower_ in LOCATIVE_PREPS:
            if not mention.actor.country or mention.actor.name:
                continue
            return [as_place(mention)]
        placed = [m for m in mentions.actors(inner) if m.actor.country or m.actor.igo]
        if placed:
            return placed
    return []


TEMPORAL_PREPS = {"before", "after", "since", "until", "till"}


def event_phrase(token: Token) -> Iterator[Token]:
    """Tokens after the trigger in its own phrase, not crossing into other clauses."""
    stack = [c for c in reversed(list(token.children)) if c.i > token.i]
    while stack:
        current = stack.pop()
        if current.dep_ in ("relcl", "acl", "ccomp", "advcl", "parataxis", "punct", "conj", "cc", "npadvmod"):
            continue
        if current.dep_ == "prep" and current.lower_ in TEMPORAL_PREPS:
            continue  # "the attack came two weeks before the president's inauguration": when, not on whom
        yield current
        stack.extend(c for c in reversed(list(current.children)))


def first_actors(tokens: list[Token], mentions: MentionIndex) -> list[ActorMention]:
    for token in tokens:
        found = mentions.actors(token)
        if found:
            return found
    return []


DOCUMENT_NOUNS = {"report", "statement", "communique", "study", "document", "declaration", "resolution",
                  "letter", "dossier", "survey", "audit", "memo", "memorandum", "note", "bulletin"}
