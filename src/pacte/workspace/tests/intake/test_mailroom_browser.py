"""The mail room in a real headless Chromium: find the sender by name, register a letter
with its scan, download the scan from the case page."""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django import Settings

from pacte.cases.models import Case
from pacte.core import clock
from pacte.core.roles import Role
from pacte.core.vocabulary import Channel
from pacte.factories import PASSWORD, CustomerFactory, MotiveFactory, TeamFactory, UserFactory
from pacte.intake.models import ChannelRoute, Letter

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_mail_room_registers_a_letter_for_a_customer_found_by_name(
    live_server: Any, page: Page, settings: Settings, tmp_path: Path
) -> None:
    # Given a mail room agent, the letters' route and a customer called Lefebvre
    settings.MEDIA_ROOT = str(tmp_path / "media")
    team = TeamFactory.create(code="courrier", name="Courrier")
    agent = UserFactory.create(username="mailroom", role=Role.AGENT)
    ChannelRoute.objects.create(channel=Channel.LETTER, team=team, motive=MotiveFactory.create())
    customer = CustomerFactory.create(last_name="Lefebvre", first_name="Anne")
    scan = tmp_path / "lettre.pdf"
    scan.write_bytes(PDF)
    page.set_default_timeout(30_000)  # a loaded 2-core CI machine

    # When the agent logs in (in English) and opens the mail room from the menu
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("button", name="English").click()
    page.get_by_label("User name").fill("mailroom")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator("nav summary", has_text="Channels").click()  # the nav's channel menu
    page.get_by_role("link", name="Mail room").click()
    expect(page.get_by_role("heading", name="Register a letter")).to_be_visible()

    # and types the start of the sender's name in the customer number field
    page.get_by_label("Customer number").fill("Lefeb")

    # Then the customer is suggested
    suggestion = page.locator("#sender-suggestions option")
    expect(suggestion).to_have_count(1)
    expect(suggestion).to_have_attribute("value", customer.reference)

    # When the agent takes the suggestion and fills in the letter
    page.get_by_label("Customer number").fill(customer.reference)
    page.get_by_label("Scan (PDF or image)").set_input_files(str(scan))
    page.get_by_label("Kind").select_option("complaint")
    page.get_by_label("Motive").select_option(index=1)
    page.get_by_label("Subject").fill("Contestation de facture")
    page.get_by_role("button", name="Register the letter").click()

    # Then the agent is back in the mail room, told the new case's reference; the case
    # went to the letters' team, not theirs, so their register does not list it
    expect(page.locator(".message")).to_contain_text("Letter registered: case")
    letter = Letter.objects.get()
    case = Case.objects.get(letter=letter)
    expect(page.locator(".message")).to_contain_text(case.reference)
    expect(page.locator("table.letters tbody tr")).to_have_count(0)
    # received at the start of today, for the customer, in the route's team
    assert (case.customer, case.team) == (customer, team)
    assert timezone.localtime(case.received_at).time() == time(0)
    assert timezone.localdate(case.received_at) == timezone.localdate(clock.now())

    # When the agent joins the letters' team, the register lists the new case first,
    # and the agent opens it from there
    team.members.add(agent)
    page.goto(f"{live_server.url}/mailroom/")
    expect(page.locator("table.letters tbody tr").first).to_contain_text(case.reference)
    page.get_by_role("link", name=case.reference).click()

    # Then the scan is listed on the case page and downloads as the same bytes
    link = page.locator(".case-attachments a", has_text="lettre.pdf")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes() == PDF


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_mail_room_date_stamp_is_prefilled_and_accepted_in_french(
    live_server: Any, page: Page, settings: Settings, tmp_path: Path
) -> None:
    # Given a mail room agent working in French and the letters' route
    settings.MEDIA_ROOT = str(tmp_path / "media")
    team = TeamFactory.create(code="courrier", name="Courrier")
    UserFactory.create(username="courrier", role=Role.AGENT)
    ChannelRoute.objects.create(channel=Channel.LETTER, team=team, motive=MotiveFactory.create())
    customer = CustomerFactory.create(last_name="Lefebvre", first_name="Anne")
    scan = tmp_path / "lettre.pdf"
    scan.write_bytes(PDF)
    page.set_default_timeout(30_000)  # a loaded 2-core CI machine

    # When the agent logs in (the browser asks for French) and opens the mail room
    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=username]").fill("courrier")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"{live_server.url}/mailroom/")

    # Then the date stamp holds today's date as the date input's ISO value (the
    # browser shows it the French way), not "02/12/2026" that the input rejects
    stamp = page.locator("input[name=received_on]")
    today = timezone.localdate(clock.now())
    expect(stamp).to_have_value(today.isoformat())

    # When the agent registers a letter without touching the date
    page.locator("input[name=customer_reference]").fill(customer.reference)
    page.locator("input[name=scan]").set_input_files(str(scan))
    page.locator("select[name=motive]").select_option(index=1)
    page.locator("input[name=subject]").fill("Contestation de facture")
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()

    # Then the letter is registered, stamped today
    expect(page.locator(".message")).to_contain_text("Courrier enregistré")
    letter = Letter.objects.get()
    assert letter.received_on == today
