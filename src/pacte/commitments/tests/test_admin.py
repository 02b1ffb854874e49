"""The admin pages of schemes, versions and commitments render for a superuser."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pacte.commitments.editing import indicator_edit
from pacte.commitments.models import Commitment, Domain, Scheme, SchemeVersion, VersionStatus

pytestmark = [pytest.mark.django_db, pytest.mark.urls("pacte.commitments.tests.admin_urls")]


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path):
    """WhiteNoise warns (an error here) when STATIC_ROOT does not exist yet."""
    settings.STATIC_ROOT = tmp_path


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


def test_version_page_offers_only_its_own_domains(admin_client, telecom):
    # when
    url = reverse("admin:commitments_schemeversion_change", args=[telecom.pk])
    response = admin_client.get(url)
    # then
    assert response.status_code == 200
    domains, commitments = (f.formset for f in response.context["inline_admin_formsets"])
    assert len(domains.forms) == 6
    assert len(commitments.forms) == 26
    offered = commitments.forms[0].fields["domain"].queryset
    assert set(offered) == set(Domain.objects.filter(version=telecom))


def test_new_version_page_offers_no_domain(admin_client):
    response = admin_client.get(reverse("admin:commitments_schemeversion_add"))
    commitments = response.context["inline_admin_formsets"][1].formset
    assert not commitments.form.base_fields["domain"].queryset.exists()


def test_commitment_page_offers_the_domains_of_its_version(admin_client, telecom):
    # given
    commitment = Commitment.objects.get(version=telecom, code="T3.1")
    # when
    url = reverse("admin:commitments_commitment_change", args=[commitment.pk])
    response = admin_client.get(url)
    # then
    assert response.status_code == 200
    field = response.context["adminform"].form.fields["domain"]
    assert set(field.queryset) == set(Domain.objects.filter(version=telecom))
    assert field.label_from_instance(commitment.domain) == (
        "telecom-2004 v1 / 3. Effective and appropriate processing of requests"
    )
    inlines = [f.formset for f in response.context["inline_admin_formsets"]]
    assert [len(formset.forms) for formset in inlines] == [3, 2, 12]


def test_new_commitment_page_offers_every_domain(admin_client):
    response = admin_client.get(reverse("admin:commitments_commitment_add"))
    field = response.context["adminform"].form.fields["domain"]
    assert field.queryset.count() == Domain.objects.count() == 14


def test_commitment_can_be_edited(admin_client, telecom):
    # given
    commitment = Commitment.objects.get(version=telecom, code="T1.4")
    url = reverse("admin:commitments_commitment_change", args=[commitment.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(active="", title_en="Call prices are communicated")
    for prefix, formset in zip(
        ("requirements", "indicators", "deadline_rules"),
        (f.formset for f in admin_client.get(url).context["inline_admin_formsets"]),
        strict=True,
    ):
        data.update(
            {f"{prefix}-{key}": value for key, value in formset.management_form.initial.items()}
        )
        for index, inline in enumerate(formset.forms):
            for name in inline.fields:
                value = inline[name].value()
                data[f"{prefix}-{index}-{name}"] = "" if value in (None, False) else value
    # when
    response = admin_client.post(url, data)
    # then
    assert response.status_code == 302, response.context and response.context["errors"]
    commitment.refresh_from_db()
    assert (commitment.title_en, commitment.active) == ("Call prices are communicated", False)
    assert Scheme.objects.count() == 2


def run_action(client, action, versions):
    url = reverse("admin:commitments_schemeversion_changelist")
    data = {"action": action, "_selected_action": [version.pk for version in versions]}
    return client.post(url, data, follow=True)


def test_copy_then_activate_from_the_admin(admin_client, telecom):
    # when
    run_action(admin_client, "copy_as_draft", [telecom])
    draft = SchemeVersion.objects.get(scheme=telecom.scheme, number=2)
    response = run_action(admin_client, "activate", [draft])
    # then
    assert [str(m) for m in response.context["messages"]] == ["Activated telecom-2004 v2."]
    statuses = dict(
        SchemeVersion.objects.filter(scheme=telecom.scheme).values_list("number", "status")
    )
    assert statuses == {1: VersionStatus.RETIRED, 2: VersionStatus.ACTIVE}


def test_activating_two_versions_of_a_scheme_is_refused(admin_client, telecom):
    # given
    run_action(admin_client, "copy_as_draft", [telecom])
    draft = SchemeVersion.objects.get(scheme=telecom.scheme, number=2)
    # when
    response = run_action(admin_client, "activate", [telecom, draft])
    # then
    assert [str(m) for m in response.context["messages"]] == ["Select one version per scheme."]
    assert SchemeVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


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
