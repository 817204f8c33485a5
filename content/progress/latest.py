"""Keeps `LatestTaskProgress` (each task's latest live, public report) in step with the reports.

Recomputed whole on every publish, unpublish or delete of a report: a rare editorial event, and
one read of the live reports' (task, status, date) rows plus one rewrite of at most 50 rows is
simpler to keep right than working out which tasks a change touched (a published revision may
have moved the report to another task). `manage.py refresh_task_progress` does the same by hand,
e.g. after a bureau's subtree is made private or public."""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from content.progress.models import LatestTaskProgress, TaskProgressReportPage
from core.public_pages import public


def refresh_latest_progress():
    rows = (
        public(TaskProgressReportPage.objects.live())
        .order_by("task_id", "-reported_on", "-pk")
        .values_list("task_id", "status", "reported_on")
    )
    latest = {}
    for task_id, status, reported_on in rows:
        latest.setdefault(task_id, (status, reported_on))
    with transaction.atomic():
        LatestTaskProgress.objects.all().delete()
        LatestTaskProgress.objects.bulk_create(
            LatestTaskProgress(task_id=task_id, status=status, reported_on=reported_on)
            for task_id, (status, reported_on) in latest.items()
        )


def _on_report_change(sender, **kwargs):
    refresh_latest_progress()


def connect():
    for signal, uid in ((page_published, "published"), (page_unpublished, "unpublished"), (post_delete, "deleted")):
        signal.connect(_on_report_change, sender=TaskProgressReportPage, dispatch_uid=f"latest_progress_{uid}")
