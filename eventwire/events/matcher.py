"""Matching the lexicon over a parsed sentence to produce coded events.

For each trigger word the matcher finds the source (the clause's subject, undoing passives,
control and relative clauses) and the target (the slots the lexicon entry names), expands
compound actors into one event per pair, applies frames ("urged X to negotiate" → appeal to
negotiate) and records modality.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from eventwire.events import syntax
from eventwire.events.lexicon import LexEntry, Lexicon
from eventwire.events.modality import local_modality, under_speech
from eventwire.model import Actor, ActorMention, Event, make_actor

COOPERATIVE_ROOTS = {"03", "04", "05", "06", "07", "08"}
NEGATION_CONVERTS = {"will", "would", "can", "could", "wo", "ca"}
SOURCE_PREPS = {"by", "from"}
NOUN_TARGET_DEFAULTS = ("prep:with", "prep:against", "prep:on", "prep:to", "between")


class MentionIndex:
    """Actor mentions of one Doc, looked up by token; the smallest mention wins."""

    def __init__(self, mentions: Iterable[ActorMention], people: Sequence[Any] = ()) -> None:
        self.by_token: dict[int, ActorMention] = {}
        for mention in sorted(mentions, key=lambda m: m.start - m.end):
            for i in range(mention.start, mention.end):
                self.by_token[i] = mention
        self.people = people  # the article's remembered people (DocumentMemory.people), oldest first
        self.sentence = 0  # article-level index of the sentence being matched
        self.doc: Any = None  # the spaCy Doc the mentions index

    def at(self, token: Token) -> ActorMention | None:
        return self.by_token.get(token.i)

    def find(self, token: Token, depth: int = 2) -> ActorMention | None:
        """The mention at ``token`` or, failing that, the nearest one inside its noun phrase."""
        mention = self.at(token)
        if mention is not None or depth == 0:
            return mention
        for child in syntax.noun_phrase_tokens(token):
            if child.dep_ in ("conj", "appos", "det", "amod", "nummod", "advmod", "case"):
                continue
            if child.dep_ == "prep" and child.lower_ not in ("of", "from"):
                continue  # "world powers in Vienna": a place, not who the powers are
            found = self.find(child, depth - 1)
            if found is not None:
                return found
        return None

    def actors(self, token: Token | None) -> list[ActorMention]:
        """All actors a phrase names: itself plus its conjuncts and appositions."""
        if token is None:
            return []
        found: list[ActorMention] = []
        self._collect(token, found, set())
        return _most_specific(self._resolve_plural_anaphors(found))

    def _resolve_plural_anaphors(self, found: list[ActorMention]) -> list[ActorMention]:
        """ "the two leaders", "both presidents": the last two people of different countries named."""
        if len(found) != 1:  # "the leaders of X and Y", "both sides—X and Y" name them already
            return found
        out: list[ActorMention] = []
        for mention in found:
            head = mention.actor
            if head.country or head.igo or not _plural_anaphor(mention, self):
                out.append(mention)
                continue
            people = _last_two_sides(self.people, self.sentence)
            if not people:
                out.append(mention)
                continue
            out.extend(ActorMention(mention.start, mention.end, mention.head, p.actor, mention.char_span,
                                    mention.rule + "+plural-anaphor") for p in people)
        return out

    def _collect(self, token: Token, found: list[ActorMention], seen: set[int]) -> None:
        if token.i in seen:
            return
        seen.add(token.i)
        mention = self.find(token)
        if mention is not None and all(m is not mention for m in found):
            found.append(mention)
        inside = range(mention.start, mention.end) if mention else range(token.i, token.i + 1)
        anchors = [token.doc[i] for i in inside] if mention else [token]
        for anchor in anchors:
            for child in anchor.children:
                if child.dep_ in ("conj", "appos") and child.i not in inside:
                    before = len(found)
                    self._collect(child, found, seen)
                    if mention is not None and child.dep_ == "conj" and anchor.i != mention.head:
                        found[before:] = [_share_role(m, mention) for m in found[before:]]
                elif child.dep_ == "conj" and mention is not None and child.i in inside:
                    inner = self.at(child)  # "US and British activists": the British ones too
                    if inner is not None and inner is not mention and inner.actor.country != mention.actor.country:
                        found.append(_share_role(inner, mention))


PLURAL_ANAPHOR_HEADS = {"leader", "president", "minister", "counterpart", "head", "premier"}


def _plural_anaphor(mention: ActorMention, index: MentionIndex) -> bool:
    """ "the leaders", "the two presidents", "both sides" with no country: people named before."""
    if mention.end - mention.start > 3 or not index.people:
        return False
    head = _doc_of(mention, index)
    if head is None or head.tag_ != "NNS" or head.lemma_.lower() not in PLURAL_ANAPHOR_HEADS:
        return False
    first = head.doc[mention.start]
    return first.lower_ in ("the", "both") or first.like_num


def _doc_of(mention: ActorMention, index: MentionIndex) -> Token | None:
    return index.doc[mention.head] if index.doc is not None else None


def _last_two_sides(people: Sequence[Any], sentence: int) -> list[Any]:
    chosen: list[Any] = []
    countries: set[str] = set()
    for person in reversed(people):
        if person.sentence > sentence or not person.actor.country or person.actor.country in countries:
            continue
        chosen.append(person)
        countries.add(person.actor.country)
        if len(chosen) == 2:
            return chosen
    return []


def _share_role(member: ActorMention, phrase: ActorMention) -> ActorMention:
    """ "the foreign ministers of Thailand and Cambodia": Cambodia's ministers too."""
    actor = member.actor
    if actor.sectors or actor.kind != "country" or not phrase.actor.sectors or not actor.country:
        return member
    shared = make_actor(actor.country, phrase.actor.sectors, text=actor.text, role=phrase.actor.role)
    return ActorMention(member.start, member.end, member.head, shared, member.char_span, member.rule + "+shared-role")


