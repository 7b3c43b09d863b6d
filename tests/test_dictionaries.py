"""Readers of PETRARCH/TABARI dictionary files, on small files we wrote (tests/data/dictionaries)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.dictionaries import DictionaryError, load_dictionaries
from eventwire.dictionaries.actors import read_actor_dictionary
from eventwire.dictionaries.agents import read_agent_dictionary
from eventwire.dictionaries.discards import read_discard_dictionary
from eventwire.dictionaries.loader import dictionary_kind
from eventwire.dictionaries.verbs import EventCode, read_verb_dictionary
from eventwire.tables import TableError

TINY = Path(__file__).resolve().parent / "data" / "dictionaries" / "tiny"


@pytest.fixture(scope="module")
def tiny():
    return load_dictionaries(TINY)


def test_folder_loader_finds_each_kind_by_name(tiny):
    names = sorted(Path(f).name for f in tiny.files)
    assert names == ["tiny.actors.txt", "tiny.agents.txt", "tiny.discards.txt", "tiny.verbs.txt"]
    assert dictionary_kind(Path("CAMEO.2.0.txt")) == "verbs"
    assert dictionary_kind(Path("Phoenix.IssueCoding.txt")) is None
    assert tiny.warnings == ()


def test_folder_without_verbs_is_an_error(tmp_path):
    (tmp_path / "x.actors.txt").write_text("VALORIA [VAL]\n")
    with pytest.raises(DictionaryError, match="no verbs dictionary"):
        load_dictionaries(tmp_path)


def test_synonym_sets_nest_and_get_plurals(tiny):
    members = set(tiny.verbs.synsets["MONEYWORDS"])
    assert {("CREDIT",), ("CREDITS",), ("GRANT",), ("GOLD", "BARS")} <= members
    assert ("GRANTS",) not in members  # trailing _ = no plural


def test_verb_blocks_verbs_and_codes(tiny):
    blocks = {b.name: b for b in tiny.verbs.blocks}
    pledge = blocks["PLEDGE"]
    assert pledge.code == EventCode("050", None)
    vow = pledge.verbs[1]
    assert {"VOW", "VOWED", "VOWS"} <= vow.forms and vow.code == EventCode("051", None)
    tear = blocks["SLAM"].verbs[1]
    assert "TORE" in tear.forms and tear.after == ("INTO",) and tear.before == ()
    assert blocks["HOST"].code.is_null
    assert blocks["HOST"].patterns[0].code == EventCode("043", "042")
    assert len(tiny.verbs.transformations) == 1
    assert tiny.verbs.index["SLAMMED"]


def test_pattern_elements_slots_and_joins(tiny):
    slam = next(b for b in tiny.verbs.blocks if b.name == "SLAM").patterns[0]
    assert [e.kind for e in slam.before] == ["target", "word"]
    assert [(e.kind, e.value) for e in slam.after] == [("word", "BY"), ("source", "$")]
    help_with = next(b for b in tiny.verbs.blocks if b.name == "PLEDGE").patterns[1]
    assert [(e.value, e.joined) for e in help_with.after] == [("HELP", False), ("WITH", True)]
    assert slam.line == 20 and slam.path.endswith("tiny.verbs.txt")


def test_actor_names_synonyms_and_compound_codes(tiny):
    entries = {e.names[0]: e for e in tiny.actors.entries}
    assert entries[("VALORIA",)].names == (("VALORIA",), ("VALORIAN",))
    assert entries[("KORVATH",)].codes_on(None) == ("KRV",)
    assert entries[("NORTH", "ISLES")].codes_on(None) == ("NIS",)
    assert entries[("OLD", "LEAGUE")].codes_on(None) == ("LEA", "KRV")


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (dt.date(2009, 12, 31), "VALMIL"),
        (dt.date(2010, 1, 1), "VALGOV"),  # ranges are inclusive
        (dt.date(2015, 12, 31), "VALGOV"),
        (dt.date(2016, 1, 1), "VALELI"),  # six-digit YYMMDD date
        (None, "VALMIL"),  # no undated code: the first one
    ],
)
def test_date_restricted_actor_codes(tiny, day, code):
    tesk = next(e for e in tiny.actors.entries if e.names[0] == ("ADMIRAL", "TESK"))
    assert tesk.codes_on(day) == (code,)
    assert ("THE", "ADMIRAL") in tesk.names


def test_undated_code_is_the_default_outside_ranges(tmp_path):
    path = tmp_path / "d.actors.txt"
    path.write_text("GENERAL_ORLO [KRV]\n\t[KRVGOV 20010101-20011231]\n")
    orlo = read_actor_dictionary(path).entries[0]
    assert orlo.codes_on(dt.date(2001, 6, 1)) == ("KRVGOV",)
    assert orlo.codes_on(dt.date(2005, 6, 1)) == ("KRV",)


def test_agents_prefix_suffix_plurals_and_substitutions(tiny):
    agents = {e.forms[0]: e for e in tiny.agents.entries}
    police = agents[("POLICE",)]
    assert police.suffix == "COP" and police.forms == (("POLICE",),)  # {} = no plural
    assert ("MINISTERS",) in agents[("MINISTER",)].forms
    customs = agents[("CUSTOMS", "OFFICER")]
    assert ("CUSTOMS", "OFFICERS") in customs.forms
    aid = agents[("AID", "AGENCY")]
    assert aid.prefix == "NGO" and aid.suffix == "" and ("AID", "AGENCIES") in aid.forms


def test_discards_sentence_and_story(tiny):
    kinds = {e.words: e.story for e in tiny.discards.entries}
    assert kinds == {("FOOTBALL", "MATCH"): False, ("CHESS", "OLYMPIAD"): True}


BAD_FILES = [
    ("v.verbs.txt", "- * TALKS [040]\n", 1, "outside a verb block"),
    ("v.verbs.txt", "--- MEET [040] ---\nMEET\n- TALKS [041]\n", 3, "exactly one '*'"),
    ("v.verbs.txt", "--- MEET [040] ---\nMEET\n- * TALKS\n", 3, "exactly one [code]"),
    ("v.verbs.txt", "--- MEET ---\nMEET\n", 1, "header"),
    ("v.verbs.txt", "--- MEET [040] ---\nMEET\n- * &NOSUCH [041]\n", 3, "&NOSUCH is not defined"),
    ("v.verbs.txt", "--- MEET [040] ---\nMEET\n- * TALKS [04 1]\n", 3, "characters a code cannot have"),
    ("v.verbs.txt", "--- MEET [040] ---\nMEET {MET\n", 2, "'{' '}'"),
    ("v.verbs.txt", "--- MEET [040] ---\n\n--- GREET [041] ---\nGREET\n", 1, "no verb line"),
    ("v.verbs.txt", "&SET\n+A\n&SET2\n+&SET2\n--- M [1] ---\nM\n", 3, "contains itself"),
    ("a.actors.txt", "[VAL]\n", 1, "before any actor name"),
    ("a.actors.txt", "VALORIA [VAL 2001x101]\n", 1, "is not CODE"),
    ("a.actors.txt", "VALORIA\n\t[VAL >2001011]\n", 2, "neither YYYYMMDD nor YYMMDD"),
    ("a.actors.txt", "VALORIA\n\t[VAL 20010101-20000101]\n", 2, "ends before it starts"),
    ("a.actors.txt", "VALORIA\n\t[VAL 20011301-20021201]\n", 2, "not a calendar date"),
    ("a.actors.txt", "KORVATH [KRV]\nVALORIA\n", 2, "has no code"),
    ("a.actors.txt", "VALORIA [VAL\n", 1, "unbalanced"),
    ("g.agents.txt", "POLICE\n", 1, "exactly one [code]"),
    ("g.agents.txt", "POLICE [COP]\n", 1, "[~CODE] or [CODE~]"),
    ("g.agents.txt", "!X!_GUARD [~MIL]\n", 1, "!X! is not defined"),
    ("g.agents.txt", "POLICE {POLICES [~COP]\n", 1, "'{' '}'"),
    ("d.discards.txt", "FOOTBALL [X]\n", 1, "brackets"),
]


@pytest.mark.parametrize(("name", "text", "line", "message"), BAD_FILES)
def test_malformed_lines_name_file_and_line(tmp_path, name, text, line, message):
    path = tmp_path / name
    path.write_text(text)
    reader = {"verbs": read_verb_dictionary, "actors": read_actor_dictionary,
              "agents": read_agent_dictionary, "discards": read_discard_dictionary}[name.split(".")[1]]
    with pytest.raises(DictionaryError) as caught:
        reader(path)
    assert isinstance(caught.value, TableError)
    assert f"{path}:{line}:" in str(caught.value)
    assert message in str(caught.value)


def test_lenient_mode_skips_bad_lines_and_reports_them(tmp_path):
    (tmp_path / "x.verbs.txt").write_text("--- MEET [040] ---\nMEET\n- * &NOSUCH [041]\n- * TALKS [042]\n")
    (tmp_path / "x.actors.txt").write_text("VALORIA [VAL]\nKORVATH\n\t[KRV >2001011]\n\t[KRV]\n")
    dicts = load_dictionaries(tmp_path, strict=False)
    assert len(dicts.warnings) == 2
    assert "x.verbs.txt:3" in dicts.warnings[0] and "x.actors.txt:3" in dicts.warnings[1]
    assert [e.codes_on(None) for e in dicts.actors.entries] == [("VAL",), ("KRV",)]
    with pytest.raises(DictionaryError):
        load_dictionaries(tmp_path)


def test_comments_do_not_cut_codes(tmp_path):
    path = tmp_path / "v.verbs.txt"
    path.write_text("--- MEET [040] ---  # a comment\nMEET ; TABARI comment\n- * TALKS [###]  # odd code\n")
    block = read_verb_dictionary(path).blocks[0]
    assert block.patterns[0].raw_code == "###"
    assert block.verbs[0].forms >= {"MEET", "MEETS"}
