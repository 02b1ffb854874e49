"""Every write to a case. Each service locks the case, records one CaseEvent, re-derives clocks.

Services are keyword-only and atomic. They take the case's row lock first
(``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's IMMEDIATE transactions serialise
writers), so two agents acting on one case at once apply one after the other and
each sees the other's result. Every event is stamped by ``pacte.core.instants``: at the
server's clock when a person acts; an earlier instant only from a permissioned
integration, within the window, and then marked late-recorded.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from pacte.cases.bills import BillDetails, bill_case_kind, dispute_close_check
from pacte.cases.close_guards import close_guards_check
from pacte.cases.errors import CaseError
from pacte.cases.facts_in_force import facts_in_force
from pacte.cases.fraud_routing import ROUTED, fraud_team_for
from pacte.cases.models import (
    Case,
    CaseEvent,
    CaseStatus,
    EventKind,
    Motive,
    Team,
)
from pacte.cases.recompute import clocks_recompute_cases
from pacte.core import clock
from pacte.core.chain import chain_link
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.instants import Stamp, instant_stamp, require_aware
from pacte.core.models import User
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer, Distributor

MIN_HAND_OFF_NOTE = 10


def _locked(case: Case) -> Case:
    """Take the case's row lock, then read it fresh with what the services need.

    The lock is taken on the case row alone: a locking read joined to other tables
    would lock them too and, on PostgreSQL, could miss a row another writer just moved.
    """
    list(Case.objects.select_for_update().filter(pk=case.pk).values_list("pk"))
    return Case.objects.select_related(
        "site__calendar", "site__scheme", "motive", "customer", "team"
    ).get(pk=case.pk)


def _refresh_clocks(case: Case) -> None:
    clocks_recompute_cases([case.pk], now=clock.now())
    case.refresh_from_db(fields=["due_at", "updated_at"])


def _require_open(case: Case) -> None:
    if case.status == CaseStatus.CLOSED:
        raise PacteError(CaseError.CLOSED, f"Case {case.reference} is closed.")


def _refuse_level_one_answerer(case: Case, user: User | None) -> None:
    """T6.6: nobody who answered the complaint an appeal follows may be given the appeal
    or answer it (ForbiddenError, with who and which complaint)."""
    if user is None or case.kind != CaseKind.APPEAL or case.follows_id is None:
        return
    answered = CaseEvent.objects.filter(
        case_id=case.follows_id, kind=EventKind.ANSWERED, actor_id=user.pk
    ).exists()
    if answered:
        complaint = f"P{case.follows_id:08d}"
        raise ForbiddenError(
            CaseError.LEVEL_ONE_ANSWERER,
            f"{user} answered complaint {complaint}, which appeal {case.reference} follows "
            "(T6.6: never the agent of the first answer).",
            user=str(user),
            complaint=complaint,
        )


def _require_mediator_notice(case: Case, body: str, data: dict[str, Any]) -> None:
    """T6.7: an appeal's answer carries the mediator notice, in its data and its text."""
    if case.kind != CaseKind.APPEAL:
        return
    notice = data.get("mediator_notice")
    if not isinstance(notice, str) or not notice.strip() or notice.strip() not in body:
        raise PacteError(
            CaseError.MEDIATOR_NOTICE_REQUIRED,
            f"Appeal {case.reference}: an answer without the mediator notice is refused (T6.7).",
        )


def _record(
    case: Case,
    *,
    kind: EventKind,
    actor: User | None,
    stamp: Stamp | None = None,
    channel: str = "",
    body: str = "",
    data: dict[str, Any] | None = None,
    first: bool = False,
) -> CaseEvent:
    """Append one event to the case's chain (the caller holds the case's row lock;
    ``first``: the case was just created, its chain is empty)."""
    stamp = stamp or Stamp.now()
    event = CaseEvent(
        case=case,
        kind=kind,
        at=stamp.at,
        recorded_at=stamp.recorded_at,
        late_recorded=stamp.late,
        actor=actor,
        channel=channel,
        body=body,
        data=data or {},
    )
    chain_link([event], new_chains=first)
    event.save(force_insert=True)
    return event


