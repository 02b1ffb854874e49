"""Why a contract-acceptance operation (T4.7) or a distributor's request was refused."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy

from pacte.core.errors import error_texts


class ContractError(StrEnum):
    NOT_ALLOWED = "acceptance_not_allowed"
    NOT_ACCEPTANCE = "not_an_acceptance_case"
    CONTRACT_KIND_INVALID = "acceptance_contract_kind_invalid"
    BLOCKING_REQUIRED = "acceptance_blocking_required"
    NEEDED_REQUIRED = "acceptance_needed_required"
    NO_MOTIVE = "acceptance_motive_missing"
    DISTRIBUTOR_NOT_YOURS = "distributor_not_yours"
    DISTRIBUTOR_REQUIRED = "distributor_required"
    CUSTOMER_NOT_OF_SHOP = "customer_not_of_shop"
    PARTY_INVALID = "acceptance_party_invalid"
    NO_DISTRIBUTOR = "acceptance_no_distributor"
    NOTICE_EMPTY = "acceptance_notice_empty"
    REASON_REQUIRED = "acceptance_reason_required"
    NOTICE_MISSING = "acceptance_notice_missing"
    KIND_NOT_ALLOWED = "distributor_kind_not_allowed"
    SUBJECT_REQUIRED = "distributor_subject_required"
    MESSAGE_EMPTY = "distributor_message_empty"


error_texts(
    {
        ContractError.NOT_ALLOWED: gettext_lazy("Your role may not do this."),
        ContractError.NOT_ACCEPTANCE: gettext_lazy(
            "This case is not a contract-acceptance difficulty."
        ),
        ContractError.CONTRACT_KIND_INVALID: gettext_lazy(
            "Say whether the acceptance of a subscription or of a renewal is blocked."
        ),
        ContractError.BLOCKING_REQUIRED: gettext_lazy("Say what blocks the final acceptance."),
        ContractError.NEEDED_REQUIRED: gettext_lazy("Say what is needed to solve it."),
        ContractError.NO_MOTIVE: gettext_lazy(
            "No motive “%(motive)s” exists for contract-acceptance cases: ask an administrator."
        ),
        ContractError.DISTRIBUTOR_NOT_YOURS: gettext_lazy("This point of sale is not yours."),
        ContractError.DISTRIBUTOR_REQUIRED: gettext_lazy("Choose your point of sale."),
        ContractError.CUSTOMER_NOT_OF_SHOP: gettext_lazy(
            "No customer of your point of sale has this customer number."
        ),
        ContractError.PARTY_INVALID: gettext_lazy(
            "A notice goes to the customer or to the distributor."
        ),
        ContractError.NO_DISTRIBUTOR: gettext_lazy(
            "The case has no distributor: record why the distributor cannot be informed."
        ),
        ContractError.NOTICE_EMPTY: gettext_lazy("A notice needs its content."),
        ContractError.REASON_REQUIRED: gettext_lazy("Write why the notice cannot be sent."),
        ContractError.NOTICE_MISSING: gettext_lazy(
            "The case cannot be closed yet, a notice is missing: %(party)s. Record it, or "
            "why it cannot be sent."
        ),
        ContractError.KIND_NOT_ALLOWED: gettext_lazy(
            "A point of sale files requests and contract-acceptance difficulties only."
        ),
        ContractError.SUBJECT_REQUIRED: gettext_lazy("A request needs a subject."),
        ContractError.MESSAGE_EMPTY: gettext_lazy("A message needs a text."),
    }
)
