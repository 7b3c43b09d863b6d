"""What the event model sees of a predicate: the pipeline's own tok2vec vectors around it and hashed
words of its syntactic neighbourhood.

Both come from the parse spaCy already made (``doc.tensor`` is the tok2vec output the tagger and
parser listen to), so the model adds almost nothing to the cost of parsing.
"""

from __future__ import annotations

import numpy
from spacy.tokens import Span, Token

from eventwire.events.lexicon import load_lexicon
from eventwire.events.triggers import MODIFIER_DEPS, coarse_pos

#: Hashed feature slots, one column each of the key matrix (order matters to the trained weights).
FEATURE_SLOTS = ("lemma", "lemma_dep", "head", "head_dep", "particle", "preps", "object", "subject", "lower",
                 "shape", "lexicon", "lexicon_frame")
NO_KEY = "-"


def is_candidate(token: Token) -> bool:
    """Verbs and common nouns can carry events; a participle describing a noun ("armed groups") cannot."""
    if token.pos_ in ("VERB", "AUX"):
        return token.dep_ not in MODIFIER_DEPS and token.lemma_.lower() not in ("be", "have", "do")
    return token.pos_ == "NOUN"


def candidates(sent: Span) -> list[Token]:
    return [t for t in sent if is_candidate(t)]


def lexicon_prior(token: Token) -> tuple[str, str]:
    """What the lexicon would say of this word whatever its conditions: the CAMEO roots and frames of
    its entries. The model learns when the lexicon's reading holds beyond the conditions written."""
    pos = coarse_pos(token)
    entries = load_lexicon().candidates(token.lemma_.lower(), pos) if pos else ()
    roots = "+".join(sorted({(e.cameo or "")[:2] for e in entries if e.cameo})) or NO_KEY
    frames = "+".join(sorted({e.frame for e in entries if e.frame})) or NO_KEY
    return roots, frames


def lexical_features(token: Token) -> list[str]:
    """One string per FEATURE_SLOTS entry."""
    lemma = token.lemma_.lower()
    head = token.head if token.head is not token else None
    children = list(token.children)
    particle = next((c.lower_ for c in children if c.dep_ == "prt"), NO_KEY)
    preps = "+".join(sorted({c.lower_ for c in children if c.dep_ in ("prep", "agent")})) or NO_KEY
    obj = next((c.lemma_.lower() for c in children if c.dep_ in ("dobj", "nsubjpass", "attr")), NO_KEY)
    subj = next((c.ent_type_ or c.pos_ for c in children if c.dep_ in ("nsubj", "nsubjpass", "poss")), NO_KEY)
    negated = any(c.dep_ == "neg" for c in children)
    return [
        f"{lemma}|{token.pos_}",
        f"{lemma}|{token.dep_}|{'neg' if negated else ''}",
        f"{head.lemma_.lower() if head else NO_KEY}",
        f"{head.lemma_.lower() if head else NO_KEY}|{token.dep_}|{lemma}",
        f"{lemma}|{particle}",
        f"{lemma}|{preps}",
        f"{lemma}|{obj}",
        f"{lemma}|{subj}",
        token.lower_,
        f"{token.tag_}|{token.dep_}",
        *lexicon_prior(token),
    ]


def dense_features(token: Token, width: int) -> numpy.ndarray:
    """The token's tok2vec vector, its head's, and the mean of its children's (zeros where missing)."""
    tensor = token.doc.tensor
    if tensor is None or tensor.shape[0] != len(token.doc) or tensor.shape[1] * 3 != width:
        return numpy.zeros((width,), dtype="float32")
    own = tensor[token.i]
    head = tensor[token.head.i] if token.head is not token else numpy.zeros_like(own)
    kids = [c.i for c in token.children]
    children = tensor[kids].mean(axis=0) if kids else numpy.zeros_like(own)
    return numpy.concatenate([own, head, children]).astype("float32")


def tensor_width(token: Token) -> int:
    tensor = token.doc.tensor
    return 0 if tensor is None or not len(tensor.shape) == 2 else int(tensor.shape[1]) * 3
