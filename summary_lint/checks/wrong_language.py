"""wrong-language: a summary, or one of its sections, is not in the digest's language.

## What it does

Decides by writing system first. The expected language is `language` in the configuration
(`--language ko`), otherwise the language of more than half of the digest's summaries (its file's),
and when none has that, the language of most summaries in the input: a folder of Korean and
Chinese digests judges each digest in its own language, and a paper's verdict does not depend on
the other files of the run. A digest written wholly in another language is only caught with
`language` set. Letters are counted
per script (Hangul, Kana, Han, Latin, Cyrillic) after removing URLs, code, LaTeX and parentheses
(`지식 그래프(Knowledge Graph)` counts as Korean only); one Latin letter weighs 1/2.5 of a
syllable character, because an English word is about 2.5 times longer than the Korean word for
it. A text is Korean when Hangul holds at least `min-share` of the weighted letters, Japanese
when Kana and Han do with at least 5% Kana, Chinese when Han does with less. This takes ~0.03 ms
per summary and, unlike a statistical detector, does not call a Korean summary full of English
terms English (on the development corpus: 1 of 5,488 summaries read as not Korean, the one
written in English; seeded langdetect on the same summaries: 59). langdetect (seeded, imported
only when needed) decides only what scripts cannot: which Latin- or Cyrillic-script language a
text is in (when the expected language uses that script, or to name the language in a message),
and Chinese vs Japanese for (nearly) Kanji-only text.

A whole summary in another language is an error that fails the paper (`penalty`); a single
section in another language is an error with `section-penalty`. A summary that is mostly English
terms held together by Korean particles (Hangul between `mixed-share` and `min-share`) is a
warning (`mixed-penalty`), for example "EVE-7B는 encoder-free VLM으로 high-resolution image
input을 direct하게 processing합니다". Texts with fewer than `min-letters` weighted letters are not
judged.

## Why it matters

A Korean digest with an English paragraph (the generator copied the abstract, or answered in the
prompt's language) reads as broken, and readers who chose the Korean digest may not read the
rest.

## Example that passes

```markdown
### [EVE: Unveiling Encoder-Free Vision-Language Models](https://arxiv.org/abs/2406.11832)
- **What's New**: EVE-7B는 인코더 없이 고해상도 이미지를 처리하는 비전-언어 모델(VLM)입니다.
```

```toml
language = "ko"
```

## Example that fails

An English summary in a Korean digest.

```markdown
### [EVE: Unveiling Encoder-Free Vision-Language Models](https://arxiv.org/abs/2406.11832)
- **What's New**: We introduce EVE-7B, an encoder-free vision-language model that reads images directly.
```

```toml
language = "ko"
```
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from summary_lint.checks.registry import Hit, Option, Penalty, rule
from summary_lint.text.scripts import SCRIPTS, letter_counts_each

RULE = "wrong-language"
LATIN_WEIGHT = 1 / 2.5

_STRIP = re.compile(r"https?://\S+|www\.\S+|`[^`]*`|\$[^$]*\$|\\[A-Za-z]+|\([^()]*\)|（[^（）]*）")
_ENGLISH_FUNCTION_WORDS = re.compile(r"\b(?:the|and|of|to|in|is|are|for|with|that|this|on|by|we|as)\b",
                                     re.IGNORECASE)
_LATIN_WORD = re.compile(r"[A-Za-z]+")
LATIN_LANGUAGES = frozenset("en fr de es it pt nl sv da no fi pl cs ro hu tr id vi et lv lt sk sl hr ca".split())
CYRILLIC_LANGUAGES = frozenset("ru uk bg sr mk be kk".split())
KANA_SHARE = 0.05
"""Japanese prose is a third or more Kana; below this share, Chinese vs Japanese goes to langdetect."""
NAMES = {"ko": "Korean", "ja": "Japanese", "zh": "Chinese", "en": "English", "latin": "a Latin-script language",
         "cyrillic": "a Cyrillic-script language"}


@dataclass(frozen=True)
class Reading:
    """What the scripts say about a text: a language (or script) code, and the weighted shares."""

    language: str | None
    shares: dict[str, float]
    letters: float


def script_counts_each(texts: Sequence[str]) -> list[dict[str, float]]:
    """Weighted letters per script (every script of ``SCRIPTS``) of each text, after removing URLs,
    code, LaTeX and parentheses; counted together (``letter_counts_each``)."""
    each = letter_counts_each([_STRIP.sub(" ", text) for text in texts])
    for counts in each:
        counts["latin"] *= LATIN_WEIGHT
        counts["cyrillic"] *= LATIN_WEIGHT
    return each


def _summed(parts: Iterable[dict[str, float]]) -> dict[str, float]:
    """The scripts' counts of several texts together, those with none left out. Added in the
    order of the texts, each script from the text where it first appears, as a sum of Counters
    adds them: totals come out the same to the last bit."""
    total: dict[str, float] = {}
    for counts in parts:
        for script, n in counts.items():
            if n:
                total[script] = total.get(script, 0) + n
    return total


def read_counts(counts: dict[str, float], min_share: float = 0.35) -> Reading:
    """Classify a text by the share of each script among its weighted letters."""
    total = sum(counts.values())
    if not total:
        return Reading(None, {}, 0.0)
    shares = {name: counts.get(name, 0) / total for name in SCRIPTS}
    if shares["hangul"] >= min_share:
        language = "ko"
    elif shares["kana"] + shares["han"] >= min_share:
        language = "ja" if shares["kana"] >= KANA_SHARE else "zh"
    elif shares["latin"] >= 1 - min_share:
        language = "latin"
    elif shares["cyrillic"] >= 1 - min_share:
        language = "cyrillic"
    else:
        language = None
    return Reading(language, shares, total)


def detect(text: str) -> str | None:
    """langdetect's answer (seeded, so runs agree), or None when it cannot tell."""
    from langdetect import DetectorFactory, LangDetectException

    DetectorFactory.seed = 0
    try:
        detector = _langdetect_factory().create()
        detector.append(_STRIP.sub(" ", text))
        code = detector.detect()
    except LangDetectException:
        return None
    return "zh" if code.startswith("zh") else code


