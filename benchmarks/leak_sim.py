"""Leak simulation: one paper's content re-generated into a share of the other papers' summaries.

A real Korean archive had a leaked few-shot example: one paper's content re-written into 1,138
other summaries, every copy worded differently (best token-set match between copies: median 0.73,
minimum 0.46, while unrelated same-topic summaries reach 0.58), each keeping the leaked paper's
distinctive names. This script rebuilds such archives from the shared corpora, lints them
(``leaked-content`` and ``near-duplicate``, through the API) without and with ``--sources``, and
prints per run:

- copies failed: leaked copies whose verdict is ``fail`` (bar: at least 98%); ``D001 in``: the
  share of copies that ``near-duplicate`` (text similarity, which cannot fail a paper alone) finds;
- others: papers other than the copies and the leaked paper with a ``leaked-content`` (D002) or
  ``near-duplicate`` (D001) finding (bar: at most 0.2%); then the rules that flag the leaked paper.

A run picks a leaked paper (one per seed) whose summary writes at least three distinctive names:
name-shaped Latin tokens of its own title or abstract that at most three other papers of all the
corpora write (our own notion of a name, deliberately not the rule's). ``--rate`` of the papers,
drawn from every file, receive a copy; a copy keeps the host's title, arXiv id and abstract, and
its summary is the leaked paper's sentences (some dropped, reordered, numbers changed by 1-5%,
words or Chinese clauses left out, Korean particles and endings changed, terms swapped between
Korean/Chinese and English or with synonyms) merged with some of the host's own sentences. A third
of the copies keep only some (at least two) of the leaked names and write "this method" for the
others; hyphenated names sometimes lose their hyphen. The rewording strength is set per corpus so
that the copies' best token-set match (rapidfuzz ``token_set_ratio``; Chinese as character pairs)
has about the issue's median and minimum; the column ``match med/min`` shows it. The archive (JSONL
digests as the input, ``abstracts.jsonl``, ``leaked.txt`` with the copies' arXiv ids) goes to a
temporary folder, removed afterwards unless ``--keep``. Skips cleanly without ``../shared``.

    python benchmarks/leak_sim.py                       # every corpus, 3 leaked papers each, 3%
    python benchmarks/leak_sim.py --corpus zh --runs 1 --rate 0.05 --keep
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
GENERATORS = SHARED / "other_generators"
CORPORA = {  # name: (inputs, abstracts, language, rewording strength)
    "ko": (lambda: [SHARED / "daily_papers_ko"], SHARED / "abstracts" / "daily_papers_ko.jsonl", "ko", 0.6),
    "ko-autoflow": (lambda: sorted((GENERATORS / "ko-hf-daily-autoflow" / "digests").glob("*.jsonl")),
                    GENERATORS / "ko-hf-daily-autoflow" / "abstracts.jsonl", "ko", 1.0),
    "zh": (lambda: sorted((GENERATORS / "zh-arxiv-analyze" / "digests").glob("*.jsonl")),
           GENERATORS / "zh-arxiv-analyze" / "abstracts.jsonl", "zh", 1.6),
}
SELECT = ["leaked-content", "near-duplicate"]
NAME = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*")
NAME_SHAPE = re.compile(r"^(?!.*-[a-z]+$).*(?:\d|[a-z][A-Z]|[A-Z].*[A-Z])")
"""Digits, inner capitals or two capitals, not a modifier ("SDE-based"): our own notion of a name,
deliberately not the rule's."""
NUMBER = re.compile(r"(?<![A-Za-z0-9.\-])\d+(?:\.\d+)?(?![A-Za-z0-9\-])")
SENTENCE_END = {"ko": re.compile(r"(?<=[.!?])\s+|\n+"), "zh": re.compile(r"(?<=[。！？；])|\n+")}
MASKED = re.compile("[\ue000-\ue0ff]")
"""A kept name while a copy is reworded."""
GLOSS = re.compile(r"\s?\([^()]*\)")
"""A parenthesized gloss, often the English original of a Korean phrase."""
THIS_METHOD = {"ko": "이 방법", "zh": "该方法"}

