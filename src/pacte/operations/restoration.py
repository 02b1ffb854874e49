"""Line restoration after payment (T4.4): queued at once, restored by the worker.

A registered payment (``operations.payments``) queues, in its own transaction, the
restoration of each line of the account that is suspended for non-payment (its last
suspension's ``LineEvent`` says ``cause: non_payment``) and that no unsettled bill keeps
suspended (a bill of that line, or a bill of the account given for no line). Queuing
opens a case of kind ``restoration``:

- received at the payment's ``registered_at`` (the server's clock), so the T4.4 clock
  (4 h, 24/7: the version's deadline rule) starts when the payment was registered;
- OPENED data ``payment``, ``line``, ``msisdn``; then PAYMENT_REGISTERED (reference,
  amount, date, source);
- team: the team of the suspension's case (the dunning case, which knows the file),
  else the first team (by site, then code); motive ``line-restoration`` (created with
  its labels on first use when the catalogue lacks it);

and, once the transaction commits, a worker job (``line_restore_task``) that restores
the line. ``line_restore`` (the job, or an agent by hand) records LINE_RESTORED, which
stops the clock, moves the line back to active (``LineEvent`` data ``cause:
restoration``) and closes the case. It is idempotent: a case already restored is left
as it is. ``restorations_due_task`` restores every queued restoration still waiting
(a job lost between the commit and the queue is caught up by it).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django_tasks import task

from pacte.cases.models import Case, CaseEvent, CaseStatus, EventKind, Motive, Team
from pacte.cases.services import _locked, _record, _refresh_clocks, case_open
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.instants import Stamp
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Line, LineStatus
from pacte.operations.errors import OperationError
from pacte.operations.lines import line_locked, line_status_set
from pacte.operations.models import LineEvent, Payment, UnpaidBill
from pacte.operations.motives import operation_motive

RESTORATION_MOTIVE = "line-restoration"
NON_PAYMENT = "non_payment"
RESTORATION = "restoration"


def restoration_motive() -> Motive:
    """The motive of these cases (``operations.motives``: made if missing)."""
    return operation_motive(RESTORATION_MOTIVE)


def last_suspension(line: Line) -> LineEvent | None:
    """The line's last move to suspended, when that is its current status."""
    if line.status != LineStatus.SUSPENDED:
        return None
    return (
        LineEvent.objects.filter(line=line, status_to=LineStatus.SUSPENDED)
        .select_related("case__team")
        .order_by("-seq")
        .first()
    )


def _restorable(line: Line) -> LineEvent | None:
    """The suspension for non-payment to undo, if no unsettled bill keeps it."""
    suspension = last_suspension(line)
    if suspension is None or suspension.data.get("cause") != NON_PAYMENT:
        return None
    unsettled = UnpaidBill.objects.filter(
        Q(line=line) | Q(line__isnull=True), account_id=line.account_id, settled_at__isnull=True
    )
    if unsettled.exists():
        return None
    queued = Case.objects.filter(
        kind=CaseKind.RESTORATION,
        received_at__gte=suspension.at,
        events__kind=EventKind.OPENED,
        events__data__line=line.pk,
    )
    return None if queued.exists() else suspension


def _team(suspension: LineEvent) -> Team:
    if suspension.case is not None:
        return suspension.case.team
    team = Team.objects.select_related("site").order_by("site_id", "code").first()
    if team is None:
        raise PacteError(OperationError.RESTORATION_NO_TEAM, "No team to give the restoration to.")
    return team


def _queue_one(*, payment: Payment, line: Line, suspension: LineEvent, actor: User | None) -> Case:
    stamp = Stamp(at=payment.registered_at, recorded_at=payment.registered_at, late=False)
    channel = Channel(suspension.case.channel) if suspension.case else Channel.PHONE
    case = case_open(
        customer=line.account.customer,
        channel=channel,
        kind=CaseKind.RESTORATION,
        motive=restoration_motive(),
        subject=_("Restore line %(msisdn)s after payment %(reference)s")
        % {"msisdn": line.msisdn, "reference": payment.reference},
        team=_team(suspension),
        receipt=stamp,
        actor=actor,
        data={"payment": payment.pk, "line": line.pk, "msisdn": line.msisdn},
    )
    case = _locked(case)
    _record(
        case,
        kind=EventKind.PAYMENT_REGISTERED,
        actor=actor,
        stamp=stamp,
        data={
            "payment": payment.pk,
            "reference": payment.reference,
            "amount": str(payment.amount),
            "paid_on": payment.paid_on.isoformat(),
            "source": payment.source,
        },
    )
    transaction.on_commit(lambda: line_restore_task.enqueue(case.pk))
    return case


