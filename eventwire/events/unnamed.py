"""Who does or undergoes an act the sentence does not name.

"Two men were arrested" (by police), "schools were closed" (by the government), "anyone with information
is asked to call police" (the police appeal to the public), "police shot a man" (a civilian): the act
makes its unnamed side clear, as docs/annotation.md has annotators write it. The matcher asks these
functions only when no phrase of the sentence names the side.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events import syntax
from eventwire.events.filters import IMPLICIT_TARGET
from eventwire.events.mentions import MentionIndex
from eventwire.events.modality import SPEECH_VERBS, local_modality, under_speech
from eventwire.events.roles import grounds_of_act
from eventwire.events.triggers import Match
from eventwire.model import ActorMention, make_actor

VIOLENT_ROOTS = {"18", "19", "20"}
ARMED_SECTORS = {"MIL", "REB", "UAF", "COP", "SPY"}
POLITICAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "UAF", "SPY", "IGO"}

# Who does an agentless passive of the state's coercive and legal acts: "were arrested" by police,
# "was sentenced" by a court (docs/annotation.md: an implicit actor where the act makes it clear).
IMPLICIT_AGENT_SECTORS = {"173": "COP", "115": "JUD", "116": "JUD", "174": "GOV", "0841": "COP", "091": "COP",
                          "090": "GOV",
                          "172": "GOV", "1721": "GOV", "1722": "GOV", "1723": "GOV", "1724": "GOV", "017": "GOV"}
# 172: "schools were closed", "rallies were banned", "masks were made compulsory": measures only a
# government can take, whoever the sentence leaves unnamed
# 091: "is being treated as arson", "the murder is being investigated": the police
# 090: "an inquiry was launched", "an investigation is under way": the authorities, unnamed
# 017: "flags were lowered to half-staff": by the government, as only it can order
CUSTODY_WORDS = {"bail", "custody", "jail", "prison", "detention", "bond", "parole"}
# "two men are under arrest", "dozens of arrests were made": the noun's own words say police hold them
CUSTODY_NOUN_VERBS = {"make", "carry", "conduct"}


def implicit_agents(token: Token, code: str) -> list[ActorMention]:
    sector = IMPLICIT_AGENT_SECTORS.get(code)
    if sector is None or not _planned_or_done(token):
        return []  # "hoped officials would be indicted": no one has acted yet
    if code == "0841" and not _from_custody(token):
        return []  # "the hostages were released": by whoever held them, which the words do not say
    if token.pos_ == "NOUN":
        held = code == "173" and _custody_noun(token)
        brought = code in ("115", "116", "0841") and _done_unnamed(token)
        imposed = code.startswith("172") and _imposed_by_no_one(token)
        return _implicit(sector) if held or _faced(token) or brought or imposed else []
    if token.pos_ == "ADJ":  # "became compulsory", "was made mandatory"
        return _implicit(sector) if code.startswith("172") else []
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("relcl", "amod") or (
            token.dep_ == "acl" and not syntax.headline_participle(token) and not _full_clause(token)):
        return []  # "a mayor jailed a year ago": a participle describing someone is background, not an act
    if not syntax.is_passive(token) or syntax.agent_of(token) is not None:
        return []
    return _implicit(sector)


def _full_clause(verb: Token) -> bool:
    """ "reports that Simpson has been held": a verb the parser hangs on a noun but with its own subject
    and auxiliary is a clause of its own, not a participle describing the noun."""
    return any(c.dep_ in ("nsubjpass", "nsubj") for c in verb.children) and any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)


#: verbs whose clause says what someone wishes done, not what the state has planned or done
WISHING_VERBS = {"hope", "want", "wish", "seek", "urge", "demand", "call", "ask", "press", "push", "try", "attempt"}


def _planned_or_done(token: Token) -> bool:
    """ "was charged", "is expected to be charged Monday", "will be sentenced in May": the court or police
    acts, now or as scheduled; "hoped officials would be indicted", "could be jailed" say no one has."""
    modality = local_modality(token)
    if modality is None:
        return True
    return modality == "future" and not any(
        t.lemma_.lower() in WISHING_VERBS or t.lower_ in WISHING_WORDS for t in syntax.clause_chain(token, 4))


#: forms the lemmatizer gets wrong ("hoped" → "hop")
WISHING_WORDS = {"hoped", "hopes", "hoping"}


#: words by which an appeal addresses the public at large: "asked anyone with information to call police"
PUBLIC_WORDS = {"anyone", "anybody", "everyone", "everybody", "whoever"}
#: what an agentless appeal asks the public to do with an authority it names: "is asked to call police"
CONTACT_VERBS = {"call", "contact", "phone", "ring", "telephone", "email", "text", "notify", "inform", "alert"}


def public_addressees(frame: Token) -> list[ActorMention]:
    """ "Police asked anyone with information to come forward", "anyone who saw the crash is urged to call":
    an appeal to anyone is an appeal to the public, private people of the sentence's country."""
    passive = syntax.is_passive(frame)
    for addressee in syntax.patients(frame) if passive else syntax.children(frame, "dobj"):
        if addressee.lower_ in PUBLIC_WORDS:
            actor = make_actor(None, ("CVL",), text=addressee.text, role="public")
            span = (addressee.idx, addressee.idx + len(addressee.text))
            return [ActorMention(addressee.i, addressee.i + 1, addressee.i, actor, span, "public")]
    return []


