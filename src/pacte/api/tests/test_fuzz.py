"""The API fuzzed from its own OpenAPI document (schemathesis), with each role's token.

Every operation of ``/api/schema/`` is called through the WSGI application with data
generated from the document, valid and invalid, as each role: customer, agent,
supervisor, quality manager, auditor, administrator, and an integration holding
``api.intake_cases``. Each answer must not be a server error, must have a documented
status code and content type, and must match the documented body. The run is
derandomised (the same cases every time) and bounded: ``FUZZ_EXAMPLES`` examples per
operation and role (``PACTE_FUZZ_EXAMPLES`` raises it; the ``slow`` marker runs more).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from pacte.api.models import INTAKE_PERMISSION
from pacte.conftest import Cast
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.evidence.services import evidence_pack_request
from pacte.factories import UserFactory, open_case
from pacte.telephony.models import CallQueue

FUZZ_EXAMPLES = int(os.environ.get("PACTE_FUZZ_EXAMPLES", "6"))
ROLES = (
    "customer_user",
    "agent",
    "supervisor",
    "quality_manager",
    "auditor",
    "administrator",
    "integration",
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _document() -> dict[str, Any]:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    document: dict[str, Any] = json.loads(OpenApiJsonRenderer().render(generated))
    return document


schema = schemathesis.openapi.from_dict(_document())
# The handler is built at collection, before the session fixture that makes the
# collected-static folder (whitenoise warns, an error here, when it is missing).
Path(django_settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
schema.app = WSGIHandler()
schema.config.generation.update(max_examples=FUZZ_EXAMPLES, deterministic=True)


def _integration() -> User:
    from django.contrib.auth.models import Permission

    user = UserFactory.create(username="integration", role=Role.CUSTOMER)
    app_label, codename = INTAKE_PERMISSION.split(".")
    user.user_permissions.add(
        Permission.objects.get(codename=codename, content_type__app_label=app_label)
    )
    return user


@pytest.fixture
def token(request: pytest.FixtureRequest, cast: Cast) -> str:
    role: str = request.param
    user = _integration() if role == "integration" else cast.by_role_name(role)
    return str(Token.objects.create(user=user).key)


@pytest.fixture
def _connection_kept() -> Iterator[None]:
    """Keep the test's database connection across requests, as Django's test client does:
    the WSGI handler's request signals would otherwise close it mid-transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def known(cast: Cast, frozen_now: datetime) -> dict[str, Any]:
    """Rows the valid cases point at, by path parameter: a case of team front (no
    assignee, no distributor, events without an actor), a call queue, an evidence pack,
    the seeded scheme."""
    case = open_case(received_at=frozen_now - timedelta(hours=2), team=cast.front)
    CallQueue.objects.create(name="support")
    pack = evidence_pack_request(
        scheme_code="telecom-2004",
        year=2026,
        month=2,
        sample_size=1,
        seed=1,
        requested_by=cast.auditor,
    )
    return {
        "case_id": case.pk,
        "pack_id": pack.pk,
        "name": "support",
        "number": 1,
        "commitment": "T1",
        "indicator": "T1.1",
        "code": "telecom-2004",
    }


def _with_known_rows(case: Any, known: dict[str, Any]) -> None:
    """Valid cases name existing rows, so that answers have bodies to check."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    for name in list(case.path_parameters or {}):
        if name in known:
            case.path_parameters[name] = known[name]
    if case.operation.path.startswith("/api/compliance/indicators/"):
        case.path_parameters["code"] = "T3.1-a"


@pytest.mark.parametrize("token", ROLES, indirect=True)
@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
@pytest.mark.usefixtures("_connection_kept")
def test_every_operation_answers_as_documented(
    case: Any, token: str, known: dict[str, Any]
) -> None:
    _with_known_rows(case, known)
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
