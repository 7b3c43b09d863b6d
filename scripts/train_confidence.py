"""Train the verifier (eventwire/events/confidence.py) on the corpus dev part: ``make train``.

Codes every dev article with the lexicon coder, marks each event right when it matches a gold
event of its sentence at country_root level (negated events against the sentence's negated gold),
fits the logistic regression with Platt scaling cross-fitted by story, writes the weights into the
package and prints the cross-fitted dev reliability table. The test part is never read.

    python scripts/train_confidence.py [--seed 0] [--out eventwire/events/confidence.json]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventwire.corpus import SCORED_MODALITIES, Corpus, assign_to_sentences, load_corpus, story_of
from eventwire.evaluation import GoldEvent, right_events
from eventwire.events.confidence import (
    WEIGHTS_PATH,
    expected_calibration_error,
    format_reliability,
    reliability,
    save_verifier,
    train_verifier,
)
from eventwire.model import Article
from eventwire.pipeline import Coder, CoderConfig, PieceState, candidate_features


def coded_examples(corpus: Corpus, coder: Coder) -> list[tuple[dict[str, Any], list[str]]]:
    """(event record, verifier features) of every event the coder finds in the corpus articles."""
    recorded: list[tuple[Any, list[str]]] = []

    def record(state: PieceState) -> None:
        recorded.extend(candidate_features(state))

    coder.stages = [(name, record if name == "confidence" else stage) for name, stage in coder.stages]
    articles = [Article(id=a.id, text=a.text, date=a.date, title=a.title) for a in corpus.articles.values()]
    for _ in coder.code_many(articles):
        pass  # ids are assigned when an article is done; the recorded events are those objects
    return [(event.to_dict(), features) for event, features in recorded]


def labelled(corpus: Corpus, examples: Sequence[tuple[dict[str, Any], list[str]]]) -> tuple[list, list, list]:
    """Features, labels (right at country_root) and story of the events that fall in labelled sentences."""
    records = [dict(record, _n=n) for n, (record, _) in enumerate(examples)]
    by_sentence = assign_to_sentences(corpus, records)
    sentences = {s.key: s for s in corpus.sentences}
    features, labels, groups = [], [], []
    for key, events in by_sentence.items():
        sentence = sentences[key]
        for negated in (False, True):
            gold = [GoldEvent(e.source.code, e.target.code if e.target else None, e.code)
                    for e in sentence.events
                    if (e.modality == "negated") == negated and (negated or e.modality in SCORED_MODALITIES)]
            system = [e for e in events if (e.get("modality") == "negated") == negated]
            for event, ok in zip(system, right_events(gold, system), strict=True):
                features.append(examples[event["_n"]][1])
                labels.append(int(ok))
                groups.append(story_of(sentence.doc, corpus.articles.get(sentence.doc)))
    return features, labels, groups


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=2.0)
    parser.add_argument("--shared", default=None, help="the shared folder (default ../shared)")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args(argv)
    started = time.monotonic()
    corpus = load_corpus(shared=args.shared).split("dev")
    examples = coded_examples(corpus, Coder(CoderConfig()))
    features, labels, groups = labelled(corpus, examples)
    verifier, crossfit = train_verifier(features, labels, groups, folds=args.folds, l2=args.l2, seed=args.seed)
    save_verifier(verifier, args.out)
    table = reliability(list(crossfit), [bool(y) for y in labels])
    sys.stdout.write(format_reliability(table, "dev, cross-fitted by story"))
    print(f"{len(labels)} events ({sum(labels)} right) from {len(corpus.documents())} dev articles; "
          f"{len(verifier.index)} features; ECE {expected_calibration_error(table):.3f}; "
          f"{time.monotonic() - started:.0f} s; weights written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
