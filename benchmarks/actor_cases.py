"""Resolve a file of actor-phrase cases and score the result.

    python benchmarks/actor_cases.py [CASES.jsonl] [--out SYSTEM.jsonl]

Cases are lines {id, text, context?, date?}; the system file gets {id, code, country, sector, name}
per case, then ../shared/tools/score_actors.py scores it (when that scorer is present).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from eventwire.actors import ActorFinder, parse_case_date, resolution_record
from eventwire.nlp import load_pipeline

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", default=str(SHARED / "peer" / "ngec_actor_cases.jsonl"))
    parser.add_argument("--out", default="test-output/actor_cases.system.jsonl")
    args = parser.parse_args(argv)
    finder = ActorFinder(load_pipeline())
    started = time.perf_counter()
    n = 0
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.cases, encoding="utf-8") as cases, open(args.out, "w", encoding="utf-8") as out:
        for line in cases:
            if not line.strip():
                continue
            case = json.loads(line)
            on = parse_case_date(case.get("date"))
            actor = finder.resolve_phrase(case["text"], case.get("context") or "", on)
            out.write(json.dumps(resolution_record(case["id"], actor)) + "\n")
            n += 1
    elapsed = time.perf_counter() - started
    print(f"resolved {n} cases in {elapsed:.2f}s -> {args.out}", file=sys.stderr)
    scorer = SHARED / "tools" / "score_actors.py"
    if not scorer.exists():
        print(f"scorer not found at {scorer}; system file written only", file=sys.stderr)
        return 0
    return subprocess.call([sys.executable, str(scorer), args.cases, args.out])


if __name__ == "__main__":
    sys.exit(main())
