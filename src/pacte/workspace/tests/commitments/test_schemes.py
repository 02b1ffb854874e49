"""The scheme pages: each page and role, edit forms with their messages, copy-on-write,
activation, the history, the dashboard's targets in their unit, and query budgets."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from pacte.commitments.models import (
    Commitment,
    DeadlineRule,
    Indicator,
    Requirement,
    SchemeEvent,
    SchemeVersion,
    VersionStatus,
)
from pacte.commitments.services import scheme_version_draft
from pacte.compliance.models import MonthClosing
from pacte.conftest import FROZEN_NOW, Cast
from pacte.workspace.tests.conftest import ROLES, client_for

pytestmark = pytest.mark.django_db

READERS = ("supervisor", "quality_manager", "auditor", "administrator")
V1 = "/schemes/telecom-2004/v1/"
V2 = "/schemes/telecom-2004/v2/"


@pytest.fixture
def telecom() -> SchemeVersion:
    return SchemeVersion.objects.select_related("scheme").get(scheme__code="telecom-2004", number=1)


@pytest.fixture
def draft(telecom: SchemeVersion) -> SchemeVersion:
    return scheme_version_draft(version=telecom)


@pytest.fixture
def quality(client: Client, cast: Cast) -> Client:
    client.force_login(cast.quality_manager)
    client.cookies["django_language"] = "en"
    return client


def rule_pk(version: SchemeVersion) -> int:
    return DeadlineRule.objects.get(
        commitment__version=version, commitment__code="T3.1", channel="letter", kind="request"
    ).pk


def messages_of(response: object) -> list[str]:
    return [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]


# --- who sees what ----------------------------------------------------------------------


def expected(role: str | None, *, write: bool = False) -> int:
    if role is None:
        return 302
    if role == "quality_manager" or (role in READERS and not write):
        return 200
    return 403


@pytest.mark.parametrize("role", [*ROLES, None])
def test_list_by_role(client: Client, cast: Cast, role: str | None) -> None:
    response = client_for(client, cast, role).get("/schemes/")
    assert response.status_code == expected(role)
    if response.status_code == 200:
        rows = re.findall(r'data-scheme="([^"]+)" data-version="(\d+)"', response.content.decode())
        assert rows == [("nf-x50-798", "1"), ("telecom-2004", "1")]


@pytest.mark.parametrize("role", [*ROLES, None])
def test_version_page_by_role(client: Client, cast: Cast, role: str | None) -> None:
    response = client_for(client, cast, role).get(V1)
    assert response.status_code == expected(role)
    if response.status_code == 200:
        html = response.content.decode()
        assert 'data-indicator="T3.1-a"' in html
        targets = dict(
            re.findall(r'data-indicator="([^"]+)">.*?<td class="target">([^<]*)</td>', html, re.S)
        )
        assert (targets["T1.1-a"], targets["T3.1-a"]) == ("≥\u00a04", "≥\u00a095,00\u00a0%")
        assert ('class="edit"' in html) == (role == "quality_manager")


@pytest.mark.parametrize("role", [*ROLES, None])
@pytest.mark.parametrize(
    "path",
    [
        f"{V1}commitments/T3.1/edit/",
        f"{V1}requirements/T3.1-R1/edit/",
        f"{V1}indicators/T3.1-a/edit/",
        f"{V1}commitments/T3.1/requirements/add/",
    ],
)
def test_edit_forms_by_role(client: Client, cast: Cast, role: str | None, path: str) -> None:
    response = client_for(client, cast, role).get(path)
    assert response.status_code == expected(role, write=True)


@pytest.mark.parametrize("role", [*ROLES, None])
def test_posting_an_edit_by_role_changes_only_for_the_quality_manager(
    client: Client, cast: Cast, role: str | None
) -> None:
    response = client_for(client, cast, role).post(
        f"{V1}commitments/T3.1/edit/",
        {
            "title_fr": "Titre",
            "title_en": "Title",
            "owner_role": "supervisor",
            "control_frequency": "weekly",
        },
    )
    if role == "quality_manager":
        assert response.status_code == 302
        assert SchemeVersion.objects.filter(number=2).exists()
    else:
        assert response.status_code == (302 if role is None else expected(role, write=True))
        assert SchemeVersion.objects.count() == 2
        assert not SchemeEvent.objects.exists()


def test_unknown_version_or_item_is_404(quality: Client) -> None:
    assert quality.get("/schemes/telecom-2004/v9/").status_code == 404
    assert quality.get("/schemes/nothing/v1/").status_code == 404
    assert quality.get(f"{V1}indicators/T9.9-a/edit/").status_code == 404
    assert quality.get(f"{V1}rules/999999/edit/").status_code == 404


# --- copy-on-write and in place ---------------------------------------------------------


def test_editing_the_active_version_says_where_the_change_went(
    quality: Client, telecom: SchemeVersion
) -> None:
    # when
    response = quality.post(
        f"{V1}indicators/T3.1-a/edit/",
        {
            "title_fr": "Demandes à temps",
            "title_en": "Requests in time",
            "population": "Requests due in the month.",
            "success_rule": "Answered by the deadline.",
            "period": "month",
            "target": "96.5",
            "unit": "percent",
        },
        follow=True,
    )
    # then
    assert response.redirect_chain[-1][0] == V2
    assert messages_of(response) == [
        "Version 1 is the active version; your change is in new draft version 2."
    ]
    assert Indicator.objects.get(commitment__version__number=2, code="T3.1-a").target == Decimal(
        "96.50"
    )
    assert Indicator.objects.get(commitment__version=telecom, code="T3.1-a").target == 95
    html = response.content.decode()
    assert "Indicator changed" in html
    assert "95.00 → 96.50" in html


def test_a_version_used_for_results_is_named_so(
    quality: Client, cast: Cast, draft: SchemeVersion
) -> None:
    # given: a closing was computed with the draft
    MonthClosing.objects.create(
        scheme=draft.scheme,
        scheme_version=draft,
        year=2026,
        month=2,
        closed_at=FROZEN_NOW,
        closed_by=cast.quality_manager,
        seal="0" * 64,
        results=[],
    )
    # when
    response = quality.post(
        f"{V2}rules/{rule_pk(draft)}/edit/",
        {"delay_value": "4", "delay_unit": "business_days"},
        follow=True,
    )
    # then
    assert messages_of(response) == [
        "Version 2 was used for results; your change is in new draft version 3."
    ]
    assert DeadlineRule.objects.get(pk=rule_pk(draft)).delay_value == 5


def test_an_unused_draft_is_changed_in_place(quality: Client, draft: SchemeVersion) -> None:
    response = quality.post(
        f"{V2}requirements/T3.1-R1/edit/",
        {"text_fr": "Nouveau texte", "text_en": "New text"},
        follow=True,
    )
    assert messages_of(response) == ["Saved in draft version 2."]
    assert Requirement.objects.get(commitment__version=draft, code="T3.1-R1").text_en == (
        "New text"
    )
    assert SchemeVersion.objects.count() == 3


def test_saving_the_same_values_changes_nothing(quality: Client, telecom: SchemeVersion) -> None:
    t31 = Commitment.objects.get(version=telecom, code="T3.1")
    response = quality.post(
        f"{V1}commitments/T3.1/edit/",
        {
            "title_fr": t31.title_fr,
            "title_en": t31.title_en,
            "owner_role": t31.owner_role,
            "control_frequency": t31.control_frequency,
            "active": "on",
        },
        follow=True,
    )
    assert messages_of(response) == ["Nothing changed."]
    assert SchemeVersion.objects.count() == 2


def test_add_and_remove_requirements(quality: Client, draft: SchemeVersion) -> None:
    response = quality.post(
        f"{V2}commitments/T3.1/requirements/add/",
        {"text_fr": "Contrôle", "text_en": "Control"},
        follow=True,
    )
    added = Requirement.objects.get(commitment__version=draft, text_en="Control")
    assert messages_of(response) == ["Saved in draft version 2."]
    response = quality.post(f"{V2}requirements/{added.code}/remove/", follow=True)
    assert not Requirement.objects.filter(pk=added.pk).exists()
    assert "Requirement removed" in response.content.decode()


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"target": "150"}, "target", "Must be between 0 and 100 for this unit."),
        ({"target": "4.5", "unit": "count"}, "target", "A count must be a whole number."),
        ({"title_en": ""}, "title_en", "This field is required."),
        ({"target": "abc"}, "target", "Enter a number."),
        ({"period": "decade"}, "period", "Select a valid choice."),
    ],
)
def test_bad_indicator_input_is_shown_on_the_form(
    quality: Client, telecom: SchemeVersion, data: dict[str, str], field: str, message: str
) -> None:
    indicator = Indicator.objects.get(commitment__version=telecom, code="T3.1-a")
    body = {
        "title_fr": indicator.title_fr,
        "title_en": indicator.title_en,
        "population": indicator.population,
        "success_rule": indicator.success_rule,
        "period": indicator.period,
        "target": str(indicator.target),
        "unit": indicator.unit,
        **data,
    }
    response = quality.post(f"{V1}indicators/T3.1-a/edit/", body)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in errors[field][0]
    assert message in response.content.decode()
    assert SchemeVersion.objects.count() == 2


def test_bad_rule_delay_is_shown(quality: Client, draft: SchemeVersion) -> None:
    response = quality.post(
        f"{V2}rules/{rule_pk(draft)}/edit/", {"delay_value": "-1", "delay_unit": "business_days"}
    )
    assert response.status_code == 400
    assert "delay_value" in response.context["form"].errors


def test_the_form_page_warns_before_a_copy(quality: Client, draft: SchemeVersion) -> None:
    assert b"copy-on-write" in quality.get(f"{V1}indicators/T3.1-a/edit/").content
    assert b"copy-on-write" not in quality.get(f"{V2}indicators/T3.1-a/edit/").content


# --- activation -------------------------------------------------------------------------


def test_activating_a_draft(quality: Client, telecom: SchemeVersion, draft: SchemeVersion) -> None:
    response = quality.post(f"{V2}activate/", {"valid_from": "2026-04-01"}, follow=True)
    assert messages_of(response) == ["Version 2 is now active."]
    draft.refresh_from_db()
    telecom.refresh_from_db()
    assert (draft.status, draft.valid_from) == (VersionStatus.ACTIVE, date(2026, 4, 1))
    assert telecom.status == VersionStatus.RETIRED


def test_activation_refusals_are_messages(quality: Client, draft: SchemeVersion) -> None:
    response = quality.post(f"{V2}activate/", {"valid_from": ""}, follow=True)
    assert messages_of(response) == ["Give the date the version applies from."]
    response = quality.post(f"{V1}activate/", {"valid_from": "2026-04-01"}, follow=True)
    assert messages_of(response) == ["Version 1 is not a draft: only a draft can be activated."]
    assert SchemeVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


@pytest.mark.parametrize("role", ["supervisor", "auditor", "administrator", "agent"])
def test_others_may_not_activate(
    client: Client, cast: Cast, draft: SchemeVersion, role: str
) -> None:
    response = client_for(client, cast, role).post(f"{V2}activate/", {"valid_from": "2026-04-01"})
    assert response.status_code == expected(role, write=True)
    assert SchemeVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


# --- French, dashboard, queries ---------------------------------------------------------


def test_pages_are_french_by_default(client: Client, cast: Cast) -> None:
    client.force_login(cast.auditor)
    html = client.get(V1).content.decode()
    assert '<html lang="fr">' in html
    assert "Actif" in html
    assert '<th scope="col">Cible</th>' in html


def test_dashboard_shows_targets_in_their_unit(client: Client, cast: Cast) -> None:
    client.force_login(cast.supervisor)
    html = client.get("/compliance/?scheme=telecom-2004&month=2026-02").content.decode()
    cells = dict(
        re.findall(r'data-indicator="([^"]+)">.*?<td class="target">([^<]*)</td>', html, flags=re.S)
    )
    assert cells["T3.1-a"] == "≥\u00a095,00\u00a0%"
    assert cells["T1.1-a"] == "≥\u00a04"
    assert cells["T5.1-a"] == "≥\u00a04,00\u00a0/\u00a05"
    assert cells["T5.1-b"] == "≥\u00a00,00\u00a0‰"
    assert cells["T4.2-b"] == "≤\u00a05,00\u00a0%"


def test_tree_page_runs_a_fixed_number_of_queries(
    client: Client,
    cast: Cast,
    telecom: SchemeVersion,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    # given: a small scheme and the large one read the same number of queries
    client.force_login(cast.quality_manager)
    client.get(V1)
    with django_assert_max_num_queries(11):
        assert client.get(V1).status_code == 200
    with django_assert_max_num_queries(11):
        assert client.get("/schemes/nf-x50-798/v1/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/schemes/").status_code == 200
