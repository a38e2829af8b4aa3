"""Rebuild the two data packs of the source checks from a digest corpus and its source abstracts.

    python -m summary_lint.tools.build_source_packs ../shared/corpus/daily_papers_ko \\
        ../shared/corpus/abstracts/daily_papers_ko.jsonl -o rules/sources

Writes (counts and word pairs only, no text):

* ``concept-df.tsv``: in how many abstracts each concept (word stem, number) occurs, for the
  inverse-document-frequency weights (concepts in fewer than ``--min-df`` abstracts are left out:
  they get the highest weight anyway);
* ``ko-en.tsv``: Korean summary word → English abstract stems, learned from the (summary,
  abstract) pairs of the corpus: a pair is kept when it occurs in at least ``--min-pairs`` papers,
  the English stem follows the Korean word in at least ``--min-conditional`` of its papers, with a
  lift of at least ``--min-lift``; Korean words in more than ``--max-share`` of the summaries are
  function words and skipped; each Korean word keeps its ``--max-stems`` best stems. This
  finds 복사 → radiance and 양자화 → quantization even where a summary has no English at all.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from summary_lint.read.sources import load_sources, source_for
from summary_lint.text.source_match import SourceProfile
from summary_lint.text.tokens import hangul_words


def main(argv: list[str] | None = None) -> int:
    from summary_lint.engine.run import read_inputs
    from summary_lint.read.discover import discover

    p = argparse.ArgumentParser(prog="build_source_packs", description=__doc__.splitlines()[0])
    p.add_argument("corpus", help="folder of digests")
    p.add_argument("sources", nargs="+", help="sources files (JSONL / JSON / HF daily_papers)")
    p.add_argument("-o", "--output", default="rules/sources", help="folder for the packs")
    p.add_argument("--min-df", type=int, default=3)
    p.add_argument("--min-pairs", type=int, default=3)
    p.add_argument("--min-conditional", type=float, default=0.2)
    p.add_argument("--min-lift", type=float, default=2.0)
    p.add_argument("--max-share", type=float, default=0.2)
    p.add_argument("--max-stems", type=int, default=3)
    args = p.parse_args(argv)

    sources = load_sources(args.sources)
    profiles = {key: SourceProfile.of(src) for key, src in sources.items()}
    df: Counter[str] = Counter()
    for profile in profiles.values():
        df.update(profile.concepts)

    digests, _ = read_inputs(discover([args.corpus], []))
    korean: Counter[str] = Counter()
    english: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    papers = 0
    for paper in (p for d in digests for p in d.papers):
        src = source_for(paper.arxiv_id, sources)
        if src is None:
            continue
        ko = {w for w in hangul_words(paper.summary) if len(w) >= 2}
        en = {c for c in profiles[src.arxiv_id].concepts if not c.startswith("#")}
        papers += 1
        korean.update(ko)
        english.update(en)
        pairs.update((k, e) for k in ko for e in en)

    table: dict[str, list[tuple[float, str]]] = {}
    for (k, e), n in pairs.items():
        if n < args.min_pairs or korean[k] > args.max_share * papers:
            continue
        conditional, lift = n / korean[k], n * papers / (korean[k] * english[e])
        if conditional >= args.min_conditional and lift >= args.min_lift:
            table.setdefault(k, []).append((conditional * lift, e))

    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    settings = " ".join(f"--{k.replace('_', '-')} {v}" for k, v in sorted(vars(args).items())
                        if k not in ("corpus", "sources", "output"))
    with open(out / "concept-df.tsv", "w", encoding="utf-8") as f:
        f.write(f"# Built by: python -m summary_lint.tools.build_source_packs ({settings})\n")
        f.write(f"# documents\t{len(sources)}\n")
        for concept, count in sorted(df.items(), key=lambda kv: (-kv[1], kv[0])):
            if count >= args.min_df:
                f.write(f"{concept}\t{count}\n")
    with open(out / "ko-en.tsv", "w", encoding="utf-8") as f:
        f.write(f"# Built by: python -m summary_lint.tools.build_source_packs ({settings}); {papers} pairs\n")
        f.write("# korean\tenglish stems (best first)\n")
        for k in sorted(table):
            stems = [e for _, e in sorted(table[k], key=lambda x: (-x[0], x[1]))[: args.max_stems]]
            f.write(f"{k}\t{','.join(stems)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
