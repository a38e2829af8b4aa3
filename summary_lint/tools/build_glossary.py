"""Rebuild the glossary packs (English word stem → Korean / Chinese forms, and English document
frequencies) from the shared corpora. Every source is optional; the packs of the given ones are
written:

    python -m summary_lint.tools.build_glossary ../shared/corpus/daily_papers_ko \\
        --abstracts ../shared/corpus/abstracts/daily_papers_ko.jsonl \\
        --autoflow ../shared/corpus/other_generators/ko-hf-daily-autoflow \\
        --zh ../shared/corpus/other_generators/zh-arxiv-analyze \\
        -o rules/glossary/ko-en.tsv --zh-output rules/glossary/zh-en.tsv --df-output rules/glossary/en-df.tsv

Add ``--exclude-ids FILE`` (arXiv ids one per line, or a labels JSONL with ``arxiv_id``;
repeatable) to leave held-out papers out of every pack, for out-of-sample checks.

Sources:

* ``CORPUS`` (positional): a folder of markdown digests (``daily_papers_ko``), with ``--abstracts``
  (JSONL of ``arxiv_id, title, abstract``) for its papers;
* ``--autoflow``: a generator folder (``digests/*.jsonl`` + ``abstracts.jsonl``) of Korean
  summaries whose method points end with the English sentence they paraphrase, in brackets;
* ``--zh``: a generator folder of Chinese summaries (same layout).

``ko-en.tsv`` (``-o``) joins four kinds of Korean evidence, each counted over the whole corpus so
that no single summary decides, each scored by Dice:

1. Parenthetical pairs the summaries write themselves: ``지식 그래프(Knowledge Graph)`` and
   ``LLM(대규모 언어 모델)``: kept when they recur (``--min-pairs``) with ``--min-dice``.
2. Title ↔ summary association: an English title word and a Korean word of the same paper's
   summary that occur together far more often than chance (``--min-docs`` papers,
   P(Korean | title word) ≥ ``--min-conditional``, ``--min-lift``, Dice ≥ ``--min-title-dice``;
   Korean words in more than ``--max-share`` of the summaries are function words). This finds
   "radiance ↔ 복사" even in summaries without any English.
3. Abstract ↔ summary association, the same with the title and abstract of the paper, in both
   directions (``--abstract-*``: support, P(Korean | English), P(English | Korean), lift).
4. Parallel sentences (``--autoflow`` method points): a Korean word and an English stem of the
   aligned sentence pairs (``--parallel-min-pairs`` pairs, Dice ≥ ``--parallel-min-dice``,
   log-likelihood G² ≥ ``--parallel-min-g2``). This finds the everyday words (생성 ↔ generate).

A Korean word then stays only with the stems it fits nearly as well as its rivals (``--compete``:
보상 goes to reward, not to reinforcement; ``rival_stems`` tells which stems compete). A word made
of two of the remaining forms (인공지능 = 인공 + 지능, 강화학습 = 강화 + 학습) becomes a form of both
stems when word and stem occur together in ``--min-docs`` papers. Each stem keeps its
``--max-forms`` best forms.

``zh-en.tsv`` (``--zh-output``): Chinese forms (Han n-grams of 2–4 characters) associated with the
stems of the paper's title and abstract; see ``summary_lint.tools.zh_glossary`` (``--zh-*``).
Chinese forms are meant to be searched as substrings.

``en-df.tsv`` (``--df-output``): for every English stem of the titles and abstracts of all given
corpora (each arXiv id counted once), the number of papers containing it (``--df-min`` or more);
the line ``# documents<TAB>N`` gives the number of papers. It tells how common a title word is in
papers in general.

English stems are those of ``crosslingual.stem``, of every content word and of the parts of
hyphenated words (state-of-the-art → state-of, state, art), as ``crosslingual.TextIndex`` sees a
text. The whole build takes about 45 s of CPU time on the shared corpora.

The glossaries hold term pairs only (no summary text): ``english_stem<TAB>form<TAB>score``, stems
from ``summary_lint.text.crosslingual.stem``; each pack's first line is the command that built it, with
every parameter.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from summary_lint.text.scripts import HANGUL_SYLLABLES
from summary_lint.text.tokens import LATIN_WORD, english_words, hangul_words, stem, stopwords
from summary_lint.tools.association import associations, competitive, strongest
from summary_lint.tools.glossary_corpora import CorpusPaper, read_exclude_ids, read_jsonl_corpus, read_markdown_corpus
from summary_lint.tools.zh_glossary import ChineseParams, chinese_glossary, param

HANGUL_WORD = re.compile(f"[{HANGUL_SYLLABLES}]+")
KO_BEFORE_EN = re.compile(r"((?:[가-힣]+ ){0,3}[가-힣]+) ?\(([A-Za-z][A-Za-z0-9 \-']{1,60})\)")
EN_BEFORE_KO = re.compile(r"([A-Za-z][A-Za-z0-9\-']*(?: [A-Za-z][A-Za-z0-9\-']*){0,5}) ?\(([가-힣 ]{2,40})\)")
FAMILY_PREFIX = 5
"""Letters two stems share when they are forms of one word (robot, robotic); or one less when the
shorter is a prefix of the longer (imag, image)."""
MIN_COMPOUND_PART = 2
"""Syllables of each part of a compound (인공지능 = 인공 + 지능)."""


@dataclass(frozen=True)
class KoreanParams:
    min_pairs: int = param(2, "parenthetical pairs needed")
    min_dice: float = param(0.2, "Dice association of a parenthetical pair")
    min_docs: int = param(3, "papers a title↔summary pair (and a compound) needs")
    min_conditional: float = param(0.5, "P(Korean form | title word)")
    min_lift: float = param(4.0, "P(form | word) / P(form), title↔summary")
    max_share: float = param(0.1, "drop Korean forms found in more than this share of summaries (title↔summary)")
    min_title_dice: float = param(0.3, "Dice association of a title↔summary pair")
    abstract_min_docs: int = param(3, "papers an abstract↔summary pair needs")
    abstract_min_forward: float = param(0.1, "P(Korean form | English stem of title+abstract)")
    abstract_min_backward: float = param(0.4, "P(English stem of title+abstract | Korean form)")
    abstract_min_lift: float = param(2.0, "lift of an abstract↔summary pair")
    abstract_max_share: float = param(0.5, "drop Korean forms in more than this share of summaries (abstract↔summary)")
    parallel_min_pairs: int = param(3, "aligned sentence pairs a word pair needs")
    parallel_min_dice: float = param(0.3, "Dice association over aligned sentence pairs")
    parallel_min_g2: float = param(10.83, "log-likelihood G² over aligned sentence pairs (10.83: p < 0.001)")
    compete: float = param(0.8, "keep a form with a stem scoring at least this share of each rival stem")
    max_forms: int = param(4, "Korean forms kept per English stem")


# --- English and Korean words ------------------------------------------------------------------


def english_stems(text: str) -> set[str]:
    """Stems of the content words of a text, with the parts of hyphenated words (vision-language
    → vision-l, vision, language), as ``crosslingual.TextIndex`` sees them."""
    stop = stopwords()
    words = [w for w in english_words(text) if w not in stop and len(w) >= 2 and not w.isdigit()]
    parts = [p for w in words if "-" in w for p in w.split("-") if p not in stop and len(p) >= 2 and not p.isdigit()]
    return {stem(w) for w in words + parts}


def rival_stems(stem: str, other: str) -> bool:
    """Whether ``other`` competes with ``stem`` for a form: not when it is a hyphenated word
    (multi-agent's 多智能体 does not outrank agent's 智能体) or the same word in another form
    (robot / robotic, chemical / chemistry: the crude stems keep them apart)."""
    common = len(os.path.commonprefix([stem, other]))
    same_word = common >= FAMILY_PREFIX or common == min(len(stem), len(other)) >= FAMILY_PREFIX - 1
    return "-" not in other and not same_word


def korean_forms(text: str) -> set[str]:
    return {w for w in hangul_words(text) if len(w) >= 2}


# --- Korean evidence ---------------------------------------------------------------------------


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
                         min_lift: float, max_share: float, min_backward: float = 0.0,
                         min_dice: float = 0.0) -> dict[tuple[str, str], float]:
    """English stem × Korean form pairs that co-occur in papers far above chance, scored by Dice."""
    found = associations(docs, min_together=min_docs, min_forward=min_conditional, min_backward=min_backward,
                         min_lift=min_lift, max_right_share=max_share)
    return {(a.left, a.right): round(a.dice, 3) for a in found if a.dice >= min_dice}


def parallel_glossary(pairs: list[tuple[set[str], set[str]]], min_pairs: int, min_dice: float,
                      min_g2: float) -> dict[tuple[str, str], float]:
    """English stem × Korean form pairs of aligned sentence pairs: recurring, associated (Dice) and
    unlikely by chance (G²)."""
    found = associations(pairs, min_together=min_pairs, min_lift=1.0)
    return {(a.left, a.right): round(a.dice, 3) for a in found if a.dice >= min_dice and a.log_likelihood >= min_g2}


def compound_glossary(table: dict[tuple[str, str], float], docs: list[tuple[set[str], set[str]]],
                      min_docs: int) -> dict[tuple[str, str], float]:
    """Korean words made of two forms of the table (인공지능 = 인공 + 지능) as forms of the stems of
    both parts, when word and stem occur together in ``min_docs`` of the (English stems, Korean
    forms) ``docs``; scored by the product of the parts' scores (below the direct forms)."""
    stems_of: dict[str, list[tuple[str, float]]] = {}
    for (e, k), score in table.items():
        stems_of.setdefault(k, []).append((e, score))
    candidates: dict[tuple[str, str], float] = {}
    for word in {w for _, forms in docs for w in forms}:
        for i in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
            head, tail = stems_of.get(word[:i]), stems_of.get(word[i:])
            if not head or not tail:
                continue
            best_head, best_tail = max(s for _, s in head), max(s for _, s in tail)
            for parts, other in ((head, best_tail), (tail, best_head)):
                for e, score in parts:
                    candidates[(e, word)] = max(candidates.get((e, word), 0.0), round(score * other, 3))
    stems_by_word: dict[str, set[str]] = {}
    for e, word in candidates:
        stems_by_word.setdefault(word, set()).add(e)
    support: Counter[tuple[str, str]] = Counter()
    for stems, forms in docs:
        for word in forms & stems_by_word.keys():
            support.update((e, word) for e in stems_by_word[word] & stems)
    return {pair: score for pair, score in candidates.items() if support[pair] >= min_docs}


