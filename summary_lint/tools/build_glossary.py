"""Rebuild the bilingual glossary pack (English word stem → Korean forms) from a digest corpus.

    python -m summary_lint.tools.build_glossary ../shared/corpus/daily_papers_ko -o rules/glossary/ko-en.tsv

Two kinds of evidence, both counted over the whole corpus so that no single summary decides:

1. Parenthetical pairs the summaries write themselves: ``지식 그래프(Knowledge Graph)`` and
   ``LLM(대규모 언어 모델)``. Each English word is paired with the Korean words next to it; a pair
   is kept when it recurs (``--min-pairs``) and the words are strongly associated (Dice).
2. Title ↔ summary association: an English title word and a Korean word of the same paper's
   summary that occur together far more often than chance (``--min-docs`` papers, conditional
   probability and lift thresholds). This finds "radiance ↔ 복사" even in summaries without any
   English.

The output holds term pairs only (no summary text): ``english_stem<TAB>korean<TAB>score``.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter

from ..crosslingual import HANGUL_WORD, LATIN_WORD, STOPWORDS, english_words, hangul_words, stem

KO_BEFORE_EN = re.compile(r"((?:[가-힣]+ ){0,3}[가-힣]+) ?\(([A-Za-z][A-Za-z0-9 \-']{1,60})\)")
EN_BEFORE_KO = re.compile(r"([A-Za-z][A-Za-z0-9\-']*(?: [A-Za-z][A-Za-z0-9\-']*){0,5}) ?\(([가-힣 ]{2,40})\)")


def english_stems(text: str) -> set[str]:
    return {stem(w) for w in english_words(text) if w not in STOPWORDS and len(w) >= 2 and not w.isdigit()}


def korean_forms(text: str) -> set[str]:
    return {w for w in hangul_words(text) if len(w) >= 2}


def parenthetical_pairs(text: str) -> list[tuple[set[str], set[str]]]:
    """(English stems, Korean forms) of every ``한글(English)`` / ``English(한글)`` pair in a text."""
    pairs = []
    for ko, en in KO_BEFORE_EN.findall(text):
        words = HANGUL_WORD.findall(ko)[-max(1, len(LATIN_WORD.findall(en))):]
        pairs.append((english_stems(en), korean_forms(" ".join(words))))
    for en, ko in EN_BEFORE_KO.findall(text):
        pairs.append((english_stems(en), korean_forms(ko)))
    return [(e, k) for e, k in pairs if e and k]


def pair_glossary(pairs: list[tuple[set[str], set[str]]], min_pairs: int, min_dice: float) -> dict[tuple[str, str], float]:
    together: Counter[tuple[str, str]] = Counter()
    en_count: Counter[str] = Counter()
    ko_count: Counter[str] = Counter()
    for en, ko in pairs:
        en_count.update(en)
        ko_count.update(ko)
        together.update((e, k) for e in en for k in ko)
    out = {}
    for (e, k), n in together.items():
        dice = 2 * n / (en_count[e] + ko_count[k])
        if n >= min_pairs and dice >= min_dice:
            out[(e, k)] = round(dice, 3)
    return out


def association_glossary(docs: list[tuple[set[str], set[str]]], min_docs: int, min_conditional: float,
                         min_lift: float, max_share: float) -> dict[tuple[str, str], float]:
    """Title stem × summary form pairs that co-occur in papers far above chance (sparse counts)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    def binary(sets: list[set[str]]):
        vocab: dict[str, int] = {}
        rows, cols = [], []
        for r, items in enumerate(sets):
            for item in items:
                rows.append(r)
                cols.append(vocab.setdefault(item, len(vocab)))
        matrix = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(sets), len(vocab)))
        return matrix, list(vocab)

    en_matrix, en_vocab = binary([en for en, _ in docs])
    ko_matrix, ko_vocab = binary([ko for _, ko in docs])
    n_docs = len(docs)
    en_df = np.asarray(en_matrix.sum(axis=0)).ravel()
    ko_df = np.asarray(ko_matrix.sum(axis=0)).ravel()
    co = (en_matrix.T @ ko_matrix).tocoo()
    out = {}
    for e, k, n in zip(co.row, co.col, co.data):
        if n < min_docs or ko_df[k] > max_share * n_docs:
            continue
        conditional = n / en_df[e]
        lift = conditional * n_docs / ko_df[k]
        if conditional >= min_conditional and lift >= min_lift:
            out[(en_vocab[e], ko_vocab[k])] = round(conditional * math.log(lift), 3)
    return out


def build(corpus: str, args: argparse.Namespace) -> dict[tuple[str, str], float]:
    from ..config import resolve
    from ..discover import discover
    from ..engine import read_inputs

    digests, _ = read_inputs(discover([corpus], resolve().config.exclude))
    papers = [p for d in digests for p in d.papers]
    pairs = [pair for p in papers for pair in parenthetical_pairs(p.summary)]
    docs = [(english_stems(p.title), korean_forms(p.summary)) for p in papers]
    table = association_glossary(docs, args.min_docs, args.min_conditional, args.min_lift, args.max_share)
    for key, score in pair_glossary(pairs, args.min_pairs, args.min_dice).items():
        table[key] = max(score, table.get(key, 0.0))
    # Keep the strongest forms of each English stem so the pack stays small.
    by_en: dict[str, list[tuple[float, str]]] = {}
    for (e, k), score in table.items():
        by_en.setdefault(e, []).append((score, k))
    return {(e, k): s for e, forms in by_en.items() for s, k in sorted(forms, key=lambda f: (-f[0], f[1]))[: args.max_forms]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m summary_lint.tools.build_glossary", description=__doc__.splitlines()[0])
    p.add_argument("corpus", help="folder of digests (e.g. ../shared/corpus/daily_papers_ko)")
    p.add_argument("-o", "--output", default="rules/glossary/ko-en.tsv")
    p.add_argument("--min-pairs", type=int, default=2, help="parenthetical pairs needed (default 2)")
    p.add_argument("--min-dice", type=float, default=0.2, help="Dice association of a pair (default 0.2)")
    p.add_argument("--min-docs", type=int, default=3, help="papers a title↔summary pair needs (default 3)")
    p.add_argument("--min-conditional", type=float, default=0.5, help="P(Korean form | title word) (default 0.5)")
    p.add_argument("--min-lift", type=float, default=4.0, help="P(form | word) / P(form) (default 4)")
    p.add_argument("--max-share", type=float, default=0.1,
                   help="drop Korean forms found in more than this share of summaries (default 0.1)")
    p.add_argument("--max-forms", type=int, default=4, help="Korean forms kept per English stem (default 4)")
    args = p.parse_args(argv)
    table = build(args.corpus, args)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(f"# Built by: python -m summary_lint.tools.build_glossary {args.corpus}"
                f" (min-pairs {args.min_pairs}, min-dice {args.min_dice}, min-docs {args.min_docs},"
                f" min-conditional {args.min_conditional}, min-lift {args.min_lift}, max-share {args.max_share},"
                f" max-forms {args.max_forms})\n")
        f.write("# english_stem\tkorean\tscore\n")
        for (e, k), score in sorted(table.items()):
            f.write(f"{e}\t{k}\t{score}\n")
    print(f"{args.output}: {len(table)} pairs, {len({e for e, _ in table})} English stems", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
