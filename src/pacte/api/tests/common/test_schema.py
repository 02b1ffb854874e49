"""The OpenAPI document renders and declares every endpoint's error statuses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

from pacte.api.tests.conftest import ClientFor
from pacte.conftest import Cast

# Declared by every operation that reads a body (pacte.api.common.schema.document_body_refusals).
BODY_REFUSALS = {"413", "415"}
READ = {"401", "404"}
FILTERED_READ = {"400", "401", "404"}
WRITE = {"400", "401", "403", "404", "409"}

DECLARED_ERRORS = {
    ("/api/cases/", "get"): {"400", "401"},
    ("/api/cases/", "post"): {"400", "401", "403", "409", "422"},
    ("/api/cases/{case_id}/", "get"): READ,
    **{
        (f"/api/cases/{{case_id}}/{action}/", "post"): WRITE
        for action in (
            "answer",
            "hand-off",
            "commit-deadline",
            "close",
            "reopen",
            "match-customer",
            "appeal",
            "dispute-assessment",
            "correction",
            "identity-check",
            "disclosures",
        )
    },
    # the mediator (api.complaints.mediation_urls)
    ("/api/cases/{case_id}/mediator-eligibility/", "get"): FILTERED_READ,
    ("/api/cases/{case_id}/refer-mediator/", "post"): WRITE,
    ("/api/cases/{case_id}/mediator-recommendation/", "post"): WRITE,
    ("/api/cases/{case_id}/recommendation-applied/", "post"): WRITE,
    # the customer's own case (portal parity)
    ("/api/cases/{case_id}/messages/", "post"): {"400", "401", "403", "404"},
    ("/api/cases/{case_id}/ratings/", "post"): WRITE,
    # compliance: results, verdicts, closings, seals
    ("/api/compliance/results/", "get"): FILTERED_READ,
    ("/api/compliance/indicators/{code}/verdicts/", "get"): FILTERED_READ,
    ("/api/compliance/closings/", "get"): FILTERED_READ,
    ("/api/compliance/closings/", "post"): WRITE,
    ("/api/compliance/closings/tasks/{task_id}/", "get"): READ,
    ("/api/compliance/closings/{closing_id}/reopen/", "post"): WRITE,
    ("/api/compliance/closings/{closing_id}/compare/", "post"): READ,
    ("/api/compliance/seals/", "get"): FILTERED_READ,
    ("/api/compliance/seals/", "post"): FILTERED_READ,
    # schemes
    ("/api/schemes/", "get"): READ,
    ("/api/schemes/{code}/versions/{number}/", "get"): READ,
    ("/api/schemes/{code}/versions/{number}/activate/", "post"): {"400", "401", "403", "404"},
    **{
        (f"/api/schemes/{{code}}/versions/{{number}}/{part}/", "patch"): {
            "400",
            "401",
            "403",
            "404",
        }
        for part in ("commitments/{commitment}", "indicators/{indicator}")
    },
    # non-conformities
    ("/api/nonconformities/", "get"): FILTERED_READ,
    ("/api/nonconformities/", "post"): WRITE,
    ("/api/nonconformities/{nc_id}/", "get"): READ,
    **{
        (f"/api/nonconformities/{{nc_id}}/{step}/", "post"): WRITE
        for step in (
            "cause",
            "actions",
            "actions/{action_id}/complete",
            "actions/{action_id}/cancel",
            "check",
            "close",
        )
    },
    # telephony
    ("/api/telephony/staffing/", "post"): {"400", "401", "404"},
    ("/api/telephony/measures/", "get"): FILTERED_READ,
    ("/api/telephony/events/", "post"): {"400", "401", "403"},
    ("/api/telephony/queues/{name}/wait-estimate/", "get"): {"400", "401", "403", "404"},
    # letters (mail room)
    ("/api/letters/", "post"): {"400", "401", "403", "404", "409", "422"},
    # access page
    ("/api/access/", "get"): {"404"},
    ("/api/access/draft/", "get"): READ,
    ("/api/access/draft/publish/", "post"): {"401", "403", "404"},
    # facts that decide clocks
    ("/api/customers/{reference}/facts/", "get"): READ,
    ("/api/customers/{reference}/facts/", "post"): {"400", "401", "403", "404"},
    ("/api/motives/{code}/facts/", "get"): READ,
    ("/api/motives/{code}/facts/", "post"): {"400", "401", "403", "404"},
    # evidence packs
    ("/api/evidence-packs/", "post"): {"400", "401", "404"},
    ("/api/evidence-packs/{pack_id}/", "get"): READ,
    ("/api/evidence-packs/{pack_id}/xlsx/", "get"): {"401", "404", "409"},
    ("/api/evidence-packs/{pack_id}/pdf/", "get"): {"401", "404", "409"},
    # contract acceptance (T4.7)
    ("/api/acceptance-cases/", "post"): {"400", "401", "403", "404"},
    ("/api/cases/{case_id}/acceptance-notice/", "post"): WRITE,
    ("/api/cases/{case_id}/acceptance-notice-impossible/", "post"): WRITE,
    # payments and restorations (T4.4)
    ("/api/payments/", "post"): {"400", "401", "403", "409"},
    ("/api/payments/import/", "post"): {"400", "401", "403", "422"},
    ("/api/restorations/", "get"): {"400", "401", "403"},
    ("/api/restorations/{reference}/restored/", "post"): {"400", "401", "403", "404"},
    # lines (operations-lines.md)
    ("/api/customers/{reference}/lines/", "get"): {"401", "403", "404"},
    ("/api/lines/{line_id}/history/", "get"): {"401", "403", "404"},
    # risk and fraud measures (T4.2)
    ("/api/lines/{line_id}/risk-measures/", "post"): {"400", "401", "403", "404"},
    ("/api/risk-measures/", "get"): {"400", "401", "403"},
    ("/api/risk-measures/{reference}/lift/", "post"): WRITE,
    # stolen or lost phones (T6.4)
    ("/api/stolen-phones/", "post"): {"400", "401", "403", "404"},
    ("/api/stolen-phones/{reference}/", "get"): READ,
    **{
        (f"/api/stolen-phones/{{reference}}/{step}/", "post"): WRITE
        for step in ("line-blocked", "imei-blocked", "unblock")
    },
    # unpaid bills from the billing system (T4.3)
    ("/api/unpaid-bills/", "post"): {"400", "401", "403"},
    ("/api/unpaid-bills/import/", "post"): {"400", "401", "403", "422"},
    # SIM replacement (T4.1)
    ("/api/sim-orders/", "post"): {"400", "401", "403", "409"},
    ("/api/sim-orders/{reference}/", "get"): {"401", "404"},
    **{
        (f"/api/sim-orders/{{reference}}/{step}/", "post"): {"400", "401", "403", "404", "409"}
        for step in ("prepared", "shipped", "delivered")
    },
}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    document: dict[str, Any] = SchemaGenerator().get_schema(request=None, public=True)
    return document


def test_schema_renders_over_http(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.agent).get("/api/schema/")

    assert response.status_code == 200
    assert set(yaml.safe_load(response.content)["paths"]) >= {"/api/cases/"}


def test_schema_validates_without_warnings(tmp_path: Path) -> None:
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )


def test_schema_lists_exactly_the_declared_endpoints(schema: dict[str, Any]) -> None:
    operations = {(path, method) for path, item in schema["paths"].items() for method in item}
    assert operations == set(DECLARED_ERRORS)


@pytest.mark.parametrize(("path", "method"), list(DECLARED_ERRORS))
def test_each_operation_declares_its_errors_with_the_error_shape(
    path: str, method: str, schema: dict[str, Any]
) -> None:
    responses = schema["paths"][path][method]["responses"]

    assert set(responses) - {"200", "201", "202", *BODY_REFUSALS} == DECLARED_ERRORS[(path, method)]
    for status in DECLARED_ERRORS[(path, method)]:
        ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
        assert ref == "#/components/schemas/Error"
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {"code", "detail"}


def test_create_declares_the_idempotency_header(schema: dict[str, Any]) -> None:
    parameters = schema["paths"]["/api/cases/"]["post"]["parameters"]

    assert {"name": "Idempotency-Key", "in": "header"}.items() <= parameters[0].items()


def test_list_declares_its_filters(schema: dict[str, Any]) -> None:
    names = {p["name"] for p in schema["paths"]["/api/cases/"]["get"]["parameters"]}

    assert names >= {"status", "team", "assignee", "customer", "due_before", "ordering", "cursor"}


@pytest.mark.parametrize(("path", "method"), list(DECLARED_ERRORS))
def test_each_operation_with_a_body_declares_its_refusals(
    path: str, method: str, schema: dict[str, Any]
) -> None:
    operation = schema["paths"][path][method]
    if "requestBody" not in operation:
        assert not BODY_REFUSALS & set(operation["responses"])
        return

    for status in ("400", *BODY_REFUSALS):
        content = operation["responses"][status]["content"]["application/json"]
        assert content["schema"]["$ref"] == "#/components/schemas/Error"


def test_nullable_fields_are_documented_nullable(schema: dict[str, Any]) -> None:
    components = schema["components"]["schemas"]

    assert components["CaseSummary"]["properties"]["assignee"]["nullable"] is True
    assert components["CaseDetail"]["properties"]["distributor"]["nullable"] is True
    assert components["Event"]["properties"]["actor"]["nullable"] is True
