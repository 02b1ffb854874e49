"""T4.7 through the services: raising a difficulty, the two notices, the close rule."""

from __future__ import annotations

import pytest

from pacte.cases.models import CaseEvent, CaseStatus, EventKind
from pacte.cases.services import case_close
from pacte.contracts.errors import ContractError
from pacte.contracts.services import (
    acceptance_notice_impossible,
    acceptance_notice_send,
)
from pacte.contracts.tests.conftest import Shop, raise_case
from pacte.core.errors import NotFoundError, PacteError
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import CustomerFactory, DistributorFactory, open_case
from pacte.mail.models import OutboundMessage

pytestmark = pytest.mark.django_db


def test_a_distributor_raises_a_case_for_a_customer_of_their_shop(shop: Shop):
    case = raise_case(shop, channel=Channel.PHONE)
    assert (case.kind, case.distributor, case.channel) == (
        CaseKind.ACCEPTANCE,
        shop.cast.distributor,
        Channel.WEB,  # the portal, whatever was claimed
    )
    assert case.team == shop.cast.front  # the distributor hotline's route
    assert case.motive == shop.motive
    opened = case.events.get(kind=EventKind.OPENED)
    assert opened.data["contract_kind"] == "subscription"
    assert opened.data["blocking"] == "The ID card scan is unreadable."
    assert opened.data["needed"] == "A readable copy of the ID card."
    assert opened.actor == shop.cast.distributor_user


def test_an_agent_raises_a_case_with_or_without_a_distributor(shop: Shop):
    with_shop = raise_case(
        shop, actor=shop.cast.agent, distributor=shop.cast.distributor, channel=Channel.PHONE
    )
    assert (with_shop.distributor, with_shop.channel) == (shop.cast.distributor, Channel.PHONE)
    stranger = CustomerFactory.create()  # agents are not limited to a shop's customers
    alone = raise_case(shop, actor=shop.cast.agent, customer=stranger, contract_kind="renewal")
    assert alone.distributor is None
    assert alone.events.get(kind=EventKind.OPENED).data["contract_kind"] == "renewal"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"contract_kind": "lease"}, ContractError.CONTRACT_KIND_INVALID),
        ({"blocking": "  "}, ContractError.BLOCKING_REQUIRED),
        ({"needed": ""}, ContractError.NEEDED_REQUIRED),
    ],
)
def test_raising_needs_the_kind_what_blocks_and_what_is_needed(shop: Shop, overrides, code):
    with pytest.raises(PacteError) as refused:
        raise_case(shop, **overrides)
    assert refused.value.code == code
    assert not CaseEvent.objects.exists()


def test_who_may_raise(shop: Shop):
    for user in (shop.cast.auditor, shop.cast.quality_manager, shop.cast.customer_user):
        with pytest.raises(PacteError) as refused:
            raise_case(shop, actor=user)
        assert refused.value.code == ContractError.NOT_ALLOWED


def test_a_distributor_only_raises_for_their_shop_and_its_customers(shop: Shop):
    other_shop = DistributorFactory.create()
    with pytest.raises(PacteError) as refused:
        raise_case(shop, distributor=other_shop)
    assert refused.value.code == ContractError.DISTRIBUTOR_NOT_YOURS
    with pytest.raises(NotFoundError) as unknown:
        raise_case(shop, customer=shop.cast.other_customer)
    assert unknown.value.code == ContractError.CUSTOMER_NOT_OF_SHOP
    other_shop.users.add(shop.cast.distributor_user)  # two shops: say which
    with pytest.raises(PacteError) as ambiguous:
        raise_case(shop)
    assert ambiguous.value.code == ContractError.DISTRIBUTOR_REQUIRED
    assert raise_case(shop, distributor=shop.cast.distributor).distributor == shop.cast.distributor


def test_without_the_acceptance_motive_raising_is_refused(shop: Shop):
    shop.motive.code = "renamed"
    shop.motive.save()
    with pytest.raises(PacteError) as refused:
        raise_case(shop)
    assert refused.value.code == ContractError.NO_MOTIVE


def test_notices_are_recorded_at_the_server_clock_with_channel_and_content(shop: Shop, frozen_now):
    case = raise_case(shop)
    sent = acceptance_notice_send(
        case=case,
        party="customer",
        channel=Channel.PHONE,
        body=" Bring your ID. ",
        actor=shop.cast.agent,
    )
    assert (sent.kind, sent.at, sent.body, sent.channel) == (
        EventKind.NOTICE_SENT,
        frozen_now,
        "Bring your ID.",
        Channel.PHONE,
    )
    assert sent.data == {"party": "customer", "channel": "phone"}
    impossible = acceptance_notice_impossible(
        case=case, party="distributor", reason="The shop closed down.", actor=shop.cast.agent
    )
    assert (impossible.kind, impossible.body, impossible.data) == (
        EventKind.NOTICE_IMPOSSIBLE,
        "The shop closed down.",
        {"party": "distributor"},
    )


