"""Training the event model (``make train``): from our corpus's dev part and our written sentences.

The corpus's test part is never trained on; it is only scored, after training, with the three
policies. Fixed seed, CPU only; a few minutes on two cores.

    python -m eventwire.events.model.train [--shared DIR] [--out DIR] [--no-eval]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.language import Language
from thinc.api import Adam, fix_random_seed

from eventwire.events.model.classifier import LABELS, NO_EVENT, EventTypeModel, Settings, featurize
from eventwire.events.model.features import candidates, tensor_width
from eventwire.events.model.stage import DEFAULT_WEIGHTS, EVENT_POLICIES

VERSION = "1"
SEED = 20261202


@dataclass(frozen=True)
class LabelledText:
    """A sentence and its gold triggers: (start, end, CAMEO code) in the sentence's characters."""

    text: str
    triggers: tuple[tuple[int, int, str], ...]


def corpus_texts(corpus) -> list[LabelledText]:
    texts = []
    for sentence in corpus.sentences:
        start, end = sentence.span
        text = corpus.articles[sentence.doc].text[start:end]
        triggers = tuple((e.trigger[0] - start, e.trigger[1] - start, e.code) for e in sentence.events
                         if start <= e.trigger[0] < end)
        texts.append(LabelledText(text, triggers))
    return texts


def written_texts() -> list[LabelledText]:
    """Our written sentences (corpus/written), when the loader and files are there."""
    try:
        from eventwire.corpus import read_written  # type: ignore[attr-defined]
    except ImportError:
        return []
    try:
        sentences = read_written()
    except FileNotFoundError:
        return []
    return [LabelledText(s.text, tuple((e.trigger[0], e.trigger[1], e.code) for e in s.events))
            for s in sentences]


def trigger_token(doc, start: int, end: int, allowed: set[int]):
    """The predicate a gold trigger span names: its syntactic head among the candidates it covers."""
    covered = [t for t in doc if t.idx < end and t.idx + len(t.text) > start and t.i in allowed]
    if not covered:
        return None
    ids = {t.i for t in covered}
    heads = [t for t in covered if t.head.i not in ids or t.head is t]
    return (heads or covered)[0]


def examples(nlp: Language, texts: Sequence[LabelledText], settings: Settings) -> tuple[tuple, numpy.ndarray]:
    """Features of every candidate predicate and the index of its label (0 = no event)."""
    tokens, labels = [], []
    for item, doc in zip(texts, nlp.pipe((t.text for t in texts), batch_size=64)):
        found = candidates(doc[:])
        allowed = {t.i for t in found}
        gold: dict[int, str] = {}
        for start, end, code in item.triggers:
            token = trigger_token(doc, start, end, allowed)
            if token is not None:
                gold.setdefault(token.i, code[:2])
        for token in found:
            tokens.append(token)
            labels.append(LABELS.index(gold.get(token.i, NO_EVENT)))
    return featurize(tokens, settings), numpy.asarray(labels, dtype="int64")


def settings_for(nlp: Language, lexical_only: bool = False) -> Settings:
    probe = nlp("Probe sentence.")
    return Settings(dense_width=0 if lexical_only else tensor_width(probe[0]))


def train(inputs: tuple, labels: numpy.ndarray, settings: Settings, *, epochs: int = 12, seed: int = SEED,
          batch: int = 64, learn_rate: float = 0.002) -> EventTypeModel:
    fix_random_seed(seed)
    model = EventTypeModel.new(settings, VERSION)
    model.initialize((inputs[0][:8], inputs[1][:8]))
    optimizer = Adam(learn_rate)
    order = numpy.arange(len(labels))
    rng = numpy.random.RandomState(seed)
    targets = numpy.zeros((len(labels), len(LABELS)), dtype="float32")
    targets[numpy.arange(len(labels)), labels] = 1.0
    for _ in range(epochs):
        rng.shuffle(order)
        for start in range(0, len(order), batch):
            ids = order[start:start + batch]
            probs, backprop = model.network.begin_update((inputs[0][ids], inputs[1][ids]))
            backprop((probs - targets[ids]) / len(ids))
            model.network.finish_update(optimizer)
    return model


def token_scores(model: EventTypeModel, inputs: tuple, labels: numpy.ndarray, threshold: float = 0.5) -> dict:
    """Predicate-level precision/recall of event detection and of the root, for a quick check."""
    probs = numpy.asarray(model.network.predict(inputs))
    best = probs[:, 1:].argmax(axis=1) + 1
    fired = probs[numpy.arange(len(best)), best] >= threshold
    gold_event = labels > 0
    hit = fired & gold_event
    root_hit = hit & (best == labels)
    return {"gold": int(gold_event.sum()), "fired": int(fired.sum()),
            "detect_p": _ratio(hit.sum(), fired.sum()), "detect_r": _ratio(hit.sum(), gold_event.sum()),
            "root_p": _ratio(root_hit.sum(), fired.sum()), "root_r": _ratio(root_hit.sum(), gold_event.sum())}


def _ratio(a: float, b: float) -> float:
    return round(float(a) / float(b), 3) if b else 0.0