def agentless_appealer(frame: Match, mentions: MentionIndex) -> list[ActorMention]:
    """Who makes an appeal the sentence gives no agent: the authority the public is asked to contact
    ("Anyone with information is asked to call police", docs/annotation.md: an implicit actor the act
    makes clear), else the official body the sentence is attributed to ("..., police said")."""
    token = frame.token
    if token.pos_ not in ("VERB", "AUX") or not syntax.is_passive(token) or syntax.agent_of(token) is not None:
        return []
    for verb in (c for c in token.children if c.dep_ == "xcomp" and c.lemma_.lower() in CONTACT_VERBS):
        for obj in syntax.children(verb, "dobj"):
            found = [m for m in mentions.actors(obj) if POLITICAL_SECTORS & set(m.actor.sectors)]
            if found:
                return found
    speech = under_speech(token)
    if speech is None:
        return []
    speakers = mentions.actors(syntax.clause_subject(speech))
    if speakers and all(POLITICAL_SECTORS & set(m.actor.sectors) or m.actor.igo for m in speakers):
        return speakers
    return []


BEREAVED_CODES = {"018"}


def bereaved(code: str) -> list[ActorMention]:
    """Condolences no one is named to receive go to the families of the dead, private people of the
    country the sentence gives (docs/annotation.md: condolences by state officials are 018)."""
    if code not in BEREAVED_CODES:
        return []
    actor = make_actor(None, ("CVL",), text="", role=IMPLICIT_TARGET)
    return [ActorMention(0, 0, 0, actor, (0, 0), "implicit-target")]


def _implicit(sector: str) -> list[ActorMention]:
    actor = make_actor(None, (sector,), text="", role="implicit agent")
    return [ActorMention(0, 0, 0, actor, (0, 0), "implicit-agent")]


def _imposed_by_no_one(noun: Token) -> bool:
    """ "A curfew was imposed in Nairobi", "Nairobi was placed under lockdown": a measure only a government
    can take, hung on an agentless passive."""
    verb = syntax.support_verb(noun)
    if verb is None and noun.dep_ == "pobj" and noun.head.lower_ == "under":
        verb = noun.head.head
    return verb is not None and verb.pos_ in ("VERB", "AUX") and syntax.is_passive(verb) and \
        syntax.agent_of(verb) is None


#: what an inquiry that is going on does: "an investigation is taking place", "is under way"
UNDERWAY_WORDS = {"underway", "way", "place"}


def unnamed_inquirers(token: Token, code: str) -> list[ActorMention]:
    """The authorities of an inquiry that no one, not even the speaker, is said to hold."""
    sector = IMPLICIT_AGENT_SECTORS.get(code)
    if sector is None or code[:2] != "09" or token.pos_ != "NOUN" or not _planned_or_done(token):
        return []
    return _implicit(sector) if _opened_unnamed(token) else []


