"""Time and events of the coder on pathological texts (issue 13, points 1 and 7).

    .venv/bin/python benchmarks/bench_pathological.py [--sizes 25,50,100,200] [--runs 20000]

* "A and B and ... condemned C and D and ...": n country names a side. Before the pair caps this
  gave about n² events and grew faster than n²; it must code in under 5 s at 200 a side with a
  bounded number of events.
* 20,000 characters without a space (quotes, emoji): spaCy's tokenizer is quadratic in such a run;
  it must code in under 3 s.

Each text is coded once by a warm Coder (the model and tables are loaded and used first); peak
memory is the process's maximum resident size after the run (it only grows).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import time

from eventwire.model import Article
from eventwire.pipeline import Coder
from eventwire.tables import package_data_path, read_rows


def country_names() -> list[str]:
    """Names of the countries our table knows (one word or several, never with "and" or commas)."""
    rows = read_rows(package_data_path("eventwire.actors", "countries.tsv"), ("code", "name"),
                     ("aliases", "adjectives", "demonyms", "capitals", "seats"))
    return [row["name"] for row in rows if " and " not in row["name"] and "," not in row["name"]]


def coordinated_list(n: int, names: list[str]) -> str:
    """n country names a side: the first n on the left, the last n on the right (so about n² dyads)."""
    return " and ".join(names[:n]) + " condemned " + " and ".join(names[-n:]) + "."


def long_run(char: str, n: int) -> str:
    return f"Russia attacked Ukraine. {char * n} France condemned Russia."


def measure(coder: Coder, name: str, text: str) -> None:
    article = Article(id=name, text=text, date=dt.date(2024, 3, 4))
    start = time.perf_counter()
    coded = coder.code(article)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    capped = sum(1 for e in coded.events if getattr(e, "pairs_capped", False))
    print(f"{name:<28} {len(text):>8} chars {seconds:8.2f} s {len(coded.events):>7} events "
          f"{capped:>7} capped  peak RSS {peak:7.0f} MiB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="25,50,100,200")
    parser.add_argument("--runs", type=int, default=20_000)
    parser.add_argument("--skip-lists", action="store_true")
    parser.add_argument("--skip-runs", action="store_true")
    args = parser.parse_args()
    coder = Coder()
    coder.code(Article(id="warm", text="Russia attacked Ukraine. France condemned Russia.", date=dt.date(2024, 3, 4)))
    if not args.skip_lists:
        names = country_names()
        for n in (int(s) for s in args.sizes.split(",")):
            measure(coder, f"and-list {n} a side", coordinated_list(n, names))
    if not args.skip_runs:
        for char, label in (('"', "quotes"), ("\U0001F600", "emoji"), ("x", "letters")):
            measure(coder, f"run of {args.runs} {label}", long_run(char, args.runs))


if __name__ == "__main__":
    main()
