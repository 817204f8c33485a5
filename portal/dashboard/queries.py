"""What the dashboard panels show, each with a fixed number of queries.

Pages are attributed to a bureau by their tree path (a bureau owns its subtree, and content
pages store the same bureau in `BureauOwnedPage.bureau`), so one query over `wagtailcore_page`
covers every content type. The bureaus themselves (29 rows) and the user's groups are read once
per request by `DashboardData` and shared by all panels."""

import datetime
import statistics
from collections import defaultdict

from django.db.models import Count, F, IntegerField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce, Substr
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.models import GroupApprovalTask, Page, TaskState, WorkflowState, get_default_page_content_type

from bureaus.access import is_member
from bureaus.models.bureaus import BureauPage
from bureaus.models.workflow import NoSelfApprovalTask
from bureaus.workflows import FINAL_REVIEW_NAME
from content.ads.models.placements import AdPlacement, AdUpdateTask, InspectionState, PlacementStatus, UpdateTaskStatus
from content.exposure.models import ExposureNoticePage, RectificationStatus

#: The bureau whose reviewers, with the final reviewers and superusers, are the civilization office.
OFFICE_BUREAU_SLUG = "wenmingban"
LIST_LIMIT = 10


def quarter_bounds(today):
    """First day of `today`'s quarter and first day of the next one."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = datetime.date(today.year, first_month, 1)
    end = datetime.date(today.year + 1, 1, 1) if first_month == 10 else datetime.date(today.year, first_month + 3, 1)
    return start, end


def local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def overdue_notice_filter(today):
    """`status_on(...) == overdue` in SQL: not rectified and the deadline has passed."""
    return Q(deadline__isnull=False, deadline__lt=today) & ~Q(status=RectificationStatus.DONE)


def overdue_placement_filter(today):
    """What `AdPlacement.compute_inspection_state` calls overdue, also before the daily job ran."""
    on_display = Q(status__in=[PlacementStatus.SHOWING, PlacementStatus.NEEDS_UPDATE])
    return on_display & (Q(inspection_state=InspectionState.OVERDUE) | Q(next_inspection_on__lt=today))


def overdue_task_filter(today):
    """`AdUpdateTask.is_overdue_on(today)` in SQL."""
    return Q(status=UpdateTaskStatus.OPEN, deadline__lt=today)


class DashboardData:
    """Per-request facts every panel needs: the bureaus, the user's groups and what they imply."""

    def __init__(self, request, today=None):
        self.request = request
        self.user = request.user
        self.today = today or timezone.localdate()

    @cached_property
    def bureaus(self):
        return list(
            BureauPage.objects.order_by("path").values(
                "pk", "title", "slug", "path", "editors_group_id", "reviewers_group_id"
            )
        )

    @cached_property
    def bureaus_by_path(self):
        return {b["path"]: b for b in self.bureaus}

    @cached_property
    def groups(self):
        return dict(self.user.groups.values_list("pk", "name"))

    @cached_property
    def group_ids(self):
        return frozenset(self.groups)

    @cached_property
    def my_bureaus(self):
        """The bureaus the user belongs to (bureaus.access.is_member; superusers are not given
        every bureau here: the overview serves them)."""
        return [b for b in self.bureaus if is_member(b, self.group_ids)]

    @cached_property
    def my_bureau_ids(self):
        return [b["pk"] for b in self.my_bureaus]

    @cached_property
    def is_office(self):
        if self.user.is_superuser:
            return True
        office = next((b for b in self.bureaus if b["slug"] == OFFICE_BUREAU_SLUG), None)
        if office is not None and office["reviewers_group_id"] in self.group_ids:
            return True
        return FINAL_REVIEW_NAME in self.groups.values()

    @cached_property
    def is_reviewer(self):
        return self.is_office or any(b["reviewers_group_id"] in self.group_ids for b in self.bureaus)

    def bureau_of_path(self, path):
        lengths = {len(p) for p in self.bureaus_by_path}
        for length in sorted(lengths):
            bureau = self.bureaus_by_path.get(path[:length])
            if bureau is not None:
                return bureau
        return None

    def subtree_filter(self, bureaus, prefix=""):
        query = Q(pk__in=[])
        for bureau in bureaus:
            query |= Q(**{f"{prefix}path__startswith": bureau["path"]})
        return query

    # --- Panel 1: drafts --------------------------------------------------------------------------

    def drafts(self):
        """Pages of the user's bureaus with unpublished changes, newest first: (count, rows)."""
        if not self.my_bureaus:
            return 0, []
        pages = Page.objects.filter(self.subtree_filter(self.my_bureaus), has_unpublished_changes=True)
        count = pages.count()
        rows = list(
            pages.select_related("content_type", "latest_revision__user")
            .prefetch_workflow_states()
            .order_by("-latest_revision_created_at", "-pk")[:LIST_LIMIT]
        )
        for page in rows:
            page.dashboard_bureau = self.bureau_of_path(page.path)
            page.dashboard_type = page.content_type.model_class()._meta.verbose_name
            state = page.current_workflow_state
            page.dashboard_state = state
        return count, rows

    # --- Panel 2: awaiting review -----------------------------------------------------------------

    def reviewable_task_states(self):
        """The task states the user may act on now: `TaskState.objects.reviewable_by(user)` for
        group approval tasks, in one query instead of one per task (29 bureaus: 30 tasks)."""
        user = self.user
        base = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task__active=True)
        if user.is_superuser:
            group_tasks = base.filter(
                Q(task_id__in=GroupApprovalTask.objects.values("pk"))
                | Q(task_id__in=NoSelfApprovalTask.objects.values("pk"))
            )
        else:
            groups = list(self.group_ids)
            group_tasks = base.filter(
                Q(task_id__in=GroupApprovalTask.objects.filter(groups__in=groups).values("pk"))
                | Q(task_id__in=NoSelfApprovalTask.objects.filter(groups__in=groups).values("pk"))
            )
        # NoSelfApprovalTask: nobody reviews what they submitted or wrote.
        own = Q(workflow_state__requested_by=user) | Q(revision__user=user)
        return group_tasks.exclude(Q(task_id__in=NoSelfApprovalTask.objects.values("pk")) & own)

    def awaiting_review(self):
        """(count, rows) of page reviews waiting for the user, oldest submission first."""
        page_ct = get_default_page_content_type()
        pages = Page.objects.filter(pk=Cast(OuterRef("workflow_state__object_id"), IntegerField()))
        states = (
            self.reviewable_task_states()
            .filter(workflow_state__base_content_type=page_ct)
            .annotate(
                page_title=Subquery(pages.values("draft_title")[:1]),
                page_path=Subquery(pages.values("path")[:1]),
            )
            .filter(page_path__isnull=False)
        )
        count = states.count()
        rows = list(
            states.select_related("task", "workflow_state", "workflow_state__requested_by").order_by(
                "workflow_state__created_at", "pk"
            )[: LIST_LIMIT * 2]
        )
        for state in rows:
            state.page_id = int(state.workflow_state.object_id)
            state.dashboard_bureau = self.bureau_of_path(state.page_path)
        return count, rows

    # --- Panel 3: overdue items ---------------------------------------------------------------------

    def overdue_notices(self):
        ids = self.my_bureau_ids
        if not ids:
            return 0, []
        notices = ExposureNoticePage.objects.filter(overdue_notice_filter(self.today), live=True).filter(
            Q(bureau_id__in=ids) | Q(unitnoticepage__unit_bureau_id__in=ids)
        )
        count = notices.count()
        rows = list(
            notices.select_related("bureau", "unitnoticepage", "unitnoticepage__unit_bureau").order_by(
                "deadline", "pk"
            )[:LIST_LIMIT]
        )
        for notice in rows:
            unit = getattr(notice, "unitnoticepage", None)
            notice.unit_label = unit.unit_label if unit is not None else ""
            notice.as_unit = unit is not None and unit.unit_bureau_id in ids and notice.bureau_id not in ids
        return count, rows

    def overdue_placements(self):
        ids = self.my_bureau_ids
        if not ids:
            return 0, []
        placements = AdPlacement.objects.filter(overdue_placement_filter(self.today), bureau_id__in=ids)
        count = placements.count()
        rows = list(placements.select_related("carrier", "bureau").order_by("next_inspection_on", "code")[:LIST_LIMIT])
        return count, rows

    def open_update_tasks(self):
        """Open update tasks of the user's bureaus, overdue ones first."""
        ids = self.my_bureau_ids
        if not ids:
            return 0, 0, []
        tasks = AdUpdateTask.objects.filter(status=UpdateTaskStatus.OPEN, bureau_id__in=ids)
        counts = tasks.aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(deadline__lt=self.today)))
        rows = list(tasks.select_related("placement", "bureau").order_by("deadline", "pk")[:LIST_LIMIT])
        return counts["total"], counts["overdue"], rows

    # --- Panel 4: bureau overview -------------------------------------------------------------------

    def published_this_quarter(self, start, end):
        """{bureau pk: pages first published in [start, end)} over every page type."""
        counts = defaultdict(int)
        by_length = defaultdict(list)
        for bureau in self.bureaus:
            by_length[len(bureau["path"])].append(bureau)
        for length, bureaus in by_length.items():
            rows = (
                Page.objects.filter(
                    self.subtree_filter(bureaus),
                    first_published_at__gte=local_midnight(start),
                    first_published_at__lt=local_midnight(end),
                    depth__gt=length // Page.steplen,
                )
                .annotate(prefix=Substr("path", 1, length))
                .values("prefix")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for row in rows:
                bureau = self.bureaus_by_path.get(row["prefix"])
                if bureau is not None:
                    counts[bureau["pk"]] += row["n"]
        return counts

    def review_durations(self, start, end):
        """{bureau pk: [timedelta]}: submission to final approval, for pages approved in [start, end)."""
        pages = Page.objects.filter(pk=Cast(OuterRef("object_id"), IntegerField()))
        rows = (
            WorkflowState.objects.filter(
                status=WorkflowState.STATUS_APPROVED, base_content_type=get_default_page_content_type()
            )
            .annotate(finished=Max("task_states__finished_at"), page_path=Subquery(pages.values("path")[:1]))
            .filter(finished__gte=local_midnight(start), finished__lt=local_midnight(end))
            .values_list("page_path", "created_at", "finished")
        )
        durations = defaultdict(list)
        for path, created_at, finished in rows:
            bureau = self.bureau_of_path(path) if path else None
            if bureau is not None and finished >= created_at:
                durations[bureau["pk"]].append(finished - created_at)
        return durations

    def overview(self):
        """One row per bureau, in tree order, with the quarter's figures (six queries in all)."""
        start, end = quarter_bounds(self.today)
        published = self.published_this_quarter(start, end)
        durations = self.review_durations(start, end)
        # A unit notice naming a bureau is that bureau's to rectify; any other notice is the
        # publishing bureau's to follow up.
        notices = dict(
            ExposureNoticePage.objects.filter(overdue_notice_filter(self.today), live=True)
            .annotate(responsible=Coalesce("unitnoticepage__unit_bureau_id", F("bureau_id")))
            .values("responsible")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("responsible", "n")
        )
        placements = dict(
            AdPlacement.objects.filter(overdue_placement_filter(self.today))
            .values("bureau_id")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("bureau_id", "n")
        )
        tasks = dict(
            AdUpdateTask.objects.filter(overdue_task_filter(self.today))
            .values("bureau_id")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("bureau_id", "n")
        )
        rows = []
        for bureau in self.bureaus:
            pk = bureau["pk"]
            times = durations.get(pk, [])
            rows.append(
                {
                    "bureau": bureau,
                    "published": published.get(pk, 0),
                    "reviews": len(times),
                    "median_review": statistics.median(times) if times else None,
                    "overdue_notices": notices.get(pk, 0),
                    "overdue_inspections": placements.get(pk, 0),
                    "overdue_tasks": tasks.get(pk, 0),
                }
            )
        return {"start": start, "end": end - datetime.timedelta(days=1), "rows": rows}
