"""Tracking codes of nominations, messages and 随手拍 reports: the one definition is in
core/tracking_codes.py (ad problem reports use it too, and the ads family may not import this one)."""

from core.tracking_codes import ALPHABET, LENGTH, display, new_code, normalise

__all__ = ["ALPHABET", "LENGTH", "display", "new_code", "normalise"]
