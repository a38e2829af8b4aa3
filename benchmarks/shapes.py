"""Speed and memory of summary-lint on real archive shapes, whole process tree included.

``generate.py`` recombines clauses into synthetic papers; real archives are slower in ways such
text hides (long sections, many papers of one topic, real abstracts). This script rebuilds
real-shaped inputs from ../shared in /tmp, records unchanged except arXiv ids and dates:

- ``50``, ``200``, ``800``, ``3200``: one JSONL digest of that many Chinese (zh-arxiv-analyze)
  records, the day files concatenated in date order; ``ko800``, ``ko3200`` …: one markdown digest
  of that many daily_papers_ko entries under one heading, taken evenly across the corpus (every
  size has the same mix of months, formats and papers with an abstract; longer Korean summaries:
  the shape that once made source-mismatch grow with the square of the digest);
- ``100k``: a folder of 100,000 papers: the real day files of zh-arxiv-analyze (JSONL),
  ko-hf-daily-autoflow (JSONL) and daily_papers_ko (markdown), day files over 1,000 papers split,
  repeated with fresh ids (2027 on) and later dates until the count is reached. So ~80% of the
  papers repeat another's summary verbatim (``near-duplicate`` reports them), and as the expected
  language is inferred per run, every Korean paper is ``wrong-language``; ``100k-zh`` /
  ``100k-ko`` take one language only, ``20k`` etc. are quicker; ``100k-en`` and ``en800``,
  ``en3200`` … are the Chinese shapes in English: each summary replaced by its own abstract's
  sentences (``GENERATORS["en"]``); ``100k-en-distinct``: the same with every copy reworded
  (``reworder``), so that its 100,000 papers are distinct texts, as a real archive's are: the
  verbatim copies of the other folders cost the cross-file rules a look-up instead of a paper's
  words, names and sums; ``100k-zh-distinct``: ``100k-zh`` reworded the same way (Han characters
  too), the shape nearest the unseen archive of issue 14 (one field, Chinese-sized records);
- beside each, ``abstracts.jsonl`` for ``--sources``, ids changed the same way.

Each shape runs ``summary-lint`` (default options) in a child process. A sampler thread sums the
RSS (``/proc/PID/statm``) of the child and all its descendants (``--jobs`` workers are forked)
every 50 ms, and their PSS (``/proc/PID/smaps_rollup``, costly for GiBs) whenever the RSS grew
1% and otherwise as often as costs ~5% of a core; it keeps the peaks. CPU is user+sys from
``wait4``, which includes the reaped workers. Under each row, how long two processes of the tree
were busy at once, and how long one was alone before, between and after (``Cores``: from each
process's CPU in ``/proc/PID/stat`` at every sample). Beside each row: the floor, ``python -c 'import
pydantic, rapidfuzz'`` (median of 3), as this machine's speed drifts; the sampler's own CPU; the
1-minute load average (other work on the machine stretches wall time, not CPU time). Last, the
shapes that issue 14 sets a bar for, judged in floors (its seconds are a quiet machine's, whose
floor is 0.12 s) and, for the 100k folders, by the tree's peak PSS.

``--startup`` splits the seed digest's cold run into what each layer adds to the floor: numpy,
pydantic's model machinery (``import pydantic`` alone is lazy), our models, a run of one rule (every
rule module is imported, the settings resolved, the digest parsed and reported), all rules (each
command run in turn, ``ROUNDS`` times, medians: a layer is a few ms).
``--growth`` takes the CPU time of each rule alone on 800 and 3,200 papers (t(3200)/t(800), bar <= 5;
Chinese, or Korean with ``--korean``);
``--profile`` runs cProfile on 3,200 papers, all rules, one job. Needs ../shared; skips cleanly
without it. No dependency beyond the project's (no psutil).

    python benchmarks/shapes.py                                  # 50,200,800,3200,100k
    python benchmarks/shapes.py --shapes 3200,100k-zh --sources --jobs 2
    python benchmarks/shapes.py --shapes 800 --growth --profile --skip-100k
    python benchmarks/shapes.py --shapes ko800,ko3200 --sources --growth --korean
    python benchmarks/shapes.py --shapes seed,corpus --rounds 7   # medians of 7 runs in turn
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
OTHER = SHARED / "other_generators"
GENERATORS = {  # name: (digests, abstracts, language)
    "zh": (OTHER / "zh-arxiv-analyze/digests", OTHER / "zh-arxiv-analyze/abstracts.jsonl", "zh"),
    "ko-auto": (OTHER / "ko-hf-daily-autoflow/digests", OTHER / "ko-hf-daily-autoflow/abstracts.jsonl", "ko"),
    "ko-md": (SHARED / "daily_papers_ko", SHARED / "abstracts/daily_papers_ko.jsonl", "ko"),
    "en": (OTHER / "zh-arxiv-analyze/digests", OTHER / "zh-arxiv-analyze/abstracts.jsonl", "en"),
}
"""``en`` is no generator's output: zh-arxiv-analyze's days with each summary replaced by its own
abstract's sentences, three to a section (English text of summary length, for the shapes of an
English archive; only ``100k-en``, ``100k-en-distinct`` and ``enN`` use it)."""
FIXED = {  # name: (input, abstracts): the cold-start and development-corpus bars
    "seed": (ROOT / "examples" / "digest-2024-07-08.txt", ROOT.parent / "shared" / "seed" / "hf-daily-papers-2024-07-08.json"),
    "corpus": (SHARED / "daily_papers_ko", SHARED / "abstracts" / "daily_papers_ko.jsonl"),
}
WORK = Path("/tmp/summary-lint-shapes")
_SCRIPT = Path(sys.executable).with_name("summary-lint")
CLI = str(_SCRIPT) if _SCRIPT.exists() else "summary-lint"
"""The console script of this interpreter: a pyenv shim on PATH would add its own startup."""
MAX_PER_FILE = 1000
HEADING_ID = re.compile(r"^### \[.*\]\(https?://arxiv\.org/abs/(\d{4}\.\d{5})\)", re.MULTILINE)


# ---- inputs ---------------------------------------------------------------------------------

@dataclass
class Day:
    """One real digest file: its generator, date, markdown text before the first entry, entries."""

    gen: str
    date: str
    head: str
    entries: list[tuple[str, str]]  # (arXiv id, JSONL line or markdown entry)


def load_days(gen: str) -> list[Day]:
    """The generator's day files in date order, entries verbatim; days over 1,000 papers split."""
    folder = GENERATORS[gen][0]
    days = []
    if gen == "ko-md":
        for path in sorted(folder.glob("*/*/*.md")):
            text = path.read_text(encoding="utf-8")
            head, *entries = re.split(r"(?m)^(?=### \[)", text)
            days.append(Day(gen, "-".join(path.with_suffix("").parts[-3:]), head,
                            [(HEADING_ID.match(e).group(1), e) for e in entries]))  # type: ignore[union-attr]
    else:
        english = load_abstracts(gen) if gen == "en" else None
        for path in sorted(folder.glob("*.jsonl")):
            lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
            if english is not None:
                lines = [ln for ln in map(_in_english, lines, itertools.repeat(english)) if ln]
            days.append(Day(gen, path.stem, "", [(json.loads(ln)["arxiv_id"], ln) for ln in lines]))
    return [Day(d.gen, d.date, d.head, d.entries[i:i + MAX_PER_FILE])
            for d in days for i in range(0, len(d.entries), MAX_PER_FILE)]


