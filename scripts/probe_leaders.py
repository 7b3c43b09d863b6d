#!/usr/bin/env python3
"""Probe: do heads of state and government, 1990-2025, resolve as reporters write them?

    .venv/bin/python scripts/probe_leaders.py [--sample 300] [--seed 11]

Samples terms of heads (president, prime minister, chancellor, monarch ...) from the package's leader
tables, dates each at the middle of its term, and resolves through the coder's own phrase resolver:
"<office> <full name>", the full name alone, and variants the table does not hold verbatim (accents
dropped, particles dropped or glued, the given name as an initial, all capitals). A case passes when
it comes out as the term's country + GOV.

Resolving a row of the table with the text of that row is circular; the variants are what make the
probe informative, so their rate is reported apart.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import unicodedata
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventwire.actors.leaders import PARTICLES, OfficeTerm, load_leaders  # noqa: E402

HEAD_OFFICES = ("President", "Prime Minister", "Chancellor", "King", "Queen", "Emir", "Sultan", "Premier",
                "Supreme Leader", "Leader", "Head of State", "Head of Government", "Grand Duke")
FIRST_DAY, LAST_DAY = date(1990, 1, 1), date(2025, 12, 31)


def heads(terms: tuple[OfficeTerm, ...]) -> list[OfficeTerm]:
    return [t for t in terms if not t.is_igo and t.office.replace("Acting ", "").replace("Interim ", "")
            in HEAD_OFFICES and t.start <= LAST_DAY and (t.end or LAST_DAY) >= FIRST_DAY]


def middle(term: OfficeTerm) -> date:
    start, end = max(term.start, FIRST_DAY), min(term.end or LAST_DAY, LAST_DAY)
    return start + timedelta(days=(end - start).days // 2)


def plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def variants(name: str) -> dict[str, str]:
    """Spellings of ``name`` a reporter might use that differ from the table's form."""
    words = name.split()
    out = {}
    if plain(name) != name:
        out["no_accents"] = plain(name)
    kept = [w for w in words if w.lower() not in PARTICLES and not re.match(r"(?i)^(al|el)-", w)]
    if 1 < len(kept) < len(words):
        out["no_particles"] = " ".join(kept)
    glued = [re.sub(r"(?i)^(al|el)-", "", w) for w in words]
    if glued != words:
        out["article_dropped"] = " ".join(glued)
    if len(kept) >= 2 and kept[0][:1].isalpha():
        out["initial"] = f"{kept[0][0]}. {' '.join(kept[1:])}"
    if len(kept) >= 3:
        out["first_last"] = f"{kept[0]} {kept[-1]}"
    out["caps"] = name.upper()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--show", type=int, default=15, help="failures to print")
    args = parser.parse_args(argv)
    from eventwire.actors import ActorFinder
    from eventwire.nlp import load_pipeline

    leaders = load_leaders()
    pool = heads(leaders.terms)
    rng = random.Random(args.seed)
    sample = rng.sample(pool, min(args.sample, len(pool)))
    finder = ActorFinder(load_pipeline())
    passed: Counter = Counter()
    total: Counter = Counter()
    failures = []
    for term in sample:
        on = middle(term)
        want = f"{term.country}GOV"
        phrases = {"title_full": f"{term.office} {term.name}", "full": term.name}
        phrases.update(variants(term.name))
        for kind, text in phrases.items():
            actor = finder.resolve_phrase(text, "", on)
            got = actor.code if actor else None
            ok = got == want or (actor is not None and actor.country == term.country and "GOV" in actor.sectors)
            total[kind] += 1
            passed[kind] += ok
            if not ok:
                failures.append(f"{kind}: {text!r} {on} want {want} got {got}")
    for line in failures[: args.show]:
        print("FAIL", line)
    direct = sum(passed[k] for k in ("title_full", "full")) / max(1, sum(total[k] for k in ("title_full", "full")))
    var_kinds = [k for k in total if k not in ("title_full", "full")]
    varied = sum(passed[k] for k in var_kinds) / max(1, sum(total[k] for k in var_kinds))
    for kind in total:
        print(f"{kind:16} {passed[kind]:4}/{total[kind]:<4} {passed[kind] / total[kind]:.3f}")
    print(f"heads sampled {len(sample)} of {len(pool)}; title+full and full: {direct:.3f}; variants: {varied:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
