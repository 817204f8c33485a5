"""The dashboard panels (Wagtail home-page components), registered by `construct_panels`."""

from django.forms import Media
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from wagtail.admin.ui.components import Component

from portal.dashboard.progress import missing_reports
from portal.dashboard.queries import DashboardData
from portal.site_health.scorecard import bureau_scorecard, history_of, ranked

# Wagtail's own "Awaiting your review" panel: replaced by ReviewPanel, which says which bureau
# and step a page is at and costs two queries instead of one per workflow task (30 with 29 bureaus).
WAGTAIL_REVIEW_PANEL = "workflow_objects_to_moderate"


def duration_label(duration):
    """A review time as an editor says it: hours within a day, else days to one decimal."""
    hours = duration.total_seconds() / 3600
    if hours < 1:
        return gettext("under an hour")
    if hours < 24:
        return ngettext("%(hours)d hour", "%(hours)d hours", round(hours)) % {"hours": round(hours)}
    return gettext("%(days)s days") % {"days": f"{hours / 24:.1f}"}


class DashboardPanel(Component):
    order = 100

    def __init__(self, data):
        self.data = data

    @property
    def media(self):
        return Media(css={"all": ["css/dashboard.css"]})

    def is_shown(self):
        return True

    def render_html(self, parent_context=None):
        if not self.is_shown():
            return ""
        return super().render_html(parent_context)


class ReviewPanel(DashboardPanel):
    name = "dashboard_awaiting_review"
    template_name = "portal/dashboard/awaiting_review.html"
    order = 100

    def is_shown(self):
        # Editors who review nothing are not told that nothing awaits them.
        return self.data.is_reviewer or self.count > 0

    @property
    def count(self):
        self._load()
        return self._count

    def _load(self):
        if not hasattr(self, "_rows"):
            self._count, self._rows = self.data.awaiting_review()

    def get_context_data(self, parent_context=None):
        self._load()
        return {"count": self._count, "states": self._rows}


class OverduePanel(DashboardPanel):
    name = "dashboard_overdue"
    template_name = "portal/dashboard/overdue.html"
    order = 110

    def is_shown(self):
        return bool(self.data.my_bureaus)

    def get_context_data(self, parent_context=None):
        notice_count, notices = self.data.overdue_notices()
        placement_count, placements = self.data.overdue_placements()
        task_count, late_task_count, tasks = self.data.open_update_tasks()
        return {
            "today": self.data.today,
            "notice_count": notice_count,
            "notices": notices,
            "placement_count": placement_count,
            "placements": placements,
            "task_count": task_count,
            "late_task_count": late_task_count,
            "tasks": tasks,
            "nothing": not (notice_count or placement_count or task_count),
        }


class DraftsPanel(DashboardPanel):
    name = "dashboard_drafts"
    template_name = "portal/dashboard/drafts.html"
    order = 120

    def is_shown(self):
        return bool(self.data.my_bureaus)

    def get_context_data(self, parent_context=None):
        count, pages = self.data.drafts()
        bureaus = self.data.my_bureaus
        explorer_links = [
            {"title": b["title"], "url": reverse("wagtailadmin_explore", args=[b["pk"]])} for b in bureaus
        ]
        return {
            "count": count,
            "pages": pages,
            "explorer_links": explorer_links,
            "several_bureaus": len(bureaus) > 1,
        }


class OverviewPanel(DashboardPanel):
    name = "dashboard_bureau_overview"
    template_name = "portal/dashboard/overview.html"
    order = 130

    def is_shown(self):
        return self.data.is_office

    def get_context_data(self, parent_context=None):
        overview = self.data.overview()
        rows = overview["rows"]
        for row in rows:
            median = row["median_review"]
            row["median_label"] = duration_label(median) if median is not None else ""
            row["median_seconds"] = round(median.total_seconds()) if median is not None else None
        # The latest site-health report's figures beside the quarter's (portal/site_health/scorecard.py).
        report = history_of(self.data).latest
        scorecard = bureau_scorecard(report)
        for row in rows:
            row["health"] = scorecard.get(row["bureau"]["pk"], {})
        if report is not None:
            ranked(rows)
        return {
            **overview,
            "health_report": report,
            "is_superuser": self.data.user.is_superuser,
            "totals": {
                key: sum(row[key] for row in rows)
                for key in ("published", "reviews", "overdue_notices", "overdue_inspections", "overdue_tasks")
            },
        }


class ProgressPanel(DashboardPanel):
    """Beside the overview: which tasks each lead bureau has not reported on this quarter."""

    name = "dashboard_missing_progress"
    template_name = "portal/dashboard/missing_progress.html"
    order = 135

    def is_shown(self):
        return self.data.is_office

    def get_context_data(self, parent_context=None):
        result = missing_reports(self.data.bureaus, self.data.today)
        rows = result["rows"]
        return {
            **result,
            "missing_total": sum(len(row["missing"]) for row in rows),
            "led_total": sum(row["led"] for row in rows),
        }


def construct_panels(request, panels):
    """Adds the dashboard's panels; returns the request's DashboardData for panels added after."""
    data = DashboardData(request)
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") != WAGTAIL_REVIEW_PANEL]
    panels.extend([ReviewPanel(data), OverduePanel(data), DraftsPanel(data), OverviewPanel(data), ProgressPanel(data)])
    return data
