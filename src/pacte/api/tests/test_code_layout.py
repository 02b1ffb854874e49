"""The API's code is laid out by topic: at its root only the Django entry points (and the
token model Django wants in ``models.py``), every endpoint in a topic package named after
the domain it serves."""

from __future__ import annotations

from pathlib import Path

import pacte
from pacte import api

ROOT = Path(api.__file__).parent
APPS = {path.name for path in Path(pacte.__file__).parent.iterdir() if (path / "apps.py").exists()}
ROOT_MODULES = {"__init__.py", "apps.py", "models.py", "urls.py"}
ROOT_FOLDERS = {"common", "management", "migrations", "templates", "tests"}
# customers' and motives' facts: one topic over two apps; bill disputes: a topic of the
# complaints app (the complaint chain is another)
TOPICS_BEYOND_APPS = {"facts", "disputes"}


def topics() -> set[str]:
    folders = {path.name for path in ROOT.iterdir() if path.is_dir()}
    return folders - ROOT_FOLDERS - {"__pycache__"}


def test_no_module_at_the_root_but_the_django_entry_points():
    modules = {path.name for path in ROOT.glob("*.py")}
    assert modules == ROOT_MODULES


def test_every_topic_is_a_package_named_after_a_domain():
    for topic in topics():
        assert (ROOT / topic / "__init__.py").exists(), topic
        assert topic in APPS | TOPICS_BEYOND_APPS, topic


def test_every_topic_has_its_urls_and_its_tests():
    for topic in topics():
        assert (ROOT / topic / "urls.py").exists(), topic
        assert (ROOT / "tests" / topic).is_dir(), topic
