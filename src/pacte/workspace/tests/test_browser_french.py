"""Every page of every role, in French, in a real Chromium at 1366 px.

One live server, one small data set (the cast and two open cases). As each staff role
and a customer, the walk visits every page of the role's navigation, a case page and a
missing page (and the public pages once), and checks what a French reader sees:

- every date shown in a ``<time>`` element reads in French (``jeu. 26 nov. 2026`` or
  ``jeu. 26 nov. 2026, 14 h 05``), with no English day or month name;
- no label is followed by a ``:`` without a non-breaking space before it;
- the navigation's last item (the log-out button) is inside the 1366 px viewport.

The Django admin's pages (the administrator's "Administration" link) are visited for
their dates only: their text is Django's own French catalogue.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Page

from pacte.conftest import Cast
from pacte.core import clock
from pacte.core.models import User
from pacte.core.vocabulary import Channel
from pacte.factories import open_case

ROLES = ("agent", "supervisor", "quality_manager", "auditor", "administrator", "customer_user")
WIDTH = 1366
FRENCH_TIME = re.compile(
    r"^(lun|mar|mer|jeu|ven|sam|dim)\.\s\d{1,2}\s"
    r"(janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.)"
    r"(\s\d{4})?(, \d{1,2}\sh\s\d{2})?$"
)
ENGLISH_NAMES = re.compile(
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
)
# A colon that ends a label (followed by a space or the end of a line) without U+00A0
# or U+202F before it; "08:00" and "https://" are not labels.
BARE_COLON = re.compile(r"[^\u00a0\u202f\n]:(?=[ \n]|$)", re.MULTILINE)

PUBLIC_PAGES = ("results", "access", "contact")
NAV_LINKS = "header nav a[href]"
LAST_NAV_ITEM = "header nav > ul:last-of-type > li:last-child"


def sign_in(page: Page, live_server: Any, user: User) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def problems_on(page: Page) -> list[str]:
    """What a French reader would trip over on the page now shown."""
    found: list[str] = []
    for text in page.locator("main time").all_inner_texts():
        if not FRENCH_TIME.match(text.strip()) or ENGLISH_NAMES.search(text):
            found.append(f"date not French: {text!r}")
    if page.url.split("/", 3)[3].startswith("admin/"):
        return found  # the Django admin's own pages, in Django's own French
    visible = page.locator("body").inner_text()
    for match in BARE_COLON.finditer(visible):
        start = max(0, match.start() - 30)
        found.append(f"colon without nbsp: {visible[start : match.end() + 10]!r}")
    last = page.locator(LAST_NAV_ITEM)
    right = last.evaluate("item => item.getBoundingClientRect().right")
    if right > WIDTH:
        found.append(f"nav's last item ends at {right} px, past {WIDTH} px")
    return found


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_every_page_of_every_role_reads_french(live_server: Any, page: Page, cast: Cast) -> None:
    # Given two open cases, one the customer's, with a few dates to show
    now = clock.now()
    case = open_case(
        received_at=now - timedelta(days=3),
        team=cast.front,
        customer=cast.customer,
        subject="Changement de forfait",
    )
    open_case(received_at=now - timedelta(days=1), team=cast.back, channel=Channel.LETTER)
    page.set_default_timeout(30_000)  # a loaded 2-core machine
    page.set_viewport_size({"width": WIDTH, "height": 768})
    problems: dict[str, list[str]] = {}
    visited = dates_seen = 0
    for role in ROLES:
        # When each role, in French, visits every page of its navigation
        sign_in(page, live_server, cast.by_role_name(role))
        page.goto(f"{live_server.url}/")
        links = page.locator(NAV_LINKS).evaluate_all("links => links.map(a => a.href)")
        paths = {href for href in links if href.startswith(live_server.url)}
        paths |= {f"{live_server.url}/cases/{case.pk}/", f"{live_server.url}/no-such-page/"}
        if role == "customer_user":  # and the public pages, once
            paths |= {f"{live_server.url}/public/{page}/" for page in PUBLIC_PAGES}
        for url in sorted(paths):
            page.goto(url)
            visited += 1
            dates_seen += page.locator("main time").count()
            assert page.locator("html").get_attribute("lang") == "fr", url
            if issues := problems_on(page):
                problems[f"{role} {url.removeprefix(live_server.url)}"] = issues
    # Then every date is French, every label colon spaced, and the nav fits
    assert visited > len(ROLES) * 3
    assert dates_seen > len(ROLES)
    report = "\n".join(f"{at}: {issue}" for at, issues in problems.items() for issue in issues)
    assert problems == {}, report
