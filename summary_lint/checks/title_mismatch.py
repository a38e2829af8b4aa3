"""title-mismatch: the summary does not describe the paper named by its title.

Why: the worst defect of a digest is a summary of something else: generic filler that fits any
paper ("a Transformer with multi-head attention … 15% better on benchmark datasets") or the
summary of another paper. Readers cannot tell; the title promises one paper, the text describes
another.

How: each title word is looked for in the summary across languages: the English word, its Korean
forms from the glossary pack ``rules/glossary/ko-en.tsv`` (mined from the corpus), or a Hangul
transliteration (쿠버네티스 for Kubernetes). Title names (the head before the colon, made-up
tokens such as "AriGraph") are matched as written, fuzzily. A word weighs less when it is
generic ("model", "efficient") or when the digest's other summaries mention it too. The rest of
the digest is the contrast: every summary is also scored against every other title of its digest.

Error (fails the paper alone), when the summary does not name its own title's name and

* names another paper of the digest instead, or
* covers little of its own title (``contrast-coverage``) while another title's specific words fit
  it clearly better (``margin``, ``other-coverage``), or shares far more words with another title
  (``similarity-ratio``, IDF-weighted cosine), or
* covers almost none of its title (``min-coverage``) although the title has a made-up name,
  which summaries keep as written.

The similarity and made-up-name tests need data: when less than ``min-evidence`` of the title's weight could show in the
summary at all (a Korean summary, title words without Korean forms in the glossary), they are
not errors. Warning (fails only together with other content findings): the name is missing and
few title words appear (``name-coverage``), or almost none appear (``min-coverage``), with no
contrast: a faithful summary in words the glossary does not know looks like that too. A paper
alone in its input gets warnings only. A name found in several titles of the digest (LLMs)
names no single paper and is ignored.

Passes (title "AriGraph: Learning Knowledge Graph World Models with Episodic Memory")::

    AriGraph는 에피소드 기억과 지식 그래프를 결합한 세계 모델을 학습합니다.

Fails (same title, in a digest with other papers)::

    제안된 모델은 Transformer 구조를 기반으로 하며 BLEU 점수에서 15% 향상을 보였습니다.

Options (the preset says how each was chosen): ``min-coverage``, ``name-coverage``,
``contrast-coverage``, ``margin``, ``other-coverage``, ``similarity-ratio``, ``min-evidence``,
``warning-penalty``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..registry import Hit, rule


@dataclass
class Fit:
    """How one summary fits its own title and the other titles of its digest."""

    coverage: float
    """Weighted share of the own title's words the summary mentions (0–1)."""
    missed: list[str]
    names: list[str]
    """Names of the own title (head before the colon, made-up tokens)."""
    name_found: bool
    best_other: float
    """Highest coverage of another title of the digest (0 when the digest has one paper)."""
    best_other_index: int | None
    shared: list[str]
    """Specific (non-generic) words of that best other title that the summary mentions."""
    other_name: str | None
    """A name of another paper of the digest that the summary mentions as written."""
    detectable: float = 1.0
    """Share of the own title's weight the summary could show at all: words with Korean forms in
    the glossary, or any word when the summary writes English terms. Low means lack of data."""
    similarity: float = 0.0
    """IDF-weighted cosine between the summary's words and the own title's words and Korean forms."""
    best_other_similarity: float = 0.0
    """The same for the best other title of the digest."""


def similarities(texts, terms) -> list[list[float]]:
    """IDF-weighted cosine of every summary (English stems + Hangul words) with every title
    (stems + glossary forms), IDF taken over the digest's summaries: the contrast that ranks the
    own title among the digest's titles. Word sets, not character n-grams: n-grams of the whole
    input took 15 s on the corpus, this takes a fraction of a second for nearly the same signal.
    """
    import math
    from collections import Counter
    from itertools import chain

    summaries = [text.stems | text.hangul for text in texts]
    titles = [{x for t in ts for x in (t.stem, *t.forms)} for ts in terms]
    df = Counter(chain.from_iterable(summaries))
    n = len(texts)
    by_count = {count: (math.log((n + 1) / (count + 1)) + 1) ** 2 for count in set(df.values())}
    squared = dict(zip(df.keys(), map(by_count.__getitem__, df.values())))  # idf² of every word
    summary_norms = [math.sqrt(sum(map(squared.__getitem__, words))) or 1.0 for words in summaries]
    title_norms = [math.sqrt(sum([squared.get(x, 1.0) for x in words])) or 1.0 for words in titles]
    return [[sum(map(squared.__getitem__, words & title)) / (norm * title_norm)
             for title, title_norm in zip(titles, title_norms)]
            for words, norm in zip(summaries, summary_norms)]


