"""What the operations' pages show: a line's row, a line's history, the case page's
account-data panel (hidden until the caller's identity is checked)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.operations.disclosure import (
    AccountData,
    DisclosureWhat,
    account_data,
    needs_identity_check,
)
from pacte.operations.identity import IdentityMethod, identity_check_last
from pacte.operations.models import LineEvent
from pacte.workspace.operations.forms import (
    CHECK_PREFIX,
    DisclosureForm,
    IdentityCheckForm,
)


@dataclass(frozen=True)
class AccountPanel:
    """The account-data panel of a phone or chat case.

    ``check``: the case's last identity check (None: the data stays hidden);
    ``data``: the account data, only once checked; ``can_act``: the user may record a
    check and disclosures (and the case is open)."""

    check: CaseEvent | None
    method: str
    data: AccountData | None
    disclosures: list[tuple[CaseEvent, str]]
    can_act: bool
    check_form: IdentityCheckForm
    disclose_form: DisclosureForm | None


def account_panel(
    *,
    case: Case,
    user: User,
    check_form: IdentityCheckForm | None = None,
    disclose_form: DisclosureForm | None = None,
) -> AccountPanel | None:
    """The panel for ``user`` on ``case``; None on a written contact or for a role
    that may not read operations. Refused forms are shown with their errors."""
    if not needs_identity_check(case) or not may(user, Action.OPERATIONS_READ):
        return None
    check = identity_check_last(case)
    events = list(
        CaseEvent.objects.filter(case=case, kind=EventKind.DATA_DISCLOSED)
        .select_related("actor")
        .order_by("at", "pk")
    )
    labels = dict(DisclosureWhat.choices)
    method = str(check.data.get("method", "")) if check is not None else ""
    return AccountPanel(
        check=check,
        method=str(dict(IdentityMethod.choices).get(method, method)),
        data=account_data(case=case) if check is not None else None,
        disclosures=[(e, str(labels.get(e.data.get("what"), e.data.get("what")))) for e in events],
        can_act=case.is_open and may(user, Action.IDENTITY_CHECK),
        check_form=check_form or IdentityCheckForm(prefix=CHECK_PREFIX),
        disclose_form=disclose_form,
    )


# A line change's cause (LineEvent data "cause", docs/operations-lines.md), in words.
LINE_CAUSES: dict[str, Promise] = {
    "risk": gettext_lazy("risk or fraud measure"),
    "risk_lifted": gettext_lazy("risk measure lifted"),
    "non_payment": gettext_lazy("non-payment"),
    "restoration": gettext_lazy("restored after payment"),
    "stolen": gettext_lazy("stolen or lost phone"),
    "unblock": gettext_lazy("unblocked"),
    "termination": gettext_lazy("termination"),
}


@dataclass(frozen=True)
class LineChange:
    event: LineEvent
    cause: str


def line_changes(events: list[LineEvent]) -> list[LineChange]:
    """A line's changes with their cause in words (the code itself when unknown)."""
    rows = []
    for event in events:
        code = str((event.data or {}).get("cause") or "")
        rows.append(LineChange(event=event, cause=str(LINE_CAUSES.get(code, code))))
    return rows
