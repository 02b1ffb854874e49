"""The indicator library: every ``computation`` name the scheme data uses, documented.

A computation with a data source gives per-item verdicts; one without reports
"no data" with the reason, never a number.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pacte.compliance.indicators import clocks, hand_offs
from pacte.compliance.indicators.acceptance import acceptance_computations
from pacte.compliance.indicators.access_page import access_page_computations
from pacte.compliance.indicators.appeals import appeals_computations
from pacte.compliance.indicators.base import Computation
from pacte.compliance.indicators.disclosures import disclosures_computations
from pacte.compliance.indicators.disputes import disputes_computations
from pacte.compliance.indicators.dunning import dunning_computations
from pacte.compliance.indicators.fraud_victims import fraud_victims_computations
from pacte.compliance.indicators.mediation import mediation_computations
from pacte.compliance.indicators.phone import call_computations
from pacte.compliance.indicators.restoration import restoration_computations
from pacte.compliance.indicators.risk import risk_computations
from pacte.compliance.indicators.sim import sim_computations
from pacte.compliance.indicators.stolen import stolen_computations

# Why an indicator has no figure, in its reader's words: what Pacte does not record yet.
EVALUATIONS = _("quality evaluations (call listening, mystery calls) are not recorded in Pacte yet")
BILLS = _("bill texts and bill clarity surveys are not recorded in Pacte yet")
SATISFACTION = _("satisfaction surveys and monthly reviews are not recorded in Pacte yet")
APPEALS = _("appeals and mediator recommendations are not recorded in Pacte yet")
STAFF = _("agents' competences and training are not recorded in Pacte yet")
UNKNOWN = _("Pacte has no method to measure this indicator (“%(name)s”)")

_CLOCK_IN_TIME = (
    "Clocks of the commitment whose deadline in force falls in the month → answered "
    "by that deadline (a new committed deadline counts only if the customer was told "
    "before the deadline then in force expired)."
)

_REAL = (
    Computation(
        "request_answered_in_time",
        "Requests (bills excepted: they get no clock) " + _CLOCK_IN_TIME,
        clocks.answered_in_time,
    ),
    Computation(
        "complaint_answered_in_time",
        "Written complaints " + _CLOCK_IN_TIME,
        clocks.answered_in_time,
    ),
    Computation(
        "bill_dispute_answered_in_time",
        "Bill disputes " + _CLOCK_IN_TIME,
        clocks.answered_in_time,
    ),
    Computation(
        "bill_dispute_answered",
        "Bill disputes whose deadline in force falls in the month → an answer was "
        "given (late or not); unanswered once due → fail.",
        clocks.answered_at_all,
    ),
    Computation(
        "hand_off_context_noted",
        "Hand-offs dated in the month → the giving agent wrote a context note.",
        hand_offs.context_noted,
    ),
    *call_computations(),
    *access_page_computations(),
    *mediation_computations(),
    *appeals_computations(),
    *acceptance_computations(),
    *disputes_computations(),
    *restoration_computations(),
    *risk_computations(),
    *disclosures_computations(),
    *stolen_computations(),
    *fraud_victims_computations(),
    *sim_computations(),
    *dunning_computations(),
)

_NO_DATA: dict[str, Promise] = {
    "evaluation_courtesy_met": EVALUATIONS,
    "evaluation_answer_appropriate": EVALUATIONS,
    "evaluation_conclusion_met": EVALUATIONS,
    "bill_clarity_score": BILLS,
    "bill_explanation_requests_per_thousand": BILLS,
    "monthly_review_done": SATISFACTION,
    "survey_response_rate": SATISFACTION,
    "satisfaction_scores_published": SATISFACTION,
    "agent_competence_current": STAFF,
}

REGISTRY: dict[str, Computation] = {
    **{
        name: Computation(name, "No data source yet (see no_data).", no_data=reason)
        for name, reason in _NO_DATA.items()
    },
    **{computation.name: computation for computation in _REAL},
}


def computation_for(name: str) -> Computation:
    """The library's computation called ``name``; an unknown name reports no data."""
    found = REGISTRY.get(name)
    if found is None:
        reason = str(UNKNOWN) % {"name": name}  # in the language of the request
        return Computation(name, f"No data: unknown computation {name!r}.", no_data=reason)
    return found
