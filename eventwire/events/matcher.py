"""Matching the lexicon over a parsed sentence to produce coded events.

For each trigger word the matcher finds the source (the clause's subject, undoing passives,
control and relative clauses) and the target (the slots the lexicon entry names), expands
compound actors into one event per pair, applies frames ("urged X to negotiate" → appeal to
negotiate) and records modality.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import islice

from spacy.tokens import Span, Token

from eventwire.events import syntax
from eventwire.events.blame import Blame, blames_in
from eventwire.events.discourse import awaits_earlier_act
from eventwire.events.filters import (
    abducted_by_armed_groups,
    aimed_at_government,
    dedupe,
    domesticate,
    drop_commercial,
    drop_partnerless,
    drop_targetless_duplicates,
    drop_unplaced,
    foreign_bans,
    generic_bodies_at_home,
    officials_complain,
    private_suspects,
    sentence_venue,
    street_force,
    venue_country,
)
from eventwire.events.lexicon import LexEntry, Lexicon
from eventwire.events.mentions import MentionIndex
from eventwire.events.modality import CONDITIONAL_MARKS, local_modality, under_speech
from eventwire.events.plans import Plan, pairs, retrigger, who
from eventwire.events.roles import (
    FIRST_PERSON,
    PLACING_VERBS,
    SPEAKER,
    SPEAKER_PRONOUNS,
    acts_on_each_other,
    clause_subject_actors,
    fallback_targets,
    first_actors,
    own_noun_sources,
    slot_actors,
    source_actors,
    target_actors,
)
from eventwire.events.triggers import (
    MODIFIER_DEPS,
    Match,
    argument_of_trigger,
    coarse_pos,
    complement_roots,
    conditions_hold,
    has_modal,
    inside_name,
    lemma_forms,
    matches_under,
    outermost,
    purpose_of_protest,
    required_objects,
)
from eventwire.events.unnamed import (
    ARMED_SECTORS,
    CROWD,
    IMPLICIT_AGENT_SECTORS,
    POLITICAL_SECTORS,
    VIOLENT_ROOTS,
    agentless_appealer,
    armed_victims,
    arrested_people,
    attributing_speaker,
    bereaved,
    custody_targets,
    deployed_forces,
    implicit_agents,
    measure_owner,
    private_filer,
    public_addressees,
    suspect_targets,
    undergoer_targets,
    unnamed_inquirers,
)
from eventwire.model import PRIVATE_PERSON, ActorMention, Event
from eventwire.nlp import inside_quotes

#: feelings voiced in the passive ("the agency is concerned by the fighting"): felt by the passive subject,
#: not by what the by-phrase names
FEELING_CODES = {"012", "013"}
WARNING_CODE = "130"
LET_DOWN_WORDS = {"disappoint", "disappointed"}
WITHDRAWN_PAPERS = "-licence"  # lexicon ids of licences, permits and visas suspended or revoked
#: an appeal to these with nothing asked of them is a candidate campaigning
ELECTORATE_WORDS = {"voter", "electorate", "elector", "constituent"}
#: declining to comment (011) is addressed to no one, whatever the withheld comment is about
UNADDRESSED_CODES = {"011"}
COOPERATIVE_ROOTS = {"03", "04", "05", "06", "07", "08"}
ACCEDING_CODES = {"0831"}  # CAMEO: accede to demands for a change in leadership
CROWD_ROOTS = {"14"}  # protests, strikes and riots: done by people even when the sentence names none

#: "A and B and ... condemned C and D and ...": each trigger codes at most this many actor pairs, and a
#: sentence at most ``MAX_EVENTS_PER_SENTENCE`` events; the events of a sentence that had more pairs
#: carry ``pairs_capped`` (and "+capped" on their rule), so a capped list is never mistaken for a full one.
MAX_PAIRS_PER_TRIGGER = 64
MAX_EVENTS_PER_SENTENCE = 256


class SentenceContext:
    """What every event of one sentence shares, computed once per sentence (not once per actor pair):
    the sentence's text, and the venues of its triggers."""

    def __init__(self, sent: Span, mentions: MentionIndex, home: str | None = None) -> None:
        self.sent = sent
        self.mentions = mentions
        self.home = home  # the country the article is about, for domestic actors the sentence gives none
        self.text = sent.text
        self._sentence_venue: tuple[str | None] | None = None
        self._venues: dict[int, str | None] = {}

    def venue(self, token: Token) -> str | None:
        if token.i not in self._venues:
            if self._sentence_venue is None:
                self._sentence_venue = (sentence_venue(self.sent, self.mentions),)
            self._venues[token.i] = venue_country(token, self.mentions, self._sentence_venue[0])
        return self._venues[token.i]