class _NgramRows:
    """langdetect's table of n-gram → probability in each language, a row made when first asked for.

    ``langdetect.detect`` fills the whole table when first called: 87,600 n-grams of 55 profiles,
    0.27 s of CPU, more than the rest of this rule takes on the development corpus (5,488
    summaries, one of them English); a text looks up only its own n-grams. A row holds what
    ``DetectorFactory.add_profile`` puts in it, computed the same way, so answers are the same."""

    def __init__(self, profiles: list, languages: int):
        self._profiles = profiles
        """(index, profile) in the order langdetect reads them."""
        self._languages = languages
        self._ngrams = frozenset().union(*(profile.freq for _, profile in profiles))
        self._rows: dict[str, list[float]] = {}

    def __contains__(self, ngram: object) -> bool:
        return ngram in self._ngrams

    def __getitem__(self, ngram: str) -> list[float]:
        row = self._rows.get(ngram)
        if row is None:
            if ngram not in self._ngrams:
                raise KeyError(ngram)
            row = self._rows[ngram] = [0.0] * self._languages
            if 1 <= len(ngram) <= 3:
                for index, profile in self._profiles:
                    if ngram in profile.freq:
                        row[index] = 1.0 * profile.freq[ngram] / profile.n_words[len(ngram) - 1]
        return row