def fold_of(doc_id: str, article, folds: int) -> int:
    """Which cross-validation fold a dev article is in: whole stories stay together, as in the test split."""
    import hashlib

    from eventwire.corpus import story_of

    return hashlib.sha1(("fold:" + story_of(doc_id, article)).encode("utf-8")).digest()[0] % folds


def subset(corpus, keep) -> object:
    from eventwire.corpus import Corpus

    sentences = [s for s in corpus.sentences if keep(s.doc)]
    docs = {s.doc for s in sentences}
    return Corpus(sentences, {d: a for d, a in corpus.articles.items() if d in docs})


def cross_validate(nlp: Language, dev, written: list[LabelledText], settings: Settings, folds: int,
                   epochs: int, work: Path) -> None:
    """Honest dev scores of the policies: train on the other folds (and the written sentences), code the
    held-out fold, and add the counts up. Scoring the shipped model on dev would score its training data."""
    from eventwire.cli.evaluate import score_corpus
    from eventwire.evaluation import LevelScore
    from eventwire.pipeline import CoderConfig

    totals: dict[tuple[str, str], list[int]] = {}
    for fold in range(folds):
        def held(doc, fold=fold):
            return fold_of(doc, dev.articles.get(doc), folds) == fold
        train_part = subset(dev, lambda d: not held(d))
        held_part = subset(dev, held)
        inputs, labels = examples(nlp, corpus_texts(train_part) + written, settings)
        model = train(inputs, labels, settings, epochs=epochs)
        model.save(work / f"fold{fold}")
        for policy in EVENT_POLICIES:
            config = CoderConfig(events=policy, event_model=str(work / f"fold{fold}"))  # type: ignore[arg-type]
            evaluation = score_corpus(held_part, config)
            for level in ("exact", "country_root", "root"):
                score = evaluation.levels[level]
                cell = totals.setdefault((policy, level), [0, 0, 0])
                cell[0] += score.matched
                cell[1] += score.gold
                cell[2] += score.system
    for policy in EVENT_POLICIES:
        cells = []
        for level in ("exact", "country_root", "root"):
            score = LevelScore(*totals[(policy, level)])
            cells.append(f"{level} P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}")
        print(f"dev-cv{folds} {policy:7} " + " | ".join(cells), flush=True)


def policy_scores(shared: str | None, weights: Path, splits: Iterable[str] = ("dev", "test")) -> list[str]:
    """The corpus scores of the three policies, as `eventwire eval --corpus` computes them."""
    from eventwire.cli.evaluate import evaluate_corpus

    lines = []
    for split in splits:
        for policy in EVENT_POLICIES:
            args = argparse.Namespace(corpus="", split=split, shared=shared, model=None, stages=None,
                                      dictionaries=None, dictionaries_mode="replace", events=policy,
                                      article_seconds=0, article_memory=0, date=None, system_out=None)
            evaluation, _ = evaluate_corpus(args, event_model=str(weights))
            cells = []
            for level in ("exact", "country_root", "root"):
                score = evaluation.levels[level]
                cells.append(f"{level} P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}")
            lines.append(f"{split:4} {policy:7} " + " | ".join(cells))
            print(lines[-1], flush=True)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", help="the shared data folder (default ../shared or $EVENTWIRE_SHARED)")
    parser.add_argument("--out", type=Path, default=DEFAULT_WEIGHTS, help="where to write the weights")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--lexical-only", action="store_true", help="no tok2vec features (for comparison)")
    parser.add_argument("--no-eval", action="store_true", help="skip scoring the three policies")
    parser.add_argument("--folds", type=int, default=0,
                        help="also cross-validate the policies on dev with this many folds (honest dev scores)")
    args = parser.parse_args(argv)
    from eventwire.nlp import load_pipeline

    began = time.monotonic()
    nlp = load_pipeline()
    from eventwire.corpus import load_corpus

    corpus = load_corpus(shared=args.shared)
    dev = corpus.split("dev")
    written = written_texts()
    texts = corpus_texts(dev) + written
    settings = settings_for(nlp, args.lexical_only)
    inputs, labels = examples(nlp, texts, settings)
    counts = Counter(LABELS[i] for i in labels)
    print(f"training on {len(texts)} sentences, {len(labels)} predicates; events by root: "
          + " ".join(f"{k}:{v}" for k, v in sorted(counts.items())), flush=True)
    model = train(inputs, labels, settings, epochs=args.epochs)
    model.save(args.out)
    print(f"trained in {time.monotonic() - began:.0f}s; weights in {args.out} "
          f"({sum(p.stat().st_size for p in args.out.iterdir()) / 1e6:.1f} MB)", flush=True)
    if args.folds > 1:
        import tempfile

        with tempfile.TemporaryDirectory() as work:
            cross_validate(nlp, dev, written, settings, args.folds, args.epochs, Path(work))
    if not args.no_eval:
        test_inputs, test_labels = examples(nlp, corpus_texts(corpus.split("test")), settings)
        print("predicate level, test:", token_scores(model, test_inputs, test_labels), flush=True)
        policy_scores(args.shared, args.out)
    print(f"total {time.monotonic() - began:.0f}s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
