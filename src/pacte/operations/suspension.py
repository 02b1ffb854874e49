"""Suspension of a line for non-payment and its rule (T4.3-R1, T4.3-R2).

A line is suspended for non-payment only when a contact attempt giving the means to
regularise (DUNNING_CONTACT with ``means_given``) was logged on its dunning case at
least N days before now; N is ``OperationRules.suspension_notice_days`` of the active
scheme version of the case's site (8 when the version has no row).

``suspension_allowed_many`` decides for many lines at once, in the database (two
subqueries per line, a few queries per 10,000 lines); the single-line service uses it.
A refusal raises a PacteError naming the rule and since when the suspension could be
allowed, and is also kept as SUSPENSION_REFUSED on the case (its own transaction,
after the refused one rolled back) for the monthly review of refusals (T4.3-R2).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Case as When_
from django.db.models import DateTimeField, Max, Min, Q, QuerySet, Value, When
from django.utils import translation

from pacte.cases.models import Case, CaseEvent, CaseStatus, EventKind, Site
from pacte.cases.services import _locked, _record, _require_open
from pacte.commitments.models import SchemeVersion, VersionStatus
from pacte.core import clock
from pacte.core.dates import when_text
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.customers.models import Line, LineStatus
from pacte.operations.dunning import dunning_case_for, dunning_line
from pacte.operations.errors import OperationError
from pacte.operations.lines import line_status_set
from pacte.operations.models import DunningCase, LineEvent, OperationRules

RULE = "T4.3"
DEFAULT_NOTICE_DAYS = OperationRules._meta.get_field("suspension_notice_days").default
CHUNK = 10_000


def notice_days(version: SchemeVersion | None) -> int:
    """N of ``version`` (its OperationRules row, else the default)."""
    if version is None:
        return int(DEFAULT_NOTICE_DAYS)
    rules = OperationRules.objects.filter(version=version).first()
    return int(rules.suspension_notice_days if rules else DEFAULT_NOTICE_DAYS)


def notice_days_by_site() -> dict[int, int]:
    """N for each site: its scheme's active version's (a few rows, one query each)."""
    active = {
        version.scheme_id: version
        for version in SchemeVersion.objects.filter(status=VersionStatus.ACTIVE)
    }
    rows = {
        rules.version_id: rules.suspension_notice_days
        for rules in OperationRules.objects.filter(version__in=list(active.values()))
    }
    days: dict[int, int] = {}
    for site_id, scheme_id in Site.objects.values_list("pk", "scheme_id"):
        version = active.get(scheme_id)
        days[site_id] = rows.get(version.pk if version else -1, int(DEFAULT_NOTICE_DAYS))
    return days


def contacts_with_means() -> QuerySet[CaseEvent]:
    """Contact attempts that gave the means to regularise."""
    return CaseEvent.objects.filter(kind=EventKind.DUNNING_CONTACT, data__means_given=True)


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Whether a line may be suspended now, and why."""

    line_id: int
    case_id: int | None
    days: int
    contact_id: int | None  # the latest contact old enough (allowed), else None
    contact_at: datetime | None  # that contact, else the first one (too recent)
    allowed_from: datetime | None  # when a refused suspension becomes allowed

    @property
    def allowed(self) -> bool:
        return self.contact_id is not None


def suspension_allowed_many(lines: Iterable[int | Line], now: datetime) -> dict[int, Eligibility]:
    """For each line (pk or Line): may it be suspended for non-payment at ``now``?

    Computed in the database, two queries per chunk of lines: their open dunning cases,
    then per case the latest contact with means at least N days before ``now`` (N of
    the case's site) and the first one (the refusal's "allowed from").
    """
    days_of_site = notice_days_by_site()
    ids = [line if isinstance(line, int) else line.pk for line in lines]
    threshold = When_(
        *[
            When(case__site_id=site, then=Value(now - timedelta(days=days)))
            for site, days in days_of_site.items()
        ],
        default=Value(now - timedelta(days=int(DEFAULT_NOTICE_DAYS))),
        output_field=DateTimeField(),
    )
    found: dict[int, Eligibility] = {}
    for start in range(0, len(ids), CHUNK):
        links = {
            case_id: (line_id, site_id)
            for case_id, line_id, site_id in DunningCase.objects.filter(
                line_id__in=ids[start : start + CHUNK]
            )
            .exclude(case__status=CaseStatus.CLOSED)
            .values_list("case_id", "line_id", "case__site_id")
        }
        # One grouped pass over the chunk's contacts (not a subquery per case: SQLite
        # would walk the (kind, at) index, every contact of the table, for each case).
        old = Q(at__lte=threshold)
        contacts = (
            contacts_with_means()
            .filter(case_id__in=list(links))
            .values("case_id")
            .annotate(
                first_at=Min("at"),
                old_pk=Max("pk", filter=old),
                old_at=Max("at", filter=old),
            )
            .values_list("case_id", "first_at", "old_pk", "old_at")
        )
        seen = {
            case_id: (first_at, old_pk, old_at) for case_id, first_at, old_pk, old_at in contacts
        }
        for case_id in sorted(links):
            line_id, site_id = links[case_id]
            first_at, old_pk, old_at = seen.get(case_id, (None, None, None))
            days = days_of_site.get(site_id, int(DEFAULT_NOTICE_DAYS))
            allowed_from = None if old_pk or first_at is None else first_at + timedelta(days=days)
            found[line_id] = Eligibility(
                line_id, case_id, days, old_pk, old_at or first_at, allowed_from
            )
    for line_id in ids:
        found.setdefault(line_id, Eligibility(line_id, None, int(DEFAULT_NOTICE_DAYS), *[None] * 3))
    return found