def _most_specific(found: list[ActorMention]) -> list[ActorMention]:
    """Drop actors that say nothing ("---") or that another actor of the phrase refines (TUR vs TURGOV)."""
    informative = [m for m in found if m.actor.code.strip("-")] or found[:0]
    codes = [m.actor.code for m in informative]
    placed = [m.actor for m in informative if m.actor.country or m.actor.igo]
    return [
        m for m in informative
        if not any(other != m.actor.code and other.startswith(m.actor.code) for other in codes)
        and not (not (m.actor.country or m.actor.igo) and any(set(m.actor.sectors) <= set(a.sectors) for a in placed))
    ]


@dataclass
class Match:
    """A trigger with its lexicon entry, before actors are attached."""

    token: Token
    entry: LexEntry
    framed_by: Match | None = None
    contents: list[Match] = field(default_factory=list)


class EventMatcher:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._mentions = MentionIndex(())  # of the sentence being matched
        self.criticism = next(e for e in lexicon.candidates("criticize", "VERB") if not e.conditions)

    def match_sentence(
        self, sent: Span, mentions: MentionIndex, doc_id: str, sentence_index: int, char_offset: int = 0
    ) -> list[Event]:
        matches = self._triggers(sent)
        if not matches:
            return []
        self._mentions = mentions
        mentions.sentence = sentence_index
        mentions.doc = sent.doc
        by_token = {m.token.i: m for m in matches}
        frames = [m for m in matches if m.entry.frame]
        for match in sorted(frames, key=lambda m: m.entry.frame == "speech"):
            if match.framed_by is None:
                self._attach_contents(match, by_token)
        events: list[Event] = []
        for match in matches:
            if match.framed_by is not None:
                continue
            if match.entry.frame == "speech" and not match.contents:
                continue
            events.extend(self._events_for(match, sent, mentions, doc_id, sentence_index, char_offset))
        return _drop_unplaced(_drop_partnerless(_drop_targetless_duplicates(_dedupe(events))))

    # -- finding triggers ---------------------------------------------------------------
    def _triggers(self, sent: Span) -> list[Match]:
        found = []
        for token in sent:
            pos = _coarse_pos(token)
            if pos is None or (pos == "VERB" and token.dep_ in MODIFIER_DEPS):
                continue  # "occupied territories", "armed groups": a participle describing a noun
            for lemma in _lemma_forms(token):
                entry = next(
                    (e for e in self.lexicon.candidates(lemma, pos) if _conditions_hold(token, e)), None
                )
                if entry is not None:
                    found.append(Match(token, entry))
                    break
        consumed = {obj.i for m in found for obj in _required_objects(m)}
        trigger_ids = {m.token.i for m in found if not m.entry.frame}
        return [m for m in found if m.token.i not in consumed and not _argument_of_trigger(m, trigger_ids)]

    # -- frames ----------------------------------------------------------------------------
    def _attach_contents(self, frame: Match, by_token: dict[int, Match]) -> None:
        clausal, other = _complement_roots(frame)
        for roots in ([r for r in clausal], [r for r in other]):
            contents = [m for root in roots for m in _matches_under(root, by_token) if m is not frame]
            if frame.entry.frame == "speech":
                contents = [m for m in contents if not m.entry.frame and m.framed_by is None]
            if contents:
                for content in _outermost(contents):
                    if content.entry.frame and content.entry.frame != "speech" and not content.contents:
                        self._attach_contents(content, by_token)
                    if content.framed_by is None:
                        content.framed_by = frame
                        frame.contents.append(content)
                return

    # -- building events -----------------------------------------------------------------
    def _events_for(
        self, match: Match, sent: Span, mentions: MentionIndex, doc_id: str, sentence_index: int, offset: int
    ) -> Iterator[Event]:
        sources = _sources(match.token, mentions)
        entry = match.entry
        if entry.frame and not sources and match.contents:
            sources = _sources(match.contents[0].token, mentions)
        if entry.frame == "speech":
            plans = list(self._speech_plans(match, mentions, sources))
        elif entry.frame:
            plans = list(self._frame_plans(match, mentions, sources))
        else:
            plans = list(self._content_plans(match, mentions, sources))
        for plan in plans:
            yield self._event(match, plan, sent, doc_id, sentence_index, offset)

    def _content_plans(self, match: Match, mentions: MentionIndex, sources: list[ActorMention]) -> Iterator[Plan]:
        entry = match.entry
        if _verbal_attack(match, mentions, sources):
            entry = self.criticism
        targets = _targets(match.token, entry, mentions)
        if entry.pos == "NOUN" and not targets and (entry.cameo or "")[:2] in VIOLENT_ROOTS and not any(
                m.actor.sectors and set(m.actor.sectors) & ARMED_SECTORS for m in sources):
            return  # "his attacks on mail-in voting": a noun of violence with no victim, by no armed actor
        each_other = _each_other(match.token)
        if not targets and not each_other and not (entry.reciprocal and len(sources) > 1):
            targets = _fallback_targets(match.token, mentions, sources)
        if each_other and not targets and len(sources) > 1:
            code, modality = self._code_and_modality(match.token, entry.cameo or "", entry)
            yield from _pairs(sources, [], code, modality, True, entry.rule)
            return
        code, modality = self._code_and_modality(match.token, entry.cameo or "", entry)
        modality = _reported(match.token, modality, sources, mentions)
        yield from _pairs(sources, targets, code, modality, entry.reciprocal, entry.rule, entry.mutual)

    def _speech_plans(self, frame: Match, mentions: MentionIndex, sources: list[ActorMention]) -> Iterator[Plan]:
        """A speaker's clause about its own side: "said it would send aid" is an intent (03), "insisted its
        forces had not attacked" a denial (016); a clause about others is coded as its own event, reported."""
        speaker_side = {_who(m.actor) for m in sources}
        for content in frame.contents:
            content_sources = _sources(content.token, mentions)
            subject = syntax.clause_subject(content.token)
            refers_back = subject is not None and subject.lower_ in SPEAKER_PRONOUNS and not content_sources
            own = refers_back or bool(speaker_side & {_who(m.actor) for m in content_sources})
            code = content.entry.cameo or ""
            if not own and frame.token.lemma_ in ACCUSING_VERBS and _accuses(sources, content, content_sources):
                victims = [m for m in _targets(content.token, content.entry, mentions)
                           if _who(m.actor) not in speaker_side]
                accused = [m for m in content_sources if _who(m.actor) not in speaker_side]
                yield from _retrigger(_pairs(sources, accused or victims, "112", "asserted", False,
                                             frame.entry.rule + "+accusation"), content.token)
                # and what is alleged, as a reported event: users filter on modality
                yield from _retrigger(self._content_plans(content, mentions, content_sources), content.token)
                continue
            if not own or not sources or content.entry.frame:
                yield from _retrigger(self._content_plans(content, mentions, content_sources), content.token)
                continue
            targets = _targets(content.token, content.entry, mentions) or _fallback_targets(
                content.token, mentions, sources)
            negated = syntax.negated(content.token)
            modality = local_modality(content.token)
            if negated and code[:2] >= "14":
                yield from _pairs(sources, targets, "016", "asserted", False, frame.entry.rule + "+denial")
            elif not negated and not modality and code[:2] >= "14" and frame.token.lemma_ in CLAIM_VERBS:
                yield from _pairs(sources, targets, "015", "asserted", False, frame.entry.rule + "+claim")
            elif not negated and modality in ("future", "hypothetical") and code[:2] in COOPERATIVE_ROOTS:
                intent = self.lexicon.frame_code("intent", code) or code
                yield from _pairs(sources, targets, intent, "asserted", False, frame.entry.rule + "+intent")
            elif not negated and modality in ("future", "hypothetical") and code[:2] >= "14":
                threat = self.lexicon.frame_code("threaten", code) or code
                yield from _pairs(sources, targets, threat, "asserted", False, frame.entry.rule + "+threat")
            else:
                plans = self._content_plans(content, mentions, content_sources or sources)
                yield from _retrigger(plans, content.token)

    def _frame_plans(self, frame: Match, mentions: MentionIndex, sources: list[ActorMention]) -> Iterator[Plan]:
        entry = frame.entry
        addressees = _targets(frame.token, entry, mentions)
        if not frame.contents and not addressees and entry.frame in ("intent", "reject", "threaten"):
            return  # "sought to mend ties": too vague to code without what is intended or refused
        contents = frame.contents or [None]
        for content in contents:
            inner = _innermost_code(content) if content else None
            frame_name = entry.frame or ""
            negated = syntax.negated(frame.token)
            if negated and frame_name == "reject":
                frame_name, modality = "intent", "hypothetical"
            elif negated and frame_name == "intent":
                frame_name, modality = "reject", "asserted"
            else:
                modality = "negated" if negated else (local_modality(frame.token) or "asserted")
            if frame_name == "intent" and content is not None and _acts_through_other(content, mentions, sources):
                frame_name = "appeal"  # "Obama wants Putin to attack": an appeal to Putin, not Obama's intent
            code = self.lexicon.frame_code(frame_name, inner) or entry.cameo or ""
            targets = addressees
            if not targets and content is not None:
                targets = self._content_targets(frame_name, content, mentions, sources)
            if not targets and content is None and frame_name in ("appeal", "demand"):
                targets = _clause_subject_actors(frame.token, mentions, sources)
            if not targets:
                targets = _fallback_targets((content or frame).token, mentions, sources)
            rule = entry.rule + (f"+{content.entry.rule}" if content else "")
            reciprocal = bool(content and content.entry.reciprocal and not targets)
            yield from _pairs(sources, targets, code, _reported(frame.token, modality, sources, mentions),
                              reciprocal, rule, bool(content and content.entry.mutual and not addressees))

    def _content_targets(
        self, frame_name: str, content: Match, mentions: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """Who a framed event is aimed at when the frame names no addressee."""
        source_codes = {m.actor.code for m in sources}
        subject = [m for m in mentions.actors(syntax.clause_subject(content.token)) if m.actor.code not in source_codes]
        objects = _targets(content.token, content.entry, mentions)
        if frame_name in ("appeal", "demand"):
            return subject or objects
        return objects or subject

    def _code_and_modality(self, token: Token, code: str, entry: LexEntry) -> tuple[str, str]:
        if syntax.negated(token):
            if entry.if_negated:
                return entry.if_negated, local_modality(token) or "asserted"
            if code[:2] in COOPERATIVE_ROOTS and _has_modal(token):
                return self.lexicon.frame_code("reject", code) or code, "asserted"
            return code, "negated"
        return code, local_modality(token) or "asserted"

    def _event(self, match: Match, plan: Plan, sent: Span, doc_id: str, sentence_index: int, offset: int) -> Event:
        token = plan.trigger if plan.trigger is not None else match.token
        plan = _domesticate(plan, _venue_country(token, self._mentions))
        words = [token] + [c for c in token.children if c.dep_ == "prt"]
        start = min(t.idx for t in words)
        end = max(t.idx + len(t.text) for t in words)
        trigger_text = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
        return Event(
            doc_id=doc_id,
            sentence=sentence_index,
            source_actor=plan.source,
            target_actor=plan.target,
            cameo=plan.code,
            plover=None,
            plover_mode=None,
            plover_context=None,
            quad_class=None,
            goldstein=None,
            modality=plan.modality,  # type: ignore[arg-type]
            text=sent.text,
            trigger=trigger_text,
            span=(start + offset, end + offset),
            rule=plan.rule,
        )


@dataclass(frozen=True)
class Plan:
    source: Actor | None
    target: Actor | None
    code: str
    modality: str
    rule: str
    trigger: Token | None = None  # when the words that carry the event are not the matched frame's


CLAIM_VERBS = {"claim", "admit", "acknowledge", "confirm"}
ACCUSING_ROOTS = {"17", "18", "19", "20"}
POLITICAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "UAF", "SPY", "IGO"}
ACCUSING_VERBS = {"say", "claim", "allege", "insist", "state", "maintain", "declare", "assert", "charge", "tell"}


