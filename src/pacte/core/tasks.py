"""Background jobs of the core: the nightly walk of every hash chain."""

from __future__ import annotations

import logging

from django_tasks import task

from pacte.core.chain import chains_verify_all

logger = logging.getLogger(__name__)


@task()
def trail_verify_task() -> int:
    """Walk every chain (``manage.py verify_trail``); log each break; the breaks' count."""
    report = chains_verify_all()
    for broken in report.breaks:
        logger.error("trail broken: %s", broken)
    logger.info("trail: %s row(s) in %s chain(s) walked", report.rows, report.chains)
    return len(report.breaks)
