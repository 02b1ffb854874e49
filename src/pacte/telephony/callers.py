"""Who is calling: caller numbers normalised, and the customer a number belongs to.

French numbers arrive from the ACD as ``+33 6 12 34 56 78``, ``0033612345678`` or
``06.12.34.56.78``; they are normalised to E.164 (``+33612345678``). Other
international numbers (``+44…``, ``0044…``) become ``+44…``; short numbers (``222``)
stay as dialled. A withheld number ("anonymous", "restricted", letters) becomes "".

A number belongs to a customer when it is the customer's ``phone`` or the ``msisdn``
of a line of one of the customer's accounts. Stored numbers are compared in their
usual written forms (E.164, ``00`` prefix, national with or without spaces or dots),
so a customer whose phone was typed ``06 12 34 56 78`` is still found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q

from pacte.customers.models import Customer

_SEPARATORS = re.compile(r"[\s.\-()/]")
NUMBER_LENGTH = 32


class CustomerMatch(StrEnum):
    NONE = "none"
    ONE = "one"
    SEVERAL = "several"


@dataclass(frozen=True, slots=True)
class CallerMatch:
    """The customer of a caller number (None unless exactly one matches) and how it went."""

    customer: Customer | None
    match: CustomerMatch


def number_normalise(raw: str) -> str:
    """The caller number in E.164 for French and international numbers; "" if withheld."""
    text = _SEPARATORS.sub("", raw or "")
    if text.startswith("+"):
        digits = text[1:]
        return f"+{digits}" if digits.isdigit() else ""
    if not text.isdigit():
        return ""
    if text.startswith("00"):
        return f"+{text[2:]}"
    if len(text) == 10 and text.startswith("0"):
        return f"+33{text[1:]}"
    if len(text) == 11 and text.startswith("33"):
        return f"+{text}"
    return text[:NUMBER_LENGTH]


def number_variants(number: str) -> list[str]:
    """The written forms a stored phone number of ``number`` (normalised) may have."""
    if not number.startswith("+"):
        return [number] if number else []
    variants = [number, f"00{number[1:]}"]
    if number.startswith("+33") and len(number) == 12:
        national = f"0{number[3:]}"
        pairs = [national[i : i + 2] for i in range(0, 10, 2)]
        spaced_e164 = f"+33 {number[3]} " + " ".join(pairs[1:])
        variants += [national, " ".join(pairs), ".".join(pairs), spaced_e164]
    return variants


def caller_customer(*, number: str) -> CallerMatch:
    """The one customer whose phone or line is ``number`` (normalised), if exactly one."""
    variants = number_variants(number)
    if not variants:
        return CallerMatch(None, CustomerMatch.NONE)
    matches = list(
        Customer.objects.filter(Q(phone__in=variants) | Q(accounts__lines__msisdn__in=variants))
        .distinct()
        .order_by("pk")[:2]
    )
    if len(matches) == 1:
        return CallerMatch(matches[0], CustomerMatch.ONE)
    return CallerMatch(None, CustomerMatch.SEVERAL if matches else CustomerMatch.NONE)