class EventMatcher:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.criticism = next(e for e in lexicon.candidates("criticize", "VERB") if not e.conditions)
        self.accusation = next(e for e in lexicon.candidates("accuse", "VERB") if not e.conditions)

    def match_sentence(
        self, sent: Span, mentions: MentionIndex, doc_id: str, sentence_index: int, char_offset: int = 0,
        home: str | None = None,
    ) -> list[Event]:
        """``home``: the country the article is about, for domestic actors the sentence gives none."""
        matches = self._triggers(sent)
        blames = blames_in(sent)
        if not matches and not blames:
            return []
        blaming_words = {b.word.i for b in blames}
        matches = [m for m in matches if m.token.i not in blaming_words]  # "were to blame": the speaker's
        matches = [m for m in matches if not _denies_a_fact(m, matches, mentions)]
        by_token = {m.token.i: m for m in matches}
        frames = [m for m in matches if m.entry.frame]
        for match in sorted(frames, key=lambda m: m.entry.frame == "speech"):
            if match.framed_by is None:
                self._attach_contents(match, by_token)
        for match in frames:
            if match.entry.frame == "reject" and not match.contents:
                match.answers = _appeal_turned_down(match, frames)
            if any(c.kind == "modal" for c in match.entry.conditions):
                _release_other_clauses(match)
        context = SentenceContext(sent, mentions, home)
        events: list[Event] = []
        capped = False
        for blame in blames:
            events.extend(self._blame_events(blame, context, doc_id, sentence_index, char_offset))
        for match in matches:
            if match.framed_by is not None:
                continue
            if match.entry.frame == "speech" and not match.contents:
                continue
            if match.entry.cameo in ACCEDING_CODES:
                continue  # a resignation is news; it is an event (0831) only as what someone demanded
            limit = min(MAX_PAIRS_PER_TRIGGER, MAX_EVENTS_PER_SENTENCE - len(events))
            found = list(islice(self._events_for(match, context, doc_id, sentence_index, char_offset), limit + 1))
            if len(found) > limit:
                capped = True
                found = found[:limit]
            events.extend(found)
        if capped:
            for event in events:
                event.pairs_capped = True
                event.rule += "+capped"
        events = investigated_accused(events, sent, char_offset)
        events = drop_targetless_duplicates(dedupe(events))
        awaiting = [e for e in events if awaits_earlier_act(e, sent, char_offset, self.lexicon)]
        return drop_commercial(drop_unplaced(drop_partnerless(events, keep=awaiting)))

    def _blame_events(self, blame: Blame, context: SentenceContext, doc_id: str, sentence_index: int,
                      offset: int) -> Iterator[Event]:
        """A state or organisation saying someone was behind an act accuses them (112); saying it of its own
        side claims the act (015)."""
        mentions = context.mentions
        speakers = [m for m in source_actors(blame.verb, mentions) if m.actor.role != PRIVATE_PERSON]
        if not _political(speakers) and not any(POLITICAL_SECTORS & set(m.actor.sectors) for m in speakers):
            return
        blamed = mentions.actors(blame.blamed)
        speaker_side = {m.actor.code for m in speakers}  # the army blaming the country's rebels accuses them
        match = Match(blame.word, self.accusation)
        rule = "blame-predicate"
        own_side = blamed and {m.actor.code for m in blamed} <= speaker_side or (
            not blamed and blame.blamed.lower_ in SPEAKER_PRONOUNS)
        if own_side and blame.code != "112":
            return  # "we said our decision was wrong": no verdict on anyone else
        if own_side:
            plans = pairs(speakers, [], "015", "asserted", False, rule + "+claim")
        else:
            plans = pairs(speakers, [m for m in blamed if m.actor.code not in speaker_side], blame.code, "asserted",
                          False, rule if blame.code == "112" else "verdict-predicate")
        for plan in plans:
            if plan.target is not None or plan.code == "015":
                yield self._event(match, plan, context, doc_id, sentence_index, offset)

    # -- finding triggers ---------------------------------------------------------------
    def _triggers(self, sent: Span) -> list[Match]:
        found = []
        for token in sent:
            pos = coarse_pos(token)
            if pos is None or (pos == "VERB" and token.dep_ in MODIFIER_DEPS):
                continue  # "occupied territories", "armed groups": a participle describing a noun
            if inside_name(token):
                continue  # "the Organisation of Islamic Cooperation": a word of a body's name, not its act
            for lemma in lemma_forms(token):
                entry = next(
                    (e for e in self.lexicon.candidates(lemma, pos) if conditions_hold(token, e)), None
                )
                if entry is not None:
                    found.append(Match(token, entry))
                    break
        content_verbs = {m.token.i: m for m in found if m.entry.pos == "VERB" and not m.entry.frame}
        for m in found:  # "condemned the invasion": the invasion is the condemnation's topic, done by others
            if m.entry.pos == "NOUN" and m.token.dep_ in ("dobj", "nsubjpass") and m.token.head.i in content_verbs:
                m.topic_of = content_verbs[m.token.head.i]
        for m in found:
            weapon = violent_instrument(m, found)
            if weapon is not None:  # "a car bomb killed ten soldiers": the killing is the car bombing
                m.entry = replace(m.entry, id=f"{m.entry.id}+{weapon.entry.id}", cameo=weapon.entry.cameo)
            else:
                arm = weapon_code(m)
                if arm is not None:  # "warplanes struck rebel positions": aerial weapons (195)
                    m.entry = replace(m.entry, id=f"{m.entry.id}+weapon", cameo=arm)
        denials = {m.token.i for m in found if m.entry.cameo == DENIAL_CODE and m.entry.pos == "VERB"}
        found = [m for m in found if not _accused_act(m) and not _denied_act(m, denials)]
        consumed = {obj.i for m in found for obj in required_objects(m)}
        trigger_ids = {m.token.i for m in found if not m.entry.frame}
        protest_ids = {m.token.i for m in found if (m.entry.cameo or "").startswith("14")}
        return [m for m in found if m.token.i not in consumed and not argument_of_trigger(m, trigger_ids)
                and not purpose_of_protest(m, protest_ids)]

    # -- frames ----------------------------------------------------------------------------
    def _attach_contents(self, frame: Match, by_token: dict[int, Match]) -> None:
        clausal, other = complement_roots(frame)
        for roots in ([r for r in clausal], [r for r in other]):
            contents = [m for root in roots for m in matches_under(root, by_token) if m is not frame]
            if frame.entry.frame == "speech":
                contents = [m for m in contents if not m.entry.frame and m.framed_by is None]
            if contents:
                for content in outermost(contents):
                    if content.entry.frame and content.entry.frame != "speech" and not content.contents:
                        self._attach_contents(content, by_token)
                    if content.framed_by is None:
                        content.framed_by = frame
                        frame.contents.append(content)
                return

    # -- building events -----------------------------------------------------------------
    def _events_for(
        self, match: Match, context: SentenceContext, doc_id: str, sentence_index: int, offset: int
    ) -> Iterator[Event]:
        """Lazily, so that capping the pairs of a long actor list never builds the ones it drops."""
        mentions = context.mentions
        entry = match.entry
        if match.topic_of is not None:
            sources = own_noun_sources(match.token, mentions)
        else:
            sources = source_actors(match.token, mentions)
        asked_of = entry.frame in ("appeal", "demand") and entry.pos == "VERB" and syntax.is_passive(match.token)
        if entry.frame and not sources and match.contents and not asked_of:
            # "was urged to resign": the one urged does the framed act; who urged is not said
            sources = source_actors(match.contents[0].token, mentions)
        feeler = _passive_feeler(match)
        if feeler is not None:
            sources = mentions.actors(feeler)  # "X is concerned by"
        if entry.frame == "appeal" and not sources:
            sources = agentless_appealer(match, mentions)
        sources = [m for m in sources if m.actor.role != PRIVATE_PERSON]  # what private people do is private
        if entry.frame == "speech":
            plans = self._speech_plans(match, mentions, sources)
        elif entry.frame:
            plans = self._frame_plans(match, mentions, sources)
        else:
            plans = self._content_plans(match, mentions, sources)
        for plan in plans:
            if plan.source is not None and plan.source.role == PRIVATE_PERSON:
                continue  # "Williams met his lawyer": what private people do is private
            yield self._event(match, plan, context, doc_id, sentence_index, offset)

    def _judged_acts(self, match: Match) -> list[Token]:
        """ "condemned the air attack on the camp in South Sudan": the violent acts a verdict is about, whose
        place is where they happened, not whom the verdict is aimed at."""
        if (match.entry.cameo or "")[:2] not in JUDGING_ROOTS or match.entry.pos != "VERB":
            return []
        return [o for o in match.token.children if o.dep_ in ("dobj", "nsubjpass") and any(
            e.cameo and e.cameo[:2] in VIOLENT_ROOTS for e in self.lexicon.candidates(o.lemma_.lower(), "NOUN"))]

    def _content_plans(self, match: Match, mentions: MentionIndex, sources: list[ActorMention]) -> Iterator[Plan]:
        entry = match.entry
        if not sources and (entry.cameo or "")[:2] in CROWD_ROOTS and entry.pos == "NOUN":
            sources = [CROWD]  # "Protests spread across Greece": the people protest; the venue gives the country
        if not sources and _rioted_unnamed(match):
            sources = [CROWD]  # "a police station was firebombed": rioters' violence, by rioters unnamed
        if (entry.reciprocal or entry.mutual) and "between" in entry.targets:
            pair = slot_actors(match.token, "between", mentions, match.token)  # "talks between X and Y resumed"
            verb = syntax.support_verb(match.token) if entry.pos == "NOUN" else None
            if not pair and not sources and verb is not None and match.token.dep_ == "nsubj":
                pair = slot_actors(verb, "between", mentions, match.token)  # "fighting broke out between"
            if len(pair) > 1 or not sources:
                sources = pair or sources  # "a prisoner swap between X and Y": the parties, not the prisoners
        if not sources:
            sources = implicit_agents(match.token, entry.cameo or "") or attributing_speaker(
                match.token, mentions, entry.cameo or "") or private_filer(match.token, entry.cameo or "", mentions) \
                or deployed_forces(match.token, entry.cameo or "", mentions) or unnamed_inquirers(match.token,
                                                                                   entry.cameo or "")
        if _verbal_attack(match, mentions, sources):
            entry = self.criticism
        undergoer = under_subject(match.token, entry)
        victims = holders(undergoer, mentions) if undergoer is not None else []
        if victims:
            victim_heads = {m.head for m in victims}
            sources = [m for m in sources if m.head not in victim_heads] or first_actors(
                list(syntax.child_prep_objects(match.token.head.head, {"from", "by"})), mentions)
            if _criticised_not_attacked(match.token, undergoer, victims, sources):
                entry = self.criticism  # "the minister came under fire from the opposition"
        targets = victims or armed_victims(match.token, entry.cameo or "", sources, mentions) or target_actors(
            match.token, entry, mentions)
        if not targets and (entry.cameo or "")[:2] in VIOLENT_ROOTS and sources and not any(
                (m.actor.sectors and set(m.actor.sectors) & ARMED_SECTORS) or m.actor.kind == "country"
                or _state_violence(m, match.token) for m in sources):
            return  # "his attacks on mail-in voting", "a Brazilian striker shot wide": violence with no
            # victim, by no armed actor
        received = _received_from(match, mentions)
        if received is not None:
            sources, targets = received
        if not sources and _street_clash(match, targets):
            sources = [CROWD]  # "riots and clashes with police": the crowd clashes
        if not targets:
            targets = suspect_targets(match.token, entry.cameo or "") or custody_targets(
                match.token, entry.cameo or "", mentions) or undergoer_targets(match.token, mentions)
        each_other = acts_on_each_other(match.token)
        felt = entry.cameo in FEELING_CODES and entry.pos == "VERB" and syntax.is_passive(match.token)
        denied = entry.cameo == DENIAL_CODE and any(c.dep_ in ("xcomp", "ccomp", "pcomp") for c in match.token.children)
        # "denied sending troops to Somalia": a denial is aimed at an accuser, not at the denied act's victims
        if not targets and not each_other and not felt and not denied and not (entry.reciprocal and len(sources) > 1):
            # "concerned by the tensions between Sudan and South Sudan": a feeling is about what its
            # about/over phrase names, not whatever the by-phrase mentions
            judged = self._judged_acts(match)  # aimed at whoever did the act, not at its place or victims
            targets = ((fallback_targets(match.token, mentions, sources) if not judged else
                        _doers(judged, match.token, mentions, sources)) or bereaved(entry.cameo or "")
                       or arrested_people(match.token, entry.cameo or "") or measure_owner(match.token, entry.cameo or ""))
        if not targets and entry.cameo == DENIAL_CODE:
            targets = _accusers(match.token, mentions, sources)
        if not targets and (entry.lemma in LET_DOWN_WORDS or entry.id.endswith(WITHDRAWN_PAPERS)):
            # "fans were disappointed by the result": a let-down with nobody to blame is no event; nor is
            # a permit withdrawn from nobody the sentence names (the ban beside it says whose)
            return
        if entry.cameo == WARNING_CODE and entry.pos == "VERB" and not targets and any(
                c.dep_ == "ccomp" for c in match.token.children):
            return  # "prosecutors warned such charges could trigger a challenge": a forecast, threatening no one
        if (entry.cameo or "") in UNADDRESSED_CODES:
            targets = []  # "would not confirm the gang links": no comment is made to anyone
        if (entry.cameo or "") in VISIT_CODES:
            targets = [t for t in targets if not _home_town(t, sources)]
        if each_other and not targets and len(sources) > 1:
            code, modality = self._code_and_modality(match.token, entry.cameo or "", entry)
            yield from pairs(sources, [], code, modality, True, entry.rule)
            return
        code, modality = self._code_and_modality(match.token, entry.cameo or "", entry)
        modality = _reported(match.token, modality, sources, mentions)
        if not sources:
            yield from _unknown_perpetrator(match.token, code, modality, targets, entry.rule, bool(victims))
            return
        both_ways = code == entry.cameo  # "X will not negotiate with Y" is X's refusal (125), not Y's too
        yield from pairs(sources, targets, code, modality, entry.reciprocal and both_ways, entry.rule,
                         entry.mutual and both_ways)

    def _speech_plans(self, frame: Match, mentions: MentionIndex, sources: list[ActorMention]) -> Iterator[Plan]:
        """A speaker's clause about its own side: "said it would send aid" is an intent (03), "insisted its
        forces had not attacked" a denial (016); a clause about others is coded as its own event, reported."""
        speaker_side = {who(m.actor) for m in sources}
        for content in frame.contents:
            content_sources = source_actors(content.token, mentions)
            anchor = syntax.support_verb(content.token) if content.entry.pos == "NOUN" else None
            subject = syntax.clause_subject(anchor or content.token)  # "said they made 86 arrests"
            feeler = _passive_feeler(content)
            if feeler is not None:  # "said he was saddened by the deaths": he, not the deaths, is saddened
                subject, content_sources = feeler, mentions.actors(feeler)
            refers_back = subject is not None and subject.lower_ in SPEAKER_PRONOUNS and not content_sources and (
                subject.lower_ in FIRST_PERSON or not inside_quotes(subject))  # a quoted "they" is somebody else
            code = content.entry.cameo or ""
            own_people = _own_people(subject, content_sources)
            if own_people:
                content_sources = []  # the speaker's own soldiers act for it
            own = refers_back or own_people or bool(speaker_side & {who(m.actor) for m in content_sources}) or (
                not content_sources and _speakers_own_office(sources, content.token, code))
            if not own and frame.token.lemma_ in ACCUSING_VERBS and _accuses(sources, content, content_sources):
                victims = [m for m in target_actors(content.token, content.entry, mentions)
                           if who(m.actor) not in speaker_side]
                accused = [m for m in content_sources if who(m.actor) not in speaker_side]
                yield from retrigger(pairs(sources, accused or victims, "112", "asserted", False,
                                             frame.entry.rule + "+accusation"), content.token)
                # and what is alleged, as a reported event: users filter on modality
                yield from retrigger(self._content_plans(content, mentions, content_sources), content.token)
                continue
            if not own or not sources or content.entry.frame:
                yield from retrigger(self._content_plans(content, mentions, content_sources), content.token)
                continue
            targets = target_actors(content.token, content.entry, mentions) or fallback_targets(
                content.token, mentions, sources)
            negated = syntax.negated(content.token)
            modality = local_modality(content.token)
            if negated and code[:2] >= "14":
                yield from pairs(sources, targets, "016", "asserted", False, frame.entry.rule + "+denial")
            elif not negated and not modality and code[:2] >= "14" and frame.token.lemma_ in CLAIM_VERBS:
                yield from pairs(sources, targets, "015", "asserted", False, frame.entry.rule + "+claim")
                if frame.token.lemma_ in CONCEDING_VERBS:  # "acknowledged its forces had shot down the jet":
                    # owned up to, the act is a fact, done by the speaker's side; "claimed" leaves it a claim
                    yield from retrigger(self._content_plans(content, mentions, content_sources or sources),
                                         content.token)
            elif not negated and modality in ("future", "hypothetical") and code[:2] in COOPERATIVE_ROOTS:
                intent = self.lexicon.frame_code("intent", code) or code
                yield from pairs(sources, targets, intent, "asserted", False, frame.entry.rule + "+intent")
            elif not negated and modality in ("future", "hypothetical") and code[:2] >= "14" and (
                    targets or code[:2] != "17") and (  # "said transport would be shut down": a measure, no threat
                    targets or code[:2] not in VIOLENT_ROOTS or _can_use_force(sources, content.token)):
                # "Obama said he would fight to keep the protections": force with no one to use it on, by
                # no one able to, is a figure of speech
                threat = self.lexicon.frame_code("threaten", code) or code
                yield from pairs(sources, targets, threat, "asserted", False, frame.entry.rule + "+threat")
            else:
                plans = self._content_plans(content, mentions, content_sources or sources)
                yield from retrigger(plans, content.token)

    def _frame_plans(self, frame: Match, mentions: MentionIndex, sources: list[ActorMention]) -> Iterator[Plan]:
        entry = frame.entry
        if any(c.kind == "modal" for c in entry.conditions) and _advice_to_no_one(frame, mentions):
            return
        addressees = target_actors(frame.token, entry, mentions)
        if not addressees and entry.frame == "appeal":
            addressees = public_addressees(frame.token)
        if not addressees and frame.answers is not None:
            addressees = [m for m in source_actors(frame.answers.token, mentions)
                          if m.actor.code not in {s.actor.code for s in sources}]
        if not frame.contents and not addressees and entry.frame in ("intent", "reject"):
            addressees = _partners_intended(frame.token, mentions, sources)  # "pledged to work with Uganda"
        if not frame.contents and not addressees and entry.frame in ("intent", "reject", "threaten"):
            return  # "sought to mend ties": too vague to code without what is intended or refused
        if entry.frame == "appeal" and not frame.contents and addressees and all(
                frame.token.doc[m.head].lemma_.lower() in ELECTORATE_WORDS for m in addressees):
            return  # "delivered his final plea to voters": campaigning (docs/annotation.md: elections as such)
        contents = frame.contents or [None]
        for content in contents:
            if content is not None and _turned_down_resignation(frame, content):
                continue
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
                targets = clause_subject_actors(frame.token, mentions, sources)
            if not targets:
                targets = fallback_targets((content or frame).token, mentions, sources)
            rule = entry.rule + (f"+{content.entry.rule}" if content else "")
            reciprocal = bool(content and content.entry.reciprocal and not targets)
            yield from pairs(sources, targets, code, _reported(frame.token, modality, sources, mentions),
                              reciprocal, rule, bool(content and content.entry.mutual and not addressees))

    def _content_targets(
        self, frame_name: str, content: Match, mentions: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """Who a framed event is aimed at when the frame names no addressee."""
        source_codes = {m.actor.code for m in sources}
        subject = [m for m in mentions.actors(syntax.clause_subject(content.token)) if m.actor.code not in source_codes]
        objects = target_actors(content.token, content.entry, mentions)
        if frame_name in ("appeal", "demand"):
            return subject or objects
        return objects or subject

    def _code_and_modality(self, token: Token, code: str, entry: LexEntry) -> tuple[str, str]:
        if syntax.negated(token):
            if entry.if_negated:  # "would not confirm", "will not accept": a refusal stated now
                modality = local_modality(token)
                conditional = any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in token.children)
                stated = modality in (None, "future", "hypothetical") and not conditional
                return entry.if_negated, "asserted" if stated else modality
            if code[:2] in COOPERATIVE_ROOTS and has_modal(token):
                return self.lexicon.frame_code("reject", code) or code, "asserted"
            return code, "negated"
        return code, local_modality(token) or "asserted"

    def _event(self, match: Match, plan: Plan, context: SentenceContext, doc_id: str,
               sentence_index: int, offset: int) -> Event:
        token = plan.trigger if plan.trigger is not None else match.token
        where = context.venue(token) or context.home
        plan = domesticate(generic_bodies_at_home(plan, where), where)
        plan = foreign_bans(private_suspects(aimed_at_government(officials_complain(street_force(plan)))))
        plan = abducted_by_armed_groups(plan)
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
            text=context.text,
            trigger=trigger_text,
            span=(start + offset, end + offset),
            rule=plan.rule,
        )


