"""Forms the public fills in (no account needed)."""

from .reports import AdProblemReportForm

__all__ = ["AdProblemReportForm"]