def test_email_notices_are_sent_to_the_customer_and_to_the_shop(
    shop: Shop, django_capture_on_commit_callbacks
):
    case = raise_case(shop)
    with django_capture_on_commit_callbacks(execute=True):
        acceptance_notice_send(
            case=case,
            party="customer",
            channel=Channel.EMAIL,
            body="Send us your ID.",
            actor=shop.cast.agent,
        )
        acceptance_notice_send(
            case=case,
            party="distributor",
            channel=Channel.EMAIL,
            body="Scan it again.",
            actor=shop.cast.agent,
        )
    recipients = set(OutboundMessage.objects.values_list("to", "body"))
    assert recipients == {
        (shop.customer.email, "Send us your ID."),
        ("shop@example.test", "Scan it again."),
    }


def test_an_email_notice_without_an_address_is_refused_and_not_recorded(shop: Shop):
    case = raise_case(shop)
    shop.cast.distributor.email = ""
    shop.cast.distributor.save()
    with pytest.raises(PacteError) as refused:
        acceptance_notice_send(
            case=case, party="distributor", channel=Channel.EMAIL, body="x", actor=shop.cast.agent
        )
    assert refused.value.code == "no_recipient"
    assert not case.events.filter(kind=EventKind.NOTICE_SENT).exists()


@pytest.mark.parametrize(
    ("party", "body", "code"),
    [
        ("customer", "  ", ContractError.NOTICE_EMPTY),
        ("shop", "Hello", ContractError.PARTY_INVALID),
    ],
)
def test_a_notice_needs_a_party_and_a_content(shop: Shop, party, body, code):
    case = raise_case(shop)
    with pytest.raises(PacteError) as refused:
        acceptance_notice_send(
            case=case, party=party, channel=Channel.PHONE, body=body, actor=shop.cast.agent
        )
    assert refused.value.code == code


def test_an_impossibility_needs_its_reason(shop: Shop):
    case = raise_case(shop)
    with pytest.raises(PacteError) as refused:
        acceptance_notice_impossible(case=case, party="customer", reason=" ", actor=shop.cast.agent)
    assert refused.value.code == ContractError.REASON_REQUIRED


def test_no_distributor_notice_on_a_case_without_a_distributor(shop: Shop):
    case = raise_case(shop, actor=shop.cast.agent)
    with pytest.raises(PacteError) as refused:
        acceptance_notice_send(
            case=case, party="distributor", channel=Channel.PHONE, body="Hi", actor=shop.cast.agent
        )
    assert refused.value.code == ContractError.NO_DISTRIBUTOR


def test_notices_only_on_acceptance_cases_by_writers(shop: Shop):
    other = open_case(received_at=shop.cast.agent.date_joined, team=shop.cast.front)
    with pytest.raises(PacteError) as refused:
        acceptance_notice_send(
            case=other, party="customer", channel=Channel.PHONE, body="Hi", actor=shop.cast.agent
        )
    assert refused.value.code == ContractError.NOT_ACCEPTANCE
    case = raise_case(shop)
    for user in (shop.cast.distributor_user, shop.cast.auditor):
        with pytest.raises(PacteError) as forbidden:
            acceptance_notice_impossible(case=case, party="customer", reason="r", actor=user)
        assert forbidden.value.code == ContractError.NOT_ALLOWED


def test_closing_is_refused_until_each_party_is_told_or_why_not(shop: Shop):
    case = raise_case(shop)
    agent = shop.cast.agent
    with pytest.raises(PacteError) as neither:
        case_close(case=case, actor=agent)
    assert neither.value.code == ContractError.NOTICE_MISSING
    assert "the customer and the distributor" in neither.value.text
    acceptance_notice_send(
        case=case, party="customer", channel=Channel.PHONE, body="Bring your ID.", actor=agent
    )
    with pytest.raises(PacteError) as one:
        case_close(case=case, actor=agent)
    assert one.value.code == ContractError.NOTICE_MISSING
    assert "the distributor" in one.value.text
    assert "customer" not in one.value.text
    case.refresh_from_db()
    assert case.status != CaseStatus.CLOSED
    assert not case.events.filter(kind=EventKind.CLOSED).exists()
    acceptance_notice_impossible(
        case=case, party="distributor", reason="The shop closed down.", actor=agent
    )
    assert case_close(case=case, actor=agent).status == CaseStatus.CLOSED


def test_closing_names_the_customer_when_only_the_shop_was_told(shop: Shop):
    case = raise_case(shop)
    acceptance_notice_send(
        case=case, party="distributor", channel=Channel.PHONE, body="Rescan.", actor=shop.cast.agent
    )
    with pytest.raises(PacteError) as refused:
        case_close(case=case, actor=shop.cast.agent)
    assert "the customer" in refused.value.text
    assert "distributor" not in refused.value.text


def test_other_kinds_close_as_before(shop: Shop):
    other = open_case(received_at=shop.cast.agent.date_joined, team=shop.cast.front)
    assert case_close(case=other, actor=shop.cast.agent).status == CaseStatus.CLOSED


def test_notices_are_refused_on_a_closed_case(shop: Shop):
    case = raise_case(shop)
    for party in ("customer", "distributor"):
        acceptance_notice_impossible(case=case, party=party, reason="r", actor=shop.cast.agent)
    case_close(case=case, actor=shop.cast.agent)
    with pytest.raises(PacteError) as refused:
        acceptance_notice_send(
            case=case, party="customer", channel=Channel.PHONE, body="x", actor=shop.cast.agent
        )
    assert refused.value.code == "case_closed"
