"""How much the coder costs on top of spaCy: full Coder vs the bare pipeline over the same pieces.

    .venv/bin/python benchmarks/bench_coder.py [CORPUS.jsonl] [--rounds 3] [--limit N] [--profile FILE]

Both sides use the same ``load_pipeline()`` object, the same pieces (``eventwire.segments``), the
same article batches and the same ``nlp.pipe`` batch size, so the only difference is our own work.
After a warm-up of both, the rounds alternate which side runs first; the best time of each side is
compared (the least disturbed run of each). Issue 2 wants coder / spaCy <= 1.3.
The coder's stages are timed one by one (each stage callable wrapped in a timer); what is left of
the coder's time is the parse, segmenting and the glue between stages.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from eventwire.io.readers import Reject, read_jsonl
from eventwire.model import Article
from eventwire.pipeline import Coder, CoderConfig
from eventwire.segments import segments

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_CORPUS = SHARED / "corpus" / "wikinews_2019_2020.jsonl"
TARGET_RATIO = 1.3
WARMUP_ARTICLES = 20


def load_articles(path: Path, limit: int | None) -> list[Article]:
    articles = [a for a in read_jsonl(path) if not isinstance(a, Reject)]
    return articles[:limit] if limit else articles


def batched_pieces(articles: list[Article], batch_size: int) -> list[list[str]]:
    """The piece texts of each article batch, cut exactly as Coder.code_many cuts them."""
    return [[s.text for a in articles[i:i + batch_size] for s in segments(a.text)]
            for i in range(0, len(articles), batch_size)]


def time_spacy(coder: Coder, batches: list[list[str]]) -> float:
    started = time.perf_counter()
    for texts in batches:
        for _ in coder.nlp.pipe(texts, batch_size=coder.config.batch_size):
            pass
    return time.perf_counter() - started


def time_coder(coder: Coder, articles: list[Article]) -> tuple[float, int]:
    started = time.perf_counter()
    n_events = sum(len(doc.events) for doc in coder.code_many(articles))
    return time.perf_counter() - started, n_events


def instrument(coder: Coder, totals: dict[str, float]) -> None:
    """Wrap each stage of this Coder instance in a timer adding to ``totals`` (the stage code is untouched)."""
    coder.stages = [(name, _timed(name, stage, totals)) for name, stage in coder.stages]


def _timed(name: str, stage: Callable, totals: dict[str, float]) -> Callable:
    def run(state: object) -> None:
        started = time.perf_counter()
        stage(state)
        totals[name] += time.perf_counter() - started

    return run


def print_report(n_articles: int, n_words: int, spacy_times: list[float], coder_times: list[float],
                 stage_totals: dict[str, float], rounds: int, n_events: int) -> float:
    best_spacy, best_coder = min(spacy_times), min(coder_times)
    ratio = best_coder / best_spacy
    print(f"{n_articles} articles, {n_words} words, {n_events} events; {rounds} round(s) after warm-up")
    for label, times in (("spaCy alone", spacy_times), ("full coder", coder_times)):
        print(f"{label:12s} best {times and min(times):7.2f}s  median {statistics.median(times):7.2f}s  "
              f"{n_articles / min(times):7.1f} articles/s  {n_words / min(times):8.0f} words/s")
    print(f"ratio coder/spaCy (best times): {ratio:.3f}  (median times: "
          f"{statistics.median(coder_times) / statistics.median(spacy_times):.3f}; target <= {TARGET_RATIO})")
    coder_total = sum(coder_times)
    print("\nper-stage time over all timed coder rounds (share of the coder's time):")
    for name, seconds in sorted(stage_totals.items(), key=lambda kv: -kv[1]):
        print(f"  {name:10s} {seconds / rounds:7.3f}s per round  {100 * seconds / coder_total:5.1f}%")
    rest = coder_total - sum(stage_totals.values())
    print(f"  {'parse+rest':10s} {rest / rounds:7.3f}s per round  {100 * rest / coder_total:5.1f}%  "
          "(spaCy parse, segmenting, glue)")
    return ratio


def count_words(articles: Iterable[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--profile", metavar="FILE", help="also cProfile one coder pass and write stats to FILE")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"skipped: corpus not found at {args.corpus} (../shared is absent)", file=sys.stderr)
        return 0
    articles = load_articles(args.corpus, args.limit)
    coder = Coder(CoderConfig())
    batches = batched_pieces(articles, coder.config.batch_size)
    warm = articles[:WARMUP_ARTICLES]
    time_spacy(coder, batched_pieces(warm, coder.config.batch_size))
    time_coder(coder, warm)  # builds the lazily loaded tables too
    stage_totals: dict[str, float] = defaultdict(float)
    instrument(coder, stage_totals)
    spacy_times: list[float] = []
    coder_times: list[float] = []
    n_events = 0
    for round_ in range(args.rounds):
        order = ("spacy", "coder") if round_ % 2 == 0 else ("coder", "spacy")
        for side in order:
            if side == "spacy":
                spacy_times.append(time_spacy(coder, batches))
            else:
                seconds, n_events = time_coder(coder, articles)
                coder_times.append(seconds)
    ratio = print_report(len(articles), count_words(articles), spacy_times, coder_times, stage_totals,
                         args.rounds, n_events)
    if args.profile:
        _profile(coder, articles, args.profile)
    print(json.dumps({"articles": len(articles), "spacy_s": round(min(spacy_times), 3),
                      "coder_s": round(min(coder_times), 3), "ratio": round(ratio, 3)}))
    return 0 if ratio <= TARGET_RATIO else 1


def _profile(coder: Coder, articles: list[Article], path: str) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    time_coder(coder, articles)
    profiler.disable()
    profiler.dump_stats(path)
    print(f"\ncProfile of one coder pass written to {path}; top 25 by cumulative time:")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    sys.exit(main())