def _accuses(speakers: list[ActorMention], content: Match, content_sources: list[ActorMention]) -> bool:
    """A state or organisation saying another side used force is accusing it (CAMEO 112); news media
    and unnamed sources only report."""
    code = content.entry.cameo or ""
    if code[:2] not in ACCUSING_ROOTS or syntax.negated(content.token) or local_modality(content.token):
        return False
    political = [m for m in speakers if m.actor.igo or (
        m.actor.country and (not m.actor.sectors or POLITICAL_SECTORS & set(m.actor.sectors)))]
    return bool(political) and bool(content_sources or syntax.is_passive(content.token))


def _retrigger(plans: Iterable[Plan], token: Token) -> Iterator[Plan]:
    for plan in plans:
        yield Plan(plan.source, plan.target, plan.code, plan.modality, plan.rule, plan.trigger or token)


def _verbal_attack(match: Match, mentions: MentionIndex, sources: list[ActorMention]) -> bool:
    """ "Trump attacked the impeachment inquiry": a violent verb aimed at an idea, by someone unarmed,
    is criticism (111), not force."""
    entry = match.entry
    if entry.pos != "VERB" or (entry.cameo or "")[:2] not in VIOLENT_ROOTS:
        return False
    if entry.targets[:1] != ("dobj",) or any(c.kind in ("dobj", "objmod") for c in entry.conditions):
        return False  # "fired batteries at Russia": the object is the weapon, not what is attacked
    if any(set(m.actor.sectors) & ARMED_SECTORS for m in sources):
        return False
    objects = syntax.children(match.token, "dobj")
    if not objects:
        return False
    obj = objects[0]
    named = obj.pos_ == "PROPN" or obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
    return not named and obj.lemma_.lower() not in PHYSICAL_TARGETS and not _names_people(obj)


