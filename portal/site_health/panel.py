"""The dashboard panel of 市文明办 (the office's reviewers, 终审 and superusers, as the bureau
overview): the latest report, what to act on, and the recent nights side by side."""

from django.utils.translation import gettext_lazy as _

from portal.dashboard.panels import DashboardPanel
from portal.site_health.results import INDICATORS, Status
from portal.site_health.scorecard import history_of

ITEMS_SHOWN = 5
STATUS_MARKS = {Status.GREEN: "✓", Status.AMBER: "!", Status.RED: "✗", Status.OFF: "–"}


class SiteHealthPanel(DashboardPanel):
    name = "dashboard_site_health"
    template_name = "portal/dashboard/site_health.html"
    order = 105  # near the top: a red single-veto indicator is the office's first business

    def is_shown(self):
        return self.data.is_office

    def get_context_data(self, parent_context=None):
        history = history_of(self.data)
        latest = history.latest
        rows = []
        for indicator in INDICATORS:
            result = latest.by_indicator.get(indicator.key) if latest else None
            nights = []
            for report in history.reports:
                past = report.by_indicator.get(indicator.key)
                status = past.status if past else Status.OFF
                nights.append({"status": status, "mark": STATUS_MARKS[status], "label": Status(status).label})
            rows.append(
                {
                    "indicator": indicator,
                    "result": result,
                    "status_label": Status(result.status).label if result else "",
                    "items": result.items[:ITEMS_SHOWN] if result else [],
                    "more": max(len(result.items) - ITEMS_SHOWN, 0) if result else 0,
                    "nights": nights,
                }
            )
        return {
            "report": latest,
            "rows": rows,
            "dates": [report.measured_at for report in history.reports],
            "never": latest is None,
            "veto_note": _("single veto"),
        }
