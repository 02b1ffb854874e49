"""Stolen or lost phones (T6.4): declared on any channel 24/7, line and handset blocked,
each with its time, the customer told, unblocked only after an identity check.

A declaration opens a case of kind ``stolen_phone`` (motive ``stolen-phone``) whose
OPENED event names the line (``line``, ``msisdn``) and ``lost_or_stolen``. The line's
block (LINE_BLOCKED) and the handset's (IMEI_BLOCKED) are two events, each at the
server's clock, each with its ``LineEvent``; the 1 h clock (24/7) stops at the later of
the two (``operations.clock_stops``). Once both exist the customer is sent the three
times (NOTICE_SENT, by email), or the case records why not (NOTICE_IMPOSSIBLE: no
address). Unblocking (LINE_UNBLOCKED) is refused unless the caller's identity was
checked on the case after the block (``operations.identity``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pacte.cases.models import Case, CaseEvent, EventKind, Motive, Team
from pacte.cases.services import _locked, _record, _refresh_clocks, _require_open, case_open
from pacte.core.dates import when_text
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer, Line, LineStatus
from pacte.mail.models import OutboundKind
from pacte.mail.outbound import outbound_queue
from pacte.operations.errors import OperationError
from pacte.operations.identity import identity_check_last
from pacte.operations.lines import line_of_customer, line_status_set
from pacte.operations.motives import operation_motive

STOLEN_MOTIVE = "stolen-phone"
CONFIRMATION = "stolen_confirmation"


class LostOrStolen(models.TextChoices):
    LOST = "lost", gettext_lazy("Lost")
    STOLEN = "stolen", gettext_lazy("Stolen")


@dataclass(frozen=True, slots=True)
class StolenTimes:
    """A declaration's three times (None: not yet) and the line it is about."""

    declared_at: datetime
    line_blocked_at: datetime | None
    imei_blocked_at: datetime | None
    unblocked_at: datetime | None
    line_id: int | None
    msisdn: str
    lost_or_stolen: str

    @property
    def both_blocked(self) -> bool:
        return self.line_blocked_at is not None and self.imei_blocked_at is not None

    @property
    def blocked_at(self) -> datetime | None:
        """When both were blocked (the later of the two), else None."""
        if self.line_blocked_at is None or self.imei_blocked_at is None:
            return None
        return max(self.line_blocked_at, self.imei_blocked_at)


def _refuse_unless(actor: User, action: Action) -> None:
    if not may(actor, action):
        raise PacteError(OperationError.NOT_ALLOWED, "Your role may not do this.")


def _refuse_customer(actor: User) -> None:
    """A customer declares; the operator blocks and unblocks."""
    if actor.role == Role.CUSTOMER:
        raise PacteError(OperationError.NOT_ALLOWED, "Your role may not do this.")


def stolen_motive() -> Motive:
    """The motive of these cases (``operations.motives``: made if missing)."""
    return operation_motive(STOLEN_MOTIVE)


def stolen_team(customer: Customer) -> Team:
    """The team of the customer's latest case (an appeals service's excepted), else the
    first team (by code) that is neither an appeals service nor a fraud-victims team."""
    latest = (
        Case.objects.filter(customer=customer, team__handles_appeals=False)
        .select_related("team")
        .order_by("-received_at", "-pk")
        .first()
    )
    if latest is not None:
        return latest.team
    team = (
        Team.objects.filter(handles_appeals=False, handles_fraud_victims=False)
        .order_by("code")
        .first()
    )
    if team is None:
        raise PacteError(OperationError.STOLEN_NO_TEAM, "No team to take the declaration.")
    return team


@transaction.atomic
def stolen_phone_declare(
    *,
    customer: Customer,
    line: Line | int | str,
    channel: Channel,
    actor: User,
    lost_or_stolen: str,
    at: datetime | None = None,
    team: Team | None = None,
) -> Case:
    """Open the stolen-or-lost-phone case of ``customer``'s ``line`` (24/7, any channel).

    Declared now; ``at`` (when the IVR took it) only as ``instant_stamp`` allows it for
    ``actor`` (an integration: within the window, late-recorded). A customer declares
    for their own line. The case goes to ``team``, else ``stolen_team``; a fraud
    victim's to their site's fraud-victims team (``cases.services.case_open``).
    """
    _refuse_unless(actor, Action.STOLEN_DECLARE)
    if actor.role == Role.CUSTOMER and customer.user_id != actor.pk:
        raise PacteError(OperationError.NO_LINE, f"{customer} is not {actor}.")
    if lost_or_stolen not in LostOrStolen.values:
        raise PacteError(OperationError.STOLEN_KIND_INVALID, f"Unknown {lost_or_stolen!r}.")
    if not isinstance(line, Line):
        line = line_of_customer(customer, line)
    elif line.account.customer_id != customer.pk:
        raise PacteError(OperationError.NO_LINE, f"Line {line} is not {customer}'s.")
    subject = (
        _("Stolen phone: line %(msisdn)s")
        if lost_or_stolen == LostOrStolen.STOLEN
        else _("Lost phone: line %(msisdn)s")
    ) % {"msisdn": line.msisdn}
    return case_open(
        customer=customer,
        channel=channel,
        kind=CaseKind.STOLEN_PHONE,
        motive=stolen_motive(),
        subject=subject,
        team=team or stolen_team(customer),
        received_at=at,
        actor=actor,
        data={"line": line.pk, "msisdn": line.msisdn, "lost_or_stolen": lost_or_stolen},
    )


