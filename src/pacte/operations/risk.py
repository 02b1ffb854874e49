"""Risk and fraud measures on a line (T4.2): taken with a written motive, lifted once.

A measure is a case of kind ``risk_measure`` for the line's customer (motive
``risk-measure``), opened by a supervisor. Its events:

- MEASURE_TAKEN (data ``measure``, ``line``, ``msisdn``, ``motive``; body: the motive),
  recorded with the case's opening. The written motive is required (T4.2-a): without
  it nothing is written.
- MEASURE_LIFTED (data ``unfounded``, ``reason``; body: the reason), once per measure.
  ``unfounded``: the measure was a false positive (T4.2-b, at most 5 % of the lifts).

A restriction moves the line to ``restricted``, a suspension for risk to ``suspended``
(``operations.lines.line_status_set``, data ``{"cause": "risk"}``, the measure's case);
a deposit request leaves the line as it is. A line already held at a stronger status by
a risk measure keeps it. Lifting gives the line back the status of the strongest
restrictive measure still in force on it, else ``active`` (cause ``risk_lifted``) —
only while the line's status is the one a risk measure set (a line blocked as stolen
meanwhile stays blocked). Lifting closes the measure's case if it is still open.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pacte.cases.models import Case, CaseEvent, EventKind, Motive, Team
from pacte.cases.services import _locked, _record, case_close, case_open
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Line, LineStatus
from pacte.intake.routing import route_for
from pacte.operations.errors import OperationError
from pacte.operations.lines import line_locked, line_status_set
from pacte.operations.models import LineEvent
from pacte.operations.motives import operation_motive

RISK_MOTIVE = "risk-measure"


class MeasureKind(models.TextChoices):
    RESTRICTION = "restriction", gettext_lazy("Restriction of the line")
    SUSPENSION = "suspension", gettext_lazy("Suspension for risk")
    DEPOSIT = "deposit", gettext_lazy("Deposit request")


# The line's status each measure sets (a deposit request sets none), weakest first.
MEASURE_STATUS: dict[str, str] = {
    MeasureKind.RESTRICTION: LineStatus.RESTRICTED,
    MeasureKind.SUSPENSION: LineStatus.SUSPENDED,
}
STRENGTH: dict[str, int] = {
    LineStatus.ACTIVE: 0,
    LineStatus.RESTRICTED: 1,
    LineStatus.SUSPENDED: 2,
}


class AlreadyLiftedError(PacteError):
    """The measure was lifted already: a conflict with its state (HTTP 409)."""

    status_code = 409


def _refuse_unless_allowed(actor: User) -> None:
    if not may(actor, Action.RISK_MEASURE):
        raise PacteError(OperationError.NOT_ALLOWED, "Your role may not do this.")


def risk_motive() -> Motive:
    """The motive of these cases (``operations.motives``: made if missing)."""
    return operation_motive(RISK_MOTIVE)


def risk_team(*, actor: User, channel: Channel) -> Team:
    """Where a measure's case goes: the deciding supervisor's first team (by code), else
    the route of ``channel`` (PacteError NO_ROUTE if there is none)."""
    team = actor.teams.select_related("site").order_by("code").first()
    return team if team is not None else route_for(channel).team


def _subject(measure: str, line: Line) -> str:
    return _("%(measure)s on line %(msisdn)s") % {
        "measure": MeasureKind(measure).label,
        "msisdn": line.msisdn,
    }


@transaction.atomic
def risk_measure_take(
    *,
    line: Line,
    measure: str,
    motive: str,
    actor: User,
    channel: Channel = Channel.PHONE,
    team: Team | None = None,
) -> Case:
    """Take ``measure`` on ``line``: open its case (kind ``risk_measure``, for the
    line's customer, to ``team`` or ``risk_team``), record MEASURE_TAKEN with the
    written ``motive``, and move the line's status for a restriction or a suspension.

    Takes the line's row lock. Refused (nothing written) for a role without
    RISK_MEASURE, an unknown measure, an empty motive, a terminated line, or a move
    the line cannot make (a blocked line restricted)."""
    _refuse_unless_allowed(actor)
    if measure not in MeasureKind.values:
        raise PacteError(OperationError.RISK_MEASURE_INVALID, f"Unknown measure {measure!r}.")
    text = motive.strip()
    if not text:
        raise PacteError(OperationError.RISK_MOTIVE_REQUIRED, "A measure needs its motive.")
    line = line_locked(line)
    if line.status == LineStatus.TERMINATED:
        raise PacteError(OperationError.RISK_LINE_TERMINATED, f"Line {line.msisdn}: terminated.")
    facts: dict[str, Any] = {"measure": measure, "line": line.pk, "msisdn": line.msisdn}
    case = case_open(
        customer=line.account.customer,
        channel=channel,
        kind=CaseKind.RISK_MEASURE,
        motive=risk_motive(),
        subject=_subject(measure, line),
        team=team or risk_team(actor=actor, channel=channel),
        description=text,
        actor=actor,
        data=facts,
    )
    case = _locked(case)
    _record(
        case,
        kind=EventKind.MEASURE_TAKEN,
        actor=actor,
        channel=channel,
        body=text,
        data={**facts, "motive": text},
    )
    status = MEASURE_STATUS.get(measure)
    if status is not None and STRENGTH.get(line.status, 0) < STRENGTH[status]:
        line_status_set(
            line=line, status=status, reason=text, actor=actor, case=case, data={"cause": "risk"}
        )
    return case


def measure_taken(case: Case) -> CaseEvent:
    """The MEASURE_TAKEN event of a measure's case (NOT_RISK_MEASURE otherwise)."""
    taken = None
    if case.kind == CaseKind.RISK_MEASURE:
        taken = CaseEvent.objects.filter(case=case, kind=EventKind.MEASURE_TAKEN).first()
    if taken is None:
        raise PacteError(OperationError.NOT_RISK_MEASURE, f"Case {case.reference}: no measure.")
    return taken


def measure_lifted(case: Case) -> CaseEvent | None:
    """The MEASURE_LIFTED event of a measure's case, or None while it is in force."""
    return CaseEvent.objects.filter(case=case, kind=EventKind.MEASURE_LIFTED).first()


def measures_in_force(*, line_id: int, excluding: int | None = None) -> list[str]:
    """The kinds of the measures in force on the line (taken and not lifted)."""
    lifted = CaseEvent.objects.filter(kind=EventKind.MEASURE_LIFTED).values("case_id")
    taken = CaseEvent.objects.filter(
        kind=EventKind.MEASURE_TAKEN, case__kind=CaseKind.RISK_MEASURE, data__line=line_id
    ).exclude(case_id__in=lifted)
    if excluding is not None:
        taken = taken.exclude(case_id=excluding)
    return [str(kind) for kind in taken.values_list("data__measure", flat=True)]


def _status_after_lift(line: Line, case: Case) -> str | None:
    """The status the line goes back to once ``case`` is lifted; None: leave it."""
    if line.status not in (LineStatus.RESTRICTED, LineStatus.SUSPENDED):
        return None
    last = LineEvent.objects.filter(line=line).order_by("-seq").first()
    if last is None or last.data.get("cause") != "risk":
        return None
    remaining = [MEASURE_STATUS[m] for m in measures_in_force(line_id=line.pk, excluding=case.pk)
                 if m in MEASURE_STATUS]  # fmt: skip
    target: str = max(remaining, key=STRENGTH.__getitem__, default=LineStatus.ACTIVE)
    return None if target == line.status else target


@transaction.atomic
def risk_measure_lift(*, case: Case, reason: str, unfounded: bool, actor: User) -> CaseEvent:
    """Lift the measure of ``case``: record MEASURE_LIFTED (``unfounded``: a false
    positive; the reason is required), give the line back its status as the module
    says, and close the case if it is open.

    Takes the case's then the line's row lock. Refused (nothing written) for a role
    without RISK_MEASURE, a case that is not a measure, an empty reason, or a measure
    already lifted (``AlreadyLiftedError``, 409)."""
    _refuse_unless_allowed(actor)
    case = _locked(case)
    taken = measure_taken(case)
    if measure_lifted(case) is not None:
        raise AlreadyLiftedError(
            OperationError.RISK_ALREADY_LIFTED, f"Case {case.reference}: already lifted."
        )
    text = reason.strip()
    if not text:
        raise PacteError(OperationError.RISK_LIFT_REASON_REQUIRED, "Say why it is lifted.")
    event = _record(
        case,
        kind=EventKind.MEASURE_LIFTED,
        actor=actor,
        body=text,
        data={"unfounded": bool(unfounded), "reason": text, "measure": taken.data["measure"]},
    )
    line = Line.objects.filter(pk=taken.data.get("line")).first()
    if line is not None:
        line = line_locked(line)
        target = _status_after_lift(line, case)
        if target is not None:
            line_status_set(
                line=line,
                status=target,
                reason=text,
                actor=actor,
                case=case,
                data={"cause": "risk_lifted"},
            )
    if case.is_open:
        case_close(case=case, actor=actor, reason=text)
    return event