def _names_people(token: Token) -> bool:
    """Is the word one the actor tables know as a role ("troops", "police") or a named actor?"""
    from eventwire.actors import load_gazetteer

    return any(e.kind in ("role", "country", "igo", "org") for e in
               load_gazetteer().meanings(token.lower_) + load_gazetteer().meanings(token.lemma_))


def _each_other(token: Token) -> bool:
    """ "accused each other", "fired on one another": the conjoined subjects act on each other."""
    return any(c.dep_ in ("dobj", "pobj", "prep") and any(
        t.lower_ == "other" and t.nbor(-1).lower_ in ("each", "one") for t in c.subtree if t.i > 0)
        for c in token.children)


def _innermost_code(content: Match) -> str | None:
    """What a framed frame is about: "rejected Japan's offer of a summit" rejects a meeting (125);
    a framed appeal or offer about nothing known frames nothing."""
    if not content.entry.frame:
        return content.entry.cameo
    if content.contents:
        return _innermost_code(content.contents[0])
    return None


def _clause_subject_actors(token: Token, mentions: MentionIndex, sources: list[ActorMention]) -> list[ActorMention]:
    """ "demanded that the Philippines remove its warship": whoever the demand is made of."""
    source_codes = {m.actor.code for m in sources}
    for child in token.children:
        if child.dep_ in ("ccomp", "xcomp"):
            found = [m for m in mentions.actors(syntax.clause_subject(child)) if m.actor.code not in source_codes]
            if found:
                return found
    return []


