"""Email out through a real SMTP server (aiosmtpd): threading, retries, idempotence."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from pacte.conftest import paris
from pacte.core.errors import PacteError
from pacte.factories import CustomerFactory, open_case
from pacte.mail.errors import MailError
from pacte.mail.models import OutboundKind, OutboundMessage, OutboundStatus
from pacte.mail.outbound import (
    outbound_acknowledge,
    outbound_answer,
    outbound_deadline_notice,
    outbound_retry,
    outbound_send,
    outbound_send_due,
    retry_delay,
)
from pacte.mail.tasks import outbound_send_task

pytestmark = pytest.mark.django_db
RECEIVED = paris(2026, 3, 10, 9)


@pytest.fixture
def case(cast, frozen_now):
    customer = CustomerFactory.create(email="dana@example.org", preferred_language="en")
    return open_case(received_at=RECEIVED, team=cast.front, customer=customer)


def test_acknowledgement_gives_reference_and_deadline(case, smtp):
    outbound = outbound_acknowledge(case=case)
    sent = outbound_send(outbound_id=outbound.pk)
    assert sent.status == OutboundStatus.SENT
    message = smtp.received[0]
    assert str(message["Subject"]).startswith(f"[{case.reference}] We have received")
    assert str(message["To"]) == "dana@example.org"
    assert str(message["Message-ID"]) == f"<{outbound.message_id}>"
    # No customer message on record: nothing to answer to
    assert message["In-Reply-To"] is None
    body = message.get_content()
    assert case.reference in body
    assert "We will answer by" in body


def test_smtp_down_then_back_retries_with_backoff_and_sends_once(case, smtp, frozen_now):
    # Given the SMTP server is down
    outbound = outbound_answer(case=case, body="Your line is repaired.")
    smtp.down()
    # When the task runs
    failed = outbound_send(outbound_id=outbound.pk)
    # Then the attempt is recorded and the next one scheduled after the backoff
    assert (failed.status, failed.attempts) == (OutboundStatus.QUEUED, 1)
    assert "Connection refused" in failed.last_error
    assert failed.next_attempt_at == frozen_now + retry_delay(1)
    # and nothing is due before then
    assert outbound_send_due() == {"queued": 0, "sending": 0, "sent": 0, "failed": 0}
    # When the server is back and the time has come
    smtp.up()
    with time_machine.travel(failed.next_attempt_at, tick=False):
        assert outbound_send_due()["sent"] == 1
    # Then it went out once, in the case's thread
    outbound.refresh_from_db()
    assert (outbound.status, outbound.attempts, outbound.last_error) == ("sent", 2, "")
    assert len(smtp.received) == 1
    assert str(smtp.received[0]["Message-ID"]) == f"<{outbound.message_id}>"


def test_gives_up_after_max_attempts_and_admin_can_requeue(case, smtp, settings):
    settings.PACTE_MAIL_MAX_ATTEMPTS = 2
    outbound = outbound_answer(case=case, body="Answer.")
    smtp.down()
    first = outbound_send(outbound_id=outbound.pk)
    assert first.next_attempt_at is not None
    with time_machine.travel(first.next_attempt_at, tick=False):
        second = outbound_send(outbound_id=outbound.pk)
    assert (second.status, second.attempts, second.next_attempt_at) == ("failed", 2, None)
    # The administrator requeues it once the server is back
    smtp.up()
    assert outbound_retry(outbound_id=outbound.pk) is True
    assert outbound_send(outbound_id=outbound.pk).status == OutboundStatus.SENT
    assert outbound_retry(outbound_id=outbound.pk) is False  # only failed ones


def test_task_run_again_after_sending_sends_nothing(case, smtp):
    outbound = outbound_answer(case=case, body="Answer.")
    assert outbound_send_task.call(outbound.pk) == "sent"
    assert outbound_send_task.call(outbound.pk) == "sent"
    assert len(smtp.received) == 1


def test_claim_abandoned_by_a_dead_worker_is_retried_after_the_lease(case, smtp, frozen_now):
    outbound = outbound_answer(case=case, body="Answer.")
    # A worker claimed it, then died before recording the outcome
    OutboundMessage.objects.filter(pk=outbound.pk).update(
        status=OutboundStatus.SENDING, claimed_at=frozen_now, attempts=1
    )
    assert outbound_send(outbound_id=outbound.pk).status == OutboundStatus.SENDING
    with time_machine.travel(frozen_now + timedelta(minutes=11), tick=False):
        assert outbound_send_due()["sent"] == 1
    assert len(smtp.received) == 1


def test_deadline_notice_in_the_customers_language(case, smtp):
    notice = outbound_deadline_notice(case=case, due_at=paris(2026, 3, 20, 18))
    assert notice.kind == OutboundKind.DEADLINE_NOTICE
    outbound_send(outbound_id=notice.pk)
    message = smtp.received[0]
    assert str(message["Subject"]) == f"[{case.reference}] New answer date"
    assert case.reference in message.get_content()
    assert "Fri\u00a020\u00a0Mar\u00a02026, 18:00" in message.get_content()


def test_a_french_customer_reads_the_date_in_french(case, smtp):
    case.customer.preferred_language = "fr"
    case.customer.save(update_fields=["preferred_language"])
    notice = outbound_deadline_notice(case=case, due_at=paris(2026, 3, 20, 18))
    outbound_send(outbound_id=notice.pk)
    assert "ven.\u00a020\u00a0mars\u00a02026, 18\u00a0h\u00a000" in smtp.received[0].get_content()


def test_deadline_notice_carries_the_agents_message(case, smtp):
    # Given an agent's own words to the customer with the new date
    notice = outbound_deadline_notice(
        case=case, due_at=paris(2026, 3, 20, 18), message="  We are waiting for the technician.  "
    )
    # When it is sent
    outbound_send(outbound_id=notice.pk)
    # Then the customer reads the new date, then the agent's message
    body = smtp.received[0].get_content()
    assert "We will answer by" in body
    assert body.index("We will answer by") < body.index("We are waiting for the technician.")


def test_no_address_is_refused_with_a_reason(cast, frozen_now):
    customer = CustomerFactory.create(email="")
    silent = open_case(received_at=RECEIVED, team=cast.front, customer=customer)
    with pytest.raises(PacteError) as refused:
        outbound_answer(case=silent, body="Answer.")
    assert refused.value.code == MailError.NO_RECIPIENT
