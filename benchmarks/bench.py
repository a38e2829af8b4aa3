"""Speed and memory of summary-lint from one digest to 100,000 papers.

Each case runs ``summary-lint`` in a child process and prints wall time, papers per second, the
peak PSS of the whole process tree (the CLI and its forked workers, sampled as ``shapes.py``
does) and the floor, ``python -c 'import pydantic, rapidfuzz'`` timed right after it. Generated inputs (see ``generate.py``) are built in
/tmp on first use. With leaks, the leaked copies listed in ``truth.jsonl`` must all be found by
``near-duplicate``; the script prints that recall. Needs ../shared; skips cleanly without it.

    python benchmarks/bench.py                  # seed, corpus, 100k, 100k with leaks
    python benchmarks/bench.py --papers 20000 --jobs 2
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from shapes import CLI, floor, run_tree

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "examples" / "digest-2024-07-08.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "daily_papers_ko"
WORK = Path("/tmp/summary-lint-bench")


def run(args: list[str]) -> tuple[float, int, int]:
    """Run summary-lint; return (wall seconds, peak PSS of its process tree in KiB, exit code)."""
    usage = run_tree([CLI, *args])
    return usage.wall, usage.pss, usage.code


def report(name: str, papers: int, wall: float, pss_kib: int, code: int, note: str = "") -> None:
    base = floor()
    print(f"{name:<44} {papers:>7} papers {wall:>7.2f} s {papers / wall:>8.0f} papers/s "
          f"{pss_kib / 1024:>7.0f} MiB PSS  exit {code}  floor {base:.2f} s ({wall / base:.1f}x)  {note}".rstrip(),
          flush=True)


def generated(papers: int, leak_rate: float) -> Path:
    out = WORK / f"{papers}{'-leaks' if leak_rate else ''}"
    if not (out / "truth.jsonl").exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--papers", str(papers),
                        "--leak-rate", str(leak_rate), "--out", str(out)], check=True, stdout=subprocess.DEVNULL)
    return out


def leak_recall(report_path: Path, truth_path: Path) -> str:
    """Share of leaked copies reported by near-duplicate, and findings on other papers."""
    data = json.loads(report_path.read_text(encoding="utf-8"))
    flagged = {p["arxiv_id"] for p in data["papers"] if any(f["rule"] == "near-duplicate" for f in p["findings"])}
    leaked = {json.loads(line)["arxiv_id"] for line in truth_path.read_text().splitlines()}
    found = len(leaked & flagged)
    return f"leaks found {found}/{len(leaked)}, other papers flagged {len(flagged - leaked)}"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--papers", type=int, default=100_000, help="size of the generated input")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--skip-generated", action="store_true", help="only the seed and the corpus")
    args = p.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found (the benchmark needs the shared corpus)")
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    jobs = ["--jobs", str(args.jobs)]

    best = min((run([str(SEED)]) for _ in range(3)), key=lambda r: r[0])
    report("seed digest, cold start (best of 3)", 13, *best)
    report("corpus, all rules", 5488, *run([str(CORPUS), *jobs]))
    report("corpus, --select near-duplicate", 5488, *run([str(CORPUS), "--select", "near-duplicate"]))
    if args.skip_generated:
        return 0
    plain = generated(args.papers, 0.0)
    report(f"generated {args.papers}, all rules", args.papers, *run([str(plain), *jobs]))
    leaks = generated(args.papers, 0.05)
    out = WORK / "leaks-report.json"
    wall, rss, code = run([str(leaks), "--select", "near-duplicate", "--format", "json", "-o", str(out)])
    report(f"generated {args.papers} + 5% leaks, near-duplicate", args.papers, wall, rss, code,
           leak_recall(out, leaks / "truth.jsonl"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
