#!/usr/bin/env python3
"""Where the lexicon is silent: verbs (with their object's lemma) that head sentences in which the coder
found two or more different actors but no event, counted over shared news articles.

    lexicon_gaps.py [--limit N] [--top K]

Articles of the corpus test split are left out, so that the list never tunes on the test part.
"""

from __future__ import annotations

import argparse
from collections import Counter

from eventwire.corpus import CORPUS_FILES, read_labels, read_shared_articles, shared_dir, split_of
from eventwire.model import Article
from eventwire.pipeline import Coder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="articles at most (default all)")
    parser.add_argument("--top", type=int, default=150)
    args = parser.parse_args()
    shared = shared_dir()
    articles = read_shared_articles(shared)
    labelled = {s.doc for s in read_labels()}
    test = {d for d in labelled if split_of(d, articles[d]) == "test"}
    chosen = [a for d, a in sorted(articles.items()) if d not in test and d.split(":")[0] in CORPUS_FILES]
    if args.limit:
        chosen = chosen[:args.limit]
    coder = Coder()
    verbs: Counter = Counter()
    pairs: Counter = Counter()
    for coded in coder.code_many(Article(id=a.id, text=a.text, date=a.date) for a in chosen):
        with_events = {e.sentence for e in coded.events}
        text = coded.article.text
        for n, (start, end) in enumerate(coded.sentences):
            if n in with_events:
                continue
            codes = {m.actor.code for m in coded.mentions if start <= m.char_span[0] < end}
            if len(codes) < 2:
                continue
            for token in coder.nlp(text[start:end]):
                if token.pos_ == "VERB" and token.dep_ in ("ROOT", "ccomp", "xcomp", "conj", "advcl"):
                    verbs[token.lemma_.lower()] += 1
                    obj = next((c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "prt", "prep")), "")
                    pairs[f"{token.lemma_.lower()} {obj}"] += 1
    print("verbs:", ", ".join(f"{v} {n}" for v, n in verbs.most_common(args.top)))
    print("\nverb + object/particle:", ", ".join(f"{v} {n}" for v, n in pairs.most_common(args.top)))


if __name__ == "__main__":
    main()