# Terms a model writes either way: (Korean or Chinese form, English form), and synonyms.
SWAPS = {
    "ko": [("지식 그래프", "knowledge graph"), ("대규모 언어 모델", "large language model"), ("강화 학습", "reinforcement learning"),
           ("데이터셋", "dataset"), ("벤치마크", "benchmark"), ("미세 조정", "fine-tuning"), ("추론", "reasoning"),
           ("정확도", "accuracy"), ("에이전트", "agent"), ("프레임워크", "framework"), ("검색", "retrieval"),
           ("생성", "generation"), ("제안합니다", "소개합니다"), ("향상", "개선"), ("기존", "이전"), ("방법", "방식"),
           ("보여줍니다", "나타냅니다"), ("활용", "사용"), ("결과", "성과"), ("성능", "performance"), ("모델", "model"),
           ("연구", "논문"), ("달성", "기록"), ("뛰어난", "우수한"), ("문제", "과제")],
    "zh": [("知识图谱", "knowledge graph"), ("大型语言模型", "large language model"), ("强化学习", "reinforcement learning"),
           ("数据集", "dataset"), ("基准", "benchmark"), ("微调", "fine-tuning"), ("推理", "reasoning"),
           ("准确率", "accuracy"), ("智能体", "agent"), ("框架", "framework"), ("检索", "retrieval"), ("生成", "generation"),
           ("提出", "介绍"), ("提高", "提升"), ("显著", "明显"), ("方法", "方案"), ("实验", "试验"), ("表明", "显示"),
           ("现有", "已有"), ("性能", "performance"), ("模型", "model"), ("研究", "工作"), ("任务", "task")],
}


# Word endings a re-generation changes (each word, Korean: one class swaps within itself) and
# Chinese function words with the same role.
KO_ENDINGS = [("은", "는", "이", "가"), ("을", "를"), ("에서", "에", "으로", "로"), ("와", "과", "및"),
              ("합니다", "한다", "했습니다", "하였습니다"), ("하며", "하고", "하여", "해"), ("됩니다", "된다", "되었습니다"),
              ("있습니다", "있다", "있음")]
ZH_WORDS = [("的", "之"), ("和", "与", "及"), ("通过", "借助", "利用"), ("进行", "开展"), ("能够", "可以", "可"),
            ("使用", "采用", "运用"), ("该", "这一", "此"), ("并且", "同时", "并"), ("从而", "进而", "以此"),
            ("主要", "重点"), ("问题", "难题"), ("有效", "高效"), ("结果", "成果")]


@dataclass(frozen=True)
class Rewording:
    """How much a copy differs: shares of leaked sentences dropped, host sentences merged in, words
    (Chinese: clauses) dropped, words reworded. ``scaled`` sets the strength per corpus so that the
    copies' best token-set match with another copy has about the issue's median (0.73) and minimum."""

    drop: float = 0.3
    host: float = 0.4
    word_drop: float = 0.3
    word_change: float = 0.5

    def scaled(self, strength: float) -> Rewording:
        return Rewording(*(min(0.95, p * strength) for p in (self.drop, self.host, self.word_drop, self.word_change)))


@dataclass
class Record:
    arxiv_id: str
    title: str
    date: str
    out: str
    """Output file name (one per input file)."""
    sections: dict[str, str]


def load(corpus: str) -> tuple[list[Record], dict[str, dict]]:
    """The corpus's papers (parsed by summary-lint) and its abstracts by arXiv id."""
    from summary_lint.engine.run import read_inputs
    from summary_lint.read.discover import discover

    inputs, abstracts_path, _, _ = CORPORA[corpus]
    digests, _ = read_inputs(discover([str(p) for p in inputs()]))
    abstracts = {}
    for line in abstracts_path.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        abstracts[obj["arxiv_id"]] = {"arxiv_id": obj["arxiv_id"], "title": obj["title"], "abstract": obj["abstract"]}
    records, taken = [], set()
    for digest in digests:
        date = digest.date or "-".join(re.findall(r"\d+", Path(digest.file).with_suffix("").as_posix())[-3:])
        out = f"{date}.jsonl" if f"{date}.jsonl" not in taken else f"{date}-{len(taken)}.jsonl"
        taken.add(out)
        for paper in digest.papers:
            if paper.arxiv_id and paper.sections:
                sections = {}
                for k, s in enumerate(paper.sections):
                    sections[s.label if s.label and s.label not in sections else f"part {k + 1}"] = s.text
                records.append(Record(paper.arxiv_id, paper.title, date, out, sections))
    return records, abstracts


def names_of(text: str) -> set[str]:
    return {m for m in NAME.findall(text) if NAME_SHAPE.search(m)}


def spelling(name: str) -> str:
    """Case, punctuation and a plural s aside: GPT-4V = GPT4V, MCQs = MCQ."""
    return re.sub(r"[^a-z0-9]", "", name.lower()).removesuffix("s")