def _opened_unnamed(noun: Token) -> bool:
    """ "An inquiry was launched into the crash", "an investigation is under way": an inquiry no one is
    named as holding is the authorities' (docs/annotation.md: a government investigates 09x); one that
    someone's words own ("his investigation", "a probe by the newspaper") is not."""
    if syntax.children(noun, "poss") or any(c.dep_ == "prep" and c.lower_ == "by" for c in noun.children):
        return False
    if _imposed_by_no_one(noun):
        return True
    head = noun.head
    if noun.dep_ != "nsubj" or head.lemma_.lower() not in ("be", "take") or syntax.negated(head):
        return False
    return any(t.lower_ in UNDERWAY_WORDS and t.dep_ in ("acomp", "pobj", "dobj", "advmod")
               for t in head.subtree if t.head.i == head.i or t.head.head.i == head.i)


def deployed_forces(token: Token, code: str, mentions: MentionIndex) -> list[ActorMention]:
    """ "Kenyan troops were deployed to the border": a force moved by no one named is moved by its own
    side, which the force's code gives (the state's army, the state's police)."""
    if code[:2] != "15" or token.pos_ not in ("VERB", "AUX") or not syntax.is_passive(token) or \
            syntax.agent_of(token) is not None:
        return []
    forces = [m for p in syntax.patients(token) for m in mentions.actors(p)]
    return [m for m in forces if set(m.actor.sectors) & ARMED_SECTORS and m.actor.country]


def _from_custody(token: Token) -> bool:
    """ "released on bail", "released from custody": a release by the police or prison that held them."""
    return any(t.lemma_.lower() in CUSTODY_WORDS for t in token.subtree if t.i != token.i or token.pos_ == "NOUN")


def _custody_noun(noun: Token) -> bool:
    """ "are under arrest", "86 arrests were made": an arrest noun that names no one making it."""
    if syntax.children(noun, "poss") or any(c.dep_ == "prep" and c.lower_ == "by" for c in noun.children):
        return False
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "under":
        return True
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in ("nsubjpass", "dobj"):
        noun, head = head.head, head.head.head  # "made dozens of arrests"
    return noun.dep_ in ("nsubjpass", "dobj") and head.lemma_.lower() in CUSTODY_NOUN_VERBS


def _done_unnamed(noun: Token) -> bool:
    """ "An arrest warrant was issued for him", "sentencing is set for May", "was granted bail": a legal noun
    its passive verb says was brought, with no one named bringing it, is the court's (a by-phrase names who
    did)."""
    if noun.lemma_.lower() in SUIT_NOUNS:
        return False  # "a lawsuit was filed against the city": anyone may sue; the words do not say who
    verb = syntax.support_verb(noun)
    if verb is not None and grounds_of_act(noun):
        return _planned_or_done(verb)  # "arrested on charges of fraud", by whomever
    return (noun.dep_ in ("nsubjpass", "nsubj", "dobj") and verb is not None and syntax.is_passive(verb)
            and syntax.agent_of(verb) is None and _planned_or_done(verb) and not syntax.children(noun, "poss")
            and not any(c.dep_ == "prep" and c.lower_ == "by" for c in noun.children))


#: suits anyone may bring: "a case was filed against him by a former secretary"
SUIT_NOUNS = {"case", "lawsuit", "suit", "complaint", "petition"}


def private_filer(noun: Token, code: str, mentions: MentionIndex) -> list[ActorMention]:
    """ "A case was filed against the mayor by a former secretary": a suit filed by someone the actor
    tables do not know is a private person's (the country's civilians), not nobody's."""
    if code != "115" or noun.pos_ != "NOUN" or noun.lemma_.lower() not in SUIT_NOUNS:
        return []
    verb = syntax.support_verb(noun)
    if verb is None or noun.dep_ != "nsubjpass" or not syntax.is_passive(verb):
        return []
    agent = syntax.agent_of(verb)
    if agent is None or mentions.actors(agent) or agent.pos_ not in ("NOUN", "PROPN"):
        return []
    actor = make_actor(None, ("CVL",), text=agent.text, role="filer")
    return [ActorMention(agent.i, agent.i + 1, agent.i, actor, (agent.idx, agent.idx + len(agent.text)), "filer")]


#: "faces murder charges", "faced a prison sentence", "will stand trial": the subject undergoes what a
#: court or prosecutor did
FACING_VERBS = {"face", "stand"}


def _faced(noun: Token) -> bool:
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in FACING_VERBS


