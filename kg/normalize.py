"""Moved to :mod:`kg.lang.ar` (kept until every import is updated)."""
from .lang.ar.normalize import arabic_ratio, fold_digits, normalize_ar

__all__ = ["arabic_ratio", "fold_digits", "normalize_ar"]
