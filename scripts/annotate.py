#!/usr/bin/env python3
"""Annotate shared news articles with events (conventions: docs/annotation.md).

    annotate.py show DOC_ID...                 numbered sentences of each article, to label
    annotate.py compile DRAFT.txt [--out F]    check a draft and write its labels as offsets
    annotate.py compile-written DRAFT.txt OUT.jsonl --prefix PFX
                                               check a draft of sentences we wrote, write them with offsets
    annotate.py stats                          articles, sentences and events per split; counts per CAMEO
                                               root and PLOVER type for the corpus, the written sentences, both

The draft format lets a person (or a helper) write labels as text; compile turns every quoted
phrase into offsets inside its sentence and refuses the whole draft, naming file and line, when a
phrase, CAMEO code, actor code or modality is not what the conventions allow.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from spacy.language import Language

from eventwire.corpus import (
    DEFAULT_ANNOTATIONS,
    DEFAULT_WRITTEN,
    MODALITIES,
    WRITTEN_TAGS,
    CorpusError,
    LabelledActor,
    LabelledEvent,
    LabelledSentence,
    WrittenSentence,
    annotation_files,
    fingerprint,
    is_actor_code,
    iter_label_rows,
    load_corpus,
    read_shared_articles,
    read_written,
    shared_dir,
    split_of,
    written_row,
)
from eventwire.nlp import load_pipeline
from eventwire.ontology import load_ontology
from eventwire.segments import segments


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
    if not is_actor_code(code):
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
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as stream:
        for row in iter_label_rows(labelled):
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(blocks), len(labelled), sum(len(s.events) for s in labelled)


# -- sentences we write ourselves (corpus/written, format: /work/briefs/written.md) ----------

WrittenBlock = tuple[int, str, tuple[str, ...], list[tuple[int, list[str]]]]


def parse_written_draft(path: Path) -> list[WrittenBlock]:
    """[(line of the sentence, sentence, tags, [(line, event fields)])] of a written draft.

    A block is '# s' (optionally '@tags a,b'), the sentence on one line, then zero or more event
    lines 'code | trigger | source | target | modality'; other '#' lines are comments."""
    blocks: list[WrittenBlock] = []
    tags: tuple[str, ...] | None = None  # not None: a '# s' waits for its sentence
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        where = f"{path}:{number}"
        if re.match(r"#\s*s(\s|$)", line):
            if tags is not None:
                raise DraftError(f"{where}: the block before has no sentence")
            tags = _draft_tags(line, where)
        elif line.startswith("#"):
            continue
        elif tags is not None:
            if "|" in line:
                raise DraftError(f"{where}: expected the sentence after '# s', not an event line")
            blocks.append((number, line, tags, []))
            tags = None
        elif not blocks:
            raise DraftError(f"{where}: text before the first '# s'")
        else:
            fields = [f.strip() for f in line.split("|")]
            if len(fields) != 5:
                raise DraftError(f"{where}: expected 'code | trigger | source | target | modality' "
                                 f"(or a '# s' line before a new sentence)")
            blocks[-1][3].append((number, fields))
    if tags is not None:
        raise DraftError(f"{path}: the last '# s' has no sentence")
    return blocks


def _draft_tags(line: str, where: str) -> tuple[str, ...]:
    match = re.search(r"@tags\s+(\S.*)$", line)
    if not match:
        if "@" in line:
            raise DraftError(f"{where}: write tags as '# s @tags a,b'")
        return ()
    tags = tuple(t.strip() for t in match.group(1).split(",") if t.strip())
    unknown = [t for t in tags if t not in WRITTEN_TAGS]
    if unknown:
        raise DraftError(f"{where}: unknown tags {', '.join(unknown)} (known: {', '.join(sorted(WRITTEN_TAGS))})")
    return tags


def written_sentences(path: Path, prefix: str) -> list[WrittenSentence]:
    """The draft's sentences with offsets and ids PREFIX-0001...; DraftError names file and line."""
    if not re.fullmatch(r"[a-z][a-z0-9-]*", prefix):
        raise DraftError(f"prefix {prefix!r}: lower-case letters, digits and '-' only")
    ontology = load_ontology()
    sentences = []
    seen: dict[str, int] = {}
    for n, (number, text, tags, labels) in enumerate(parse_written_draft(path), 1):
        if text in seen:
            raise DraftError(f"{path}:{number}: the same sentence as line {seen[text]}")
        seen[text] = number
        events = tuple(_written_event(fields, text, f"{path}:{line}", ontology) for line, fields in labels)
        sentences.append(WrittenSentence(id=f"{prefix}-{n:04d}", text=text, tags=tags, events=events))
    return sentences


