"""Sentence-level clean-up of coded events, and the countries domestic actors take from context."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from eventwire.events import syntax
from eventwire.events.mentions import MentionIndex
from eventwire.events.plans import Plan
from eventwire.model import PRIVATE_PERSON, Actor, ActorMention, Event, make_actor

DOMESTIC_ROLES = {"GOV", "COP", "JUD", "LEG", "OPP", "PTY", "CVL", "LAB", "EDU"}  # act mostly at home (armies do not)


DOMESTIC_SECTORS = {"CVL", "OPP", "PTY", "EDU", "LAB", "MED", "BUS", "REL", "ELI", "AGR", "UAF", "REB",
                    "GOV", "COP", "JUD", "LEG", "MIL", "CRM"}  # not HRI, NGO, REF: often foreign to where they act


CROWD_CODES = {"14"}  # protests, strikes and riots: the people of the place they happen in


def domesticate(plan: Plan, venue: str | None) -> Plan:
    """Domestic actors named without a country take the one the sentence gives them: "police in Nairobi
    arrested 40 people" (KENCOP arrests KENCVL), "protesters marched on the Serbian parliament".
    An actor with a country is never changed; organisations never gain one."""
    source, target = plan.source, plan.target
    if venue and source is not None and plan.code[:2] in CROWD_CODES and needs_country(source) and (
            target is None or target.sectors):
        source = with_country(source, venue)  # "protests against the Chinese government in Hong Kong": the
        # crowd is of the place it marches in, not of the government it marches against (a bare country as
        # target is often where the protest spread to: that one still gives its country)
    if source is not None and target is not None:
        if needs_country(target) and source.country and (
                DOMESTIC_ROLES & set(source.sectors) or _demonym(source)):
            target = with_country(target, source.country)
        elif needs_country(source) and target.country and (
                DOMESTIC_ROLES & set(target.sectors) or target.kind == "country"):
            source = with_country(source, target.country)
        if target.code == source.code:
            target = plan.target
            source = plan.source
    if venue:
        if source is not None and needs_country(source):
            source = with_country(source, venue)
        if target is not None and needs_country(target):
            target = with_country(target, venue)
    if source is plan.source and target is plan.target:
        return plan
    return Plan(source, target, plan.code, plan.modality, plan.rule + "+domestic", plan.trigger)


#: Bodies named by a bare word many countries use, which the tables give the country best known for it
#: ("Congress", "the Senate": the United States'): in a story about another country, they are its own.
GENERIC_BODY_NAMES = frozenset({"congress", "senate", "house of representatives", "national congress"})


def generic_bodies_at_home(plan: Plan, home: str | None) -> Plan:
    """ "After a Senate hearing, the Senate did not find ..." in a Philippine story is the Philippine Senate."""
    if not home:
        return plan
    source, target = _at_home(plan.source, home), _at_home(plan.target, home)
    if source is plan.source and target is plan.target:
        return plan
    return Plan(source, target, plan.code, plan.modality, plan.rule + "+home-body", plan.trigger)


def _at_home(actor: Actor | None, home: str) -> Actor | None:
    if actor is None or not actor.country or actor.country == home or actor.igo:
        return actor
    words = actor.text.lower().removeprefix("the ").strip()
    if words not in GENERIC_BODY_NAMES:
        return actor
    return make_actor(home, actor.sectors, name=actor.name, text=actor.text, role=actor.role, kind=actor.kind)


SUSPECT_CODES = ("17", "115", "116")  # coercion (arrest, detention), charges and sentences
#: what police and prosecutors do to a suspect besides: accuse (112), investigate (09), release on bail
OFFICIAL_SUSPECT_CODES = ("112", "09", "0841")
LAW_SECTORS = {"COP", "JUD"}
#: one person named by what they are, not by name: "the driver was charged" is a suspect like "Smith was";
#: a group ("twenty people were arrested", "protesters") stays civilian (docs/annotation.md); a family's
#: members ("the two parents") are the people of the case
SUSPECT_ROLES = {"driver", "motorist", "man", "woman", "teenager", "teen", "boy", "girl", "youth", "co-worker",
                 "coworker", "neighbour", "neighbor", "husband", "wife", "father", "mother", "son", "daughter",
                 "stranger", "passenger", "owner", "suspect", "parent", "parents", "couple", "brother",
                 "sister", "grandmother", "grandfather", "boyfriend", "girlfriend", "landlord", "tenant",
                 "homeowner"}


#: words for people that give no sector: "a Toronto man", "two women in Paris" (actors/roles.tsv "---")
SOMEONE_WORDS = {"man", "men", "woman", "women", "individual", "individuals", "person", "someone", "somebody"}


def _someone(actor: Actor) -> bool:
    """A person the text names only by a place and a word for people: "a Canadian man", "a man from Ohio"."""
    return (not actor.sectors and not actor.name and not actor.igo
            and any(word in SOMEONE_WORDS for word in actor.text.lower().split()))


def private_suspects(plan: Plan) -> Plan:
    """A private person arrested, held, charged or sentenced is a suspect: CRM, as CAMEO codes them
    (docs/annotation.md), whose other doings are not events; so is one accused, investigated or released
    by police or prosecutors."""
    target = plan.target
    if target is None or not (target.role == PRIVATE_PERSON or (
            target.sectors == ("CVL",) and (target.role or "").lower() in SUSPECT_ROLES) or _someone(target)):
        return plan
    by_law = plan.source is not None and bool(LAW_SECTORS & set(plan.source.sectors))
    if not (plan.code.startswith(SUSPECT_CODES) or (by_law and plan.code.startswith(OFFICIAL_SUSPECT_CODES))):
        return plan
    suspect = make_actor(target.country, ("CRM",), name=target.name, text=target.text, role=target.role,
                         kind=target.kind)
    return Plan(plan.source, suspect, plan.code, plan.modality, plan.rule + "+suspect", plan.trigger)


#: armed actors outside the state: what they "seize" or "capture" of people is an abduction, not an arrest
NON_STATE_ARMED = {"UAF", "REB", "CRM"}


def abducted_by_armed_groups(plan: Plan) -> Plan:
    """ "Rebels captured 20 soldiers", "kidnappers seized two engineers": people held by rebels, gunmen or
    gangs are taken hostage (181, abduct); only the state arrests (173)."""
    source = plan.source
    if plan.code != "173" or source is None or not source.sectors or not set(source.sectors) <= NON_STATE_ARMED:
        return plan
    return Plan(source, plan.target, "181", plan.modality, plan.rule + "+abduction", plan.trigger)


def foreign_bans(plan: Plan) -> Plan:
    """ "Germany banned the Iranian airline Mahan Air": a state's ban of another country's firm is a
    sanction on that country (163), not a rule on its own population (172) (docs/annotation.md)."""
    source, target = plan.source, plan.target
    if plan.code != "172" or source is None or target is None or "BUS" not in target.sectors:
        return plan
    if not source.country or not target.country or source.country == target.country:
        return plan
    return Plan(source, target, "163", plan.modality, plan.rule + "+foreign", plan.trigger)


OFFICIAL_SECTORS = {"GOV"}


def officials_complain(plan: Plan) -> Plan:
    """A state that "protests" complains officially (114); marches and strikes are for the people:
    "Pakistan summoned the envoy to protest the killings"."""
    source = plan.source
    if plan.code not in ("140", "141") or source is None:
        return plan  # a government does not strike or riot: a source that does is misread, not official
    official = source.igo or (not source.sectors and source.kind == "country" and not _demonym(source)) or (
        bool(source.sectors) and set(source.sectors) <= OFFICIAL_SECTORS)
    if not official:
        return plan
    return Plan(source, plan.target, "114", plan.modality, plan.rule + "+official", plan.trigger)


def _demonym(actor: Actor) -> bool:
    """ "Iranians protested": the people of a country, not its state."""
    from eventwire.actors import load_gazetteer

    return any(e.kind == "demonym" for e in load_gazetteer().meanings(actor.text.lower()))


CROWD_SECTORS = {"CVL", "OPP", "LAB", "EDU", "AGR", "REL"}
STATE_FORCE_SECTORS = {"COP", "GOV", "MIL", "LEG"}


def street_force(plan: Plan) -> Plan:
    """Force between crowds and the state is protest and repression, not war: protesters blockading or
    fighting the police riot (145) or obstruct (144); police fighting a crowd repress it (175)."""
    source, target = plan.source, plan.target
    if source is None or plan.code[:2] not in ("18", "19"):
        return plan
    code = None
    if source.sectors and set(source.sectors) <= CROWD_SECTORS:
        if plan.code == "191":
            code = "144"
        elif plan.code == "192":
            code = "141"  # "students occupied the university": a sit-in, not a military occupation
        elif target is not None and set(target.sectors) & STATE_FORCE_SECTORS and plan.code in ("190", "180", "182"):
            code = "145"
        elif target is not None and target.sectors and set(target.sectors) <= CROWD_SECTORS and plan.code == "190":
            code = "145"  # crowds fighting crowds: a riot
    elif "COP" in source.sectors and target is not None and target.sectors and set(target.sectors) <= CROWD_SECTORS:
        if plan.code == "190":
            code = "175"
    if code is None:
        return plan
    return Plan(source, target, code, plan.modality, plan.rule + "+street", plan.trigger)


def aimed_at_government(plan: Plan) -> Plan:
    """A protest, strike or riot that names no target is aimed at the government of the country it
    happens in (CAMEO's default reading; docs/annotation.md): "thousands rallied in Athens". So are the
    demands of its people: "the protesters' demands include an inquiry"."""
    source = plan.source
    if plan.target is not None or plan.code[:2] not in ("14", "10") or source is None or not source.country:
        return plan
    state = {"GOV", "MIL", "COP", "JUD"} if plan.code[:2] == "14" else {"GOV", "MIL", "COP", "JUD", "LEG"}
    if set(source.sectors) & state or source.igo:
        return plan  # legislators who protest (walk out, heckle) protest the government: "interrupted by
        # protesting legislators"
    if plan.code[:2] == "10" and not source.sectors:
        return plan  # "Iran demanded compensation": a state's demand is on someone else
    government = make_actor(source.country, ("GOV",), text="", role="government")
    return Plan(source, government, plan.code, plan.modality, plan.rule + "+against-government", plan.trigger)


#: words by which news says an actor is not of the country in question ("foreign powers", "world powers")
FOREIGN_WORDS = {"foreign", "world", "western", "international", "outside", "external", "overseas", "superpower",
                 "superpowers"}


def of_the_country_addressed(speaker: Actor, target: Actor | None) -> Actor:
    """A speaker of no named country who speaks to or of a country's own people or bodies ("our deepest
    condolences are with the man's family", said a detective) is of that country, as domesticate has it."""
    if target is None or not target.country or target.igo or not needs_country(speaker):
        return speaker
    if not (DOMESTIC_ROLES & set(target.sectors) or target.kind == "country"):
        return speaker
    return with_country(speaker, target.country)


def needs_country(actor: Actor) -> bool:
    return not actor.country and not actor.igo and bool(actor.sectors) and set(actor.sectors) <= DOMESTIC_SECTORS \
        and not FOREIGN_WORDS & set(actor.text.split())  # lower-case words only: "Western Mindanao" is a name


def with_country(actor: Actor, country: str) -> Actor:
    return make_actor(country, actor.sectors, name=actor.name, text=actor.text, role=actor.role, kind=actor.kind)


def venue_country(token: Token, mentions: MentionIndex, sentence_venue: str | None = None) -> str | None:
    """The country of the place the trigger's clause says the event happened in ("in Nairobi"), else
    ``sentence_venue`` (from :func:`sentence_venue`, computed once per sentence: looking at a few heads
    above the trigger keeps the cost of an event independent of the sentence's length)."""
    for current in syntax.clause_chain(token, limit=3):
        for obj in syntax.child_prep_objects(current, VENUE_PREPOSITIONS):
            country = _venue_of(mentions.at(obj))
            if country:
                return country
        if current.dep_ not in ("xcomp", "conj", "advcl"):
            break
    return sentence_venue


def sentence_venue(sent: Span, mentions: MentionIndex) -> str | None:
    """The one place the sentence says things happen in: the first "in/at/near ..." naming a country
    or a place in one."""
    for other in sent:
        if other.dep_ == "pobj" and other.head.lower_ in VENUE_PREPOSITIONS:
            country = _venue_of(mentions.at(other))
            if country:
                return country
    return None


VENUE_PREPOSITIONS = {"in", "at", "near", "outside", "inside"}


def _venue_of(mention: ActorMention | None) -> str | None:
    if mention is None or not mention.actor.country or mention.actor.name:
        return None
    if mention.rule.startswith(("capital", "city", "place", "country")) or mention.actor.kind == "country":
        return mention.actor.country
    return None


IMPLICIT_TARGET = "implicit target"  # the role of a target the words imply but no phrase names


def drop_targetless_duplicates(events: list[Event]) -> list[Event]:
    """A targetless event beside one of the same source that has a target is the same story told
    twice ("met with Assad to discuss ..."): keep the one that says whom. A denied act ("no arrests
    were made") or one whose target no phrase names tells no story twice."""
    with_target = {e.source for e in events if e.target and e.modality != "negated"
                   and not (e.target_actor and e.target_actor.role == IMPLICIT_TARGET)}
    placed = {(e.source, e.cameo[:2]) for e in events if e.target_actor and e.target_actor.country}
    return [
        e for e in events
        if (e.target or e.source not in with_target)
        and not (e.target_actor and not e.target_actor.country and not e.target_actor.igo
                 and (e.source, e.cameo[:2]) in placed)
    ]


PARTNER_ROOTS = {"04", "05", "06"}  # consulting and cooperating take two
ALONE_CODES = {"055"}  # an apology ("Iran deeply regrets this mistake") is news even when it names no one


def drop_partnerless(events: list[Event], keep: Sequence[Event] = ()) -> list[Event]:
    """ "She discusses her background", "the party supports gun rights": a consultation or cooperation
    with nobody is not an event between actors. ``keep``: events whose partner an earlier sentence may
    still give (events/discourse.py)."""
    kept = {id(e) for e in keep}
    return [e for e in events if e.target_actor is not None or e.cameo[:2] not in PARTNER_ROOTS
            or e.cameo in ALONE_CODES or e.modality in ("future", "hypothetical") or id(e) in kept]


#: 09: a firm's inquiry into its own affairs or another firm's ("Ford started its investigation") is business too
COMMERCIAL_ROOTS = {"03", "04", "05", "06", "07", "08", "09"}


def drop_commercial(events: list[Event]) -> list[Event]:
    """ "Samsung and Google signed a deal", "Microsoft provided financial support to the startup", "the firm
    shelved plans for a factory": deals, help and concessions of firms among themselves, to customers or to
    nobody are business, not cooperation between political actors (docs/annotation.md: commercial deals
    between firms are not coded); a firm's dealings with a state ("Ford is cooperating with the
    government") are kept."""
    return [e for e in events if e.cameo[:2] not in COMMERCIAL_ROOTS or not _business(e.source_actor)
            or _political(e.target_actor)]


def _business(actor: Actor | None) -> bool:
    return actor is not None and not actor.igo and set(actor.sectors) == {"BUS"}


def _political(actor: Actor | None) -> bool:
    """A state, organisation or political body, not a firm, its customers or no one."""
    if actor is None:
        return False
    return bool(actor.igo) or not actor.sectors or bool(set(actor.sectors) - {"BUS", "CVL"})


def drop_unplaced(events: list[Event]) -> list[Event]:
    """An event none of whose actors has a country or organisation ("a protester demolished the
    building") says nothing about relations between states or groups: it is not event data."""
    return [e for e in events if any(a is not None and (a.country or a.igo) for a in (e.source_actor, e.target_actor))
            or (e.source_actor is None and e.rule.endswith("+speaker"))]


def dedupe(events: list[Event]) -> list[Event]:
    """One event per dyad and CAMEO root in a sentence ("met in Zurich to discuss" is one meeting); protest
    acts are told apart at three digits, as the annotation codes them: a crowd that gathers (141), blocks
    the exits (144) and throws eggs (145) did three things."""
    seen = set()
    out = []
    for event in events:
        key = (event.source, event.target, event.cameo[:3] if event.cameo[:2] == "14" else event.cameo[:2])
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out
