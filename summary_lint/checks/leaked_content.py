"""leaked-content: a summary carries names of another paper's content that many other summaries carry too.

## What it does

A summary's names are its name-shaped Latin tokens (a digit, inner capitals, an acronym, a
capitalized part after a hyphen: `MIRAGE-7B`, `KGQA`, `ReAct`, `Text-to-SQL`), keyed without
case, punctuation or plural `s`; textbook terms (GPT, BERT, ImageNet, GPU: the `terms` of the
phrase packs and the `claims` pack's common terms) and keys under three characters do not count,
and a spelled-out acronym is the acronym wherever the input writes the two together
(Mixture-of-Experts = MoE). A name is *foreign* when the paper's own title (with `--sources`:
title and abstract) does not write it: an acronym as written or, from four letters, as the
initials of its expansion; other names case and punctuation aside. A name is evidence when it is
foreign in `min-papers` summaries or more and at most `max-own-share` of the summaries naming it
have it in their own title/abstract: a leak's names belong to nobody (or to the one leaked
paper), while popular names (GPT-4o, LLaMA, MMLU) are in the abstracts of half the papers that
use them. Two evidence names are *linked* when they are foreign together in `min-papers`
summaries and their Jaccard (summaries with both / with either) is at least `min-jaccard`: a
leak's names travel together, popular names in changing company. Linked names form
constellations (connected components); a summary with `min-names` foreign names of one
constellation is a member, and a cluster of `min-papers` members from `min-files` input files or
more is reported. Each member gets one finding (for the larger cluster, if in two): its names,
the cluster's size, the member sharing most of its names (first related location) and further
members (`max-related` locations in all).

Complexity: one pass over the summaries, counters of names and name pairs (linear in the input for a
bounded number of names per summary), connected components of the few linked names
(`text.sparse`). Thresholds, from data (details beside the declaration): without sources,
the three corpora without leaks (19,452 papers) have no linked pair but two multi-word names in
the Chinese digests (SHapley ... exPlanations, PASCAL VOC: 13 of 12,542 papers); with sources
none. Leaks re-generated into 2-5% of their papers by `benchmarks/leak_sim.py` link at Jaccard
0.67-0.88.

## Why it matters

A prompt's few-shot example leaks, and one paper's content is re-generated into hundreds of other
summaries. Every copy is reworded (sentences dropped, reordered, merged with the host's own
sentences, terms translated, figures changed), so text similarity (`near-duplicate`) misses many:
in the archive that motivated this rule, a copy's best token-set match with another copy went
down to 0.46, while unrelated summaries on one topic reach 0.58. What every copy keeps is the
leaked paper's distinctive names, and no title or abstract of a host contains them.

## Example that passes

Three papers compare against GPT-4 and LLaMA, popular names in changing company.

```markdown
### [Reasoning with Small Models](https://arxiv.org/abs/2407.00021)
- 작은 모델로 수학 문제를 풀며 GPT-4 대비 정확도가 12% 낮았습니다.

### [Efficient Retrieval for Chat](https://arxiv.org/abs/2407.00022)
- 검색 모듈을 붙인 LLaMA가 긴 대화에서 더 정확했습니다.

### [Multilingual Instruction Data](https://arxiv.org/abs/2407.00023)
- 다국어 지시 데이터로 학습한 모델이 GPT-4 평가에서 LLaMA보다 선호되었습니다.
```

```toml
[rules.leaked-content]
min-papers = 3
min-files = 1
```

## Example that fails

Three papers, each worded differently, describe an agent none of their titles mention (with
`min-papers` and `min-files` lowered for a three-paper example).

```markdown
### [Reasoning with Small Models](https://arxiv.org/abs/2407.00021)
- MIRAGE-7B는 KGQA 과제에서 지식 그래프 경로를 검색해 답을 찾습니다.

### [Efficient Retrieval for Chat](https://arxiv.org/abs/2407.00022)
- This paper presents MIRAGE-7B, a retrieval agent that answers KGQA questions.

### [Multilingual Instruction Data](https://arxiv.org/abs/2407.00023)
- MIRAGE-7B는 KGQA 벤치마크에서 기존보다 높은 정확도를 보였습니다.
```

```toml
[rules.leaked-content]
min-papers = 3
min-files = 1
```
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import chain, combinations, islice, repeat
from typing import NamedTuple

from summary_lint.checks.context import PartKeys
from summary_lint.checks.registry import Hit, Option, rule
from summary_lint.model import Location
from summary_lint.text.claims import SourceFacts, common_terms, source_facts
from summary_lint.text.positions import section_at
from summary_lint.text.specificity import generic_terms
from summary_lint.text.tokens import LATIN_TOKEN, POSSESSIVE, compound_name_shaped, name_key

CLOSEST_AMONG = 32
"""A member's closest copy is looked for among this many of its cluster's most common name sets."""
MIN_KEY = 3
"""Shorter names (KG, T1, R1) are too general to tell one paper's content from another's."""


class Mention(NamedTuple):
    """A name as the summary first writes it (``paper_names``), at ``start`` to ``end`` of its
    summary. A tuple: a worker sends ~300,000 of them at 100,000 papers, and unpickling one took
    6.7 µs as a frozen dataclass (a ``Claim``, whose fields are set one by one), ~0.5 µs so."""

    text: str
    start: int
    end: int


def paper_names(paper, common: frozenset[str]) -> dict[str, Mention]:
    """A summary's names by key, each with its first mention, in text order."""
    found: dict[str, Mention] = {}
    text = paper.summary
    for start, end in _name_spans(text):
        name = text[start:end]
        key = name_key(name)
        if len(key) >= MIN_KEY and key not in common and key not in found:
            found[key] = Mention(name, start, end)
    return found


