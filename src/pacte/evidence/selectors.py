"""Who may use evidence packs, and permission-checked reads of them.

The auditor, the quality manager and the administrator request and read packs (every
pack, whoever requested it); for anyone else the packs do not exist (NotFoundError).
"""

from __future__ import annotations

from django.db.models import QuerySet

from pacte.compliance.models import ClosingStatus, MonthClosing
from pacte.core.errors import NotFoundError
from pacte.core.models import User
from pacte.core.permissions import Action, require
from pacte.evidence.errors import EvidenceError
from pacte.evidence.models import EvidencePack


def require_evidence_user(user: User) -> None:
    """NotFoundError for anyone but the auditor, quality manager and administrator."""
    require(user, Action.EVIDENCE_USE, NotFoundError(EvidenceError.NOT_FOUND, "No such page."))


def pack_list(*, user: User, limit: int = 50) -> QuerySet[EvidencePack]:
    """The latest packs, newest first, with what their list row shows (one query)."""
    require_evidence_user(user)
    packs = EvidencePack.objects.select_related(
        "scheme_version__scheme", "requested_by", "closing"
    ).order_by("-requested_at", "-pk")
    return packs[:limit]


def access_pack(*, user: User, pack_id: int) -> EvidencePack:
    """The pack ``pack_id`` if the user may read it; NotFoundError otherwise."""
    require_evidence_user(user)
    pack = (
        EvidencePack.objects.select_related("scheme_version__scheme", "requested_by", "closing")
        .filter(pk=pack_id)
        .first()
    )
    if pack is None:
        raise NotFoundError(EvidenceError.NOT_FOUND, "No such evidence pack.")
    return pack


def active_closing(*, scheme_id: int, year: int, month: int) -> MonthClosing | None:
    """The month's closing with status closed, if any."""
    return MonthClosing.objects.filter(
        scheme_id=scheme_id, year=year, month=month, status=ClosingStatus.CLOSED
    ).first()