def _in_english(line: str, abstracts: dict[str, dict]) -> str:
    """A zh-arxiv-analyze record whose sections are its abstract's sentences, three to a section
    ("" without an abstract)."""
    record = json.loads(line)
    source = abstracts.get(record["arxiv_id"])
    if source is None:
        return ""
    sentences = re.split(r"(?<=[.!?])\s+", source["abstract"].strip())
    names = ("background", "innovation", "method", "results")
    record["sections"] = {name: " ".join(sentences[3 * k:3 * k + 3] if k < 3 else sentences[9:])
                          for k, name in enumerate(names) if sentences[3 * k:]}
    return json.dumps(record, ensure_ascii=False)


def fresh_id(n: int) -> str:
    """The n-th id for a copy: well-formed, and from 2027 on, so it is no real paper's id."""
    return f"{27 + n // 1_200_000}{(n // 100_000) % 12 + 1:02d}.{n % 100_000:05d}"


def emit(day: Day, k: int, entries: list[tuple[str, str]], abstracts: dict, out_abs, ids: Iterator[int],
         reword: Callable[[str, str], str] | None = None) -> str:
    """Copy k of (some entries of) a day: text kept; for k > 0, fresh ids (from ``ids``) and the
    dates k times 52 weeks later, and with ``reword`` (JSONL days) each section rewritten by it.
    The abstracts of the entries go to out_abs with the same ids."""
    new_date = str(date.fromisoformat(day.date) + timedelta(weeks=52 * k))
    parts = []
    for arxiv_id, text in entries:
        new_id = fresh_id(next(ids)) if k else arxiv_id
        if k == 0:
            parts.append(text if day.gen == "ko-md" else text + "\n")
        elif day.gen == "ko-md":
            parts.append(text.replace(arxiv_id, new_id))
        else:
            record = json.loads(text)
            record.update(arxiv_id=new_id, date=new_date)
            if reword:
                record["sections"] = {name: reword(section, f"{k}|{arxiv_id}|{name}")
                                      for name, section in record["sections"].items()}
            parts.append(json.dumps(record, ensure_ascii=False) + "\n")
        if arxiv_id in abstracts:
            out_abs.write(json.dumps({**abstracts[arxiv_id], "arxiv_id": new_id}, ensure_ascii=False) + "\n")
    return day.head.replace(day.date, new_date) + "".join(parts)


