"""PETRARCH/TABARI dictionaries: readers for verb, actor, agent and discard files, and a coder
that applies them to our spaCy parse (issue 6). The dictionaries are read at run time from the
user's folder; nothing of theirs is shipped with eventwire."""

from eventwire.dictionaries.coder import DictionaryCoder
from eventwire.dictionaries.common import DictionaryError
from eventwire.dictionaries.loader import DictionarySet, load_dictionaries

__all__ = ["DictionaryCoder", "DictionaryError", "DictionarySet", "load_dictionaries"]
