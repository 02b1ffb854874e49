"""An evidence pack as the endpoints show it: status, progress, seed, download URLs."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers
from rest_framework.request import Request

from pacte.evidence.models import EvidencePack


class EvidencePackSerializer(serializers.Serializer[EvidencePack]):
    id = serializers.IntegerField()
    scheme = serializers.CharField(source="scheme_version.scheme.code")
    version = serializers.IntegerField(source="scheme_version.number")
    month = serializers.CharField(source="label")
    sample_size = serializers.IntegerField()
    seed = serializers.IntegerField()
    closing_seal = serializers.SerializerMethodField(
        help_text="Seal of the month's closing the pack shows; null for a month not closed."
    )
    status = serializers.CharField(help_text="queued, running, done or failed.")
    progress = serializers.IntegerField(help_text="0 to 100.")
    step = serializers.CharField()
    error = serializers.CharField(help_text="Why the build failed; empty otherwise.")
    requested_by = serializers.SerializerMethodField()
    requested_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    xlsx_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    def get_closing_seal(self, pack: EvidencePack) -> str | None:
        return pack.closing.seal if pack.closing else None

    def get_requested_by(self, pack: EvidencePack) -> str | None:
        return pack.requested_by.username if pack.requested_by else None

    def _url(self, pack: EvidencePack, name: str) -> str | None:
        if not pack.is_done:
            return None
        request: Request = self.context["request"]
        return request.build_absolute_uri(reverse(name, args=[pack.pk]))

    def get_xlsx_url(self, pack: EvidencePack) -> str | None:
        return self._url(pack, "api-evidence-pack-xlsx")

    def get_pdf_url(self, pack: EvidencePack) -> str | None:
        return self._url(pack, "api-evidence-pack-pdf")