def _acts_through_other(content: Match, mentions: MentionIndex, sources: list[ActorMention]) -> bool:
    subject = syntax.clause_subject(content.token)
    if subject is None or subject.dep_ not in ("nsubj", "dobj"):
        return False
    source_codes = {m.actor.code for m in sources}
    others = [m for m in mentions.actors(subject) if m.actor.code not in source_codes]
    return bool(others) and subject.head.i != content.token.head.i or bool(others and subject.dep_ == "nsubj")


DOMESTIC_ROLES = {"GOV", "COP", "JUD", "LEG", "OPP", "PTY", "CVL", "LAB", "EDU"}  # act mostly at home (armies do not)
DOMESTIC_SECTORS = {"CVL", "OPP", "PTY", "EDU", "LAB", "MED", "BUS", "REL", "ELI", "AGR", "UAF", "REB",
                    "GOV", "COP", "JUD", "LEG", "MIL"}  # not HRI, NGO, REF: often foreign to where they act


def _domesticate(plan: Plan, venue: str | None) -> Plan:
    """Domestic actors named without a country take the one the sentence gives them: "police in Nairobi
    arrested 40 people" (KENCOP arrests KENCVL), "protesters marched on the Serbian parliament".
    An actor with a country is never changed; organisations never gain one."""
    source, target = plan.source, plan.target
    if source is not None and target is not None:
        if _needs_country(target) and source.country and DOMESTIC_ROLES & set(source.sectors):
            target = _with_country(target, source.country)
        elif _needs_country(source) and target.country and DOMESTIC_ROLES & set(target.sectors):
            source = _with_country(source, target.country)
        if target.code == source.code:
            target = plan.target
            source = plan.source
    if venue:
        if source is not None and _needs_country(source):
            source = _with_country(source, venue)
        if target is not None and _needs_country(target):
            target = _with_country(target, venue)
    if source is plan.source and target is plan.target:
        return plan
    return Plan(source, target, plan.code, plan.modality, plan.rule + "+domestic", plan.trigger)


def _needs_country(actor: Actor) -> bool:
    return not actor.country and not actor.igo and bool(actor.sectors) and set(actor.sectors) <= DOMESTIC_SECTORS


def _with_country(actor: Actor, country: str) -> Actor:
    return make_actor(country, actor.sectors, name=actor.name, text=actor.text, role=actor.role, kind=actor.kind)


def _venue_country(token: Token, mentions: MentionIndex) -> str | None:
    """The country of the place the trigger's clause says the event happened in ("in Nairobi")."""
    for current in syntax.clause_chain(token, limit=3):
        for obj in syntax.child_prep_objects(current, {"in", "at", "near", "outside", "inside"}):
            mention = mentions.at(obj)
            if mention is not None and mention.actor.country and not mention.actor.name:
                if mention.rule.startswith(("capital", "city", "place", "country")) or mention.actor.kind == "country":
                    return mention.actor.country
        if current.dep_ not in ("xcomp", "conj", "advcl"):
            break
    for other in token.sent:  # else the one place the sentence says things happen in
        if other.dep_ == "pobj" and other.head.lower_ in ("in", "at", "near", "outside", "inside"):
            mention = mentions.at(other)
            if mention is not None and mention.actor.country and not mention.actor.name and (
                    mention.rule.startswith(("capital", "city", "place", "country")) or mention.actor.kind == "country"):
                return mention.actor.country
    return None