FOLDER = r"\d+k(?:-zh(?:-distinct)?|-ko|-en(?:-distinct)?)?"
"""The folder shapes (``100k``, ``100k-zh-distinct``, ``20k-en`` …): reworded copies only in Chinese and English."""
WORD = re.compile(r"([A-Za-z][A-Za-z-]*|[\u4e00-\u9fff])")
"""What ``reworder`` replaces: a Latin word, or a Han character (Chinese has no spaces to split
words at; near-duplicate compares its characters' n-grams)."""
REWORDED = 65
"""Percent of a copy's words that ``reworder`` replaces: at 30, most copies still score as
near-duplicates of their original (0.79-0.91); at 65, few do."""


def reworder(days: list[Day]) -> Callable[[str, str], str]:
    """Rewrites a text so that every copy of a paper is a distinct text: ``REWORDED`` percent of its
    words, chosen by a hash of (``seed``, place), become words drawn from the days' own sections as
    often as they occur there. Word salad of a real vocabulary, for time and memory only: copies kept
    verbatim cost a look-up where a real archive's distinct papers cost a tokenizing, and their
    words, names and sums are kept apart (near-duplicate, leaked-content)."""
    pool = [word for d in days for _, line in d.entries for text in json.loads(line)["sections"].values()
            for word in WORD.findall(text)]

    def reword(text: str, seed: str) -> str:
        parts = WORD.split(text)  # gap, word, gap, …
        for i in range(1, len(parts), 2):
            draw = zlib.crc32(f"{seed}|{i}".encode())
            if draw % 100 < REWORDED:
                parts[i] = pool[(draw >> 8) % len(pool)]
        return "".join(parts)

    return reword


def load_abstracts(gen: str) -> dict[str, dict]:
    lines = GENERATORS[gen][1].read_text(encoding="utf-8").splitlines()
    return {r["arxiv_id"]: r for r in map(json.loads, filter(str.strip, lines))}


