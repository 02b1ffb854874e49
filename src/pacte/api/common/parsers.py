"""The API's parsers: DRF's, refusing what no view could handle without a 500.

- JSON nested deeper than ``MAX_DEPTH`` (400 ``json_too_deep``), and
- in any body (JSON, form, multipart), a key, value or file name holding a NUL
  character or a lone surrogate (400 ``invalid`` naming where): PostgreSQL cannot hold
  NUL in text, not even in the lookup of a code or a user name, and a lone surrogate
  is not text at all. The ACD event endpoint checks its events itself, naming the event
  and the field in its own refusal, and reads JSON with :class:`EventsJSONParser`.

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

from pacte.core.text import first_unstorable, storable

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


def _refuse_unstorable(where: str | None) -> None:
    if where is not None:
        place = where or "body"
        raise ParseError(
            f"{place}: NUL characters and lone surrogates are refused.", code="invalid"
        )


def _form_place(data: Any) -> str | None:
    """Where a form's field names or values hold text that cannot be stored."""
    for name, values in data.lists():
        if not storable(name):
            return ""
        for value in values:
            if isinstance(value, str) and not storable(value):
                return str(name)
    return None


class JSONParser(parsers.JSONParser):
    """JSON bodies, at most ``MAX_DEPTH`` levels deep, with storable text only."""

    check_text = True

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise _too_deep() from error
        if nesting_exceeds(data, MAX_DEPTH):
            raise _too_deep()
        if self.check_text:
            _refuse_unstorable(first_unstorable(data, ""))
        return data


class EventsJSONParser(JSONParser):
    """For the ACD events, whose own check names the event and the field."""

    check_text = False


class FormParser(parsers.FormParser):
    """URL-encoded forms with storable text only."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        _refuse_unstorable(_form_place(data))
        return data


class MultiPartParser(parsers.MultiPartParser):
    """Multipart forms with storable text only, in fields and in file names."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        parsed = super().parse(stream, media_type, parser_context)
        _refuse_unstorable(_form_place(parsed.data))
        for name, files in parsed.files.lists():
            for upload in files:
                if not storable(upload.name or ""):
                    _refuse_unstorable(str(name))
        return parsed
