"""Reads of contract-acceptance difficulties (T4.7) and of the distributor pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pacte.access.models import PublishedChannel
from pacte.access.selectors import access_page
from pacte.cases.models import Case, CaseEvent, EventKind
from pacte.contracts.parties import ContractKind, Party
from pacte.core.vocabulary import CaseKind, Channel


@dataclass(frozen=True)
class Notice:
    """A notice to one party: sent (channel, time, content) or impossible (why)."""

    party: Party
    sent: bool
    at: datetime
    channel: str
    body: str
    actor: str

    @property
    def channel_label(self) -> str:
        return str(Channel(self.channel).label) if self.channel in Channel.values else ""


@dataclass(frozen=True)
class PartyNotices:
    party: Party
    notices: list[Notice] = field(default_factory=list)

    @property
    def informed(self) -> bool:
        return any(notice.sent for notice in self.notices)

    @property
    def settled(self) -> bool:
        """Told, or why not written: the case may close as far as this party goes."""
        return bool(self.notices)


@dataclass(frozen=True)
class AcceptancePanel:
    """What an acceptance case is about and who was told what."""

    contract_kind: str
    blocking: str
    needed: str
    parties: list[PartyNotices]

    @property
    def contract_kind_label(self) -> str:
        kind = self.contract_kind
        return str(ContractKind(kind).label) if kind in ContractKind.values else kind

    @property
    def missing(self) -> list[Party]:
        return [entry.party for entry in self.parties if not entry.settled]


def acceptance_panel(*, case: Case) -> AcceptancePanel | None:
    """The acceptance facts and notices of ``case`` (one query); None for another kind."""
    if case.kind != CaseKind.ACCEPTANCE:
        return None
    events = list(
        CaseEvent.objects.filter(
            case=case,
            kind__in=(EventKind.OPENED, EventKind.NOTICE_SENT, EventKind.NOTICE_IMPOSSIBLE),
        )
        .select_related("actor")
        .order_by("at", "pk")
    )
    opened: dict[str, object] = next((e.data for e in events if e.kind == EventKind.OPENED), {})
    parties = {party: PartyNotices(party=party) for party in Party}
    for event in events:
        party = event.data.get("party")
        if event.kind == EventKind.OPENED or party not in Party.values:
            continue
        parties[Party(party)].notices.append(
            Notice(
                party=Party(party),
                sent=event.kind == EventKind.NOTICE_SENT,
                at=event.at,
                channel=str(event.data.get("channel", event.channel)),
                body=event.body,
                actor=str(event.actor) if event.actor else "",
            )
        )
    return AcceptancePanel(
        contract_kind=str(opened.get("contract_kind", "")),
        blocking=str(opened.get("blocking", "")),
        needed=str(opened.get("needed", "")),
        parties=list(parties.values()),
    )


def hotline(*, at: datetime) -> PublishedChannel | None:
    """The distributor hotline as the access page in force at ``at`` publishes it (its
    number and hours); None when nothing published lists it."""
    page = access_page(at=at)
    if page is None:
        return None
    return next((c for c in page.channels if c.kind == Channel.DISTRIBUTOR_HOTLINE), None)
