"""Sentences we write ourselves (corpus/written): the draft compiler, the validating loader and the
counts per CAMEO root and PLOVER type. Drafts are written by the tests themselves."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from eventwire.corpus import DEFAULT_WRITTEN, CorpusError, LabelledActor, LabelledEvent, read_written

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import annotate  # noqa: E402

GOOD_DRAFT = """\
# a comment line is skipped
# s @tags frame
Chile threatened to cut copper exports to Peru.
131 | threatened | Chile = CHL | Peru = PER | asserted
# s
Norway beat Sweden 3-0 in Oslo.
# s @tags passive,pronoun
He was praised by the Kenyan president, who said he would visit him in May.
051 | praised | the Kenyan president = KENGOV | He = UGAGOV | asserted
042 | visit | he = KENGOV | him = UGAGOV | future
# s
Two men were arrested in Lima and their driver was arrested in Cusco.
173 | arrested | - = PERCOP | Two men = PERCRM | asserted
173 | arrested@2 | - = PERCOP | their driver = PERCRM | asserted
"""


def _write(tmp_path: Path, text: str, name: str = "d.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_draft_compiles_to_offsets_that_point_at_the_phrases(tmp_path: Path) -> None:
    out = tmp_path / "written" / "w9-test.jsonl"
    assert annotate.compile_written(_write(tmp_path, GOOD_DRAFT), out, "w9") == (4, 5)
    sentences = read_written(out.parent)
    assert [s.id for s in sentences] == ["w9-0001", "w9-0002", "w9-0003", "w9-0004"]
    threat, sport, praise, arrest = sentences
    assert threat.tags == ("frame",) and sport.events == () and praise.tags == ("passive", "pronoun")
    event = threat.events[0]
    assert threat.text[slice(*event.trigger)] == "threatened"
    assert threat.text[slice(*event.target.span)] == "Peru" and event.source.code == "CHL"
    visit = praise.events[1]
    assert (visit.modality, praise.text[slice(*visit.source.span)]) == ("future", "he")
    assert arrest.events[0].source == LabelledActor(code="PERCOP", span=None)
    assert arrest.events[1].trigger == (arrest.text.rindex("arrested"), arrest.text.rindex("arrested") + 8)
    assert arrest.text[slice(*arrest.events[1].target.span)] == "their driver"
    row = json.loads(out.read_text(encoding="utf-8").splitlines()[1])
    assert row == {"id": "w9-0002", "text": "Norway beat Sweden 3-0 in Oslo.", "events": []}


@pytest.mark.parametrize(("draft", "line", "message"), [
    ("# s\nChile warned Peru.\n999 | warned | Chile = CHL | Peru = PER | asserted\n", 3, "not a CAMEO code"),
    ("# s\nChile warned Peru.\n130 | warned | Chile = chl | Peru = PER | asserted\n", 3, "actor code"),
    ("# s\nChile warned Peru.\n130 | warned | Chile = CHL | Bolivia = BOL | asserted\n", 3, "not in the sentence"),
    ("# s\nChile warned Peru.\n130 | warned | Chile = CHL | Peru = PER | maybe\n", 3, "modality"),
    ("# s\nChile warned Peru.\n130 | warned | Chile = CHL | asserted\n", 3, "expected 'code"),
    ("# s @tags frame,shouting\nChile warned Peru.\n", 1, "unknown tags"),
    ("# s\n# s\nChile warned Peru.\n", 2, "has no sentence"),
    ("Chile warned Peru.\n# s\nPeru replied.\n", 1, "before the first"),
    ("# s\nChile warned Peru.\n# s\nChile warned Peru.\n", 4, "the same sentence"),
    ("# s\n130 | warned | Chile = CHL | - | asserted\n", 2, "not an event line"),
])
def test_a_bad_draft_is_refused_naming_file_and_line(tmp_path: Path, draft: str, line: int, message: str) -> None:
    path = _write(tmp_path, draft)
    with pytest.raises(annotate.DraftError, match=message) as caught:
        annotate.compile_written(path, tmp_path / "out" / "x.jsonl", "w9")
    assert f"d.txt:{line}" in str(caught.value)
    assert not (tmp_path / "out" / "x.jsonl").exists()


def test_a_sentence_with_no_following_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(annotate.DraftError, match="last '# s' has no sentence"):
        annotate.parse_written_draft(_write(tmp_path, "# s\nChile warned Peru.\n# s\n"))


def test_ids_another_file_uses_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "written"
    annotate.compile_written(_write(tmp_path, GOOD_DRAFT), folder / "a.jsonl", "w9")
    annotate.compile_written(_write(tmp_path, GOOD_DRAFT), folder / "a.jsonl", "w9")  # recompiling is fine
    with pytest.raises(annotate.DraftError, match="already used"):
        annotate.compile_written(_write(tmp_path, GOOD_DRAFT), folder / "b.jsonl", "w9")
    with pytest.raises(annotate.DraftError, match="prefix"):
        annotate.compile_written(_write(tmp_path, GOOD_DRAFT), folder / "b.jsonl", "W 9")


def _line(**changes) -> str:
    row = {"id": "w9-0001", "text": "Chile warned Peru.",
           "events": [{"code": "130", "trigger": [6, 12], "source": {"code": "CHL", "span": [0, 5]},
                       "target": {"code": "PER", "span": [13, 17]}, "modality": "asserted"}]}
    row.update(changes)
    return json.dumps(row)


@pytest.mark.parametrize(("bad", "message"), [
    (_line(id=""), "id must be"),
    (_line(events=[{"code": "130", "trigger": [6, 40], "source": None}]), "runs past the text"),
    (_line(events=[{"code": "130", "trigger": [6, 12], "source": {"code": "CHL", "span": [0, 50]}}]),
     "source span"),
    (_line(events=[{"code": "1999", "trigger": [6, 12], "source": None}]), "not a CAMEO code"),
    (_line(events=[{"code": "130", "trigger": [6, 12], "source": {"code": "chile", "span": None}}]), "actor code"),
    (_line(tags=["loud"]), "unknown tags"),
    (_line(events=[{"code": "130", "trigger": [6, 12], "modality": "perhaps"}]), "modality"),
    ("{not json", "not a written sentence"),
])
def test_the_loader_names_file_and_line_of_a_bad_sentence(tmp_path: Path, bad: str, message: str) -> None:
    (tmp_path / "w9.jsonl").write_text(_line() + "\n\n" + bad + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=message) as caught:
        read_written(tmp_path)
    assert "w9.jsonl:3" in str(caught.value)


def test_the_loader_refuses_an_id_used_twice_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(_line() + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(_line(text="Chile warned Peru again.") + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"b\.jsonl:1.*already used at .*a\.jsonl:1"):
        read_written(tmp_path)


def test_counts_per_root_and_plover_type_add_corpus_and_written() -> None:
    def event(code: str) -> LabelledEvent:
        return LabelledEvent(code, (0, 1), LabelledActor("CHL", None), None)

    lines = annotate.count_table([event("111"), event("010")], [event("112"), event("0211"), event("010")])
    rows = {line.split()[0]: line.split()[1:] for line in lines}
    assert rows["11"] == ["1", "1", "2"] and rows["02"] == ["0", "1", "1"] and rows["01"] == ["1", "1", "2"]
    assert rows["ACCUSE"] == ["1", "1", "2"] and rows["REQUEST"] == ["0", "1", "1"]
    assert rows["(none)"] == ["1", "1", "2"]  # PLOVER 2.0 has no type for a plain statement


def test_the_repository_written_sentences_are_valid() -> None:
    if not any(DEFAULT_WRITTEN.glob("*.jsonl")):
        pytest.skip("no written sentences in this checkout")
    sentences = read_written()
    assert all(s.text == s.text.strip() for s in sentences)
