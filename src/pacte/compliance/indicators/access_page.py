"""Computations on the public access page (T1.1, T1.2, T4.5, T6.5).

Population: the access page *publication in force* at the end of the month (Paris
time), or at ``now`` while the month is running: the latest publication dated before
then. A publication is an immutable snapshot, so a past month always reads the page
as it was. Items belong to no case (``case_path`` is empty). With no publication in
force, the month has no data (``gap``), never a number.

- channels: the published channels of that publication (T1.1 counts them; T1.2 checks
  each one lists its number or address, opening hours and price, in both languages);
- the publication itself, one item: bill footer present (T1.2-b), directory service
  listed (T6.5), after-sales information listed (T4.5).
"""

from __future__ import annotations

from itertools import combinations
from typing import TypeVar

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pacte.access.models import Publication, PublishedChannel, PublishedService, ServiceKind
from pacte.commitments.models import Indicator
from pacte.compliance.indicators.base import Computation, Month, Verdict
from pacte.compliance.periods import month_bounds

# The month's end in the scheme's legal time (as for closings).
PAGE_ZONE = "Europe/Paris"
M = TypeVar("M", bound=models.Model)
NO_PUBLICATION = _("the public access page had not been published by the end of the month")


class AccessReason(models.TextChoices):
    PUBLISHED = "channel_published", _("The channel is published on the access page.")
    DOCUMENTED = "channel_documented", _("Number or address, opening hours and price listed.")
    FOOTER_PRESENT = "bill_footer_present", _("The bill footer states how to reach us.")
    FOOTER_MISSING = "bill_footer_missing", _("No bill footer text (French and English).")
    DIRECTORY_LISTED = "directory_listed", _("The directory service is listed with its number.")
    DIRECTORY_MISSING = "directory_missing", _("No directory service with a number is listed.")
    AFTER_SALES_LISTED = "after_sales_listed", _("After-sales information is published.")
    AFTER_SALES_MISSING = "after_sales_missing", _("No after-sales information is published.")


# What a channel must list, the condition that it does not, and how to name it.
PARTS: tuple[tuple[str, Q, Promise], ...] = (
    ("address", Q(address=""), _("number or address")),
    ("hours", Q(hours_fr="") | Q(hours_en=""), _("opening hours")),
    ("price", Q(price_fr="") | Q(price_en=""), _("price")),
)


def cutoff_filter(month: Month) -> Q:
    """Publications dated before the month's end (Paris), or no later than ``now``."""
    _, end = month_bounds(year=month.year, month=month.month, zone=PAGE_ZONE)
    if month.now < end:
        return Q(published_at__lte=month.now)
    return Q(published_at__lt=end)


def in_force(month: Month) -> Subquery:
    """The id of the publication in force for the month, as a subquery (no extra query)."""
    latest = Publication.objects.filter(cutoff_filter(month)).order_by("-published_at", "-pk")
    return Subquery(latest.values("pk")[:1])


def no_publication(month: Month) -> Promise | None:
    """The month's no-data reason when no publication was in force (one query)."""
    if Publication.objects.filter(cutoff_filter(month)).exists():
        return None
    return NO_PUBLICATION


def _annotated(
    items: QuerySet[M],
    branches: list[tuple[Q, str, str]],
    *,
    default: tuple[str, str],
    verdicts: dict[str, Verdict],
) -> QuerySet[M]:
    """``reason_code, ``verdict`` and ``reason`` as flat SQL CASEs (as ``base.judge``)."""

    def case(pick: int) -> Case:
        whens = [
            When(condition, then=Value((code, verdicts[code].value, text)[pick]))
            for condition, code, text in branches
        ]
        fallback = (default[0], verdicts[default[0]].value, default[1])
        return Case(*whens, default=Value(fallback[pick]), output_field=models.CharField())

    judged: QuerySet[M] = items.annotate(reason_code=case(0), verdict=case(1), reason=case(2))
    return judged


def _channels(month: Month) -> QuerySet[PublishedChannel]:
    return PublishedChannel.objects.filter(publication_id=in_force(month)).order_by("order", "pk")


def channels_published(indicator: Indicator, month: Month) -> QuerySet[PublishedChannel]:
    """T1.1: every published channel of the page in force passes; a target of unit
    ``count`` compares their number with the target."""
    reason = AccessReason.PUBLISHED
    items = _channels(month)
    judged = _annotated(
        items, [], default=(reason.value, str(reason.label)), verdicts={reason: Verdict.PASS}
    )
    return judged


