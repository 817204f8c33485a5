"""The four ad viewsets: placements, inspections, update tasks and citizen problem reports."""

import mimetypes

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.widgets.button import Button

from bureaus.admin_scoping import BureauScopedViewSet, ScopedEditView, ScopedInspectView
from content.ads.admin.filters import InspectionFilterSet, PlacementFilterSet, ReportFilterSet, UpdateTaskFilterSet
from content.ads.admin.forms import InspectionForm, PlacementForm, UpdateTaskForm
from content.ads.admin.origin import task_origin
from content.ads.models.placements import AdInspection, AdPlacement, AdProblemReport, AdUpdateTask, UpdateTaskStatus
from core.admin_display import DueDateColumn, LocalDateColumn, LocalDateTimeColumn
from core.dates import due_html

# --- Links to the public page and QR code (content/ads/urls.py) ---------------------------------


def placement_links(placement):
    """(label, url) of the placement's public page and QR images (content/ads/urls.py)."""
    candidates = [
        (_("Public page"), "ad_placement"),
        (_("QR code (PNG)"), "ad_placement_qr_png"),
        (_("QR code (SVG)"), "ad_placement_qr_svg"),
    ]
    return [(label, reverse(name, kwargs={"code": placement.code})) for label, name in candidates]


def placement_links_html(placement):
    links = placement_links(placement)
    if not links:
        return ""
    return format_html_join(
        " · ", '<a href="{}" target="_blank" rel="noopener">{}</a>', ((url, label) for label, url in links)
    )


# --- Viewsets ------------------------------------------------------------------------------------


def _links_column():
    return Column("links", label=_("Public page and QR code"), accessor=placement_links_html)


