"""Email in (IMAP intake) and out (SMTP): models owned by the mail app."""