def undergoer_targets(token: Token, mentions: MentionIndex) -> list[ActorMention]:
    """ "Russia faces new sanctions", "Smith faces DUI charges": a noun event the subject faces is done
    to the subject."""
    if token.pos_ != "NOUN" or not _faced(token):
        return []
    return mentions.actors(syntax.clause_subject(token.head))


#: words that say the people held were protesters, not suspects of a crime (docs/annotation.md: a group
#: of protesters stays civilian)
PROTEST_WORDS = {"protest", "protester", "protestor", "demonstration", "demonstrator", "rally", "riot",
                 "rioter", "march", "unrest", "clash", "sit-in", "strike", "striker", "activist"}


#: arrests, criminal charges and sentences: acts on a defendant even when no phrase names one (a lawsuit
#: or a legal challenge, also 115, is on whoever is sued, which the words must say)
CRIMINAL_LEMMAS = {"charge", "indict", "sentence", "sentencing", "convict", "conviction", "prosecute", "find",
                   "warrant", "indictment", "trial", "verdict"}


def arrested_people(token: Token, code: str) -> list[ActorMention]:
    """Whom an arrest, charge or sentence no phrase names is on ("86 arrests were made", "the jury
    recommended the maximum sentence"): suspects of the story's country, or the protesters when the
    sentence is about a protest."""
    if code != "173" and not (code in ("115", "116") and token.lemma_.lower() in CRIMINAL_LEMMAS):
        return []
    protest = any(t.lemma_.lower() in PROTEST_WORDS for t in token.sent)
    actor = make_actor(None, ("CVL",) if protest else ("CRM",), text="", role=IMPLICIT_TARGET)
    return [ActorMention(0, 0, 0, actor, (0, 0), "implicit-target")]


#: what a court may find unlawful that only a government makes
MEASURE_NOUNS = {"law", "practice", "policy", "decree", "order", "ban", "draft", "act", "rule", "regulation",
                 "measure", "decision", "mandate", "restriction", "lockdown", "curfew", "tax", "tariff", "program",
                 "programme", "requirement", "statute", "legislation", "ordinance", "directive"}


def measure_owner(token: Token, code: str) -> list[ActorMention]:
    """ "The judge ruled the male-only draft violated the constitution": a court finding a law or policy
    unlawful finds against the government that made it."""
    if code != "116" or token.pos_ not in ("VERB", "AUX"):
        return []
    ruled = list(syntax.children(token, "dobj"))
    ruled += [s for c in token.children if c.dep_ in ("ccomp", "conj") for s in syntax.children(c, "nsubj", "nsubjpass")]
    if not any(t.lemma_.lower() in MEASURE_NOUNS for t in ruled):
        return []
    actor = make_actor(None, ("GOV",), text="", role=IMPLICIT_TARGET)
    return [ActorMention(0, 0, 0, actor, (0, 0), "implicit-target")]


def custody_targets(token: Token, code: str, mentions: MentionIndex) -> list[ActorMention]:
    """Who is "under arrest": the subject of the clause the phrase describes."""
    if code != "173" or token.pos_ != "NOUN" or token.dep_ != "pobj" or token.head.lower_ != "under":
        return []
    verb = token.head.head
    return mentions.actors(syntax.clause_subject(verb)) if verb.pos_ in ("VERB", "AUX") else []


#: codes of acts an official body does, which a sentence attributed to that body ("..., police said")
#: reports as its own when it names no one else doing them: "An investigation is under way, police said."
#: An agreement the speaker says "has been reached with" someone is the speaker's own agreement (057).
OWN_OFFICIAL_ACTS = {"09", "173", "057"}


def attributing_speaker(token: Token, mentions: MentionIndex, code: str) -> list[ActorMention]:
    if code[:2] not in OWN_OFFICIAL_ACTS and code not in OWN_OFFICIAL_ACTS:
        return []
    if token.pos_ != "NOUN" and not (code == "057" and _agentless_passive(token)):
        return []  # "a deal was reached with Hamas, Israeli officials said": reached by the speakers
    if syntax.children(token, "poss"):
        return []
    speech = under_speech(token)
    if speech is None:
        root = token.sent.root
        speech = next((c for c in root.children if c.dep_ in ("parataxis", "ccomp", "advcl")
                       and c.lemma_ in SPEECH_VERBS and c.i > token.i), None)
    if speech is None:
        return []
    speakers = mentions.actors(syntax.clause_subject(speech))
    if speakers and all(set(m.actor.sectors) & POLITICAL_SECTORS or m.actor.igo for m in speakers):
        return speakers
    return []



