"""Public holidays as data, from the ``holidays`` package.

``FR`` is the French national list; ``FR-AM`` (Alsace-Moselle, départements 57, 67
and 68, which share the same local law) adds Good Friday and 26 December;
``none`` has no public holidays, for a site that only keeps its local closures.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays

#: The ``holidays`` subdivision used for Alsace-Moselle (Moselle, same list as 67 and 68).
ALSACE_MOSELLE_SUBDIVISION = "57"

SOURCES = ("FR", "FR-AM", "none")

#: Years whose public holidays a calendar spec holds: wide enough for any receipt
#: and deadline the service will see (the ``holidays`` package knows them all).
HOLIDAY_YEARS = range(1990, 2081)


@lru_cache(maxsize=32)
def public_holidays(source: str, years: range) -> frozenset[date]:
    """The public holidays of ``source`` (``FR``, ``FR-AM`` or ``none``) in ``years``.

    Raises ``ValueError`` for an unknown source. The result is cached per process:
    the list depends only on the installed ``holidays`` package.
    """
    if source == "none":
        return frozenset()
    if source == "FR":
        found = holidays.country_holidays("FR", years=years, language="fr")
    elif source == "FR-AM":
        found = holidays.country_holidays(
            "FR", subdiv=ALSACE_MOSELLE_SUBDIVISION, years=years, language="fr"
        )
    else:
        raise ValueError(f"unknown public-holiday source {source!r}; expected one of {SOURCES}")
    return frozenset(found.keys())