@transaction.atomic
def case_open(
    *,
    customer: Customer,
    channel: Channel,
    kind: CaseKind,
    motive: Motive,
    subject: str,
    team: Team,
    received_at: datetime | None = None,
    receipt: Stamp | None = None,
    description: str = "",
    actor: User | None = None,
    distributor: Distributor | None = None,
    bill: BillDetails | None = None,
    data: dict[str, Any] | None = None,
) -> Case:
    """Open a case on ``channel`` and start its clocks; records OPENED at the receipt
    (``data``: what the case's kind adds to it, e.g. a contract-acceptance difficulty's
    blocking point).

    A fraud victim's case (the flag in force at the receipt) goes to the site's
    fraud-victims team whatever ``team`` says (``cases.fraud_routing``; OPENED data
    ``routed``). A complaint about a bill (the motive's bill status in force at the
    receipt) opens as a bill dispute, whatever the channel (``cases.bills``); ``bill``
    (the invoice and the disputed amount) is kept on the OPENED event of a bill dispute.

    The receipt is now, or ``received_at`` as ``pacte.core.instants.instant_stamp``
    allows it for ``actor`` (a person: now; an integration: within the window, marked
    late-recorded). ``receipt`` is for a channel whose receipt rule is its own and
    already checked (the mail room's date stamp, ``intake.letters``). Refused
    (PacteError, nothing written) as the stamp rules say.
    """
    stamp = receipt or instant_stamp(claimed=received_at, actor=actor, field="received_at")
    received_at = stamp.at
    case = Case(
        customer=customer,
        distributor=distributor,
        channel=channel,
        kind=kind,
        motive=motive,
        subject=subject.strip()[:300],
        description=description,
        received_at=received_at,
        site=team.site,
        team=team,
        opened_by=actor,
    )
    facts = facts_in_force([case])[case.pk]
    case.kind = bill_case_kind(kind, billing=facts.billing)
    routed = fraud_team_for(team=team, kind=case.kind, fraud_victim=facts.fraud_victim)
    if routed is not None:
        case.team, case.site = routed, routed.site
    case.save(force_insert=True)
    opened: dict[str, Any] = {
        **(data or {}),
        "team": case.team.code,
        "kind": case.kind,
        "motive": motive.code,
    }
    if routed is not None:
        opened.update(routed=ROUTED, chosen_team=team.code)
    if case.kind != kind:
        opened["filed_as"] = kind
    if case.kind == CaseKind.BILL_DISPUTE and bill is not None:
        opened.update(bill.data())
    _record(
        case,
        kind=EventKind.OPENED,
        actor=actor,
        stamp=stamp,
        first=True,
        channel=channel,
        body=description,
        data=opened,
    )
    _refresh_clocks(case)
    return case


@transaction.atomic
def case_assign(*, case: Case, assignee: User | None, actor: User) -> Case:
    """Give the case to ``assignee`` (a member of its team), or back to the team queue."""
    case = _locked(case)
    _require_open(case)
    if assignee is not None and not case.team.members.filter(pk=assignee.pk).exists():
        raise PacteError(
            CaseError.ASSIGNEE_NOT_IN_TEAM, f"{assignee} is not a member of {case.team}."
        )
    _refuse_level_one_answerer(case, assignee)
    previous = case.assignee_id
    case.assignee = assignee
    if case.status == CaseStatus.NEW and assignee is not None:
        case.status = CaseStatus.OPEN
    case.save(update_fields=["assignee", "status", "updated_at"])
    _record(
        case,
        kind=EventKind.ASSIGNED,
        actor=actor,
        data={"from": previous, "to": assignee.pk if assignee else None},
    )
    return case