#: what a resignation turned down is: "rejected the minister's resignation", "declined his offer to resign"
RESIGNATION_OFFERS = {"offer", "resignation", "letter"}


def _turned_down_resignation(frame: Match, content: Match) -> bool:
    """ "Zelensky declined the prime minister's offer to resign": turning down someone's resignation is no
    event (docs/annotation.md, like resignations); "refused to resign" and "rejected calls for his
    resignation" are refusals to yield (1231)."""
    if frame.entry.frame != "reject" or not (content.entry.cameo or "").startswith("0831"):
        return False
    path = [content.token] + [t for t in content.token.ancestors if t.i != frame.token.i][:3]
    path = path[:next((i for i, t in enumerate(path) if t.head.i == frame.token.i), len(path) - 1) + 1]
    return path[-1].head.i == frame.token.i and path[-1].dep_ in ("dobj", "nsubjpass") and \
        path[-1].lemma_.lower() in RESIGNATION_OFFERS


#: pronouns standing for actors named before ("said they should leave"); "it" mostly stands for a thing
ACTOR_PRONOUNS = {"they", "he", "she", "you"}
MODAL_CLAUSE_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}


def _passive_feeler(match: Match) -> Token | None:
    """Who feels a feeling told in the passive ("the agency is concerned by the fighting", "he was saddened
    by the deaths"): the passive subject, never what the by-phrase names."""
    entry = match.entry
    if entry.cameo not in FEELING_CODES | {"018", "110"} or entry.pos != "VERB" or not syntax.is_passive(match.token):
        return None
    return next(iter(syntax.children(match.token, "nsubjpass")), None)


