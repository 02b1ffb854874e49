"""POST /api/letters/: the mail room registers a letter through the API (multipart)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django import Settings

from pacte.api.tests.conftest import ROLES, ClientFor
from pacte.cases.models import Case, Motive
from pacte.conftest import Cast, paris
from pacte.core.vocabulary import Channel
from pacte.factories import MotiveFactory, grant_past_instants
from pacte.intake.models import Attachment, ChannelRoute, Letter

pytestmark = pytest.mark.django_db

URL = "/api/letters/"
PDF = b"%PDF-1.4\n%%EOF\n"
WRITERS = {"agent", "other_agent", "supervisor", "administrator"}
READERS = {"quality_manager", "auditor"}


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _mail_room(cast: Cast) -> None:
    """The writers here work in the mail room: they may register letters stamped earlier."""
    for user in (cast.agent, cast.other_agent, cast.supervisor, cast.administrator):
        grant_past_instants(user)


@pytest.fixture
def motive(db: None) -> Motive:
    return MotiveFactory.create()


@pytest.fixture
def letter_route(cast: Cast, motive: Motive) -> ChannelRoute:
    return ChannelRoute.objects.create(channel=Channel.LETTER, team=cast.back, motive=motive)


def body(cast: Cast, motive: Motive, /, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "received_on": "2026-03-07",  # last Saturday
        "scan": SimpleUploadedFile("lettre.pdf", PDF, "application/pdf"),
        "customer_reference": cast.customer.reference,
        "kind": "complaint",
        "motive": motive.code,
        "subject": "Lettre de réclamation",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("role", [*ROLES, None])
def test_who_may_register_a_letter(
    cast: Cast,
    client_for: ClientFor,
    motive: Motive,
    letter_route: ChannelRoute,
    frozen_now: datetime,
    role: str | None,
) -> None:
    user = cast.by_role_name(role) if role else None
    response = client_for(user).post(URL, body(cast, motive), format="multipart")
    expected = 201 if role in WRITERS else 403 if role in READERS else 401 if role is None else 404
    assert response.status_code == expected, response.content
    assert Letter.objects.count() == (1 if expected == 201 else 0)
    if expected != 201:
        assert set(response.json()) >= {"code", "detail"}


def test_the_letter_is_received_at_the_start_of_its_stamp_day(
    cast: Cast, client_for: ClientFor, motive: Motive, letter_route: ChannelRoute, frozen_now
) -> None:
    response = client_for(cast.agent).post(URL, body(cast, motive), format="multipart")
    data = response.json()
    case = Case.objects.get()
    assert data["case_reference"] == case.reference
    assert data["case_id"] == case.pk
    assert data["customer_reference"] == cast.customer.reference
    assert data["received_on"] == "2026-03-07"
    assert data["received_at"] == "2026-03-07T00:00:00+01:00"
    assert case.received_at == paris(2026, 3, 7)
    assert data["scan_content_type"] == "application/pdf"
    # Saturday: day 0 is Monday 9 March; a complaint by letter gets 5 business days
    assert data["due_at"] == "2026-03-16T23:59:59.999999+01:00"
    assert case.team == cast.back
    assert Attachment.objects.get(case=case).channel == Channel.LETTER


def test_a_new_sender_and_a_chosen_team(
    cast: Cast, client_for: ClientFor, motive: Motive, frozen_now: datetime
) -> None:
    response = client_for(cast.supervisor).post(
        URL,
        body(
            cast,
            motive,
            customer_reference="",
            sender_name="Jeanne Martin",
            sender_address="3 rue des Lilas, Paris",
            sender_email="jeanne@example.test",
            team="front",
        ),
        format="multipart",
    )
    assert response.status_code == 201, response.content
    letter = Letter.objects.get()
    assert letter.customer.email == "jeanne@example.test"
    assert letter.case is not None
    assert letter.case.team == cast.front


@pytest.mark.parametrize(
    ("extra", "code", "field"),
    [
        ({"received_on": "2026-03-11"}, "received_in_future", None),
        ({"received_on": "2025-12-01"}, "received_too_long_ago", None),
        ({"received_on": "07/03/2026"}, "invalid", "received_on"),
        (
            {"scan": SimpleUploadedFile("l.pdf", b"<html></html>", "application/pdf")},
            "file_type_refused",
            None,
        ),
        ({"customer_reference": "NOPE"}, "invalid", "customer_reference"),
        ({"customer_reference": ""}, "sender_required", None),
        ({"kind": "operation"}, "invalid", "kind"),
        ({"motive": "nope"}, "invalid", "motive"),
        ({"team": "nope"}, "invalid", "team"),
        ({"scan": ""}, "invalid", "scan"),
    ],
)
def test_bad_input_is_a_400_with_a_reason(
    cast: Cast,
    client_for: ClientFor,
    motive: Motive,
    letter_route: ChannelRoute,
    frozen_now: datetime,
    extra: dict[str, object],
    code: str,
    field: str | None,
) -> None:
    response = client_for(cast.agent).post(URL, body(cast, motive, **extra), format="multipart")
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == code
    assert data["detail"]
    if field is not None:
        assert field in data["field_errors"]
    assert not Letter.objects.exists()
    assert not Attachment.objects.exists()


def test_json_is_refused_with_a_reason(
    cast: Cast, client_for: ClientFor, motive: Motive, letter_route: ChannelRoute
) -> None:
    response = client_for(cast.agent).post(URL, {"subject": "x"}, format="json")
    assert response.status_code == 415
    assert "detail" in response.json()


def test_a_retry_with_the_same_idempotency_key_registers_one_letter(
    cast: Cast, client_for: ClientFor, motive: Motive, letter_route: ChannelRoute, frozen_now
) -> None:
    client = client_for(cast.agent)
    key = "scan-0042"
    first = client.post(URL, body(cast, motive), format="multipart", HTTP_IDEMPOTENCY_KEY=key)
    again = client.post(URL, body(cast, motive), format="multipart", HTTP_IDEMPOTENCY_KEY=key)
    # the retry replays the first answer and registers nothing more
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert (Letter.objects.count(), Case.objects.count(), Attachment.objects.count()) == (1, 1, 1)
    # the same key with another scan is a different request: refused, nothing written
    other = body(cast, motive, scan=SimpleUploadedFile("b.pdf", PDF + b"x", "application/pdf"))
    reused = client.post(URL, other, format="multipart", HTTP_IDEMPOTENCY_KEY=key)
    assert (reused.status_code, reused.json()["code"]) == (422, "idempotency_key_reused")
    assert Letter.objects.count() == 1


def test_an_agent_cannot_file_a_letter_into_another_team(
    cast: Cast, client_for: ClientFor, motive: Motive, frozen_now: datetime
) -> None:
    # Given the agent of team front, choosing team back (another agent's)
    # When they register the letter
    response = client_for(cast.agent).post(URL, body(cast, motive, team="back"), format="multipart")

    # Then 403 team_not_allowed, as for a case, and nothing is kept
    assert response.status_code == 403
    assert response.json()["code"] == "team_not_allowed"
    assert not Letter.objects.exists()
    assert not Case.objects.exists()


def test_an_agent_files_into_their_own_team_or_the_letters_route(
    cast: Cast, client_for: ClientFor, motive: Motive, letter_route: ChannelRoute, frozen_now
) -> None:
    client = client_for(cast.agent)

    own = client.post(URL, body(cast, motive, team="front"), format="multipart")
    routed = client.post(URL, body(cast, motive), format="multipart")

    assert (own.status_code, routed.status_code) == (201, 201)
    teams = Letter.objects.order_by("pk").values_list("case__team", flat=True)
    assert list(teams) == [cast.front.pk, cast.back.pk]


def test_a_bill_dispute_letter_keeps_its_invoice_and_amount(
    cast: Cast, client_for: ClientFor, letter_route: ChannelRoute, frozen_now: datetime
) -> None:
    bill = MotiveFactory.create(code="bill-letter", billing=True)
    extra = {"kind": "bill_dispute", "invoice": "F-2026-03-07", "amount": "1 234,50"}
    response = client_for(cast.agent).post(URL, body(cast, bill, **extra), format="multipart")
    assert response.status_code == 201, response.json()
    case = Case.objects.get()
    assert case.kind == "bill_dispute"
    opened = case.events.get(kind="opened")
    assert (opened.data["invoice"], opened.data["amount"]) == ("F-2026-03-07", "1234.50")


@pytest.mark.parametrize("kind", ["appeal", "mediation", "acceptance"])
def test_a_letter_is_not_filed_as_a_kind_opened_elsewhere(
    cast: Cast, client_for: ClientFor, motive: Motive, letter_route: ChannelRoute, kind: str
) -> None:
    response = client_for(cast.agent).post(URL, body(cast, motive, kind=kind), format="multipart")
    assert response.status_code == 400
    assert "kind" in response.json()["field_errors"]
    assert not Case.objects.exists()
