"""The event stage: lexicon loading, frames, compound actors and modality, on sentences we wrote."""

from __future__ import annotations

import pytest

from eventwire.events import load_lexicon
from eventwire.ontology import load_ontology
from eventwire.pipeline import Coder, CoderConfig
from eventwire.segments import segments
from eventwire.tables import TableError


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder(CoderConfig(stages=("actors", "events", "codes")))


def coded(coder: Coder, text: str) -> set[tuple]:
    import datetime as dt

    from eventwire.model import Article

    doc = coder.code(Article(id="t", text=text, date=dt.date(2024, 3, 4)))
    return {(e.source, e.cameo, e.target, e.modality) for e in doc.events}


CASES = [
    ("Chile and Peru signed a fisheries agreement on Friday.", {("CHL", "057", "PER", "asserted"),
                                                               ("PER", "057", "CHL", "asserted")}),
    ("Norway condemned the coup in Niger.", {("NOR", "111", "NER", "asserted")}),
    ("Ghana's president met with his Togolese counterpart in Accra.", {("GHAGOV", "040", "TGOGOV", "asserted")}),
    ("Ghana and Togo held talks in Accra.", {("GHA", "046", "TGO", "asserted"), ("TGO", "046", "GHA", "asserted")}),
    ("Kenyan police said Somali militants had attacked a border post.", {("KENCOP", "112", "SOMUAF", "asserted")}),
    ("Nepal said Indian troops had shelled a village in Nepal.", {("NPL", "112", "INDMIL", "asserted"),
                                                                  ("INDMIL", "194", "NPL", "reported")}),
    ("A protester smashed a window.", set()),
    ("The Chilean president attacked the court's ruling as unjust.", {("CHLGOV", "111", "CHLJUD", "asserted")}),
    ("Rebels attacked a police station in Borno.", {("NGAREB", "190", "NGACOP", "asserted")}),
    ("Malaysia withdrew from the trade agreement with Vietnam.", set()),
    ("Britain presented evidence against Iran at the council.", {("GBR", "112", "IRN", "asserted")}),
    ("The French foreign ministry advised against travel to Mali.", {("FRAGOV", "160", "MLI", "asserted")}),
    ("The Chinese premier attended the funeral in Tokyo.", {("CHNGOV", "042", "JPN", "asserted")}),
    ("Kenya threatened to close its border unless Somalia attacked them first.",
     {("SOM", "190", None, "hypothetical")}),
    ("Kenya urged Ethiopia and Eritrea to resume talks.", {("KEN", "026", "ETH", "asserted"),
                                                          ("KEN", "026", "ERI", "asserted")}),
    ("Mongolia and Kazakhstan agreed to a ceasefire.", {("MNG", "0356", "KAZ", "asserted"),
                                                        ("KAZ", "0356", "MNG", "asserted")}),
    ("Portugal will send medicine to Mozambique.", {("PRT", "073", "MOZ", "future")}),
    ("Latvia refused to meet Belarus.", {("LVA", "125", "BLR", "asserted")}),
    ("Estonia did not rule out talks with Russia.", {("EST", "036", "RUS", "hypothetical")}),
    ("Finland might impose sanctions on Belarus.", {("FIN", "163", "BLR", "hypothetical")}),
    ("Iceland did not attack Greenland.", {("ISL", "190", "GRL", "negated")}),
    ("Canadian police arrested two Russian diplomats.", {("CANCOP", "173", "RUSGOV", "asserted")}),
    ("Egypt said it would provide aid to Sudan.", {("EGY", "033", "SDN", "asserted")}),
    ("Colombia accused Venezuela of harbouring rebels.", {("COL", "112", "VEN", "asserted")}),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_sentences_code_as_an_analyst_would(coder: Coder, text: str, expected: set[tuple]) -> None:
    got = coded(coder, text)
    assert expected <= got if expected else got == set()


def test_sentence_without_political_actors_codes_nothing(coder: Coder) -> None:
    assert coded(coder, "The bakery on Main Street sold out of bread before noon.") == set()


def test_every_event_carries_its_provenance(coder: Coder) -> None:
    from eventwire.model import Article

    text = "Headline about nothing\n\nJapan criticised China on Monday."
    doc = coder.code(Article(id="p", text=text))
    (event,) = doc.events
    assert text[event.span[0]:event.span[1]] == "criticised"
    assert event.sentence == 1 and event.rule.startswith("lexicon:")
    assert event.plover and event.quad_class == 3 and event.goldstein is not None
    again = coder.code(Article(id="p", text=text))
    assert [e.event_id for e in again.events] == [event.event_id]


def test_lexicon_codes_exist_in_the_ontology() -> None:
    lexicon = load_lexicon(known_codes=frozenset(load_ontology().codes))
    assert len(lexicon.entries) > 250
    roots = {e.cameo[:2] for group in lexicon.entries.values() for e in group if e.cameo}
    assert roots >= {f"{n:02d}" for n in range(1, 21)}


def test_bad_lexicon_row_names_file_and_line(tmp_path) -> None:
    (tmp_path / "lexicon.tsv").write_text(
        "id\tlemma\tpos\tcameo\nok\tmeet\tVERB\t040\nbad\tmeet\tADVERB\t040\n", encoding="utf-8")
    (tmp_path / "frames.tsv").write_text("frame\tcomplement\tcameo\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"lexicon.tsv:3: pos 'ADVERB'"):
        load_lexicon(tmp_path)


def test_unknown_code_in_frames_is_rejected(tmp_path) -> None:
    (tmp_path / "lexicon.tsv").write_text("id\tlemma\tpos\tcameo\nok\tmeet\tVERB\t040\n", encoding="utf-8")
    (tmp_path / "frames.tsv").write_text("frame\tcomplement\tcameo\nappeal\t04\t0299\n", encoding="utf-8")
    with pytest.raises(TableError, match="0299"):
        load_lexicon(tmp_path, known_codes=frozenset(load_ontology().codes))


def test_segments_keep_article_offsets_and_split_headlines() -> None:
    text = "A headline\n\nFirst paragraph. Still first.\nSecond paragraph here.\n"
    pieces = segments(text)
    assert [p.text for p in pieces] == ["A headline", "First paragraph. Still first.", "Second paragraph here."]
    assert all(text[p.start:p.start + len(p.text)] == p.text for p in pieces)
    long_text = "word " * 100_000
    cut = segments(long_text, max_chars=20_000)
    assert len(cut) >= 25 and all(len(p.text) <= 20_000 for p in cut)


def test_plural_anaphors_mean_the_people_named_before(coder: Coder) -> None:
    got = coded(coder, "Macron met Scholz in Berlin. The two leaders condemned the coup in Niger.")
    assert {("FRAGOV", "111", "NER", "asserted"), ("DEUGOV", "111", "NER", "asserted")} <= got