def _release_other_clauses(frame: Match) -> None:
    """What a should/must frame took from a conjoined clause with its own subject is an event of its own."""
    for content in [m for m in frame.contents if _in_other_clause(m.token, frame.token)]:
        frame.contents.remove(content)
        content.framed_by = None


def _in_other_clause(token: Token, frame: Token) -> bool:
    """ "said the forest should be opened up, and his critics blame him": an act in a conjoined clause with
    a subject of its own is not what the should-clause says."""
    current = token
    while current.i != frame.i and current.head.i != current.i:
        if current.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in current.children):
            return True
        current = current.head
    return False


def _advice_to_no_one(frame: Match, mentions: MentionIndex) -> bool:
    """ "said the economy should grow", "said the rainforest should be opened up to farming": a should/must
    clause about a thing is an opinion, no appeal or demand to anyone (docs/annotation.md: a bare "said" is
    no event). "said Uganda should withdraw", "said they should leave", "said the talks should resume" and
    "said the sanctions must be lifted" (a framed act whose doer is left unnamed) are appeals."""
    contents = {t.i for m in frame.contents for t in (m.token, *m.token.subtree)}
    for clause in complement_roots(frame)[0]:
        subjects = [c for c in clause.children if c.dep_ in MODAL_CLAUSE_SUBJECTS]
        if not subjects:
            return False
        subject = subjects[0]
        if subject.lower_ in ACTOR_PRONOUNS or mentions.actors(subject) or subject.i in contents:
            return False
        if contents and (subject.dep_ in ("nsubjpass", "csubjpass", "expl") or syntax.is_passive(clause)):
            return False
    return True


