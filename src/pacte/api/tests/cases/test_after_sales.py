"""POST /api/cases/ files an after-sales request (T4.5-b) with its deadline; a SIM order
has its own endpoint."""

from __future__ import annotations

from typing import Any

import pytest

from pacte.api.tests.conftest import ClientFor
from pacte.cases.models import Case, Clock
from pacte.conftest import Cast
from pacte.core.vocabulary import CaseKind

pytestmark = pytest.mark.django_db


def test_the_api_opens_an_after_sales_request_with_its_deadline(
    cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    response = client_for(cast.agent).post(
        "/api/cases/", body | {"kind": "after_sales"}, format="json"
    )
    assert response.status_code == 201
    case = Case.objects.get(pk=response.json()["id"])
    assert case.kind == CaseKind.AFTER_SALES
    assert Clock.objects.get(case=case, commitment__code="T4.5").due_at == case.due_at


def test_the_api_sends_a_sim_order_to_its_own_endpoint(
    cast: Cast, client_for: ClientFor, body: dict[str, Any]
) -> None:
    response = client_for(cast.agent).post(
        "/api/cases/", body | {"kind": "sim_order"}, format="json"
    )
    assert response.status_code == 400
    assert "/api/sim-orders/" in response.content.decode()
    assert not Case.objects.exists()
