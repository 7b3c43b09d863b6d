"""The event-type classifier: a small thinc network over one predicate's features.

Hashed embeddings of the predicate's words (one table per feature slot) are concatenated with the
pipeline's tok2vec vectors and passed through one hidden layer to a softmax over "no event" and
the twenty CAMEO roots. Small on purpose: it runs on every verb and noun of every sentence.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.strings import hash_string
from spacy.tokens import Token
from thinc.api import HashEmbed, Model, Relu, Softmax, chain

from eventwire.events.model.features import FEATURE_SLOTS, dense_features, lexical_features

NO_EVENT = "none"
ROOTS = tuple(f"{n:02d}" for n in range(1, 21))
LABELS = (NO_EVENT, *ROOTS)
WEIGHTS_FILE = "event_model.bin"
META_FILE = "event_model.json"

Inputs = tuple[numpy.ndarray, numpy.ndarray]  # (dense floats N×D, hashed keys N×F)


@dataclass(frozen=True)
class Settings:
    """What shapes the network; stored beside the weights so that loading rebuilds the same one."""

    dense_width: int = 288  # 3 × the tok2vec width of en_core_web_sm; 0 = lexical features only
    embed_width: int = 32
    embed_rows: int = 1500  # per feature slot; keeps the shipped weights near 2.5 MB
    hidden: int = 128
    dropout: float = 0.2


def build_network(settings: Settings) -> Model:
    embeds = [HashEmbed(settings.embed_width, settings.embed_rows, column=k, seed=k + 1)
              for k in range(len(FEATURE_SLOTS))]
    head = chain(Relu(nO=settings.hidden, dropout=settings.dropout), Softmax(nO=len(LABELS)))
    return Model("event_type", _forward, init=_init, layers=[*embeds, head],
                 attrs={"dense_width": settings.dense_width})


def _init(model: Model, X: Inputs | None = None, Y=None) -> None:
    *embeds, head = model.layers
    for embed in embeds:
        embed.initialize()
    if X is None:
        head.initialize()
        return
    width = model.attrs["dense_width"]
    parts = ([model.ops.asarray2f(X[0])] if width else []) + [embed.predict(X[1]) for embed in embeds]
    head.initialize(X=model.ops.xp.hstack(parts), Y=Y)


def _forward(model: Model, inputs: Inputs, is_train: bool):
    dense, keys = inputs
    *embeds, head = model.layers
    outputs, backprops = [], []
    for embed in embeds:
        out, back = embed(keys, is_train)
        outputs.append(out)
        backprops.append(back)
    width = model.attrs["dense_width"]
    parts = ([model.ops.asarray2f(dense)] if width else []) + outputs
    joined = model.ops.xp.hstack(parts)
    probs, back_head = head(joined, is_train)

    def backprop(d_probs):
        d_joined = back_head(d_probs)
        start = width
        for out, back in zip(outputs, backprops):
            back(d_joined[:, start:start + out.shape[1]])
            start += out.shape[1]
        return inputs

    return probs, backprop


def featurize(tokens: Sequence[Token], settings: Settings) -> Inputs:
    width = settings.dense_width
    dense = numpy.zeros((len(tokens), max(width, 1)), dtype="float32")
    keys = numpy.zeros((len(tokens), len(FEATURE_SLOTS)), dtype="uint64")
    for n, token in enumerate(tokens):
        if width:
            dense[n] = dense_features(token, width)
        keys[n] = [hash_string(f"{slot}={value}") for slot, value in zip(FEATURE_SLOTS, lexical_features(token))]
    return dense, keys


class EventTypeModel:
    """The trained network with its settings and version: predicts a label distribution per predicate."""

    def __init__(self, network: Model, settings: Settings, version: str) -> None:
        self.network = network
        self.settings = settings
        self.version = version

    @classmethod
    def new(cls, settings: Settings, version: str) -> EventTypeModel:
        return cls(build_network(settings), settings, version)

    def initialize(self, sample: Inputs) -> None:
        labels = numpy.zeros((len(sample[1]), len(LABELS)), dtype="float32")
        labels[:, 0] = 1
        self.network.initialize(X=sample, Y=labels)

    def predict(self, tokens: Sequence[Token]) -> numpy.ndarray:
        if not tokens:
            return numpy.zeros((0, len(LABELS)), dtype="float32")
        return numpy.asarray(self.network.predict(featurize(tokens, self.settings)))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / WEIGHTS_FILE).write_bytes(self.network.to_bytes())
        meta = {"version": self.version, "labels": list(LABELS), "settings": self.settings.__dict__}
        (folder / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> EventTypeModel:
        meta_path = folder / META_FILE
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{meta_path}: cannot read the event model's description ({exc})") from exc
        if tuple(meta.get("labels", ())) != LABELS:
            raise ValueError(f"{meta_path}: labels differ from this version's {LABELS}")
        settings = Settings(**meta["settings"])
        network = build_network(settings)
        dense, keys = numpy.zeros((1, max(settings.dense_width, 1)), "float32"), numpy.zeros(
            (1, len(FEATURE_SLOTS)), "uint64")
        labels = numpy.zeros((1, len(LABELS)), "float32")
        network.initialize(X=(dense, keys), Y=labels)
        network.from_bytes((folder / WEIGHTS_FILE).read_bytes())
        return cls(network, settings, str(meta["version"]))
