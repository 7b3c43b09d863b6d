"""``eventwire analyze`` over a small synthetic store."""

from __future__ import annotations

import json

from eventwire.analysis.synthetic import build_random_store
from eventwire.cli import main


def run(capsys, *argv: str) -> list[dict]:
    assert main(list(argv)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_analyze_reads_dyads_series_and_network(tmp_path, capsys) -> None:
    db = str(tmp_path / "s.duckdb")
    build_random_store(db, 400)
    dyads = run(capsys, "analyze", "dyads", "--db", db, "--level", "country", "--limit", "5")
    assert 0 < len(dyads) <= 5 and dyads[0]["events"] >= dyads[-1]["events"]
    months = run(capsys, "analyze", "timeseries", "--db", db, "--freq", "month")
    assert sum(m["events"] for m in months) == sum(
        d["events"] for d in run(capsys, "analyze", "dyads", "--db", db, "--limit", "100000"))
    network = run(capsys, "analyze", "network", "--db", db)
    assert {row["kind"] for row in network} == {"node", "edge"}


def test_analyze_missing_store_is_a_clear_error(tmp_path, capsys) -> None:
    assert main(["analyze", "alerts", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no eventwire store" in capsys.readouterr().err
