"""Risk and fraud measures of the demo (T4.2): taken on lines over the history, most of
them lifted some days later, a few percent as unfounded.

About ``PER_THOUSAND_LINES`` measures a month per thousand lines (at least
``MIN_PER_MONTH``), each on a line of its own, decided by the demo supervisor for the
Paris back office (the telecom scheme's site, which has T4.2; the fraud team's Metz site
is certified under the cross-sector standard only): restrictions, suspensions for risk,
deposit requests, each with a written motive. ``LIFTED_SHARE`` are lifted after a few
days (closing the case), each month with its own share of unfounded lifts drawn between
3 % and 7 % (so some months pass the 5 % maximum of T4.2-b). Very rarely
(``IMPORTED_SHARE``) a measure comes from an old import and has no motive: its
MEASURE_TAKEN is recorded empty, as an import would (T4.2-a shows it). The line's status
changes are written as ``operations.lines`` writes them (chained LineEvents, cause
``risk`` and ``risk_lifted``); the lines of the measures still in force end restricted
or suspended.

Drawn with ``numpy.random.default_rng([seed, STREAM])``; rows are written in one
transaction with ``bulk.rows_insert`` and the chains' own linking.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import transaction
from django.db.models import Min

from pacte.cases.models import Case, CaseEvent, CaseStatus, EventKind, Motive
from pacte.core.chain import chain_dicts
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Line, LineStatus
from pacte.demo.bulk import next_id, rows_insert, sequences_reset
from pacte.demo.catalogue import BACK_OFFICE
from pacte.demo.contacts import US_PER_DAY
from pacte.demo.deadlines import to_datetime, to_us
from pacte.demo.kind_events import event_row
from pacte.demo.rows import RowContext, Tally
from pacte.operations.models import LineEvent
from pacte.operations.risk import MEASURE_STATUS, RISK_MOTIVE, MeasureKind, risk_motive

Row = dict[str, Any]

STREAM = 13
PER_THOUSAND_LINES = 1.5
MIN_PER_MONTH = 1
KINDS = (MeasureKind.RESTRICTION, MeasureKind.SUSPENSION, MeasureKind.DEPOSIT)
KIND_SHARES = (0.5, 0.3, 0.2)
LIFTED_SHARE = 0.85
UNFOUNDED_RANGE = (0.03, 0.07)  # the share of a month's lifts found unfounded
IMPORTED_SHARE = 0.004  # taken from an old import, without motive

MOTIVES = (
    "Appels massifs vers des numéros surtaxés en quelques heures.",
    "Suspicion de SIM box : volume d'appels sortants atypique vers l'international.",
    "Consommation hors forfait 12 fois supérieure à la moyenne du client.",
    "Trois changements de SIM en une semaine, dont un depuis une autre région.",
    "Itinérance inhabituelle : connexions simultanées depuis deux pays.",
    "Impayé récent et nouvelle ligne ouverte sur le même compte.",
    "Signalement de la banque : moyen de paiement déclaré volé.",
    "Justificatif d'identité non conforme lors de la souscription.",
)
LIFT_FOUNDED = (
    "Dépôt de garantie reçu, risque couvert.",
    "Client joint : usage confirmé par le titulaire, plafond ajusté.",
    "Fraude confirmée puis ligne sécurisée (nouveau code, nouvelle SIM).",
    "Impayé régularisé, surveillance levée.",
)
LIFT_UNFOUNDED = (
    "Faux positif : client en voyage, déplacement confirmé.",
    "Faux positif : pic d'usage lié à un événement professionnel.",
    "Faux positif : règle de détection trop sensible sur les appels internationaux.",
)


def risk_generate(*, context: RowContext, seed: int, tally: Tally, open_only: bool) -> int:
    """Write the demo's risk measures over the history of the cases, counted in
    ``tally``; the number written (none for a backlog generated ``open_only``)."""
    if open_only:
        return 0
    start = Case.objects.aggregate(first=Min("received_at"))["first"]
    lines = list(Line.objects.order_by("pk").values_list("pk", "msisdn", "account__customer_id"))
    motive = risk_motive()
    team = next((t for t in context.reference.teams if t.code == BACK_OFFICE), None)
    if start is None or not lines or motive is None or team is None:
        return 0
    rng = np.random.default_rng([seed, STREAM])
    start_us, end_us = to_us(start), to_us(context.now) - 3600 * 1_000_000
    months = max(1.0, (end_us - start_us) / (30.4 * US_PER_DAY))
    per_month = max(MIN_PER_MONTH, round(len(lines) * PER_THOUSAND_LINES / 1000))
    count = min(len(lines) // 2, round(per_month * months))
    writer = _Writer(context=context, motive=motive, team_id=team.pk, site_id=team.site_id)
    chosen = rng.choice(len(lines), size=count, replace=False)
    taken = np.sort(rng.integers(start_us, end_us, count))
    kinds = rng.choice(len(KINDS), size=count, p=KIND_SHARES)
    delay = np.rint(np.clip(rng.lognormal(np.log(3.0), 0.8, count), 0.05, 40) * US_PER_DAY)
    lifted = np.where(rng.random(count) < LIFTED_SHARE, taken + delay.astype(np.int64), -1)
    lifted = np.where(lifted > end_us, -1, lifted)
    unfounded = _unfounded(rng, lifted)
    imported = rng.random(count) < IMPORTED_SHARE
    first_id = next_id(Case)
    for k in range(count):
        writer.measure(
            case_id=first_id + k,
            line=lines[int(chosen[k])],
            kind=KINDS[int(kinds[k])],
            taken=to_datetime(int(taken[k])),
            lifted=None if lifted[k] < 0 else to_datetime(int(lifted[k])),
            unfounded=bool(unfounded[k]),
            imported=bool(imported[k]),
        )
    with transaction.atomic():
        writer.store()
    sequences_reset([Case, LineEvent])
    _count(tally, writer)
    return count


def _unfounded(rng: np.random.Generator, lifted: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Per lift, whether it was unfounded: each month (of 30 days) its own share."""
    month = np.where(lifted < 0, 0, lifted // (30 * US_PER_DAY))
    months = np.unique(month)
    shares = dict(zip(months.tolist(), rng.uniform(*UNFOUNDED_RANGE, len(months)), strict=True))
    chance = np.array([shares[m] for m in month.tolist()], dtype=np.float64)
    return (lifted >= 0) & (rng.random(len(lifted)) < chance)


class _Writer:
    """The rows of the measures being built."""

    def __init__(self, *, context: RowContext, motive: Motive, team_id: int, site_id: int):
        self.context = context
        self.motive = motive
        self.team_id = team_id
        self.site_id = site_id
        self.actor = context.reference.users["supervisor"].pk
        self.cases: list[Row] = []
        self.events: list[Row] = []
        self.line_events: list[Row] = []
        self.final: dict[str, list[int]] = {}

    def measure(
        self,
        *,
        case_id: int,
        line: tuple[int, str, int],
        kind: str,
        taken: datetime,
        lifted: datetime | None,
        unfounded: bool,
        imported: bool,
    ) -> None:
        line_id, msisdn, customer_id = line
        texts = self.context.texts
        motive = "" if imported else texts.choice(MOTIVES)
        now = self.context.now
        self.cases.append(
            {
                "id": case_id, "customer_id": customer_id, "distributor_id": None,
                "channel": Channel.PHONE, "kind": CaseKind.RISK_MEASURE,
                "motive_id": self.motive.pk, "subject": f"Mesure de risque : ligne {msisdn}",
                "description": motive, "received_at": taken, "site_id": self.site_id,
                "team_id": self.team_id, "assignee_id": self.actor,
                "status": CaseStatus.CLOSED if lifted else CaseStatus.OPEN, "due_at": None,
                "follows_id": None, "opened_by_id": self.actor, "created_at": now,
                "updated_at": now,
            }
        )  # fmt: skip
        facts = {"measure": kind, "line": line_id, "msisdn": msisdn}
        opened = {
            **facts,
            "team": BACK_OFFICE,
            "kind": CaseKind.RISK_MEASURE,
            "motive": RISK_MOTIVE,
        }
        if imported:
            opened["imported"] = True
        self.events += [
            event_row(case_id, EventKind.OPENED, taken, self.actor, channel=Channel.PHONE,
                      body=motive, data=opened),
            event_row(case_id, EventKind.MEASURE_TAKEN, taken, self.actor,
                      channel=Channel.PHONE if motive else "", body=motive,
                      data={**facts, "motive": motive}),
        ]  # fmt: skip
        status = MEASURE_STATUS.get(kind)
        if status is not None:
            self._line_event(line_id, case_id, LineStatus.ACTIVE, status, taken,
                             motive or "Mesure importée", "risk")  # fmt: skip
        if lifted is None:
            if status is not None:
                self.final.setdefault(status, []).append(line_id)
            return
        reason = texts.choice(LIFT_UNFOUNDED if unfounded else LIFT_FOUNDED)
        self.events += [
            event_row(case_id, EventKind.MEASURE_LIFTED, lifted, self.actor, body=reason,
                      data={"unfounded": unfounded, "reason": reason, "measure": kind}),
            event_row(case_id, EventKind.CLOSED, lifted + timedelta(seconds=1), self.actor,
                      body=reason),
        ]  # fmt: skip
        if status is not None:
            self._line_event(line_id, case_id, status, LineStatus.ACTIVE, lifted, reason,
                             "risk_lifted")  # fmt: skip

    def _line_event(
        self, line_id: int, case_id: int, old: str, new: str, at: datetime, reason: str, cause: str
    ) -> None:
        self.line_events.append(
            {
                "line_id": line_id, "status_from": old, "status_to": new,
                "imei_blocked": False, "at": at, "recorded_at": at, "late_recorded": False,
                "actor_id": self.actor, "case_id": case_id, "reason": reason,
                "data": {"cause": cause},
            }
        )  # fmt: skip

    def store(self) -> None:
        self.events.sort(key=lambda event: (event["case_id"], event["at"]))
        self.line_events.sort(key=lambda event: (event["line_id"], event["at"]))
        rows_insert(Case, self.cases)
        chain_dicts(CaseEvent, self.events)
        rows_insert(CaseEvent, self.events)
        chain_dicts(LineEvent, self.line_events)
        rows_insert(LineEvent, self.line_events)
        for status, line_ids in self.final.items():
            Line.objects.filter(pk__in=line_ids).update(status=status)


def _count(tally: Tally, writer: _Writer) -> None:
    tally.cases += len(writer.cases)
    tally.events += len(writer.events)
    for row in writer.cases:
        tally.statuses[row["status"]] += 1
        tally.channels[row["channel"]] += 1
        tally.kinds[row["kind"]] += 1
