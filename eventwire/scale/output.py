"""What ``eventwire code`` writes, coded in this process or in worker processes.

Kept apart from :mod:`eventwire.scale.worker` (which makes store rows) so that ``code`` never
imports the store. The Coder is built once per process, keyed by its (frozen) config.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from eventwire.io.readers import Reject
from eventwire.model import Article, CodedDocument
from eventwire.scale.process import coder_for

if TYPE_CHECKING:
    from eventwire.pipeline import Coder, CoderConfig

__all__ = ["Output", "code_output_chunk", "code_outputs", "coder_for", "killed_output", "records_of"]

#: Per article, in input order: its output records, or the Reject that says why it has none.
Output = list[dict[str, Any]] | Reject


def records_of(coded: CodedDocument, kind: str) -> list[dict[str, Any]]:
    """The records of one coded article that ``code --records KIND`` writes."""
    if kind == "events":
        return [e.to_dict() for e in coded.events]
    if kind == "quotes":
        return [q.to_dict() for q in coded.quotes]
    return [coded.document_record()]


def code_outputs(coder: Coder, articles: Iterable[Article], kind: str) -> Iterator[Output]:
    """Each article's records, or a Reject for one whose coding raised (the others are still coded)."""
    from eventwire.pipeline import CodingFailure

    for result in coder.code_isolated(articles):
        if isinstance(result, CodingFailure):
            yield Reject(result.article.id, None, result.reason)
        else:
            yield records_of(result, kind)


def code_output_chunk(config: CoderConfig, articles: list[Article], kind: str = "events") -> list[Output]:
    """The task a ``code --workers N`` worker runs on a chunk."""
    return list(code_outputs(coder_for(config), articles, kind))


def killed_output(article: Article, reason: str) -> list[Output]:
    """What stands for an article that killed its worker process."""
    return [Reject(article.id, None, reason)]
