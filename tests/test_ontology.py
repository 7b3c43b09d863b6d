"""Tests for the CAMEO / PLOVER ontology tables and their loader."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest

import eventwire.ontology as ontology_module
from eventwire.ontology import (
    CAMEO_FILE,
    CONTEXTS_FILE,
    CROSSWALK_FILE,
    MODES_FILE,
    TYPES_FILE,
    CameoCode,
    PloverCoding,
    load_ontology,
    quad_class_of_root,
)
from eventwire.tables import TableError

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

EXPECTED_QUAD_CLASS = {
    **dict.fromkeys(["01", "02", "03", "04", "05"], 1),
    **dict.fromkeys(["06", "07", "08"], 2),
    **dict.fromkeys(["09", "10", "11", "12", "13"], 3),
    **dict.fromkeys(["14", "15", "16", "17", "18", "19", "20"], 4),
}


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


# --- the shipped tables -------------------------------------------------------------------------


def test_all_twenty_roots_and_about_300_codes(onto):
    assert onto.roots == tuple(f"{n:02d}" for n in range(1, 21))
    assert 300 <= len(onto.codes) <= 320
    by_level = {level: sum(1 for c in onto.codes if len(c) == level) for level in (2, 3, 4)}
    assert by_level[2] == 20
    assert by_level[3] > 140 and by_level[4] > 100
    assert sum(by_level.values()) == len(onto.codes)


def test_every_root_has_its_catch_all_base_code(onto):
    for root in onto.roots:
        assert onto.is_code(root + "0"), root


@pytest.mark.parametrize(
    "code, name, goldstein",
    [
        ("040", "Consult", 1.0),
        ("042", "Make a visit", 1.9),
        ("057", "Sign formal agreement", 8.0),
        ("0874", "Retreat or surrender militarily", 10.0),
        ("112", "Accuse", -2.0),
        ("130", "Threaten", -4.4),
        ("13", "THREATEN", -6.0),
        ("173", "Arrest, detain, or charge with legal action", -5.0),
        ("1823", "Kill by physical assault", -10.0),
        ("190", "Use conventional military force", -10.0),
        ("193", "Fight with small arms and light weapons", -10.0),
    ],
)
def test_cameo_facts(onto, code, name, goldstein):
    entry = onto.cameo(code)
    assert entry.name == name
    assert entry.goldstein == goldstein
    assert entry.root == code[:2]


@pytest.mark.parametrize("root, quad", sorted(EXPECTED_QUAD_CLASS.items()))
def test_quad_class_per_root(onto, root, quad):
    assert quad_class_of_root(root) == quad
    members = [onto.cameo(c) for c in onto.codes if c.startswith(root)]
    assert members and all(m.quad_class == quad and m.root == root for m in members)


def test_quad_class_of_root_rejects_non_roots():
    for bad in ("00", "21", "190", "4"):
        with pytest.raises(KeyError):
            quad_class_of_root(bad)


@pytest.mark.parametrize(
    "code, expected",
    [
        ("040", PloverCoding("CONSULT", None, None)),
        ("042", PloverCoding("CONSULT", "visit", None)),
        ("041", PloverCoding("CONSULT", "phone", None)),
        ("0256", PloverCoding("REQUEST", "yield", "military")),
        ("0841", PloverCoding("RETREAT", "release", "legal")),
        ("0871", PloverCoding("RETREAT", "ceasefire", "military")),
        ("081", PloverCoding("CONCEDE", None, "legal")),
        ("09", PloverCoding("ACCUSE", "investigate", None)),
        ("116", PloverCoding("SANCTION", "convict", "legal")),
        ("163", PloverCoding("SANCTION", "discontinue", "economic")),
        ("173", PloverCoding("COERCE", "arrest", "legal")),
        ("1724", PloverCoding("COERCE", "martial-law", "pro_autocracy")),
        ("186", PloverCoding("ASSAULT", "targeted", None)),
        ("190", PloverCoding("ASSAULT", None, "military")),
        ("195", PloverCoding("ASSAULT", "aerial", "military")),
        ("2042", PloverCoding("ASSAULT", "unconventional", "cbrn")),
    ],
)
def test_plover_crosswalk_facts(onto, code, expected):
    assert onto.plover(code) == expected


def test_root_level_plover_follows_the_manuals_table(onto):
    # PLOVER 2.0 manual, table 7.1 (01 dropped; 02 coded as REQUEST by our documented choice).
    expected = {
        "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
        "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN",
        "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
        "19": "ASSAULT", "20": "ASSAULT",
    }
    for root, plover_type in expected.items():
        assert onto.plover(root).type == plover_type
        assert onto.plover(root + "0").type == plover_type
    assert {onto.plover(c).type for c in ("081", "082", "083")} == {"CONCEDE"}
    assert {onto.plover(c).type for c in ("084", "085", "086", "087")} == {"RETREAT"}


def test_statements_dropped_by_plover_have_no_type(onto):
    for code in ("01", "010", "012", "013"):
        assert onto.plover(code) == PloverCoding(None, None, None)
    assert onto.plover("015").type == "AGREE"
    assert onto.plover("016").type == "REJECT"


def test_every_code_has_a_consistent_plover_coding(onto):
    for code in onto.codes:
        coding = onto.plover(code)
        if coding.type is None:
            assert code.startswith("01"), code
            continue
        assert coding.type in onto.plover_types
        if coding.mode is not None:
            assert coding.mode in onto.modes_of(coding.type), code
        if coding.context is not None:
            assert coding.context in onto.plover_contexts, code


def test_plover_tables(onto):
    assert len(onto.plover_types) == 16
    quads = {t: onto.plover_quad_class(t) for t in onto.plover_types}
    assert [t for t, q in quads.items() if q == 2] == ["COOPERATE", "AID", "RETREAT"]
    assert quads["CONSULT"] == 1 and quads["ACCUSE"] == 3 and quads["ASSAULT"] == 4
    assert onto.modes_of("REQUEST") == onto.modes_of("REJECT") == ("assist", "change", "yield", "meet")
    assert onto.modes_of("AGREE") == ()
    assert "suicide-attack" in onto.modes_of("ASSAULT")
    for context in ("military", "pro_democracy", "rights_freedoms", "cbrn", "trafficking"):
        assert context in onto.plover_contexts
    with pytest.raises(KeyError, match="FIGHT"):
        onto.modes_of("FIGHT")


def test_lookup_api(onto):
    assert onto.is_code("0256") and not onto.is_code("0257") and not onto.is_code("")
    assert onto.get("999") is None
    assert onto.get("18") == onto.cameo("18")
    with pytest.raises(KeyError, match="'999'"):
        onto.cameo("999")
    with pytest.raises(KeyError, match="leading zero: did you mean '040'"):
        onto.cameo("40")
    with pytest.raises(KeyError, match="'12a'"):
        onto.plover("12a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        onto.cameo("040").goldstein = 5.0  # type: ignore[misc]


def test_default_is_cached_and_explicit_directory_is_not(onto, tmp_path):
    assert load_ontology() is onto
    source = Path(ontology_module.__file__).parent
    for name in (CAMEO_FILE, TYPES_FILE, MODES_FILE, CONTEXTS_FILE, CROSSWALK_FILE):
        (tmp_path / name).write_text((source / name).read_text(encoding="utf-8"), encoding="utf-8")
    copy = load_ontology(tmp_path)
    assert copy is not onto and copy.codes == onto.codes
    assert load_ontology(tmp_path) is not copy


def test_codes_and_goldstein_match_the_reference_facts(onto):
    reference = SHARED / "reference" / "cameo-codes.csv"
    if not reference.exists():
        pytest.skip(f"reference table not found at {reference}")
    with reference.open(encoding="utf-8", errors="replace") as handle:
        facts = {row["code"]: float(row["goldstein"]) for row in csv.DictReader(handle)}
    assert set(facts) == set(onto.codes)
    for code, goldstein in facts.items():
        assert onto.cameo(code).goldstein == goldstein, code


# --- validation on small tables written by the test ---------------------------------------------

SMALL = {
    CAMEO_FILE: "code\tname\tgoldstein\n04\tCONSULT\t1\n040\tConsult\t1\n042\tMake a visit\t1.9\n"
    "19\tFIGHT\t-10\n190\tUse conventional military force\t-10\n",
    TYPES_FILE: "type\tquad_class\tdefinition\nCONSULT\t1\tmeet\nASSAULT\t4\tuse force\n",
    MODES_FILE: "type\tmode\tdefinition\nCONSULT\tvisit\tgo there\nASSAULT\tfirearms\tguns\n",
    CONTEXTS_FILE: "context\tdefinition\nmilitary\tarmed forces\n",
    CROSSWALK_FILE: "code\tplover\tmode\tcontext\n04\tCONSULT\n040\tCONSULT\n042\tCONSULT\tvisit\n"
    "19\tASSAULT\t\tmilitary\n190\tASSAULT\t\tmilitary\n",
}


def write_tables(directory: Path, **replacements: str) -> Path:
    """Write the small valid table set, with some files' text replaced (keyed by file stem)."""
    for name, text in SMALL.items():
        (directory / name).write_text(replacements.get(Path(name).stem, text), encoding="utf-8")
    return directory