def _agentless_passive(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and syntax.is_passive(verb) and syntax.agent_of(verb) is None


LEGAL_CODES = {"173", "115", "116", "0841"}  # 0841: "released on bail", from custody (implicit_agents)
PERSON_NOUNS = {"man", "men", "woman", "women", "boy", "girl", "teenager", "suspect", "person", "people",
                "driver", "member", "gunman", "gunmen", "attacker", "assailant", "shooter", "killer"}
#: "police detained him": a person the tables cannot name (a pronoun the actor finder resolved to a
#: known actor never reaches here, since then the event has its target already)
SUSPECT_PRONOUNS = {"him", "her", "he", "she"}


def suspect_targets(token: Token, code: str) -> list[ActorMention]:
    """Whom police arrest or courts charge when the tables do not know them ("Guillermo Hernandez, 20,
    was arrested", "police detained two men"): suspects, of the country the story is in."""
    if code not in LEGAL_CODES or token.pos_ not in ("VERB", "AUX"):
        return []
    objects = list(syntax.patients(token) if syntax.is_passive(token) else syntax.children(token, "dobj"))
    objects += [s for c in token.children if c.dep_ in ("ccomp", "xcomp", "oprd") and c.pos_ == "ADJ"
                for s in syntax.children(c, "nsubj")]  # "found the suspect guilty"
    for obj in objects:
        obj = syntax.undo_relative(obj, token)  # "the attacker, who was being held"
        if (obj.ent_type_ == "PERSON" or obj.lemma_.lower() in PERSON_NOUNS or obj.lower_ in PERSON_NOUNS
                or obj.lower_ in SUSPECT_PRONOUNS):
            actor = make_actor(None, ("CRM",), text=obj.text, role="suspect")
            return [ActorMention(obj.i, obj.i + 1, obj.i, actor, (obj.idx, obj.idx + len(obj.text)), "suspect")]
    return []


#: people the actor tables do not name, who are civilians when an armed side kills or hurts them
VICTIM_NOUNS = {"man", "woman", "boy", "girl", "teenager", "teen", "child", "person", "resident", "villager",
                "student", "worker", "passenger", "farmer", "pilgrim", "worshipper", "shopper", "bystander",
                "family", "motorist", "commuter", "pedestrian", "fisherman", "herder", "youth", "youngster",
                "mourner", "guest", "customer", "patient", "tourist", "teacher", "doctor", "nurse"}


#: gatherings whose people are the ones dispersed or fired on: "dispersed the rally", "fired into the crowd"
CROWD_NOUNS = {"crowd", "rally", "protest", "demonstration", "march", "gathering", "sit-in", "vigil", "mob"}


def armed_victims(token: Token, code: str, sources: list[ActorMention], mentions: MentionIndex) -> list[ActorMention]:
    """ "Police shot a man", "gunmen killed two women": people the tables cannot name, hurt by police,
    soldiers or gunmen, are civilians (docs/annotation.md: victims of armed violence are CVL); what a
    private person does to another stays uncoded."""
    if not (code[:2] in VIOLENT_ROOTS or code.startswith("175")) or token.pos_ not in ("VERB", "AUX"):
        return []
    if not sources or not all(set(m.actor.sectors) & ARMED_SECTORS for m in sources):
        return []
    objects = list(syntax.patients(token) if syntax.is_passive(token) else syntax.children(token, "dobj"))
    objects += list(syntax.child_prep_objects(token, {"at", "on"}))
    for obj in objects:
        named = [m for m in mentions.actors(obj) if m.actor.sectors or m.actor.igo]  # not "a man in Nairobi"
        if (obj.lemma_.lower() in VICTIM_NOUNS | CROWD_NOUNS or obj.lower_ in VICTIM_NOUNS) and not named:
            actor = make_actor(None, ("CVL",), text=obj.text, role="victims")
            return [ActorMention(obj.i, obj.i + 1, obj.i, actor, (obj.idx, obj.idx + len(obj.text)), "victims")]
    return []


CROWD = ActorMention(0, 0, 0, make_actor(None, ("CVL",), text="protesters", role="protesters"), (0, 0), "crowd")