def build(shape: str) -> tuple[Path, Path, int]:
    """Write a shape under /tmp; return (input path, abstracts file, papers). ``seed`` and
    ``corpus`` are the bundled example digest and the shared Korean corpus, as they are."""
    if shape in FIXED:
        path, abstracts = FIXED[shape]
        papers = sum(len(HEADING_ID.findall(p.read_text(encoding="utf-8")))
                     for p in ([path] if path.is_file() else sorted(path.rglob("*.md"))))
        return path, abstracts, papers
    out = WORK / shape
    out.mkdir(parents=True, exist_ok=True)
    abstracts_path = out / "abstracts.jsonl"
    if single := re.fullmatch(r"(ko|en)?(\d+)", shape):  # one digest of the first N zh (or ko, en) records
        korean, n = single.group(1) == "ko", int(single.group(2))
        gen = "ko-md" if korean else single.group(1) or "zh"
        entries = [e for d in load_days(gen) for e in d.entries]
        entries = [entries[k * len(entries) // n] for k in range(min(n, len(entries)))] if korean else entries[:n]
        path = out / (f"ko-{n}.md" if korean else f"{gen}-{n}.jsonl")
        head = "## Daily Papers (2025-01-01)\n\n" if korean else ""
        with open(abstracts_path, "w", encoding="utf-8") as abs_file:  # copy 0: ids and dates as they are
            text = emit(Day(gen, "2025-01-01", head, []), 0, entries, load_abstracts(gen), abs_file, iter(()))
        path.write_text(text, encoding="utf-8")
        return path, abstracts_path, len(entries)
    m = re.fullmatch(r"(\d+)k(?:-(zh|ko|en))?(-distinct)?", shape)
    if not m or not re.fullmatch(FOLDER, shape):
        raise SystemExit(f"unknown shape {shape!r} (a number, ko or en and a number, or 100k, 100k-zh, 100k-ko, "
                         "100k-en, 100k-zh-distinct, 100k-en-distinct)")
    target, lang = int(m.group(1)) * 1000, m.group(2)
    gens = [g for g, (_, _, lg) in GENERATORS.items() if lang == lg or (lang is None and lg != "en")]
    days, seen = [], set()
    for gen in gens:  # a paper two generators summarised is kept in the first only (no false duplicates)
        for d in load_days(gen):
            kept = [e for e in d.entries if e[0] not in seen]
            if kept:
                days.append(Day(gen, d.date, d.head, kept))
        seen.update(e[0] for d in days for e in d.entries)
    abstracts = {gen: load_abstracts(gen) for gen in gens}
    reword = reworder(days) if m.group(3) else None
    folder = out / "digests"
    written, k, ids = 0, 0, itertools.count()
    with open(abstracts_path, "w", encoding="utf-8") as abs_file:
        while written < target:
            for d in days:
                entries = d.entries[:target - written]
                if not entries:
                    break
                name = folder / f"copy{k}" / d.gen / f"{d.date}-{written}{'.md' if d.gen == 'ko-md' else '.jsonl'}"
                name.parent.mkdir(parents=True, exist_ok=True)
                name.write_text(emit(d, k, entries, abstracts[d.gen], abs_file, ids, reword), encoding="utf-8")
                written += len(entries)
            k += 1
    return folder, abstracts_path, written


# ---- measuring a process tree ---------------------------------------------------------------

def tree(root: int) -> list[int]:
    """The pid and all its descendants, from each thread's ``/proc/PID/task/TID/children``: a few
    small reads per process of the tree (reading every process's ``stat`` was most of the
    sampler's CPU, which competes with the run's workers)."""
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in threads:
            try:
                todo += map(int, Path(f"/proc/{pid}/task/{tid}/children").read_bytes().split())
            except OSError:
                continue
    return pids


def rss(pid: int) -> int:
    """Resident KiB of one process from /proc/PID/statm (cheap: no page-table walk); 0 once gone."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KIB
    except (OSError, IndexError):
        return 0


def pss(pid: int) -> int:
    """Proportional set size in KiB (shared pages split between sharers); 0 once gone.
    The kernel walks the page tables for it: ~5 ms per GiB of resident memory."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:")), 0)


PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process from /proc/PID/stat; 0 once gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
BUSY = 0.5
"""A process is busy over a sampling interval when it used at least this share of a core in it."""


@dataclass
class Cores:
    """Wall seconds by how many processes of the tree were busy: a run that keeps one core busy
    while the other idles (reading before the workers start, joining and reporting after them)
    wastes half the machine for that long."""

    both: float = 0.0
    """Two processes or more busy."""
    before: float = 0.0
    """One busy, before the first interval with two."""
    between: float = 0.0
    """One busy, between the first and the last interval with two."""
    after: float = 0.0
    """One busy, after the last interval with two."""

    @classmethod
    def of(cls, intervals: list[tuple[float, int]]) -> Cores:
        """From (seconds, processes busy) of each sampling interval, in order."""
        shared = [i for i, (_, busy) in enumerate(intervals) if busy >= 2]
        first, last = (shared[0], shared[-1]) if shared else (len(intervals), len(intervals))
        alone = [(i, seconds) for i, (seconds, busy) in enumerate(intervals) if busy == 1]
        return cls(sum(seconds for seconds, busy in intervals if busy >= 2),
                   sum(seconds for i, seconds in alone if i < first),
                   sum(seconds for i, seconds in alone if first < i < last),
                   sum(seconds for i, seconds in alone if i > last))


@dataclass
class Usage:
    wall: float
    cpu: float
    rss: int  # KiB, peak of the tree's sum
    pss: int
    rss_main: int  # KiB, peak of the main process alone (what ru_maxrss and bench.py report)
    procs: int  # most processes seen at once
    code: int
    sampler_cpu: float  # this script's own CPU for sampling (competes with the workers)
    cores: Cores