def distinctive_names(record: Record, abstracts: dict, spread: Counter) -> list[tuple[str, ...]]:
    """Names the summary writes that are the paper's own (in its title or abstract) and that at most
    three other papers of all the corpora write (title, summary or abstract): the names every copy
    of a leak carries. Each is a tuple of its spellings (Xmodel-LM, XmodelLM)."""
    own = record.title + " " + abstracts.get(record.arxiv_id, {}).get("abstract", "")
    spellings: dict[str, list[str]] = {}
    for n in sorted(names_of(" ".join(record.sections.values()))):
        if n in own and spread[spelling(n)] <= 4 and len(re.sub(r"[^A-Za-z]", "", n)) >= 3:
            spellings.setdefault(spelling(n), []).append(n)
    return sorted(map(tuple, spellings.values()))


def name_spread(corpora: list[tuple[list[Record], dict]]) -> Counter:
    """In how many papers (title, summary or abstract) each name appears, over all the corpora."""
    spread: Counter = Counter()
    for records, abstracts in corpora:
        for r in records:
            text = " ".join([r.title, *r.sections.values(), abstracts.get(r.arxiv_id, {}).get("abstract", "")])
            spread.update({spelling(n) for n in names_of(text)})
    return spread


class Rewriter:
    """Re-generates a leaked summary into a host paper, differently every time."""

    def __init__(self, leaked: Record, names: list[tuple[str, ...]], language: str, how: Rewording,
                 rng: random.Random):
        self.groups, self.language, self.how, self.rng = names, language, how, rng
        self.names = [n for group in names for n in group]
        self.split = SENTENCE_END[language]
        self.sentences = [[s for s in self.split.split(text.strip()) if s.strip()] for text in leaked.sections.values()]

    def copy(self, host: Record) -> dict[str, str]:
        rng = self.rng
        groups = self.groups if rng.random() < 2 / 3 or len(self.groups) < 3 else \
            rng.sample(self.groups, rng.randint(2, len(self.groups) - 1))
        kept = [n for group in groups for n in group]
        chosen = self._keep_sentences(kept)
        labels = list(host.sections)
        parts: list[list[str]] = [[] for _ in labels]
        for j, sentences in enumerate(chosen):
            parts[min(j, len(labels) - 1)].extend(self._reword(s, kept) for s in sentences)
        out = {}
        for label, part in zip(labels, parts):
            if rng.random() < 0.5:
                rng.shuffle(part)
            for own in self.split.split(host.sections[label].strip()):
                if own.strip() and rng.random() < self.how.host:
                    part.insert(rng.randint(0, len(part)), own)
            out[label] = (" " if self.language == "ko" else "").join(part) or host.sections[label]
        return out

    def _keep_sentences(self, kept: list[str]) -> list[list[str]]:
        """Drop some sentences, then bring back one for each kept name that lost all."""
        keep = [[self.rng.random() > self.how.drop for _ in section] for section in self.sentences]
        for name in kept:
            places = [(j, k) for j, section in enumerate(self.sentences) for k, s in enumerate(section)
                      if name in NAME.findall(s)]
            if places and not any(keep[j][k] for j, k in places):
                j, k = self.rng.choice(places)
                keep[j][k] = True
        return [[s for s, k in zip(section, flags) if k] for section, flags in zip(self.sentences, keep)]

    def _reword(self, sentence: str, kept: list[str]) -> str:
        """Dropped names become "this method"; kept ones are masked (a private-use character each)
        while words, endings, terms and figures change around them."""
        rng = self.rng
        masks = {}
        for name in sorted(self.names, key=len, reverse=True):
            whole = re.compile(rf"(?<![A-Za-z0-9-]){re.escape(name)}(?![A-Za-z0-9-])")
            if name not in kept:
                sentence = whole.sub(THIS_METHOD[self.language], sentence)
            elif whole.search(sentence):
                masks[chr(0xE000 + len(masks))] = name.replace("-", "") if "-" in name and rng.random() < 0.2 else name
                sentence = whole.sub(list(masks)[-1], sentence)
        for a, b in SWAPS[self.language]:
            if rng.random() < 0.5:  # English inside Chinese text is set off by spaces, as models write it
                sentence = sentence.replace(a, f" {b} " if self.language == "zh" and b.isascii() else b) \
                    if a in sentence else sentence.replace(b, a)
        sentence = (_reword_ko if self.language == "ko" else _reword_zh)(sentence, self.how, rng)
        sentence = NUMBER.sub(lambda m: _nudge(m.group(), rng), sentence)
        return MASKED.sub(lambda m: masks[m.group()], sentence)


