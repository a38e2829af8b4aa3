"""truncated-authors: the author list ends in a placeholder (``+``, ``...``, ``et al.``) instead of names.

Why: listings cut long author lists; the digest then credits only part of the authors and shows
a stray ``+`` to readers. Report it so the pipeline fetches the full list.

Passes::

    Authors: Yu Sun, Xinhao Li, Yann Dubois

Fails::

    Authors: Daniel McDuff, Mike Schaekermann, +
"""

import re

from ..registry import Hit, rule

PLACEHOLDER = re.compile(r"(?:^|[,\s])(\+\d*|\.\.\.|…|et\s+al\.?)\s*[\]'\"]*\s*$", re.IGNORECASE)


@rule("S009", "truncated-authors")
def check(paper, ctx):
    raw = paper.authors_raw
    if raw and (m := PLACEHOLDER.search(raw)):
        placeholder = m.group(1)
        yield Hit(f"author list is cut off with {placeholder!r}", paper.authors_line or paper.line,
                  m.start(1) + len("Authors: ") + 1, evidence=placeholder)
