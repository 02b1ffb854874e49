"""The compliance endpoints' response bodies: a month's results, verdict pages,
closings and their jobs, comparisons, and the seals' states."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pacte.compliance.indicators import Verdict


class ResultSerializer(serializers.Serializer[Any]):
    commitment_code = serializers.CharField()
    indicator_code = serializers.CharField()
    computation = serializers.CharField()
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    rate = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    target = serializers.DecimalField(max_digits=7, decimal_places=2)
    target_is_maximum = serializers.BooleanField()
    met = serializers.BooleanField(allow_null=True)
    no_data = serializers.CharField(help_text="Why there is no figure; empty when measured.")


class ClosingSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    scheme = serializers.CharField(source="scheme_version.scheme.code")
    version = serializers.IntegerField(source="scheme_version.number")
    month = serializers.CharField(source="label")
    status = serializers.CharField(help_text="closed, or reopened (then superseded).")
    closed_at = serializers.DateTimeField()
    closed_by = serializers.CharField(source="closed_by.username")
    seal = serializers.CharField(help_text="SHA-256 (hex) of the canonical snapshot.")
    previous_seal = serializers.CharField(help_text="The seal chained to; empty if none.")
    previous = serializers.IntegerField(source="previous_id", allow_null=True)


class IntegritySerializer(serializers.Serializer[Any]):
    status = serializers.CharField(help_text="verified, or under_verification.")
    checked_at = serializers.DateTimeField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())


class MonthResultsSerializer(serializers.Serializer[Any]):
    scheme = serializers.CharField()
    version = serializers.IntegerField(help_text="The scheme version the figures use.")
    month = serializers.CharField()
    status = serializers.CharField(
        help_text="open (live figures), closed (sealed figures) or under_verification (a "
        "closed month whose seal is not verified: no figure until it is)."
    )
    closing = ClosingSerializer(allow_null=True)
    integrity = IntegritySerializer(allow_null=True, help_text="A closed month's seal check.")
    results = ResultSerializer(many=True)


class VerdictItemSerializer(serializers.Serializer[Any]):
    item_kind = serializers.CharField(
        help_text=(
            "clock, caseevent, call, queuevisit, waitannouncement, publishedchannel or publication"
        )
    )
    item_id = serializers.IntegerField()
    case_id = serializers.IntegerField(allow_null=True)
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    reason_code = serializers.CharField()
    reason = serializers.CharField()


class VerdictPageSerializer(serializers.Serializer[Any]):
    basis = serializers.ChoiceField(
        choices=["live", "sealed"],
        help_text="sealed: the verdicts frozen when the month was closed; live: as of now.",
    )
    next = serializers.URLField(allow_null=True)
    results = VerdictItemSerializer(many=True)


class ClosingTaskSerializer(serializers.Serializer[Any]):
    id = serializers.CharField()
    status = serializers.CharField(help_text="READY, RUNNING, SUCCESSFUL or FAILED.")
    month = serializers.CharField(source="label")
    closing = serializers.IntegerField(source="closing_id", allow_null=True)
    seal = serializers.CharField()
    code = serializers.CharField(help_text="Why the closing was refused; empty otherwise.")
    detail = serializers.CharField()


class FigureChangeSerializer(serializers.Serializer[Any]):
    indicator_code = serializers.CharField()
    before = serializers.DictField(allow_null=True)
    after = serializers.DictField(allow_null=True)


class VerdictChangeSerializer(serializers.Serializer[Any]):
    indicator_code = serializers.CharField()
    item_kind = serializers.CharField()
    item_id = serializers.IntegerField()
    case_id = serializers.IntegerField(allow_null=True)
    verdict_before = serializers.CharField()
    reason_before = serializers.CharField()
    verdict_after = serializers.CharField()
    reason_after = serializers.CharField()


class ComparisonSerializer(serializers.Serializer[Any]):
    closing = serializers.IntegerField(source="closing.pk")
    compared_at = serializers.DateTimeField()
    unchanged = serializers.BooleanField()
    figures = FigureChangeSerializer(many=True)
    verdicts = VerdictChangeSerializer(many=True)


class SealStateSerializer(serializers.Serializer[Any]):
    closing = ClosingSerializer()
    seal_format = serializers.IntegerField(help_text="2: figures, verdicts and trail digests.")
    seal_holds = serializers.BooleanField(
        allow_null=True,
        help_text="The stored figures and digests give the stored seal (checked now); "
        "null for format 1, which only a full check can tell.",
    )
    checked_at = serializers.DateTimeField(
        allow_null=True, help_text="When the latest full check ran; null: never."
    )
    ok = serializers.BooleanField(allow_null=True, help_text="The latest full check held.")
    problems = serializers.ListField(
        child=serializers.CharField(), help_text="What the latest full check found."
    )
    publishable = serializers.BooleanField(
        help_text="The figures are shown (public page, results); else under verification."
    )


class QueuedSerializer(serializers.Serializer[Any]):
    task = serializers.CharField(help_text="The queued check's id.")
