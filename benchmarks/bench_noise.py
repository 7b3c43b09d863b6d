"""Does Unicode noise hide an event? And what does normalising cost? (issue 13, point 24)

    .venv/bin/python benchmarks/bench_noise.py [CORPUS.jsonl] [--limit 100]

Codes "Russia attacked Ukraine." with each kind of noise the red-team pass used and counts the
variants that still give the RUS -> UKR attack, with spans that index the ORIGINAL text; then
times coding the corpus (default: the shared Wikinews corpus, skipped when absent).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from eventwire.io.readers import Reject, read_jsonl
from eventwire.model import Article
from eventwire.pipeline import Coder

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_CORPUS = SHARED / "corpus" / "wikinews_2019_2020.jsonl"
CLEAN = "Russia attacked Ukraine."
NOISY = {
    "clean": CLEAN,
    "zero-width space": "Rus\u200bsia atta\u200bcked Ukr\u200baine.",
    "zero-width joiner": "Rus\u200dsia attacked Uk\u200draine.",
    "fullwidth letters": "\uff32\uff55\uff53\uff53\uff49\uff41 attacked \uff35\uff4b\uff52\uff41\uff49\uff4e\uff45.",
    "Cyrillic look-alikes": "Russi\u0430 \u0430tt\u0430cked Ukr\u0430ine.",
    "combining marks": "Ru\u0301ssia atta\u0308cked Ukrai\u0300ne.",
    "right-to-left override": "\u202eRussia attacked Ukraine.\u202c",
    "all at once": "\u202e\uff32us\u200bsi\u0430 att\u0430\u0301cked Ukr\u200b\u0430ine.\u202c",
}


def codes_the_attack(coder: Coder, text: str) -> bool:
    coded = coder.code(Article(id="noise", text=text, date=dt.date(2022, 2, 24)))
    for event in coded.events:
        if (event.source, event.target, event.cameo[:2]) == ("RUS", "UKR", "19"):
            start, end = event.span
            return 0 <= start < end <= len(text)
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    coder = Coder()
    found = {name: codes_the_attack(coder, text) for name, text in NOISY.items()}
    for name, ok in found.items():
        print(f"{name:24s} {'event' if ok else 'NO EVENT'}")
    print(f"{sum(found.values())} of {len(found)} variants code RUS -> UKR 19x")
    if not args.corpus.is_file():
        print(f"(no corpus at {args.corpus}: timing skipped)", file=sys.stderr)
        return
    articles = [a for a in read_jsonl(args.corpus) if not isinstance(a, Reject)][: args.limit]
    list(coder.code_many(articles[:5]))
    started = time.perf_counter()
    n_events = sum(len(c.events) for c in coder.code_many(articles))
    print(f"{len(articles)} corpus articles: {time.perf_counter() - started:.2f} s, {n_events} events")


if __name__ == "__main__":
    main()
