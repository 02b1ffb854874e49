"""Fixtures of the portal tests: stored files in a temporary folder, the web route,
tasks run at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_django import Settings

from pacte.conftest import Cast
from pacte.core.vocabulary import Channel
from pacte.factories import MotiveFactory
from pacte.intake.models import ChannelRoute

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_and_tasks(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def web_route(cast: Cast) -> ChannelRoute:
    motive = MotiveFactory.create(code="network", label_en="Network", label_fr="Réseau")
    return ChannelRoute.objects.create(channel=Channel.WEB, team=cast.front, motive=motive)
