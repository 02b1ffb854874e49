"""A small demo generated once per test that asks for it, at the suite's frozen instant."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from pacte.demo.generate import DemoSummary, demo_generate

Generate = Callable[..., DemoSummary]


@pytest.fixture
def generate(db: None, frozen_now: datetime) -> Generate:
    """Call demo_generate at the frozen instant, with small defaults."""

    def run(**options: object) -> DemoSummary:
        arguments: dict[str, object] = {"contacts": 400, "months": 3, "seed": 1, "now": frozen_now}
        arguments.update(options)
        return demo_generate(**arguments)  # type: ignore[arg-type]

    return run
