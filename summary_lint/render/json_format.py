"""``--format json``: the versioned report contract (see README, "JSON output").

Written field by field and a paper at a time; the text is exactly the model's own
``RunReport.model_dump_json(indent=2, by_alias=True)``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from summary_lint.model import RunReport
from summary_lint.render import json_array

if TYPE_CHECKING:
    from summary_lint.render import RenderOptions


def _dump(model) -> str:
    return model.model_dump_json(indent=2, by_alias=True)


def chunks(report: RunReport, options: RenderOptions) -> Iterator[str]:
    for i, name in enumerate(RunReport.model_fields):
        yield ("{" if i == 0 else ",") + f"\n  {json.dumps(name)}: "
        value = getattr(report, name)
        if isinstance(value, list):
            yield from json_array(map(_dump, value), depth=1)
        elif isinstance(value, (int, str)):
            yield json.dumps(value)
        else:
            yield _dump(value).replace("\n", "\n  ")
    yield "\n}\n"
