"""T6.2: the cases of a customer flagged fraud victim go to the site's dedicated team.

``case_open`` asks ``fraud_team_for`` with the fraud-victim flag in force at the receipt
(already read for the case's clocks): a customer who is not a fraud victim costs no
query. A fraud victim's case goes to the first team (by code) of the chosen team's site
that ``handles_fraud_victims``, whatever team the caller chose; the OPENED event then
says ``routed: fraud_victims``. Appeals keep their appeals service, and the operator's
own operations (a risk measure, a dunning, a restoration: no customer asked for them,
T6.2 does not select them) keep their team. A site without such a team routes nothing.
"""

from __future__ import annotations

from pacte.cases.models import Team
from pacte.commitments.rules import OPERATOR_KINDS
from pacte.core.vocabulary import CaseKind

ROUTED = "fraud_victims"
# The kinds a fraud victim's routing leaves with the team chosen for them.
NOT_ROUTED = frozenset({CaseKind.APPEAL.value, CaseKind.MEDIATION.value, *OPERATOR_KINDS})


def fraud_team_for(*, team: Team, kind: str, fraud_victim: bool) -> Team | None:
    """The team a fraud victim's new case of ``kind`` goes to instead of ``team``, or
    None (not a fraud victim, a kind not routed, already that team, or none on the site)."""
    if not fraud_victim or kind in NOT_ROUTED or team.handles_fraud_victims:
        return None
    return (
        Team.objects.filter(site_id=team.site_id, handles_fraud_victims=True)
        .order_by("code")
        .first()
    )
