"""Writing a JSON array one element per line, as its elements are reached: the JSON and SARIF reports
stream 200,000 findings this way instead of building the document in memory."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any


def dumps_sorted(value: Any) -> str:
    """Keys sorted, so the same value is the same bytes whatever order it was built in."""
    return json.dumps(value, sort_keys=True)


def write_array_items(fh: IO[str], items: Iterable[str]) -> None:
    """Each already-encoded element on its own line, comma-separated, the last followed by a newline.

    >>> import io
    >>> out = io.StringIO(); out.write("["); write_array_items(out, ['{"a": 1}', '2']); out.write("]")
    1
    1
    >>> out.getvalue()
    '[\\n{"a": 1},\\n2\\n]'
    >>> out = io.StringIO(); write_array_items(out, []); out.getvalue()
    '\\n'
    """
    sep = "\n"
    for item in items:
        fh.write(sep)
        fh.write(item)
        sep = ",\n"
    fh.write("\n")
