"""The admin: an administrator configures call queues; calls and queue_log rows are read only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pacte.conftest import Cast
from pacte.telephony.models import CallQueue, Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client, cast: Cast) -> Client:
    cast.administrator.is_superuser = True
    cast.administrator.save()
    client.force_login(cast.administrator)
    return client


def test_an_administrator_adds_a_call_queue(admin_client: Client) -> None:
    response = admin_client.post(
        reverse("admin:telephony_callqueue_add"),
        {
            "name": "pos-hotline",
            "label": "Points of sale",
            "service": Service.DISTRIBUTOR,
            "service_level_seconds": 60,
            "short_abandon_seconds": 5,
            "agents_logged_in": 40,  # read-only: set by "agents" events, ignored here
        },
    )

    assert response.status_code == 302
    queue = CallQueue.objects.get(name="pos-hotline")
    assert (queue.service, queue.agents_logged_in) == (Service.DISTRIBUTOR, 0)


def test_the_queue_list_shows_the_agents(admin_client: Client) -> None:
    CallQueue.objects.create(name="support", agents_logged_in=7)

    response = admin_client.get(reverse("admin:telephony_callqueue_changelist"))

    assert response.status_code == 200
    assert b"support" in response.content


@pytest.mark.parametrize("model", ["call", "queuelogline", "queuelogsource"])
def test_calls_and_imported_lines_are_listed_but_not_added(
    admin_client: Client, model: str
) -> None:
    assert admin_client.get(reverse(f"admin:telephony_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:telephony_{model}_add")).status_code == 403


def test_staff_without_admin_rights_cannot_open_the_queue_admin(client: Client, cast: Cast) -> None:
    client.force_login(cast.supervisor)

    response = client.get(reverse("admin:telephony_callqueue_changelist"))

    assert response.status_code == 302  # to the admin login
    assert not CallQueue.objects.exists()
