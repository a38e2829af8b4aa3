"""truncated-authors: the author list has a placeholder (``+``, ``...``, ``et al.``) instead of names.

Why: listings cut long author lists, at the end or in the middle (``A, B, +, Y, Z``); the digest
then credits only part of the authors and shows a stray ``+`` to readers. Report it so the
pipeline fetches the full list.

Passes::

    Authors: Yu Sun, Xinhao Li, Yann Dubois

Fails::

    Authors: Daniel McDuff, Mike Schaekermann, +
"""

import re

from summary_lint.checks.registry import Hit, rule

# An author item that is only a placeholder, or a name followed by "et al.".
PLACEHOLDER = re.compile(r"(?:^|\s)(\+\d*|\.\.\.|…|et\s+al\.?)$", re.IGNORECASE)
PREFIX = "Authors: "


@rule("S009", "truncated-authors", severity="warning", penalty=3)
def check(paper, ctx):
    for name in paper.authors or []:
        if m := PLACEHOLDER.search(name):
            placeholder = m.group(1)
            offset = (paper.authors_raw or "").find(name)
            yield Hit(f"author list has the placeholder {placeholder!r} instead of names",
                      paper.authors_line or paper.line, len(PREFIX) + max(offset, 0) + m.start(1) + 1,
                      evidence=placeholder)
            return
