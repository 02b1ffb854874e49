"""An appeal that comes by email: a reply to a complaint's answer that says it appeals.

Recognised from the customer's own words only: the subject, or the text before the
quoted message ("> " lines, "Le … a écrit :", "On … wrote:", a forwarded banner), so
that an answer quoted back (which may mention appeals itself) never makes one. A
message recognised while no appeal is possible yet (too early, already appealed, no
appeals team) stays a follow-up of the complaint, for an agent to read.
"""

from __future__ import annotations

import re
import unicodedata

from pacte.cases.models import Case
from pacte.complaints.appeals import appeal_file
from pacte.complaints.chain import APPEALABLE_KINDS
from pacte.core.errors import PacteError
from pacte.core.vocabulary import Channel
from pacte.mail.followups import FollowUp

# Said in French or English: "recours", "je fais appel", "appeal".
APPEAL_WORDS = re.compile(r"\b(recours|fais appel|faire appel|appeal|appealing)\b")
QUOTE_START = re.compile(
    r"^(>|le .{0,80} a ecrit ?:|on .{0,80} wrote:|-{2,} ?(original|message)|de ?: |from: )"
)


def _plain(text: str) -> str:
    """Lower case without accents, for matching French written either way."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def own_words(text: str) -> str:
    """The customer's text above the quoted message."""
    lines: list[str] = []
    for line in _plain(text).splitlines():
        if QUOTE_START.match(line.strip()):
            break
        lines.append(line)
    return "\n".join(lines)


def says_appeal(*, subject: str, text: str) -> bool:
    return bool(APPEAL_WORDS.search(_plain(subject)) or APPEAL_WORDS.search(own_words(text)))


def appeal_from_email(follow_up: FollowUp) -> Case | None:
    """The appeal opened from ``follow_up`` when it appeals an appealable complaint, else
    None (the message then follows up the complaint as any reply)."""
    complaint = follow_up.case
    if complaint.kind not in APPEALABLE_KINDS:
        return None
    if not says_appeal(subject=follow_up.subject, text=follow_up.text):
        return None
    try:
        return appeal_file(
            complaint=complaint,
            channel=Channel.EMAIL,
            body=follow_up.text,
            actor=None,
            received_at=follow_up.received_at,
        )
    except PacteError:
        return None
