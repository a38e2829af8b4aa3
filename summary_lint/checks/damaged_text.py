"""damaged-text: control characters, mojibake, copied placeholders or a cut-off sentence in a summary.

## What it does

Looks, per section, for damage of five kinds (the first occurrence of each kind is named, with
its count and location), and reports it once per paper:

* `control`: C0 control characters other than tab and line breaks, and DEL. A tab, line feed or
  carriage return counts only when the letters after it complete a LaTeX command of the pack
  (`\\text` → tab + "ext"); a backspace or form feed is named the same way (`\\frac`).
* `replacement`: U+FFFD, which a decoder writes for bytes it could not read.
* `mojibake`: UTF-8 read as Latin-1/CP1252 ("Ã©", "â€™", "ì—°êµ¬"), as ftfy recognizes it; the
  message shows what the text should read.
* `placeholder`: the pack's placeholders ("this https URL", "www.example.com").
* `cut-off`: the section ends the way only an unfinished sentence ends (the pack's
  `unfinished-endings`: a comma, an ellipsis, "…것입니" without its 다, a particle, "…中的", an
  English function word, four English words without a full stop). A missing full stop alone is
  not enough: faithful Chinese summaries often end without "。" and Korean bullets often end with
  a noun ("… 데이터셋 구축"). A trailing placeholder is ignored here.

The lists are data in `rules/damaged.toml`; add your own in `damaged.toml` inside a `rules-path`
folder. On the corpora the rule fires on 8 of 5,488 daily_papers_ko papers (6 LaTeX macros that
lost their backslash, 2 cut-off bullets), 497 of 12,542 zh-arxiv-analyze papers (277 with a
placeholder, 220 with broken LaTeX escapes, 10 with a cut-off section) and none of the 1,422
ko-hf-daily-autoflow papers; each of these is real damage. A missing full stop alone (links set
aside) would flag 193 zh-arxiv-analyze papers, nearly all complete sentences without "。", and
1,339 of the 1,422 ko-hf-daily-autoflow papers, whose bullets end with a noun.

## Why it matters

Text damaged between the generator and the page reads as broken even when the summary is right:
a LaTeX `\\beta` that JSON turned into a backspace and "eta", "Ã©" for "é", a U+FFFD where bytes
were lost, an arXiv "this https URL" copied instead of the link, a conclusion that stops
mid-sentence because the generator ran out of tokens. The paper is still judged on its content,
so this is a warning with a small penalty.

## Example that passes

```markdown
### [Beta-VAE Revisited](https://arxiv.org/abs/2407.00004)
- **Performance Highlights**: $\\beta$-VAE 대비 FID가 2.1 낮습니다. 코드: https://github.com/x/y
```

## Example that fails

```markdown
### [Beta-VAE Revisited](https://arxiv.org/abs/2407.00004)
- **Performance Highlights**: β-VAE 대비 FID가 2.1 낮습니다. 코드는 this https URL 에서 공개됩니다.
```
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from summary_lint.checks.registry import Hit, Option, rule
from summary_lint.errors import ConfigError
from summary_lint.packs import load_pack
from summary_lint.text.damage import Damage, control_characters, mojibake, replacement_characters
from summary_lint.text.literals import may_match
from summary_lint.text.positions import section_at

RULE = "damaged-text"
TAIL = 60
"""Characters at the end of a section that the ending patterns look at (four English words fit)."""
_SENTENCE_ENDS = frozenset(".!?。！？")
"""A full stop (not an ellipsis), question or exclamation mark ends a sentence: most sections end so,
and are not searched for unfinished endings."""


@dataclass(frozen=True)
class DamagePack:
    """``rules/damaged.toml``, compiled."""

    commands: frozenset[str]
    placeholder: re.Pattern[str]
    trailing_placeholders: re.Pattern[str]
    unfinished: tuple[re.Pattern[str], ...]
    """Searched one by one: an alternation of them is three times slower (no literal prefix scan)."""

    def placeholders(self, text: str) -> Iterator[Damage]:
        if not may_match(self.placeholder, text):  # almost every text: an alternation is tried at every character
            return
        for match in self.placeholder.finditer(text):
            yield Damage(match.start(), match.end(), f'"{match.group()}"')

    def cut_off(self, text: str) -> Iterator[Damage]:
        """The unfinished ending of ``text``, if it has one (trailing placeholders set aside)."""
        start = max(0, len(text) - TAIL)
        tail = text[start:]
        if self.placeholder.search(tail):
            tail = self.trailing_placeholders.sub("", tail)
        tail = tail.rstrip()
        if tail[-1:] in _SENTENCE_ENDS and tail[-2:-1] != ".":  # read, not searched: 5x faster than a regex
            return
        for pattern in self.unfinished:
            if match := pattern.search(tail):
                shown = tail[max(0, match.start() - 15):]
                yield Damage(start + match.start(), start + match.end(), f'ends "…{shown}"')
                return


@cache
def load_damage_pack(extra_dirs: tuple[str, ...] = ()) -> DamagePack:
    """Compile the pack once per run (cached by the user's rule folders)."""
    data = load_pack("damaged", extra_dirs)
    placeholders = "|".join(map(re.escape, data.get("placeholders", []))) or "(?!)"
    try:
        unfinished = tuple(re.compile(f"(?:{ending})$") for ending in data.get("unfinished-endings", []))
    except re.error as exc:
        raise ConfigError(f"damaged.toml: unfinished-endings: {exc}") from None
    return DamagePack(
        commands=frozenset(data.get("latex-commands", [])),
        placeholder=re.compile(placeholders),
        trailing_placeholders=re.compile(rf"(?:[\s,，:：]*(?<![A-Za-z])(?:{placeholders})[\s.。]*)+$"),
        unfinished=unfinished,
    )


FINDERS: dict[str, tuple[str, Callable[[DamagePack, str], Iterator[Damage]]]] = {
    "control": ("control character", lambda pack, text: control_characters(text, pack.commands)),
    "replacement": ("replacement character", lambda pack, text: replacement_characters(text)),
    "mojibake": ("mojibake", lambda pack, text: mojibake(text)),
    "placeholder": ("copied placeholder", DamagePack.placeholders),
    "cut-off": ("sentence cut off:", DamagePack.cut_off),
}
"""Kind → (what the message calls it, finder)."""


@dataclass
class _First:
    """The first damage of one kind in a paper, and how many there are."""

    section: int
    damage: Damage
    count: int = 1


# A warning, not an error: the paper is still judged on its content. One finding per paper (all
# kinds listed in it), so the penalty counts once however much is damaged; 5 keeps a damaged but
# faithful paper at 95 (warn), like the other cosmetic rules (missing-votes).
@rule("S011", RULE, severity="warning", penalty=5,
      complexity="linear in the summary", options=[
    # Enough to show the word a control character broke ("$\x08oldsymbol{") or the sentence that
    # was cut, short enough for one line.
    Option("context", int, 20, "characters of evidence on each side of the first damage"),
    # None by default: on the three corpora every kind fired only on damaged text (of 19,452
    # papers: control 226, placeholder 277, cut-off 12; no replacement character or mojibake).
    Option("skip", list[str], [], "kinds not to report: control, replacement, mojibake, placeholder, cut-off"),
])
def check(paper, ctx):
    opts = ctx.options(RULE)
    skip = set(opts["skip"])
    if unknown := skip - FINDERS.keys():
        raise ConfigError(f"rules.{RULE}.skip: unknown kind {min(unknown)!r} (one of {', '.join(FINDERS)})")
    pack = load_damage_pack(tuple(ctx.settings.config.rules_path))
    found: dict[str, _First] = {}
    for index, section in enumerate(paper.sections):
        for kind, (_, finder) in FINDERS.items():
            if kind in skip:
                continue
            for damage in finder(pack, section.text):
                if kind in found:
                    found[kind].count += 1
                else:
                    found[kind] = _First(index, damage)
    if not found:
        return
    ordered = sorted(found.items(), key=lambda item: (item[1].section, item[1].damage.start))
    _, first = ordered[0]
    parts = []
    for kind, occurrence in ordered:
        part = f"{FINDERS[kind][0]} {occurrence.damage.detail}"
        part += f" ×{occurrence.count}" if occurrence.count > 1 else ""
        if occurrence is not first:
            _, line, column = _locate(paper, occurrence)
            part += f" at {line}:{column}"
        parts.append(part)
    section, line, column = _locate(paper, first)
    width = opts["context"]
    text, damage = section.text, first.damage
    yield Hit("damaged text: " + "; ".join(parts), line, column, section=section.label,
              evidence=text[max(0, damage.start - width):damage.end + width])


def _locate(paper, occurrence: _First):
    """Section, line and column of a damage, through the offset into the joined summary."""
    offset = sum(len(s.text) + 1 for s in paper.sections[:occurrence.section]) + occurrence.damage.start
    return section_at(paper, offset)