def run_tree(cmd: list[str]) -> Usage:
    """Run cmd; every 50 ms sum the RSS of its whole process tree and count its busy processes
    (``Cores``); sum its PSS too whenever the RSS grew 1% since the last PSS reading, else as often
    as that costs ~5% of a core."""
    peak = {"rss": 0, "pss": 0, "procs": 0, "main": 0}
    intervals: list[tuple[float, int]] = []
    done = threading.Event()

    def sample(root: int) -> None:
        t0, next_pss, rss_at_pss = time.thread_time(), 0.0, 0
        used: dict[int, float] = {}
        last = time.perf_counter()
        while not done.is_set():
            pids = tree(root)
            now, cpu = time.perf_counter(), {pid: cpu_seconds(pid) for pid in pids}
            busy = sum(c - used.get(pid, 0.0) >= BUSY * (now - last) for pid, c in cpu.items())
            intervals.append((now - last, busy))
            used.update(cpu)
            last = now
            sizes = [rss(pid) for pid in pids]
            peak["rss"], peak["main"] = max(peak["rss"], sum(sizes)), max(peak["main"], sizes[0])
            peak["procs"] = max(peak["procs"], len(pids))
            if time.perf_counter() >= next_pss or sum(sizes) > 1.01 * rss_at_pss:
                began, rss_at_pss = time.perf_counter(), sum(sizes)
                peak["pss"] = max(peak["pss"], sum(map(pss, pids)))
                next_pss = began + 20 * (time.perf_counter() - began)
            done.wait(0.05)
        peak["sampler"] = time.thread_time() - t0

    with tempfile.TemporaryFile() as stderr:  # a pipe could fill up and block the child
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=stderr)
        sampler = threading.Thread(target=sample, args=(child.pid,))
        sampler.start()
        _, status, ru = os.wait4(child.pid, 0)  # rusage of the child plus its reaped descendants
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode >= 2:
            stderr.seek(0)
            print(f"  failed: {stderr.read().decode(errors='replace').strip()[-500:]}", file=sys.stderr)
    return Usage(wall, ru.ru_utime + ru.ru_stime, peak["rss"], peak["pss"], peak["main"], peak["procs"],
                 child.returncode, peak["sampler"], Cores.of(intervals))


def compile_package() -> None:
    """Byte-compile the package the CLI runs, as ``pip install`` does: with PYTHONDONTWRITEBYTECODE
    set (as on this machine) an editable checkout is otherwise compiled again on every start, 15%
    of the seed digest's cold run, which no installed user pays."""
    code = "import compileall, os, summary_lint; compileall.compile_dir(os.path.dirname(summary_lint.__file__), quiet=1)"
    subprocess.run([sys.executable, "-c", code], check=True)


def walls_of(code: str, runs: int = 3) -> list[float]:
    """Wall times of ``python -c code``, each in a fresh interpreter."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return times


def floor() -> float:
    """Median wall of `python -c 'import pydantic, rapidfuzz'`: the machine's speed right now."""
    return statistics.median(walls_of("import pydantic, rapidfuzz"))


def bytecode_speed() -> float:
    """Best of 3 walls of 10 million Python additions in a fresh interpreter: the floor is mostly
    imports (reading files, building classes), the large shapes mostly bytecode, and the two drift
    apart between machines (a 100k run took 288 floors on one machine and 200 on another)."""
    return min(walls_of("s = 0\nfor i in range(10_000_000):\n    s += i"))


ROUNDS = 15
"""Runs of each start-up step (``--startup``), interleaved so that the machine's drift hits all alike."""


def startup_budget() -> None:
    """Median wall of each layer of the seed digest's cold run, and its share in floors."""
    from summary_lint.engine.collector import GC_THRESHOLDS

    imports = "import pydantic, rapidfuzz"
    collections = f"import gc; gc.set_threshold{GC_THRESHOLDS}; "  # the command line's (fewer_collections)
    steps = [
        ("floor: import pydantic, rapidfuzz", [sys.executable, "-c", imports]),
        ("+ numpy", [sys.executable, "-c", f"{collections}{imports}, numpy"]),
        ("+ pydantic's BaseModel (pydantic.main)", [sys.executable, "-c", f"{collections}{imports}, numpy, pydantic.main"]),
        ("+ our models (summary_lint.model)",
         [sys.executable, "-c", f"{collections}{imports}, numpy, summary_lint.model"]),
        ("seed digest, one rule (missing-votes)",
         [CLI, str(FIXED["seed"][0]), "--select", "missing-votes", "--exit-zero"]),
        ("seed digest, all rules", [CLI, str(FIXED["seed"][0]), "--exit-zero"]),
    ]
    env = dict(os.environ, PYDANTIC_DISABLE_PLUGINS="__all__", OPENBLAS_NUM_THREADS="1")  # as the CLI sets them
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(ROUNDS):
        for name, cmd in steps:
            start = time.perf_counter()
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times[steps[0][0]])
    print(f"{'cold start of the seed digest, layer by layer':<44} {'wall':>8} {'xfloor':>7} {'added':>7}")
    previous = 0.0
    for name, _ in steps:
        wall = statistics.median(times[name])
        print(f"{name:<44} {wall * 1000:>6.0f}ms {wall / base:>7.2f} {(wall - previous) / base:>+7.2f}")
        previous = wall


