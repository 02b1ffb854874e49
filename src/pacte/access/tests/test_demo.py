"""The demo's access page: published before the history, never over a real page, wiped
with the demo."""

from __future__ import annotations

from pacte.access.models import AccessEvent, ChannelEntry, Publication
from pacte.access.selectors import access_page
from pacte.access.services import channel_add
from pacte.access.tests.builders import PHONE
from pacte.compliance.indicators.access_page import access_page_computations
from pacte.compliance.selectors import month_results
from pacte.compliance.tests.conftest import telecom_version
from pacte.conftest import paris
from pacte.demo.access_page import access_page_demo
from pacte.demo.reset import demo_data_delete

NOW = paris(2026, 3, 10, 10)
ACCESS_COMPUTATIONS = {c.name for c in access_page_computations()}


def test_demo_page_is_published_before_the_history_and_meets_its_targets(cast):
    publication = access_page_demo(actor=cast.administrator, now=NOW, months=3)
    assert publication is not None
    assert publication.published_at < paris(2025, 12, 1)
    page = access_page(at=NOW)
    assert page is not None
    assert {c.kind for c in page.channels} == {
        "phone",
        "web",
        "email",
        "letter",
        "distributor_hotline",
    }
    assert "222" in {s.number for s in page.services}
    results = month_results(scheme_version=telecom_version(), year=2025, month=12, now=NOW)
    access = {r.indicator_code: r for r in results if r.computation in ACCESS_COMPUTATIONS}
    assert set(access) == {"T1.1-a", "T1.2-a", "T1.2-b", "T4.5-a", "T6.5-a"}
    assert {code: r.met for code, r in access.items()} == dict.fromkeys(access, True)


def test_demo_page_never_overwrites_a_real_draft(cast, frozen_now):
    channel_add(actor=cast.administrator, data=PHONE)
    assert access_page_demo(actor=cast.administrator, now=NOW, months=3) is None
    assert ChannelEntry.objects.count() == 1
    assert not Publication.objects.exists()


def test_demo_reset_wipes_the_access_page(cast):
    access_page_demo(actor=cast.administrator, now=NOW, months=3)
    demo_data_delete()
    assert not Publication.objects.exists()
    assert not AccessEvent.objects.exists()
    assert access_page_demo(actor=cast.administrator, now=NOW, months=3) is not None
