"""A customer's lines and a line's status history (docs/operations-lines.md).

Read-only pages for staff who may read operations and who see the customer (those who
see every case, and agents who see one of its cases); anyone else gets a 404 for a
customer or a line they may not see. A status changes only through the operations'
services, never here.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pacte.cases.selectors import access_customer
from pacte.core.errors import NotFoundError
from pacte.core.permissions import Action
from pacte.customers.models import Customer, Line
from pacte.customers.selectors import customer_lines
from pacte.operations.lines import line_history
from pacte.workspace.common.permissions import action_required, request_user
from pacte.workspace.operations.presenters import line_changes


def _customer(request: HttpRequest, reference: str) -> Customer:
    try:
        return access_customer(user=request_user(request), reference=reference)
    except NotFoundError as error:
        raise Http404 from error


@action_required(Action.OPERATIONS_READ)
@require_GET
def customer_lines_page(request: HttpRequest, reference: str) -> HttpResponse:
    """The customer's lines: number, SIM, handset, offer, status, handset block."""
    customer = _customer(request, reference)
    context = {"customer": customer, "lines": customer_lines(customer=customer)}
    return render(request, "workspace/operations/customer_lines.html", context)


@action_required(Action.OPERATIONS_READ)
@require_GET
def line_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One line and its status history, oldest first, each change with its case."""
    line = Line.objects.select_related("account__customer").filter(pk=pk).first()
    if line is None:
        raise Http404
    customer = _customer(request, line.account.customer.reference)
    context = {"customer": customer, "line": line, "history": line_changes(line_history(line))}
    return render(request, "workspace/operations/line.html", context)
