"""The email bench on a small size, against a real Dovecot."""

from __future__ import annotations

import pytest

from pacte.cases.models import Case
from pacte.conftest import skip_or_fail
from pacte.demo.bench.mail import bench_mail
from pacte.factories import MotiveFactory
from pacte.mail.models import OutboundMessage
from pacte.mail.testserver import DOVECOT

pytestmark = pytest.mark.django_db


def test_bench_ingests_every_message_and_reports_a_rate(cast, django_capture_on_commit_callbacks):
    if not DOVECOT.exists():
        skip_or_fail("dovecot is not installed")
    MotiveFactory.create()
    with django_capture_on_commit_callbacks(execute=False):
        (row,) = bench_mail(count=25)
    assert row.unit == "msg/s"
    assert row.value > 0
    assert Case.objects.count() == 25
    assert OutboundMessage.objects.count() == 25
