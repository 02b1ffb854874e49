"""The indicator library: named computations giving per-item verdicts and no-data reasons."""

from pacte.compliance.indicators.base import Computation, Dimension, Month, Reason, Verdict
from pacte.compliance.indicators.registry import REGISTRY, computation_for

__all__ = ["REGISTRY", "Computation", "Dimension", "Month", "Reason", "Verdict", "computation_for"]
