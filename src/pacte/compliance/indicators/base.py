"""What every computation of the indicator library shares: verdicts, reasons, the contract."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from django.db import models
from django.db.models import Case, Q, QuerySet, Value, When
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pacte.commitments.models import Indicator


class Verdict(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    EXCLUDED = "excluded", _("Excluded")


class Reason(models.TextChoices):
    """Why an item got its verdict: the code an auditor filters on, and its text."""

    ANSWERED_IN_TIME = "answered_in_time", _("Answered by the first deadline.")
    ANSWERED_BY_NEW_DEADLINE = (
        "answered_by_new_deadline",
        _("Answered by the new deadline, committed before the first one expired."),
    )
    ANSWERED = "answered", _("An answer was given.")
    ANSWERED_LATE = "answered_late", _("Answered after the deadline in force.")
    UNANSWERED_PAST_DEADLINE = (
        "unanswered_past_deadline",
        _("Still unanswered once the deadline in force had passed."),
    )
    NOT_YET_DUE = "not_yet_due", _("Not answered and not yet due: in no month yet.")
    NOTE_PRESENT = "context_note_present", _("The giving agent wrote a context note.")
    NOTE_MISSING = "context_note_missing", _("No context note (or too short) at the hand-off.")


class Dimension(StrEnum):
    """What a result can be broken down by; each computation maps it to a column path."""

    CHANNEL = "channel"
    SITE = "site"
    TEAM = "team"
    MOTIVE = "motive"


# The column each dimension reads, relative to the case.
CASE_DIMENSIONS: dict[Dimension, str] = {
    Dimension.CHANNEL: "channel",
    Dimension.SITE: "site__code",
    Dimension.TEAM: "team__code",
    Dimension.MOTIVE: "motive__code",
}


@dataclass(frozen=True, slots=True)
class Month:
    """A calendar month (local time of each site) judged as of ``now``."""

    year: int
    month: int
    now: datetime
    zones: tuple[str, ...]


VerdictQuery = Callable[[Indicator, Month], QuerySet[Any]]


@dataclass(frozen=True, slots=True)
class Computation:
    """A named, documented computation of the indicator library.

    ``verdicts`` builds the per-item queryset, annotated ``verdict``, ``reason_code``
    and ``reason``, with ``case_id`` reachable as ``case_path``; it is None for a
    computation whose data source is not built yet, and ``no_data`` says why.
    """

    name: str
    description: str
    verdicts: VerdictQuery | None = None
    case_path: str = "case"
    no_data: str | Promise = ""  # translated when read (gettext_lazy)

    @property
    def implemented(self) -> bool:
        return self.verdicts is not None

    def dimension_path(self, dimension: Dimension) -> str:
        return f"{self.case_path}__{CASE_DIMENSIONS[dimension]}"


Branch = tuple[Q, Reason]
M = TypeVar("M", bound=models.Model)


def _case(branches: list[Branch], default: Reason, value: Callable[[Reason], str]) -> Case:
    return Case(
        *(When(condition, then=Value(value(reason))) for condition, reason in branches),
        default=Value(value(default)),
        output_field=models.CharField(),
    )


def judge(
    items: QuerySet[M],
    branches: list[Branch],
    *,
    default: Reason,
    verdicts: dict[Reason, Verdict],
) -> QuerySet[M]:
    """Annotate ``reason_code``, ``verdict`` and ``reason`` (its text, current language).

    The first branch whose condition holds gives the reason; ``verdicts`` maps a reason
    to its verdict (a reason not in it excludes the item). Each annotation is one flat
    SQL CASE over the same conditions.
    """
    judged: QuerySet[M] = items.annotate(
        reason_code=_case(branches, default, lambda reason: reason.value),
        verdict=_case(
            branches, default, lambda reason: verdicts.get(reason, Verdict.EXCLUDED).value
        ),
        reason=_case(branches, default, lambda reason: str(reason.label)),
    )
    return judged
