"""The words a person reads for the codes the indicator library writes: a verdict, a
reason, the kind of item judged. Codes stay in the data (an auditor filters on them);
screens, exports and packs print these labels, in the active language."""

from __future__ import annotations

from django.apps import apps
from django.utils.text import capfirst

from pacte.compliance.indicators.access_page import AccessReason
from pacte.compliance.indicators.base import Reason, Verdict
from pacte.core.vocabulary import Channel

# The apps whose models are items of an indicator (a case's clock or event, a call, a
# queue visit, an announcement, the access page and its channels).
ITEM_APPS = ("cases", "telephony", "access")


def verdict_label(code: str) -> str:
    """``Pass``/``Réussi``...; an unknown code is shown as it is."""
    return str(Verdict(code).label) if code in Verdict.values else code


def reason_label(code: str) -> str:
    """The sentence that explains a reason code (of every computation)."""
    for choices in (Reason, AccessReason):
        if code in choices.values:
            return str(choices(code).label)
    return code


def item_kind_label(kind: str) -> str:
    """What an item is (``clock`` → "Tracked deadline"), from its model's verbose name."""
    for app in ITEM_APPS:
        for model in apps.get_app_config(app).get_models():
            if model._meta.model_name == kind:
                return str(capfirst(model._meta.verbose_name))
    return kind


def channel_label(code: str) -> str:
    """A contact channel's label; empty stays empty."""
    return str(Channel(code).label) if code in Channel.values else code