#: verbs of working together that name the partner: "pledged to work with Uganda", "vowed to help Kenya"
PARTNERING_VERBS = {"work", "help", "assist", "cooperate", "collaborate", "partner", "stand", "engage", "team"}


def _partners_intended(frame: Token, mentions: MentionIndex, sources: list[ActorMention]) -> list[ActorMention]:
    """The partner of an intended joint act no lexicon entry codes ("pledged to work with Uganda on
    security", "promised to help Uganda rebuild"): the intent to cooperate (030) is aimed at it."""
    own = {m.actor.code for m in sources}
    for verb in syntax.children(frame, "xcomp"):
        if verb.lemma_.lower() not in PARTNERING_VERBS or syntax.negated(verb):
            continue
        objects = syntax.children(verb, "dobj") + list(syntax.child_prep_objects(verb, {"with", "by", "alongside"}))
        found = [m for o in objects for m in mentions.actors(o) if m.actor.code not in own
                 and (m.actor.country or m.actor.igo)]
        if found:
            return found
    return []


def _doers(acts: list[Token], verdict: Token, mentions: MentionIndex,
           sources: list[ActorMention]) -> list[ActorMention]:
    """Who the sentence says did the judged acts ("Israel's strikes", "the invasion by Russia", where
    parsers often hang the by-phrase on the verdict); never who or where the acts hit."""
    own = {m.actor.code for m in sources}
    doers = [m for act in acts for m in own_noun_sources(act, mentions) if m.actor.code not in own]
    if doers:
        return doers
    return [m for by in syntax.child_prep_objects(verdict, {"by"}) for m in mentions.actors(by)
            if m.actor.code not in own]


#: nouns that point back to an accusation: "investigating the allegations" is investigating its target
ALLEGATION_NOUNS = {"allegation", "accusation", "claim", "complaint", "charge", "case", "report"}


def investigated_accused(events: list[Event], sent: Span, offset: int) -> list[Event]:
    """ "A case was filed against him, and police said they would investigate the allegations": an
    investigation of allegations that names no one is of whoever the sentence's accusation or suit is
    against."""
    accused = next((e.target_actor for e in events if e.cameo[:2] == "11" and e.target_actor is not None), None)
    if accused is None:
        return events
    starts = {t.idx + offset: t for t in sent}
    for event in events:
        token = starts.get(event.span[0])
        if event.cameo[:2] != "09" or event.target_actor is not None or token is None:
            continue
        verb = syntax.support_verb(token) if token.pos_ == "NOUN" else None
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        objects += [g for head in (token, verb) if head is not None for c in head.children
                    if c.dep_ == "prep" and c.lower_ in ("into", "of") for g in c.children]
        if any(o.lemma_.lower() in ALLEGATION_NOUNS for o in objects):
            event.target_actor = accused
    return events


def _state_violence(source: ActorMention, trigger: Token) -> bool:
    """ "Turkish airstrikes", "Israeli shelling": a country's adjective on the violent noun itself names
    the state that used the force, whatever it hit."""
    return source.start <= trigger.i < source.end and bool(source.actor.country) and not source.actor.sectors


CLAIM_VERBS = {"claim", "admit", "acknowledge", "confirm"}
CONCEDING_VERBS = CLAIM_VERBS - {"claim"}


ACCUSING_ROOTS = {"17", "18", "19", "20"}




ACCUSING_VERBS = {"say", "claim", "allege", "insist", "state", "maintain", "declare", "assert", "charge", "tell"}


def _speakers_own_office(speakers: list[ActorMention], token: Token, code: str) -> bool:
    """ "Williams was arrested on Sunday, the Highway Patrol said": police telling of an arrest nobody else
    is said to have made tell of their own act, as prosecutors do of a charge and a minister of a measure
    ("said transport would be shut down"); it is no accusation."""
    sector = IMPLICIT_AGENT_SECTORS.get(code)
    sectors = {sector, "COP"} if code.startswith("172") else {sector}  # police close roads too
    if sector is None or not any(sectors & set(m.actor.sectors) for m in speakers):
        return False
    if token.pos_ == "ADJ":
        return code.startswith("172")
    return token.pos_ in ("VERB", "AUX") and syntax.is_passive(token) and syntax.agent_of(token) is None


def _accuses(speakers: list[ActorMention], content: Match, content_sources: list[ActorMention]) -> bool:
    """A state or organisation saying another side used force is accusing it (CAMEO 112); news media
    and unnamed sources only report."""
    code = content.entry.cameo or ""
    if code[:2] not in ACCUSING_ROOTS or syntax.negated(content.token) or local_modality(content.token):
        return False
    return _political(speakers) and bool(content_sources or syntax.is_passive(content.token))


