"""The facts that decide clocks: a customer's and a motive's, their history, a change.

``GET`` gives the facts as they are now and every change, latest first; ``POST``
records a change through the fact service, which decides who may change what (see
docs/api.md). A customer is visible to the staff who see one of its cases, a motive to
those who see every case; anyone else gets a 404.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import models
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.common.permissions import request_user
from pacte.api.common.schema import error_responses
from pacte.api.facts.inputs import CustomerFactChangeInput, MotiveFactChangeInput
from pacte.api.facts.serializers import CustomerFactsSerializer, MotiveFactsSerializer
from pacte.cases.models import Motive, MotiveFact, MotiveFactChange
from pacte.cases.motive_facts import (
    MOTIVE_FACTS,
    access_motive,
    motive_fact_history,
    motive_fact_set,
)
from pacte.cases.selectors import access_customer
from pacte.customers.facts import CUSTOMER_FACTS, FactKind
from pacte.customers.models import Customer, CustomerFact, CustomerFactChange
from pacte.customers.selectors import customer_fact_history
from pacte.customers.services import customer_fact_set


def _facts(row: models.Model, kinds: Mapping[Any, FactKind]) -> dict[str, Any]:
    return {str(fact): getattr(row, fact) for fact in kinds}


def _history(
    changes: Sequence[CustomerFactChange | MotiveFactChange], kinds: Mapping[Any, FactKind]
) -> list[dict[str, Any]]:
    return [
        {
            "fact": change.fact,
            "value": kinds[change.fact].to_column(change.value),
            "previous": kinds[change.fact].to_column(change.previous),
            "effective_at": change.effective_at,
            "recorded_at": change.recorded_at,
            "actor": change.actor.username if change.actor else None,
            "reason": change.reason,
            "late_recorded": change.late_recorded,
        }
        for change in changes
    ]


def _parsed(serializer: type[serializers.Serializer[Any]], data: Any) -> dict[str, Any]:
    body = serializer(data=data)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


class CustomerFactsView(APIView):
    """A customer's facts that decide clocks (fraud victim, segment) and their changes."""

    def _sheet(self, customer: Customer) -> dict[str, Any]:
        return {
            "customer": customer.reference,
            "facts": _facts(customer, CUSTOMER_FACTS),
            "history": _history(customer_fact_history(customer=customer), CUSTOMER_FACTS),
        }

    @extend_schema(
        operation_id="customers_facts_retrieve",
        summary="A customer's facts now and every change of them",
        responses={200: CustomerFactsSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, reference: str) -> Response:
        customer = access_customer(user=request_user(request), reference=reference)
        return Response(CustomerFactsSerializer(self._sheet(customer)).data)

    @extend_schema(
        operation_id="customers_facts_change",
        summary="Change one of a customer's facts, now or (quality manager) from a past instant",
        request=CustomerFactChangeInput,
        responses={201: CustomerFactsSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, reference: str) -> Response:
        user = request_user(request)
        customer = access_customer(user=user, reference=reference)
        data = _parsed(CustomerFactChangeInput, request.data)
        customer_fact_set(
            customer=customer,
            fact=CustomerFact(data["fact"]),
            value=data["value"],
            actor=user,
            reason=data["reason"],
            effective_at=data.get("effective_at"),
        )
        body = CustomerFactsSerializer(self._sheet(customer)).data
        return Response(body, status=status.HTTP_201_CREATED)


class MotiveFactsView(APIView):
    """A motive's facts that decide clocks (its bill status) and their changes."""

    def _sheet(self, motive: Motive) -> dict[str, Any]:
        return {
            "motive": motive.code,
            "facts": _facts(motive, MOTIVE_FACTS),
            "history": _history(motive_fact_history(motive=motive), MOTIVE_FACTS),
        }

    @extend_schema(
        operation_id="motives_facts_retrieve",
        summary="A motive's facts now and every change of them",
        responses={200: MotiveFactsSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, code: str) -> Response:
        motive = access_motive(user=request_user(request), code=code)
        return Response(MotiveFactsSerializer(self._sheet(motive)).data)

    @extend_schema(
        operation_id="motives_facts_change",
        summary="Change a motive's bill status, now or from a past instant",
        request=MotiveFactChangeInput,
        responses={201: MotiveFactsSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, code: str) -> Response:
        user = request_user(request)
        motive = access_motive(user=user, code=code)
        data = _parsed(MotiveFactChangeInput, request.data)
        motive_fact_set(
            motive=motive,
            fact=MotiveFact(data["fact"]),
            value=data["value"],
            actor=user,
            reason=data["reason"],
            effective_at=data.get("effective_at"),
        )
        body = MotiveFactsSerializer(self._sheet(motive)).data
        return Response(body, status=status.HTTP_201_CREATED)
