"""A stored message becomes a case or a follow-up, in one transaction.

``inbound_parse`` locks the message row and files it only from the status it expects,
so a second run (a rerun after a crash, a second worker) finds it parsed and does
nothing; and a case's source message is unique in the database
(``mail_inbound_case_source``), so a second case cannot be opened from one message.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from django.db import transaction

from pacte.cases.messages import case_customer_message
from pacte.cases.models import Case
from pacte.cases.services import case_open
from pacte.core import clock
from pacte.core.errors import PacteError
from pacte.core.vocabulary import CaseKind, Channel
from pacte.customers.models import Customer
from pacte.intake.files import attachment_store
from pacte.intake.models import Attachment, ChannelRoute
from pacte.intake.routing import route_for
from pacte.intake.senders import customer_for_mail_sender, customer_unidentified
from pacte.mail.errors import MailError
from pacte.mail.followups import FollowUp, follow_up_routed
from pacte.mail.models import InboundMessage, InboundStatus, OutboundMessage
from pacte.mail.outbound import outbound_acknowledge
from pacte.mail.parsing import ParsedMessage, Unparsable, parse_message

CASE_REFERENCE = re.compile(r"\bP(\d{8})\b")
NO_SUBJECT = "(no subject)"
logger = logging.getLogger(__name__)


def thread_case(parsed: ParsedMessage, customer: Customer | None) -> Case | None:
    """The case this message follows up, if any.

    1. In-Reply-To, then References (newest first), matching a message Pacte sent on
       a case (any sender: our Message-IDs are random) or a message this customer sent
       on a case;
    2. else a case reference ``P00001234`` in the subject, of a case of this customer.

    A message from an unknown sender (``customer`` None) follows up only our messages.
    """
    wanted = [ref for ref in [parsed.in_reply_to, *reversed(parsed.references)] if ref]
    if wanted:
        found: dict[str, int] = {}
        ours = OutboundMessage.objects.filter(message_id__in=wanted).values_list(
            "message_id", "case_id"
        )
        theirs = (
            InboundMessage.objects.filter(
                message_id__in=wanted, customer=customer, case__isnull=False
            ).values_list("message_id", "case_id")
            if customer is not None
            else []
        )
        for message_id, case_id in [*theirs, *ours]:
            if case_id is not None:
                found[message_id] = case_id
        for ref in wanted:
            if ref in found:
                return Case.objects.get(pk=found[ref])
    for number in CASE_REFERENCE.findall(parsed.subject) if customer is not None else []:
        case = Case.objects.filter(pk=int(number), customer=customer).first()
        if case is not None:
            return case
    return None


def _kept(inbound: InboundMessage) -> dict[str, Attachment]:
    """The files a quarantined attempt already stored, by part path (kept for a retry)."""
    by_id = {attachment.pk: attachment for attachment in inbound.attachments.all()}
    return {
        str(entry["path"]): by_id[entry["attachment"]]
        for entry in inbound.parts
        if entry.get("attachment") in by_id
    }


def _store_parts(
    inbound: InboundMessage, parsed: ParsedMessage
) -> tuple[list[Attachment], list[dict[str, Any]]]:
    """Store every file part (or reuse what a quarantined attempt stored) and write the
    message's list of parts: each one body, alternative, stored or refused."""
    kept = _kept(inbound)
    stored: list[Attachment] = []
    refused: list[dict[str, Any]] = []
    entries = [dict(entry) for entry in parsed.listed]
    for part in parsed.attachments:
        entry: dict[str, Any] = {
            "path": part.path,
            "type": part.declared_type,
            "name": part.name[:255],
            "size": len(part.content),
            "inline": part.inline,
        }
        if part.inside:
            entry["inside"] = list(part.inside)
        attachment = kept.get(part.path)
        try:
            if attachment is None:
                with transaction.atomic():
                    attachment = attachment_store(
                        name=part.name,
                        content=part.content,
                        channel=Channel.EMAIL,
                        declared_type=part.declared_type,
                    )
        except PacteError as error:
            refusal = {
                "name": part.name[:255],
                "size": len(part.content),
                "code": str(error.code),
                "reason": error.message,
            }
            refused.append(refusal)
            entries.append(entry | {"outcome": "refused", **refusal})
            continue
        stored.append(attachment)
        entries.append(entry | {"outcome": "stored", "attachment": attachment.pk})
    inbound.parts = sorted(entries, key=lambda item: _path_key(str(item["path"])))
    inbound.attachments.set(stored)
    inbound.refused_attachments = refused
    return stored, refused


def _path_key(path: str) -> tuple[int, ...]:
    return tuple(int(number) for number in path.split(".") if number.isdigit())


def _refusal_lines(refused: list[dict[str, Any]]) -> str:
    return "\n".join(f"[Attachment not stored: {item['reason']}]" for item in refused)


def _email_route() -> ChannelRoute:
    try:
        return route_for(Channel.EMAIL)
    except PacteError as error:
        raise Unparsable(MailError.NO_ROUTE, error.message) from error


def _sender_customer(parsed: ParsedMessage) -> Customer | None:
    if not parsed.from_address:
        return None
    try:
        customer, _created = customer_for_mail_sender(parsed.from_address, name=parsed.from_name)
    except PacteError as error:
        raise Unparsable(MailError.BAD_SENDER, error.message) from error
    return customer