def _political(speakers: list[ActorMention]) -> bool:
    """States and organisations accuse; news media and unnamed sources only report."""
    return any(m.actor.igo or (m.actor.country and (not m.actor.sectors or POLITICAL_SECTORS & set(m.actor.sectors)))
               for m in speakers)


STREET_SIDES = {"COP", "CVL", "OPP", "LAB", "EDU"}


def _rioted_unnamed(match: Match) -> bool:
    """ "A police station in Athens was firebombed": street violence (145) in an agentless passive is done
    by the crowd, as protests are (docs/annotation.md: rioters firebombing a police station is 145)."""
    token = match.token
    return (match.entry.cameo or "").startswith("145") and token.pos_ in ("VERB", "AUX") and \
        syntax.is_passive(token) and syntax.agent_of(token) is None


def _can_use_force(sources: list[ActorMention], trigger: Token) -> bool:
    """Armed forces, rebels, police, a state as such: actors whose threats of force with no named target
    are still threats."""
    return any((m.actor.sectors and set(m.actor.sectors) & ARMED_SECTORS) or m.actor.kind == "country"
               or _state_violence(m, trigger) for m in sources)


def _street_clash(match: Match, targets: list[ActorMention]) -> bool:
    """ "clashes with police", "clashes with counter-protesters" naming no one else: street violence,
    which filters.street_force codes as riot and repression."""
    entry = match.entry
    return (entry.pos == "NOUN" and entry.mutual and (entry.cameo or "")[:2] in VIOLENT_ROOTS and bool(targets)
            and all(m.actor.sectors and set(m.actor.sectors) <= STREET_SIDES for m in targets))


def _unknown_perpetrator(token: Token, code: str, modality: str, targets: list[ActorMention],
                         rule: str, undergone: bool = False) -> Iterator[Plan]:
    """ "The camp was bombed", "twin bombings killed 20 civilians in Jolo": violence against named victims
    is news even when nobody is said to have done it; its source stays empty (docs/annotation.md)."""
    if code[:2] not in VIOLENT_ROOTS or not targets:
        return
    subjects = syntax.children(token, "nsubj") if token.pos_ in ("VERB", "AUX") else []
    by_violence = any(s.lemma_.lower() in DELIBERATE_VIOLENCE for s in subjects)  # "bombings killed 14 soldiers"
    if token.lemma_.lower() not in DELIBERATE_VIOLENCE and not by_violence and not undergone:
        return  # "climbers killed", "was struck by a car": harm is not an attack unless the words say so
    if token.pos_ in ("VERB", "AUX") and not syntax.is_passive(token) and not by_violence:
        return  # an active verb with no subject found is a parse we do not trust
    for target in targets:
        if target.actor.country or target.actor.igo:
            yield Plan(None, target.actor, code, modality, rule + "+unknown-source")


def _accused_act(match: Match) -> bool:
    """ "attributed the bombing to Houthi rebels", "blamed the attack on Iran": the violence is what the
    accusation is about, and the accused is not its victim (docs/annotation.md: the alleged attack is not
    coded separately)."""
    topic = match.topic_of
    return topic is not None and (topic.entry.cameo or "").startswith("112") and \
        (match.entry.cameo or "")[:2] in VIOLENT_ROOTS


def _appeal_turned_down(refusal: Match, frames: list[Match]) -> Match | None:
    """ "The government asked the judge to delay his ruling, but he declined": a bare refusal coordinated
    with an earlier appeal or demand turns that appeal down (12x, towards whoever made it)."""
    token = refusal.token
    if token.dep_ != "conj" or any(c.dep_ in ("dobj", "xcomp", "ccomp", "dative") for c in token.children):
        return None
    head = token.head
    return next((m for m in frames if m.token.i == head.i and m.entry.frame in ("appeal", "demand")), None)


#: possessives by which a speaker's clause names its own people: "said its soldiers had killed ..."
OWN_POSSESSIVES = {"its", "their"}  # "our", "my" in a quote are the speaker, left to the quote stage


def _own_people(subject: Token | None, content_sources: list[ActorMention]) -> bool:
    """ "The army acknowledged that its soldiers had killed civilians": soldiers the speaker calls its own,
    with no country of their own in the sentence, are the speaker's side, not others it accuses."""
    return subject is not None and any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in subject.children) \
        and bool(content_sources) and not any(m.actor.country or m.actor.igo for m in content_sources)


def _denies_a_fact(match: Match, matches: list[Match], mentions: MentionIndex) -> bool:
    """ "The FSB denies the two explosions are related": denying a claim about things, with no act in it and
    no actor doing anything, denies no one's responsibility (016 is for denied acts and accusations)."""
    if match.entry.cameo != DENIAL_CODE or match.entry.conditions:
        return False
    clauses = [c for c in match.token.children if c.dep_ == "ccomp"]
    if not clauses:
        return False
    inside = {t.i for clause in clauses for t in clause.subtree}
    if any(m.token.i in inside for m in matches if m is not match):
        return False
    subjects = [c for clause in clauses for c in clause.children if c.dep_ in MODAL_CLAUSE_SUBJECTS]
    return bool(subjects) and all(
        s.pos_ != "PRON" and not mentions.actors(s) for s in subjects)


def _accusers(verb: Token, mentions: MentionIndex, sources: list[ActorMention]) -> list[ActorMention]:
    """ "denied the accusations made by Uganda", "rejected claims levelled by the opposition": whoever the
    denied accusation's own clause names as its maker (docs/annotation.md: 016 goes to the accuser)."""
    own = {m.actor.code for m in sources}
    for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
        for clause in (c for c in obj.children if c.dep_ in ("acl", "relcl")):
            for agent in (a for a in clause.children if a.dep_ == "agent"):
                found = [m for p in agent.children if p.dep_ == "pobj" for m in mentions.actors(p)
                         if m.actor.code not in own]
                if found:
                    return found
    return []


DENIAL_CODE = "016"
#: how a denial verb takes the act it denies: "denied killing civilians", "denied that they had fired"
DENIED_DEPS = {"xcomp", "ccomp", "dobj", "pcomp"}


def _denied_act(match: Match, denials: set[int]) -> bool:
    """ "The army denied killing civilians": the killing is what is denied (016), not an act to code."""
    token = match.token
    return not match.entry.frame and token.dep_ in DENIED_DEPS and token.head.i in denials and \
        token.head.i != token.i


#: verbs for harm that say nothing of how it was done: the violent noun that did it says how
GENERIC_HARM_CODES = {"180", "190"}
#: prepositions by which a harm verb names the violent act it came about in: "killed in an airstrike"
INSTRUMENT_PREPS = {"in", "by", "during", "with"}


