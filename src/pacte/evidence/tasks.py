"""Background jobs of the evidence domain, run by the worker (manage.py db_worker)."""

from __future__ import annotations

from django_tasks import task

from pacte.evidence.building import pack_build
from pacte.evidence.models import EvidencePack


@task()
def evidence_pack_build_task(pack_id: int) -> str:
    """Build the pack's XLSX and PDF files; returns the pack's final status."""
    pack = EvidencePack.objects.select_related("scheme_version__scheme", "closing").get(pk=pack_id)
    return str(pack_build(pack=pack).status)
