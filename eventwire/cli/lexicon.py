"""``eventwire lexicon coverage``: per CAMEO code, the lexicon entries that produce it and, with
``--corpus``, the dev recall of its root, so that gaps in the lexicon are visible."""

from __future__ import annotations

import argparse
import sys

from eventwire.cli.common import add_coder_options, add_corpus_options, warn


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("lexicon", help="inspect the event lexicon (coverage of CAMEO codes)")
    sub = parser.add_subparsers(dest="lexicon_command", metavar="ACTION")
    sub.required = True
    coverage = sub.add_parser("coverage", help="entries per CAMEO code, and dev recall of each root with --corpus")
    coverage.add_argument("--gaps", action="store_true", help="list only the codes with no entry (default: all)")
    add_corpus_options(coverage)
    add_coder_options(coverage)
    coverage.set_defaults(run=run_coverage)


def run_coverage(args: argparse.Namespace) -> int:
    from eventwire.events.coverage import format_coverage, lexicon_coverage
    from eventwire.events.lexicon import load_lexicon
    from eventwire.ontology import load_ontology

    ontology = load_ontology()
    rows = lexicon_coverage(load_lexicon(known_codes=frozenset(ontology.codes)), ontology)
    recall = None
    if args.corpus is not None:
        from eventwire.cli.evaluate import evaluate_corpus
        from eventwire.evaluation import per_root_scores

        try:
            evaluation, _ = evaluate_corpus(args)
        except (OSError, ValueError) as exc:
            warn(str(exc))
            return 2
        recall = {root: (s.gold, s.recall) for root, s in per_root_scores(evaluation).items()}
    sys.stdout.write(format_coverage(rows, recall, only_gaps=args.gaps))
    return 0
