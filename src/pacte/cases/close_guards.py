"""Rules another app sets on closing a case of a kind it owns (the contracts app: a
contract-acceptance case closes only once both parties were informed).

An app registers a guard for a case kind when Django loads it (its ``AppConfig.ready``);
``case_close`` runs the guards of the case's kind under the case's row lock, so every
path that closes a case (screens, API, jobs) meets them. A guard raises PacteError to
refuse; nothing is then written.
"""

from __future__ import annotations

from collections.abc import Callable

from pacte.cases.models import Case

CloseGuard = Callable[[Case], None]

_GUARDS: dict[str, list[CloseGuard]] = {}


def close_guard_register(kind: str, guard: CloseGuard) -> None:
    """Run ``guard`` before any case of ``kind`` is closed (registering twice is a no-op)."""
    guards = _GUARDS.setdefault(str(kind), [])
    if guard not in guards:
        guards.append(guard)


def close_guards_check(case: Case) -> None:
    """Run the guards of ``case``'s kind; the first refusal (PacteError) propagates."""
    for guard in _GUARDS.get(str(case.kind), ()):
        guard(case)