def test_small_tables_load(tmp_path):
    onto = load_ontology(write_tables(tmp_path))
    assert onto.codes == ("04", "040", "042", "19", "190")
    assert onto.cameo("042") == CameoCode("042", "Make a visit", "04", 1.9, 1)
    assert onto.plover("042") == PloverCoding("CONSULT", "visit", None)
    assert onto.plover_modes == ("visit", "firearms")


def expect_error(directory: Path, file: str, line: int | None, *fragments: str) -> None:
    with pytest.raises(TableError) as caught:
        load_ontology(directory)
    message = str(caught.value)
    where = f"{file}:{line}:" if line else f"{file}:"
    assert where in message, message
    for fragment in fragments:
        assert fragment in message, message


@pytest.mark.parametrize("bad", ["4a0", "21", "0", "04000", "00"])
def test_malformed_code(tmp_path, bad):
    write_tables(tmp_path, cameo=SMALL[CAMEO_FILE] + f"{bad}\tBad\t0\n")
    expect_error(tmp_path, CAMEO_FILE, 7, "malformed CAMEO code", repr(bad))


def test_duplicate_code(tmp_path):
    write_tables(tmp_path, cameo=SMALL[CAMEO_FILE] + "042\tVisit again\t2\n")
    expect_error(tmp_path, CAMEO_FILE, 7, "duplicate CAMEO code '042'", "line 4")