def digest_fits(titles: list[str], summaries: list[str], floor: float = 0.2) -> list[Fit]:
    """Score every summary against every title of one digest (n² set look-ups, n ≈ 10–30).

    A title word weighs less the more of the digest's other summaries mention it ("model",
    "Transformer"): what sets a paper apart from its neighbours is what its summary must cover.
    ``floor`` keeps a word shared by all summaries at a fifth of its weight.
    """
    from collections import Counter
    from itertools import chain, compress

    from ..crosslingual import TermIndex, TextIndex, term, title_names, title_terms

    n = len(titles)
    texts = [TextIndex(s) for s in summaries]
    terms = [[term(w) for w in title_terms(t)] for t in titles]
    names = [title_names(t) for t in titles]
    # A "name" found in several titles of the digest (LLMs, GPT-4o) names no single paper.
    spread = Counter(name.lower() for ns in names for name in set(ns))
    names = [[name for name in ns if spread[name.lower()] == 1] for ns in names]
    index = TermIndex(t.word for ts in terms for t in ts)
    found = [index.found_in(text) for text in texts]  # the title words each summary mentions
    title_words = [[t.word for t in ts] for ts in terms]

    def hits(i: int, j: int) -> list[bool]:
        """Which words of title j summary i mentions."""
        return list(map(found[i].__contains__, title_words[j]))

    mentioned_by = Counter(chain.from_iterable(found))  # summaries mentioning each title word
    weights = []
    for j in range(n):
        # Share of the *other* summaries that mention each word (exact: a count over n - 1).
        shared = [(mentioned_by[t.word] - hit) / (n - 1) if n > 1 else 0.0 for t, hit in zip(terms[j], hits(j, j))]
        weights.append([t.weight * max(floor, 1 - s) for t, s in zip(terms[j], shared)])
    totals = [sum(w) for w in weights]

    def coverages(i: int) -> list[float]:
        """Weighted share of every title's words that summary i mentions."""
        contains = found[i].__contains__
        return [sum(compress(w, map(contains, ws))) / total if total else 0.0
                for w, ws, total in zip(weights, title_words, totals)]

    cosine = similarities(texts, terms)

    def detectable(i: int) -> float:
        english, korean = len(texts[i].stems), len(texts[i].hangul)
        if english >= ENGLISH_SHARE * (english + korean):
            return 1.0
        known = sum(w for w, t in zip(weights[i], terms[i]) if t.forms)
        return known / totals[i] if totals[i] else 0.0

    fits = []
    for i, text in enumerate(texts):
        values = coverages(i)
        own = values[i]
        best, best_j, other_name = 0.0, None, None
        for j, value in enumerate(values):
            if j == i:
                continue
            if value > best:
                best, best_j = value, j
            if other_name is None and value > own and names[j]:
                other_name = next((name for name in names[j] if text.mentions_name(name, strict=True)), None)
        fits.append(Fit(
            coverage=own,
            missed=[t.word for t, hit in zip(terms[i], hits(i, i)) if not hit],
            names=names[i],
            name_found=any(text.mentions_name(name) for name in names[i]),
            best_other=best,
            best_other_index=best_j,
            shared=[] if best_j is None else
            [t.word for t, hit in zip(terms[best_j], hits(i, best_j)) if hit and t.weight == 1.0],
            other_name=other_name,
            detectable=detectable(i),
            similarity=cosine[i][i],
            best_other_similarity=max((cosine[i][j] for j in range(n) if j != i), default=0.0),
        ))
    return fits