@cache
def _langdetect_factory():
    """langdetect's detector factory with its bundled profiles, read once per process, their table
    of n-grams made row by row (``_NgramRows``)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    class LazyFactory(DetectorFactory):
        def __init__(self):
            super().__init__()
            self.profiles: list = []
            self.languages = 0

        def add_profile(self, profile, index, langsize):
            self.langlist.append(profile.name)
            self.profiles.append((index, profile))
            self.languages = langsize

    factory = LazyFactory()
    factory.load_profile(PROFILES_DIRECTORY)  # langdetect's own reading: the same languages, in the same order
    factory.word_lang_prob_map = _NgramRows(factory.profiles, factory.languages)
    return factory


def _base(code: str) -> str:
    return re.split(r"[-_]", code.strip().lower())[0]


def matches(expected: str, reading: Reading, text: str) -> bool | None:
    """Is a text with this reading in ``expected``? None when it cannot be judged."""
    found = reading.language
    if found is None:
        return None
    if found == expected:
        return True
    if {expected, found} <= {"ja", "zh"} and reading.shares["kana"] < KANA_SHARE:
        return detect(text) == expected  # (nearly) Kanji-only text: scripts cannot tell
    if found == _script_of(expected):  # one script, many languages: ask langdetect
        return (expected == "en" and _looks_english(text)) or detect(text) in (expected, None)
    return False


def _script_of(code: str) -> str:
    return "latin" if code in LATIN_LANGUAGES else "cyrillic" if code in CYRILLIC_LANGUAGES else code


def _looks_english(text: str) -> bool:
    words = len(_LATIN_WORD.findall(text))
    return words > 0 and len(_ENGLISH_FUNCTION_WORDS.findall(text)) / words >= 0.08


def expected_language(ctx, paper=None) -> str | None:
    """The configured language; else the language of more than half of the summaries of
    ``paper``'s digest (its file) that have one; else (or without ``paper``) the most common of
    the input, a tie going to the first seen. The votes are those the engine counted as it read
    each file (``Context.tallies``), so a folder of Korean and Chinese digests judges each digest
    in its own language."""
    if ctx.settings.config.language:
        return _base(ctx.settings.config.language)
    key = ("wrong-language:expected", None if paper is None else paper.file)
    if key not in ctx.cache:
        if paper is None:
            votes = ctx.input_tally(RULE)
            top = (language_votes(ctx.every_paper(), ctx.settings) if votes is None else votes).most_common(1)
            ctx.cache[key] = top[0][0] if top else None
        else:
            votes = ctx.tallies.get(paper.file, {}).get(RULE)
            if votes is None:  # a context built by hand: counted now
                votes = language_votes((ctx.papers[i] for i in ctx.digest_of(paper)), ctx.settings)
            top = votes.most_common(1)
            ctx.cache[key] = top[0][0] if top and 2 * top[0][1] > votes.total() else expected_language(ctx)
    return ctx.cache[key]


def language_votes(papers: Iterable, settings) -> Counter[str]:
    """How many of ``papers``' summaries are in each script-level language, in order of first
    appearance (so ``most_common`` gives a tie to the first seen): the rule's tally, counted by the
    engine as it first reads each file. Empty when the language is configured."""
    if settings.config.language:
        return Counter()
    min_share = settings.options(RULE)["min-share"]
    each = script_counts_each([p.summary for p in papers])
    return Counter(language for counts in each if (language := read_counts(counts, min_share).language))


COUNTED_AHEAD = 64
"""Papers of a digest whose sections are counted together, from the one asking on: numpy's fixed
cost per call was half of a Chinese paper's count (``_section_counts``)."""


def _section_counts(ctx, paper) -> list[dict[str, float]]:
    """The scripts' counts of each of the paper's sections, counted with those of the next
    ``COUNTED_AHEAD - 1`` papers of its digest and kept in ``ctx.digest_cache``: the engine checks
    a digest's papers in order. A batch, not the whole digest, so that a worker given part of a
    large digest counts little beyond its part."""
    file, position, counted = ctx.digest_cache.get("section_scripts", (None, None, None))
    if file != paper.file:
        group = ctx.digest_of(paper)
        position, counted = {id(ctx.papers[i]): k for k, i in enumerate(group)}, {}
        ctx.digest_cache["section_scripts"] = (paper.file, position, counted)
    if id(paper) not in counted:
        at = position[id(paper)]
        batch = [ctx.papers[i] for i in ctx.digest_of(paper)[at:at + COUNTED_AHEAD]]
        each = iter(script_counts_each([s.text for p in batch for s in p.sections]))
        counted.clear()
        counted.update({id(p): [next(each) for _ in p.sections] for p in batch})
    return counted[id(paper)]


