"""How long reading a folder of many small dated .txt files takes (issue 13, point 29).

    .venv/bin/python benchmarks/bench_readers.py [--files 5000]

Writes N one-paragraph articles and a ``dates.tsv`` listing all of them into a temporary folder,
then times reading the folder with and without the ``dates.tsv`` (no coding, only the readers).
Before the fix the table was re-read for every file, so the dated run grew with N squared.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from eventwire.io.readers import iter_articles


def write_folder(folder: Path, n: int, with_dates: bool) -> None:
    folder.mkdir(parents=True)
    rows = []
    for i in range(n):
        (folder / f"a{i:05d}.txt").write_text(f"Story {i}\n\nRussia accused Ukraine of shelling town {i}.\n",
                                              encoding="utf-8")
        rows.append(f"a{i:05d}.txt\t2022-03-{1 + i % 28:02d}")
    if with_dates:
        (folder / "dates.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def time_read(folder: Path) -> tuple[float, int, int]:
    started = time.perf_counter()
    items = list(iter_articles([folder]))
    seconds = time.perf_counter() - started
    dated = sum(1 for item in items if getattr(item, "date", None) is not None)
    return seconds, len(items), dated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for with_dates in (False, True):
            folder = Path(tmp) / ("dated" if with_dates else "undated")
            write_folder(folder, args.files, with_dates)
            seconds, n, dated = time_read(folder)
            label = "with dates.tsv" if with_dates else "without dates.tsv"
            print(f"{args.files} files {label}: {seconds:.2f} s ({n} items read, {dated} dated)")


if __name__ == "__main__":
    main()