def _file(inbound: InboundMessage, parsed: ParsedMessage) -> None:
    """Find or create the customer, then follow up a case or open one. A message whose
    sender could not be read opens a case for an unidentified customer, on the route's
    team, for an agent to match."""
    customer = _sender_customer(parsed)
    # The case followed up, else the route a new case takes (checked before any file
    # is written).
    target: Case | ChannelRoute = thread_case(parsed, customer) or _email_route()
    received_at = min(inbound.received_at, clock.now())
    stored, refused = _store_parts(inbound, parsed)
    text = "\n\n".join(part for part in [parsed.text, _refusal_lines(refused)] if part)
    created = isinstance(target, ChannelRoute)
    if isinstance(target, ChannelRoute):
        if customer is None:
            customer = customer_unidentified(name=parsed.from_name or parsed.from_header)
        case = case_open(
            customer=customer,
            channel=Channel.EMAIL,
            kind=CaseKind(target.kind),
            motive=target.motive,
            subject=parsed.subject or NO_SUBJECT,
            received_at=received_at,
            team=target.team,
            description=text,
        )
    elif (
        routed := follow_up_routed(
            FollowUp(case=target, subject=parsed.subject, text=text, received_at=received_at)
        )
    ) is not None:
        # e.g. an appeal written in reply to a complaint's answer (complaints app)
        case, created = routed, True
        customer = customer or case.customer
    else:
        case = target
        customer = customer or case.customer
        case_customer_message(
            case=case,
            at=received_at,
            channel=Channel.EMAIL,
            body=text,
            data={
                "inbound_email": inbound.pk,
                "message_id": parsed.message_id,
                "attachments": [attachment.pk for attachment in stored],
                "refused_attachments": refused,
            },
        )
    for attachment in stored:
        attachment.case = case
        attachment.save(update_fields=["case"])
    inbound.customer, inbound.case, inbound.created_case = customer, case, created
    inbound.status = InboundStatus.PARSED


def _copy_headers(inbound: InboundMessage, parsed: ParsedMessage) -> None:
    inbound.from_address = parsed.from_address[:320]
    inbound.from_name = parsed.from_name
    inbound.from_header = parsed.from_header
    inbound.subject = parsed.subject
    inbound.message_id = parsed.message_id
    inbound.in_reply_to = parsed.in_reply_to
    inbound.references = " ".join(parsed.references)


def _quarantine(
    inbound: InboundMessage, code: str, reason: str, parsed: ParsedMessage | None
) -> None:
    """Quarantine with the reason; the parts of a message that could be read are kept
    (stored, no case yet) for the retry."""
    inbound.status = InboundStatus.QUARANTINED
    inbound.reason_code, inbound.reason = code[:40], reason
    inbound.customer, inbound.case, inbound.created_case = None, None, False
    if parsed is None:
        inbound.parts, inbound.refused_attachments = [], []
        inbound.attachments.clear()
        return
    _copy_headers(inbound, parsed)
    _store_parts(inbound, parsed)


def inbound_parse(*, inbound_id: int, retry: bool = False) -> InboundMessage:
    """File a stored message (status received; quarantined too when ``retry``).

    One transaction holding the message's row lock: the case opened or the follow-up
    recorded, the attachments stored, the acknowledgement queued, the status set. A
    message that cannot be filed is quarantined with its reason instead (and whatever
    the attempt wrote is rolled back).
    """
    allowed = {InboundStatus.RECEIVED} | ({InboundStatus.QUARANTINED} if retry else set())
    with transaction.atomic():
        inbound = InboundMessage.objects.select_for_update().get(pk=inbound_id)
        if inbound.status not in allowed:
            return inbound
        inbound.reason_code, inbound.reason = "", ""
        parsed: ParsedMessage | None = None
        try:
            parsed = parse_message(bytes(inbound.raw))
        except Unparsable as verdict:
            _quarantine(inbound, str(verdict.code), verdict.reason, None)
        if parsed is not None:
            _file_or_quarantine(inbound, parsed)
        inbound.parsed_at = clock.now()
        inbound.save()
        # An auto-reply or a bounce is filed like any message, but never acknowledged
        # (answering a robot can start a mail loop); nor is a message without a sender.
        if (
            inbound.created_case
            and inbound.case is not None
            and parsed is not None
            and not parsed.automatic
            and parsed.from_address
        ):
            outbound_acknowledge(case=inbound.case)
    return inbound


def _file_or_quarantine(inbound: InboundMessage, parsed: ParsedMessage) -> None:
    try:
        with transaction.atomic():
            _copy_headers(inbound, parsed)
            _file(inbound, parsed)
    except Unparsable as verdict:
        _quarantine(inbound, str(verdict.code), verdict.reason, parsed)
    except PacteError as refused:
        _quarantine(inbound, str(refused.code), refused.message, parsed)
    except Exception as error:
        # A defect of ours must not block the mailbox: the message waits, quarantined.
        logger.exception("inbound email %s could not be filed", inbound.pk)
        _quarantine(inbound, MailError.INTERNAL, f"{type(error).__name__}: {error}", parsed)
