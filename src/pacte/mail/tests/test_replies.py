"""The workspace's answers and deadline notices: recorded on the case, sent by email."""

from __future__ import annotations

import pytest

from pacte.cases.errors import CaseError
from pacte.cases.models import EventKind
from pacte.conftest import paris
from pacte.core.errors import PacteError
from pacte.core.vocabulary import Channel
from pacte.factories import CustomerFactory, open_case
from pacte.mail.models import OutboundKind, OutboundMessage
from pacte.mail.replies import case_deadline_commit_tell

pytestmark = pytest.mark.django_db
RECEIVED = paris(2026, 3, 10, 9)


@pytest.fixture
def case(cast, frozen_now):
    customer = CustomerFactory.create(email="dana@example.org", preferred_language="en")
    return open_case(received_at=RECEIVED, team=cast.front, customer=customer)


def test_a_deadline_told_by_email_is_recorded_and_sent_with_the_agents_words(cast, case, smtp):
    # When the agent commits a later deadline, told by email, with a message
    committed = case_deadline_commit_tell(
        case=case,
        actor=cast.agent,
        new_due_at=paris(2026, 3, 27, 18),
        told_via=Channel.EMAIL,
        message="The technician comes on Monday.",
    )
    # Then the deadline in force moved and the commitment is on the case's trail
    assert committed.due_at == paris(2026, 3, 27, 18)
    assert committed.events.filter(kind=EventKind.DEADLINE_COMMITTED).count() == 1
    # and the customer received the notice with the new date and the agent's words
    notice = OutboundMessage.objects.get(case=case, kind=OutboundKind.DEADLINE_NOTICE)
    assert "The technician comes on Monday." in notice.body
    assert "Fri\u00a027\u00a0Mar\u00a02026, 18:00" in notice.body


def test_a_deadline_told_on_the_phone_sends_nothing(cast, case, smtp):
    case_deadline_commit_tell(
        case=case, actor=cast.agent, new_due_at=paris(2026, 3, 27, 18), told_via=Channel.PHONE
    )
    assert not OutboundMessage.objects.filter(case=case).exists()


def test_a_refused_deadline_records_and_sends_nothing(cast, case, smtp):
    with pytest.raises(PacteError) as refused:
        case_deadline_commit_tell(
            case=case, actor=cast.agent, new_due_at=RECEIVED, told_via=Channel.EMAIL
        )
    assert refused.value.code == CaseError.DEADLINE_NOT_LATER
    assert not case.events.filter(kind=EventKind.DEADLINE_COMMITTED).exists()
    assert not OutboundMessage.objects.filter(case=case).exists()