def _stolen_case(case: Case) -> Case:
    if case.kind != CaseKind.STOLEN_PHONE:
        raise PacteError(OperationError.NOT_STOLEN_PHONE, f"Case {case.reference} is not one.")
    return case


def _events(case: Case) -> list[CaseEvent]:
    kinds = (
        EventKind.OPENED,
        EventKind.LINE_BLOCKED,
        EventKind.IMEI_BLOCKED,
        EventKind.LINE_UNBLOCKED,
        EventKind.NOTICE_SENT,
        EventKind.NOTICE_IMPOSSIBLE,
    )
    return list(CaseEvent.objects.filter(case=case, kind__in=kinds).order_by("at", "pk"))


def _first_at(events: list[CaseEvent], kind: str) -> datetime | None:
    return next((event.at for event in events if event.kind == kind), None)


def stolen_times(case: Case, events: list[CaseEvent] | None = None) -> StolenTimes:
    """The declaration's times, from its events (one query unless ``events`` given)."""
    events = _events(case) if events is None else events
    opened = next((event for event in events if event.kind == EventKind.OPENED), None)
    data = opened.data if opened is not None else {}
    line_id = data.get("line")
    return StolenTimes(
        declared_at=case.received_at,
        line_blocked_at=_first_at(events, EventKind.LINE_BLOCKED),
        imei_blocked_at=_first_at(events, EventKind.IMEI_BLOCKED),
        unblocked_at=_first_at(events, EventKind.LINE_UNBLOCKED),
        line_id=line_id if isinstance(line_id, int) else None,
        msisdn=str(data.get("msisdn", "")),
        lost_or_stolen=str(data.get("lost_or_stolen", "")),
    )


def _line(case: Case, times: StolenTimes) -> Line:
    return line_of_customer(case.customer, times.line_id)


def _language(customer: Customer) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    chosen = customer.preferred_language
    return chosen if chosen in codes else settings.LANGUAGE_CODE


def confirmation_text(case: Case, times: StolenTimes) -> tuple[str, str]:
    """(subject, body) of the confirmation, in the customer's language and site's zone."""
    language = _language(case.customer)
    zone = ZoneInfo(case.site.calendar.timezone)

    def local(instant: datetime | None) -> str:
        return when_text(instant, language, zone=zone) if instant is not None else "—"

    with translation.override(language):
        subject = _("[%(reference)s] Your line %(msisdn)s and your handset are blocked") % {
            "reference": case.reference,
            "msisdn": times.msisdn,
        }
        lines = [
            _("Hello,"),
            "",
            _("You declared your phone lost or stolen on %(at)s.")
            % {"at": local(times.declared_at)},
            _("Your line %(msisdn)s was blocked on %(at)s.")
            % {"msisdn": times.msisdn, "at": local(times.line_blocked_at)},
            _("Your handset (IMEI) was blocked on %(at)s.") % {"at": local(times.imei_blocked_at)},
            "",
            _("To unblock your line, call us: we will check your identity first."),
        ]
    return subject, "\n".join(lines) + "\n"


def _confirm(case: Case, actor: User) -> None:
    """Tell the customer the three times, once, when both blocks exist."""
    events = _events(case)
    times = stolen_times(case, events)
    told = any(
        event.kind in (EventKind.NOTICE_SENT, EventKind.NOTICE_IMPOSSIBLE)
        and event.data.get("what") == CONFIRMATION
        for event in events
    )
    if not times.both_blocked or told:
        return
    subject, body = confirmation_text(case, times)
    address = case.customer.email
    if not address:
        _record(
            case,
            kind=EventKind.NOTICE_IMPOSSIBLE,
            actor=actor,
            body=_("The customer has no email address: the confirmation could not be sent."),
            data={"party": "customer", "what": CONFIRMATION},
        )
        return
    outbound = outbound_queue(
        case=case, kind=OutboundKind.ANSWER, to=address, subject=subject, body=body
    )
    _record(
        case,
        kind=EventKind.NOTICE_SENT,
        actor=actor,
        channel=Channel.EMAIL,
        body=body,
        data={
            "party": "customer",
            "channel": str(Channel.EMAIL),
            "what": CONFIRMATION,
            "outbound": outbound.pk,
        },
    )


