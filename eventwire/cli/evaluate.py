"""``eventwire eval``: code a gold file's texts and score them, so a user can judge a configuration
(the built-in lexicon, or their own dictionaries) on their own gold."""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from eventwire.cli.common import add_coder_options, add_corpus_options, coder_config, warn


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval", help="code a gold file and print precision, recall and F1, root confusion, worst records",
        description="Code the texts of GOLD.jsonl ({id, text, date?, events: [{source, target, code}], "
                    "expect?}) and score the events at the exact, country_root, root and plover levels.",
    )
    parser.add_argument("gold", metavar="GOLD.jsonl", nargs="?",
                        help="gold records, one JSON object per line (or use --corpus)")
    add_corpus_options(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the report")
    parser.add_argument("--worst", type=int, default=10, metavar="N", help="show the N worst records (default 10)")
    parser.add_argument("--system", metavar="SYSTEM.jsonl",
                        help="score these already coded events (doc_id = gold id) instead of coding the texts")
    parser.add_argument("--system-out", metavar="FILE",
                        help="also write the coded events as JSON Lines (as `eventwire code` would)")
    add_coder_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from eventwire.evaluation import (
        GoldRecord,
        evaluate,
        format_calibration,
        format_report,
        read_gold,
        read_system,
    )
    from eventwire.io.readers import Reject

    if args.corpus is not None:
        return run_corpus(args)
    if args.gold is None:
        warn("eval needs a GOLD.jsonl file or --corpus")
        return 2
    path = Path(args.gold)
    try:
        items = list(read_gold(path))
    except OSError as exc:
        warn(f"{path}: cannot read: {exc.strerror or exc}")
        return 2
    rejects = [item for item in items if isinstance(item, Reject)]
    gold = [item for item in items if isinstance(item, GoldRecord)]
    for reject in rejects:
        warn(f"skipped {reject}")
    for record in gold:
        if record.scored and record.events and not record.text.strip():
            warn(f"{path}: record {record.id!r} has an empty text; its {len(record.events)} gold event(s) "
                 "count as missed")
    if args.date is not None:
        gold = [r if r.date else _dated(r, args.date) for r in gold]
    try:
        if args.system:
            system, system_rejects = read_system(Path(args.system))
            for reject in system_rejects:
                warn(f"skipped {reject}")
            rejects.extend(system_rejects)
        else:
            system = _code(gold, args)
    except (OSError, ValueError, RuntimeError) as exc:
        warn(str(exc))
        return 2
    evaluation = evaluate(gold, system)
    if args.json:
        sys.stdout.write(json.dumps(evaluation.to_dict(worst=args.worst), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_report(evaluation, worst=args.worst, root_names=_root_names()))
        sys.stdout.write(format_calibration(evaluation))
    sys.stdout.flush()
    if rejects:
        warn(f"{len(rejects)} line(s) skipped")
        return 1
    return 0


def _code(gold: list, args: argparse.Namespace) -> dict[str, list[dict[str, Any]]]:
    """Event records per doc_id, exactly as `eventwire code` would write them."""
    from eventwire.pipeline import Coder

    coder = Coder(coder_config(args))
    system: dict[str, list[dict[str, Any]]] = defaultdict(list)
    out = open(args.system_out, "w", encoding="utf-8") if args.system_out else None
    try:
        scored = [r for r in gold if r.scored]
        for coded in coder.code_many(r.article() for r in scored):
            for event in coded.events:
                record = event.to_dict()
                system[record["doc_id"]].append(record)
                if out is not None:
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out is not None:
            out.close()
    return system


def _dated(record: Any, date: Any) -> Any:
    from dataclasses import replace

    return replace(record, date=date)


def _root_names() -> dict[str, str]:
    from eventwire.ontology import load_ontology

    ontology = load_ontology()
    names = {}
    for root in (f"{n:02d}" for n in range(1, 21)):
        code = ontology.get(root)
        if code is not None:
            names[root] = code.name
    return names


def evaluate_corpus(args: argparse.Namespace, event_model: str | None = None):  # -> (Evaluation, Corpus)
    """Code the corpus articles whole (so actors are remembered across sentences, as in use) and score
    each labelled sentence; the coder's negated events are left out, as negated gold is."""
    from eventwire.corpus import DEFAULT_ANNOTATIONS, load_corpus

    folder = Path(args.corpus) if args.corpus else DEFAULT_ANNOTATIONS
    corpus = load_corpus(folder, args.shared).split(args.split)
    config = coder_config(args)
    return score_corpus(corpus, replace(config, event_model=event_model) if event_model else config,
                        getattr(args, "system_out", None), args.date), corpus


def score_corpus(corpus: Any, config: Any, system_out: str | None = None, date: Any = None):  # -> Evaluation
    """Code a corpus's articles with ``config`` and score its labelled sentences."""
    from eventwire.corpus import assign_to_sentences
    from eventwire.evaluation import evaluate
    from eventwire.model import Article
    from eventwire.pipeline import Coder

    coder = Coder(config)
    articles = [Article(id=a.id, text=a.text, date=a.date or date, title=a.title)
                for a in corpus.articles.values()]
    out = open(system_out, "w", encoding="utf-8") if system_out else None
    records = []
    try:
        for coded in coder.code_many(articles):
            for event in coded.events:
                record = event.to_dict()
                if out is not None:
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                if record.get("modality") != "negated":
                    records.append(record)
    finally:
        if out is not None:
            out.close()
    return evaluate(corpus.gold_records(), assign_to_sentences(corpus, records))


def run_corpus(args: argparse.Namespace) -> int:
    from eventwire.evaluation import format_breakdowns, format_calibration, format_report

    try:
        evaluation, corpus = evaluate_corpus(args)
    except (OSError, ValueError) as exc:  # CorpusError is a ValueError
        warn(str(exc))
        return 2
    names = _root_names()
    if args.json:
        sys.stdout.write(json.dumps(evaluation.to_dict(worst=args.worst), ensure_ascii=False) + "\n")
    else:
        print(f"corpus split {args.split}: {len(corpus.documents())} articles, {len(corpus.sentences)} sentences")
        sys.stdout.write(format_report(evaluation, worst=args.worst, root_names=names))
        sys.stdout.write(format_breakdowns(evaluation, names))
        sys.stdout.write(format_calibration(evaluation))
    return 0
