"""Building a pack: both files read back, progress saved, failures kept, the worker runs it."""

from __future__ import annotations

import pytest
from django.utils import translation

from pacte.cases.models import Clock
from pacte.compliance.closing import month_close
from pacte.compliance.indicators import Reason, Verdict
from pacte.compliance.selectors import indicator_verdicts
from pacte.compliance.tests.conftest import indicator, telecom_version
from pacte.conftest import Cast
from pacte.core.errors import NotFoundError, PacteError
from pacte.evidence import building
from pacte.evidence.models import EvidenceEvent, EvidencePack, PackStatus
from pacte.evidence.pdf import pdf_bytes
from pacte.evidence.services import evidence_pack_request, pack_build
from pacte.evidence.tasks import evidence_pack_build_task
from pacte.evidence.tests.conftest import APRIL, March
from pacte.evidence.tests.helpers import (
    pack_pdf_text,
    pack_workbook,
    sample_rows,
    summary_rows,
    summary_values,
)

pytestmark = pytest.mark.django_db


def request(cast: Cast, *, seed: int | None = 4242, size: int = 3, user=None) -> EvidencePack:
    return evidence_pack_request(
        scheme_code="telecom-2004",
        year=2026,
        month=3,
        sample_size=size,
        seed=seed,
        requested_by=user or cast.auditor,
    )


def built(cast: Cast, **kwargs) -> EvidencePack:
    pack = request(cast, **kwargs)
    evidence_pack_build_task.call(pack.pk)
    pack.refresh_from_db()
    return pack


def test_request_queues_a_pack_and_records_the_request(
    cast: Cast, march, april, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        pack = request(cast, seed=None)
    assert pack.status == PackStatus.QUEUED
    assert pack.requested_at == APRIL
    assert pack.closing is None
    assert 0 <= pack.seed < 10**9  # drawn
    (event,) = EvidenceEvent.objects.filter(pack=pack)
    assert (event.kind, event.actor, event.details["seed"]) == (
        "requested",
        cast.auditor,
        pack.seed,
    )
    assert len(callbacks) == 1  # the build is enqueued on commit


@pytest.mark.parametrize("role", ["agent", "supervisor", "customer_user", "distributor_user"])
def test_only_evidence_roles_may_request(cast: Cast, march, april, role):
    with pytest.raises(NotFoundError):
        request(cast, user=cast.by_role_name(role))
    assert not EvidencePack.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"size": 0}, "bad_sample_size"),
        ({"size": 501}, "bad_sample_size"),
        ({"seed": -1}, "bad_seed"),
        ({"seed": 2**53}, "bad_seed"),
    ],
)
def test_bad_size_or_seed_is_refused(cast: Cast, april, kwargs, code):
    with pytest.raises(PacteError) as refused:
        request(cast, **kwargs)
    assert refused.value.code == code
    assert not EvidencePack.objects.exists()


def test_unknown_scheme_is_refused(cast: Cast, april):
    with pytest.raises(PacteError) as refused:
        evidence_pack_request(
            scheme_code="nope", year=2026, month=3, sample_size=3, seed=1, requested_by=cast.auditor
        )
    assert refused.value.code == "unknown_scheme"
    # said with the scheme it names, in the reader's language
    with translation.override("fr"):
        said = refused.value.text
        assert said == "Aucun référentiel «\u00a0nope\u00a0» n\u2019a de version active."
    with translation.override("en"):
        assert refused.value.text == "No scheme “nope” with an active version."


WITH_DATA = [
    "T1.1",
    "T1.2",
    "T1.3",
    "T1.4",
    "T1.5",
    "T2.1",
    "T3.1",
    "T3.3",
    "T4.3",
    "T4.5",
    "T4.6",
    "T4.7",
    "T5.2",
    "T6.2",
    "T6.3",
    "T6.5",
    "T6.6",
    "T6.7",
]


def test_xlsx_has_a_summary_and_a_sheet_per_commitment(cast: Cast, march: March, april):
    pack = built(cast)
    assert pack.status == PackStatus.DONE
    assert pack.progress == 100
    book = pack_workbook(pack)
    # a sheet per commitment with data (the evaluations, surveys... have none yet)
    assert book.sheetnames == ["Summary", *WITH_DATA]
    head = summary_values(book["Summary"])
    assert head["Seed"] == "4242"
    assert head["Month"] == "March 2026"
    assert head["Sample size (per indicator)"] == 3
    assert head["Closing"].startswith("not closed")
    t31 = summary_rows(book["Summary"])["T3.1-a"]
    assert t31[3:6] == (4, 9, 44.44)  # numerator, denominator, rate
    assert t31[7] == "no"  # target 95 % not met
    assert summary_rows(book["Summary"])["T2.2-a"][8].startswith("quality evaluations (call")


