"""Background jobs of customers, run by the worker (manage.py db_worker)."""

from __future__ import annotations

from pacte.customers.login_links import login_link_send_task as login_link_send_task
