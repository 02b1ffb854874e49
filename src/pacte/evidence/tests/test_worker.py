"""The worker (manage.py db_worker) builds a pack requested through the service."""

from __future__ import annotations

import pytest
import time_machine
from django.core.management import call_command
from django.utils import translation

from pacte.conftest import Cast
from pacte.evidence.models import PackStatus
from pacte.evidence.services import evidence_pack_request
from pacte.evidence.tests.conftest import APRIL, build_march
from pacte.evidence.tests.helpers import pack_workbook, sample_rows

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_worker_builds_the_requested_pack(cast: Cast):
    build_march(cast)
    with time_machine.travel(APRIL, tick=False), translation.override("en"):
        pack = evidence_pack_request(
            scheme_code="telecom-2004",
            year=2026,
            month=3,
            sample_size=2,
            seed=99,
            requested_by=cast.quality_manager,
        )
        assert pack.status == PackStatus.QUEUED
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    pack.refresh_from_db()
    assert (pack.status, pack.progress, pack.error) == (PackStatus.DONE, 100, "")
    assert len(sample_rows(pack_workbook(pack)["T3.1"])) == 2
