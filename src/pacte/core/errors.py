"""Base error for domain services: a code an interface can map and a message a user can read.

Each app's ``errors.py`` gives every code of its enum a text in the user's language
(``error_texts``): the API's ``detail``, the workspace's and the portal's refusals all
show ``PacteError.text``, so the same refusal reads the same everywhere, in French or
English (docs/api.md, "Errors").
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from django.utils.functional import Promise

# (enum, code) -> the code's text, lazily translated. Keyed by the enum too: two apps
# may use the same code value ("not_allowed") for different refusals.
_TEXTS: dict[tuple[type[StrEnum], str], Promise] = {}


def error_texts(texts: Mapping[StrEnum, Promise]) -> None:
    """Give codes their translated text (``%(name)s`` placeholders take the params)."""
    for code, text in texts.items():
        _TEXTS[(type(code), str(code))] = text


def error_text(code: StrEnum) -> Promise | None:
    """The translated text of ``code``; None if its app gave it none."""
    return _TEXTS.get((type(code), str(code)))


class PacteError(Exception):
    """A business rule refused an operation; nothing was changed.

    ``message`` is the service's own wording (English, with the specifics: a reference,
    a field), for logs and English readers; ``params`` fill the code's translated text.
    """

    status_code = 400

    def __init__(self, code: StrEnum, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params

    @property
    def text(self) -> str:
        """The refusal in the active language.

        A message the service already translated (a lazy string) is shown as it is. Else
        the code's text, with the service's params; the service's message if its code
        has no text (or its params do not fill the text).
        """
        if isinstance(self.message, Promise):
            return str(self.message)
        template = error_text(self.code)
        if template is None:
            return str(self.message)
        try:
            return str(template) % self.params
        except (KeyError, TypeError, ValueError):
            return str(self.message)


class NotFoundError(PacteError):
    """The object does not exist or the user may not see it (never say which)."""

    status_code = 404


class ForbiddenError(PacteError):
    """The user sees the object but may not do this to it."""

    status_code = 403
