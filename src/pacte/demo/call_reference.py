"""The demo's telephony reference data: its ACD queues and the intake channel routes.

Idempotent: queues are found by name and routes by channel, and brought up to date,
so that regenerating the demo keeps their primary keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from pacte.cases.models import Motive
from pacte.core.vocabulary import CaseKind, Channel
from pacte.demo.catalogue import BACK_OFFICE
from pacte.demo.reference import Reference
from pacte.intake.models import ChannelRoute
from pacte.telephony.models import CallQueue, Service

HOTLINE_QUEUE = "pos-hotline"
DIRECTORY_QUEUE = "directory-222"
#: Written channels the intake routes when nobody chose a team yet, and their motive.
WRITTEN_ROUTES = {
    Channel.EMAIL: "plan-change",
    Channel.WEB: "plan-change",
    Channel.LETTER: "plan-change",
}


@dataclass(frozen=True)
class Queues:
    """The demo's queues: one customer-service queue per motive (catalogue order), the
    point-of-sale hotline and the 222 directory."""

    by_motive: list[CallQueue]
    hotline: CallQueue
    directory: CallQueue


def _queue(name: str, *, label: str, service: str, motive: Motive | None, level: int) -> CallQueue:
    queue, _ = CallQueue.objects.update_or_create(
        name=name,
        defaults={
            "label": label,
            "service": service,
            "motive": motive,
            "service_level_seconds": level,
            "short_abandon_seconds": 5,
        },
    )
    return queue


def queues_ensure(reference: Reference) -> Queues:
    """Create or update the demo's queues (60 s service level; 30 s for the hotline)."""
    by_motive = [
        _queue(
            f"cs-{motive.code}",
            label=f"Service client — {motive.label_fr}",
            service=Service.CUSTOMER,
            motive=motive,
            level=60,
        )
        for motive in reference.motives
    ]
    hotline = _queue(
        HOTLINE_QUEUE,
        label="Hotline points de vente",
        service=Service.DISTRIBUTOR,
        motive=None,
        level=30,
    )
    directory = _queue(
        DIRECTORY_QUEUE,
        label="Annuaire 222",
        service=Service.DIRECTORY,
        motive=None,
        level=60,
    )
    return Queues(by_motive=by_motive, hotline=hotline, directory=directory)


def channel_routes_ensure(reference: Reference) -> None:
    """Route new email, web and letter contacts to the back office (requests)."""
    team = reference.teams[reference.team_index(BACK_OFFICE)]
    motives = {motive.code: motive for motive in reference.motives}
    for channel, motive_code in WRITTEN_ROUTES.items():
        ChannelRoute.objects.update_or_create(
            channel=channel,
            defaults={"team": team, "motive": motives[motive_code], "kind": CaseKind.REQUEST},
        )
