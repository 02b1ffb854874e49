"""The SIM-order fixtures (``pacte.operations.tests.sim_fixtures``)."""

from pacte.operations.tests.sim_fixtures import sim_world

__all__ = ["sim_world"]
