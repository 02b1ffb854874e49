"""POST /api/cases/ by a customer goes through the portal form's service: the same kinds,
and the submission kept beside the case."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_django import Settings

from pacte.api.tests.conftest import ClientFor
from pacte.cases.models import Case
from pacte.conftest import Cast
from pacte.factories import MotiveFactory
from pacte.intake.models import SubmissionStatus, WebSubmission

URL = "/api/cases/"


@pytest.fixture
def web_intake(settings: Settings, cast: Cast) -> None:
    settings.PACTE_WEB_INTAKE_TEAM = cast.front.code


@pytest.fixture
def customer_body(db: None) -> dict[str, Any]:
    MotiveFactory.create(code="offer-change")
    return {"kind": "request", "motive": "offer-change", "subject": "Change my plan"}


@pytest.mark.usefixtures("web_intake")
def test_customer_case_keeps_its_web_submission(
    cast: Cast, client_for: ClientFor, customer_body: dict[str, Any]
) -> None:
    # When a customer opens a case through the API
    response = client_for(cast.customer_user).post(URL, customer_body, format="json")
    # Then the submission is kept, received, beside its case, as the portal form keeps it
    assert response.status_code == 201
    submission = WebSubmission.objects.get()
    assert submission.case == Case.objects.get(pk=response.json()["id"])
    assert (submission.customer, submission.user) == (cast.customer, cast.customer_user)
    assert (submission.status, submission.kind, submission.subject) == (
        SubmissionStatus.RECEIVED,
        "request",
        "Change my plan",
    )


@pytest.mark.usefixtures("web_intake")
def test_customer_files_only_what_the_web_form_files(
    cast: Cast, client_for: ClientFor, customer_body: dict[str, Any]
) -> None:
    customer_body["kind"] = "operation"

    response = client_for(cast.customer_user).post(URL, customer_body, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "kind_not_allowed"
    assert not Case.objects.exists()
    assert not WebSubmission.objects.exists()
