"""Test messages built like a mail client would."""

from __future__ import annotations

from email.message import EmailMessage


def email_bytes(
    *,
    sender: str = "Alice Martin <alice@example.org>",
    subject: str = "My internet line is down",
    body: str = "Hello, my line has been down since yesterday.",
    message_id: str | None = "msg-1@example.org",
    in_reply_to: str | None = None,
    references: list[str] | None = None,
    attachments: list[tuple[str, bytes, str]] = (),  # type: ignore[assignment]
    headers: dict[str, str] | None = None,
) -> bytes:
    message = EmailMessage()
    if sender:
        message["From"] = sender
    message["To"] = "service@pacte.localhost"
    message["Subject"] = subject
    if message_id:
        message["Message-ID"] = f"<{message_id}>"
    if in_reply_to:
        message["In-Reply-To"] = f"<{in_reply_to}>"
    if references:
        message["References"] = " ".join(f"<{ref}>" for ref in references)
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    for name, content, content_type in attachments:
        maintype, subtype = content_type.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes().replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n")