class PlacementEditView(ScopedEditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for order, (label, url) in enumerate(placement_links(self.object)):
            buttons.append(Button(label, url=url, icon_name="link-external", priority=40 + order))
        return buttons


class PlacementInspectView(ScopedInspectView):
    def get_links_display_value(self):
        return placement_links_html(self.object) or "-"

    def get_next_inspection_on_display_value(self):
        return due_html(self.object.next_inspection_on, running=self.object.is_on_display) or "-"

    def get_field_label(self, field_name, field):
        if field_name == "links":
            return _("Public page and QR code")
        return super().get_field_label(field_name, field)


class AdPlacementViewSet(BureauScopedViewSet):
    model = AdPlacement
    form_class = PlacementForm
    edit_view_class = PlacementEditView
    inspect_view_class = PlacementInspectView
    icon = "site"
    url_prefix = "ad-placements"
    menu_name = "ad-placements"
    name = "ad_placements"
    menu_label = _("Placements")
    filterset_class = PlacementFilterSet
    list_select_related = ("work", "carrier", "district", "bureau")
    search_fields = ["code", "place"]
    ordering = ["code"]

    @cached_property
    def list_display(self):
        return [
            "code",  # the title column: links to edit (or inspect) and carries the row's buttons
            Column("work", label=_("Work"), accessor="work.title"),
            Column("carrier", label=_("Carrier"), accessor="carrier.name"),
            Column("place", label=_("Place")),
            Column("district", label=_("District"), accessor="district.name"),
            Column("bureau", label=_("Bureau"), accessor="bureau.title"),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("inspection_state", label=_("Inspection"), accessor="get_inspection_state_display"),
            DueDateColumn(
                "next_inspection_on",
                label=_("Next inspection"),
                sort_key="next_inspection_on",
                is_running=lambda placement: placement.is_on_display,
            ),
            _links_column(),
        ]

    inspect_view_fields = [
        "code",
        *PlacementForm.Meta.fields,
        "last_inspected_on",
        "next_inspection_on",
        "inspection_state",
        "links",
    ]


class AdInspectionViewSet(BureauScopedViewSet):
    model = AdInspection
    form_class = InspectionForm
    bureau_lookup = "placement__bureau_id"
    icon = "doc-full"
    url_prefix = "ad-inspections"
    menu_name = "ad-inspections"
    name = "ad_inspections"
    menu_label = _("Inspections")
    filterset_class = InspectionFilterSet
    list_select_related = ("placement", "placement__carrier", "placement__bureau")
    ordering = ["-inspected_on", "-id"]

    @cached_property
    def list_display(self):
        return [
            "placement",
            LocalDateColumn("inspected_on", label=_("Date"), sort_key="inspected_on"),
            Column("carrier", label=_("Carrier"), accessor="placement.carrier.name"),
            Column("place", label=_("Place"), accessor="placement.place"),
            Column("result", label=_("Result"), accessor="get_result_display", sort_key="result"),
            Column("inspector", label=_("Inspector")),
            Column("bureau", label=_("Bureau"), accessor="placement.bureau.title"),
        ]

    inspect_view_fields = ["placement", "inspected_on", "inspector", "result", "photo", "notes", "created_at"]


def _task_is_open(task):
    return task.status == UpdateTaskStatus.OPEN


class TaskOriginMixin:
    """Shows, read-only, where the task comes from: the citizen's problem report (what they
    wrote, their photo, when) or the inspection, with the placement and the deadline."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("placement__carrier", "placement__district", "report", "inspection", "bureau")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["origin"] = task_origin(self.object, self.request.user)
        return context


class UpdateTaskEditView(TaskOriginMixin, ScopedEditView):
    template_name = "content/ads/admin/update_task_edit.html"


class UpdateTaskInspectView(TaskOriginMixin, ScopedInspectView):
    template_name = "content/ads/admin/update_task_inspect.html"


class AdUpdateTaskViewSet(BureauScopedViewSet):
    model = AdUpdateTask
    form_class = UpdateTaskForm
    edit_view_class = UpdateTaskEditView
    inspect_view_class = UpdateTaskInspectView
    icon = "warning"
    url_prefix = "ad-update-tasks"
    menu_name = "ad-update-tasks"
    name = "ad_update_tasks"
    menu_label = _("Update tasks")
    filterset_class = UpdateTaskFilterSet
    list_select_related = ("placement", "placement__carrier", "bureau")
    ordering = ["status", "deadline", "id"]

    @cached_property
    def list_display(self):
        return [
            "placement",
            Column("place", label=_("Place"), accessor="placement.place"),
            Column("problem", label=_("Problem"), accessor="get_problem_display"),
            Column("source", label=_("Source"), accessor="get_source_display", sort_key="source"),
            DueDateColumn("deadline", label=_("Deadline"), sort_key="deadline", is_running=_task_is_open),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            BooleanColumn("overdue", label=_("Overdue")),
            Column("bureau", label=_("Bureau"), accessor="bureau.title"),
        ]

    # The placement, source, report or inspection, opening time and deadline are in the
    # "where this task comes from" panel above these fields (templates/content/ads/admin/).
    inspect_view_fields = ["bureau", "problem", "status", "overdue", "resolution", "closed_at", "closed_by"]


class ReportInspectView(ScopedInspectView):
    photo_url_name = None

    def get_photo_display_value(self):
        if not self.object.photo:
            return "-"
        url = reverse(self.photo_url_name, args=[self.object.pk])
        return format_html(
            '<a href="{}"><img src="{}" alt="{}" style="max-width: 32rem; height: auto"></a>',
            url,
            url,
            _("Photo sent with the citizen problem report"),
        )


def report_photo_view(request, pk, policy):
    """The photo of a citizen problem report, to signed-in staff of the placement's bureau only."""
    if not policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    report = get_object_or_404(policy.scope(request.user, AdProblemReport.objects.all()), pk=pk)
    if not report.photo:
        raise Http404
    try:
        handle = report.photo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(report.photo.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class AdProblemReportViewSet(BureauScopedViewSet):
    model = AdProblemReport
    read_only = True
    bureau_lookup = "placement__bureau_id"
    icon = "mail"
    url_prefix = "ad-reports"
    menu_name = "ad-reports"
    name = "ad_reports"
    menu_label = _("Citizen problem reports")
    filterset_class = ReportFilterSet
    inspect_view_class = ReportInspectView
    list_select_related = ("placement", "placement__carrier", "placement__bureau")
    ordering = ["-created_at"]
    inspect_view_fields = ["placement", "problem", "description", "photo", "created_at"]

    @cached_property
    def list_display(self):
        return [
            "placement",
            Column("problem", label=_("Problem"), accessor="get_problem_display", sort_key="problem"),
            Column("place", label=_("Place"), accessor="placement.place"),
            Column("description", label=_("Description")),
            LocalDateTimeColumn("created_at", label=_("Received"), sort_key="created_at"),
            Column("bureau", label=_("Bureau"), accessor="placement.bureau.title"),
        ]

    def get_form_class(self, for_update=False):
        # Never used (the policy refuses add and change), but the viewset needs one.
        return forms.modelform_factory(AdProblemReport, form=WagtailAdminModelForm, fields=["problem"])

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(photo_url_name=self.get_url_name("photo"), **kwargs)

    def photo_view(self, request, pk):
        return report_photo_view(request, pk, self.permission_policy)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("<int:pk>/photo/", self.photo_view, name="photo")]
