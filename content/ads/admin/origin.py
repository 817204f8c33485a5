"""What an update task's page shows about where the task comes from, read-only.

A bureau handles a task opened by a citizen's problem report without opening the report
itself: it sees what the citizen wrote, their photo (through the bureau-checked private photo
view, never a storage URL), the placement and when it was reported."""

from django.urls import reverse

from bureaus.admin_scoping import BureauScopedPolicy
from content.ads.models.placements import AdProblemReport, UpdateTaskSource, UpdateTaskStatus
from core.dates import due_html, format_date, format_datetime

report_policy = BureauScopedPolicy(AdProblemReport, bureau_lookup="placement__bureau_id", read_only=True)


def _placement(task):
    placement = task.placement
    return {
        "label": f"{placement.code} · {placement.carrier.name}",
        "place": placement.place,
        "district": placement.district.name,
        "url": reverse("ad_placements:inspect", args=[placement.pk]),
    }


def _report(report, user):
    may_view = report_policy.user_has_permission_for_instance(user, "view", report)
    return {
        "problem": report.get_problem_display(),
        "description": report.description,
        "reported_at": format_datetime(report.created_at),
        "has_photo": bool(report.photo),
        "photo_url": reverse("ad_reports:photo", args=[report.pk]) if report.photo and may_view else "",
        "url": reverse("ad_reports:inspect", args=[report.pk]) if may_view else "",
    }


def _inspection(inspection):
    return {
        "result": inspection.get_result_display(),
        "inspected_on": format_date(inspection.inspected_on),
        "inspector": inspection.inspector,
        "notes": inspection.notes,
        "url": reverse("ad_inspections:inspect", args=[inspection.pk]),
    }


def task_origin(task, user):
    """The context of the "where this task comes from" panel of an update task's pages."""
    if task is None or task.pk is None:
        return None
    return {
        "source": task.get_source_display(),
        "is_citizen": task.source == UpdateTaskSource.CITIZEN,
        "placement": _placement(task),
        "report": _report(task.report, user) if task.report_id else None,
        "inspection": _inspection(task.inspection) if task.inspection_id else None,
        "opened_at": format_datetime(task.created_at),
        # Citizens who reported the same problem again while this task was open (REPEAT_REPORT_WINDOW).
        "repeat_reports": task.repeat_reports.count(),
        "deadline": due_html(task.deadline, running=task.status == UpdateTaskStatus.OPEN),
    }
