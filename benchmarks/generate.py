"""Build large digest inputs for the benchmark from the shared corpus (never committed).

Every generated section joins 4-6 clauses (text between commas and full stops) drawn at random
from the same section kind of different corpus papers, so papers are distinct texts in the
corpus's style: a clause is reused only once the whole pool is used up. With ``--leak-rate``, that share of papers carries a reworded copy of one of the
synthetic leaked texts in ``leaks.py``: the whole summary, or one pasted section. The ground
truth (file, line, arXiv id, leak) goes to ``truth.jsonl`` next to the digests.

    python benchmarks/generate.py --papers 100000 --out /tmp/summary-lint-bench/100k
    python benchmarks/generate.py --papers 100000 --leak-rate 0.05 --out /tmp/summary-lint-bench/100k-leaks
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from leaks import LABELS, LEAKS, paraphrase

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "daily_papers_ko"
PER_FILE = 50
CLAUSE_END = re.compile(r"(?<=[,.!?])\s+")


def sentence_pools(corpus: Path) -> tuple[list[list[str]], list]:
    """Clauses of the corpus by section position (0, 1, 2), and the corpus papers."""
    from summary_lint.engine.run import read_inputs
    from summary_lint.read.discover import discover

    digests, _ = read_inputs(discover([str(corpus)]))
    papers = [p for d in digests for p in d.papers if p.sections]
    pools: list[list[str]] = [[], [], []]
    for paper in papers:
        for k, section in enumerate(paper.sections[:3]):
            pools[k].extend(c for c in CLAUSE_END.split(section.text.strip()) if len(c) > 15)
    return pools, papers


def shuffled_forever(pool: list[str], rng: random.Random) -> Iterator[str]:
    """Each clause once per round, in a new order every round (two sections rarely share two)."""
    while True:
        order = pool[:]
        rng.shuffle(order)
        yield from order


def entry(arxiv_id: str, title: str, authors: str, votes: int, sections: list[str]) -> list[str]:
    lines = [f"### [{title}](https://arxiv.org/abs/{arxiv_id})", "",
             f"![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{arxiv_id}.png)", "",
             f"Vote: {votes}", "", f"Authors: {authors}", ""]
    lines += [f"- **{label}**: {text}" for label, text in zip(LABELS, sections)]
    return lines + [""]


def generate(papers: int, out: Path, leak_rate: float, seed: int, corpus: Path) -> None:
    rng = random.Random(seed)
    pools, sources = sentence_pools(corpus)
    clauses = [shuffled_forever(pool, rng) for pool in pools]
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "truth.jsonl", "w", encoding="utf-8") as truth:
        leak_papers = set(rng.sample(range(papers), round(papers * leak_rate)))
        for start in range(0, papers, PER_FILE):
            name = out / f"digest-{start // PER_FILE:05d}.md"
            lines = [f"## Daily Papers (generated {start // PER_FILE})", ""]
            for j in range(start, min(start + PER_FILE, papers)):
                arxiv_id = f"{24 + j // 1_200_000}{(j // 100_000) % 12 + 1:02d}.{j % 100_000:05d}"
                source = rng.choice(sources)
                sections = [" ".join(next(clauses[k]) for _ in range(rng.randint(4, 6))) for k in range(3)]
                if j in leak_papers:
                    leak = rng.randrange(len(LEAKS))
                    copy = paraphrase(LEAKS[leak], rng)
                    part = rng.choice(["summary", 0, 1, 2])
                    if part == "summary":
                        sections = copy
                    else:
                        sections[part] = copy[part]
                    row = {"file": str(name), "line": len(lines) + 1, "arxiv_id": arxiv_id, "leak": leak, "part": part}
                    truth.write(json.dumps(row) + "\n")
                lines += entry(arxiv_id, source.title, ", ".join(source.authors or ["Anonymous"]),
                               rng.randint(1, 99), sections)
            name.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--papers", type=int, default=100_000)
    p.add_argument("--leak-rate", type=float, default=0.0, help="share of papers carrying a leaked text")
    p.add_argument("--out", type=Path, default=None, help="output folder (default: /tmp/summary-lint-bench/...)")
    p.add_argument("--corpus", type=Path, default=CORPUS)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (the shared data is needed to generate inputs)", file=sys.stderr)
        return 2
    out = args.out or Path("/tmp/summary-lint-bench") / f"{args.papers}{'-leaks' if args.leak_rate else ''}"
    generate(args.papers, out, args.leak_rate, args.seed, args.corpus)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
