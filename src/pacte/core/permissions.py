"""Who may do what: one table of roles by actions, read by every interface and service.

``GRANTS`` is the table (docs/permissions.md shows it as a matrix, and a test keeps the
two the same). Each action lists the roles that may do it and, for the actions an
integration does, the Django permission that grants it too:

- ``may(user, action)`` answers; ``require(user, action)`` raises the refusal;
- the workspace reads it through ``action_required(Action.X)`` (pacte.workspace.common.
  permissions) and the template filter ``user|may:"case.write"``;
- the API and the services call ``may``/``require`` directly.

An object the user may not see at all is a 404 (``NotFoundError``), a thing the user sees
but may not do is a 403 (``ForbiddenError``): ``require`` takes the error to raise.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from pacte.core.errors import ForbiddenError, PacteError, error_texts
from pacte.core.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.utils.functional import Promise

    from pacte.core.models import User

# Django permissions held by integrations (granted per user, never by role).
INTAKE_PERMISSION = "api.intake_cases"
PAST_PERMISSION = "core.record_past_instants"
CALL_EVENTS_PERMISSION = "telephony.add_callevent"
CALL_ESTIMATE_PERMISSION = "telephony.view_callqueue"
BILLING_PERMISSION = "operations.add_unpaidbill"
PAYMENT_PERMISSION = "operations.add_payment"
STOLEN_PERMISSION = "operations.add_lineevent"


class Action(StrEnum):
    WORKSPACE_USE = "workspace.use"
    PORTAL_USE = "portal.use"
    CASE_READ_ALL = "case.read_all"
    CASE_WRITE = "case.write"
    CASE_REASSIGN = "case.reassign"
    CASE_OPEN_OWN = "case.open_own"
    CASE_INTAKE = "case.intake"
    LETTER_RECORD = "letter.record"
    BACKDATE = "backdate"
    SCHEME_READ = "scheme.read"
    SCHEME_EDIT = "scheme.edit"
    EVIDENCE_USE = "evidence.use"
    COMPLIANCE_READ = "compliance.read"
    COMPLIANCE_CLOSE = "compliance.close"
    NONCONFORMITY_READ = "nonconformity.read"
    NONCONFORMITY_RAISE = "nonconformity.raise"
    NONCONFORMITY_RAISE_AUDIT = "nonconformity.raise_audit"
    NONCONFORMITY_MANAGE = "nonconformity.manage"
    NONCONFORMITY_OWN_ACTION = "nonconformity.own_action"
    MOTIVE_FACTS_READ = "motive_facts.read"
    FACT_FRAUD_VICTIM = "fact.customer.fraud_victim"
    FACT_SEGMENT = "fact.customer.segment"
    FACT_BILLING = "fact.motive.billing"
    FACT_BACKDATE = "fact.backdate"
    TELEPHONY_READ = "telephony.read"
    STAFFING = "staffing"
    CALL_EVENTS = "telephony.call_events"
    CALL_ESTIMATE = "telephony.estimate"
    ACCESS_PAGE_READ = "access_page.read"
    ACCESS_PAGE_EDIT = "access_page.edit"
    MAIL_MANAGE = "mail.manage"
    MEDIATION_REFER = "mediation.refer"
    MEDIATION_RECORD = "mediation.record"
    APPEAL_FILE = "appeal.file"
    ACCEPTANCE_RAISE = "acceptance.raise"
    ACCEPTANCE_NOTICE = "acceptance.notice"
    DISTRIBUTOR_CASE_OPEN = "distributor.case_open"
    DISTRIBUTOR_CASE_MESSAGE = "distributor.case_message"
    DISPUTE_ASSESS = "dispute.assess"
    DISPUTE_CORRECT = "dispute.correct"
    # Telecom operations (operations app, docs/operations.md).
    OPERATIONS_READ = "operations.read"
    IDENTITY_CHECK = "identity.check"
    SIM_ORDER = "sim.order"
    SIM_FULFIL = "sim.fulfil"
    RISK_MEASURE = "risk.measure"
    DUNNING_RECORD = "dunning.record"
    LINE_SUSPEND = "line.suspend"
    BILLS_IMPORT = "bills.import"
    PAYMENT_REGISTER = "payment.register"
    LINE_RESTORE = "line.restore"
    STOLEN_DECLARE = "stolen.declare"
    LINE_UNBLOCK = "line.unblock"


@dataclass(frozen=True, slots=True)
class Grant:
    """Who may do one action: the roles, plus holders of ``permission`` (if any)."""

    roles: frozenset[Role]
    description: Promise | str
    permission: str | None = None
    # A superuser holds every Django permission; for backdating that is refused (a
    # superuser is a person, and only integrations and jobs date things in the past).
    superuser_implies: bool = True


CUSTOMER, AGENT, DISTRIBUTOR = Role.CUSTOMER, Role.AGENT, Role.DISTRIBUTOR
SUPERVISOR, QUALITY, AUDITOR, ADMIN = (
    Role.SUPERVISOR,
    Role.QUALITY_MANAGER,
    Role.AUDITOR,
    Role.ADMINISTRATOR,
)
STAFF = frozenset({AGENT, SUPERVISOR, QUALITY, AUDITOR, ADMIN})
ALL_TEAMS = frozenset({SUPERVISOR, QUALITY, AUDITOR, ADMIN})
WRITERS = frozenset({AGENT, SUPERVISOR, ADMIN})
NOBODY: frozenset[Role] = frozenset()

GRANTS: dict[Action, Grant] = {
    Action.WORKSPACE_USE: Grant(STAFF, _("Use the workspace (staff pages)")),
    Action.PORTAL_USE: Grant(frozenset({CUSTOMER, DISTRIBUTOR}), _("Use the outside pages")),
    Action.CASE_READ_ALL: Grant(ALL_TEAMS, _("Read every team's cases")),
    Action.CASE_WRITE: Grant(WRITERS, _("Change a case it sees")),
    Action.CASE_REASSIGN: Grant(frozenset({SUPERVISOR, ADMIN}), _("Reassign cases")),
    Action.CASE_OPEN_OWN: Grant(frozenset({CUSTOMER}), _("Open a web case for oneself")),
    Action.CASE_INTAKE: Grant(
        NOBODY, _("Open cases on any channel (integrations)"), INTAKE_PERMISSION
    ),
    Action.LETTER_RECORD: Grant(WRITERS, _("Register a letter")),
    Action.BACKDATE: Grant(
        NOBODY,
        _("Record events that happened earlier (integrations)"),
        PAST_PERMISSION,
        superuser_implies=False,
    ),
    Action.SCHEME_READ: Grant(ALL_TEAMS, _("Read the commitment schemes")),
    Action.SCHEME_EDIT: Grant(frozenset({QUALITY}), _("Change a scheme")),
    Action.EVIDENCE_USE: Grant(frozenset({QUALITY, AUDITOR, ADMIN}), _("Build evidence packs")),
    Action.COMPLIANCE_READ: Grant(ALL_TEAMS, _("Read the compliance dashboard")),
    Action.COMPLIANCE_CLOSE: Grant(frozenset({QUALITY}), _("Close and publish a month")),
    Action.NONCONFORMITY_READ: Grant(ALL_TEAMS, _("Read the non-conformities")),
    Action.NONCONFORMITY_RAISE: Grant(
        frozenset({QUALITY}), _("Raise a non-conformity from the figures")
    ),
    Action.NONCONFORMITY_RAISE_AUDIT: Grant(
        frozenset({QUALITY, AUDITOR}), _("Raise a non-conformity from an audit")
    ),
    Action.NONCONFORMITY_MANAGE: Grant(frozenset({QUALITY}), _("Manage a non-conformity")),
    Action.NONCONFORMITY_OWN_ACTION: Grant(
        frozenset({SUPERVISOR, QUALITY}), _("Own a corrective action")
    ),
    Action.MOTIVE_FACTS_READ: Grant(ALL_TEAMS, _("Read the motives' facts")),
    Action.FACT_FRAUD_VICTIM: Grant(
        frozenset({AGENT, SUPERVISOR, QUALITY, ADMIN}), _("Change “fraud victim”")
    ),
    Action.FACT_SEGMENT: Grant(frozenset({SUPERVISOR, ADMIN}), _("Change the customer segment")),
    Action.FACT_BILLING: Grant(frozenset({QUALITY, ADMIN}), _("Change a motive's bill status")),
    Action.FACT_BACKDATE: Grant(frozenset({QUALITY, ADMIN}), _("Date a fact change in the past")),
    Action.TELEPHONY_READ: Grant(ALL_TEAMS, _("Read the telephony pages")),
    Action.STAFFING: Grant(ALL_TEAMS, _("Plan staffing")),
    Action.CALL_EVENTS: Grant(
        frozenset({ADMIN}), _("Send call events (integrations)"), CALL_EVENTS_PERMISSION
    ),
    Action.CALL_ESTIMATE: Grant(
        frozenset({ADMIN}), _("Ask a wait estimate (integrations)"), CALL_ESTIMATE_PERMISSION
    ),
    Action.ACCESS_PAGE_READ: Grant(
        frozenset({QUALITY, AUDITOR, ADMIN}), _("Read the access page's draft")
    ),
    Action.ACCESS_PAGE_EDIT: Grant(frozenset({ADMIN}), _("Change and publish the access page")),
    Action.MAIL_MANAGE: Grant(frozenset({ADMIN}), _("Manage the mailboxes and quarantine")),
    Action.MEDIATION_REFER: Grant(
        WRITERS | {CUSTOMER}, _("Record a referral to the mediator (a customer: their own case)")
    ),
    Action.MEDIATION_RECORD: Grant(
        WRITERS, _("Record the mediator's recommendation and its application")
    ),
    Action.APPEAL_FILE: Grant(
        frozenset({CUSTOMER, AGENT, SUPERVISOR, ADMIN}),
        _("Appeal a complaint it sees (a customer: their own)"),
    ),
    Action.ACCEPTANCE_RAISE: Grant(
        WRITERS | {DISTRIBUTOR}, _("Raise a contract-acceptance difficulty (T4.7)")
    ),
    Action.ACCEPTANCE_NOTICE: Grant(
        WRITERS, _("Record the notices of a contract-acceptance difficulty")
    ),
    Action.DISTRIBUTOR_CASE_OPEN: Grant(
        frozenset({DISTRIBUTOR}), _("Open a request for a customer of one's shop")
    ),
    Action.DISTRIBUTOR_CASE_MESSAGE: Grant(
        frozenset({DISTRIBUTOR}), _("Answer on a case of one's shop")
    ),
    Action.DISPUTE_ASSESS: Grant(WRITERS, _("Assess a bill dispute (proven or not)")),
    Action.DISPUTE_CORRECT: Grant(WRITERS, _("Record a bill's correction or credit")),
    Action.OPERATIONS_READ: Grant(
        STAFF, _("Read lines, operations and their history (account data: after an identity check)")
    ),
    Action.IDENTITY_CHECK: Grant(
        WRITERS, _("Record a caller's identity check and a disclosure of account data")
    ),
    Action.SIM_ORDER: Grant(
        WRITERS | {CUSTOMER}, _("Order a replacement SIM (a customer: own line)")
    ),
    Action.SIM_FULFIL: Grant(WRITERS, _("Record a SIM order prepared, shipped, delivered")),
    Action.RISK_MEASURE: Grant(
        frozenset({SUPERVISOR, ADMIN}), _("Take or lift a risk or fraud measure on a line")
    ),
    Action.DUNNING_RECORD: Grant(WRITERS, _("Record a contact attempt about unpaid bills")),
    Action.LINE_SUSPEND: Grant(
        frozenset({SUPERVISOR, ADMIN}), _("Suspend a line for non-payment (T4.3 rule)")
    ),
    Action.BILLS_IMPORT: Grant(
        frozenset({SUPERVISOR, ADMIN}),
        _("Import unpaid bills (billing system)"),
        BILLING_PERMISSION,
    ),
    Action.PAYMENT_REGISTER: Grant(
        WRITERS, _("Register a payment (billing system)"), PAYMENT_PERMISSION
    ),
    Action.LINE_RESTORE: Grant(WRITERS, _("Record a line restored")),
    Action.STOLEN_DECLARE: Grant(
        WRITERS | {CUSTOMER},
        _("Declare a stolen or lost phone, 24/7 (a customer: own line; the IVR)"),
        STOLEN_PERMISSION,
    ),
    Action.LINE_UNBLOCK: Grant(WRITERS, _("Unblock a line after an identity check")),
}


class PermissionCode(StrEnum):
    NOT_ALLOWED = "action_not_allowed"


def role_may(role: str, action: Action) -> bool:
    """Whether the role alone grants ``action`` (no Django permission looked at)."""
    return role in GRANTS[action].roles


def may(user: User | AnonymousUser | None, action: Action) -> bool:
    """Whether ``user`` may do ``action``: by its role, or by the Django permission the
    action names (integrations). Anonymous and inactive users may do nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    grant = GRANTS[action]
    if getattr(user, "role", None) in grant.roles:
        return True
    if grant.permission is None or (user.is_superuser and not grant.superuser_implies):
        return False
    return user.has_perm(grant.permission)