def _pairs(
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
        for b in targets:
            if a.actor.code == b.actor.code:
                continue
            yield Plan(a.actor, b.actor, code, modality, rule)
            if mutual:
                yield Plan(b.actor, a.actor, code, modality, rule)


def _lemma_forms(token: Token) -> list[str]:
    """The lemma, and the hyphenated word the tokenizer split ("de - escalation" → "de-escalation")."""
    lemma = token.lemma_.lower()
    forms = [lemma]
    doc = token.doc
    i = token.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_:
        forms.insert(0, f"{doc[i - 2].lower_}-{lemma}")
        forms.insert(1, f"{doc[i - 2].lower_}{lemma}")
    return forms


def _argument_of_trigger(match: Match, trigger_ids: set[int]) -> bool:
    """A noun event inside another event's prepositional argument is background to it
    ("engaged troops in a firefight", "thanked China for its assistance")."""
    token = match.token
    if match.entry.pos != "NOUN" or match.entry.frame or token.dep_ != "pobj":
        return False
    prep = token.head
    return prep.dep_ == "prep" and prep.head.i in trigger_ids


def _required_objects(match: Match) -> list[Token]:
    """Objects a trigger's entry asked for ("sign an agreement"): part of that event, not events of their own."""
    kinds = {c.kind for c in match.entry.conditions}
    if not kinds & {"dobj", "objmod"}:
        return []
    return [c for c in match.token.children if c.dep_ in ("dobj", "nsubjpass", "attr")]


def _coarse_pos(token: Token) -> str | None:
    pos = token.pos_
    if pos in ("VERB", "AUX"):
        return "VERB"
    if pos in ("NOUN", "PROPN"):
        return "NOUN"
    if pos == "ADJ":
        return "ADJ"
    return None


def _conditions_hold(token: Token, entry: LexEntry) -> bool:
    for condition in entry.conditions:
        if not _condition_holds(token, condition.kind, condition.lemmas):
            return False
    return True


def _condition_holds(token: Token, kind: str, lemmas: frozenset[str]) -> bool:
    if kind == "head":
        return token.head is not token and token.head.lemma_.lower() in lemmas
    if kind == "modal":
        return any(_has_aux_word(c, lemmas) for c in token.children if c.dep_ in ("ccomp", "xcomp"))
    if kind == "next":
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return following is not None and _child_matches(following, lemmas)
    if kind == "objmod":
        return any(
            _child_matches(mod, lemmas) for obj in token.children if obj.dep_ in ("dobj", "nsubjpass")
            for mod in obj.children if mod.dep_ in ("amod", "compound")
        )
    if kind == "not-child":
        described = [token.head] if token.dep_ == "acl" else []  # "a report released ...": the report
        prepositional = [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        return not any(_child_matches(c, lemmas) for c in list(token.children) + described + prepositional)
    wanted_deps = {
        "prt": ("prt",), "prep": ("prep", "agent", "dative"), "dobj": ("dobj", "nsubjpass", "attr"),
        "xcomp": ("xcomp",), "ccomp": ("ccomp",), "pobj": ("prep",), "child": None,
    }[kind]
    for child in token.children:
        if wanted_deps is not None and child.dep_ not in wanted_deps:
            continue
        if kind == "pobj":
            if any(g.dep_ == "pobj" and g.lemma_.lower() in lemmas for g in child.children):
                return True
        elif _child_matches(child, lemmas):
            return True
    return False


def _child_matches(child: Token, lemmas: frozenset[str]) -> bool:
    return "*" in lemmas or child.lemma_.lower() in lemmas or child.lower_ in lemmas


def _has_aux_word(token: Token, words: frozenset[str]) -> bool:
    """A modal on the clause: "must", "should"; "have"/"need" only as "has to", "needs to" (never the
    perfect "have signed")."""
    modal = words - SEMI_MODALS
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in modal for c in token.children) or (
        token.lemma_ in SEMI_MODALS and bool(SEMI_MODALS & words)
        and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in token.children)
    )


SEMI_MODALS = frozenset({"have", "need"})


def _has_modal(token: Token) -> bool:
    return any(
        c.dep_ == "aux" and c.lower_ in NEGATION_CONVERTS for t in syntax.clause_chain(token, 3) for c in t.children
    )


def _complement_roots(frame: Match) -> tuple[list[Token], list[Token]]:
    """Where a frame's framed event may be: first clauses (infinitive, that-clause), then phrases."""
    token = frame.token
    modal = next((c.lemmas for c in frame.entry.conditions if c.kind == "modal"), None)
    clausal = [
        c for c in token.children
        if c.dep_ in ("xcomp", "ccomp") and (modal is None or _has_aux_word(c, modal))
    ]
    if token.dep_ in ("acomp", "attr") and modal is None:  # "is ready to engage ... to facilitate talks"
        clausal += [
            c for c in token.head.children
            if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ]
    if modal is not None:
        return clausal, []
    return clausal, list(_phrase_complements(token))


def _phrase_complements(token: Token) -> Iterator[Token]:
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
        if child.dep_ in ("dobj", "acl", "nsubjpass", "advcl"):
            yield child
    if token.dep_ in ("dobj", "nsubj", "attr") and token.head.pos_ in ("VERB", "AUX"):
        for sibling in token.head.children:
            if sibling.dep_ in ("xcomp", "advcl") and sibling.i > token.i:
                yield sibling


def _outermost(contents: list[Match]) -> list[Match]:
    """Framed events not inside another framed event ("negotiate [a de-escalation]" frames "negotiate")."""
    ids = {m.token.i for m in contents}
    return [m for m in contents if not any(a.i in ids for a in m.token.ancestors)]


def _matches_under(root: Token, by_token: dict[int, Match]) -> list[Match]:
    """Triggers in a complement's subtree, not crossing into reported clauses of other speakers."""
    found = []
    stack = [root]
    while stack:
        token = stack.pop()
        match = by_token.get(token.i)
        if match is not None and match.framed_by is None:
            found.append(match)
        for child in token.children:
            if child.dep_ in ("punct", "parataxis", "relcl", "acl"):
                continue
            stack.append(child)
    return sorted(found, key=lambda m: m.token.i)


FIRST_PERSON = {"we", "i", "us", "our", "my", "me"}
SPEAKER_PRONOUNS = FIRST_PERSON | {"it", "they", "he", "she"}
SPEAKER = ActorMention(0, 0, 0, Actor(code="", kind="unknown"), (0, 0), "speaker")


def _sources(token: Token, mentions: MentionIndex) -> list[ActorMention]:
    """Actors of the first source candidate that names any; a first-person source is left to the quote stage."""
    if token.pos_ in ("NOUN", "PROPN"):
        candidates = list(_noun_sources(token))
    else:
        candidates = [syntax.clause_subject(token)] + list(_instrument_sources(token))
    for candidate in candidates:
        if candidate is None:
            continue
        found = mentions.actors(candidate)
        if found:
            return found
        if candidate.lower_ in FIRST_PERSON:
            return [SPEAKER]
        deep = _actor_inside(candidate, mentions)
        if deep:
            return deep
    return []


