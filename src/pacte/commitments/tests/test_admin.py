"""The admin pages of schemes, versions and commitments: render for a superuser, edit only
drafts, copy through the editing service; activation is the workspace's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pacte.commitments.editing import indicator_edit
from pacte.commitments.models import (
    Commitment,
    DeadlineRule,
    Domain,
    Scheme,
    SchemeEvent,
    SchemeEventKind,
    SchemeVersion,
    VersionStatus,
)
from pacte.commitments.services import scheme_version_draft
from pacte.core.roles import Role
from pacte.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("pacte.commitments.tests.admin_urls")]


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path):
    """WhiteNoise warns (an error here) when STATIC_ROOT does not exist yet."""
    settings.STATIC_ROOT = tmp_path


@pytest.fixture
def draft(telecom):
    return scheme_version_draft(version=telecom)


def superuser(client, role):
    """A superuser of Pacte role ``role``, logged in on ``client``."""
    user = UserFactory.create(username=f"super-{role}", role=role, is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize("model", ["scheme", "schemeversion", "commitment"])
def test_changelist_and_add_pages(admin_client, model):
    for view in ("changelist", "add"):
        response = admin_client.get(reverse(f"admin:commitments_{model}_{view}"))
        assert response.status_code == 200


def test_scheme_page_lists_its_versions(admin_client, telecom):
    url = reverse("admin:commitments_scheme_change", args=[telecom.scheme_id])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert len(response.context["inline_admin_formsets"][0].formset.forms) == 1


def test_draft_version_page_offers_only_its_own_domains(admin_client, draft):
    # when
    url = reverse("admin:commitments_schemeversion_change", args=[draft.pk])
    response = admin_client.get(url)
    # then
    assert response.status_code == 200
    domains, commitments = (f.formset for f in response.context["inline_admin_formsets"])
    assert len(domains.forms) == 6
    assert len(commitments.forms) == 26
    offered = commitments.forms[0].fields["domain"].queryset
    assert set(offered) == set(Domain.objects.filter(version=draft))


def test_new_version_page_offers_no_domain(admin_client):
    response = admin_client.get(reverse("admin:commitments_schemeversion_add"))
    commitments = response.context["inline_admin_formsets"][1].formset
    assert not commitments.form.base_fields["domain"].queryset.exists()


def test_draft_commitment_page_offers_the_domains_of_its_version(admin_client, draft):
    # given
    commitment = Commitment.objects.get(version=draft, code="T3.1")
    # when
    url = reverse("admin:commitments_commitment_change", args=[commitment.pk])
    response = admin_client.get(url)
    # then
    assert response.status_code == 200
    field = response.context["adminform"].form.fields["domain"]
    assert set(field.queryset) == set(Domain.objects.filter(version=draft))
    assert field.label_from_instance(commitment.domain) == (
        "telecom-2004 v2 / 3. Effective and appropriate processing of requests"
    )
    inlines = [f.formset for f in response.context["inline_admin_formsets"]]
    assert [len(formset.forms) for formset in inlines] == [3, 2, 12]


def test_new_commitment_page_offers_only_draft_versions_and_their_domains(admin_client, draft):
    fields = (
        admin_client.get(reverse("admin:commitments_commitment_add"))
        .context["adminform"]
        .form.fields
    )
    assert list(fields["version"].queryset) == [draft]
    assert set(fields["domain"].queryset) == set(Domain.objects.filter(version=draft))


def change_data(client, url):
    """The commitment change form's data as shown, with its three inlines."""
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    for prefix, formset in zip(
        ("requirements", "indicators", "deadline_rules"),
        (f.formset for f in page.context["inline_admin_formsets"]),
        strict=True,
    ):
        data.update(
            {f"{prefix}-{key}": value for key, value in formset.management_form.initial.items()}
        )
        for index, inline in enumerate(formset.forms):
            for name in inline.fields:
                value = inline[name].value()
                data[f"{prefix}-{index}-{name}"] = "" if value is None or value is False else value
    return data


def test_a_draft_commitment_can_be_edited(admin_client, draft):
    # given
    commitment = Commitment.objects.get(version=draft, code="T1.4")
    url = reverse("admin:commitments_commitment_change", args=[commitment.pk])
    data = change_data(admin_client, url)
    data.update(active="", title_en="Call prices are communicated")
    # when
    response = admin_client.post(url, data)
    # then
    assert response.status_code == 302, response.context and response.context["errors"]
    commitment.refresh_from_db()
    assert (commitment.title_en, commitment.active) == ("Call prices are communicated", False)
    assert Scheme.objects.count() == 2


def retarget(data, source, target):
    """``data`` of ``source``'s change form, made to name ``target``'s own rows instead
    (both versions hold the same rows in the same order)."""
    data = dict(data)
    for prefix, relation in (
        ("requirements", "requirements"),
        ("indicators", "indicators"),
        ("deadline_rules", "deadline_rules"),
    ):
        pairs = zip(
            getattr(source, relation).values_list("pk", flat=True),
            getattr(target, relation).values_list("pk", flat=True),
            strict=True,
        )
        for index, (_old, new) in enumerate(pairs):
            data[f"{prefix}-{index}-id"] = new
            data[f"{prefix}-{index}-commitment"] = target.pk
    data["domain"] = target.domain_id
    return data


