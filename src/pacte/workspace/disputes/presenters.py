"""The bill-dispute panel of the case page: what was filed, assessed and corrected, and
the forms of the roles that may act (``workspace/disputes/panel.html``)."""

from __future__ import annotations

from dataclasses import dataclass

from pacte.cases.models import Case
from pacte.complaints.disputes import DisputeView, dispute_view
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.workspace.disputes.forms import AssessmentForm, CorrectionForm

ASSESS_PREFIX, CORRECT_PREFIX = "assess", "correct"


@dataclass(frozen=True)
class DisputePanel:
    view: DisputeView
    assess_form: AssessmentForm | None
    correction_form: CorrectionForm | None


def dispute_panel(
    *,
    case: Case,
    user: User,
    assess_form: AssessmentForm | None = None,
    correction_form: CorrectionForm | None = None,
) -> DisputePanel | None:
    """The panel of a bill dispute (None for another case); a bound form (refused) is
    shown as given, else a fresh one when the user may act and the case is open."""
    view = dispute_view(case=case)
    if view is None:
        return None
    if assess_form is None and case.is_open and may(user, Action.DISPUTE_ASSESS):
        latest = view.latest
        initial = {
            "invoice": latest.data.get("invoice") if latest else view.invoice,
            "amount": (latest.data.get("amount") if latest else view.amount).replace(".", ","),
        }
        assess_form = AssessmentForm(prefix=ASSESS_PREFIX, initial=initial)
    if (
        correction_form is None
        and case.is_open
        and view.proven
        and may(user, Action.DISPUTE_CORRECT)
    ):
        correction_form = CorrectionForm(prefix=CORRECT_PREFIX)
    return DisputePanel(view=view, assess_form=assess_form, correction_form=correction_form)