def _block(case: Case, actor: User, *, kind: EventKind) -> CaseEvent:
    _refuse_unless(actor, Action.STOLEN_DECLARE)
    _refuse_customer(actor)
    case = _stolen_case(_locked(case))
    _require_open(case)
    times = stolen_times(case)
    done = times.line_blocked_at if kind == EventKind.LINE_BLOCKED else times.imei_blocked_at
    if done is not None and times.unblocked_at is None:
        raise PacteError(OperationError.ALREADY_BLOCKED, f"Case {case.reference}: {kind} done.")
    line = _line(case, times)
    if kind == EventKind.LINE_BLOCKED:
        line_event = line_status_set(
            line=line,
            status=LineStatus.BLOCKED,
            reason=_("Line blocked: phone declared lost or stolen"),
            actor=actor,
            case=case,
            data={"cause": "stolen"},
        )
    else:
        line_event = line_status_set(
            line=line,
            status=line.status,
            reason=_("Handset blocked: phone declared lost or stolen"),
            actor=actor,
            case=case,
            imei_blocked=True,
            data={"cause": "stolen"},
        )
    event = _record(
        case,
        kind=kind,
        actor=actor,
        data={
            "line": line.pk,
            "msisdn": line.msisdn,
            "imei": line.imei,
            "line_event": line_event.pk,
        },
    )
    _confirm(case, actor)
    _refresh_clocks(case)
    return event


@transaction.atomic
def line_block(*, case: Case, actor: User) -> CaseEvent:
    """Block the declared line (LINE_BLOCKED, at the server's clock; the line's status
    ``blocked``, cause ``stolen``). Refused when already blocked on the case."""
    return _block(case, actor, kind=EventKind.LINE_BLOCKED)


@transaction.atomic
def imei_block(*, case: Case, actor: User) -> CaseEvent:
    """Block the handset (IMEI_BLOCKED, at the server's clock; the line keeps its status,
    its handset goes on the blocked list, cause ``stolen``). Refused when already done."""
    return _block(case, actor, kind=EventKind.IMEI_BLOCKED)


@transaction.atomic
def stolen_phone_block_both(*, case: Case, actor: User) -> list[CaseEvent]:
    """Block whichever of the line and the handset is not blocked yet (each its time)."""
    times = stolen_times(case)
    done: list[CaseEvent] = []
    if times.line_blocked_at is None:
        done.append(line_block(case=case, actor=actor))
    if times.imei_blocked_at is None:
        done.append(imei_block(case=case, actor=actor))
    return done


@transaction.atomic
def line_unblock(*, case: Case, actor: User, reason: str) -> CaseEvent:
    """Unblock the line and its handset (LINE_UNBLOCKED; status ``active``, cause
    ``unblock``). Refused without a reason, when the line is not blocked, and unless the
    caller's identity was checked on the case after the block (``identity_check_record``)."""
    _refuse_unless(actor, Action.LINE_UNBLOCK)
    case = _stolen_case(_locked(case))
    _require_open(case)
    if not reason.strip():
        raise PacteError(OperationError.REASON_REQUIRED, "An unblocking needs a reason.")
    times = stolen_times(case)
    line = _line(case, times)
    blocked = [at for at in (times.line_blocked_at, times.imei_blocked_at) if at is not None]
    still = line.status == LineStatus.BLOCKED or line.imei_blocked
    if not blocked or times.unblocked_at is not None or not still:
        raise PacteError(OperationError.NOT_BLOCKED, f"Case {case.reference}: not blocked.")
    since = max(blocked)
    if identity_check_last(case, since=since) is None:
        zone = ZoneInfo(case.site.calendar.timezone)
        raise PacteError(
            OperationError.UNBLOCK_IDENTITY_REQUIRED,
            f"Case {case.reference}: no identity check since the block ({since.isoformat()}).",
            since=when_text(since, translation.get_language() or "en", zone=zone),
        )
    line_event = line_status_set(
        line=line,
        status=LineStatus.ACTIVE if line.status == LineStatus.BLOCKED else line.status,
        reason=reason.strip(),
        actor=actor,
        case=case,
        imei_blocked=False,
        data={"cause": "unblock"},
    )
    return _record(
        case,
        kind=EventKind.LINE_UNBLOCKED,
        actor=actor,
        body=reason.strip(),
        data={"line": line.pk, "msisdn": line.msisdn, "line_event": line_event.pk},
    )
