"""The contract-acceptance fixtures (``pacte.contracts.tests.conftest``)."""

from pacte.contracts.tests.conftest import shop

__all__ = ["shop"]