def _reword_ko(sentence: str, how: Rewording, rng: random.Random) -> str:
    """Some words and glosses left out, another particle or verb ending on others (stems stay)."""
    sentence = GLOSS.sub(lambda m: m.group() if MASKED.search(m.group()) or rng.random() < 0.5 else "", sentence)
    words = [w for w in sentence.split(" ") if MASKED.search(w) or rng.random() >= how.word_drop]
    for k, word in enumerate(words):
        if rng.random() < how.word_change and re.search(r"[가-힣]$", word):
            ending = next((e for cls in KO_ENDINGS for e in cls if word.endswith(e) and len(word) > len(e)), "")
            cls = next((c for c in KO_ENDINGS if ending in c), rng.choice(KO_ENDINGS))
            words[k] = word[: len(word) - len(ending)] + rng.choice(cls)
    return " ".join(words)


def _reword_zh(sentence: str, how: Rewording, rng: random.Random) -> str:
    """Some clauses left out (never the first, nor one with a name), other function words."""
    clauses = re.split(r"(?<=[，、])", sentence)
    sentence = "".join(c for k, c in enumerate(clauses) if not k or MASKED.search(c) or rng.random() >= how.word_drop)
    for cls in ZH_WORDS:
        for word in cls:
            if word in sentence and rng.random() < how.word_change:
                sentence = sentence.replace(word, rng.choice(cls))
    return sentence


def _nudge(number: str, rng: random.Random) -> str:
    """A figure changed by 1-5% half of the time, written with as many decimals."""
    if rng.random() < 0.5:
        return number
    decimals = len(number.split(".")[1]) if "." in number else 0
    value = float(number) * (1 + rng.choice((-1, 1)) * rng.uniform(0.01, 0.05))
    return f"{value:.{decimals}f}"


def simulate(records: list[Record], abstracts: dict, spread: Counter, language: str, how: Rewording, rate: float,
             seed: int, out: Path):
    """Write the archive with a leak into ``out``; return the copies' arXiv ids, the leaked paper, its
    names, the copies' summaries and the digest files."""
    rng = random.Random(seed)
    candidates = [r for r in records if len(distinctive_names(r, abstracts, spread)) >= 3]
    leaked = random.Random(0).sample(candidates, len(candidates))[(seed - 1) % len(candidates)]  # one per seed
    names = distinctive_names(leaked, abstracts, spread)
    rewriter = Rewriter(leaked, names, language, how, rng)
    hosts = set(rng.sample([i for i, r in enumerate(records) if r is not leaked], round(rate * len(records))))
    files: dict[str, list[str]] = {}
    copies = []
    for i, r in enumerate(records):
        sections = rewriter.copy(r) if i in hosts else r.sections
        if i in hosts:
            copies.append(" ".join(sections.values()))
        files.setdefault(r.out, []).append(json.dumps(
            {"arxiv_id": r.arxiv_id, "title": r.title, "date": r.date, "sections": sections}, ensure_ascii=False))
    for name, lines in files.items():
        (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "abstracts.jsonl").write_text("".join(
        json.dumps(abstracts[r.arxiv_id], ensure_ascii=False) + "\n" for r in records if r.arxiv_id in abstracts),
        encoding="utf-8")
    leaked_ids = sorted(records[i].arxiv_id for i in hosts)
    (out / "leaked.txt").write_text("\n".join(leaked_ids) + "\n", encoding="utf-8")
    return set(leaked_ids), leaked, names, copies, [out / n for n in sorted(files)]


def best_matches(texts: list[str], language: str, seed: int, queries: int = 100, pool: int = 2000) -> list[float]:
    """Best token-set match (rapidfuzz ``token_set_ratio`` / 100) with another text, for ``queries``
    texts drawn at random, among ``pool`` texts drawn at random: how the issue measured copies."""
    from rapidfuzz import fuzz, process

    rng = random.Random(seed)
    pooled = rng.sample(range(len(texts)), min(pool, len(texts)))
    asked = rng.sample(pooled, min(queries, len(pooled)))
    prepared = {i: texts[i] if language == "ko" else _han_tokens(texts[i]) for i in pooled}
    scores = process.cdist([prepared[i] for i in asked], [prepared[i] for i in pooled], scorer=fuzz.token_set_ratio)
    scores[range(len(asked)), [pooled.index(i) for i in asked]] = 0
    return [float(row.max()) / 100 for row in scores]


