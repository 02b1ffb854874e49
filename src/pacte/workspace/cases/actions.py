"""What can be done to a case from the workspace: one form and one service call each."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pacte.business_calendar.spec import CalendarSpec
from pacte.cases import services
from pacte.cases.models import Case, CaseStatus
from pacte.complaints.appeals import appeal_answer
from pacte.core.models import User
from pacte.core.vocabulary import CaseKind, Channel
from pacte.mail.replies import case_answer_send, case_deadline_commit_tell
from pacte.workspace.cases.forms import (
    AnswerForm,
    AssignForm,
    CloseForm,
    CommitDeadlineForm,
    HandOffForm,
    MatchCustomerForm,
    NoteForm,
    ReopenForm,
)
from pacte.workspace.common.forms import WorkspaceForm

FormData = Mapping[str, Any] | None
FormFactory = Callable[[FormData, Case, CalendarSpec, str], WorkspaceForm]


def _plain(form_class: type[WorkspaceForm]) -> FormFactory:
    def make(data: FormData, case: Case, spec: CalendarSpec, prefix: str) -> WorkspaceForm:
        return form_class(data, prefix=prefix)

    return make


def _answer_form(data: FormData, case: Case, spec: CalendarSpec, prefix: str) -> WorkspaceForm:
    return AnswerForm(data, prefix=prefix, initial={"channel": case.channel})


def _deadline_form(data: FormData, case: Case, spec: CalendarSpec, prefix: str) -> WorkspaceForm:
    initial = {"told_via": case.channel}
    return CommitDeadlineForm(data, spec=spec, prefix=prefix, initial=initial)


def _assign_form(data: FormData, case: Case, spec: CalendarSpec, prefix: str) -> WorkspaceForm:
    return AssignForm(data, case=case, prefix=prefix)


def _answer(*, case: Case, actor: User, form: Any) -> None:
    data = form.cleaned_data
    if case.kind == CaseKind.APPEAL:  # T6.7: ends with the mediator notice
        appeal_answer(case=case, actor=actor, body=data["body"], channel=Channel(data["channel"]))
        return
    case_answer_send(case=case, actor=actor, channel=Channel(data["channel"]), body=data["body"])


def _hand_off(*, case: Case, actor: User, form: Any) -> None:
    data = form.cleaned_data
    services.case_hand_off(
        case=case,
        actor=actor,
        note=data["note"],
        to_team=data["to_team"],
        to_assignee=data["to_assignee"],
    )


@transaction.atomic
def _commit_deadline(*, case: Case, actor: User, form: Any) -> None:
    """Record the new deadline; told by email, Pacte sends the notice with the agent's message."""
    data = form.cleaned_data
    case_deadline_commit_tell(
        case=case,
        actor=actor,
        new_due_at=form.new_due_at,
        told_via=Channel(data["told_via"]),
        message=data["message"],
    )


def _note(*, case: Case, actor: User, form: Any) -> None:
    services.case_add_note(case=case, actor=actor, body=form.cleaned_data["body"])


def _close(*, case: Case, actor: User, form: Any) -> None:
    services.case_close(case=case, actor=actor, reason=form.cleaned_data["reason"])


def _reopen(*, case: Case, actor: User, form: Any) -> None:
    services.case_reopen(case=case, actor=actor, reason=form.cleaned_data["reason"])


def _match_customer(*, case: Case, actor: User, form: Any) -> None:
    services.case_customer_match(
        case=case, customer=form.cleaned_data["customer_reference"], actor=actor
    )


def _assign(*, case: Case, actor: User, form: Any) -> None:
    services.case_assign(case=case, assignee=form.cleaned_data["assignee"], actor=actor)


@dataclass(frozen=True)
class CaseAction:
    name: str
    title: Promise
    submit: Promise
    done: Promise
    make_form: FormFactory
    perform: Callable[..., None]
    when_closed: bool = False
    reassign_only: bool = False
    # Only for a case opened for a sender who could not be identified.
    unidentified_only: bool = False

    def form(self, data: FormData, *, case: Case, spec: CalendarSpec) -> WorkspaceForm:
        """The action's form, bound to ``data`` (or unbound), its fields prefixed by name."""
        return self.make_form(data, case, spec, self.name)


ACTIONS: dict[str, CaseAction] = {
    action.name: action
    for action in (
        CaseAction(
            "match-customer", _("Identify the customer who wrote"), _("Give the case to them"),
            _("Case given to the customer."),
            _plain(MatchCustomerForm), _match_customer, when_closed=True, unidentified_only=True,
        ),
        CaseAction(
            "answer", _("Answer the customer"), _("Send the answer"), _("Answer recorded."),
            _answer_form, _answer,
        ),
        CaseAction(
            "hand-off", _("Hand off to a team or an agent"), _("Hand off"),
            _("Case handed off."),
            _plain(HandOffForm), _hand_off,
        ),
        CaseAction(
            "deadline", _("Commit a new deadline"), _("Commit the deadline"),
            _("New deadline recorded."), _deadline_form, _commit_deadline,
        ),
        CaseAction(
            "assign", _("Reassign"), _("Reassign"), _("Case reassigned."),
            _assign_form, _assign, reassign_only=True,
        ),
        CaseAction(
            "note", _("Add an internal note"), _("Add the note"), _("Note added."),
            _plain(NoteForm), _note, when_closed=True,
        ),
        CaseAction(
            "close", _("Close the case"), _("Close"), _("Case closed."), _plain(CloseForm), _close,
        ),
        CaseAction(
            "reopen", _("Reopen the case"), _("Reopen"), _("Case reopened."),
            _plain(ReopenForm), _reopen, when_closed=True,
        ),
    )
}  # fmt: skip


def available_actions(*, case: Case, can_reassign: bool) -> list[CaseAction]:
    """The actions that make sense for the case in its state, for a user who writes."""
    closed = case.status == CaseStatus.CLOSED
    result = []
    for action in ACTIONS.values():
        if action.reassign_only and not can_reassign:
            continue
        if action.name == "reopen" and not closed:
            continue
        if action.unidentified_only and not case.customer.unidentified:
            continue
        if closed and not action.when_closed:
            continue
        result.append(action)
    return result
