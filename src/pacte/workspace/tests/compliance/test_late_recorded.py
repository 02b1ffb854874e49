"""Verdicts resting on late-recorded events: counted per month on the dashboard, listed in
the drill-down, marked in the case trail and in the evidence pack's sample."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from pacte.cases.models import Case
from pacte.cases.recompute import clocks_recompute
from pacte.cases.services import case_answer, case_open
from pacte.compliance.lateness import late_counts
from pacte.compliance.tests.conftest import telecom_version
from pacte.conftest import Cast, paris
from pacte.core.models import User
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind, Channel
from pacte.evidence.sampling import sample_draw
from pacte.factories import CustomerFactory, MotiveFactory, UserFactory, grant_past_instants
from pacte.workspace.tests.compliance.test_compliance import MARCH, NOW, build_march, row_of
from pacte.workspace.tests.conftest import login

pytestmark = pytest.mark.django_db


def late_month(cast: Cast) -> tuple[Case, Case]:
    """Two March requests on time, one opened by the mail gateway an hour after it arrived,
    one whose answer the gateway reported two hours late; plus a normal one."""
    gateway = grant_past_instants(UserFactory.create(username="gateway", role=Role.AGENT))
    build_march(cast, passed=1, failed=0)
    with time_machine.travel(paris(2026, 3, 9, 10), tick=False):
        received_late = case_open(
            customer=CustomerFactory.create(),
            channel=Channel.EMAIL,
            kind=CaseKind.REQUEST,
            motive=MotiveFactory.create(),
            subject="Arrived during the outage",
            team=cast.front,
            received_at=paris(2026, 3, 9, 9),
            actor=gateway,
        )
    with time_machine.travel(paris(2026, 3, 10, 12), tick=False):
        case_answer(case=received_late, actor=cast.agent, channel=Channel.EMAIL, body="Done.")
        answered_late = case_open(
            customer=CustomerFactory.create(),
            channel=Channel.EMAIL,
            kind=CaseKind.REQUEST,
            motive=MotiveFactory.create(),
            subject="Answer reported late",
            team=cast.front,
            actor=cast.agent,
        )
    with time_machine.travel(paris(2026, 3, 11, 12), tick=False):
        case_answer(
            case=answered_late,
            actor=gateway,
            channel=Channel.EMAIL,
            body="Sent from the mail system.",
            at=paris(2026, 3, 11, 10),
        )
    with time_machine.travel(NOW, tick=False):
        clocks_recompute(now=NOW)
    return received_late, answered_late


def test_the_dashboard_counts_and_the_drill_down_lists_them(client: Client, cast: Cast) -> None:
    # Given March with two requests resting on late-recorded events
    received_late, answered_late = late_month(cast)
    with time_machine.travel(NOW, tick=False):
        # When the quality manager opens the dashboard
        page = login(client, cast.quality_manager).get(f"/compliance/?{MARCH}")
        # Then T3.1-a says 2, linked to the drill-down of those items
        row = row_of(page.content.decode(), "T3.1-a")
        assert "month=2026-03&amp;late=1" in row
        assert '<a class="badge late"' in row
        assert ">2</a>" in row
        drill = client.get(f"/compliance/T3.1-a/?{MARCH}&late=1").content.decode()
        everything = client.get(f"/compliance/T3.1-a/?{MARCH}").content.decode()
    for case in (received_late, answered_late):
        assert f'data-case="{case.reference}"' in drill
    assert drill.count('data-case="') == 2
    assert everything.count('data-case="') == 3
    assert everything.count('<span class="badge late"') == 2


def test_counts_come_from_the_judged_items_only(cast: Cast) -> None:
    late_month(cast)
    counts = late_counts(scheme_version=telecom_version(), year=2026, month=3, now=NOW)
    assert counts["T3.1-a"] == 2
    assert counts.get("T3.3-a", 0) == 0  # hand-offs are always stamped by the server


def test_the_case_trail_says_who_recorded_what_and_when(client: Client, cast: Cast) -> None:
    _received_late, answered_late = late_month(cast)
    with time_machine.travel(NOW, tick=False):
        page = (
            login(client, cast.auditor)
            .get(f"/cases/{answered_late.pk}/", HTTP_ACCEPT_LANGUAGE="en")
            .content.decode()
        )
    # the answer happened at 10:00 and was recorded by the gateway at 12:00
    assert "late-recorded on" in page
    assert str(User.objects.get(username="gateway")) in page


def test_the_evidence_sample_marks_them(cast: Cast) -> None:
    received_late, answered_late = late_month(cast)
    items = sample_draw(
        scheme_version=telecom_version(), year=2026, month=3, size=50, seed=7, now=NOW
    )
    late = {item.case_id for item in items if item.late_recorded}
    assert late == {received_late.pk, answered_late.pk}


def test_nothing_late_is_zero_not_absent(client: Client, cast: Cast) -> None:
    build_march(cast, passed=1, failed=1)
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        page = login(client, cast.supervisor).get(f"/compliance/?{MARCH}").content.decode()
    assert '<td class="late">0</td>' in row_of(page, "T3.1-a")
