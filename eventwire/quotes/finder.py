"""Who said what: direct and indirect quotes with speaker, cue verb and addressee.

A paragraph is read in three passes. Quotation marks give the direct quotes (``marks``); each
is attributed to the nearest speech verb outside quotation marks in its sentences, else to a
verb that introduces it with a colon in the sentence before, else to the quote before it (the
second half of "“…,” Price said. “…”" is Price's too). Speech verbs with a reported clause give
indirect quotes ("X said (that) …", "X told Y that …"), as does "according to X". Speakers and
addressees are the actor mentions the actors stage found (the document memory has already
resolved surnames and near-miss spellings into them); a pronoun the actors stage left alone
falls back to the latest person (or, for "they"/"it", body) named outside quotation marks.

Records: a quote split by its attribution gives one record per half, each with the same
speaker and cue, because each half has its own span in the text. ``text`` is always exactly
the article text under ``span``: the words inside the marks for a direct quote, the reported
clause without its "that" for an indirect one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span, Token

from eventwire.events import syntax
from eventwire.events.filters import of_the_country_addressed
from eventwire.events.mentions import MentionIndex
from eventwire.model import Actor, ActorMention, Event, Quote, QuoteKind
from eventwire.quotes.cues import Cue, load_cues
from eventwire.quotes.marks import QuoteSpan, find_quote_spans

if TYPE_CHECKING:  # the pipeline imports this module, so only the type checker may import back
    from eventwire.pipeline import PieceState

FIRST_PERSON = frozenset({"we", "i", "us", "me", "our", "my", "ours", "ourselves", "myself"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "it"})
# A quotation this short is kept only when the sentence around it is nothing but its attribution;
# otherwise it is a scare quote or a name ("voiced its “deep” concern", "the so-called “corridor”").
SHORT_QUOTE_WORDS = 4
# A speech verb this close to a quotation (marks and speaker between them) attributes it whatever the parse.
NEAR_CUE_TOKENS = 6
COMPLEMENTIZERS = frozenset({"that"})
DETACHED_CLAUSES = frozenset({"conj", "advcl", "relcl", "acl"})
FREE_RELATIVES = frozenset({"what", "which", "who", "whom", "whatever"})
ACCORDING = "according to"


@dataclass(frozen=True, slots=True)
class QuoteCarry:
    """What one paragraph tells the next about quotes."""

    open_mark: str | None = None  # a quotation still open at the paragraph end
    speaker: Actor | None = None  # attribution of the paragraph's last direct quote
    cue: str | None = None
    addressee: Actor | None = None
    had_quote: bool = False
    last_person: Actor | None = None  # for "he"/"she" in the next paragraph
    last_group: Actor | None = None  # for "they"/"it"


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: Actor | None = None
    cue: str | None = None
    addressee: Actor | None = None
    position: int = -1  # char offset of the cue in the paragraph, -1 when inherited or absent


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """A quote in paragraph offsets, before it becomes a record."""

    kind: QuoteKind
    start: int
    end: int
    sentence: int  # index of the sentence in the paragraph
    attribution: Attribution


@dataclass
class _Paragraph:
    doc: Doc
    mentions: list[ActorMention]
    cues: Mapping[str, Cue]
    carry: QuoteCarry
    memory: Any = None  # the article's DocumentMemory: names the actors stage left unresolved
    index: MentionIndex = field(init=False)
    sentences: list[Span] = field(init=False)
    spans: list[QuoteSpan] = field(init=False)
    resolved: list[tuple[int, Actor]] = field(default_factory=list)  # speakers found so far, by position

    def __post_init__(self) -> None:
        self.index = MentionIndex(self.mentions)
        self.sentences = list(self.doc.sents)
        self.spans = find_quote_spans(self.doc.text, self.carry.open_mark)

    # -- where things are --------------------------------------------------------------------

    def quoted(self, char: int) -> bool:
        return any(s.mark_start <= char < s.mark_end for s in self.spans)

    def sentence_at(self, char: int) -> int:
        for n, sent in enumerate(self.sentences):
            if sent.start_char <= char < sent.end_char:
                return n
        return max(len(self.sentences) - 1, 0)

    # -- cues and actors ---------------------------------------------------------------------

    def cue_of(self, token: Token, form: str) -> Cue | None:
        if token.pos_ not in ("VERB", "AUX"):
            return None
        cue = self.cues.get(token.lemma_.lower())
        if cue is None or not getattr(cue, form):
            return None
        return cue

    def is_according(self, token: Token) -> bool:
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return token.lower_ == "according" and nxt is not None and nxt.lower_ == "to"

    def attribution(self, token: Token) -> Attribution:
        """Speaker, cue word and addressee of the speech verb (or "according") at ``token``."""
        if self.is_according(token):
            obj = next((c for c in token.nbor(1).children if c.dep_ == "pobj"), None)
            return Attribution(self.actor(obj), ACCORDING, None, token.idx)
        cue = self.cues.get(token.lemma_.lower())
        speaker = self.actor(_speaker_token(token))
        addressee = self.actor(_addressee_token(token, cue.addressee if cue else ""))
        return Attribution(speaker, token.lower_, addressee, token.idx)

    def actor(self, token: Token | None) -> Actor | None:
        if token is None:
            return None
        found = self.index.actors(token)
        if found:
            return found[0].actor
        if token.lower_ in PERSON_PRONOUNS:
            return self.antecedent(token.idx, person=True)
        if token.lower_ in GROUP_PRONOUNS:
            return self.antecedent(token.idx, person=False)
        return self.remembered(token)

    def remembered(self, token: Token) -> Actor | None:
        """A name the article introduced earlier ("Price" after "Ned Prince"), asked of the memory."""
        if token.pos_ != "PROPN" or self.memory is None or not hasattr(self.memory, "by_name"):
            return None
        name = " ".join(t.text for t in token.subtree if t.dep_ == "compound" or t.i == token.i)
        person = self.memory.by_name(name)
        return person.actor if person is not None else None

    def antecedent(self, before: int, person: bool) -> Actor | None:
        """The latest person (or body) named outside quotation marks before ``before``."""
        candidates = [
            (m.char_span[0], m.actor) for m in self.mentions
            if m.char_span[1] <= before and not self.quoted(m.char_span[0])
        ]
        candidates += self.resolved
        candidates = [(pos, a) for pos, a in candidates if pos < before and (a.kind == "person") == person]
        if candidates:
            return max(candidates, key=lambda c: c[0])[1]
        return self.carry.last_person if person else self.carry.last_group

    def remember(self, attribution: Attribution) -> None:
        if attribution.speaker is not None and attribution.position >= 0:
            self.resolved.append((attribution.position, attribution.speaker))

    # -- direct quotes -----------------------------------------------------------------------

    def direct_quotes(self) -> list[FoundQuote]:
        found: list[FoundQuote] = []
        for span in self.spans:
            own = self.cue_for(span)
            attribution = self.attribution(own) if own is not None else self.inherited(span, found)
            if not self.is_speech(span, own):
                continue
            self.remember(attribution)
            found.append(FoundQuote("direct", span.start, span.end, self.sentence_at(span.start), attribution))
        return found

    def cue_for(self, span: QuoteSpan) -> Token | None:
        """The speech verb attributing ``span``: nearest outside quotes in its sentences, else a colon intro."""
        first, last = self.sentence_at(span.start), self.sentence_at(max(span.end - 1, span.start))
        tokens = [t for sent in self.sentences[first:last + 1] for t in sent]
        cue = self.nearest_cue(tokens, span)
        if cue is None and first > 0 and self.sentences[first - 1].text.rstrip().endswith(":"):
            cue = self.nearest_cue(list(self.sentences[first - 1]), span)
        return cue

    def nearest_cue(self, tokens: Iterable[Token], span: QuoteSpan) -> Token | None:
        best: tuple[int, Token] | None = None
        for token in tokens:
            if self.quoted(token.idx):
                continue
            if self.cue_of(token, "direct") is None and not self.is_according(token):
                continue
            if not self.attributes(token, span):
                continue
            distance = token.idx - span.mark_end if token.idx >= span.mark_end else span.mark_start - token.idx
            if best is None or distance < best[0]:
                best = (distance, token)
        return best[1] if best else None

    def attributes(self, cue: Token, span: QuoteSpan) -> bool:
        """A verb far from the quote attributes it only through the parse: the quote is in its clause."""
        inside = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        if inside is None or not len(inside):
            return False
        between = inside.start - cue.i if cue.i < inside.start else cue.i - inside.end + 1
        if between <= NEAR_CUE_TOKENS:
            return True
        governing = cue.head if self.is_according(cue) else cue
        return _reported_under(inside.root, governing)

    def inherited(self, span: QuoteSpan, earlier: list[FoundQuote]) -> Attribution:
        """An unattributed quote continues the speaker before it: the paragraph's last quote, or,
        when the paragraph opens with the quote, the previous paragraph's."""
        if earlier:
            return replace(earlier[-1].attribution, position=-1)
        opens_paragraph = not self.doc.text[:span.mark_start].strip()
        if opens_paragraph and (span.continued or self.carry.had_quote):
            return Attribution(self.carry.speaker, self.carry.cue, self.carry.addressee)
        return Attribution()

    def is_speech(self, span: QuoteSpan, cue: Token | None) -> bool:
        if len(self.doc.text[span.start:span.end].split()) >= SHORT_QUOTE_WORDS:
            return True
        first, last = self.sentence_at(span.start), self.sentence_at(max(span.end - 1, span.start))
        outside = [
            t for sent in self.sentences[first:last + 1] for t in sent
            if not (span.mark_start <= t.idx < span.mark_end) and not t.is_punct and not t.is_space
        ]
        if not outside:
            return True  # the sentence is the quotation alone
        if cue is None:
            return False
        inside = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        if inside is None or not len(inside):
            return False
        root = inside.root
        anchor = cue.head if self.is_according(cue) else cue
        # "“No,” he said." / "he said: “Never.”": the quote is what the verb says, not a word in a clause
        return root.head.i == anchor.i or (anchor.head.i == root.i and anchor.i != root.i)

    # -- indirect quotes ---------------------------------------------------------------------

    def indirect_quotes(self) -> list[FoundQuote]:
        found = []
        for token in self.doc:
            if self.quoted(token.idx):
                continue
            if self.is_according(token):
                bounds = self.according_content(token)
            elif self.cue_of(token, "indirect") is not None:
                bounds = self.reported_clause(token)
            else:
                continue
            if bounds is None or self.quoted(bounds[0]):
                continue  # the words are quoted: the direct quote is the record
            attribution = self.attribution(token)
            self.remember(attribution)
            found.append(FoundQuote("indirect", bounds[0], bounds[1], self.sentence_at(bounds[0]), attribution))
        return found

    def reported_clause(self, verb: Token) -> tuple[int, int] | None:
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        # "X said that A, the leader said that B": the clause after the verb is its own.
        clause = next((c for c in clauses if c.i > verb.i), clauses[0] if clauses else None)
        if clause is None:
            return None
        tokens = list(clause.subtree)
        if tokens[0].lower_ in FREE_RELATIVES:
            return None  # "reiterated what has become a precondition" names a thing, not a claim
        while tokens and (tokens[0].is_punct or (tokens[0].dep_ == "mark" and tokens[0].lower_ in COMPLEMENTIZERS)):
            tokens.pop(0)
        return _char_bounds(tokens)

    def according_content(self, token: Token) -> tuple[int, int] | None:
        """The claim "according to X" is attached to: the rest of its sentence."""
        sent = token.sent
        phrase = {t.i for t in token.subtree}
        before = [t for t in sent if t.i < token.i]
        after = [t for t in sent if t.i > token.i and t.i not in phrase]
        if not _words(before):
            return _char_bounds(after)
        if not _words(after):
            return _char_bounds(before)
        return _char_bounds(list(sent))

    # -- what the next paragraph needs -------------------------------------------------------

    def next_carry(self, direct: list[FoundQuote]) -> QuoteCarry:
        open_mark = next((s.opener for s in self.spans if not s.closed), None)
        last = direct[-1].attribution if direct else Attribution()
        return QuoteCarry(
            open_mark=open_mark,
            speaker=last.speaker,
            cue=last.cue,
            addressee=last.addressee,
            had_quote=bool(direct),
            last_person=self.antecedent(len(self.doc.text) + 1, person=True),
            last_group=self.antecedent(len(self.doc.text) + 1, person=False),
        )


