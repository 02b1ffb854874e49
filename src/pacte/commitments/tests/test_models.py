from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from pacte.commitments.models import Commitment, DeadlineRule, Domain, SchemeVersion

pytestmark = pytest.mark.django_db


def test_commitment_domain_must_belong_to_its_version(telecom):
    # given a domain of the other scheme
    foreign = Domain.objects.get(version__scheme__code="nf-x50-798", number=1)
    commitment = Commitment.objects.get(version=telecom, code="T1.1")
    commitment.domain = foreign
    # when / then
    with pytest.raises(ValidationError) as refused:
        commitment.full_clean()
    assert "domain" in refused.value.message_dict


def test_commitment_with_its_own_domain_is_valid(telecom):
    Commitment.objects.get(version=telecom, code="T1.1").full_clean()


def test_names(telecom):
    commitment = Commitment.objects.get(version=telecom, code="T6.3")
    rule = DeadlineRule.objects.filter(commitment=commitment).order_by("channel").first()
    assert str(telecom.scheme) == "telecom-2004"
    assert str(SchemeVersion.objects.get(pk=telecom.pk)) == "telecom-2004 v1"
    assert str(commitment.domain) == "6. A constant pursuit of customer satisfaction"
    assert str(commitment).startswith("T6.3 An answer within 5 business days")
    assert str(commitment.requirements.first()) == "T6.3-R1"
    assert str(commitment.indicators.first()) == "T6.3-a"
    assert str(rule) == "T6.3 email/complaint"
    t62 = DeadlineRule.objects.get(commitment__version=telecom, commitment__code="T6.2")
    assert str(t62) == "T6.2 */*"
