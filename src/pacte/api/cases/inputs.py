"""Serializers that parse request bodies and query strings (never rendered)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.api.common.fields import AwareDateTimeField, CaseKindField, ChannelField
from pacte.cases.models import CaseStatus, Motive, Team
from pacte.core.models import User
from pacte.core.vocabulary import CaseKind
from pacte.customers.models import Customer, Distributor

MAX_PAGE_SIZE = 200
ORDERINGS = ("due_at", "-due_at", "received_at", "-received_at")
CUSTOMER_LOOKUPS = {
    "customer_reference": "reference",
    "customer_email": "email__iexact",
    "customer_phone": "phone",
}


# Kinds opened from another path: an appeal and a mediator referral from the case they
# follow (POST /api/cases/{id}/appeal/, /refer-mediator/), a contract-acceptance
# difficulty by POST /api/acceptance-cases/ (its blocking point and notices).
OPENED_ELSEWHERE = {
    CaseKind.APPEAL: "an appeal is filed from its complaint: POST /api/cases/{id}/appeal/",
    CaseKind.MEDIATION: "a mediator referral is recorded from the case it follows: "
    "POST /api/cases/{id}/refer-mediator/",
    CaseKind.ACCEPTANCE: "a contract-acceptance difficulty is raised by "
    "POST /api/acceptance-cases/",
    CaseKind.SIM_ORDER: "a SIM replacement is ordered by POST /api/sim-orders/",
}


def kind_filed_directly(value: str) -> str:
    """``value`` unless its kind is opened from another path (ValidationError: which)."""
    elsewhere = OPENED_ELSEWHERE.get(CaseKind(value))
    if elsewhere is not None:
        raise serializers.ValidationError(elsewhere)
    return value


def _code_field(queryset: Any, what: str, **kwargs: Any) -> serializers.SlugRelatedField[Any]:
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=queryset,
        error_messages={"does_not_exist": f"Unknown {what} code “{{value}}”."},
        **kwargs,
    )


def resolve_customer(attrs: dict[str, Any]) -> Customer:
    """The one customer named by exactly one of the customer_* fields (ValidationError if not)."""
    given = [(field, attrs[field]) for field in CUSTOMER_LOOKUPS if attrs.get(field)]
    if len(given) != 1:
        raise serializers.ValidationError(
            {
                "customer_reference": [
                    "Identify the customer by exactly one of "
                    "customer_reference, customer_email or customer_phone."
                ]
            }
        )
    field, value = given[0]
    if field == "customer_phone":
        value = "".join(ch for ch in value if ch not in " .-")
    matches = list(Customer.objects.filter(**{CUSTOMER_LOOKUPS[field]: value})[:2])
    if not matches:
        raise serializers.ValidationError({field: [f"No customer matches “{value}”."]})
    if len(matches) > 1:
        raise serializers.ValidationError(
            {field: [f"Several customers match “{value}”; give customer_reference."]}
        )
    return matches[0]


class CaseCreateSerializer(serializers.Serializer[Any]):
    """A new case. Staff and integrations give channel, received_at, team and the customer;
    a customer gives only kind, motive, subject and description."""

    channel = ChannelField(required=False)
    kind = CaseKindField()
    motive = _code_field(Motive.objects.all(), "motive")
    subject = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    received_at = AwareDateTimeField(
        required=False,
        help_text="When the channel received it; omitted: now. Only an integration with the "
        "permission to record past instants may give an earlier instant, within the "
        "installation's window; the case is then marked late-recorded.",
    )
    team = _code_field(Team.objects.select_related("site"), "team", required=False)
    distributor = _code_field(Distributor.objects.all(), "distributor", required=False)
    customer_reference = serializers.CharField(required=False, max_length=32)
    customer_email = serializers.EmailField(required=False)
    customer_phone = serializers.CharField(required=False, max_length=32)
    invoice = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        help_text="A bill dispute's invoice number (kept for a bill dispute only).",
    )
    amount = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text="A bill dispute's disputed amount: 0 or more, at most two decimals "
        "(12.50 or 12,50; kept for a bill dispute only).",
    )

    def validate_kind(self, value: str) -> str:
        return kind_filed_directly(value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.context.get("customer") is not None:
            return attrs
        missing = [field for field in ("channel", "team") if field not in attrs]
        if missing:
            raise serializers.ValidationError(
                {field: ["This field is required."] for field in missing}
            )
        attrs["customer"] = resolve_customer(attrs)
        return attrs


class CaseFilterSerializer(serializers.Serializer[Any]):
    """The list's query string: filters, ordering and cursor pagination."""

    status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)
    channel = ChannelField(required=False)
    kind = CaseKindField(required=False)
    team = serializers.CharField(required=False, help_text="Team code.")
    assignee = serializers.CharField(required=False, help_text="Assignee's username.")
    customer = serializers.CharField(required=False, help_text="Customer reference.")
    due_before = AwareDateTimeField(required=False, help_text="Deadline in force before.")
    due_after = AwareDateTimeField(required=False, help_text="Deadline in force at or after.")
    received_before = AwareDateTimeField(required=False, help_text="Received before.")
    received_after = AwareDateTimeField(required=False, help_text="Received at or after.")
    ordering = serializers.ChoiceField(choices=ORDERINGS, default="-received_at")
    cursor = serializers.CharField(required=False, help_text="The `next` link's cursor.")
    page_size = serializers.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, default=50)


class AnswerSerializer(serializers.Serializer[Any]):
    channel = ChannelField()
    body = serializers.CharField()
    at = AwareDateTimeField(
        required=False,
        help_text="When it was sent; omitted: now (the server's clock). Only an integration "
        "with the permission to record past instants may give an earlier instant.",
    )


class HandOffSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(
        allow_blank=True, default="", help_text="Context for the next agent."
    )
    to_team = _code_field(Team.objects.select_related("site"), "team", required=False)
    to_assignee = serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.filter(is_active=True),
        required=False,
        error_messages={"does_not_exist": "Unknown user “{value}”."},
    )


class CommitDeadlineSerializer(serializers.Serializer[Any]):
    new_due_at = AwareDateTimeField()
    told_at = AwareDateTimeField(
        required=False,
        help_text="When the customer was told; omitted: now (the server's clock). Only an "
        "integration with the permission to record past instants may give an earlier instant.",
    )
    told_via = ChannelField()
    message = serializers.CharField(allow_blank=True, default="")


class CloseSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(allow_blank=True, default="")


class ReopenSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField()


class MatchCustomerSerializer(serializers.Serializer[Any]):
    customer = serializers.SlugRelatedField(
        slug_field="reference",
        queryset=Customer.objects.filter(unidentified=False),
        help_text="The customer number of the customer who wrote.",
        error_messages={"does_not_exist": "No identified customer has the number “{value}”."},
    )
