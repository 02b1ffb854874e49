"""The case aggregate: sites and teams, cases, their append-only events and their clocks."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.utils.translation import gettext_lazy as _

from pacte.business_calendar.models import Calendar
from pacte.commitments.models import Commitment, Scheme
from pacte.core import clock
from pacte.core.append_only import AppendOnlyQuerySet
from pacte.core.chain import ChainedModel, chain_unique
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer, Distributor


class Site(models.Model):
    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=120)
    calendar = models.ForeignKey(Calendar, on_delete=models.PROTECT, related_name="sites")
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="sites")

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="teams")
    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=120)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="teams")
    handles_appeals = models.BooleanField(
        _("appeals team"),
        default=False,
        help_text=_("The dedicated service that answers appeals (level 2) for its site."),
    )
    handles_fraud_victims = models.BooleanField(
        _("fraud victims team"),
        default=False,
        help_text=_(
            "The dedicated team that handles the cases of customers flagged fraud victim "
            "(T6.2) for its site."
        ),
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name


class Motive(models.Model):
    """Why the customer made contact: the classification of cases."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_fr = models.CharField(_("label (French)"), max_length=120)
    label_en = models.CharField(_("label (English)"), max_length=120)
    billing = models.BooleanField(
        _("about a bill"), default=False, help_text=_("Bill cases are excepted from T3.1/T6.3.")
    )
    talk_time_target_seconds = models.PositiveIntegerField(
        _("talk time target (s)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("motive")
        verbose_name_plural = _("motives")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.label_en


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    OPEN = "open", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (CaseStatus.NEW, CaseStatus.OPEN)
# "No deadline" sorts after every deadline. Spelt as an expression (not NULLS LAST) so
# that SQLite and PostgreSQL both read the queue in order from the same index.
NO_DEADLINE = ExpressionWrapper(Q(due_at__isnull=True), output_field=models.BooleanField())
QUEUE_ORDER = (NO_DEADLINE.asc(), F("due_at").asc(), F("received_at").asc(), F("id").asc())


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> CaseQuerySet:
        return self.filter(is_open=True)

    def due_before(self, instant: datetime) -> CaseQuerySet:
        return self.filter(due_at__lt=instant)

    def for_teams(self, team_ids: list[int]) -> CaseQuerySet:
        return self.filter(team_id__in=team_ids)


class Case(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="cases")
    distributor = models.ForeignKey(
        Distributor, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=CaseKind.choices)
    motive = models.ForeignKey(Motive, on_delete=models.PROTECT, related_name="cases")
    subject = models.CharField(_("subject"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    received_at = models.DateTimeField(
        _("received at"), help_text=_("The instant the channel counts as receipt.")
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="cases")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.NEW
    )
    # Derived by the database from status. The queue filters on it and its partial
    # indexes are conditioned on it: a condition with no bound parameter, which SQLite
    # (unlike with "status IN (?, ?)") matches to the index.
    is_open = models.GeneratedField(
        expression=ExpressionWrapper(
            Q(status__in=OPEN_STATUSES), output_field=models.BooleanField()
        ),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    due_at = models.DateTimeField(
        _("deadline in force"),
        null=True,
        blank=True,
        help_text=_("Earliest deadline in force among the case's running clocks."),
    )
    follows = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followed_by",
        verbose_name=_("follows"),
        help_text=_("The earlier level of the complaint chain: an appeal's complaint."),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opened_cases",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects: ClassVar[CaseQuerySet] = CaseQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ("-received_at",)
        indexes = [
            # The queues: open cases, those with a deadline first, soonest first, per
            # team and overall (QUEUE_ORDER), read in order from these indexes.
            models.Index(
                F("team"),
                NO_DEADLINE,
                F("due_at"),
                F("received_at"),
                F("id"),
                condition=Q(is_open=True),
                name="case_queue_team",
            ),
            models.Index(
                NO_DEADLINE,
                F("due_at"),
                F("received_at"),
                F("id"),
                condition=Q(is_open=True),
                name="case_queue_all",
            ),
            models.Index(fields=("status", "due_at"), name="case_status_due"),
            models.Index(fields=("customer", "received_at"), name="case_customer_received"),
            models.Index(fields=("received_at",), name="case_received"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    @property
    def reference(self) -> str:
        return f"P{self.pk:08d}" if self.pk else "P--------"


class EventKind(models.TextChoices):
    OPENED = "opened", _("Opened")
    ASSIGNED = "assigned", _("Assigned")
    CUSTOMER_MESSAGE = "customer_message", _("Customer message")
    ANSWERED = "answered", _("Answered")
    HANDED_OFF = "handed_off", _("Handed off")
    DEADLINE_COMMITTED = "deadline_committed", _("New deadline committed")
    NOTE = "note", _("Internal note")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    CUSTOMER_MATCHED = "customer_matched", _("Customer identified")
    # The complaint chain (complaints app): the written form sent after a phone
    # complaint; on a complaint, its appeal filed; on a complaint or an appeal, the
    # referral to the mediator; on a mediator referral, the recommendation and its
    # application.
    WRITTEN_FORM_SENT = "written_form_sent", _("Written complaint form sent")
    APPEAL_FILED = "appeal_filed", _("Appeal filed")
    REFERRED_TO_MEDIATOR = "referred_to_mediator", _("Referred to the mediator")
    MEDIATOR_RECOMMENDED = "mediator_recommended", _("Mediator's recommendation")
    RECOMMENDATION_APPLIED = "recommendation_applied", _("Recommendation applied")
    # Bill disputes (T5.2): proven or not, with the reason; the correction or credit.
    DISPUTE_ASSESSED = "dispute_assessed", _("Dispute assessed")
    CORRECTION_ISSUED = "correction_issued", _("Correction or credit issued")
    # Contract acceptance (T4.7): a notice to the customer or the distributor, or why
    # one cannot be sent.
    NOTICE_SENT = "notice_sent", _("Notice sent")
    NOTICE_IMPOSSIBLE = "notice_impossible", _("Notice impossible")
    # The customer rated an answer (portal; reused by satisfaction surveys).
    RATED = "rated", _("Answer rated")
    # Telecom operations (operations app, docs/operations.md). On a phone or chat
    # contact: the caller's identity checked, account data disclosed (T3.2-a).
    IDENTITY_CHECKED = "identity_checked", _("Identity checked")
    DATA_DISCLOSED = "data_disclosed", _("Account data disclosed")
    # SIM replacement (T4.1): the order's steps after the request (the OPENED event).
    SIM_PREPARED = "sim_prepared", _("SIM order prepared")
    SIM_SHIPPED = "sim_shipped", _("SIM shipped")
    SIM_DELIVERED = "sim_delivered", _("SIM delivered")
    # Risk and fraud measures on a line (T4.2).
    MEASURE_TAKEN = "measure_taken", _("Risk measure taken")
    MEASURE_LIFTED = "measure_lifted", _("Risk measure lifted")
    # Dunning (T4.3): a contact attempt with the means to regularise; a suspension for
    # non-payment, and one refused by the rule.
    DUNNING_CONTACT = "dunning_contact", _("Contact attempt (unpaid bills)")
    LINE_SUSPENDED = "line_suspended", _("Line suspended")
    SUSPENSION_REFUSED = "suspension_refused", _("Suspension refused")
    # Payment and restoration (T4.4).
    PAYMENT_REGISTERED = "payment_registered", _("Payment registered")
    LINE_RESTORED = "line_restored", _("Line restored")
    # Stolen or lost phone (T6.4).
    LINE_BLOCKED = "line_blocked", _("Line blocked")
    IMEI_BLOCKED = "imei_blocked", _("Handset (IMEI) blocked")
    LINE_UNBLOCKED = "line_unblocked", _("Line unblocked")


class CaseEvent(ChainedModel):
    """One thing that happened to a case. Written only by cases.services; never updated.

    ``at`` is when it happened and ``recorded_at`` when the server recorded it: the same
    instant when a person acts. An earlier ``at`` comes only from a permissioned
    integration, within the installation's window, and is then ``late_recorded``
    (docs/trail.md). The events of a case form one hash chain.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=32, choices=EventKind.choices)
    at = models.DateTimeField(_("at"))
    recorded_at = models.DateTimeField(_("recorded at"), default=clock.now)
    late_recorded = models.BooleanField(
        _("late-recorded"),
        default=False,
        help_text=_("Recorded after the fact by an integration: at is earlier than recorded at."),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_events",
    )
    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices, blank=True)
    body = models.TextField(_("text"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    objects: ClassVar[AppendOnlyQuerySet[CaseEvent]] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    chain_field = "case"
    chain_locked_by_writer = True

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ("at", "id")
        constraints = [chain_unique(name="case_event_chain", field="case")]
        indexes = [
            models.Index(fields=("case", "at"), name="case_event_case_at"),
            # Monthly indicators read one kind of event over a month (T3.3: hand-offs).
            models.Index(fields=("kind", "at"), name="case_event_kind_at"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} @ {self.at.isoformat()}"


class ClockState(models.TextChoices):
    RUNNING = "running", _("Running")
    MET = "met", _("Met")
    MET_LATE = "met_late", _("Met late")
    BREACHED = "breached", _("Breached")


class Clock(models.Model):
    """A commitment's clock on a case, derived from the case's events (never edited by hand)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clocks")
    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="clocks")
    started_at = models.DateTimeField(_("started at"))
    due_at = models.DateTimeField(_("first deadline"))
    committed_due_at = models.DateTimeField(_("new committed deadline"), null=True, blank=True)
    committed_told_at = models.DateTimeField(_("customer told at"), null=True, blank=True)
    effective_due_at = models.DateTimeField(_("deadline in force"))
    met_at = models.DateTimeField(_("met at"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=ClockState.choices)
    late_recorded = models.BooleanField(
        _("rests on late-recorded events"),
        default=False,
        help_text=_("Its receipt, a promise or its answer was recorded after the fact."),
    )
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("clock")
        verbose_name_plural = _("clocks")
        constraints = [
            models.UniqueConstraint(fields=("case", "commitment"), name="clock_case_commitment"),
        ]
        indexes = [
            # A month's verdicts of one commitment: a range on this index. PostgreSQL also
            # stores what the verdict reads, so that the scan never visits the table.
            models.Index(
                fields=("commitment", "effective_due_at"),
                include=("due_at", "met_at"),
                name="clock_commitment_due",
            ),
            models.Index(fields=("state", "effective_due_at"), name="clock_state_due"),
            # A month's verdicts that rest on late-recorded events: few, counted from here.
            models.Index(
                fields=("commitment", "effective_due_at"),
                condition=Q(late_recorded=True),
                name="clock_late_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.commitment_id} {self.state}"


class ClockMonthChange(models.Model):
    """A calendar month of a scheme whose clocks were written (created, changed, deleted).

    Recorded by ``clocks_recompute_cases`` for the month of every deadline in force it
    touches, before and after (both months an instant can fall in, whatever a site's
    time zone). Whoever keeps monthly aggregates of clocks deletes the row once it has
    recomputed that month; a row that already exists is left as it is (no lock taken).
    """

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))

    class Meta:
        verbose_name = _("changed clock month")
        verbose_name_plural = _("changed clock months")
        constraints = [
            models.UniqueConstraint(
                fields=("scheme", "year", "month"), name="clock_month_change_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme_id} {self.year:04d}-{self.month:02d}"


class MotiveFact(models.TextChoices):
    """The motive's facts that decide a clock; each is also the motive's column."""

    BILLING = "billing", _("about a bill")


class MotiveFactChange(ChainedModel):
    """One change of a motive's fact, effective from ``effective_at``; never updated.

    Written only by ``cases.motive_facts.motive_fact_set``, with the motive's column in
    the same transaction. Values are text in the fact's canonical form ("true",
    "false"); ``late_recorded``: the change took effect before it was recorded.
    """

    motive = models.ForeignKey(
        Motive, on_delete=models.PROTECT, related_name="fact_changes", db_index=False
    )
    fact = models.CharField(_("fact"), max_length=32, choices=MotiveFact.choices)
    value = models.CharField(_("value"), max_length=64)
    previous = models.CharField(_("previous value"), max_length=64)
    effective_at = models.DateTimeField(_("effective from"))
    recorded_at = models.DateTimeField(_("recorded at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason for the change"))
    late_recorded = models.BooleanField(_("late-recorded"), default=False)

    objects: ClassVar[AppendOnlyQuerySet[MotiveFactChange]] = AppendOnlyQuerySet.as_manager()  # type: ignore[assignment]

    chain_field = "motive"
    chain_locked_by_writer = True  # motive_fact_set holds the motive's row lock

    class Meta:
        verbose_name = _("motive fact change")
        verbose_name_plural = _("motive fact changes")
        ordering = ("motive", "fact", "effective_at", "pk")
        constraints = [chain_unique(name="motive_fact_change_chain", field="motive")]
        indexes = [
            models.Index(fields=("motive", "fact", "effective_at"), name="motive_fact_change_at"),
        ]

    def __str__(self) -> str:
        return f"{self.fact}={self.value} from {self.effective_at:%Y-%m-%d %H:%M}"
