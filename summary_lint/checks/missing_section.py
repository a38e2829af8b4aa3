"""missing-section: a labelled summary lacks one of the sections of its profile.

Why: labelled digests promise the same parts for every paper (by default What's New, Technical
Details, Performance Highlights); a missing one usually means the generator stopped early or
merged two answers. Plain-bullet summaries (no labels) are not checked. Option ``profiles``: the
lists of expected labels; a summary is held to the profile that shares most labels with it.

Passes::

    - **What's New**: …
    - **Technical Details**: …
    - **Performance Highlights**: …

Fails::

    - **What's New**: …
    - **Technical Details**: …
"""

from summary_lint.checks.registry import Hit, Option, rule


def normalize_label(label: str) -> str:
    return " ".join(label.replace("’", "'").casefold().split())


@rule("S007", "missing-section", severity="warning", penalty=10, options=[
    Option("profiles", list[list[str]], [["What's New", "Technical Details", "Performance Highlights"]],
           "lists of expected labels; a labelled summary is held to the one sharing most labels with it"),
])
def check(paper, ctx):
    labels = {normalize_label(s.label) for s in paper.sections if s.label}
    profiles = ctx.options("missing-section")["profiles"]
    if not labels or not profiles:
        return
    profile = max(profiles, key=lambda prof: len(labels & {normalize_label(x) for x in prof}))
    if not labels & {normalize_label(x) for x in profile}:
        return  # a custom set of labels: nothing to hold it to
    missing = [x for x in profile if normalize_label(x) not in labels]
    if missing:
        last = paper.sections[-1]
        yield Hit(f"labelled summary has no section {', '.join(repr(m) for m in missing)}", last.end_line,
                  evidence=", ".join(s.label for s in paper.sections if s.label))