# ---- per-rule growth and profile ------------------------------------------------------------

def in_fork(fn) -> float:
    """CPU seconds fn takes in a forked child: every measurement starts from the same warm state
    (imports and packs loaded), and caches filled by one measurement do not help the next. CPU, not
    wall: the API runs one process, and other work on this machine stretches wall time, which
    once flagged a rule of a few lines as growing 6.5 times for 4 times the papers."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        start = time.process_time()
        fn()
        os.write(w, repr(time.process_time() - start).encode())
        os._exit(0)
    os.close(w)
    with os.fdopen(r) as pipe:
        took = pipe.read()
    os.waitpid(pid, 0)
    return float(took)


def rule_growth(small: tuple[Path, Path], large: tuple[Path, Path], all_sources: bool, only: list[str]) -> None:
    """t(large)/t(small) of each rule alone, CPU time of one process, best of 5 (bar: <= 5 for 4x papers;
    exponent log4 of it: 1 is linear). Times include reading the input and building the report,
    shown alone as "(no rules)". Source rules (A0xx) always get the abstracts; others with --sources."""
    import math

    from summary_lint import lint_paths
    from summary_lint.read.sources import load_sources

    listing = subprocess.run([CLI, "rules"], capture_output=True, text=True, check=True).stdout
    rules = [("", "(no rules)")] + [tuple(line.split()[:2]) for line in listing.splitlines()
                                    if re.match(r"[A-Z]\d{3}\s", line) and (not only or line.split()[0] in only)]
    sources = {p: load_sources([a]) for p, a in (small, large)}
    lint_paths(str(small[0]), sources=sources[small[0]])  # warm: lazy imports, rule packs
    gc.freeze()  # the children's collections skip the inherited heap (and do not copy its pages)
    print(f"\n{'rule':<24} {'t(800)':>8} {'t(3200)':>8} {'ratio':>6} {'exp':>5}")
    worst = 0.0
    def timed(path: Path, code: str, name: str) -> float:
        src = sources[path] if code.startswith("A") or all_sources else None
        config = {"select": [name] if code else []}
        return min(in_fork(lambda: lint_paths(str(path), config=config, sources=src)) for _ in range(5))

    for code, name in rules:
        t_small, t_large = timed(small[0], code, name), timed(large[0], code, name)
        ratio = t_large / t_small
        worst = max(worst, ratio) if code else worst
        flag = "  OVER BAR" if ratio > 5 else ""
        print(f"{code:<4} {name:<19} {t_small:>7.2f}s {t_large:>7.2f}s {ratio:>6.2f} {math.log(ratio, 4):>5.2f}{flag}",
              flush=True)
    print(f"worst ratio {worst:.2f} (bar 5)")


def profile(path: Path, top: int = 15) -> None:
    """cProfile of the CLI on path, all rules, one job; top functions by own time (markdown)."""
    import pstats

    prof = WORK / "profile.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "summary_lint", str(path),
           "--jobs", "1", "--format", "json", "-o", str(WORK / "profile-report.json")]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
    stats = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    total = sum(tt for _, _, tt, _, _ in stats.values())
    print(f"\ncProfile, {path.name}, all rules, --jobs 1: {total:.2f} s of own time in total\n")
    print("| own s | share | cumulative s | calls | function |\n| ---: | ---: | ---: | ---: | --- |")
    for (file, line, func), (_, calls, tt, ct, _) in sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]:
        where = re.sub(r".*/(summary_lint|site-packages)/", r"\1/", file)
        print(f"| {tt:.2f} | {tt / total:.0%} | {ct:.2f} | {calls:,} | `{where}:{line} {func}` |")


# ---- main -----------------------------------------------------------------------------------

def measure(shape: str, built: tuple[Path, Path, int], args: argparse.Namespace) -> tuple[Usage, float]:
    """One run of ``shape`` (``build``'s input; a row of the table, with its findings' summary): its
    usage and the floor timed just before it."""
    path, abstracts, papers = built
    cmd = [CLI, str(path), "--format", "json", "-o", str(WORK / f"report-{shape}.json")]
    cmd += ["--sources", str(abstracts)] if args.sources else []
    cmd += ["--jobs", str(args.jobs)] if args.jobs else []
    base = floor()
    u = run_tree(cmd)
    print(f"{shape + (' +src' if args.sources else ''):<10} {papers:>7} {u.wall:>7.2f}s {papers / u.wall:>8.0f} "
          f"{u.cpu:>7.1f}s {u.rss / 1024:>5.0f} MiB {u.pss / 1024:>5.0f} MiB {u.rss_main / 1024:>5.0f} MiB "
          f"{u.procs:>5} {u.code:>4} {base:>5.2f}s {u.wall / base:>6.1f} {u.sampler_cpu:>6.2f}s {os.getloadavg()[0]:>5.2f}",
          flush=True)
    if u.code < 2:
        summary = json.loads((WORK / f"report-{shape}.json").read_text(encoding="utf-8"))["summary"]
        if summary["papers"] != papers:
            print(f"  WARNING: the report has {summary['papers']} papers, {papers} were written")
        top = sorted(summary["findings_by_rule"].items(), key=lambda kv: -kv[1])[:4]
        print(f"  fail {summary['fail']}, warn {summary['warn']}; most findings: "
              + ", ".join(f"{r} {n}" for r, n in top))
    c = u.cores
    print(f"  both cores busy {c.both:.1f}s; one alone {c.before:.1f}s before, {c.between:.1f}s between, "
          f"{c.after:.1f}s after" if c.both else f"  one core busy {c.before:.1f}s (never two at once)", flush=True)
    return u, base


def _ratios(measured: list[tuple[Usage, float]]) -> list[float]:
    """Each run's wall over the floor timed beside it."""
    return [u.wall / base for u, base in measured]