def korean_glossary(papers: list[CorpusPaper], p: KoreanParams) -> dict[tuple[str, str], float]:
    """English stem → Korean forms from Korean summaries, their titles, abstracts and parallel sentences."""
    summaries = [korean_forms(paper.summary) for paper in papers]
    docs = [(english_stems(paper.title + "\n" + paper.abstract), forms) for paper, forms in zip(papers, summaries)]
    evidence = [
        pair_glossary([pair for paper in papers for pair in parenthetical_pairs(paper.summary)], p.min_pairs, p.min_dice),
        association_glossary([(english_stems(paper.title), forms) for paper, forms in zip(papers, summaries)],
                             p.min_docs, p.min_conditional, p.min_lift, p.max_share, min_dice=p.min_title_dice),
        association_glossary([doc for paper, doc in zip(papers, docs) if paper.abstract],
                             p.abstract_min_docs, p.abstract_min_forward, p.abstract_min_lift, p.abstract_max_share,
                             min_backward=p.abstract_min_backward),
        parallel_glossary([(english_stems(en), korean_forms(ko)) for paper in papers for ko, en in paper.parallel],
                          p.parallel_min_pairs, p.parallel_min_dice, p.parallel_min_g2),
    ]
    table: dict[tuple[str, str], float] = {}
    for found in evidence:
        for pair, score in found.items():
            table[pair] = max(score, table.get(pair, 0.0))
    table = competitive(table, p.compete, rival_stems)
    for pair, score in compound_glossary(table, docs, p.min_docs).items():
        table.setdefault(pair, score)
    return strongest(table, p.max_forms)


