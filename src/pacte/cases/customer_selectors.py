"""Reads for the customer's own pages beyond ``selectors.customer_case_view``: the
ratings they gave to the answers of a case."""

from __future__ import annotations

from pacte.cases.models import Case, CaseEvent, EventKind


def answer_ratings(*, case: Case) -> dict[int, CaseEvent]:
    """The RATED events of ``case`` by the id of the answer they rate (one query)."""
    events = CaseEvent.objects.filter(case=case, kind=EventKind.RATED).order_by("at", "pk")
    return {int(event.data["answer_event"]): event for event in events}
