"""The public access page: no login, French by default, English on ?lang=en, the latest
publication only (never the draft)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pacte.access.models import ChannelEntry
from pacte.access.services import channel_remove
from pacte.access.tests.builders import page_build, publish_at
from pacte.conftest import paris

URL = "/public/access/"


@pytest.fixture
def published(cast):
    page_build(cast.administrator)
    return publish_at(cast.administrator, paris(2026, 3, 1, 10))


def test_url_is_public_access():
    assert reverse("portal:access") == URL


def test_page_in_french_by_default_without_login(client, published, frozen_now):
    response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    assert "public" in response["Cache-Control"]
    assert body.count('class="access-channel"') == 4
    assert "3970" in body
    assert "Du lundi au samedi, de 8 h à 20 h" in body
    assert "Prix d&#x27;un appel local" in body
    assert 'data-service="directory"' in body
    assert "222" in body
    assert 'href="/public/results/?lang=fr"' in body


def test_page_in_english_on_lang_en(client, published, frozen_now):
    response = client.get(URL, {"lang": "en"})
    body = response.content.decode()
    assert response["Content-Language"] == "en"
    assert "How to reach customer service" in body
    assert "Monday to Saturday, 8 am to 8 pm" in body
    assert "Price of a local call" in body
    assert "Free call" in body


def test_unknown_language_falls_back_to_french(client, published, frozen_now):
    assert client.get(URL, {"lang": "xx"})["Content-Language"] == "fr"


def test_page_shows_the_latest_publication_not_the_draft(client, cast, published, frozen_now):
    # given a channel removed from the draft after the publication
    channel_remove(actor=cast.administrator, entry_id=ChannelEntry.objects.get(kind="phone").pk)
    # then the public page still lists it until the draft is published
    assert "3970" in client.get(URL).content.decode()
    publish_at(cast.administrator, paris(2026, 3, 5, 10))
    assert "3970" not in client.get(URL).content.decode()


def test_nothing_published_yet_says_so(client, db, frozen_now):
    response = client.get(URL, {"lang": "en"})
    assert response.status_code == 200
    assert "The access page has not been published yet." in response.content.decode()


def test_post_is_refused(client, db):
    assert client.post(URL).status_code == 405


def test_page_reads_a_fixed_number_of_queries(
    client, published, frozen_now, django_assert_num_queries
):
    with django_assert_num_queries(3):
        client.get(URL)


def test_results_page_links_to_the_access_page(client, db):
    body = client.get("/public/results/", {"lang": "en"}).content.decode()
    assert 'href="/public/access/?lang=en"' in body
