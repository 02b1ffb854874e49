"""Text the database can store: no NUL character (PostgreSQL refuses it in text, even
in a lookup) and no lone surrogate (not Unicode text: it cannot be encoded)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import SuspiciousOperation


def storable(text: str) -> bool:
    """Whether ``text`` holds neither NUL nor a lone surrogate."""
    return "\x00" not in text and not any("\ud800" <= char <= "\udfff" for char in text)


def first_unstorable(value: Any, path: str) -> str | None:
    """The path (``data.a.0.b``) of the first key or string of ``value`` (parsed JSON,
    or lists of form values) that is not :func:`storable`: a string's own path, or for a
    key the path of the object holding it (the key is not echoed). None if all are."""
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str) and not storable(item):
            return where
        if isinstance(item, Mapping):
            for key, child in item.items():
                if isinstance(key, str) and not storable(key):
                    return where
                stack.append((child, f"{where}.{key}" if where else str(key)))
        elif isinstance(item, list | tuple):
            stack.extend(
                (child, f"{where}.{index}" if where else str(index))
                for index, child in enumerate(item)
            )
    return None


class UnstorableRequest(SuspiciousOperation):
    """A request whose URL, query string or form holds text that is not :func:`storable`:
    refused as a 400 before any view runs (``pacte.config.middleware``)."""

    def __init__(self, place: str) -> None:
        super().__init__(f"{place}: NUL characters and lone surrogates are refused.")
        self.place = place
