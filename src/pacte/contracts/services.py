"""Contract-acceptance difficulties (T4.7): raised, the two notices, and the close rule.

A difficulty with the final acceptance of a contract (a subscription or a renewal) is a
case of kind ``acceptance`` raised by a point of sale (a distributor user, for a
customer of their shop) or by an agent. Its OPENED event carries ``contract_kind``,
``blocking`` (what blocks) and ``needed`` (what is needed to solve it). The customer
and the distributor are each told what is needed: NOTICE_SENT (data ``party``,
``channel``; body: the content) at the server's clock, or NOTICE_IMPOSSIBLE (data
``party``; body: why). The case closes only once each party has one or the other
(``acceptance_close_guard``, registered on ``cases.services.case_close``).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pacte.cases.models import Case, CaseEvent, EventKind, Motive, Team
from pacte.cases.services import _locked, _record, _require_open, case_open
from pacte.contracts.errors import ContractError
from pacte.contracts.parties import ACCEPTANCE_MOTIVE, ContractKind, Party
from pacte.contracts.shops import case_team, customer_of_shop, shop_of
from pacte.core.errors import PacteError
from pacte.core.models import User
from pacte.core.permissions import Action, may
from pacte.core.roles import Role
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer, Distributor
from pacte.mail.models import OutboundKind
from pacte.mail.outbound import outbound_answer, outbound_queue

NOTICE_KINDS = (EventKind.NOTICE_SENT, EventKind.NOTICE_IMPOSSIBLE)


def _refuse_unless(actor: User, action: Action) -> None:
    if not may(actor, action):
        raise PacteError(ContractError.NOT_ALLOWED, "Your role may not do this.")


def _motive(motive: Motive | None) -> Motive:
    found = motive or Motive.objects.filter(code=ACCEPTANCE_MOTIVE).first()
    if found is None:
        raise PacteError(
            ContractError.NO_MOTIVE,
            f"No motive {ACCEPTANCE_MOTIVE!r} for acceptance cases.",
            motive=ACCEPTANCE_MOTIVE,
        )
    return found


@transaction.atomic
def acceptance_raise(
    *,
    customer: Customer,
    distributor: Distributor | None,
    contract_kind: str,
    blocking: str,
    needed: str,
    actor: User,
    channel: Channel,
    motive: Motive | None = None,
    team: Team | None = None,
) -> Case:
    """Open a contract-acceptance case (kind ``acceptance``) for ``customer``.

    A distributor user raises it for their own shop (``distributor``: one of theirs, or
    None when they have one) and for a customer of that shop; it is received on the web
    (the portal) whatever ``channel`` says. An agent (any writer) raises it on
    ``channel``, with or without a distributor. The case goes to ``team``, else to the
    distributor hotline's route (docs/contracts.md); motive ``contract-acceptance``
    unless one is given. Refused (nothing written) as ``ContractError`` says.
    """
    _refuse_unless(actor, Action.ACCEPTANCE_RAISE)
    if contract_kind not in ContractKind.values:
        raise PacteError(ContractError.CONTRACT_KIND_INVALID, f"Unknown kind {contract_kind!r}.")
    blocking, needed = blocking.strip(), needed.strip()
    if not blocking:
        raise PacteError(ContractError.BLOCKING_REQUIRED, "Say what blocks the acceptance.")
    if not needed:
        raise PacteError(ContractError.NEEDED_REQUIRED, "Say what is needed to solve it.")
    if actor.role == Role.DISTRIBUTOR:
        distributor = shop_of(user=actor, distributor=distributor)
        customer_of_shop(distributor=distributor, reference=customer.reference)
        channel = Channel.WEB
    kind_label = ContractKind(contract_kind).label
    subject = _("Contract acceptance (%(kind)s): %(blocking)s") % {
        "kind": kind_label,
        "blocking": blocking.splitlines()[0],
    }
    description = "\n\n".join(
        [
            _("What blocks: %(text)s") % {"text": blocking},
            _("What is needed: %(text)s") % {"text": needed},
        ]
    )
    return case_open(
        customer=customer,
        channel=channel,
        kind=CaseKind.ACCEPTANCE,
        motive=_motive(motive),
        subject=subject,
        team=team or case_team(),
        description=description,
        actor=actor,
        distributor=distributor,
        data={"contract_kind": contract_kind, "blocking": blocking, "needed": needed},
    )


def _acceptance_case(case: Case, party: str) -> Case:
    if case.kind != CaseKind.ACCEPTANCE:
        raise PacteError(ContractError.NOT_ACCEPTANCE, f"Case {case.reference} is not one.")
    if party not in Party.values:
        raise PacteError(ContractError.PARTY_INVALID, f"Unknown party {party!r}.")
    return case


def _notice_subject(case: Case) -> str:
    return _("[%(reference)s] Your contract: what is needed") % {"reference": case.reference}


@transaction.atomic
def acceptance_notice_send(
    *, case: Case, party: str, channel: Channel, body: str, actor: User
) -> CaseEvent:
    """Record the notice telling ``party`` what is needed (NOTICE_SENT, at the server's
    clock). By email, Pacte sends it: to the customer in their thread as answers are
    sent, to the distributor's address; a party without an address refuses it
    (``MailError.NO_RECIPIENT``) and nothing is recorded. A case without a distributor
    refuses a distributor notice (record why it is impossible instead)."""
    _refuse_unless(actor, Action.ACCEPTANCE_NOTICE)
    case = _acceptance_case(_locked(case), party)
    _require_open(case)
    content = body.strip()
    if not content:
        raise PacteError(ContractError.NOTICE_EMPTY, "A notice needs its content.")
    distributor = case.distributor
    if party == Party.DISTRIBUTOR and distributor is None:
        raise PacteError(ContractError.NO_DISTRIBUTOR, f"Case {case.reference}: no distributor.")
    event = _record(
        case,
        kind=EventKind.NOTICE_SENT,
        actor=actor,
        channel=channel,
        body=content,
        data={"party": party, "channel": str(channel)},
    )
    if channel == Channel.EMAIL:
        if party == Party.CUSTOMER:
            outbound_answer(case=case, body=content)
        elif distributor is not None:
            outbound_queue(
                case=case,
                kind=OutboundKind.ANSWER,
                to=distributor.email,
                subject=_notice_subject(case),
                body=content,
            )
    return event


@transaction.atomic
def acceptance_notice_impossible(*, case: Case, party: str, reason: str, actor: User) -> CaseEvent:
    """Record why ``party`` cannot be told (NOTICE_IMPOSSIBLE; the reason is required)."""
    _refuse_unless(actor, Action.ACCEPTANCE_NOTICE)
    case = _acceptance_case(_locked(case), party)
    _require_open(case)
    if not reason.strip():
        raise PacteError(ContractError.REASON_REQUIRED, "Write why the notice cannot be sent.")
    return _record(
        case,
        kind=EventKind.NOTICE_IMPOSSIBLE,
        actor=actor,
        body=reason.strip(),
        data={"party": party},
    )


PARTY_NAMES = {
    (Party.CUSTOMER,): gettext_lazy("the customer"),
    (Party.DISTRIBUTOR,): gettext_lazy("the distributor"),
    (Party.CUSTOMER, Party.DISTRIBUTOR): gettext_lazy("the customer and the distributor"),
}


def parties_missing(case: Case) -> list[Party]:
    """The parties of ``case`` with neither a notice sent nor a reason it is impossible."""
    covered = set(
        CaseEvent.objects.filter(case=case, kind__in=NOTICE_KINDS)
        .exclude(body="")
        .values_list("data__party", flat=True)
    )
    return [party for party in Party if party.value not in covered]


def acceptance_close_guard(case: Case) -> None:
    """Refuse to close an acceptance case until each party was told, or why it cannot be
    (``ContractError.NOTICE_MISSING``, naming the missing party)."""
    missing = parties_missing(case)
    if missing:
        names = PARTY_NAMES[tuple(missing)]
        raise PacteError(
            ContractError.NOTICE_MISSING,
            f"Case {case.reference}: notice missing for {', '.join(missing)}.",
            party=names,
        )