def _instrument_sources(verb: Token) -> Iterator[Token]:
    """Who did an agentless passive: "were killed in Israeli shelling" → the shelling's doer."""
    if not syntax.is_passive(verb) or syntax.agent_of(verb) is not None:
        return
    for obj in syntax.child_prep_objects(verb, {"in", "by", "during", "from"}):
        yield from _noun_sources(obj)


def _actor_inside(token: Token, mentions: MentionIndex) -> list[ActorMention]:
    """An actor named inside a non-actor subject: "a report released in the Rwandan capital",
    "a missile believed to be fired by rebels"."""
    stack = [c for c in reversed(list(token.children))]
    while stack:
        inner = stack.pop()
        if inner.dep_ in ("relcl", "ccomp", "appos", "conj", "punct"):
            continue
        if inner.dep_ == "prep" and inner.lower_ in LOCATIVE_PREPS and token.lemma_.lower() not in DOCUMENT_NOUNS:
            continue  # "an accident on a Florida highway" names where, not who ("a report released in
            # the Rwandan capital" does say who)
        mention = mentions.at(inner)
        if mention is not None and _is_place(mention) and token.lemma_.lower() not in DOCUMENT_NOUNS:
            continue  # "a Kabul car bombing": where, not who
        found = mentions.actors(inner) if mention is not None else []
        if found:
            return found
        stack.extend(reversed(list(inner.children)))
    return []


def _is_place(mention: ActorMention) -> bool:
    """A mention that only names a place (a capital or city in the text), not a body or person."""
    return mention.rule.startswith(("capital", "city", "place"))


def _noun_sources(noun: Token) -> Iterator[Token | None]:
    """Who may do a noun event: "Russia's appeal", "calls from the EU", "X held talks", "during his visit"."""
    yield from syntax.children(noun, "poss")
    yield from syntax.child_prep_objects(noun, SOURCE_PREPS)
    verb = syntax.support_verb(noun)
    if verb is not None and noun.dep_ in ("nsubj", "nsubjpass"):
        yield from syntax.child_prep_objects(verb, SOURCE_PREPS)
    elif verb is not None:
        yield syntax.clause_subject(verb)
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i:
            yield child
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("during", "after", "at", "before", "in"):
        yield syntax.clause_subject(head.head)


def _targets(token: Token, entry: LexEntry, mentions: MentionIndex) -> list[ActorMention]:
    slots = entry.targets or (("dobj",) if entry.pos == "VERB" else NOUN_TARGET_DEFAULTS)
    places = [token]
    if entry.pos == "NOUN":
        verb = syntax.support_verb(token)
        if verb is not None:
            places.append(verb)
    for slot in slots:
        for place in places:
            found = _slot_actors(place, slot, mentions, token)
            if found:
                return found
    return []


def _slot_actors(token: Token, slot: str, mentions: MentionIndex, trigger: Token) -> list[ActorMention]:
    passive = token.pos_ in ("VERB", "AUX") and syntax.is_passive(token)
    if slot == "dobj":
        if passive and token.dep_ == "acl":
            return mentions.actors(token.head)
        deps = ("nsubjpass",) if passive else ("dobj",)
        return _first_actors(syntax.children(token, *deps), mentions)
    if slot == "dative":
        return _first_actors(syntax.children(token, "dative", "iobj"), mentions)
    if slot in ("nsubjpass", "attr"):
        return _first_actors(syntax.children(token, slot), mentions)
    if slot == "poss":
        return _first_actors(syntax.children(token, "poss"), mentions)
    if slot == "amod":
        return _first_actors([c for c in token.children if c.dep_ in ("amod", "compound")], mentions)
    if slot == "comp-subject":
        for child in token.children:
            if child.dep_ in ("ccomp", "xcomp"):
                return mentions.actors(syntax.clause_subject(child))
        return []
    if slot == "between":
        return _first_actors(_prep_objects_near(token, {"between", "among"}), mentions)
    if slot.startswith("place:"):
        found = _first_actors(_prep_objects_near(token, {slot[6:]}), mentions)
        return [_as_place(m) if m.rule.startswith("capital") else m for m in found]
    if slot.startswith("prep:"):
        prep = slot[5:].replace("_", " ")
        found = _first_actors(_prep_objects_near(token, {prep}), mentions)
        if prep in ("in", "at", "near"):
            return [_as_place(m) for m in found if m.actor.country and not m.actor.name]
        return found
    return []


def _as_place(mention: ActorMention) -> ActorMention:
    """A place named as where something happened stands for its country, not its government."""
    place = mention.actor
    country_only = Actor(code=place.country or "---", country=place.country, text=place.text, kind="country")
    return ActorMention(mention.start, mention.end, mention.head, country_only, mention.char_span,
                        mention.rule + "+location")


def _prep_objects_near(token: Token, preps: set[str]) -> list[Token]:
    """Objects of ``preps`` on the trigger, else inside its object's phrase, where parsers often attach
    them ("discussed the fighting in Artsakh with Turkey's minister")."""
    direct = list(syntax.child_prep_objects(token, preps))
    if direct or token.pos_ not in ("VERB", "AUX"):
        return direct
    found = []
    for obj in syntax.children(token, "dobj"):
        for inner in obj.subtree:
            if inner.dep_ == "prep" and inner.lower_ in preps and inner.head.dep_ not in ("relcl", "acl"):
                found.extend(c for c in inner.children if c.dep_ == "pobj")
    return found


