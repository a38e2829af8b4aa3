"""unused-suppression: an inline `summary-lint:` comment that suppresses nothing.

## What it does

Reports a suppression comment (see README, "Suppressions") that silenced no finding of a rule
enabled in the run, that names no known rule (names and codes are spelled exactly), a
`disable=` that stands outside every entry, or an `enable=` that closes no `disable=`.
`disable=all` is never reported as unused, and rules the run does not enable are not judged.
Off by default: `--report-unused-suppressions` (or `extend-select = ["unused-suppression"]`)
turns it on. Its findings come from the engine's suppression pass, which knows which comment
silenced what; it never changes a score.

## Why it matters

A suppression outlives the problem it silenced; left in place, it hides the next real finding of
that rule on the paper (or in the file). A suppression naming no known rule is a typo that
silences nothing.

## Example that passes

```markdown
<!-- summary-lint: disable=missing-votes -->
### [Widget Models](https://arxiv.org/abs/2401.00001)
Authors: Ada Kim

- **What's New**: Widget models learn widgets.
```

## Example that fails

```markdown
<!-- summary-lint: disable=missing-votes -->
### [Widget Models](https://arxiv.org/abs/2401.00001)
Vote: 12
Authors: Ada Kim

- **What's New**: Widget models learn widgets.
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from summary_lint.checks.registry import Hit, rule

if TYPE_CHECKING:
    from summary_lint.checks.context import Context
    from summary_lint.engine.suppressions import Directive

NAME = "unused-suppression"


def _problem(directive: Directive, enabled: set[str]) -> str | None:
    if directive.rule is not None and directive.rule.name == NAME:
        return None
    if directive.kind == "enable":
        return f"enable of {directive.name!r} closes no disable"
    if directive.kind == "paper" and directive.entry_line is None:
        return (f"suppression of {directive.name!r} binds to no entry: put it inside the entry or on the line "
                "just before its heading")
    if directive.used or directive.name == "all":
        return None
    if directive.rule is None:
        return f"{directive.kind} suppression names an unknown rule {directive.name!r}"
    if directive.rule.name in enabled:
        return f"{directive.kind} suppression of '{directive.rule.name}' is unused: the rule finds nothing here"
    return None


@rule("S100", NAME, scope="suppressions", severity="warning", penalty=0,
      complexity="linear in the run's suppression comments", enabled=False)
def check(directives: list[Directive], ctx: Context) -> Iterator[tuple[int, Hit]]:
    """Called by the suppression pass with every directive of the run, used or not."""
    enabled = {r.name for r in ctx.settings.enabled}
    for directive in directives:
        if message := _problem(directive, enabled):
            yield directive.paper, Hit(message, directive.line, directive.column, evidence=directive.name)
