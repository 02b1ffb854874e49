"""One refusal rule for every workspace page, tested for every page and every role.

Not logged in: a redirect to the login page. Logged in, but the page is not for your
role: 403, the styled error page in your language. An object you may not see: 404.
(docs/workspace.md, "Refusals".) Roles are checked before objects, so a refused role
gets its 403 whether or not the object exists; the pages below name objects that do
not exist where an id is needed, and the allowed roles then get 404, never 403.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from pacte.conftest import Cast
from pacte.workspace.tests.conftest import ROLES, login

STAFF = frozenset(
    {"agent", "other_agent", "supervisor", "quality_manager", "auditor", "administrator"}
)
ALL_CASES = frozenset({"supervisor", "quality_manager", "auditor", "administrator"})
OUTSIDE_STAFF = frozenset(ROLES) - STAFF
EVIDENCE = frozenset({"quality_manager", "auditor", "administrator"})
ACCESS_PAGE = EVIDENCE
ADMINISTRATOR = frozenset({"administrator"})
CASE_WRITERS = frozenset({"agent", "other_agent", "supervisor", "administrator"})
EVERYONE = frozenset(ROLES)
V1 = ("telecom-2004", 1)
WRITERS = frozenset({"agent", "other_agent", "supervisor", "administrator"})
SHOP = frozenset({"distributor_user"})
CUSTOMERS = frozenset({"customer_user", "other_customer_user"})

# url name, its arguments, the method the page answers, the roles it is for
PAGES: list[tuple[str, tuple[object, ...], str, frozenset[str]]] = [
    ("home", (), "get", EVERYONE),
    ("queue", (), "get", STAFF),
    ("supervisor", (), "get", ALL_CASES),
    ("compliance", (), "get", ALL_CASES),
    ("compliance_drill", ("T3.1-a",), "get", ALL_CASES),
    ("closing_close", (), "post", ALL_CASES),
    ("closing_confirm", (), "get", ALL_CASES),
    ("closing_reopen", (999999,), "post", ALL_CASES),
    ("closing_compare", (999999,), "post", ALL_CASES),
    ("closing_task", ("not-a-task",), "get", ALL_CASES),
    ("evidence", (), "get", EVIDENCE),
    ("evidence_pack", (999999,), "get", EVIDENCE),
    ("evidence_progress", (999999,), "get", EVIDENCE),
    ("evidence_file", (999999, "pdf"), "get", EVIDENCE),
    ("nonconformities", (), "get", ALL_CASES),
    ("nonconformity_raise", (), "get", frozenset({"quality_manager", "auditor"})),
    ("nonconformity_panel", (), "get", ALL_CASES),
    ("nonconformity", (999999,), "get", ALL_CASES),
    ("nonconformity_act", (999999, "cause"), "post", ALL_CASES),
    ("schemes", (), "get", ALL_CASES),
    ("scheme_version", V1, "get", ALL_CASES),
    ("scheme_activate", V1, "post", frozenset({"quality_manager"})),
    ("scheme_commitment_edit", (*V1, "T3.1"), "get", frozenset({"quality_manager"})),
    ("scheme_requirement_add", (*V1, "T3.1"), "get", frozenset({"quality_manager"})),
    ("scheme_requirement_edit", (*V1, "T3.1-R1"), "get", frozenset({"quality_manager"})),
    ("scheme_requirement_remove", (*V1, "T3.1-R1"), "post", frozenset({"quality_manager"})),
    ("scheme_indicator_edit", (*V1, "T3.1-a"), "get", frozenset({"quality_manager"})),
    ("scheme_rule_edit", (*V1, 999999), "get", frozenset({"quality_manager"})),
    ("staffing", (), "get", ALL_CASES),
    ("telephony", (), "get", ALL_CASES),
    ("wallboard", (), "get", ALL_CASES),
    ("wallboard_panel", (), "get", ALL_CASES),
    ("access_page", (), "get", ACCESS_PAGE),
    ("access_page_preview", (), "get", ACCESS_PAGE),
    ("access_page_publish", (), "post", ADMINISTRATOR),
    ("access_page_footer", (), "get", ADMINISTRATOR),
    ("access_page_add", ("channels",), "post", ADMINISTRATOR),
    ("access_page_edit", ("channels", 999999), "get", ADMINISTRATOR),
    ("access_page_remove", ("channels", 999999), "post", ADMINISTRATOR),
    ("my_cases", (), "get", OUTSIDE_STAFF),
    ("my_case", ("P99999999",), "get", OUTSIDE_STAFF),
    ("my_case_new", (), "get", frozenset({"customer_user", "other_customer_user"})),
    ("my_case_follow_up", ("P99999999",), "post", OUTSIDE_STAFF),
    ("my_case_rate", ("P99999999", 999999), "post", OUTSIDE_STAFF),
    ("mailroom", (), "get", STAFF),
    ("mailroom_senders", (), "get", STAFF),
    ("contact", (), "get", frozenset({"agent", "other_agent", "supervisor", "administrator"})),
    ("attachment", (999999,), "get", EVERYONE),
    ("case", (999999,), "get", STAFF),
    ("case_act", (999999, "note"), "post", STAFF),
    ("customer_fact", (999999, "fraud_victim"), "post", STAFF),
    ("motives", (), "get", ALL_CASES),
    ("motive_fact", ("nowhere", "billing"), "post", ALL_CASES),
    ("mail_quarantine", (), "get", ADMINISTRATOR),
    ("mail_quarantined", (999999,), "get", ADMINISTRATOR),
    ("mail_quarantine_retry", (999999,), "post", ADMINISTRATOR),
    ("acceptance_new", (), "get", WRITERS),
    ("acceptance_notice", (999999, "notice"), "post", WRITERS),
    ("shop", (), "get", SHOP),
    ("shop_acceptance_new", (), "get", SHOP),
    ("shop_request_new", (), "get", SHOP),
    ("shop_case", ("P99999999",), "get", SHOP),
    ("shop_case_message", ("P99999999",), "post", SHOP),
    ("dispute_assessment", (999999,), "post", CASE_WRITERS),
    ("dispute_correction", (999999,), "post", CASE_WRITERS),
    ("agent_appeal", (999999,), "post", STAFF),
    ("written_form", (999999,), "post", STAFF),
    ("my_case_appeal", ("P99999999",), "post", CUSTOMERS),
    ("case_refer_mediator", (999999,), "post", CASE_WRITERS | CUSTOMERS),
    ("case_mediator_recommendation", (999999,), "post", CASE_WRITERS),
    ("case_recommendation_applied", (999999,), "post", CASE_WRITERS),
    ("my_case_refer_mediator", ("P99999999",), "post", CUSTOMERS),
    ("payment_new", (), "get", WRITERS),
    ("payments_import", (), "get", WRITERS),
    ("restorations", (), "get", ALL_CASES),
    ("restoration_restored", (999999,), "post", WRITERS),
    ("risk_measure_new", (999999,), "get", frozenset({"supervisor", "administrator"})),
    ("risk_measure_lift", (999999,), "post", frozenset({"supervisor", "administrator"})),
    ("risk_measures", (), "get", ALL_CASES),
    ("customer_lines", ("CU99999999",), "get", STAFF),
    ("line", (999999,), "get", STAFF),
    ("account_panel", (999999,), "get", STAFF),
    ("identity_check", (999999,), "post", CASE_WRITERS),
    ("disclosure", (999999,), "post", CASE_WRITERS),
    ("stolen_new", (), "get", WRITERS),
    ("stolen_act", (999999, "line"), "post", WRITERS),
    ("my_stolen_new", (), "get", CUSTOMERS),
    ("sim_order_new", (), "get", WRITERS),
    ("sim_orders_late", (), "get", ALL_CASES),
    ("sim_order_step", (999999, "shipped"), "post", WRITERS),
    ("my_sim_orders", (), "get", CUSTOMERS),
    ("my_sim_order_new", (), "get", CUSTOMERS),
    ("unpaid_bills", (), "get", STAFF),
    ("unpaid_bills_import", (), "get", frozenset({"supervisor", "administrator"})),
    ("dunning_line", (999999,), "get", STAFF),
    ("dunning_contact", (999999,), "post", WRITERS),
    ("dunning_suspend", (999999,), "post", frozenset({"supervisor", "administrator"})),
    ("suspensions_refused", (), "get", STAFF),
]


# Pages for visitors who are not logged in yet: the login by emailed link (portal.md).
PUBLIC = {
    "login_link": (),
    "login_link_sent": (),
    "login_link_follow": ("0" * 64,),
}


def test_the_table_names_every_workspace_page() -> None:
    names = {name for name in get_resolver().reverse_dict if isinstance(name, str)}
    workspace = {name.removeprefix("workspace:") for name in names if name.startswith("workspace:")}
    if not workspace:  # the namespace's own resolver holds the names
        workspace = set(get_resolver().namespace_dict["workspace"][1].reverse_dict)
        workspace = {name for name in workspace if isinstance(name, str)}

    assert {page[0] for page in PAGES} | set(PUBLIC) == workspace


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_the_public_pages_need_no_login(client: Client, db: None, name: str) -> None:
    response = client.get(reverse(f"workspace:{name}", args=PUBLIC[name]))
    assert response.status_code == (404 if PUBLIC[name] else 200)  # an unknown link


@pytest.mark.parametrize(("name", "args", "method", "allowed"), PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("role", [*ROLES, None])
def test_every_page_refuses_by_the_one_rule(
    client: Client,
    cast: Cast,
    name: str,
    args: tuple[object, ...],
    method: str,
    allowed: frozenset[str],
    role: str | None,
) -> None:
    # Given a visitor of each role (or none)
    if role is not None:
        login(client, cast.by_role_name(role))
    url = reverse(f"workspace:{name}", args=args)

    # When they open (or post to) the page
    response = getattr(client, method)(url)

    # Then anonymous visitors log in first, other roles get the styled 403 page, and
    # the page's roles get the page, a redirect, or a 404 for an object that is not there
    if role is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role in allowed:
        assert response.status_code not in (403, 500)
    else:
        assert response.status_code == 403
        assert "errors/error.html" in [t.name for t in response.templates]


def test_the_refusal_page_is_in_the_users_language(client: Client, cast: Cast) -> None:
    login(client, cast.agent)

    french = client.get(reverse("workspace:compliance")).content.decode()
    english = client.get(reverse("workspace:compliance"), HTTP_ACCEPT_LANGUAGE="en")

    assert "Accès refusé" in french
    assert 'lang="fr"' in french
    assert "Access refused" in english.content.decode()


def test_an_unknown_page_is_the_styled_404(client: Client, cast: Cast) -> None:
    login(client, cast.agent)

    response = client.get("/nowhere/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "errors/error.html" in [t.name for t in response.templates]
