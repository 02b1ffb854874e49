"""Dunning (T4.3): a line's dunning case, the contact attempts, and the suspension rule.

A line with unpaid bills has at most one open dunning case (kind ``dunning``, motive
``unpaid-bills``, ``DunningCase`` naming the line). It is opened on first need (the first
contact attempt or suspension asked for the line, ``dunning_case_for``), not by the
import: a million-row import writes bills only, and no case opens for a bill paid before
anyone acts (docs/operations-dunning.md). Its bills (the line's, and its account's
bills without a line) point to it.

A contact attempt is DUNNING_CONTACT on the case, at the server's clock (data
``means``: the means to regularise given, ``means_given``, ``channel``; body: what the
customer was told). A suspension for non-payment is allowed only when a contact with
means is at least N days old (``suspension_rules``, ``operations.suspension``).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pacte.cases.models import Case, CaseEvent, CaseStatus, EventKind, Motive, Team
from pacte.cases.services import _locked, _record, _require_open, case_open
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Line
from pacte.intake.routing import route_for
from pacte.operations.errors import OperationError
from pacte.operations.lines import line_locked
from pacte.operations.models import DunningCase, UnpaidBill
from pacte.operations.motives import operation_motive

DUNNING_MOTIVE = "unpaid-bills"


class RegularisationMeans:
    """The means to regularise a contact attempt can give (codes kept in the event)."""

    PAY_ONLINE = "pay_online"
    DIRECT_DEBIT = "direct_debit"
    PAYMENT_PLAN = "payment_plan"
    SHOP = "shop"
    choices = (
        (PAY_ONLINE, gettext_lazy("Pay online (customer area)")),
        (DIRECT_DEBIT, gettext_lazy("Direct debit")),
        (PAYMENT_PLAN, gettext_lazy("Payment plan")),
        (SHOP, gettext_lazy("Pay in a shop")),
    )
    values = (PAY_ONLINE, DIRECT_DEBIT, PAYMENT_PLAN, SHOP)


def _refuse_unless(actor: User, action: Action) -> None:
    if not may(actor, action):
        raise PacteError(OperationError.NOT_ALLOWED, "Your role may not do this.")


def open_bills(line: Line) -> Q:
    """The unsettled bills of ``line``: its own and its account's without a line."""
    return Q(settled_at__isnull=True) & (
        Q(line=line) | Q(line__isnull=True, account_id=line.account_id)
    )


def dunning_case_open_of(line: Line) -> Case | None:
    """The line's open dunning case, or None."""
    found = (
        DunningCase.objects.select_related("case")
        .filter(line=line)
        .exclude(case__status=CaseStatus.CLOSED)
        .order_by("-case_id")
        .first()
    )
    return found.case if found is not None else None


def dunning_team() -> Team:
    """Dunning cases go to the phone route's team (the contact is mostly a call)."""
    try:
        return route_for(Channel.PHONE).team
    except PacteError:
        team = Team.objects.order_by("pk").first()
        if team is None:
            raise
        return team


def dunning_motive() -> Motive:
    """The motive of these cases (``operations.motives``: made if missing)."""
    return operation_motive(DUNNING_MOTIVE)


@transaction.atomic
def dunning_case_for(*, line: Line, actor: User | None) -> Case:
    """The line's open dunning case, opened now if it has none (under the line's row
    lock, so two agents get the same case). Refused (NO_UNPAID_BILL) for a line
    without an unsettled bill."""
    line = line_locked(line)
    case = dunning_case_open_of(line)
    if case is not None:
        return case
    bills = UnpaidBill.objects.filter(open_bills(line))
    if not bills.exists():
        raise PacteError(
            OperationError.NO_UNPAID_BILL, f"Line {line.msisdn} has no unpaid bill.", line=line
        )
    case = case_open(
        customer=line.account.customer,
        channel=Channel.PHONE,
        kind=CaseKind.DUNNING,
        motive=dunning_motive(),
        subject=_("Unpaid bills, line %(line)s") % {"line": line.msisdn},
        team=dunning_team(),
        actor=actor,
        data={"line": line.pk, "msisdn": line.msisdn, "account": line.account.number},
    )
    DunningCase.objects.create(case=case, line=line)
    bills.filter(Q(case__isnull=True) | Q(case__status=CaseStatus.CLOSED)).update(case=case)
    return case


def dunning_line(case: Case) -> Line:
    """The line a dunning case is about (NOT_DUNNING for any other case)."""
    link = DunningCase.objects.select_related("line__account").filter(case_id=case.pk).first()
    if case.kind != CaseKind.DUNNING or link is None:
        raise PacteError(OperationError.NOT_DUNNING, f"Case {case.reference} is not dunning.")
    return link.line


def means_clean(means: list[str]) -> list[str]:
    """The means given, checked, each once, in the list's order (MEANS_REQUIRED when
    none, MEANS_INVALID naming an unknown one)."""
    given = [item.strip() for item in means if item and item.strip()]
    if not given:
        raise PacteError(OperationError.MEANS_REQUIRED, "No means to regularise given.")
    for item in given:
        if item not in RegularisationMeans.values:
            raise PacteError(OperationError.MEANS_INVALID, f"Unknown means {item!r}.", means=item)
    return list(dict.fromkeys(given))


@transaction.atomic
def dunning_contact_record(
    *,
    case: Case,
    actor: User,
    channel: str,
    content: str,
    regularisation_means: list[str],
) -> CaseEvent:
    """Record a contact attempt about the unpaid bills on the dunning ``case``
    (DUNNING_CONTACT at the server's clock): how (``channel``), what was said
    (``content``) and the means to regularise given (at least one)."""
    _refuse_unless(actor, Action.DUNNING_RECORD)
    case = _locked(case)
    line = dunning_line(case)
    _require_open(case)
    if channel not in Channel.values:
        raise PacteError(OperationError.CONTACT_CHANNEL_INVALID, f"Unknown channel {channel!r}.")
    text = content.strip()
    if not text:
        raise PacteError(OperationError.CONTACT_CONTENT_REQUIRED, "A contact needs its content.")
    means = means_clean(regularisation_means)
    return _record(
        case,
        kind=EventKind.DUNNING_CONTACT,
        actor=actor,
        channel=channel,
        body=text,
        data={"means": means, "means_given": True, "channel": channel, "line": line.pk},
    )


def dunning_contacts(case: Case) -> list[CaseEvent]:
    """The case's contact attempts, oldest first."""
    return list(
        CaseEvent.objects.filter(case=case, kind=EventKind.DUNNING_CONTACT)
        .select_related("actor")
        .order_by("at", "pk")
    )