# --- English document frequencies --------------------------------------------------------------


def document_frequencies(papers: Iterable[CorpusPaper]) -> tuple[int, Counter[str]]:
    """Number of distinct papers (by arXiv id) and, per English stem, the papers whose title or
    abstract contains it. A paper in several corpora counts once (with an abstract if any has one)."""
    by_id: dict[str, CorpusPaper] = {}
    unnamed: list[CorpusPaper] = []
    for paper in papers:
        if not paper.arxiv_id:
            unnamed.append(paper)
        elif paper.arxiv_id not in by_id or (paper.abstract and not by_id[paper.arxiv_id].abstract):
            by_id[paper.arxiv_id] = paper
    distinct = list(by_id.values()) + unnamed
    df: Counter[str] = Counter()
    for paper in distinct:
        df.update(english_stems(paper.title + "\n" + paper.abstract))
    return len(distinct), df


# --- command line ------------------------------------------------------------------------------


def _option(prefix: str, name: str) -> str:
    return f"--{prefix}{name.replace('_', '-')}"


def _dest(prefix: str, name: str) -> str:
    return prefix.replace("-", "_") + name


def _add_params(parser: argparse.ArgumentParser, params: type, prefix: str) -> None:
    """One option per parameter of the ``params`` dataclass (``--zh-min-docs`` for prefix "zh-")."""
    for f in fields(params):
        parser.add_argument(_option(prefix, f.name), dest=_dest(prefix, f.name), type=type(f.default),
                            default=f.default, help=f"{f.metadata['help']} (default {f.default})")