def _describe(reading: Reading, text: str) -> str:
    found = reading.language
    if found in ("latin", "cyrillic"):
        found = detect(text) or found
    name = NAMES.get(found, found)
    top = sorted(reading.shares.items(), key=lambda kv: -kv[1])[:2]
    return f"{name} ({', '.join(f'{script} {share:.0%}' for script, share in top if share)})"


def _native_share(expected: str, reading: Reading) -> float:
    scripts = {"ko": ("hangul",), "ja": ("kana", "han"), "zh": ("han",)}.get(expected, ("latin",))
    return sum(reading.shares.get(s, 0.0) for s in scripts)


# A whole summary in another language fails (penalty); one foreign section is an error that does
# not fail the paper alone (section-penalty). Script shares after weighting a Latin letter as 1/2.5
# syllable: on the development corpus (5,488 Korean summaries) every Korean summary has Hangul >=
# 0.63 and every section with enough letters >= 0.48, while the one English summary has 0, so
# min-share 0.35 leaves a wide margin. Between mixed-share and min-share: English terms with Korean
# particles (warning). min-letters (weighted; 10 = ten syllables or ~25 Latin letters): down to 8
# the corpus still gets no false finding.
@rule("C004", RULE, severity="error", penalty=60,
      complexity=("linear in the summary; the digest's and the input's language once per run, linear in the "
                  "input (counted as each file is read)"), tally=language_votes, options=[
    Option("section-penalty", Penalty, 30, "one section in another language"),
    Option("min-share", float, 0.35, "weighted share of the expected script a text needs to be in its language"),
    Option("mixed-share", float, 0.15, "from this share up to min-share: foreign terms in native grammar (warning)"),
    Option("min-letters", float, 10.0, "texts with fewer weighted letters are not judged"),
    Option("mixed-penalty", Penalty, 15, "penalty of the mixed-language warning"),
])
def check(paper, ctx):
    expected = expected_language(ctx, paper)
    if not expected or not paper.sections:
        return
    opts = ctx.options(RULE)
    min_share, mixed_share, min_letters = opts["min-share"], opts["mixed-share"], opts["min-letters"]
    want = NAMES.get(expected, expected)

    def judge(counts: dict[str, float], text: str):
        reading = read_counts(counts, min_share)
        if reading.letters < min_letters or matches(expected, reading, text) is not False:
            return None
        if expected in ("ko", "ja", "zh") and mixed_share <= _native_share(expected, reading) < min_share:
            return "mixed", reading
        return "wrong", reading

    per_section = _section_counts(ctx, paper)  # the summary's counts are their sum
    whole = judge(_summed(per_section), paper.summary)
    parts = [(paper.sections[0], paper.summary, whole)] if whole else [
        (s, s.text, judge(counts, s.text)) for s, counts in zip(paper.sections, per_section)]
    for section, text, verdict in parts:
        if not verdict:
            continue
        kind, reading = verdict
        where = "summary" if whole else f"section {section.label!r}" if section.label else "bullet"
        snippet = text.strip().splitlines()[0][:80]
        if kind == "mixed":
            yield Hit(f"{where} is mostly non-{want} terms held together by {want} grammar: {_describe(reading, text)}",
                      section.line, section.column, section=section.label, evidence=snippet,
                      severity="warning", penalty=opts["mixed-penalty"])
        else:
            yield Hit(f"{where} is in {_describe(reading, text)}, not {want}",
                      section.line, section.column, section=section.label, evidence=snippet,
                      penalty=None if whole else opts["section-penalty"])