def restorations_queue(*, payment: Payment, actor: User | None) -> list[Case]:
    """Queue the restorations ``payment`` allows (see the module); in the caller's
    transaction, which holds the account's row lock. Returns the cases opened."""
    lines = Line.objects.filter(
        account_id=payment.account_id, status=LineStatus.SUSPENDED
    ).select_related("account__customer")
    cases = []
    for line in lines.order_by("pk"):
        suspension = _restorable(line)
        if suspension is not None:
            cases.append(_queue_one(payment=payment, line=line, suspension=suspension, actor=actor))
    return cases


def restoration_line(case: Case) -> Line:
    """The line a restoration case restores (its OPENED data)."""
    opened = CaseEvent.objects.filter(case=case, kind=EventKind.OPENED).first()
    line_id = (opened.data if opened else {}).get("line")
    found = Line.objects.filter(pk=line_id).first() if isinstance(line_id, int) else None
    if case.kind != CaseKind.RESTORATION or found is None:
        raise PacteError(OperationError.NOT_RESTORATION, f"Case {case.reference}: no line.")
    return found


@transaction.atomic
def line_restore(*, case: Case, actor: User | None = None) -> CaseEvent:
    """Restore the line of the restoration ``case``: LINE_RESTORED at the server's clock
    (stopping the T4.4 clock), the line back to active (``cause: restoration``) and the
    case closed. ``actor``: None for the worker job; a person must be allowed
    ``Action.LINE_RESTORE`` (403 otherwise). Already restored: the first LINE_RESTORED
    is returned and nothing is written. Refused (nothing written) for a case of another
    kind, or a line neither suspended nor already active (blocked, terminated: a person
    decides). Holds the case's, then the line's row lock."""
    if actor is not None and not may(actor, Action.LINE_RESTORE):
        raise ForbiddenError(OperationError.NOT_ALLOWED, "Your role may not restore lines.")
    case = _locked(case)
    line = restoration_line(case)
    done = CaseEvent.objects.filter(case=case, kind=EventKind.LINE_RESTORED).first()
    if done is not None:
        return done
    line = line_locked(line)
    if line.status not in (LineStatus.SUSPENDED, LineStatus.ACTIVE):
        raise PacteError(
            OperationError.RESTORATION_LINE_STATE,
            f"Line {line.msisdn} is {line.status}.",
            msisdn=line.msisdn,
            status=LineStatus(line.status).label,
        )
    data: dict[str, object] = {"line": line.pk, "msisdn": line.msisdn}
    if line.status == LineStatus.SUSPENDED:
        moved = line_status_set(
            line=line,
            status=LineStatus.ACTIVE,
            reason=_("Restored after payment (case %(reference)s)") % {"reference": case.reference},
            actor=actor,
            case=case,
            data={"cause": RESTORATION},
        )
        data["line_event"] = moved.pk
    else:
        data["already_active"] = True
    event = _record(case, kind=EventKind.LINE_RESTORED, actor=actor, data=data)
    _refresh_clocks(case)
    if case.status != CaseStatus.CLOSED:
        case.status = CaseStatus.CLOSED
        case.save(update_fields=["status", "updated_at"])
        _record(case, kind=EventKind.CLOSED, actor=actor, body=_("Line restored."))
    return event


def restorations_waiting() -> list[int]:
    """Restoration cases with no LINE_RESTORED yet, oldest first (their ids)."""
    restored = CaseEvent.objects.filter(case_id=OuterRef("pk"), kind=EventKind.LINE_RESTORED)
    waiting = Case.objects.filter(kind=CaseKind.RESTORATION).exclude(Exists(restored))
    return list(waiting.order_by("received_at", "pk").values_list("pk", flat=True))


@task()
def line_restore_task(case_id: int) -> str:
    """Restore the line of one restoration case (the worker); safe to run again."""
    case = Case.objects.filter(pk=case_id, kind=CaseKind.RESTORATION).first()
    if case is None:
        return "missing"
    event = line_restore(case=case)
    return event.at.isoformat()


@task()
def restorations_due_task() -> dict[str, int]:
    """Restore every restoration still waiting (a lost job caught up); a refusal (a
    blocked or terminated line) leaves that case for a person and goes on."""
    restored = refused = 0
    for case_id in restorations_waiting():
        try:
            line_restore(case=Case.objects.get(pk=case_id))
        except PacteError:
            refused += 1
        else:
            restored += 1
    return {"restored": restored, "refused": refused}