def _missing_branches() -> list[tuple[Q, str, str]]:
    """One branch per set of missing parts, the largest sets first: its code lists the
    parts (``channel_missing_hours_price``) and its text names them."""
    branches = []
    for size in range(len(PARTS), 0, -1):
        for parts in combinations(PARTS, size):
            condition = Q()
            for part in parts:
                condition &= part[1]
            code = "channel_missing_" + "_".join(part[0] for part in parts)
            names = ", ".join(str(part[2]) for part in parts)
            branches.append((condition, code, _("Missing: %(parts)s.") % {"parts": names}))
    return branches


def channels_documented(indicator: Indicator, month: Month) -> QuerySet[PublishedChannel]:
    """T1.2: a published channel passes when it lists its number or address, opening
    hours and price (French and English); it fails with the missing parts named."""
    branches = _missing_branches()
    verdicts = {code: Verdict.FAIL for _, code, _ in branches}
    verdicts[AccessReason.DOCUMENTED] = Verdict.PASS
    default = (AccessReason.DOCUMENTED.value, str(AccessReason.DOCUMENTED.label))
    return _annotated(_channels(month), branches, default=default, verdicts=verdicts)


def _publication(month: Month) -> QuerySet[Publication]:
    return Publication.objects.filter(pk=in_force(month)).order_by("pk")


def _one_item(
    month: Month, present: Q, reasons: tuple[AccessReason, AccessReason]
) -> QuerySet[Publication]:
    passed, failed = reasons
    judged = _annotated(
        _publication(month),
        [(present, passed.value, str(passed.label))],
        default=(failed.value, str(failed.label)),
        verdicts={passed: Verdict.PASS, failed: Verdict.FAIL},
    )
    return judged


def bill_footer_present(indicator: Indicator, month: Month) -> QuerySet[Publication]:
    """T1.2-b: one item, the publication in force: passes when its bill footer text is
    there in French and English."""
    present = ~Q(bill_footer_fr="") & ~Q(bill_footer_en="")
    reasons = (AccessReason.FOOTER_PRESENT, AccessReason.FOOTER_MISSING)
    return _one_item(month, present, reasons)


def _service_listed(kind: ServiceKind, *, numbered: bool) -> Q:
    services = PublishedService.objects.filter(publication_id=OuterRef("pk"), kind=kind)
    if numbered:
        services = services.exclude(number="")
    return Q(Exists(services))


def directory_published(indicator: Indicator, month: Month) -> QuerySet[Publication]:
    """T6.5: one item, the publication in force: passes when it lists the directory and
    connection service with its number (222)."""
    present = _service_listed(ServiceKind.DIRECTORY, numbered=True)
    reasons = (AccessReason.DIRECTORY_LISTED, AccessReason.DIRECTORY_MISSING)
    return _one_item(month, present, reasons)


def after_sales_published(indicator: Indicator, month: Month) -> QuerySet[Publication]:
    """T4.5-a: one item, the publication in force: passes when it lists after-sales
    information."""
    present = _service_listed(ServiceKind.AFTER_SALES, numbered=False)
    reasons = (AccessReason.AFTER_SALES_LISTED, AccessReason.AFTER_SALES_MISSING)
    return _one_item(month, present, reasons)


_IN_FORCE = "The access page publication in force at the end of the month (or now) → "


def access_page_computations() -> tuple[Computation, ...]:
    """The library's access page computations: items of no case, no data without a
    publication in force."""
    return (
        Computation(
            "published_channel_count",
            _IN_FORCE + "its published channels, counted (the target is a count).",
            channels_published,
            case_path="",
            trail=("access.publishedchannel", "publication_id"),
            gap=no_publication,
        ),
        Computation(
            "access_page_channel_documented",
            _IN_FORCE + "each published channel lists its number or address, opening "
            "hours and price, in French and English.",
            channels_documented,
            case_path="",
            trail=("access.publishedchannel", "publication_id"),
            gap=no_publication,
        ),
        Computation(
            "bill_footer_access_text_present",
            _IN_FORCE + "one item: its bill footer text is present (French and English).",
            bill_footer_present,
            case_path="",
            trail=("access.publication", None),
            gap=no_publication,
        ),
        Computation(
            "directory_service_published",
            _IN_FORCE + "one item: it lists the directory service with its number (222).",
            directory_published,
            case_path="",
            trail=("access.publishedservice", "pk"),
            gap=no_publication,
        ),
        Computation(
            "after_sales_page_published",
            _IN_FORCE + "one item: it lists after-sales information.",
            after_sales_published,
            case_path="",
            trail=("access.publishedservice", "pk"),
            gap=no_publication,
        ),
    )