@transaction.atomic
def case_answer(
    *,
    case: Case,
    actor: User,
    channel: Channel,
    body: str,
    at: datetime | None = None,
    data: dict[str, Any] | None = None,
) -> Case:
    """Record the answer sent to the customer; the first answer stops the case's clocks.

    Stamped at the server's clock; ``at`` (when it was sent) only as
    ``instant_stamp`` allows it for ``actor``, never before the case's receipt. An
    appeal is refused to whoever answered its complaint (T6.6), and answered only with
    ``data["mediator_notice"]``, a text the body contains (T6.7: ``complaints.appeals.
    appeal_answer`` adds it).
    """
    case = _locked(case)
    _require_open(case)
    if not body.strip():
        raise PacteError(CaseError.EMPTY_ANSWER, "An answer needs a text.")
    data = data or {}
    _refuse_level_one_answerer(case, actor)
    _require_mediator_notice(case, body, data)
    stamp = instant_stamp(claimed=at, actor=actor, field="at", not_before=case.received_at)
    case.status = CaseStatus.ANSWERED
    case.save(update_fields=["status", "updated_at"])
    _record(
        case,
        kind=EventKind.ANSWERED,
        actor=actor,
        stamp=stamp,
        channel=channel,
        body=body,
        data=data,
    )
    _refresh_clocks(case)
    return case


@transaction.atomic
def case_hand_off(
    *,
    case: Case,
    actor: User,
    note: str,
    to_team: Team | None = None,
    to_assignee: User | None = None,
) -> Case:
    """Pass the case to another team or agent with the customer's context (T3.3).

    Refused without a context note of at least MIN_HAND_OFF_NOTE characters.
    """
    case = _locked(case)
    _require_open(case)
    if len(note.strip()) < MIN_HAND_OFF_NOTE:
        raise PacteError(
            CaseError.NOTE_REQUIRED,
            f"A hand-off needs a context note for the next agent "
            f"(at least {MIN_HAND_OFF_NOTE} characters).",
            count=MIN_HAND_OFF_NOTE,
        )
    if to_team is None and to_assignee is None:
        raise PacteError(CaseError.HAND_OFF_TARGET_REQUIRED, "Choose a team or an agent.")
    target_team = to_team or case.team
    if to_assignee is not None and not target_team.members.filter(pk=to_assignee.pk).exists():
        raise PacteError(
            CaseError.ASSIGNEE_NOT_IN_TEAM, f"{to_assignee} is not a member of {target_team}."
        )
    _refuse_level_one_answerer(case, to_assignee)
    if target_team.pk == case.team_id and (
        to_assignee is None or to_assignee.pk == case.assignee_id
    ):
        raise PacteError(CaseError.HAND_OFF_SAME_TARGET, "The case is already there.")
    data = {
        "from_team": case.team.code,
        "to_team": target_team.code,
        "from_assignee": case.assignee_id,
        "to_assignee": to_assignee.pk if to_assignee else None,
    }
    case.team = target_team
    case.site = target_team.site
    case.assignee = to_assignee
    case.save(update_fields=["team", "site", "assignee", "updated_at"])
    _record(case, kind=EventKind.HANDED_OFF, actor=actor, body=note.strip(), data=data)
    return case


@transaction.atomic
def case_commit_deadline(
    *,
    case: Case,
    actor: User,
    new_due_at: datetime,
    told_via: Channel,
    told_at: datetime | None = None,
    message: str = "",
) -> Case:
    """Commit a new deadline to the customer (T3.1 / T6.3 "new committed deadline").

    The customer is told now (the server's clock); ``told_at`` only as
    ``instant_stamp`` allows it for ``actor``. It moves the deadline in force only if
    the customer was told before that deadline expired; a promise told too late is
    recorded (``counts`` false) but changes nothing.
    """
    case = _locked(case)
    _require_open(case)
    require_aware(new_due_at, "new_due_at")
    stamp = instant_stamp(
        claimed=told_at, actor=actor, field="told_at", not_before=case.received_at
    )
    told_at = stamp.at
    if case.due_at is not None and new_due_at <= case.due_at:
        raise PacteError(
            CaseError.DEADLINE_NOT_LATER, "The new deadline must be later than the one in force."
        )
    counts = case.due_at is None or told_at <= case.due_at
    _record(
        case,
        kind=EventKind.DEADLINE_COMMITTED,
        actor=actor,
        stamp=stamp,
        channel=told_via,
        body=message,
        data={
            "new_due_at": new_due_at.isoformat(),
            "told_at": told_at.isoformat(),
            "previous_due_at": case.due_at.isoformat() if case.due_at else None,
            "counts": counts,
        },
    )
    _refresh_clocks(case)
    return case