LOCATIVE_PREPS = {"in", "at", "near", "inside", "across", "outside", "over", "around", "into", "on"}


def _fallback_targets(token: Token, mentions: MentionIndex, sources: list[ActorMention]) -> list[ActorMention]:
    """When no slot names a target, the first other actor in the event's own phrase; a place there
    ("a protest in Beijing", "exercises in Alaska") stands for its country, as CAMEO coders do."""
    source_ids = {id(m) for m in sources}
    source_codes = {m.actor.code for m in sources}
    phrase = list(_event_phrase(token))
    verb = syntax.support_verb(token) if token.pos_ in ("NOUN", "PROPN") else None
    if verb is not None:
        phrase += [t for t in _event_phrase(verb) if t.i > token.i and t not in phrase]
    for inner in phrase:
        mention = mentions.at(inner)
        if mention is None or id(mention) in source_ids or mention.actor.code in source_codes:
            continue
        if inner.dep_ == "pobj" and inner.head.lower_ in LOCATIVE_PREPS:
            if not mention.actor.country or mention.actor.name:
                continue
            return [_as_place(mention)]
        placed = [m for m in mentions.actors(inner) if m.actor.country or m.actor.igo]
        if placed:
            return placed
    return []


def _event_phrase(token: Token) -> Iterator[Token]:
    """Tokens after the trigger in its own phrase, not crossing into other clauses."""
    stack = [c for c in reversed(list(token.children)) if c.i > token.i]
    while stack:
        current = stack.pop()
        if current.dep_ in ("relcl", "acl", "ccomp", "advcl", "parataxis", "punct", "conj", "cc", "npadvmod"):
            continue
        yield current
        stack.extend(c for c in reversed(list(current.children)))


def _first_actors(tokens: list[Token], mentions: MentionIndex) -> list[ActorMention]:
    for token in tokens:
        found = mentions.actors(token)
        if found:
            return found
    return []


def _reported(token: Token, modality: str, sources: list[ActorMention], mentions: MentionIndex) -> str:
    """An asserted event inside someone else's speech is only reported."""
    if modality != "asserted" or sources == [SPEAKER]:
        return modality
    speech = under_speech(token)
    if speech is None:
        return modality
    speakers = {_who(m.actor) for m in mentions.actors(syntax.clause_subject(speech))}
    source_codes = {_who(m.actor) for m in sources}
    if speakers and source_codes and not (speakers & source_codes):
        return "reported"
    return modality


def _who(actor: Actor) -> str:
    """Speaker and source are the same side when they share a country (or IGO)."""
    return actor.igo or actor.country or actor.code


def _drop_targetless_duplicates(events: list[Event]) -> list[Event]:
    """A targetless event beside one of the same source that has a target is the same story told
    twice ("met with Assad to discuss ..."): keep the one that says whom."""
    with_target = {e.source for e in events if e.target}
    placed = {(e.source, e.cameo[:2]) for e in events if e.target_actor and e.target_actor.country}
    return [
        e for e in events
        if (e.target or e.source not in with_target)
        and not (e.target_actor and not e.target_actor.country and not e.target_actor.igo
                 and (e.source, e.cameo[:2]) in placed)
    ]


VIOLENT_ROOTS = {"18", "19", "20"}
MODIFIER_DEPS = {"amod", "compound", "nmod"}
PHYSICAL_TARGETS = {
    "convoy", "base", "building", "village", "city", "town", "ship", "vessel", "tanker", "vehicle", "position",
    "positions", "camp", "station", "checkpoint", "post", "embassy", "hospital", "school", "mosque", "church",
    "market", "bus", "train", "plane", "aircraft", "jet", "drone", "home", "house", "office", "headquarters",
    "compound", "facility", "plant", "infrastructure", "target", "area", "region", "border", "bridge",
    "port", "airport", "road", "district", "neighbourhood", "neighborhood", "territory", "stronghold",
    "patrol", "troop", "soldier", "force", "people", "civilian", "protester", "resident", "hotel", "mall",
}
DOCUMENT_NOUNS = {"report", "statement", "communique", "study", "document", "declaration", "resolution",
                  "letter", "dossier", "survey", "audit", "memo", "memorandum", "note", "bulletin"}
ARMED_SECTORS = {"MIL", "REB", "UAF", "COP", "SPY"}
PARTNER_ROOTS = {"04", "05", "06"}  # consulting and cooperating take two


def _drop_partnerless(events: list[Event]) -> list[Event]:
    """ "She discusses her background", "the party supports gun rights": a consultation or cooperation
    with nobody is not an event between actors."""
    return [e for e in events if e.target_actor is not None or e.cameo[:2] not in PARTNER_ROOTS
            or e.modality in ("future", "hypothetical")]


def _drop_unplaced(events: list[Event]) -> list[Event]:
    """An event none of whose actors has a country or organisation ("a protester demolished the
    building") says nothing about relations between states or groups: it is not event data."""
    return [e for e in events if any(a is not None and (a.country or a.igo) for a in (e.source_actor, e.target_actor))
            or (e.source_actor is None and e.rule.endswith("+speaker"))]


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per dyad and CAMEO root in a sentence ("met in Zurich to discuss" is one meeting)."""
    seen = set()
    out = []
    for event in events:
        key = (event.source, event.target, event.cameo[:2])
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out
