"""unused-suppression: an inline ``summary-lint: disable=…`` comment that suppresses nothing.

Why: a suppression outlives the problem it silenced; left in place, it hides the next real
finding of that rule on the paper (or in the file). A suppression naming no known rule is a typo
that silences nothing. Off by default: ``--report-unused-suppressions`` (or
``extend-select = ["unused-suppression"]``) turns it on. Only rules enabled in the run are
judged, and ``disable=all`` is never reported. It never changes a score.

Passes (the paper has no ``Vote:`` line, so the suppression is needed)::

    <!-- summary-lint: disable=missing-votes -->
    ### [Widget Models](https://arxiv.org/abs/2401.00001)
    Authors: Ada Kim

Fails (the paper has votes; the comment silences nothing)::

    <!-- summary-lint: disable=missing-votes -->
    ### [Widget Models](https://arxiv.org/abs/2401.00001)
    Vote: 12
"""

from summary_lint.checks.registry import Hit, Rule, all_rules, rule

NAME = "unused-suppression"


class _Firing:
    """Whether a rule finds something on a paper, running each rule at most once per paper."""

    def __init__(self, papers, ctx) -> None:
        self.papers = papers
        self.ctx = ctx
        self.corpus_hits: dict[str, set[int]] = {}
        self.paper_hits: dict[tuple[str, int], bool] = {}

    def __call__(self, r: Rule, index: int) -> bool:
        if r.scope == "corpus":
            if r.name not in self.corpus_hits:
                self.corpus_hits[r.name] = {i for i, hit in r.check(self.papers, self.ctx) if hit.message}
            return index in self.corpus_hits[r.name]
        key = (r.name, index)
        if key not in self.paper_hits:
            self.paper_hits[key] = any(hit.message for hit in r.check(self.papers[index], self.ctx))
        return self.paper_hits[key]


def _judge(names, indices, enabled, fires, scope):
    """Yield a message for every name in ``names`` that is unknown or fires on none of ``indices``."""
    known = {key: r for r in all_rules() for key in (r.name, r.code)}  # spelled exactly, as the engine matches
    for name in dict.fromkeys(names):
        found = known.get(name)
        if name == "all" or (found and found.name == NAME):
            continue
        if found is None:
            yield f"{scope} suppression names an unknown rule {name!r}"
        elif found.name in enabled and not any(fires(found, i) for i in indices):
            yield f"{scope} suppression of '{found.name}' is unused: the rule finds nothing here"


@rule("S100", NAME, scope="corpus")
def check(papers, ctx):
    enabled = {r.name for r in ctx.settings.enabled}
    fires = _Firing(papers, ctx)
    for i, paper in enumerate(papers):
        for message in _judge(paper.disabled_rules, [i], enabled, fires, "paper"):
            yield i, Hit(message, paper.line, evidence=message)
    groups = {papers[g[0]].file: g for g in ctx.digest_groups()}
    for digest in ctx.digests:
        group = groups.get(digest.file)
        if group:
            for message in _judge(digest.disabled_rules, group, enabled, fires, "file-wide"):
                yield group[0], Hit(message, 1, evidence=message)
