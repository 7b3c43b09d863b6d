#!/usr/bin/env python3
"""Annotate shared news articles with events (conventions: docs/annotation.md).

    annotate.py show DOC_ID...                 numbered sentences of each article, to label
    annotate.py compile DRAFT.txt [--out F]    check a draft and write its labels as offsets
    annotate.py stats                          articles, sentences and events per split

The draft format lets a person (or a helper) write labels as text; compile turns every quoted
phrase into offsets inside its sentence and refuses the whole draft, naming file and line, when a
phrase, CAMEO code, actor code or modality is not what the conventions allow.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from spacy.language import Language

from eventwire.corpus import (
    DEFAULT_ANNOTATIONS,
    MODALITIES,
    LabelledActor,
    LabelledEvent,
    LabelledSentence,
    fingerprint,
    iter_label_rows,
    load_corpus,
    read_shared_articles,
    shared_dir,
    split_of,
)
from eventwire.nlp import load_pipeline
from eventwire.ontology import load_ontology
from eventwire.segments import segments

ACTOR_CODE = re.compile(r"^(---|[A-Z]{3})([A-Z]{3})*$")


class DraftError(ValueError):
    pass


def sentence_spans(nlp: Language, article) -> list[tuple[int, int]]:
    """Sentences of the raw text, cut as the labels were cut (pieces, then spaCy's sentences), so that
    a later change to text normalisation never renumbers the sentences an annotator saw."""
    spans = []
    for segment in segments(article.text):
        doc = nlp(segment.text)
        spans.extend((segment.start + s.start_char, segment.start + s.end_char) for s in doc.sents)
    return spans


def show(doc_ids: list[str]) -> None:
    articles = _articles(doc_ids)
    nlp = load_pipeline()
    for doc_id in doc_ids:
        article = articles[doc_id]
        print(f"# doc {doc_id}   date {article.date}   split {split_of(doc_id, article)}")
        if article.title:
            print(f"# title: {article.title}")
        for n, (start, end) in enumerate(sentence_spans(nlp, article)):
            print(f"[{n}] {article.text[start:end]!s}".replace("\n", " "))
        print("# end\n")


def _articles(doc_ids: list[str]):
    shared = shared_dir()
    if shared is None:
        sys.exit("../shared is not here (set EVENTWIRE_SHARED)")
    articles = read_shared_articles(shared, doc_ids)
    missing = [d for d in doc_ids if d not in articles]
    if missing:
        sys.exit(f"not in the shared corpus: {', '.join(missing)}")
    return articles


def parse_draft(path: Path) -> dict[str, list[tuple[int, int, list[str]]]]:
    """doc id -> [(line number, sentence number, fields)] of a draft file."""
    blocks: dict[str, list[tuple[int, int, list[str]]]] = {}
    current: str | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("# doc "):
            current = line[len("# doc "):].split()[0]
            if current in blocks:
                raise DraftError(f"{path}:{number}: {current} has a second block")
            blocks[current] = []
        elif line.startswith("# end"):
            current = None
        elif line.startswith("#"):
            continue
        elif current is None:
            raise DraftError(f"{path}:{number}: a label outside '# doc ... # end'")
        else:
            fields = [f.strip() for f in line.split("|")]
            if len(fields) != 6 or not fields[0].isdigit():
                raise DraftError(f"{path}:{number}: expected 'sent | code | trigger | source | target | modality'")
            blocks[current].append((number, int(fields[0]), fields[1:]))
    if current is not None:
        raise DraftError(f"{path}: block {current} has no '# end'")
    return blocks


def locate(phrase: str, text: str, where: str) -> tuple[int, int]:
    """Offsets of the phrase in the sentence; 'he@2' is the second 'he' (whole words only)."""
    occurrence = 1
    match = re.fullmatch(r"(.+)@(\d+)", phrase)
    if match:
        phrase, occurrence = match.group(1).strip(), int(match.group(2))
    pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")
    found = list(pattern.finditer(text))
    if len(found) < occurrence:
        raise DraftError(f"{where}: {phrase!r} is not in the sentence" + (f" {occurrence} times" if occurrence > 1 else ""))
    return found[occurrence - 1].span()


def parse_actor(cell: str, text: str, where: str, offset: int) -> LabelledActor | None:
    if cell == "-":
        return None
    if "=" not in cell:
        raise DraftError(f"{where}: an actor is 'text = CODE', '- = CODE' or '-', not {cell!r}")
    phrase, code = (part.strip() for part in cell.rsplit("=", 1))
    if not ACTOR_CODE.match(code) and not code.startswith("IGO"):
        raise DraftError(f"{where}: {code!r} is not a CAMEO actor code")
    if phrase == "-":
        return LabelledActor(code=code, span=None)
    start, end = locate(phrase, text, where)
    return LabelledActor(code=code, span=(offset + start, offset + end))


def compile_draft(path: Path, out: Path, batch: str) -> tuple[int, int, int]:
    ontology = load_ontology()
    blocks = parse_draft(path)
    articles = _articles(list(blocks))
    nlp = load_pipeline()
    labelled: list[LabelledSentence] = []
    for doc_id, labels in blocks.items():
        article = articles[doc_id]
        spans = sentence_spans(nlp, article)
        by_sentence: dict[int, list[LabelledEvent]] = {}
        for number, sent, (code, trigger, source, target, modality) in labels:
            where = f"{path}:{number}"
            if sent >= len(spans):
                raise DraftError(f"{where}: {doc_id} has {len(spans)} sentences, not {sent + 1}")
            if not ontology.is_code(code):
                raise DraftError(f"{where}: {code!r} is not a CAMEO code")
            if modality not in MODALITIES:
                raise DraftError(f"{where}: modality is one of {', '.join(MODALITIES)}, not {modality!r}")
            start, end = spans[sent]
            text = article.text[start:end]
            t_start, t_end = locate(trigger, text, where)
            source_actor = parse_actor(source, text, where, start) or LabelledActor(code=None, span=None)
            by_sentence.setdefault(sent, []).append(LabelledEvent(
                code=code, trigger=(start + t_start, start + t_end), source=source_actor,
                target=parse_actor(target, text, where, start), modality=modality))
        for sent, (start, end) in enumerate(spans):
            labelled.append(LabelledSentence(doc=doc_id, sent=sent, span=(start, end),
                                             fingerprint=fingerprint(article.text[start:end]),
                                             events=tuple(by_sentence.get(sent, ())), batch=batch))
    import json

    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as stream:
        for row in iter_label_rows(labelled):
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(blocks), len(labelled), sum(len(s.events) for s in labelled)


def stats() -> None:
    corpus = load_corpus()
    for part in ("dev", "test", "all"):
        sub = corpus.split(part)
        events = [e for s in sub.sentences for e in s.events]
        empty = sum(1 for s in sub.sentences if not s.events)
        print(f"{part:5} articles {len(sub.documents()):4}  sentences {len(sub.sentences):5}  "
              f"no-event {empty:5}  events {len(events):5}")
    roots = Counter(e.code[:2] for s in corpus.sentences for e in s.events)
    print("roots:", " ".join(f"{r}:{n}" for r, n in sorted(roots.items())))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_show = sub.add_parser("show", help="numbered sentences of articles")
    p_show.add_argument("docs", nargs="+")
    p_compile = sub.add_parser("compile", help="check a draft and write its labels")
    p_compile.add_argument("draft", type=Path)
    p_compile.add_argument("--out", type=Path, help="default: corpus/annotations/<draft name>.jsonl")
    sub.add_parser("stats", help="size of the corpus per split")
    args = parser.parse_args(argv)
    if args.command == "show":
        show(args.docs)
    elif args.command == "compile":
        out = args.out or DEFAULT_ANNOTATIONS / (args.draft.stem + ".jsonl")
        try:
            docs, sentences, events = compile_draft(args.draft, out, args.draft.stem)
        except DraftError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"{out}: {docs} articles, {sentences} sentences, {events} events")
    else:
        stats()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
