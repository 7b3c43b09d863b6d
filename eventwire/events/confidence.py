"""The verifier: every candidate event's calibrated probability of being right.

A small logistic regression over what the coder knows about each event (which rule made it, its
CAMEO root, modality, the actors' kinds, the trigger's part of speech and dependency, how crowded
the sentence is, whether it is a headline or a quote), then Platt scaling fitted on cross-fitted
scores, so that a stated 0.7 means about 70 % of such events are right (at country_root level on
our real-news corpus, dev part). Weights are a small JSON file in the package, trained by
``scripts/train_confidence.py`` (``make train``); users never train.

The features accept any rule name: a rule whose origin or entry the model never saw (the learned
event model's ``model:event-type@<version>``) falls back to its origin, then to the bias, so every
event gets a confidence.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.model import Actor, Event

WEIGHTS_PATH = Path(__file__).with_name("confidence.json")
WEIGHTS_FORMAT = 1
KNOWN_ORIGINS = ("lexicon", "dictionary", "model")


# -- features ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EventContext:
    """What the verifier reads about an event besides the event itself (from the parse)."""

    trigger_pos: str = ""
    trigger_dep: str = ""
    sentence_tokens: int = 0
    events_in_sentence: int = 1
    sentence_in_article: int = 0
    headline: bool = False  # a first sentence without final punctuation, or the title


def rule_parts(rule: str) -> tuple[str, str, tuple[str, ...]]:
    """(origin, entry, suffixes) of a rule name: ``lexicon:attack-verb+speaker`` is
    ("lexicon", "attack-verb", ("speaker",)); a name with no ``:`` has origin "other"."""
    origin, _, rest = (rule or "").partition(":")
    if not rest:
        origin, rest = "other", origin
    entry, *suffixes = rest.split("+")
    origin = origin if origin in KNOWN_ORIGINS else "other"
    return origin, entry.split("@")[0], tuple(s for s in suffixes if s)


def actor_kind(actor: Actor | None) -> str:
    """country / sector (a country's government, police...) / igo / person / group / unknown / none."""
    if actor is None:
        return "none"
    if actor.code.startswith("---") or (not actor.country and not actor.igo):
        return "unknown"
    if actor.igo:
        return "igo"
    if actor.kind == "person":
        return "person"
    return "sector" if actor.sectors else "country"


def _bucket(value: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def event_features(event: Event, context: EventContext) -> list[str]:
    """The event's features as names ("root=19", "src=country"); the model weighs those it knows."""
    origin, entry, suffixes = rule_parts(event.rule)
    root = (event.cameo or "")[:2]
    src, tgt = actor_kind(event.source_actor), actor_kind(event.target_actor)
    features = [
        f"origin={origin}", f"entry={origin}:{entry}", f"family={origin}:{entry.split('-')[0]}",
        f"root={root}", f"origin_root={origin}:{root}", f"modality={event.modality}",
        f"src={src}", f"tgt={tgt}", f"dyad={src}>{tgt}",
        f"pos={context.trigger_pos}", f"dep={context.trigger_dep}",
        f"len={_bucket(context.sentence_tokens, (8, 15, 25, 40, 60))}",
        f"events={_bucket(context.events_in_sentence, (1, 2, 4, 8))}",
        f"lead={_bucket(context.sentence_in_article, (0, 2, 6))}",
    ]
    features += [f"suffix={s}" if ":" not in s else "suffix=combined" for s in suffixes]
    if event.pairs_capped:
        features.append("pairs_capped")
    if event.quote_id:
        features.append("quote")
    if context.headline:
        features.append("headline")
    if event.source_actor is not None and event.target_actor is not None and \
            event.source_actor.country and event.source_actor.country == event.target_actor.country:
        features.append("same_country")
    return features


# -- the model --------------------------------------------------------------------------------

class WeightsError(ValueError):
    """A weights file that cannot be used: names the file and what is wrong."""


@dataclass(frozen=True)
class Verifier:
    """Logistic regression over feature names, then Platt scaling: p = σ(a·(w·x + b) + c)."""

    index: dict[str, int]
    weights: np.ndarray
    bias: float
    platt: tuple[float, float] = (1.0, 0.0)
    info: dict[str, Any] | None = None

    def raw_score(self, features: Iterable[str]) -> float:
        return self.bias + float(sum(self.weights[self.index[f]] for f in set(features) if f in self.index))

    def confidence(self, features: Iterable[str]) -> float:
        a, c = self.platt
        return round(_sigmoid(a * self.raw_score(features) + c), 4)

    def to_json(self) -> dict[str, Any]:
        names = sorted(self.index, key=self.index.__getitem__)
        return {"format": WEIGHTS_FORMAT, "bias": round(self.bias, 6), "platt": [round(x, 6) for x in self.platt],
                "weights": {name: round(float(self.weights[self.index[name]]), 6) for name in names},
                "info": self.info or {}}


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def load_verifier(path: Path = WEIGHTS_PATH) -> Verifier:
    """The shipped verifier; a missing or malformed file is a WeightsError naming it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WeightsError(f"{path}: no verifier weights (train them with: make train)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WeightsError(f"{path}: cannot read verifier weights: {exc}") from None
    return verifier_from_json(data, str(path))


def verifier_from_json(data: Any, where: str = "weights") -> Verifier:
    if not isinstance(data, dict) or data.get("format") != WEIGHTS_FORMAT:
        raise WeightsError(f"{where}: not verifier weights of format {WEIGHTS_FORMAT}")
    weights, bias, platt = data.get("weights"), data.get("bias"), data.get("platt")
    if not isinstance(weights, dict) or not all(isinstance(k, str) and _finite(v) for k, v in weights.items()):
        raise WeightsError(f"{where}: 'weights' must map feature names to finite numbers")
    if not _finite(bias):
        raise WeightsError(f"{where}: 'bias' must be a finite number")
    if not (isinstance(platt, list) and len(platt) == 2 and all(_finite(v) for v in platt)):
        raise WeightsError(f"{where}: 'platt' must be two finite numbers [a, c]")
    names = list(weights)
    return Verifier({n: i for i, n in enumerate(names)}, np.array([weights[n] for n in names], dtype=float),
                    float(bias), (float(platt[0]), float(platt[1])), dict(data.get("info") or {}))


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


# -- training ---------------------------------------------------------------------------------

def feature_index(examples: Sequence[Sequence[str]], min_count: int = 2) -> dict[str, int]:
    """Features seen at least ``min_count`` times; rarer ones would only be memorised."""
    counts: dict[str, int] = {}
    for features in examples:
        for f in set(features):
            counts[f] = counts.get(f, 0) + 1
    kept = sorted(f for f, n in counts.items() if n >= min_count)
    return {f: i for i, f in enumerate(kept)}


def design_matrix(examples: Sequence[Sequence[str]], index: dict[str, int]) -> np.ndarray:
    x = np.zeros((len(examples), len(index)))
    for row, features in enumerate(examples):
        for f in set(features):
            if f in index:
                x[row, index[f]] = 1.0
    return x


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 300) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (few hundred features: exact and fast)."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0  # the bias is not shrunk
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w[:-1], float(w[-1])


def fit_platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling: a 1-feature logistic regression of the labels on the raw scores."""
    (a,), c = fit_logistic(scores[:, None], y, l2=1e-6, steps=100)
    return float(a), c


def train_verifier(examples: Sequence[Sequence[str]], labels: Sequence[int], groups: Sequence[str],
                   folds: int = 5, l2: float = 1.0, min_count: int = 2,
                   seed: int = 0) -> tuple[Verifier, np.ndarray]:
    """Train on all examples, calibrated by Platt scaling on cross-fitted scores.

    The examples are split into ``folds`` by ``groups`` (stories: no story on both sides); each
    fold is scored by a model trained on the others, Platt is fitted on those honest scores, and
    the final model is trained on everything. Returns the verifier and the cross-fitted calibrated
    confidence of every example (each fold calibrated by Platt fitted on the other folds' scores),
    which is what the dev reliability table shows.
    """
    y = np.asarray(labels, dtype=float)
    fold_of = _folds(groups, folds, seed)
    raw = np.zeros(len(y))
    for k in range(folds):
        held = fold_of == k
        if not held.any() or held.all():
            continue
        train_idx = np.flatnonzero(~held)
        index = feature_index([examples[i] for i in train_idx], min_count)
        w, b = fit_logistic(design_matrix([examples[i] for i in train_idx], index), y[~held], l2)
        raw[held] = design_matrix([examples[i] for i in np.flatnonzero(held)], index) @ w + b
    crossfit = np.zeros(len(y))
    for k in range(folds):
        held = fold_of == k
        if not held.any():
            continue
        a, c = fit_platt(raw[~held], y[~held]) if (~held).any() else (1.0, 0.0)
        crossfit[held] = 1.0 / (1.0 + np.exp(-(a * raw[held] + c)))
    platt = fit_platt(raw, y)
    index = feature_index(examples, min_count)
    w, b = fit_logistic(design_matrix(examples, index), y, l2)
    info = {"examples": len(y), "right": int(y.sum()), "folds": folds, "l2": l2, "min_count": min_count,
            "seed": seed}
    return Verifier(index, w, b, platt, info), crossfit


def _folds(groups: Sequence[str], folds: int, seed: int) -> np.ndarray:
    """Fold of each example: whole groups, shuffled by ``seed``, dealt round-robin."""
    unique = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(unique))
    fold_of_group = {unique[i]: n % folds for n, i in enumerate(order)}
    return np.array([fold_of_group[g] for g in groups])


def save_verifier(verifier: Verifier, path: Path = WEIGHTS_PATH) -> None:
    Path(path).write_text(json.dumps(verifier.to_json(), indent=1, sort_keys=False) + "\n", encoding="utf-8")


# -- reliability ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    low: float
    high: float
    count: int
    mean_confidence: float
    share_right: float

    @property
    def gap(self) -> float:
        return abs(self.mean_confidence - self.share_right)


def reliability(confidences: Sequence[float], right: Sequence[bool], bins: int = 10) -> list[ReliabilityBin]:
    """Events by tenth of confidence (the last tenth includes 1.0): count, mean stated, share right."""
    out = []
    pairs = list(zip(confidences, right, strict=True))
    for n in range(bins):
        low, high = n / bins, (n + 1) / bins
        inside = [(c, r) for c, r in pairs if low <= c < high or (n == bins - 1 and c == high)]
        count = len(inside)
        out.append(ReliabilityBin(low, high, count, sum(c for c, _ in inside) / count if count else 0.0,
                                  sum(1 for _, r in inside if r) / count if count else 0.0))
    return out


def expected_calibration_error(table: Sequence[ReliabilityBin]) -> float:
    total = sum(b.count for b in table)
    return sum(b.count * b.gap for b in table) / total if total else 0.0


def format_reliability(table: Sequence[ReliabilityBin], title: str = "reliability of confidence") -> str:
    total = sum(b.count for b in table)
    lines = ["", f"{title} ({total} events; right = matches gold at country_root level):", "",
             f"{'confidence':12s}{'events':>7s}{'mean conf':>11s}{'share right':>13s}{'|gap|':>7s}"]
    for b in table:
        if b.count:
            lines.append(f"{b.low:.1f}-{b.high:.1f}    {b.count:7d}{b.mean_confidence:11.3f}{b.share_right:13.3f}"
                         f"{b.gap:7.3f}")
        else:
            lines.append(f"{b.low:.1f}-{b.high:.1f}    {0:7d}{'':>11s}{'':>13s}{'':>7s}")
    lines.append(f"expected calibration error {expected_calibration_error(table):.3f}")
    return "\n".join(lines) + "\n"
