"""What the operations' pages show: a line's row, a line's history, the case page's
account-data panel (hidden until the caller's identity is checked)."""

from __future__ import annotations

from dataclasses import dataclass

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