def _reported_under(token: Token, verb: Token) -> bool:
    """Is ``token`` inside what ``verb`` says, not in a clause merely joined to it ("…and published “…”")?"""
    for current in syntax.clause_chain(token, limit=12):
        if current.i == verb.i:
            return True
        if current.dep_ in DETACHED_CLAUSES:
            return False
    return False


def _speaker_token(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        return subject
    return syntax.clause_subject(verb)


def _addressee_token(verb: Token, slot: str) -> Token | None:
    if slot == "object":
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None:
            return obj
    if slot in ("object", "to"):
        return next(syntax.child_prep_objects(verb, {"to"}), None)
    return None


def _words(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if not t.is_punct and not t.is_space]


def _closes_bracket(tokens: list[Token]) -> bool:
    """Keep "(285 kph)" whole: a closing bracket stays when its opening one is inside."""
    last = tokens[-1].text
    opening = {")": "(", "]": "["}.get(last)
    return opening is not None and any(t.text == opening for t in tokens[:-1])


def _char_bounds(tokens: list[Token]) -> tuple[int, int] | None:
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and not _closes_bracket(tokens):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


# -- events inside quotes ---------------------------------------------------------------------

def attach_events(events: Iterable[Event], quotes: list[Quote], doc: Doc, offset: int) -> None:
    """Tie each event to the innermost quote holding its trigger, and give the speaker's voice to it.

    When the speaker speaks for the event (its doer is "we", "our", a pronoun standing for the
    speaker, or left unsaid) the speaker becomes the source; an asserted event whose doer is
    someone else is only the speaker's claim, so it becomes "reported".
    """
    for event in events:
        holding = [q for q in quotes if q.span[0] <= event.span[0] < q.span[1]]
        if not holding:
            continue
        quote = min(holding, key=lambda q: q.span[1] - q.span[0])
        event.quote_id = quote.quote_id
        trigger = _token_at(doc, event.span[0] - offset)
        if trigger is not None and _speaks_for(event, trigger, quote):
            if quote.speaker is not None:
                event.source_actor = of_the_country_addressed(quote.speaker, event.target_actor)
        elif event.modality == "asserted" and not _same_side(event.source_actor, quote.speaker):
            event.modality = "reported"


def _speaks_for(event: Event, trigger: Token, quote: Quote) -> bool:
    if event.source_actor is not None:
        return event.source_actor.text.strip().lower() in FIRST_PERSON
    doer, passive = _doer(trigger)
    if doer is None:
        return not passive
    word = doer.lower_
    if word in FIRST_PERSON:
        return True
    if quote.kind == "indirect" and quote.speaker is not None:  # "Price said he would go"
        is_person = quote.speaker.kind == "person"
        return word in (PERSON_PRONOUNS if is_person else GROUP_PRONOUNS)
    return False


def _doer(trigger: Token) -> tuple[Token | None, bool]:
    """Who does the trigger (a possessive for a noun: "our call"), and whether it is agentless passive."""
    verb = trigger
    if trigger.pos_ in ("NOUN", "PROPN"):
        owner = next((c for c in trigger.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner, False
        verb = syntax.support_verb(trigger) or trigger
    subject = syntax.clause_subject(verb)
    return subject, subject is None and syntax.is_passive(verb)


def _same_side(source: Actor | None, speaker: Actor | None) -> bool:
    if source is None or speaker is None:
        return False
    if source.igo or speaker.igo:
        return source.igo == speaker.igo
    if source.country and speaker.country:
        return source.country == speaker.country
    return source.code == speaker.code


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


# -- the stage --------------------------------------------------------------------------------

class QuoteFinder:
    """The quotes stage: adds Quote records to a piece and ties its events to them.

    >>> finder = QuoteFinder()
    >>> quotes, carry = finder.find(nlp("“We will respond,” Price said."), mentions)
    >>> finder.run(state)  # in the pipeline: appends to state.quotes, updates state.events
    """

    def __init__(self, cues: Mapping[str, Cue] | None = None) -> None:
        self.cues = cues if cues is not None else load_cues()

    def find(
        self, doc: Doc, mentions: list[ActorMention], carry: QuoteCarry | None = None, memory: Any = None
    ) -> tuple[list[FoundQuote], QuoteCarry]:
        """Quotes of one parsed paragraph in its own offsets, and what to carry to the next."""
        paragraph = _Paragraph(doc, mentions, self.cues, carry or QuoteCarry(), memory)
        direct = paragraph.direct_quotes()
        indirect = paragraph.indirect_quotes()
        quotes = sorted(direct + indirect, key=lambda q: (q.start, q.kind))
        return quotes, paragraph.next_carry(direct)

    def run(self, state: PieceState) -> None:
        """Append the piece's quotes (article offsets) and update the events inside them."""
        carry = state.quote_carry if isinstance(state.quote_carry, QuoteCarry) else None
        found, state.quote_carry = self.find(state.doc, state.mentions, carry, state.memory)
        records = [_record(q, state) for q in found]
        state.quotes.extend(records)
        attach_events(state.events, records, state.doc, state.offset)


def _record(found: FoundQuote, state: PieceState) -> Quote:
    quote = Quote(
        doc_id=state.article.id,
        sentence=state.first_sentence + found.sentence,
        speaker=found.attribution.speaker,
        cue=found.attribution.cue,
        addressee=found.attribution.addressee,
        text=state.doc.text[found.start:found.end],
        kind=found.kind,
        span=(found.start + state.offset, found.end + state.offset),
    )
    quote.assign_id()
    return quote
