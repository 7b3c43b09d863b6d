"""Quotes: quotation marks, attribution, indirect speech, and events inside quotes.

Every sentence here is our own. Detection is tested on hand-built actor mentions (each test
names the phrases that are actors), so a change in the actors stage cannot hide or fake a
quote bug; the last tests run the whole pipeline.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from spacy.tokens import Doc

from eventwire.actors import DocumentMemory
from eventwire.model import Actor, ActorMention, Article, Event, make_actor
from eventwire.nlp import load_pipeline
from eventwire.pipeline import PieceState
from eventwire.quotes import QuoteCarry, QuoteFinder, find_quote_spans, load_cues
from eventwire.tables import TableError

PRICE = make_actor("USA", ["GOV"], name="Ned Price", role="spokesperson")
BLINKEN = make_actor("USA", ["GOV"], name="Antony Blinken", role="Secretary of State")
CAVUSOGLU = make_actor("TUR", ["GOV"], name="Mevlut Cavusoglu", role="Foreign Minister")
LAVROV = make_actor("RUS", ["GOV"], name="Sergei Lavrov", role="Foreign Minister")
KULEBA = make_actor("UKR", ["GOV"], name="Dmytro Kuleba", role="Foreign Minister")
UN = make_actor("IGO", igo="IGOUNO", kind="igo")
IDF = make_actor("ISR", ["MIL"])
PALESTINIAN_OFFICIALS = make_actor("PSE", ["GOV"])
USA = make_actor("USA")
UKR = make_actor("UKR")
RUS = make_actor("RUS")

# phrase -> actor, for the hand-built mentions; longer phrases are matched first
ACTORS: dict[str, Actor] = {
    "Ned Price": PRICE, "Price": PRICE, "Antony Blinken": BLINKEN, "Blinken": BLINKEN,
    "Mevlut Cavusoglu": CAVUSOGLU, "Cavusoglu": CAVUSOGLU, "Sergei Lavrov": LAVROV, "Lavrov": LAVROV,
    "Dmytro Kuleba": KULEBA, "Kuleba": KULEBA, "the UN envoy": UN, "a UN spokesperson": UN,
    "the United Nations": UN, "the Israeli army": IDF, "Palestinian officials": PALESTINIAN_OFFICIALS,
    "the United States": USA, "the U.S.": USA, "Washington": USA, "Ukraine": UKR, "Kyiv": UKR,
    "Russia": RUS, "Moscow": RUS, "Ankara": make_actor("TUR", ["GOV"]), "Iran": make_actor("IRN"),
}


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def finder() -> QuoteFinder:
    return QuoteFinder()


def mentions_for(doc: Doc, actors: dict[str, Actor]) -> list[ActorMention]:
    taken: set[int] = set()
    found = []
    for phrase in sorted(actors, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", doc.text):
            span = doc.char_span(match.start(), match.end())
            if span is None or any(t.i in taken for t in span):
                continue
            taken.update(t.i for t in span)
            found.append(ActorMention(span.start, span.end, span.root.i, actors[phrase], (match.start(), match.end())))
    return sorted(found, key=lambda m: m.start)


def quotes_of(nlp, finder: QuoteFinder, text: str, memory=None, actors=ACTORS) -> list[tuple]:
    """(kind, speaker code, cue, addressee code, text) of every quote, paragraph by paragraph."""
    out = []
    carry = None
    for paragraph in text.split("\n\n"):
        doc = nlp(paragraph)
        found, carry = finder.find(doc, mentions_for(doc, actors), carry, memory)
        for q in found:
            a = q.attribution
            out.append((q.kind, a.speaker.code if a.speaker else None, a.cue,
                        a.addressee.code if a.addressee else None, paragraph[q.start:q.end]))
    return out


# -- quotation marks -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("“We will respond,” he said.", ["We will respond"]),
        ('"We will respond," he said.', ["We will respond"]),
        ("« Nous répondrons », a-t-il dit.", ["Nous répondrons"]),
        ("‘We will respond,’ he said.", ["We will respond"]),
        ("'Turkey's door is open,' he said.", ["Turkey's door is open"]),
        ("The soldiers' families don't agree.", []),
        ("In the '90s the talks failed, \"and they will fail again,\" he said.", ["and they will fail again"]),
        ("“They told us ‘leave now’ at dawn,” she said.", ["They told us ‘leave now’ at dawn"]),
        ("„Wir bleiben“, sagte er.", ["Wir bleiben"]),
    ],
)
def test_quote_marks(text: str, quoted: list[str]) -> None:
    assert [text[s.start:s.end] for s in find_quote_spans(text)] == quoted


def test_quote_left_open_at_paragraph_end_is_carried() -> None:
    first = find_quote_spans("He said: “We will stay.")
    assert [(s.closed, s.opener) for s in first] == [(False, "“")]
    second = find_quote_spans("And we will rebuild,” he added.", carried="“")
    assert [(s.start, s.end, s.continued) for s in second] == [(0, 19, True)]


def test_cue_table_is_validated(tmp_path) -> None:
    bad = tmp_path / "cues.tsv"
    bad.write_text("lemma\tforms\taddressee\nsay\tdirect|sideways\t\n", encoding="utf-8")
    with pytest.raises(TableError, match="cues.tsv:2"):
        load_cues(bad)
    assert load_cues()["tell"].addressee == "object"


# -- direct quotes -------------------------------------------------------------------------------

DIRECT_CASES = [
    # speaker after, curly double quotes
    ("“We will not accept any ultimatum,” Lavrov said.",
     [("direct", "RUSGOV", "said", None, "We will not accept any ultimatum")]),
    # straight double quotes, inverted attribution
    ('"Russia has no plans to attack anyone," said Lavrov.',
     [("direct", "RUSGOV", "said", None, "Russia has no plans to attack anyone")]),
    # speaker before, colon
    ("Kuleba said: “Ukraine will never give up its land.”",
     [("direct", "UKRGOV", "said", None, "Ukraine will never give up its land.")]),
    # guillemets with the French spaces inside
    ("Kuleba declared: « Ukraine will never give up its land. »",
     [("direct", "UKRGOV", "declared", None, "Ukraine will never give up its land.")]),
    # curly single quotes, addressee that is no actor
    ("‘The talks were constructive,’ Cavusoglu told reporters.",
     [("direct", "TURGOV", "told", None, "The talks were constructive")]),
    # straight single quotes around an apostrophe
    ("'Turkey's position has not changed at all,' Cavusoglu added.",
     [("direct", "TURGOV", "added", None, "Turkey's position has not changed at all")]),
    # split by the attribution across sentences: one record per half, same speaker
    ("“We are ready to talk,” Blinken said. “But Moscow must first stop the shelling.”",
     [("direct", "USAGOV", "said", None, "We are ready to talk"),
      ("direct", "USAGOV", "said", None, "But Moscow must first stop the shelling.")]),
    # split inside one sentence
    ("“We will not retreat,” Kuleba said, “and we will not surrender.”",
     [("direct", "UKRGOV", "said", None, "We will not retreat"),
      ("direct", "UKRGOV", "said", None, "and we will not surrender.")]),
    # one quote over two sentences
    ("“The ceasefire is holding. Both sides have pulled back their heavy weapons,” the UN envoy said.",
     [("direct", "IGOUNO", "said", None,
       "The ceasefire is holding. Both sides have pulled back their heavy weapons")]),
    # pronoun speaker
    ("Sergei Lavrov met reporters in Geneva. “Nobody wants a war,” he said.",
     [("direct", "RUSGOV", "said", None, "Nobody wants a war")]),
    # "he added" after a named speaker
    ("“We are ready,” Blinken said. “The door remains open to diplomacy,” he added.",
     [("direct", "USAGOV", "said", None, "We are ready"),
      ("direct", "USAGOV", "added", None, "The door remains open to diplomacy")]),
    # a person named inside the quote is not the antecedent of "he"
    ("Blinken arrived in Kyiv. “I spoke with Lavrov yesterday,” he said.",
     [("direct", "USAGOV", "said", None, "I spoke with Lavrov yesterday")]),
    # a quote left open at the end of a paragraph continues in the next
    ("Kuleba said: “We have asked our partners for more air defence.\n\n“Every day without it costs lives.”",
     [("direct", "UKRGOV", "said", None, "We have asked our partners for more air defence."),
      ("direct", "UKRGOV", "said", None, "Every day without it costs lives.")]),
    # a paragraph that is only a quote continues the previous paragraph's speaker
    ("“The shelling must stop,” Blinken said.\n\n“There is no military solution to this conflict.”",
     [("direct", "USAGOV", "said", None, "The shelling must stop"),
      ("direct", "USAGOV", "said", None, "There is no military solution to this conflict.")]),
    # scare quotes and names are not quotes
    ("Iran called the sanctions “illegal” and vowed to open the so-called “Eastern Route.”", []),
    # no speaker anywhere: still a record
    ("A banner at the rally read “No more war in our country.”",
     [("direct", None, None, None, "No more war in our country.")]),
    # "according to" after a direct quote
    ("“Two rockets were fired from the north,” according to the Israeli army.",
     [("direct", "ISRMIL", "according to", None, "Two rockets were fired from the north")]),
    # a speech verb in a clause merely joined to the quote's clause does not attribute it
    ("Russia announced new sanctions on Monday and the ministry published an article titled "
     "“Why the West keeps losing the region.”",
     [("direct", None, None, None, "Why the West keeps losing the region.")]),
    # a one-word answer is kept when the sentence is only quote and attribution
    ("“No,” Lavrov said.", [("direct", "RUSGOV", "said", None, "No")]),
    # a nested quotation stays inside the outer one
    ("“They told us ‘leave now’ and then the shelling began,” a resident said.",
     [("direct", None, "said", None, "They told us ‘leave now’ and then the shelling began")]),
    # speaker before without a colon, addressee before the colon
    ('Kuleba said "we need weapons, not words."',
     [("direct", "UKRGOV", "said", None, "we need weapons, not words.")]),
    ("Kuleba told Lavrov: “Your troops must leave our land.”",
     [("direct", "UKRGOV", "told", "RUSGOV", "Your troops must leave our land.")]),
    ("“Our patience is not endless,” Lavrov warned Kuleba on Friday.",
     [("direct", "RUSGOV", "warned", "UKRGOV", "Our patience is not endless")]),
    # the quoted words of "told X “that …”" are one direct quote, not also an indirect one
    ("Blinken told Cavusoglu “that Washington will stay engaged in the region.”",
     [("direct", "USAGOV", "told", "TURGOV", "that Washington will stay engaged in the region.")]),
]


@pytest.mark.parametrize(("text", "expected"), DIRECT_CASES)
def test_direct_quotes(nlp, finder: QuoteFinder, text: str, expected: list[tuple]) -> None:
    assert quotes_of(nlp, finder, text) == expected


# -- indirect quotes -----------------------------------------------------------------------------

INDIRECT_CASES = [
    ("Lavrov said that Russia would respond to any provocation.",
     [("indirect", "RUSGOV", "said", None, "Russia would respond to any provocation")]),
    ("Blinken told Cavusoglu that Washington supports the talks.",
     [("indirect", "USAGOV", "told", "TURGOV", "Washington supports the talks")]),
    ("Kuleba said Russia was shelling the city again.",
     [("indirect", "UKRGOV", "said", None, "Russia was shelling the city again")]),
    ("Cavusoglu said the meeting was productive.",
     [("indirect", "TURGOV", "said", None, "the meeting was productive")]),
    ("The convoy was hit by Israeli fire, a UN spokesperson said.",
     [("indirect", "IGOUNO", "said", None, "The convoy was hit by Israeli fire")]),
    ("Lavrov warned Kuleba that Moscow would not wait forever.",
     [("indirect", "RUSGOV", "warned", "UKRGOV", "Moscow would not wait forever")]),
    ("Cavusoglu said to Lavrov that Ankara wants a lasting ceasefire.",
     [("indirect", "TURGOV", "said", "RUSGOV", "Ankara wants a lasting ceasefire")]),
    ("According to the United Nations, the fighting displaced ten thousand people.",
     [("indirect", "IGOUNO", "according to", None, "the fighting displaced ten thousand people")]),
    ("Israeli troops entered the town on Friday, according to Palestinian officials.",
     [("indirect", "PSEGOV", "according to", None, "Israeli troops entered the town on Friday")]),
    ("Dmytro Kuleba spoke in Brussels on Monday. He said that Kyiv needs more help.",
     [("indirect", "UKRGOV", "said", None, "Kyiv needs more help")]),
    ("According to the report, the dam was destroyed overnight.",
     [("indirect", None, "according to", None, "the dam was destroyed overnight")]),
    # not speech: a thing reiterated, and a belief
    ("Cavusoglu reiterated what he said last week.", []),
    ("Analysts believe that Iran will retaliate.", []),
]


@pytest.mark.parametrize(("text", "expected"), INDIRECT_CASES)
def test_indirect_quotes(nlp, finder: QuoteFinder, text: str, expected: list[tuple]) -> None:
    assert quotes_of(nlp, finder, text) == expected


def test_surname_with_a_slip_resolves_through_the_document_memory(nlp, finder: QuoteFinder) -> None:
    memory = DocumentMemory()
    memory.remember("Ned Prince", PRICE, sentence=0)
    text = "“We urge both sides to show restraint,” Price said."
    assert quotes_of(nlp, finder, text, memory=memory, actors={}) == [
        ("direct", "USAGOV", "said", None, "We urge both sides to show restraint")
    ]


def test_pronoun_speaker_carries_over_a_paragraph(nlp, finder: QuoteFinder) -> None:
    text = "Mevlut Cavusoglu landed in Moscow on Tuesday.\n\n“We came to listen,” he told journalists."
    assert quotes_of(nlp, finder, text) == [("direct", "TURGOV", "told", None, "We came to listen")]


def test_carry_is_reset_by_a_paragraph_without_quotes(nlp, finder: QuoteFinder) -> None:
    text = ("“The shelling must stop,” Blinken said.\n\nThe talks resumed on Monday.\n\n"
            "“Peace is close now.”")
    assert quotes_of(nlp, finder, text)[-1] == ("direct", None, None, None, "Peace is close now.")


# -- events inside quotes ------------------------------------------------------------------------

def state_with_event(nlp, text: str, trigger: str, source: Actor | None, modality: str = "asserted",
                     offset: int = 0) -> PieceState:
    doc = nlp(text)
    start = text.index(trigger)
    event = Event("d1", 0, source, None, "010", None, None, None, None, None, modality, text, trigger,
                  (start + offset, start + offset + len(trigger)), "test")
    state = PieceState(Article("d1", text), doc, offset, 0, DocumentMemory(), Counter(),
                       mentions=mentions_for(doc, ACTORS), events=[event])
    return state


@pytest.mark.parametrize(
    ("text", "trigger", "source", "modality", "want_source", "want_modality"),
    [
        # the speaker speaks for "we": the speaker is the source
        ("“We urge both sides to show restraint,” Price said.", "urge", None, "asserted", "USAGOV", "asserted"),
        # "our" on a noun event
        ("“Our offer of talks still stands,” Blinken said.", "offer", None, "asserted", "USAGOV", "asserted"),
        # no doer written (imperative)
        ("“Stop the shelling now,” Kuleba said.", "Stop", None, "asserted", "UKRGOV", "asserted"),
        # "he" in an indirect quote stands for the speaker
        ("Kuleba said he would meet Lavrov in Turkey.", "meet", None, "future", "UKRGOV", "future"),
        # a claim about a third party is only reported
        ("Lavrov said that Ukraine shelled the city.", "shelled", UKR, "asserted", "UKR", "reported"),
        # a claim about the speaker's own country stays asserted
        ("Blinken said the United States supports the talks.", "supports", USA, "asserted", "USA", "asserted"),
        # other modalities are kept
        ("Lavrov said that Ukraine might attack.", "attack", UKR, "hypothetical", "UKR", "hypothetical"),
        # agentless passive: no doer to give the speaker, the event is the speaker's claim
        ("Kuleba said two schools were destroyed.", "destroyed", None, "asserted", None, "reported"),
        # "he" in a direct quote is someone else
        ("“He attacked our positions,” Kuleba said.", "attacked", None, "asserted", None, "reported"),
    ],
)
def test_events_inside_quotes(nlp, finder: QuoteFinder, text, trigger, source, modality, want_source,
                              want_modality) -> None:
    state = state_with_event(nlp, text, trigger, source, modality)
    finder.run(state)
    event = state.events[0]
    assert event.quote_id and event.quote_id in {q.quote_id for q in state.quotes}
    assert (event.source, event.modality) == (want_source, want_modality)


def test_event_outside_quotes_is_untouched(nlp, finder: QuoteFinder) -> None:
    state = state_with_event(nlp, "Russia attacked Ukraine. “We will respond,” Kuleba said.", "attacked", RUS)
    finder.run(state)
    assert (state.events[0].quote_id, state.events[0].source, state.events[0].modality) == (None, "RUS", "asserted")


def test_records_use_article_offsets_and_sentence_numbers(nlp, finder: QuoteFinder) -> None:
    article_text = "Headline here\n\nRussia attacked Ukraine. “We will respond,” Kuleba said."
    offset = article_text.index("Russia")
    piece = article_text[offset:]
    state = state_with_event(nlp, piece, "respond", None, offset=offset)
    state.first_sentence = 1
    finder.run(state)
    (quote,) = state.quotes
    assert article_text[quote.span[0]:quote.span[1]] == quote.text == "We will respond"
    assert quote.sentence == 2 and quote.doc_id == "d1" and len(quote.quote_id) == 16
    assert state.events[0].source == "UKRGOV" and state.events[0].quote_id == quote.quote_id
    assert isinstance(state.quote_carry, QuoteCarry) and state.quote_carry.speaker == KULEBA


# -- the whole pipeline --------------------------------------------------------------------------

def test_pipeline_codes_quotes_end_to_end() -> None:
    from eventwire.pipeline import code_text

    text = (
        "Secretary of State Antony Blinken spoke with Turkish Foreign Minister Mevlut Cavusoglu on Monday.\n\n"
        "Blinken told Cavusoglu that the United States supports a negotiated settlement.\n\n"
        "“We urge both sides to return to the talks,” Blinken said."
    )
    coded = code_text(text, date=dt.date(2022, 3, 7), doc_id="e2e")
    got = [(q.kind, q.speaker.code if q.speaker else None, q.cue, q.addressee.code if q.addressee else None)
           for q in coded.quotes]
    assert got == [("indirect", "USAGOV", "told", "TURGOV"), ("direct", "USAGOV", "said", None)]
    for quote in coded.quotes:
        assert text[quote.span[0]:quote.span[1]] == quote.text
    # which events the lexicon codes is the events stage's business; each one must carry its quote's id
    for event in coded.events:
        holding = [q.quote_id for q in coded.quotes if q.span[0] <= event.span[0] < q.span[1]]
        assert event.quote_id == (holding[0] if holding else None), event
        if event.quote_id == coded.quotes[1].quote_id:
            assert event.source == "USAGOV", event


def test_a_colon_quote_is_the_speaker_who_introduces_it() -> None:
    """ 'X spoke to reporters: "I urge ..."': the parser makes the quote the root; "I" is still X."""
    from coding import coded, sentence_coder
    found = coded(sentence_coder(), 'Kenyan legislator Jane Mwangi spoke to reporters after the vote: '
                                    '"I really urge the president to resign."')
    assert ("KENLEG", "0241", "KENGOV") in found, found


def test_a_speaker_of_no_named_country_takes_the_country_spoken_to() -> None:
    from coding import coded

    from eventwire.pipeline import Coder
    found = coded(Coder(), 'Two miners died near Oruro in Bolivia. Police inspector Juan Quispe said, '
                           '"Our deepest condolences are with the families."')
    assert any(s == "BOLCOP" and c == "018" for s, c, _ in found), found
