"""A case opened for a sender who could not be identified, given to the real customer."""

from __future__ import annotations

import pytest
from django.utils import translation

from pacte.cases.errors import CaseError
from pacte.cases.models import CaseEvent, EventKind
from pacte.cases.services import case_customer_match
from pacte.conftest import paris
from pacte.core.chain import chains_verify
from pacte.core.errors import PacteError
from pacte.factories import CustomerFactory, open_case
from pacte.intake.senders import customer_unidentified

pytestmark = pytest.mark.django_db


def test_unidentified_senders_case_goes_to_the_customer_with_an_event(cast, frozen_now):
    # Given a case opened for a message whose sender could not be read
    unknown = customer_unidentified(name="Jean Dupont")
    case = open_case(received_at=paris(2026, 3, 10, 8), team=cast.front, customer=unknown)
    real = CustomerFactory.create()
    # When an agent matches it to the customer who wrote it
    case_customer_match(case=case, customer=real, actor=cast.agent)
    # Then the case is the customer's, and the trail says who matched what
    case.refresh_from_db()
    assert case.customer == real
    event = case.events.get(kind=EventKind.CUSTOMER_MATCHED)
    assert (event.actor, event.data) == (
        cast.agent,
        {"from": unknown.reference, "to": real.reference},
    )
    assert event.at == frozen_now
    with translation.override("en"):
        assert unknown.display_name == "Unknown sender (Jean Dupont)"
    with translation.override("fr"):
        assert unknown.display_name == "Expéditeur inconnu (Jean Dupont)"
    assert chains_verify(CaseEvent, keys=[case.pk]).breaks == []


def test_a_case_of_an_identified_customer_cannot_be_moved(cast, frozen_now):
    case = open_case(received_at=paris(2026, 3, 10, 8), team=cast.front)
    with pytest.raises(PacteError) as refused:
        case_customer_match(case=case, customer=CustomerFactory.create(), actor=cast.agent)
    assert refused.value.code == CaseError.CUSTOMER_ALREADY_IDENTIFIED
    assert not case.events.filter(kind=EventKind.CUSTOMER_MATCHED).exists()


def test_a_case_cannot_be_matched_to_another_unknown_sender(cast, frozen_now):
    case = open_case(
        received_at=paris(2026, 3, 10, 8), team=cast.front, customer=customer_unidentified()
    )
    with pytest.raises(PacteError) as refused:
        case_customer_match(case=case, customer=customer_unidentified(), actor=cast.agent)
    assert refused.value.code == CaseError.CUSTOMER_UNIDENTIFIED
