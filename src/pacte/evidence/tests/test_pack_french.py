"""A pack asked for in French reads as French: labels, not codes; decimal commas;
French dates; a count indicator (T1.1 counts channels) never shown as a percentage."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import time_machine
from django.utils import translation

from pacte.access.tests.builders import page_build, publish_at
from pacte.conftest import Cast, paris
from pacte.evidence.models import EvidencePack, PackStatus
from pacte.evidence.services import evidence_pack_request
from pacte.evidence.tasks import evidence_pack_build_task
from pacte.evidence.tests.conftest import APRIL, March
from pacte.evidence.tests.helpers import (
    pack_pdf_text,
    pack_workbook,
    sample_rows,
    summary_values,
)

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"
CODES = ("pass", "fail", "excluded", "queuevisit", "channel_published", "clock", "email")


@pytest.fixture
def april_in_french() -> Iterator[datetime]:
    with time_machine.travel(APRIL, tick=False), translation.override("fr"):
        yield APRIL


@pytest.fixture
def french_pack(cast: Cast, march: March, april_in_french: datetime) -> EvidencePack:
    # given an access page with four channels published in February, and March's requests
    page_build(cast.administrator)
    publish_at(cast.administrator, paris(2026, 2, 20, 10))
    # when an auditor working in French asks for March's pack
    pack = evidence_pack_request(
        scheme_code="telecom-2004",
        year=2026,
        month=3,
        sample_size=50,
        seed=7,
        requested_by=cast.auditor,
    )
    evidence_pack_build_task.call(pack.pk)
    pack.refresh_from_db()
    assert (pack.status, pack.language) == (PackStatus.DONE, "fr")
    return pack


def _summary(sheet: Any) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The summary table's headers and its cells by indicator, with number formats."""
    rows = list(sheet.iter_rows())
    start = next(i for i, row in enumerate(rows) if row[0].value == "Engagement")
    headers = [str(cell.value) for cell in rows[start] if cell.value]
    table = {}
    for row in rows[start + 1 :]:
        if row[1].value:
            table[row[1].value] = {h: row[i] for i, h in enumerate(headers)}
    return headers, table


def test_xlsx_in_french_has_labels_units_and_numbers(french_pack: EvidencePack):
    book = pack_workbook(french_pack)
    assert book.sheetnames[0] == "Résumé"
    head = summary_values(book["Résumé"])
    assert head["Mois"] == "mars 2026"
    assert head["Généré le"] == APRIL.replace(tzinfo=None)  # an Excel date (Paris time)...
    headers, table = _summary(book["Résumé"])
    assert "Résultat" in headers
    assert "Rate (%)" not in headers
    # ... shown day first
    generated = next(c for c in book["Résumé"]["B"] if c.value == head["Généré le"])
    assert generated.number_format == "dd/mm/yyyy hh:mm"
    # a rate stays a number, shown with its percent sign; its target too, with the bound
    t31 = table["T3.1-a"]
    assert t31["Résultat"].value == pytest.approx(44.44)
    assert t31["Résultat"].number_format == f'0.00"{NBSP}%"'
    assert t31["Cible"].number_format == f'"≥{NBSP}"0.00"{NBSP}%"'
    assert t31["Tenu"].value == "non"
    assert t31["Unité"].value == "pourcentage"
    # the channel count is a whole number, with no percent sign anywhere
    t11 = table["T1.1-a"]
    assert (t11["Résultat"].value, t11["Cible"].value) == (4, 4)
    assert t11["Résultat"].number_format == "0"
    assert t11["Cible"].number_format == f'"≥{NBSP}"0'
    assert t11["Unité"].value == "nombre"
    # an indicator without data says what Pacte does not record, in French
    reason = table["T2.2-a"]["Pas de données"].value
    assert reason.startswith("les évaluations qualité (écoutes d")
    assert "source de données" not in reason


def test_xlsx_sample_rows_in_french_are_labels_not_codes(french_pack: EvidencePack):
    book = pack_workbook(french_pack)
    rows = sample_rows(book["T3.1"])
    assert len(rows) == 9
    kinds = {row[1] for row in rows}
    channels = {row[5] for row in rows}
    verdicts = {row[8] for row in rows}
    reasons = {row[9] for row in rows}
    assert kinds == {"Délai suivi"}
    assert channels == {"E-mail"}
    assert verdicts == {"Conforme", "Non conforme"}
    assert not reasons & set(CODES)
    access = sample_rows(book["T1.1"])
    assert {row[1] for row in access} == {"Canal publié"}
    assert {row[9] for row in access} == {"Le canal est publié sur la page d\u2019accès."}
    for sheet in book.worksheets[1:]:
        for row in sample_rows(sheet):
            assert not set(row[1:10]) & set(CODES), row


def test_pdf_in_french_has_labels_commas_and_no_count_as_percent(french_pack: EvidencePack):
    text = pack_pdf_text(french_pack)
    flat = re.sub(r"\s+", " ", text.replace(NBSP, " "))
    assert "mars 2026" in flat
    assert "15 avril 2026 12:00" in flat
    # a rate with a decimal comma and its target
    assert "44,44 %" in flat
    assert "≥ 95,00 %" in flat
    assert "44.44" not in flat
    # T1.1 counts channels: "4" against "≥ 4", never a percentage
    assert "T1.1-a — ≥ 4" in flat
    assert "4,00 %" not in flat
    assert "4.00 %" not in flat
    # sample: labels and French dates
    assert "Délai suivi n° " in flat
    assert "Canal publié n° " in flat
    assert "Conforme" in flat
    assert "E-mail" in flat
    assert "09/03/2026 09:00" in flat
    for code in (" pass ", " fail ", "queuevisit", "channel_published", " clock #"):
        assert code not in flat
    assert "source de données" not in flat
    assert "Les évaluations qualité (écoutes d" in flat