#: weapons that say how force was used when they are a generic attack verb's subject or instrument
AERIAL_WEAPONS = {"warplane", "jet", "aircraft", "plane", "drone", "helicopter", "gunship", "bomber", "uav"}
HEAVY_WEAPONS = {"tank", "artillery", "howitzer", "mortar", "rocket", "shell", "cannon"}  # a missile may be either
WEAPON_CODES = {**{w: "195" for w in AERIAL_WEAPONS}, **{w: "194" for w in HEAVY_WEAPONS}}


def weapon_code(match: Match) -> str | None:
    """ "Kenyan warplanes struck", "drones attacked the convoy", "shelled the town with tanks": a generic
    attack verb done by, or with, aerial or heavy weapons is that kind of fight (195 / 194)."""
    token = match.token
    if match.entry.cameo != "190" or match.entry.frame or token.pos_ not in ("VERB", "AUX"):
        return None
    weapons = list(syntax.child_prep_objects(token, {"with"}))
    if not syntax.is_passive(token):
        weapons += syntax.children(token, "nsubj")
    for weapon in weapons:
        if weapon.lemma_.lower() in WEAPON_CODES:
            return WEAPON_CODES[weapon.lemma_.lower()]
    return None


def violent_instrument(match: Match, found: list[Match]) -> Match | None:
    """The more specific violent noun a generic harm verb's killing or striking was done by: its subject
    ("a car bomb killed", "the airstrike that killed", "twin bombings struck") or the act it happened in
    ("were killed in an airstrike", "killed the general in a drone strike", "the killing ... in an
    airstrike"). Weapons and attacks are never actors; one act reported twice is one event."""
    if match.entry.cameo not in GENERIC_HARM_CODES or match.entry.frame:
        return None
    token = match.token
    nouns = {m.token.i: m for m in found if m.entry.pos == "NOUN" and not m.entry.frame
             and (m.entry.cameo or "")[:2] in VIOLENT_ROOTS and m.entry.cameo not in GENERIC_HARM_CODES}
    if not nouns:
        return None
    verb = token.pos_ in ("VERB", "AUX")
    candidates = list(syntax.child_prep_objects(token, INSTRUMENT_PREPS if verb else {"in"}))
    for obj in syntax.children(token, "dobj") if verb else []:  # "killed 50 militants in airstrikes"
        candidates += syntax.child_prep_objects(obj, {"in"})
    if verb:
        candidates += [syntax.undo_relative(s, token) for s in syntax.children(token, "nsubj")]
    for candidate in candidates:
        for inner in [candidate] + [c for c in candidate.children if c.dep_ == "conj"]:
            if inner.i in nouns:
                return nouns[inner.i]
    return None


VISIT_CODES = frozenset({"042", "043"})


def _home_town(target: ActorMention, sources: list[ActorMention]) -> bool:
    """ "The president visited the town of Pandeglang": a town of the visitor's own country, named alone,
    is where a trip went, not an actor visited (its residents, "Mombasa residents", are)."""
    return target.rule == "city:gazetteer" and any(s.actor.country == target.actor.country for s in sources)


RECEIVING_VERBS = frozenset({"receive", "get", "obtain", "win", "secure", "accept", "welcome"})
RECEIVED_ROOTS = ("06", "07")  # material cooperation and aid: what one receives was given by another


def _received_from(match: Match, mentions: MentionIndex) -> tuple[list[ActorMention], list[ActorMention]] | None:
    """ "Yemen received aid from Saudi Arabia", "Kenya won support from the AU": the one who receives the
    act is its target, and whoever it came "from" (or nobody named) its source."""
    entry = match.entry
    if entry.pos == "VERB" and entry.lemma in RECEIVING_VERBS and (entry.cameo or "")[:2] in RECEIVED_ROOTS:
        verb = match.token  # "received weapons from the government": the lexicon codes the thing received
    elif entry.pos == "NOUN" and match.token.dep_ == "dobj":
        verb = syntax.support_verb(match.token)
        if verb is None or verb.lemma_.lower() not in RECEIVING_VERBS:
            return None
    else:
        return None
    receivers = mentions.actors(syntax.clause_subject(verb))
    if not receivers:
        return None
    origins = list(syntax.child_prep_objects(verb, {"from"}))
    if match.token is not verb:
        origins += list(syntax.child_prep_objects(match.token, {"from"}))
    return first_actors(origins, mentions), receivers


def _verbal_attack(match: Match, mentions: MentionIndex, sources: list[ActorMention]) -> bool:
    """ "Trump attacked the impeachment inquiry": a violent verb aimed at an idea, by someone unarmed,
    is criticism (111), not force."""
    entry = match.entry
    if entry.pos != "VERB" or (entry.cameo or "")[:2] not in VIOLENT_ROOTS or entry.lemma not in VERBAL_SENSES:
        return False  # one cannot blockade, shell or occupy an idea
    if entry.targets[:1] != ("dobj",) or any(c.kind in ("dobj", "objmod") for c in entry.conditions):
        return False  # "fired batteries at Russia": the object is the weapon, not what is attacked
    if any(set(m.actor.sectors) & ARMED_SECTORS for m in sources):
        return False
    objects = syntax.children(match.token, "dobj")
    if not objects:
        return False
    obj = objects[0]
    if _person_against_person(sources, mentions.actors(obj)):
        return True  # "Biden attacked Trump on taxes": one politician on another is rhetoric
    named = obj.pos_ in ("PROPN", "PRON") or obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
    return not named and obj.lemma_.lower() not in PHYSICAL_TARGETS and not _names_people(obj)


def _person_against_person(sources: list[ActorMention], targets: list[ActorMention]) -> bool:
    """A named politician, unarmed, "attacking" another politician or a political body (the Senate,
    the press, a party): what is attacked is their politics."""
    def public_person(mention: ActorMention) -> bool:
        actor = mention.actor
        return actor.kind == "person" and bool(actor.name) and not set(actor.sectors) & ARMED_SECTORS

    def political_body(mention: ActorMention) -> bool:
        sectors = set(mention.actor.sectors)
        return public_person(mention) or (bool(sectors) and sectors <= POLITICAL_BODIES)
    return bool(sources) and bool(targets) and all(map(public_person, sources)) and all(map(political_body, targets))


POLITICAL_BODIES = {"GOV", "LEG", "JUD", "PTY", "OPP", "MED", "ELI", "NGO", "HRI"}


def _names_people(token: Token) -> bool:
    """Is the word one the actor tables know as a role ("troops", "police") or a named actor?"""
    from eventwire.actors import load_gazetteer

    tables = load_gazetteer()
    return any(e.kind in ("role", "country", "igo", "org")
               for e in tables.meanings(token.lower_) + tables.meanings(token.lemma_))


