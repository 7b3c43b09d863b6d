"""Code PETRARCH2's unit-test sentences with their own dictionaries and score them (issue 6).

    .venv/bin/python benchmarks/petrarch_unittests.py [--shared ../shared] [--out FILE]

Writes one event per line (doc_id = record id, source, target, cameo, rule) and runs
``tools/score_events.py`` on it, so the number in the issue can be reproduced.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

from eventwire.dictionaries import DictionaryCoder, load_dictionaries
from eventwire.nlp import load_pipeline

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def code_records(records: list[dict], coder: DictionaryCoder) -> list[dict]:
    nlp = load_pipeline()
    out = []
    texts = [r["text"] for r in records]
    for record, doc in zip(records, nlp.pipe(texts, batch_size=64)):
        day = dt.date.fromisoformat(record["date"]) if record.get("date") else None
        for index, sent in enumerate(doc.sents):
            for event in coder.code_sentence(sent, str(record["id"]), index, day):
                out.append({"doc_id": event.doc_id, "source": event.source, "target": event.target,
                            "cameo": event.cameo, "trigger": event.trigger, "rule": event.rule})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=Path("/tmp/petrarch_unittests.system.jsonl"))
    args = parser.parse_args()
    folder = args.shared / "peer" / "petrarch2" / "validate"
    gold = folder / "unittest_records.jsonl"
    if not gold.exists():
        print(f"{gold} not found", file=sys.stderr)
        return 2
    started = time.perf_counter()
    dicts = load_dictionaries(folder)
    print(f"loaded {dicts.summary()} in {time.perf_counter() - started:.2f} s")
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    events = code_records(records, DictionaryCoder(dicts))
    print(f"coded {len(records)} records, {len(events)} events in {time.perf_counter() - started:.1f} s")
    args.out.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    scorer = args.shared / "tools" / "score_events.py"
    return subprocess.call([sys.executable, str(scorer), str(gold), str(args.out)])


if __name__ == "__main__":
    sys.exit(main())
