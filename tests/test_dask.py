"""The Dask engine on a real LocalCluster of 2 worker processes: the same events as the local engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.pipeline import CoderConfig
from eventwire.scale.engines import DaskEngine
from eventwire.scale.ingest import IngestOptions, ingest
from eventwire.store import open_store

pytest.importorskip("distributed", reason="the Dask engine needs dask[distributed]")

SENTENCES = (
    "The government of {a} accused {b} of shelling villages near the border on Monday.",
    "The foreign minister of {a} met officials from {b} in Geneva to discuss a ceasefire.",
    "{a} signed a trade agreement with {b} last week.",
)
COUNTRIES = ("Armenia", "Azerbaijan", "Turkey", "Russia", "France", "Japan")


def write_corpus(path: Path, n: int) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            a, b = COUNTRIES[i % len(COUNTRIES)], COUNTRIES[(i + 2) % len(COUNTRIES)]
            text = " ".join(s.format(a=a, b=b) for s in SENTENCES[i % 2:])
            out.write(json.dumps({"id": f"d{i}", "date": "2020-10-05", "text": text}) + "\n")
    return path


@pytest.mark.slow
def test_dask_engine_stores_exactly_the_local_events(tmp_path):
    corpus = write_corpus(tmp_path / "in.jsonl", 12)  # 6 chunks: more than the 4 kept in flight
    config = CoderConfig()
    options = IngestOptions(workers=0, chunk_size=2, batch_docs=3)
    with open_store(tmp_path / "local.duckdb") as store:
        ingest([corpus], store, config, options)
        local_ids = store.event_ids()
    assert local_ids

    engine = DaskEngine(config, workers=2)
    try:
        assert engine.workers == 2
        engine.warm_up()  # both workers hold a loaded Coder, so the scheduler spreads the chunks
        with open_store(tmp_path / "dask.duckdb") as store:
            summary = ingest([corpus], store, config, IngestOptions(engine="dask", chunk_size=2, batch_docs=3),
                             engine=engine)
            assert (summary.n_coded, summary.n_rejected) == (12, 0)
            assert len(summary.peak_rss_kb) == 2, "both workers should have coded chunks"
            assert store.event_ids() == local_ids
            again = ingest([corpus], store, config, IngestOptions(engine="dask"), engine=engine)
            assert (again.n_coded, again.n_skipped) == (0, 12)
    finally:
        engine.close()