def require(
    user: User | AnonymousUser | None, action: Action, error: PacteError | None = None
) -> None:
    """Raise ``error`` (a ForbiddenError by default) unless ``user`` may do ``action``."""
    if may(user, action):
        return
    raise error or ForbiddenError(PermissionCode.NOT_ALLOWED, "Your role may not do this.")


def fact_action(fact_key: str) -> Action | None:
    """The action that changes the fact ``"<owner>.<fact>"``; None if nobody may."""
    try:
        return Action(f"fact.{fact_key}")
    except ValueError:
        return None


def may_change_fact(user: User | AnonymousUser | None, fact_key: str) -> bool:
    """Whether ``user`` may change the fact ``fact_key`` (``"customer.fraud_victim"``)."""
    action = fact_action(fact_key)
    return action is not None and may(user, action)


def roles_for(action: Action) -> frozenset[Role]:
    """The roles that may do ``action`` (to filter users in a query, for instance)."""
    return GRANTS[action].roles


MATRIX_START = "<!-- matrix: generated from pacte.core.permissions.GRANTS -->"
MATRIX_END = "<!-- end of matrix -->"


def render_matrix() -> str:
    """The table as Markdown, one row per action, one column per role (docs/permissions.md
    holds this text between ``MATRIX_START`` and ``MATRIX_END``; a test compares them)."""
    roles = list(Role)
    with translation.override("en"):
        header = ["action", *(str(role.label) for role in roles), "or Django permission", "what"]
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for action, grant in GRANTS.items():
            cells = ["✓" if role in grant.roles else "" for role in roles]
            permission = f"`{grant.permission}`" if grant.permission else ""
            row = [f"`{action.value}`", *cells, permission, str(grant.description)]
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join([MATRIX_START, *lines, MATRIX_END])


# The codes' texts in the user's language (PacteError.text).
error_texts(
    {
        PermissionCode.NOT_ALLOWED: gettext_lazy("Your role may not do this."),
    }
)