def _han_tokens(text: str) -> str:
    """Chinese has no spaces: character pairs of Han runs, plus Latin words and numbers."""
    runs = re.findall(r"[\u4e00-\u9fff]+", text)
    return " ".join([w[i:i + 2] for w in runs for i in range(len(w) - 1)] + re.findall(r"[A-Za-z0-9.]+", text))


def lint(files: list[Path], sources: Path | None, config: str | None):
    """Lint the archive; return (papers by arXiv id → (verdict, rules fired), seconds)."""
    from summary_lint import lint_paths

    start = time.perf_counter()
    report = lint_paths([str(f) for f in files], config=config or {"select": SELECT},
                        sources=str(sources) if sources else None)
    wall = time.perf_counter() - start
    return {p.arxiv_id: (p.verdict, {f.rule for f in p.findings}) for p in report.papers}, wall


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", choices=[*CORPORA, "all"], default="all")
    p.add_argument("--runs", type=int, default=3, help="leaked papers per corpus (seeds 1..N)")
    p.add_argument("--rate", type=float, default=0.03, help="share of papers that receive a copy")
    p.add_argument("--strength", type=float, help="rewording strength (default: per corpus, see CORPORA)")
    p.add_argument("--config", help="a summary-lint config file (e.g. other rule options); default: --select "
                   + ",".join(SELECT))
    p.add_argument("--keep", action="store_true", help="keep the generated archives (paths are printed)")
    args = p.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} not found (the simulation needs the shared corpora)")
        return 0
    print(f"{'corpus':<12} {'seed':>4} {'papers':>6} {'copies':>6} {'names':>5} {'match med/min':>13} "
          f"{'sources':<7} {'copies failed':>14} {'D001 in':>8} {'others: D002':>13} {'D001':>12} "
          f"{'leaked paper flagged by':>29} {'lint':>6}")
    loaded = {corpus: load(corpus) for corpus in CORPORA}
    worst = {"copies failed": 100.0, "others D002": 0.0, "others D001": 0.0}
    spread = name_spread(list(loaded.values()))
    for corpus in CORPORA if args.corpus == "all" else [args.corpus]:
        records, abstracts = loaded[corpus]
        _, _, language, strength = CORPORA[corpus]
        how = Rewording().scaled(args.strength or strength)
        texts = [" ".join(r.sections.values()) for r in records]
        real = best_matches(texts, language, seed=0)
        print(f"# {corpus}: real summaries' best token-set match with another (100 against 2,000): "
              f"median {statistics.median(real):.2f}, max {max(real):.2f}")
        for seed in range(1, args.runs + 1):
            out = Path(tempfile.mkdtemp(prefix=f"leak-sim-{corpus}-{seed}-"))
            leaked_ids, leaked, names, copies, files = simulate(records, abstracts, spread, language, how, args.rate,
                                                                seed, out)
            matches = best_matches(copies, language, seed)
            print(f"# {corpus} seed {seed}: leaked {leaked.arxiv_id} {leaked.title[:60]!r}, names "
                  + ", ".join("/".join(g) for g in names) + (f"; kept in {out}" if args.keep else ""))
            for sources in (None, out / "abstracts.jsonl"):
                results, wall = lint(files, sources, args.config)
                failed = sum(results[i][0] == "fail" for i in leaked_ids)
                similar = sum("near-duplicate" in results[i][1] for i in leaked_ids)
                others = [rules for i, (_, rules) in results.items() if i not in leaked_ids and i != leaked.arxiv_id]
                clustered = [sum(name in rules for rules in others) for name in SELECT]
                worst["copies failed"] = min(worst["copies failed"], 100 * failed / len(leaked_ids))
                for name, n in zip(("others D002", "others D001"), clustered):
                    worst[name] = max(worst[name], 100 * n / len(records))
                own = ",".join(sorted(results[leaked.arxiv_id][1] & set(SELECT))) or "-"
                print(f"{corpus:<12} {seed:>4} {len(records):>6} {len(leaked_ids):>6} {len(names):>5} "
                      f"{statistics.median(matches):>6.2f}/{min(matches):<6.2f} {'with' if sources else 'without':<7} "
                      f"{failed:>5} ({100 * failed / len(leaked_ids):5.1f}%) {100 * similar / len(leaked_ids):7.1f}% "
                      + " ".join(f"{n:>4} ({100 * n / len(records):4.2f}%)" for n in clustered)
                      + f" {own:>29} {wall:>5.1f}s", flush=True)
            if not args.keep:
                shutil.rmtree(out)
    print("worst run: " + ", ".join(f"{name} {value:.2f}%" for name, value in worst.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
