"""Headlines in title case and text in capitals are read in sentence case (eventwire/io/casing.py):
a unit test of the recasing on a small vocabulary, and the coder on headlines we wrote."""

from __future__ import annotations

import pytest
from coding import coded, sentence_coder

from eventwire.io.casing import Vocabulary, base_forms, line_kind, sentence_case
from eventwire.pipeline import Coder

WORDS = {"jury", "convict", "man", "shooting", "death", "police", "arrest", "community", "launch", "offensive",
         "troy", "office"}
NAMES = {"kenya", "south sudan", "turkey"}
VOCABULARY = Vocabulary(is_phrase=NAMES.__contains__, is_acronym={"UN", "RCMP"}.__contains__,
                        is_word=lambda w: w in {"in", "of", "the", "a"} or any(b in WORDS for b in base_forms(w)))


def test_title_case_line_keeps_names_and_unknown_words() -> None:
    assert sentence_case("Jury Convicts Spiro Man In Shooting Death", VOCABULARY) == \
        "Jury convicts Spiro man in shooting death"
    assert sentence_case("Turkey Launches Offensive In South Sudan", VOCABULARY) == \
        "Turkey launches offensive in South Sudan"


def test_capitals_are_recased_with_acronyms_kept() -> None:
    assert sentence_case("RCMP ARREST MEN IN THE COMMUNITY OF KENYA", VOCABULARY) == \
        "RCMP arrest MEN in the community of Kenya"  # "men": not in this small vocabulary, short: kept


def test_ordinary_lines_and_offsets_are_untouched() -> None:
    text = "Police in Kenya arrested a man.\nJury Convicts Spiro Man In Shooting Death\nThe UN said so."
    out = sentence_case(text, VOCABULARY)
    assert len(out) == len(text)
    assert out.splitlines()[0] == text.splitlines()[0] and out.splitlines()[2] == text.splitlines()[2]


@pytest.mark.parametrize(("line", "kind"), [
    ("Jury Convicts Spiro Man In Shooting Death", "title"),
    ("RCMP MAKE ARRESTS IN BC", "capitals"),
    ("Russian President Vladimir Putin Met Chinese President Xi Jinping.", None),  # a sentence: it ends
    ("Kenya arrests three men after attack", None),
    ("Kenya Votes", None),  # too short to tell
])
def test_line_kind(line: str, kind: str | None) -> None:
    assert line_kind(line) == kind


def test_base_forms() -> None:
    assert "convict" in set(base_forms("convicts"))
    assert "stop" in set(base_forms("stopped"))
    assert "launch" in set(base_forms("launches"))


@pytest.fixture(scope="module")
def coder() -> Coder:
    return sentence_coder()


@pytest.mark.parametrize(("headline", "event"), [
    ("Kenyan Police Arrest Two Men After Nairobi Shooting", ("KENCOP", "173", "KENCRM")),
    ("KENYAN POLICE ARREST TWO MEN AFTER NAIROBI SHOOTING", ("KENCOP", "173", "KENCRM")),
    ("Ethiopian Court Convicts Former Minister Of Corruption", ("ETHJUD", "116", "ETHELI")),
])
def test_headlines_in_title_case_or_capitals_are_coded(coder: Coder, headline: str,
                                                       event: tuple[str, str, str]) -> None:
    assert event in coded(coder, headline), coded(coder, headline)