_LOWERCASE_TOKEN = rf"[a-z]+{POSSESSIVE}(?:[-.][a-z]+{POSSESSIVE})*{POSSESSIVE}(?![-.]?[A-Za-z0-9])"
"""A whole ``LATIN_TOKEN`` of lowercase letters (no capital, no digit): never a name nor a word
that joins one. The look-ahead refuses a head of a longer token (gpt in gpt-4)."""
_NEXT_TOKEN = re.compile(rf"((?:{_LOWERCASE_TOKEN}|[^A-Za-z]+{POSSESSIVE})*{POSSESSIVE})({LATIN_TOKEN.pattern})?")
"""The next ``LATIN_TOKEN`` that may be or join a name (one with a capital or a digit), and the text
before it (the gap): ``findall`` lists them in C, with the text after the last one (token ""). The
lowercase tokens (most of an English text) stay in the gaps, where they break a run as any other
gap but " " does: 3 times faster than listing every token on English text, 1.2 times on Korean."""


def _name_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where the names are: name-shaped tokens, joined with the name-shaped words right next to them
    (and capitalized words between two of them): "PASCAL VOC" and "SHapley Additive exPlanations"
    are one name each, not a constellation. A run of adjacent words is one name from its first to
    its last name-shaped word (plain capitalized words count only between two names:
    "Chain-of-Retrieval Augmented Generation" is the name Chain-of-Retrieval)."""
    first = last = None  # the run's first name start and last name end
    joins = False  # whether the previous token may continue a run
    start = 0
    for gap, token in _NEXT_TOKEN.findall(text):
        if not token:  # the text after the last token
            break
        start += len(gap)
        end = start + len(token)
        named = compound_name_shaped[token]
        joinable = named or token[0].isupper()
        if first is not None and not (joins and joinable and gap == " "):  # not the next word of the run
            yield first, last
            first = None
        joins = joinable
        if named:
            first = start if first is None else first
            last = end
        start = end
    if first is not None:
        yield first, last


def expansions(names: list[dict[str, Mention]], copies: list[int] | None = None) -> dict[str, str]:
    """Spelled-out names and the acronym they stand for, from the summaries that write both
    (Mixture-of-Experts and MoE, Chain-of-Retrieval and CoRAG): one name, keyed by the acronym.
    ``copies``: how many summaries have each of ``names`` (default one each)."""
    seen: Counter = Counter()
    for found, n in zip(names, copies or [1] * len(names)):
        for key, mention in found.items():
            if "-" in mention.text:  # only a hyphenated term spells one out (most names are not)
                for acronym in _acronyms_of(mention.text, key, found):
                    seen[key, acronym] += n
    alias: dict[str, str] = {}
    for (key, acronym), _ in sorted(seen.items(), key=lambda item: (-item[1], item[0])):
        alias.setdefault(key, acronym)
    return alias


def _acronyms_of(name: str, key: str, keys) -> list[str]:
    """The keys that a hyphenated term of plain words spells out: its initials, plus up to two letters
    (Parameter-Efficient for PEFT)."""
    parts = name.lower().split("-")
    if len(parts) < 2 or not all(p.isalpha() for p in parts):
        return []
    initials = "".join(p[0] for p in parts)
    return [k for k in keys if k != key and k.startswith(initials) and len(k) <= len(initials) + 2]


def written_names(found: dict[str, Mention], facts: SourceFacts) -> frozenset[str]:
    """The keys of the names (``paper_names``) that the title/abstract (``facts``) writes."""
    return frozenset(key for key, mention in found.items() if _contains(facts, mention.text))


def foreign_names(found: dict[str, Mention], alias: dict[str, str], written: frozenset[str]):
    """The names the title/abstract does not write (``written``: the keys of those it writes),
    by key with their first mention, and the keys of those it writes; an acronym and its
    expansion count as one name. ``found`` is in text order, so a name's first key has its
    first mention."""
    if alias.keys().isdisjoint(found):  # most summaries: every name is its own
        own = written.intersection(found)
        return {key: mention for key, mention in found.items() if key not in own}, set(own)
    merged: dict[str, list[str]] = {}
    for key in found:
        merged.setdefault(alias.get(key, key), []).append(key)
    foreign: dict[str, Mention] = {}
    own: set[str] = set()
    for key, keys in merged.items():
        if written.intersection(keys):
            own.add(key)
        else:
            foreign[key] = found[keys[0]]
    return foreign, own


def _contains(facts: SourceFacts, name: str) -> bool:
    """Whether the title/abstract writes the name: an acronym as written (BASE is not "base") or,
    from four letters on, as the initials of its expansion (KGQA ← knowledge graph question
    answering); other names with case, spaces and punctuation aside. Unlike ``unsupported-claim``,
    a family name does not count for a variant: "Light" in an abstract is not "Light-A-Video"."""
    if name.isupper() and name.isalpha():
        return name in facts.text or (4 <= len(name) <= 6 and name.lower() in facts.initials)
    key = name_key(name)
    return key in facts.words if len(key) <= 3 else key in facts.compact


def _facts(ctx, paper, source) -> SourceFacts:
    """The paper's title and its source's abstract: the source's own facts when the two titles
    agree (``source_facts``: the source rules' if they built them for the digest at hand)."""
    if source is None:
        return SourceFacts(paper.title)
    if source.title and source.title.rstrip(".") == paper.title.rstrip("."):
        return source_facts(ctx, source, keep=False)
    return SourceFacts(f"{paper.title.rstrip('.')}.\n{source.abstract}")


Entry = tuple[dict[str, Mention], frozenset[str]]
"""A summary's names by key (``paper_names``) and the keys of those its title/abstract writes."""


class Names:
    """The per-paper half of the rule (its ``prepare``), a paper at a time, needing no other
    paper: the distinct entries and each paper's entry. A paper with the summary, title and source
    of one read before (a copy) is looked up, not read again. Sent from a worker process, it names
    what an entry was read from by ``text_key``; an empty one ``absorb``s the workers' parts as they
    come, as if one process had read every paper."""

    def __init__(self, sent: set[bytes] | None = None):
        self._part = PartKeys(sent)
        """In a worker: the keys of the entries this process sent before (``prepare``)."""
        self.entries: list[Entry | None] = []
        """None: sent in an earlier part."""
        self.entry_of: list[int] = []
        self._number: dict = {}
        """(section texts, title, source id) of a distinct entry (its ``text_key`` in a part sent
        over) → its number."""
        self._placed: list[tuple[int, list[int]]] = []
        """Absorbed parts: (first paper, its papers' entries)."""

    def add(self, paper, source, common: frozenset[str], ctx) -> None:
        key = (tuple(s.text for s in paper.sections), paper.title, source and source.arxiv_id)  # one source per id
        if key not in self._number:
            self._number[key] = len(self.entries)
            if self._part.sent_before(*_texts(key)):
                self.entries.append(None)
            else:
                found = paper_names(paper, common)
                self.entries.append((found, written_names(found, _facts(ctx, paper, source)) if found else frozenset()))
        self.entry_of.append(self._number[key])

    def __getstate__(self) -> dict:
        """What a worker sends: an entry's texts as their key (16 bytes)."""
        return dict(self.__dict__, _number=self._part.numbered(self._number, _texts), _part=None)

    def absorb(self, part: Names, start: int) -> None:
        """Takes in a part sent by a worker (``__getstate__``) that read the papers from index
        ``start`` on, in any order of parts (an entry in two parts is kept once)."""
        number = []
        for key, n in part._number.items():
            if key not in self._number:
                if part.entries[n] is None:
                    raise RuntimeError("leaked-content: a part names an entry before the part holding it came")
                self._number[key] = len(self.entries)
                self.entries.append(part.entries[n])
            number.append(self._number[key])
        self._placed.append((start, [number[n] for n in part.entry_of]))

    def in_input_order(self) -> tuple[list[Entry], list[int]]:
        """The distinct entries and every paper's entry, in input order (also once parts were absorbed)."""
        for _, entry_of in sorted(self._placed):
            self.entry_of.extend(entry_of)
        self._placed = []
        return self.entries, self.entry_of


def _texts(entry: tuple[tuple[str, ...], str, str | None]) -> tuple[str, ...]:
    """What an entry (section texts, title, source id) is keyed by, its parts' counts included."""
    sections, title, source_id = entry
    about = () if source_id is None else (source_id,)
    return (str(len(sections)), *sections, title, str(len(about)), *about)


def read_names(papers, ctx, sent: set[bytes] | None = None) -> Names:
    """The names of ``papers``."""
    read, common = Names(sent), _common_names(ctx)
    for paper in papers:
        read.add(paper, ctx.source(paper), common, ctx)
    return read


def prepare(papers, ctx) -> Names:
    """The rule's per-paper half, in a worker process: the names of ``papers``. An entry this
    process sent in an earlier part (a copy in another digest) is named, not read again: the
    parent absorbs a worker's parts in the order it sends them."""
    return read_names(papers, ctx, ctx.process_state("leaked-content:sent", set))


def _common_names(ctx) -> frozenset[str]:
    """Keys of textbook terms, which are not evidence (once per process)."""
    if "leaked-content:common" not in ctx.cache:
        extra = tuple(ctx.settings.config.rules_path)
        ctx.cache["leaked-content:common"] = frozenset(map(name_key, common_terms(extra) | generic_terms(extra)))
    return ctx.cache["leaked-content:common"]


# A member fails alone (score 40): its summary carries names of another paper's content that many
# other summaries carry too. Values measured without and with --sources on three corpora without
# leaks (development corpus 5,488 papers, ko-hf-daily-autoflow 1,422, zh-arxiv-analyze 12,542) and
# on leaks re-generated into 2-5% of their papers (benchmarks/leak_sim.py).
@rule("D002", "leaked-content", scope="corpus", severity="error", penalty=60,
      complexity="linear in the input (counters of names and name pairs, components of the few linked names)",
      options=[
    # Papers flagged without sources at 3 / 4 / 5: corpus 0.38% / 0.22% / 0, autoflow 0.21% / 0 / 0,
    # zh 0.37% / 0.23% / 0.10% (with sources 0 everywhere).
    Option("min-papers", int, 5, "summaries a name must be foreign in (and two names foreign together in)"),
    Option("min-files", int, 2, "input files a cluster spans at least (a leak spans days; a file is one day)"),
    # Copies that keep part of the leaked names keep 2 or more; with 3, only 92-99% of the
    # simulated copies fail.
    Option("min-names", int, 2, "foreign names of one constellation a member carries"),
    # Natural pairs foreign together in 5+ summaries reach 0.42 (HumanEval/MBPP), except two
    # multi-word names in zh (0.62, 0.56: 13 papers, 0.10%); simulated leaks link at 0.67-0.88.
    Option("min-jaccard", float, 0.5, "Jaccard of two names' summaries (with both / with either) that links them"),
    # With sources popular names reach 0.47-0.77 on the corpus (GPT-4o 0.51, LLaMA 0.59) and
    # simulated leak names at most 0.14 (0.17 when the leaked original is in the input).
    Option("max-own-share", float, 0.2, "a name in its summaries' own title/abstract more often is popular, not evidence"),
    Option("max-related", int, 10, "related locations listed per finding, the closest copy first"),
], prepare=prepare)
def check(papers, ctx):
    opts = ctx.options("leaked-content")
    prepared = ctx.prepared.pop("leaked-content", None)
    if len({p.file for p in papers}) < opts["min-files"]:
        return
    entries, entry_of = (prepared or read_names(papers, ctx)).in_input_order()
    del prepared  # freed once the entries are out
    copies = Counter(entry_of)
    alias = expansions([found for found, _ in entries], [copies[e] for e in range(len(entries))])
    foreign = [foreign_names(found, alias, written) if found else ({}, set()) for found, written in entries]
    names = [foreign[e] for e in entry_of]  # copies share their entry's names
    locations: dict[int, Location] = {}  # by paper: members of a cluster are each other's related locations
    found: dict[int, tuple[Hit, int]] = {}
    for members, keys in constellations([f for f, _ in names], [o for _, o in names], opts):
        if len({papers[i].file for i in members}) >= opts["min-files"]:
            carriers = [(i, names[i][0], ctx.has_source(papers[i])) for i in members]
            for i, placed in zip(members, _findings(papers, carriers, keys, opts["max-related"], locations)):
                found.setdefault(i, placed)  # one leak can make two constellations: a paper is reported once
    for i in sorted(found):  # placed in input order: the engine parses a paper's file again for its text
        hit, start = found[i]
        section, hit.line, hit.column = section_at(papers[i], start)
        hit.section = section.label
        yield i, hit


def constellations(foreign: list[dict], own: list[set], opts) -> list[tuple[list[int], set[str]]]:
    """Clusters of summaries that share linked foreign names: (member indices, names), largest first."""
    min_papers, min_names = max(2, opts["min-papers"]), opts["min-names"]
    evidence = _evidence_names(foreign, own, min_papers, opts["max-own-share"])
    carried = list(map(sorted, map(evidence.intersection, foreign)))
    alone = Counter(chain.from_iterable(carried))
    together = Counter(chain.from_iterable(map(combinations, carried, repeat(2))))
    links = sorted((a, b) for (a, b), n in together.items()
                   if n >= min_papers and n >= opts["min-jaccard"] * (alone[a] + alone[b] - n))
    if not links:
        return []
    group = _components(links)
    clusters: dict[int, list[int]] = {}
    for i, keys in enumerate(carried):
        if len(keys) < min_names:
            continue
        linked = [group[k] for k in keys if k in group]
        if len(linked) < min_names:  # most summaries: no group can have enough of them
            continue
        for g, n in Counter(linked).items():
            if n >= min_names:
                clusters.setdefault(g, []).append(i)
    names_of: dict[int, set[str]] = {}
    for key, label in group.items():
        names_of.setdefault(label, set()).add(key)
    out = [(members, names_of[label]) for label, members in clusters.items() if len(members) >= min_papers]
    return sorted(out, key=lambda c: (-len(c[0]), c[0]))


def _evidence_names(foreign: list[dict], own: list[set], min_papers: int, max_own_share: float) -> set[str]:
    """Names foreign in ``min-papers`` summaries that few of the summaries naming them have in
    their own title/abstract."""
    foreign_count = Counter(chain.from_iterable(foreign))
    own_count = Counter(filter(foreign_count.__contains__, chain.from_iterable(own)))
    return {key for key, n in foreign_count.items()
            if n >= min_papers and own_count[key] <= max_own_share * (own_count[key] + n)}


def _components(links: list[tuple[str, str]]) -> dict[str, int]:
    """Connected components of the linked names: name → component label (sorted names, so the
    labels never depend on hash order)."""
    import numpy as np

    from summary_lint.text.sparse import connected_components

    names = sorted({k for pair in links for k in pair})
    index = {k: i for i, k in enumerate(names)}
    ends = np.array([(index[a], index[b]) for a, b in links], dtype=np.int64)
    return dict(zip(names, connected_components(len(names), ends[:, 0], ends[:, 1]).tolist()))


def _findings(papers, carriers: list, keys: set[str], max_related: int, locations: dict[int, Location]):
    """One finding per member (paper index, its foreign names, has a source): its names of the
    constellation, the cluster's size, its closest copy and other members; with the offset in the
    member's summary of its first name, where the caller places it (``section_at``)."""
    carried = [sorted(keys.intersection(names), key=lambda k: names[k].start) for _, names, _ in carriers]
    closest = _closest([frozenset(c) for c in carried])
    files = len({papers[i].file for i, _, _ in carriers})
    for position, (i, names, sourced) in enumerate(carriers):
        twin = carriers[closest[position]][0]
        copy = papers[twin]
        shared = len(keys.intersection(carried[position], carried[closest[position]]))
        others = islice((k for k, _, _ in carriers if k != i and k != twin), max(0, max_related - 1))
        related = [twin, *others]
        for k in related:
            if k not in locations:
                locations[k] = Location.of(papers[k])
        first = names[carried[position][0]]
        yield Hit(
            f"summary names {', '.join(names[k].text for k in carried[position])}, which its "
            f"{'title and abstract do' if sourced else 'title does'} not contain; {len(carriers) - 1} other "
            f"summaries in {files} files carry names of the same set (one paper's content pasted into many: "
            f"a leaked prompt example?); closest: {copy.file}:{copy.line} ({copy.title[:60]!r}, {shared} of "
            f"these names)",
            0, evidence=first.text, related=[locations[k] for k in related],
        ), first.start


def _closest(sets: list[frozenset[str]]) -> list[int]:
    """For each member, another member sharing the most of its names (by position in ``sets``).

    Members with the same names form a group; each group is compared with itself and the
    ``CLOSEST_AMONG`` most common groups only, so the cost stays linear in the cluster size."""
    groups: dict[frozenset[str], list[int]] = {}
    for position, names in enumerate(sets):
        groups.setdefault(names, []).append(position)
    common = sorted(groups, key=lambda s: (-len(groups[s]), sorted(s)))[:CLOSEST_AMONG]
    best = {}
    for names, members in groups.items():
        choices = [s for s in common if s != names] + ([names] if len(members) > 1 else [])
        best[names] = max(choices, key=lambda s: (len(names & s), s == names, len(groups[s])))
    return [next(p for p in groups[best[names]] if p != position) for position, names in enumerate(sets)]