def test_the_admin_cannot_change_an_active_versions_rule(admin_client, telecom, draft):
    # given the active version's T3.1, shown read-only
    active = Commitment.objects.get(version=telecom, code="T3.1")
    url = reverse("admin:commitments_commitment_change", args=[active.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    # when the change of the email request rule's delay that a draft accepts is posted
    copy = Commitment.objects.get(version=draft, code="T3.1")
    data = change_data(admin_client, reverse("admin:commitments_commitment_change", args=[copy.pk]))
    rules = list(copy.deadline_rules.values_list("channel", "kind"))
    data[f"deadline_rules-{rules.index(('email', 'request'))}-delay_value"] = 9
    response = admin_client.post(url, retarget(data, copy, active))
    # then it is refused and the active version's rule is as it was
    assert response.status_code == 403
    rule = DeadlineRule.objects.get(commitment=active, channel="email", kind="request")
    assert rule.delay_value == 2


def test_the_same_rule_change_is_saved_on_a_draft(admin_client, draft):
    copy = Commitment.objects.get(version=draft, code="T3.1")
    url = reverse("admin:commitments_commitment_change", args=[copy.pk])
    data = change_data(admin_client, url)
    rules = list(copy.deadline_rules.values_list("channel", "kind"))
    data[f"deadline_rules-{rules.index(('email', 'request'))}-delay_value"] = 9
    response = admin_client.post(url, data)
    assert response.status_code == 302, [
        (f.formset.prefix, f.formset.errors) for f in response.context["inline_admin_formsets"]
    ]
    assert (
        DeadlineRule.objects.get(commitment=copy, channel="email", kind="request").delay_value == 9
    )


def test_the_active_version_is_read_only_and_cannot_be_deleted(admin_client, telecom):
    url = reverse("admin:commitments_schemeversion_change", args=[telecom.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert admin_client.post(url, {"number": 9, "notes": "x"}).status_code == 403
    delete = reverse("admin:commitments_schemeversion_delete", args=[telecom.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    telecom.refresh_from_db()
    assert (telecom.number, telecom.status) == (1, VersionStatus.ACTIVE)


def run_action(client, action, versions):
    url = reverse("admin:commitments_schemeversion_changelist")
    data = {"action": action, "_selected_action": [version.pk for version in versions]}
    return client.post(url, data, follow=True)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_copy_as_draft_goes_through_the_service_and_records_its_event(client, telecom):
    # given a quality manager with access to the admin
    quality = superuser(client, Role.QUALITY_MANAGER)
    # when they copy the active version
    response = run_action(client, "copy_as_draft", [telecom])
    # then a draft version 2 exists, and its history says who copied what
    assert messages_of(response) == ["Created telecom-2004 v2 as a draft."]
    draft = SchemeVersion.objects.get(scheme=telecom.scheme, number=2)
    assert draft.status == VersionStatus.DRAFT
    event = SchemeEvent.objects.get(version=draft)
    assert (event.kind, event.subject, event.actor_id, event.details) == (
        SchemeEventKind.DRAFTED,
        "v1",
        quality.pk,
        {"from_version": 1, "reason": "copy"},
    )


def test_copy_as_draft_follows_the_role_table(client, telecom):
    # given an administrator: the scheme is the quality manager's
    superuser(client, Role.ADMINISTRATOR)
    # when they copy the active version, then the service refuses and nothing is made
    response = run_action(client, "copy_as_draft", [telecom])
    assert messages_of(response) == ["Only the quality manager may change a scheme."]
    assert SchemeVersion.objects.filter(scheme=telecom.scheme).count() == 1


def test_activation_is_not_an_admin_action(client, telecom, draft):
    # given the quality manager in the admin
    superuser(client, Role.QUALITY_MANAGER)
    changelist = client.get(reverse("admin:commitments_schemeversion_changelist"))
    assert "activate" not in dict(changelist.context["action_form"].fields["action"].choices)
    # when an "activate" action is posted anyway, then nothing is activated
    run_action(client, "activate", [draft])
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_scheme_events_are_read_only_in_the_admin(admin_client, telecom, cast):
    # given
    outcome = indicator_edit(
        version=telecom, code="T3.1-a", actor=cast.quality_manager, changes={"target": "96"}
    )
    event = outcome.version.events.latest("pk")
    # when / then
    assert admin_client.get(reverse("admin:commitments_schemeevent_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:commitments_schemeevent_add")).status_code == 403
    view = admin_client.get(reverse("admin:commitments_schemeevent_change", args=[event.pk]))
    assert view.status_code == 200
    assert b'name="_save"' not in view.content
    delete = reverse("admin:commitments_schemeevent_delete", args=[event.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