ENGLISH_SHARE = 0.2
"""A summary whose distinct words are at least this share English writes title terms in English:
every title word is then detectable, glossary or not."""

DEFAULTS = {
    "min-coverage": 0.1,
    "name-coverage": 0.4,
    "contrast-coverage": 0.45,
    "margin": 0.3,
    "other-coverage": 0.3,
    "similarity-ratio": 2.5,
    "min-evidence": 0.3,
}
"""Used when the preset does not set an option; the preset documents how each was chosen."""


def mismatch(fit: Fit, options: dict) -> tuple[str, str] | None:
    """("error" | "warning", reason) when the summary does not fit its title, else None.

    Errors need contrast (another title of the digest fits better, or the summary names another
    paper) or a made-up name of the title that never appears while almost nothing else of the
    title does either. Otherwise the finding is a warning that fails only together with other
    content findings: filler fits no title, but neither does a faithful summary written in words
    the glossary does not know. A paper alone in its input gets warnings only.
    """
    from ..crosslingual import is_coined

    if fit.name_found:
        return None
    opt = {key: float(options.get(key, value)) for key, value in DEFAULTS.items()}
    low = fit.coverage < opt["contrast-coverage"]
    if fit.other_name and (fit.names or low):
        return "error", f"summary names another paper of this digest ({fit.other_name!r}), not its own"
    informed = fit.detectable >= opt["min-evidence"]
    if low and fit.shared and fit.best_other >= max(fit.coverage + opt["margin"], opt["other-coverage"]):
        return "error", "another title of this digest fits the summary better"
    if low and informed and fit.best_other_similarity > 0 and fit.best_other_similarity >= opt["similarity-ratio"] * fit.similarity:
        return "error", "another title of this digest shares far more of the summary's words"
    coined = [name for name in fit.names if is_coined(name)]
    if coined and informed and fit.coverage < opt["min-coverage"] and fit.best_other_index is not None:
        return "error", f"the title's name {coined[0]!r} never appears and the summary covers almost none of the title"
    if fit.names and fit.coverage < opt["name-coverage"]:
        return "warning", f"the title's name {fit.names[0]!r} never appears and few title terms do"
    if fit.coverage < opt["min-coverage"]:
        return "warning", "summary covers almost none of the title"
    return None


def _fits(ctx, group: list[int]) -> list[Fit]:
    """The fits of one digest, computed once per digest and process. Papers come in input order,
    so only the current digest's fits are kept (memory stays flat on large inputs)."""
    first, fits = ctx.cache.get("title_fits", (None, None))
    if first != group[0]:
        members = [ctx.papers[i] for i in group]
        fits = digest_fits([p.title for p in members], [p.summary for p in members])
        ctx.cache["title_fits"] = (group[0], fits)
    return fits


@rule("C001", "title-mismatch")
def check(paper, ctx):
    """Per paper, so it runs in the worker processes; the digest's fits are shared through the cache."""
    if not paper.summary.strip():
        return
    options = ctx.options("title-mismatch")
    group = ctx.digest_of(paper)
    k = next(k for k, i in enumerate(group) if ctx.papers[i] is paper)
    fit = _fits(ctx, group)[k]
    found = mismatch(fit, options)
    if found is None:
        return
    severity, reason = found
    missed = ", ".join(fit.missed[:6]) + (", …" if len(fit.missed) > 6 else "")
    closest = ""
    if fit.best_other_index is not None:
        other = ctx.papers[group[fit.best_other_index]]
        shares = f"; shares {', '.join(fit.shared[:4])}" if fit.shared else ""
        closest = (f"; closest title in this digest: \"{other.title}\" "
                   f"({fit.best_other:.2f} vs {fit.coverage:.2f}{shares})")
    first = paper.sections[0] if paper.sections else None
    yield Hit(
        f"{reason}: title terms not covered: {missed or '—'} (coverage {fit.coverage:.2f}){closest}",
        first.line if first else paper.line,
        column=first.column if first else 1,
        evidence=paper.title,
        severity=None if severity == "error" else "warning",
        penalty=None if severity == "error" else int(options.get("warning-penalty", 30)),
    )