def _written_event(fields: list[str], text: str, where: str, ontology) -> LabelledEvent:
    code, trigger, source, target, modality = fields
    if not ontology.is_code(code):
        raise DraftError(f"{where}: {code!r} is not a CAMEO code")
    if modality not in MODALITIES:
        raise DraftError(f"{where}: modality is one of {', '.join(MODALITIES)}, not {modality!r}")
    return LabelledEvent(code=code, trigger=locate(trigger, text, where),
                         source=parse_actor(source, text, where, 0) or LabelledActor(code=None, span=None),
                         target=parse_actor(target, text, where, 0), modality=modality)


def compile_written(path: Path, out: Path, prefix: str) -> tuple[int, int]:
    """Write the draft's sentences to OUT; refuses ids another file of OUT's folder already uses."""
    sentences = written_sentences(path, prefix)
    taken = _ids_elsewhere(out)
    clash = [s.id for s in sentences if s.id in taken]
    if clash:
        raise DraftError(f"{path}: ids {clash[0]}... are already used in {taken[clash[0]]}; choose another --prefix")
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as stream:
        for sentence in sentences:
            stream.write(json.dumps(written_row(sentence), ensure_ascii=False) + "\n")
    return len(sentences), sum(len(s.events) for s in sentences)


def _ids_elsewhere(out: Path) -> dict[str, Path]:
    taken: dict[str, Path] = {}
    for other in annotation_files(out.parent) if out.parent.is_dir() else ():
        if other.resolve() == out.resolve():
            continue
        for line in other.read_text(encoding="utf-8").splitlines():
            if line.strip():
                taken[json.loads(line)["id"]] = other
    return taken


def stats(written_folder: Path = DEFAULT_WRITTEN) -> None:
    corpus_events: list[LabelledEvent] = []
    if shared_dir() is None:
        print("corpus: ../shared is not here (set EVENTWIRE_SHARED); counting the written sentences only")
    else:
        corpus = load_corpus()
        for part in ("dev", "test", "all"):
            sub = corpus.split(part)
            events = [e for s in sub.sentences for e in s.events]
            empty = sum(1 for s in sub.sentences if not s.events)
            print(f"{part:5} articles {len(sub.documents()):4}  sentences {len(sub.sentences):5}  "
                  f"no-event {empty:5}  events {len(events):5}")
        corpus_events = [e for s in corpus.sentences for e in s.events]
    written = read_written(written_folder) if written_folder.is_dir() else []
    written_events = [e for s in written for e in s.events]
    print(f"written sentences {len(written):5}  no-event {sum(1 for s in written if not s.events):5}  "
          f"events {len(written_events):5}  (negated {sum(e.modality == 'negated' for e in written_events)})")
    for line in count_table(corpus_events, written_events):
        print(line)


def count_table(corpus_events: list[LabelledEvent], written_events: list[LabelledEvent]) -> list[str]:
    """Lines of a table: events per CAMEO root, then per PLOVER type, for corpus, written and both."""
    ontology = load_ontology()

    def plover(code: str) -> str:
        return ontology.plover(code).type or "(none)"

    lines = []
    for title, key, keys in (("root", lambda c: c[:2], [f"{n:02d}" for n in range(1, 21)]),
                             ("PLOVER", plover, [*ontology.plover_types, "(none)"])):
        corpus = Counter(key(e.code) for e in corpus_events)
        written = Counter(key(e.code) for e in written_events)
        lines.append(f"{title:10} {'corpus':>7} {'written':>8} {'both':>6}")
        for k in keys:
            lines.append(f"{k:10} {corpus[k]:7} {written[k]:8} {corpus[k] + written[k]:6}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_show = sub.add_parser("show", help="numbered sentences of articles")
    p_show.add_argument("docs", nargs="+")
    p_compile = sub.add_parser("compile", help="check a draft and write its labels")
    p_compile.add_argument("draft", type=Path)
    p_compile.add_argument("--out", type=Path, help="default: corpus/annotations/<draft name>.jsonl")
    p_written = sub.add_parser("compile-written", help="check a draft of written sentences and write it")
    p_written.add_argument("draft", type=Path)
    p_written.add_argument("out", type=Path, help="e.g. corpus/written/w1-appeals.jsonl")
    p_written.add_argument("--prefix", required=True, help="id prefix unique to this file, e.g. w1-app")
    sub.add_parser("stats", help="size of the corpus per split; counts per CAMEO root and PLOVER type")
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
    elif args.command == "compile-written":
        try:
            sentences, events = compile_written(args.draft, args.out, args.prefix)
            read_written(args.out.parent)
        except (DraftError, CorpusError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"{args.out}: {sentences} sentences, {events} events")
    else:
        stats()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
