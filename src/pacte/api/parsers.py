"""The API's JSON parser: DRF's, refusing a body nested deeper than ``MAX_DEPTH``.

Python's JSON decoder recurses once per level; a body of a thousand nested arrays
would exhaust the interpreter's stack (a 500), and a few hundred levels would pass the
decoder only to exhaust it later, in a serializer or ``json.dumps``. No request of this
API needs more than a handful of levels, so anything deeper than ``MAX_DEPTH`` is a 400
``json_too_deep`` before any view code runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 32
# The error code (not in ``ApiError``: DRF imports this module while ``api.errors`` loads).
TOO_DEEP = "json_too_deep"


def nesting_exceeds(value: Any, limit: int) -> bool:
    """Whether ``value`` (parsed JSON) has objects or arrays nested deeper than ``limit``."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _too_deep() -> ParseError:
    return ParseError(f"JSON nested deeper than {MAX_DEPTH} levels is refused.", code=TOO_DEEP)


class JSONParser(parsers.JSONParser):
    """JSON bodies, at most ``MAX_DEPTH`` levels deep (400 ``json_too_deep`` otherwise)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise _too_deep() from error
        if nesting_exceeds(data, MAX_DEPTH):
            raise _too_deep()
        return data
