"""The caller's identity checked on a phone or chat contact (T3.2-a).

Recorded as IDENTITY_CHECKED on the contact's case (data ``method``, ``questions``:
what was asked, never the answers), at the server's clock. A disclosure of account
data, an unblocking, anything that needs a checked caller reads the last check with
``identity_check_last``.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.cases.services import _locked, _record, _require_open
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.core.vocabulary import Channel
from pacte.operations.errors import OperationError

# The contacts on which a caller is checked before account data is told.
CHECKED_CHANNELS = (Channel.PHONE, Channel.CHAT)


class IdentityMethod(models.TextChoices):
    SECURITY_QUESTIONS = "security_questions", _("Security questions answered")
    ONE_TIME_CODE = "one_time_code", _("One-time code sent to the line")
    CUSTOMER_AREA = "customer_area", _("Logged in to the customer area")
    DOCUMENT = "document", _("Identity document shown (point of sale)")


@transaction.atomic
def identity_check_record(
    *, case: Case, actor: User, method: str, questions: list[str] | None = None
) -> CaseEvent:
    """Record that the caller of ``case`` (a phone or chat contact, or an operation
    taken by phone or chat) was identified by ``method``; ``questions``: which ones."""
    if not may(actor, Action.IDENTITY_CHECK):
        raise PacteError(OperationError.NOT_ALLOWED, "Your role may not do this.")
    case = _locked(case)
    _require_open(case)
    if method not in IdentityMethod.values:
        raise PacteError(OperationError.IDENTITY_METHOD_INVALID, f"Unknown method {method!r}.")
    if case.channel not in CHECKED_CHANNELS:
        raise PacteError(
            OperationError.IDENTITY_CHANNEL,
            f"Case {case.reference} came by {case.channel}: no caller to check.",
        )
    asked = [question.strip() for question in questions or [] if question.strip()]
    return _record(
        case,
        kind=EventKind.IDENTITY_CHECKED,
        actor=actor,
        channel=case.channel,
        data={"method": method, "questions": asked},
    )


def identity_check_last(case: Case, *, since: datetime | None = None) -> CaseEvent | None:
    """The case's last identity check (after ``since`` when given), or None."""
    checks = CaseEvent.objects.filter(case=case, kind=EventKind.IDENTITY_CHECKED)
    if since is not None:
        checks = checks.filter(at__gte=since)
    return checks.order_by("-at", "-pk").first()
