"""The permission table: what ``may`` answers, the page that shows it, the template filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template, TemplateSyntaxError

from pacte.conftest import Cast
from pacte.core.errors import ForbiddenError, NotFoundError
from pacte.core.permissions import (
    GRANTS,
    MATRIX_END,
    MATRIX_START,
    Action,
    PermissionCode,
    may,
    render_matrix,
    require,
)
from pacte.core.roles import Role
from pacte.factories import UserFactory, grant_past_instants

DOC = Path(__file__).resolve().parents[4] / "docs" / "permissions.md"


def test_the_page_shows_the_table_as_it_is() -> None:
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(MATRIX_START), text.index(MATRIX_END) + len(MATRIX_END)
    assert text[start:end] == render_matrix(), (
        "docs/permissions.md is out of date: paste `manage.py permissions_matrix` into it"
    )


def test_every_action_has_a_row() -> None:
    assert set(GRANTS) == set(Action)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_a_role_may_what_its_row_ticks(role: Role) -> None:
    user = UserFactory.create(username=f"u-{role}", role=role)
    for action in Action:
        assert may(user, action) is (role in GRANTS[action].roles), action


@pytest.mark.django_db
def test_anonymous_and_inactive_users_may_nothing() -> None:
    inactive = UserFactory.create(role=Role.ADMINISTRATOR, is_active=False)
    for action in Action:
        assert not may(AnonymousUser(), action)
        assert not may(None, action)
        assert not may(inactive, action)


@pytest.mark.django_db
def test_an_integration_permission_grants_its_action_whatever_the_role() -> None:
    gateway = UserFactory.create(role=Role.CUSTOMER)
    assert not may(gateway, Action.BACKDATE)
    assert may(grant_past_instants(gateway), Action.BACKDATE)


@pytest.mark.django_db
def test_a_superuser_never_backdates_but_holds_other_permissions() -> None:
    person = UserFactory.create(role=Role.AGENT, is_superuser=True)
    assert not may(person, Action.BACKDATE)
    assert may(person, Action.CASE_INTAKE)


@pytest.mark.django_db
def test_require_raises_the_refusal_given(cast: Cast) -> None:
    require(cast.quality_manager, Action.SCHEME_EDIT)
    with pytest.raises(ForbiddenError) as refused:
        require(cast.auditor, Action.SCHEME_EDIT)
    assert refused.value.code == PermissionCode.NOT_ALLOWED
    hidden = NotFoundError(PermissionCode.NOT_ALLOWED, "No such page.")
    with pytest.raises(NotFoundError):
        require(cast.agent, Action.SCHEME_READ, hidden)


@pytest.mark.django_db
def test_the_template_filter_reads_the_table(cast: Cast) -> None:
    template = Template('{% load permission_tags %}{% if user|may:"case.write" %}write{% endif %}')
    assert template.render(Context({"user": cast.agent})) == "write"
    assert template.render(Context({"user": cast.auditor})) == ""
    assert template.render(Context({"user": AnonymousUser()})) == ""


def test_the_template_filter_refuses_an_unknown_action() -> None:
    template = Template('{% load permission_tags %}{% if user|may:"case.wrtie" %}x{% endif %}')
    with pytest.raises((ValueError, TemplateSyntaxError)):
        template.render(Context({"user": AnonymousUser()}))