def _refusal(line: Line, case: Case, eligibility: Eligibility) -> PacteError:
    zone = ZoneInfo(case.site.calendar.timezone)
    language = translation.get_language() or "en"
    if eligibility.contact_at is None or eligibility.allowed_from is None:
        return PacteError(
            OperationError.SUSPENSION_NO_CONTACT,
            f"T4.3: line {line.msisdn}: no contact attempt with the means to regularise.",
            line=line.msisdn,
            days=eligibility.days,
        )
    return PacteError(
        OperationError.SUSPENSION_TOO_EARLY,
        f"T4.3: line {line.msisdn}: contact at {eligibility.contact_at.isoformat()}, "
        f"allowed from {eligibility.allowed_from.isoformat()}.",
        line=line.msisdn,
        days=eligibility.days,
        contact_at=when_text(eligibility.contact_at, language, zone=zone),
        allowed_from=when_text(eligibility.allowed_from, language, zone=zone),
    )


class _RefusedError(Exception):
    def __init__(self, error: PacteError, case: Case, eligibility: Eligibility) -> None:
        super().__init__(error.message)
        self.error, self.case, self.eligibility = error, case, eligibility


def line_suspend_for_non_payment(
    *, actor: User, reason: str, case: Case | None = None, line: Line | None = None
) -> CaseEvent:
    """Suspend the line of the dunning ``case`` (or ``line``'s, opened if need be) for
    non-payment: LINE_SUSPENDED on the case, and the line's status (cause
    ``non_payment``). Refused as T4.3 says: the refusal is then recorded as
    SUSPENSION_REFUSED on the case, and raised."""
    if not may(actor, Action.LINE_SUSPEND):
        raise PacteError(OperationError.NOT_ALLOWED, "Your role may not do this.")
    if case is None:
        if line is None:
            raise PacteError(OperationError.NOT_DUNNING, "Give a dunning case or a line.")
        case = dunning_case_for(line=line, actor=actor)  # kept if the suspension is refused
    try:
        return _suspend(actor=actor, reason=reason, case=case)
    except _RefusedError as refused:
        _refusal_record(refused, actor=actor, reason=reason)
        raise refused.error from None


@transaction.atomic
def _suspend(*, actor: User, reason: str, case: Case) -> CaseEvent:
    case = _locked(case)
    line = dunning_line(case)
    _require_open(case)
    if not reason.strip():
        raise PacteError(OperationError.REASON_REQUIRED, "A suspension needs a reason.")
    eligibility = suspension_allowed_many([line.pk], clock.now())[line.pk]
    contact_at = eligibility.contact_at
    if not eligibility.allowed or eligibility.case_id != case.pk or contact_at is None:
        raise _RefusedError(_refusal(line, case, eligibility), case, eligibility)
    event = _record(
        case,
        kind=EventKind.LINE_SUSPENDED,
        actor=actor,
        body=reason.strip(),
        data={
            "line": line.pk,
            "contact": eligibility.contact_id,
            "contact_at": contact_at.isoformat(),
            "days": eligibility.days,
        },
    )
    line_status_set(
        line=line,
        status=LineStatus.SUSPENDED,
        reason=reason,
        actor=actor,
        case=case,
        data={"cause": "non_payment"},
    )
    return event


@transaction.atomic
def _refusal_record(refused: _RefusedError, *, actor: User, reason: str) -> CaseEvent:
    case, eligibility = _locked(refused.case), refused.eligibility
    return _record(
        case,
        kind=EventKind.SUSPENSION_REFUSED,
        actor=actor,
        body=reason.strip(),
        data={
            "rule": RULE,
            "code": str(refused.error.code),
            "line": eligibility.line_id,
            "days": eligibility.days,
            "contact_at": eligibility.contact_at.isoformat() if eligibility.contact_at else None,
            "allowed_from": (
                eligibility.allowed_from.isoformat() if eligibility.allowed_from else None
            ),
        },
    )


def suspensions_refused(*, start: datetime, end: datetime) -> QuerySet[CaseEvent]:
    """The refused suspensions recorded in [start, end) (the monthly review, T4.3-R2)."""
    return (
        CaseEvent.objects.filter(kind=EventKind.SUSPENSION_REFUSED, at__gte=start, at__lt=end)
        .select_related("case", "actor")
        .order_by("at", "pk")
    )


def line_suspended_for_non_payment(line: Line) -> LineEvent | None:
    """The line's last status change, when it is a suspension for non-payment."""
    last = LineEvent.objects.filter(line=line).order_by("-at", "-pk").first()
    if last is None or last.status_to != LineStatus.SUSPENDED:
        return None
    return last if last.data.get("cause") == "non_payment" else None
