"""Fixtures of the intake tests: files in a temporary media folder, routes, sample bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_django import Settings

from pacte.cases.models import Motive
from pacte.conftest import Cast
from pacte.core.vocabulary import CaseKind, Channel
from pacte.factories import MotiveFactory
from pacte.intake.models import ChannelRoute

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
HTML = b"  <!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
BINARY = bytes(range(256)) * 4


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    """Stored files go to a temporary folder, never to the project's var/."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def immediate_tasks(settings: Settings) -> None:
    """Tasks run when enqueued (the email is sent when the transaction commits)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def motive(db: None) -> Motive:
    return MotiveFactory.create()


@pytest.fixture
def web_route(cast: Cast, motive: Motive) -> ChannelRoute:
    return ChannelRoute.objects.create(channel=Channel.WEB, team=cast.front, motive=motive)


@pytest.fixture
def letter_route(cast: Cast, motive: Motive) -> ChannelRoute:
    return ChannelRoute.objects.create(
        channel=Channel.LETTER, team=cast.back, motive=motive, kind=CaseKind.REQUEST
    )
