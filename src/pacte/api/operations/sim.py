"""The SIM-order endpoints (T4.1, docs/operations-sim.md): order a replacement SIM, record
it prepared, shipped (carrier, tracking) and delivered (the new SIM's serial), read one.

``<reference>`` is the order's case reference (``P00000042``). A customer orders for
their own line and reads their own orders; staff who may fulfil record the steps. A
step out of order or recorded twice is a 409; a missing field a 400.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pacte.api.common.fields import ChannelField
from pacte.api.common.permissions import request_user
from pacte.api.common.schema import error_responses
from pacte.core.errors import ForbiddenError, PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, require
from pacte.core.roles import Role
from pacte.core.vocabulary import Channel
from pacte.customers.models import Customer, Line
from pacte.operations.errors import OperationError
from pacte.operations.sim import sim_order_deliver, sim_order_prepare, sim_order_request
from pacte.operations.sim import sim_order_ship as ship
from pacte.operations.sim_selectors import SimOrder, access_sim_order, sim_orders_view

# Refusals that say "not in this state": the step may be recorded later, or was already.
CONFLICTS = frozenset(
    {OperationError.SIM_ORDER_OPEN, OperationError.SIM_STEP_DONE, OperationError.SIM_NOT_SHIPPED}
)


class SimOrderRequestSerializer(serializers.Serializer[Any]):
    customer_reference = serializers.CharField(
        max_length=32,
        required=False,
        default="",
        help_text="The customer number (staff). A customer orders for themself: left out.",
    )
    msisdn = serializers.CharField(max_length=20, help_text="The line's number.")
    channel = ChannelField(
        required=False,
        default=Channel.PHONE,
        help_text="How the request came in (staff; a customer's is always the portal).",
    )
    reason = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)
    address = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=500,
        help_text="Where to send the SIM; the customer's postal address when left out.",
    )


class PreparedSerializer(serializers.Serializer[Any]):
    pass


class ShippedSerializer(serializers.Serializer[Any]):
    carrier = serializers.CharField(max_length=80, help_text="Who carries the SIM.")
    tracking = serializers.CharField(max_length=80, help_text="The carrier's tracking reference.")


class DeliveredSerializer(serializers.Serializer[Any]):
    iccid = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=30,
        help_text="The new SIM's serial (18 to 22 digits), written to the line.",
    )


class SimOrderSerializer(serializers.Serializer[Any]):
    reference = serializers.CharField(source="case.reference")
    case_id = serializers.IntegerField(source="case.pk")
    status = serializers.CharField(source="case.status")
    channel = serializers.CharField(source="case.channel")
    received_at = serializers.DateTimeField(source="case.received_at")
    due_at = serializers.DateTimeField(source="case.due_at", allow_null=True)
    msisdn = serializers.CharField()
    address = serializers.CharField()
    prepared_at = serializers.DateTimeField(source="prepared.at", allow_null=True, default=None)
    shipped_at = serializers.DateTimeField(source="shipped.at", allow_null=True, default=None)
    carrier = serializers.CharField()
    tracking = serializers.CharField()
    delivered_at = serializers.DateTimeField(source="delivered.at", allow_null=True, default=None)
    iccid = serializers.CharField(help_text="The new SIM's serial, once delivered (if given).")
    next_step = serializers.CharField(help_text="prepared, shipped, delivered or empty.")


def _body(order: SimOrder) -> dict[str, Any]:
    return dict(SimOrderSerializer(order).data)


def _customer(user: User, reference: str) -> Customer:
    if user.role == Role.CUSTOMER:
        own = Customer.objects.filter(user=user).first()
        if own is None:
            raise ForbiddenError(OperationError.NOT_ALLOWED, "No customer record for you.")
        return own
    found = Customer.objects.filter(reference=reference.strip(), unidentified=False).first()
    if found is None:
        raise serializers.ValidationError({"customer_reference": ["No such customer."]})
    return found


def _line(customer: Customer, msisdn: str) -> Line:
    found = Line.objects.filter(msisdn=msisdn.strip(), account__customer=customer).first()
    if found is None:
        raise PacteError(OperationError.NO_LINE, f"Line {msisdn!r} is not {customer}'s.")
    return found


def _refusal(error: PacteError) -> Response:
    code = status.HTTP_409_CONFLICT if error.code in CONFLICTS else error.status_code
    return Response({"code": str(error.code), "detail": error.text}, status=code)


class SimOrderCollectionView(APIView):
    """Order a replacement SIM for a line: staff for a customer, a customer for their own."""

    @extend_schema(
        operation_id="sim_orders_create",
        request=SimOrderRequestSerializer,
        responses={201: SimOrderSerializer, **error_responses(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        require(user, Action.SIM_ORDER, ForbiddenError(OperationError.NOT_ALLOWED, "Not yours."))
        body = SimOrderRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        customer = _customer(user, data["customer_reference"])
        try:
            case = sim_order_request(
                customer=customer,
                line=_line(customer, data["msisdn"]),
                channel=Channel(data["channel"] or Channel.PHONE),
                actor=user,
                reason=data["reason"],
                address=data["address"],
            )
        except PacteError as error:
            return _refusal(error)
        return Response(_body(sim_orders_view([case])[0]), status=status.HTTP_201_CREATED)


class SimOrderView(APIView):
    """One SIM order and its steps (404 for an order the user may not see)."""

    @extend_schema(
        operation_id="sim_orders_retrieve",
        responses={200: SimOrderSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, reference: str) -> Response:
        case = access_sim_order(user=request_user(request), reference=reference)
        return Response(_body(sim_orders_view([case])[0]))


Step = Callable[..., object]


class _StepView(APIView):
    serializer_class: type[serializers.Serializer[Any]] = PreparedSerializer
    step: Step

    def post(self, request: Request, reference: str) -> Response:
        user = request_user(request)
        case = access_sim_order(user=user, reference=reference)
        require(
            user,
            Action.SIM_FULFIL,
            ForbiddenError(OperationError.NOT_ALLOWED, "Your role may not fulfil SIM orders."),
        )
        body = self.serializer_class(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            type(self).step(case=case, actor=user, **body.validated_data)
        except PacteError as error:
            return _refusal(error)
        return Response(_body(sim_orders_view([case])[0]))


STEP_RESPONSES: dict[int, Any] = {
    200: SimOrderSerializer,
    **error_responses(400, 401, 403, 404, 409),
}


class PreparedView(_StepView):
    """Record the SIM prepared (optional, before the shipment)."""

    step = staticmethod(sim_order_prepare)

    @extend_schema(
        operation_id="sim_orders_prepared",
        request=PreparedSerializer,
        responses=STEP_RESPONSES,
    )
    def post(self, request: Request, reference: str) -> Response:
        return super().post(request, reference)


class ShippedView(_StepView):
    """Record the SIM shipped, with its carrier and tracking reference (stops T4.1's clock)."""

    serializer_class = ShippedSerializer
    step = staticmethod(ship)

    @extend_schema(
        operation_id="sim_orders_shipped",
        request=ShippedSerializer,
        responses=STEP_RESPONSES,
    )
    def post(self, request: Request, reference: str) -> Response:
        return super().post(request, reference)


class DeliveredView(_StepView):
    """Record the SIM delivered (after the shipment), with the new SIM's serial."""

    serializer_class = DeliveredSerializer
    step = staticmethod(sim_order_deliver)

    @extend_schema(
        operation_id="sim_orders_delivered",
        request=DeliveredSerializer,
        responses=STEP_RESPONSES,
    )
    def post(self, request: Request, reference: str) -> Response:
        return super().post(request, reference)


urlpatterns = [
    path("sim-orders/", SimOrderCollectionView.as_view(), name="api-sim-orders"),
    path("sim-orders/<str:reference>/", SimOrderView.as_view(), name="api-sim-order"),
    path(
        "sim-orders/<str:reference>/prepared/",
        PreparedView.as_view(),
        name="api-sim-order-prepared",
    ),
    path(
        "sim-orders/<str:reference>/shipped/", ShippedView.as_view(), name="api-sim-order-shipped"
    ),
    path(
        "sim-orders/<str:reference>/delivered/",
        DeliveredView.as_view(),
        name="api-sim-order-delivered",
    ),
]