@transaction.atomic
def case_add_note(*, case: Case, actor: User, body: str) -> CaseEvent:
    """Add an internal note (never shown to the customer)."""
    case = _locked(case)
    if not body.strip():
        raise PacteError(CaseError.EMPTY_ANSWER, "A note needs a text.")
    return _record(case, kind=EventKind.NOTE, actor=actor, body=body.strip())


@transaction.atomic
def case_close(*, case: Case, actor: User, reason: str = "") -> Case:
    """Close the case. Clocks keep their verdicts; an unanswered clock stays due.

    Refused for a bill dispute found proven without a correction or credit (T5.2), and
    as the guards of the case's kind (``cases.close_guards``) say.
    """
    case = _locked(case)
    _require_open(case)
    dispute_close_check(case.pk, case.kind)
    close_guards_check(case)
    case.status = CaseStatus.CLOSED
    case.save(update_fields=["status", "updated_at"])
    _record(case, kind=EventKind.CLOSED, actor=actor, body=reason)
    return case


@transaction.atomic
def case_reopen(*, case: Case, actor: User, reason: str) -> Case:
    """Reopen a closed case; the reason is recorded."""
    case = _locked(case)
    if case.status != CaseStatus.CLOSED:
        raise PacteError(CaseError.NOT_CLOSED, f"Case {case.reference} is not closed.")
    case.status = CaseStatus.OPEN
    case.save(update_fields=["status", "updated_at"])
    _record(case, kind=EventKind.REOPENED, actor=actor, body=reason)
    return case


@transaction.atomic
def case_customer_match(*, case: Case, customer: Customer, actor: User) -> Case:
    """Give a case opened for a sender who could not be identified (an email without a
    readable address) to the customer who wrote it; records CUSTOMER_MATCHED with both
    customer numbers and re-derives the clocks (they read the customer's facts)."""
    case = _locked(case)
    if not case.customer.unidentified:
        raise PacteError(
            CaseError.CUSTOMER_ALREADY_IDENTIFIED,
            f"Case {case.reference} already belongs to an identified customer.",
        )
    if customer.unidentified:
        raise PacteError(
            CaseError.CUSTOMER_UNIDENTIFIED,
            f"Customer {customer.reference} is itself an unidentified sender.",
        )
    previous = case.customer
    case.customer = customer
    case.save(update_fields=["customer", "updated_at"])
    _record(
        case,
        kind=EventKind.CUSTOMER_MATCHED,
        actor=actor,
        data={"from": previous.reference, "to": customer.reference},
    )
    _refresh_clocks(case)
    return case


def case_lock(case: Case) -> Case:
    """Take the case's row lock and read it fresh: for a domain above cases that checks
    its own rules before ``case_event_record``, in the same transaction."""
    return _locked(case)


@transaction.atomic
def case_event_record(
    *,
    case: Case,
    kind: EventKind,
    actor: User | None,
    channel: str = "",
    body: str = "",
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    """Record one event of a domain above cases (the complaint chain: docs/mediation.md)
    on the case at the server's clock, then re-derive its clocks. The caller checks its
    rules under the case's lock (``case_lock``, same transaction)."""
    case = _locked(case)
    event = _record(case, kind=kind, actor=actor, channel=channel, body=body, data=data)
    _refresh_clocks(case)
    return event
