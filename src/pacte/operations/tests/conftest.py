"""Fixtures of the operations' tests."""

from pacte.operations.tests.sim_fixtures import sim_world

__all__ = ["sim_world"]