def test_xlsx_sample_rows_match_the_compliance_verdicts(cast: Cast, march: March, april):
    pack = built(cast, size=50)
    rows = sample_rows(pack_workbook(pack)["T3.1"])
    verdicts = {
        clock.pk: (clock.verdict, clock.reason_code)
        for clock in indicator_verdicts(
            indicator=indicator("T3.1-a"), year=2026, month=3, now=APRIL
        )
    }
    assert len(rows) == 9
    for row in rows:
        code, kind, item_id, case_id, reference, channel, *_, verdict, reason, late, key = row
        assert len(key) == 64
        assert late is None  # no event of these cases was recorded late
        assert (code, kind, channel) == ("T3.1-a", _kind_text("clock"), "Email")
        assert (verdict, reason) == (
            _verdict_text(verdicts[item_id][0]),
            _reason_text(verdicts[item_id][1]),
        )
        assert reference == f"P{case_id:08d}"
    assert sample_rows(pack_workbook(pack)["T6.3"]) == []


def _reason_text(code: str) -> str:
    with translation.override("en"):
        return str(Reason(code).label)


def _verdict_text(code: str) -> str:
    with translation.override("en"):
        return str(Verdict(code).label)


def _kind_text(kind: str) -> str:
    with translation.override("en"):
        return str(Clock._meta.verbose_name).capitalize()


def test_pdf_shows_seed_seal_indicators_and_sample_cases(cast: Cast, march: March, april):
    # given March closed
    closing = month_close(
        scheme_version=telecom_version(), year=2026, month=3, actor=cast.quality_manager, now=APRIL
    )
    pack = built(cast, size=50)
    assert pack.closing == closing
    text = pack_pdf_text(pack)
    assert "4242" in text
    assert closing.seal[:16] in text.replace("\n", "")
    for code in ("T3.1-a", "T3.3-a", "T5.2-b", "T6.3-a"):
        assert code in text
    for case in march.cases:
        assert case.reference in text
    assert "12-month trend" in text


def test_xlsx_of_a_closed_month_prints_the_seals(cast: Cast, march: March, april):
    closing = month_close(
        scheme_version=telecom_version(), year=2026, month=3, actor=cast.quality_manager, now=APRIL
    )
    head = summary_values(pack_workbook(built(cast))["Summary"])
    assert head["Seal (SHA-256)"] == closing.seal
    assert head["Previous seal"] == "none (first closing)"


def test_build_saves_progress_as_it_goes(cast: Cast, march: March, april, monkeypatch):
    seen: list[tuple[str, int, str]] = []

    def spy(contents):
        stored = EvidencePack.objects.get()
        seen.append((stored.status, stored.progress, stored.step))
        return pdf_bytes(contents)

    monkeypatch.setattr(building, "pdf_bytes", spy)
    pack = built(cast)
    assert seen == [("running", 75, "pdf")]
    assert (pack.status, pack.progress, pack.step) == ("done", 100, "done")
    kinds = list(EvidenceEvent.objects.filter(pack=pack).values_list("kind", flat=True))
    assert kinds == ["requested", "started", "built"]


def test_a_failed_build_is_recorded_with_its_reason(cast: Cast, march: March, april, monkeypatch):
    def broken(contents):
        raise RuntimeError("disk full")

    monkeypatch.setattr(building, "workbook_bytes", broken)
    pack = built(cast)
    assert pack.status == PackStatus.FAILED
    assert pack.error == "RuntimeError: disk full"
    assert pack.progress == 65
    assert pack.finished_at == APRIL
    failed = EvidenceEvent.objects.get(pack=pack, kind="failed")
    assert failed.details == {"error": "RuntimeError: disk full"}


@pytest.mark.parametrize(("year", "month"), [(2000, 1), (2100, 12)])
def test_packs_of_the_first_and_last_supported_months_are_built(
    cast: Cast, april, year: int, month: int
):
    # given a pack requested for the first (or last) month of the supported years
    pack = evidence_pack_request(
        scheme_code="telecom-2004",
        year=year,
        month=month,
        sample_size=3,
        seed=1,
        requested_by=cast.auditor,
    )
    # when the worker builds it
    evidence_pack_build_task.call(pack.pk)
    # then it is built: the trend keeps to the supported years (2000-01 has no 1999)
    pack.refresh_from_db()
    assert (pack.status, pack.error) == (PackStatus.DONE, "")
    assert "12-month trend" in pack_pdf_text(pack)


def test_a_pack_no_longer_queued_is_not_built_twice(cast: Cast, march: March, april):
    pack = built(cast)
    again = pack_build(pack=pack)
    assert again.status == PackStatus.DONE
    assert EvidenceEvent.objects.filter(pack=pack, kind="started").count() == 1


def test_a_sealed_no_data_reason_is_said_in_the_pack_language(cast: Cast, march: March, april):
    # given March closed by a worker running in French (its snapshot keeps French words)
    with translation.override("fr"):
        month_close(
            scheme_version=telecom_version(),
            year=2026,
            month=3,
            actor=cast.quality_manager,
            now=APRIL,
        )
    # when an auditor working in English asks for the pack
    rows = summary_rows(pack_workbook(built(cast))["Summary"])
    # then the reason is in English, in the user's terms
    assert rows["T2.2-a"][8].startswith("quality evaluations (call listening")