@pytest.mark.parametrize("value", ["10.5", "-11", "nan", "high"])
def test_goldstein_out_of_range_or_not_a_number(tmp_path, value):
    write_tables(tmp_path, cameo=SMALL[CAMEO_FILE].replace("1.9", value))
    expect_error(tmp_path, CAMEO_FILE, 4, "Goldstein value")


def test_missing_root(tmp_path):
    write_tables(tmp_path, cameo=SMALL[CAMEO_FILE].replace("19\tFIGHT\t-10\n", ""))
    expect_error(tmp_path, CAMEO_FILE, 5, "190 has no parent code 19")


def test_missing_three_digit_parent(tmp_path):
    write_tables(tmp_path, cameo=SMALL[CAMEO_FILE] + "0411\tSub-code\t1\n")
    expect_error(tmp_path, CAMEO_FILE, 7, "0411 has no parent code 041")


def test_crosswalk_names_unknown_code(tmp_path):
    write_tables(tmp_path, cameo_plover=SMALL[CROSSWALK_FILE] + "041\tCONSULT\n")
    expect_error(tmp_path, CROSSWALK_FILE, 7, "'041'", "not in cameo.tsv")


def test_crosswalk_unknown_type(tmp_path):
    write_tables(tmp_path, cameo_plover=SMALL[CROSSWALK_FILE].replace("190\tASSAULT", "190\tFIGHT"))
    expect_error(tmp_path, CROSSWALK_FILE, 6, "unknown PLOVER type 'FIGHT'")


def test_crosswalk_mode_of_another_type(tmp_path):
    write_tables(tmp_path, cameo_plover=SMALL[CROSSWALK_FILE].replace("042\tCONSULT\tvisit", "042\tCONSULT\tfirearms"))
    expect_error(tmp_path, CROSSWALK_FILE, 4, "unknown mode 'firearms' for PLOVER type CONSULT", "visit")


def test_crosswalk_unknown_context(tmp_path):
    write_tables(tmp_path, cameo_plover=SMALL[CROSSWALK_FILE].replace("190\tASSAULT\t\tmilitary", "190\tASSAULT\t\tnaval"))
    expect_error(tmp_path, CROSSWALK_FILE, 6, "unknown PLOVER context 'naval'")


def test_dropped_code_cannot_carry_mode(tmp_path):
    write_tables(tmp_path, cameo_plover=SMALL[CROSSWALK_FILE].replace("042\tCONSULT\tvisit", "042\t-\tvisit"))
    expect_error(tmp_path, CROSSWALK_FILE, 4, "dropped")


def test_duplicate_crosswalk_row(tmp_path):
    write_tables(tmp_path, cameo_plover=SMALL[CROSSWALK_FILE] + "040\tCONSULT\n")
    expect_error(tmp_path, CROSSWALK_FILE, 7, "duplicate crosswalk row for CAMEO code '040'")


def test_code_without_crosswalk_row(tmp_path):
    write_tables(tmp_path, cameo_plover=SMALL[CROSSWALK_FILE].replace("042\tCONSULT\tvisit\n", ""))
    expect_error(tmp_path, CROSSWALK_FILE, None, "no crosswalk row for CAMEO code(s): 042")


def test_mode_of_unknown_type(tmp_path):
    write_tables(tmp_path, plover_modes=SMALL[MODES_FILE] + "FIGHT\tguns\tguns\n")
    expect_error(tmp_path, MODES_FILE, 4, "unknown PLOVER type 'FIGHT'")


def test_bad_quad_class(tmp_path):
    write_tables(tmp_path, plover_types=SMALL[TYPES_FILE].replace("ASSAULT\t4", "ASSAULT\t5"))
    expect_error(tmp_path, TYPES_FILE, 3, "quad_class '5'")


def test_missing_table_names_the_file(tmp_path):
    write_tables(tmp_path)
    (tmp_path / CONTEXTS_FILE).unlink()
    expect_error(tmp_path, CONTEXTS_FILE, None, "cannot open table")