def _innermost_code(content: Match) -> str | None:
    """What a framed frame is about: "rejected Japan's offer of a summit" rejects a meeting (125);
    a framed appeal or offer about nothing known frames nothing."""
    if not content.entry.frame:
        return content.entry.cameo
    if content.contents:
        return _innermost_code(content.contents[0])
    return None


def _acts_through_other(content: Match, mentions: MentionIndex, sources: list[ActorMention]) -> bool:
    subject = syntax.clause_subject(content.token)
    if subject is None or subject.dep_ not in ("nsubj", "dobj"):
        return False
    source_codes = {m.actor.code for m in sources}
    others = [m for m in mentions.actors(subject) if m.actor.code not in source_codes]
    return bool(others) and subject.head.i != content.token.head.i or bool(others and subject.dep_ == "nsubj")


#: verbs by which a clause's subject undergoes the noun after "under": "came under fire", "is under siege"
UNDERGOING_VERBS = {"come", "be", "remain", "fall", "stay", "go", "get", "find", "keep", "lie"}
#: roots of acts done to someone, whom "X came under ..." names (not "withdrew under the deal")
UNDERGONE_ROOTS = ("09", "11", "171", "173", "174", "175", "18", "19", "20")  # a lockdown (172) has no target


def holders(token: Token, mentions: MentionIndex) -> list[ActorMention]:
    """The actor a noun names, else the one its modifiers say it belongs to: "an army convoy", "a Kenyan
    police station", "the embassy's compound" (things are never actors, their owners are)."""
    found = mentions.actors(token)
    if found:
        return found
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < token.i:
            found = mentions.actors(child)
            if found:
                return found
    return []


def under_subject(token: Token, entry: LexEntry) -> Token | None:
    """ "The convoy came under fire", "the town remains under siege", "the minister came under
    criticism": the subject of the clause undergoes the noun event after "under", so it is the target,
    never the doer (who is named by "from" or "by", if at all)."""
    if entry.pos != "NOUN" or not (entry.cameo or "").startswith(UNDERGONE_ROOTS) or token.dep_ != "pobj":
        return None
    prep, verb = token.head, token.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if prep.lower_ == "under" and verb.lemma_.lower() in UNDERGOING_VERBS:
        return syntax.clause_subject(verb)
    if prep.lower_ == "under" and verb.lemma_.lower() in PLACING_VERBS:  # "put him under house arrest"
        placed = syntax.children(verb, "dobj")
        return placed[0] if placed and not syntax.is_passive(verb) else syntax.clause_subject(verb)
    if prep.lower_ in ("in", "during") and verb.lemma_.lower() in DYING_VERBS and (entry.cameo or "")[:2] in VIOLENT_ROOTS:
        return syntax.clause_subject(verb)  # "five soldiers died in the attack": the attack was on them
    return None


DYING_VERBS = {"die", "perish"}


#: nouns after "under" that also name words, not force: "came under fire/attack from the opposition"
WORDS_OR_FORCE = {"fire", "attack", "assault"}


def _criticised_not_attacked(token: Token, undergoer: Token, victims: list[ActorMention],
                             sources: list[ActorMention]) -> bool:
    """ "came under fire" is shooting at soldiers, a convoy or a town, and criticism of a minister or a
    government when no armed side is said to be shooting (docs/annotation.md: force needs a physical
    target and an actor able to use force)."""
    if token.head.lower_ != "under" or token.lemma_.lower() not in WORDS_OR_FORCE or any(
            c.lemma_.lower() in FORCE_MODIFIERS for c in token.children if c.dep_ in ("amod", "compound")):
        return False  # "came under heavy artillery fire", "under rocket attack"
    if any(set(m.actor.sectors) & ARMED_SECTORS for m in sources + victims):
        return False
    return undergoer.lemma_.lower() not in PHYSICAL_TARGETS and not any(
        m.actor.kind == "country" and not m.actor.sectors for m in victims if m.rule.startswith(("city", "place")))


#: words on "fire" or "attack" that make it shooting: "came under heavy gunfire", "under mortar fire"
FORCE_MODIFIERS = {"rocket", "mortar", "artillery", "tank", "sniper", "machine-gun", "machinegun", "gun", "small",
                   "arms", "live", "enemy", "hostile", "militant", "rebel", "insurgent", "missile", "drone", "air",
                   "aerial", "armed", "naval", "grenade", "suicide", "terrorist", "terror", "shell"}


def _reported(token: Token, modality: str, sources: list[ActorMention], mentions: MentionIndex) -> str:
    """An asserted event inside someone else's speech is only reported."""
    if modality != "asserted" or sources == [SPEAKER]:
        return modality
    speech = under_speech(token)
    if speech is None:
        return modality
    speakers = {who(m.actor) for m in mentions.actors(syntax.clause_subject(speech))}
    source_codes = {who(m.actor) for m in sources}
    if speakers and source_codes and not (speakers & source_codes):
        return "reported"
    return modality


JUDGING_ROOTS = {"01", "11", "12"}  # statements, disapproval and rejection of what someone did


PHYSICAL_TARGETS = {
    "convoy", "base", "building", "village", "city", "town", "ship", "vessel", "tanker", "vehicle", "position",
    "positions", "camp", "station", "checkpoint", "post", "embassy", "hospital", "school", "mosque", "church",
    "market", "bus", "train", "plane", "aircraft", "jet", "drone", "home", "house", "office", "headquarters",
    "compound", "facility", "plant", "infrastructure", "target", "area", "region", "border", "bridge",
    "port", "airport", "road", "district", "neighbourhood", "neighborhood", "territory", "stronghold",
    "patrol", "troop", "soldier", "force", "people", "civilian", "protester", "resident", "hotel", "mall",
    # people whom the role tables do not list: killing a boy is violence, never criticism
    "man", "woman", "boy", "girl", "teenager", "teen", "child", "baby", "person", "family", "student",
    "worker", "officer", "policeman", "guard", "driver", "passenger", "pilgrim", "villager", "farmer",
    "journalist", "doctor", "nurse", "priest", "prisoner", "hostage", "suspect", "victim", "crowd", "member",
}


#: Words for harm that someone must have meant (a bombing, a stabbing), unlike "killed" or "struck".
DELIBERATE_VIOLENCE = {"bomb", "bombing", "bombard", "bombardment", "shell", "shelling", "airstrike", "stab",
                       "stabbing", "shoot", "shooting", "assassinate", "assassination", "murder", "behead",
                       "massacre", "ambush", "abduct", "kidnap", "hijack", "torture", "execute", "lynch",
                       "firebomb", "attack", "raid", "strafe", "rocket", "mortar", "kidnapping", "abduction",
                       "hostage", "detonate", "blow", "device", "throw", "hurl", "lob"}
VERBAL_SENSES = {"attack", "assault", "strike", "hit", "blast", "target", "fight", "battle", "bombard", "ambush",
                 "shoot", "torpedo", "slam", "hammer", "pound", "savage", "maul"}