def _params(args: argparse.Namespace, params: type, prefix: str):
    return params(**{f.name: getattr(args, _dest(prefix, f.name)) for f in fields(params)})


def _command(args: argparse.Namespace) -> str:
    """The command that rebuilds the packs, with every source and parameter spelled out."""
    words = ["python", "-m", "summary_lint.tools.build_glossary"]
    if args.corpus:
        words.append(args.corpus)
    for option in ("abstracts", "autoflow", "zh"):
        if getattr(args, option):
            words += [f"--{option}", getattr(args, option)]
    for path in args.exclude_ids or ():
        words += ["--exclude-ids", path]
    words += ["-o", args.output, "--zh-output", args.zh_output]
    if args.df_output:
        words += ["--df-output", args.df_output]
    for params, prefix in ((KoreanParams, ""), (ChineseParams, "zh-")):
        for f in fields(params):
            words += [_option(prefix, f.name), str(getattr(args, _dest(prefix, f.name)))]
    words += ["--df-min", str(args.df_min)]
    return " ".join(map(shlex.quote, words))


def write_glossary(path: str, command: str, table: dict[tuple[str, str], float], form: str) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# Built by: {command}\n# english_stem\t{form}\tscore\n")
        f.writelines(f"{e}\t{k}\t{score}\n" for (e, k), score in sorted(table.items()))
    print(f"{path}: {len(table)} pairs, {len({e for e, _ in table})} English stems", file=sys.stderr)


def write_document_frequencies(path: str, command: str, total: int, df: Counter[str], df_min: int) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    kept = sorted((s, n) for s, n in df.items() if n >= df_min)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# Built by: {command}\n# documents\t{total}\n# english_stem\tdocuments\n")
        f.writelines(f"{s}\t{n}\n" for s, n in kept)
    print(f"{path}: {len(kept)} stems in {total} documents", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m summary_lint.tools.build_glossary", description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("corpus", nargs="?", help="folder of markdown digests (e.g. ../shared/corpus/daily_papers_ko)")
    p.add_argument("--abstracts", help="abstracts of the digests' papers (JSONL: arxiv_id, title, abstract)")
    p.add_argument("--autoflow", help="Korean generator folder with parallel method points (digests/*.jsonl, abstracts.jsonl)")
    p.add_argument("--zh", help="Chinese generator folder (digests/*.jsonl, abstracts.jsonl)")
    p.add_argument("--exclude-ids", action="append", metavar="FILE",
                   help="leave out these papers (arXiv ids one per line, or JSONL with arxiv_id); repeatable")
    p.add_argument("-o", "--output", default="rules/glossary/ko-en.tsv", help="Korean glossary (written with Korean sources)")
    p.add_argument("--zh-output", default="rules/glossary/zh-en.tsv", help="Chinese glossary (written with --zh)")
    p.add_argument("--df-output", help="English document frequencies (written only when given)")
    p.add_argument("--df-min", type=int, default=2, help="papers a stem needs in the frequency table (default 2)")
    _add_params(p, KoreanParams, "")
    _add_params(p, ChineseParams, "zh-")
    args = p.parse_args(argv)
    if args.abstracts and not args.corpus:
        p.error("--abstracts needs the digest folder (CORPUS)")
    if not (args.corpus or args.autoflow or args.zh):
        p.error("give at least one source: CORPUS, --autoflow or --zh")

    started = time.perf_counter()
    exclude = set().union(*(read_exclude_ids(path) for path in args.exclude_ids or ()))
    korean = read_markdown_corpus(args.corpus, args.abstracts, exclude) if args.corpus else []
    korean += read_jsonl_corpus(args.autoflow, exclude) if args.autoflow else []
    chinese = read_jsonl_corpus(args.zh, exclude) if args.zh else []
    command = _command(args)
    if korean:
        write_glossary(args.output, command, korean_glossary(korean, _params(args, KoreanParams, "")), "korean")
    if chinese:
        docs = [(english_stems(paper.title + "\n" + paper.abstract), paper.summary) for paper in chinese]
        table = chinese_glossary(docs, _params(args, ChineseParams, "zh-"), rival_stems)
        write_glossary(args.zh_output, command, table, "chinese")
    if args.df_output:
        write_document_frequencies(args.df_output, command, *document_frequencies(korean + chinese), args.df_min)
    print(f"{len(korean)} Korean and {len(chinese)} Chinese papers ({len(exclude)} ids excluded),"
          f" {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