QUIET_FLOOR = 0.12
"""The floor of a quiet machine, on which issue 14 states its bars in seconds (the seed's 2.5 floors
are 0.3 s, the corpus's 25 floors 3 s)."""
MEMORY_BAR = 1.5 * 1024 * 1024  # KiB: the 100k folders' summed PSS
UNIT_BARS = {"seed": 0.3, "corpus": 3.0, "3200": 5.0}
"""Wall bars of single inputs, seconds on a quiet machine (the 3,200-paper digest without sources)."""
FOLDER_BAR, FOLDER_SOURCES_BAR = 60.0, 90.0
"""A 100k folder (any of its languages), without and with ``--sources``."""


def bars(runs: dict[str, list[tuple[Usage, float]]], sources: bool) -> None:
    """Each measured shape that has a bar against it: the median wall in seconds and in floors (the
    floor timed beside each run), the bar in both (its seconds over ``QUIET_FLOOR``), the peak PSS
    of the tree for the folders, and whether the figures meet the bar (never when a run ended in an
    error, exit 2). Seconds and floors can disagree on a slow or busy machine: the floors are the
    reading that travels between machines (for start-up bound shapes; bytecode-bound ones drift, see
    ``bytecode_speed``)."""
    rows = []
    for shape, measured in runs.items():
        if shape.startswith("100k") and re.fullmatch(FOLDER, shape):
            bar, memory = (FOLDER_SOURCES_BAR if sources else FOLDER_BAR), True
        elif shape in UNIT_BARS and not (sources and shape == "3200"):
            bar, memory = UNIT_BARS[shape], False
        else:
            continue
        wall = statistics.median(u.wall for u, _ in measured)
        floors = statistics.median(_ratios(measured))
        pss = max(u.pss for u, _ in measured)
        failed = max(u.code for u, _ in measured) >= 2  # an error ended a run: its figures judge nothing
        met = not failed and floors <= bar / QUIET_FLOOR and (not memory or pss <= MEMORY_BAR)
        rows.append(f"{shape + (' +src' if sources else ''):<17} {wall:>7.2f}s {floors:>7.1f} {bar:>6.1f}s "
                    f"{bar / QUIET_FLOOR:>7.1f} {f'{pss / 1024:.0f} MiB' if memory else '':>10} "
                    f"{'met' if met else 'NOT MET'}{' (a run exited 2)' if failed else ''}"
                    f"{'' if wall <= bar else ' (over in seconds)'}")
    if rows:
        print(f"\nbars (issue 14; the floor of a quiet machine: {QUIET_FLOOR} s; memory: the folders' PSS, <= 1.5 GiB)\n"
              f"{'shape':<17} {'wall':>8} {'floors':>7} {'bar':>7} {'floors':>7} {'PSS tree':>10} verdict")
        print("\n".join(rows))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shapes", default="seed,corpus,50,200,800,3200,100k",
                   help="comma-separated: seed, corpus, N, koN, enN, 100k, 100k-zh, 100k-ko, 100k-en, "
                   "100k-zh-distinct, 100k-en-distinct")
    p.add_argument("--sources", action="store_true", help="pass each shape's abstracts with --sources")
    p.add_argument("--skip-100k", action="store_true", help="skip the folder shapes")
    p.add_argument("--jobs", type=int, default=None, help="passed to summary-lint --jobs (default: its own)")
    p.add_argument("--rounds", type=int, default=1,
                   help="run the shapes this many times in turn, then print each one's median wall and floor")
    p.add_argument("--startup", action="store_true", help="the seed's cold run split into layers, in floors")
    p.add_argument("--growth", action="store_true", help="per-rule t(3200)/t(800)")
    p.add_argument("--rules", default="", help="with --growth: only these rule codes (e.g. C001,A002)")
    p.add_argument("--korean", action="store_true", help="--growth and --profile on Korean digests (ko800, ko3200)")
    p.add_argument("--profile", action="store_true", help="cProfile of the 3,200 digest, all rules, one job")
    args = p.parse_args()
    if not all(paths[0].is_dir() for paths in GENERATORS.values()):
        print(f"skipped: {SHARED} not found (the benchmark needs the shared corpora)")
        return 0
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          check=False).stdout.strip()
    dirty = subprocess.run([*git, "status", "--porcelain", "summary_lint", "rules"],
                           capture_output=True, text=True, check=False).stdout
    print(f"summary-lint at {head or '?'}{' + uncommitted changes' if dirty else ''}; {os.cpu_count()} cores; "
          f"10M Python additions {bytecode_speed():.2f} s (best of 3)")
    compile_package()
    shapes = [s for s in args.shapes.split(",") if s and not (args.skip_100k and re.fullmatch(FOLDER, s))]
    print(f"{'shape':<10} {'papers':>7} {'wall':>8} {'papers/s':>8} {'CPU':>8} {'RSS tree':>9} "
          f"{'PSS tree':>9} {'RSS main':>9} {'procs':>5} {'exit':>4} {'floor':>6} {'xfloor':>6} {'sampler':>7} {'load':>5}")
    runs: dict[str, list[tuple[Usage, float]]] = defaultdict(list)
    built: dict[str, tuple[Path, Path, int]] = {}
    for _ in range(args.rounds):
        for shape in shapes:
            if shape not in built:  # built when first run, not every round
                built[shape] = build(shape)
            runs[shape].append(measure(shape, built[shape], args))
    if args.rounds > 1:
        # Two readings of the ratio: the median wall over the median floor, and the median of each
        # round's own ratio; they part when the floor moves more than the run between rounds.
        print(f"\nmedians of {args.rounds} rounds (shapes in turn)\n"
              f"{'shape':<10} {'wall':>8} {'floor':>6} {'xfloor':>6} {'median ratio':>12}  ratios")
        for shape, measured in runs.items():
            wall, base = statistics.median(u.wall for u, _ in measured), statistics.median(f for _, f in measured)
            ratios = _ratios(measured)
            print(f"{shape:<10} {wall:>7.2f}s {base:>5.2f}s {wall / base:>6.1f} {statistics.median(ratios):>12.1f}  "
                  + " ".join(f"{r:.1f}" for r in ratios))
    bars(runs, args.sources)
    if args.startup:
        startup_budget()
    if args.growth or args.profile:
        prefix = "ko" if args.korean else ""
        small, large = build(f"{prefix}800"), build(f"{prefix}3200")
        if args.growth:
            rule_growth(small[:2], large[:2], args.sources, [c for c in args.rules.split(",") if c])
        if args.profile:
            profile(large[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
