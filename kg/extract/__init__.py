"""Stage 3, extraction (being moved here from kg.rules)."""
from ..rules import RuleSet

__all__ = ["RuleSet"]
