"""Admin for ad placements, inspections, update tasks and citizens' reports (bureau-scoped).

Every row belongs to one bureau (a placement's responsible bureau; an inspection's or report's
placement's bureau). A user's bureaus are the BureauPages whose editors or reviewers group they
are in; superusers see everything. `BureauScopedPolicy` limits each view's queryset to those
bureaus, so another bureau's item answers 404 and a refused action 403. See docs/ads-admin.md."""

import mimetypes

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.images.widgets import AdminImageChooser
from wagtail.permission_policies import ModelPermissionPolicy

from content import exports
from content.models import (
    AdCarrier,
    AdInspection,
    AdPlacement,
    AdProblemReport,
    AdUpdateTask,
    InspectionState,
    PlacementStatus,
    PublicServiceAdPage,
    UpdateTaskSource,
    UpdateTaskStatus,
)
from content.models.placements import AdProblem, InspectionResult
from portal.models import BureauPage, District

# --- Whose rows a user may see ------------------------------------------------------------------


def user_bureau_ids(user):
    """Primary keys of the bureaus whose editors or reviewers group the user is in (cached)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_ad_bureau_ids", None)
    if cached is None:
        cached = frozenset(
            BureauPage.objects.filter(Q(editors_group__user=user) | Q(reviewers_group__user=user)).values_list(
                "pk", flat=True
            )
        )
        user._ad_bureau_ids = cached
    return cached


def user_bureaus(user):
    """The bureaus a user may act for: all for a superuser, else their own."""
    queryset = BureauPage.objects.order_by("path")
    if user.is_superuser:
        return queryset
    return queryset.filter(pk__in=user_bureau_ids(user))


class BureauScopedPolicy(ModelPermissionPolicy):
    """Django model permissions, limited to rows of the user's own bureaus.

    `bureau_lookup` is the path from the model to its bureau's id; `read_only` refuses add,
    change and delete to everybody (citizens' reports are evidence, not editable)."""

    def __init__(self, model, bureau_lookup="bureau_id", read_only=False):
        super().__init__(model)
        self.bureau_lookup = bureau_lookup
        self.read_only = read_only

    def _allowed(self, user, action):
        if self.read_only and action in ("add", "change", "delete"):
            return False
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        return bool(user_bureau_ids(user)) and super().user_has_permission(user, action)

    def user_has_permission(self, user, action):
        return self._allowed(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self._allowed(user, action) for action in actions)

    def instance_bureau_id(self, instance):
        value = instance
        for part in self.bureau_lookup.split("__"):
            value = getattr(value, part, None)
        return value

    def user_has_permission_for_instance(self, user, action, instance):
        if not self._allowed(user, action):
            return False
        return user.is_superuser or self.instance_bureau_id(instance) in user_bureau_ids(user)

    def scope(self, user, queryset):
        if user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.bureau_lookup}__in": user_bureau_ids(user)})

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user, self.model._default_manager.all())


# --- Views that only ever load rows of the user's bureaus ---------------------------------------


class ScopedIndexView(generic.IndexView):
    list_select_related = ()

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        return self.permission_policy.scope(self.request.user, queryset)


class ScopedEditView(generic.EditView):
    def get_queryset(self):
        return self.permission_policy.scope(self.request.user, super().get_queryset())


class ScopedDeleteView(generic.DeleteView):
    def get_queryset(self):
        return self.permission_policy.scope(self.request.user, super().get_queryset())


class ScopedInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        queryset = self.permission_policy.scope(self.request.user, self.model._default_manager.all())
        return get_object_or_404(queryset, pk=self.pk)


class ScopedHistoryView(history.HistoryView):
    def get_base_object_queryset(self):
        return self.permission_policy.scope(self.request.user, super().get_base_object_queryset())


class ScopedUsageView(usage.UsageView):
    def get_base_object_queryset(self):
        return self.permission_policy.scope(self.request.user, super().get_base_object_queryset())


class BureauScopedViewSet(ModelViewSet):
    icon = "list-ul"
    bureau_lookup = "bureau_id"
    read_only = False
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    list_select_related = ()
    form_class = None

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView

    @cached_property
    def permission_policy(self):
        return BureauScopedPolicy(self.model, bureau_lookup=self.bureau_lookup, read_only=self.read_only)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(list_select_related=self.list_select_related, **kwargs)

    def get_form_class(self, for_update=False):
        return self.form_class


# --- Links to the public page and QR code (URLs built by another module; may not exist yet) ----


def _reverse_or_none(name, code):
    try:
        return reverse(name, kwargs={"code": code})
    except NoReverseMatch:
        return None


def placement_links(placement):
    """(label, url) of the placement's public page and QR images, those whose URL exists."""
    candidates = [
        (_("Public page"), "ad_placement"),
        (_("QR code (PNG)"), "ad_placement_qr_png"),
        (_("QR code (SVG)"), "ad_placement_qr_svg"),
    ]
    return [(label, url) for label, name in candidates if (url := _reverse_or_none(name, placement.code))]


def placement_links_html(placement):
    links = placement_links(placement)
    if not links:
        return ""
    return format_html_join(
        " · ", '<a href="{}" target="_blank" rel="noopener">{}</a>', ((url, label) for label, url in links)
    )


# --- Filters -------------------------------------------------------------------------------------


class BureauFilterSetMixin:
    """The bureau filter is offered to superusers only (others see one bureau's rows anyway)."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if "bureau" in self.filters and not (user and user.is_superuser):
            del self.filters["bureau"]


def _bureau_filter(field_name):
    return django_filters.ModelChoiceFilter(
        field_name=field_name, label=_("Bureau"), queryset=BureauPage.objects.order_by("path")
    )


def _choice_filter(field_name, label, choices):
    return django_filters.ChoiceFilter(
        field_name=field_name, label=label, choices=choices, widget=forms.RadioSelect, empty_label=_("All")
    )


def _carrier_filter(field_name):
    return django_filters.ModelChoiceFilter(field_name=field_name, label=_("Carrier"), queryset=AdCarrier.objects.all())


def _district_filter(field_name):
    return django_filters.ModelChoiceFilter(field_name=field_name, label=_("District"), queryset=District.objects.all())


class PlacementFilterSet(BureauFilterSetMixin, WagtailFilterSet):
    status = _choice_filter("status", _("Status"), PlacementStatus.choices)
    inspection_state = _choice_filter("inspection_state", _("Inspection"), InspectionState.choices)
    carrier = _carrier_filter("carrier")
    district = _district_filter("district")
    overdue = django_filters.BooleanFilter(
        label=_("Has overdue update tasks"), method="filter_overdue", widget=forms.NullBooleanSelect
    )
    bureau = _bureau_filter("bureau")

    class Meta:
        model = AdPlacement
        fields = []

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Q(update_tasks__status=UpdateTaskStatus.OPEN, update_tasks__overdue=True)
        ids = AdPlacement.objects.filter(overdue).values("pk")
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)


class InspectionFilterSet(BureauFilterSetMixin, WagtailFilterSet):
    result = _choice_filter("result", _("Result"), InspectionResult.choices)
    carrier = _carrier_filter("placement__carrier")
    district = _district_filter("placement__district")
    bureau = _bureau_filter("placement__bureau")

    class Meta:
        model = AdInspection
        fields = []


class UpdateTaskFilterSet(BureauFilterSetMixin, WagtailFilterSet):
    status = _choice_filter("status", _("Status"), UpdateTaskStatus.choices)
    source = _choice_filter("source", _("Source"), UpdateTaskSource.choices)
    overdue = django_filters.BooleanFilter(field_name="overdue", label=_("Overdue"), widget=forms.NullBooleanSelect)
    problem = _choice_filter("problem", _("Problem"), AdProblem.choices)
    carrier = _carrier_filter("placement__carrier")
    district = _district_filter("placement__district")
    bureau = _bureau_filter("bureau")

    class Meta:
        model = AdUpdateTask
        fields = []


class ReportFilterSet(BureauFilterSetMixin, WagtailFilterSet):
    problem = _choice_filter("problem", _("Problem"), AdProblem.choices)
    carrier = _carrier_filter("placement__carrier")
    district = _district_filter("placement__district")
    bureau = _bureau_filter("placement__bureau")

    class Meta:
        model = AdProblemReport
        fields = []


# --- Forms ---------------------------------------------------------------------------------------


def _placements_for(user):
    return user_scoped(AdPlacement.objects.select_related("carrier"), "bureau_id", user).order_by("code")


def user_scoped(queryset, lookup, user):
    if user is None or user.is_superuser:
        return queryset
    return queryset.filter(**{f"{lookup}__in": user_bureau_ids(user)})


class PlacementForm(WagtailAdminModelForm):
    class Meta:
        model = AdPlacement
        fields = [
            "work",
            "carrier",
            "place",
            "district",
            "latitude",
            "longitude",
            "bureau",
            "starts_on",
            "ends_on",
            "status",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any live work: a bureau may display another bureau's work.
        works = PublicServiceAdPage.objects.live().order_by("title")
        if self.instance.pk and self.instance.work_id:
            works = PublicServiceAdPage.objects.filter(Q(live=True) | Q(pk=self.instance.work_id)).order_by("title")
        self.fields["work"].queryset = works
        self.fields["bureau"].queryset = user_bureaus(self.for_user) if self.for_user else BureauPage.objects.none()
        if not self.for_user.is_superuser:
            bureaus = list(self.fields["bureau"].queryset[:2])
            if len(bureaus) == 1 and not self.instance.pk:
                self.fields["bureau"].initial = bureaus[0].pk


class InspectionForm(WagtailAdminModelForm):
    class Meta:
        model = AdInspection
        fields = ["placement", "inspected_on", "inspector", "result", "photo", "notes"]
        widgets = {"photo": AdminImageChooser}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = _placements_for(self.for_user)


class UpdateTaskForm(WagtailAdminModelForm):
    """Edits an open task; choosing status "closed" closes it through AdUpdateTask.close()."""

    class Meta:
        model = AdUpdateTask
        fields = ["placement", "problem", "deadline", "status", "resolution"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = _placements_for(self.for_user)
        self.was_closed = self.instance.pk is not None and self.instance.status == UpdateTaskStatus.CLOSED
        if self.instance.pk:
            # A task stays with the placement it was opened for.
            self.fields["placement"].disabled = True

    def _post_clean(self):
        if not self.instance.pk and self.cleaned_data.get("placement"):
            placement = self.cleaned_data["placement"]
            self.instance.bureau_id = placement.bureau_id
            self.instance.source = self.instance.source or UpdateTaskSource.INSPECTION
        super()._post_clean()

    def save(self, commit=True):
        task = super().save(commit=False)
        closing = task.status == UpdateTaskStatus.CLOSED and not self.was_closed
        if task.status == UpdateTaskStatus.OPEN and self.was_closed:
            task.closed_at = None
            task.closed_by = None
        if closing:
            # close() records who and when, saves, and puts the placement back on show.
            task.close(self.for_user, task.resolution)
        elif commit:
            task.save()
        return task


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
            DateColumn("next_inspection_on", label=_("Next inspection"), sort_key="next_inspection_on"),
            _links_column(),
        ]

    inspect_view_fields = [
        "code",
        "work",
        "carrier",
        "place",
        "district",
        "latitude",
        "longitude",
        "bureau",
        "starts_on",
        "ends_on",
        "status",
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
            DateColumn("inspected_on", label=_("Date"), sort_key="inspected_on"),
            Column("carrier", label=_("Carrier"), accessor="placement.carrier.name"),
            Column("place", label=_("Place"), accessor="placement.place"),
            Column("result", label=_("Result"), accessor="get_result_display", sort_key="result"),
            Column("inspector", label=_("Inspector")),
            Column("bureau", label=_("Bureau"), accessor="placement.bureau.title"),
        ]

    inspect_view_fields = ["placement", "inspected_on", "inspector", "result", "photo", "notes", "created_at"]


class AdUpdateTaskViewSet(BureauScopedViewSet):
    model = AdUpdateTask
    form_class = UpdateTaskForm
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
            DateColumn("deadline", label=_("Deadline"), sort_key="deadline"),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            BooleanColumn("overdue", label=_("Overdue")),
            Column("bureau", label=_("Bureau"), accessor="bureau.title"),
        ]

    inspect_view_fields = [
        "placement",
        "bureau",
        "source",
        "inspection",
        "report",
        "problem",
        "deadline",
        "status",
        "overdue",
        "resolution",
        "closed_at",
        "closed_by",
        "created_at",
    ]


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
            _("Photo sent with the report"),
        )


def report_photo_view(request, pk, policy):
    """The photo of a citizen's report, to signed-in staff of the placement's bureau only."""
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
    menu_label = _("Citizen reports")
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
            DateColumn("created_at", label=_("Received"), sort_key="created_at"),
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


# --- Quarterly filing export --------------------------------------------------------------------


class FilingExportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        choices=[
            (1, _("Q1 (January–March)")),
            (2, _("Q2 (April–June)")),
            (3, _("Q3 (July–September)")),
            (4, _("Q4 (October–December)")),
        ],
    )
    bureau = forms.ModelChoiceField(label=_("Bureau"), queryset=BureauPage.objects.none())
    format = forms.ChoiceField(
        label=_("File format"), choices=[("xlsx", "Excel (XLSX)"), ("csv", "CSV")], widget=forms.RadioSelect
    )

    def __init__(self, *args, user, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        today = today or timezone.localdate()
        self.fields["year"].choices = [(year, str(year)) for year in range(today.year, 2019, -1)]
        self.fields["year"].initial = today.year
        self.fields["quarter"].initial = (today.month - 1) // 3 + 1
        self.fields["format"].initial = "xlsx"
        self.fields["bureau"].queryset = user_bureaus(user)
        if user.is_superuser:
            self.fields["bureau"].required = False
            self.fields["bureau"].empty_label = _("All bureaus")
        else:
            self.fields["bureau"].empty_label = None


class FilingExportView(WagtailAdminTemplateMixin, TemplateView):
    """Choose a quarter (and bureau) → download the filing as CSV or XLSX."""

    template_name = "content/admin/filing_export.html"
    page_title = _("Quarterly filing export")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_superuser or user_bureau_ids(user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if "format" not in request.GET:
            self.form = FilingExportForm(user=request.user)
            return super().get(request, *args, **kwargs)
        bureau_param = request.GET.get("bureau", "")
        own = user_bureau_ids(request.user)
        if bureau_param and not request.user.is_superuser and not (bureau_param.isdigit() and int(bureau_param) in own):
            raise PermissionDenied
        self.form = FilingExportForm(request.GET, user=request.user)
        if not self.form.is_valid():
            return super().get(request, *args, **kwargs)
        return self.download(self.form.cleaned_data)

    def download(self, data):
        bureau = data["bureau"]
        if bureau is not None:
            bureau_ids = [bureau.pk]
        elif self.request.user.is_superuser:
            bureau_ids = None
        else:  # pragma: no cover - the form requires a bureau of non-superusers
            raise PermissionDenied
        year, quarter, kind = data["year"], data["quarter"], data["format"]
        if kind == "csv":
            body = exports.export_csv(bureau_ids, year, quarter)
            content_type = "text/csv; charset=utf-8"
        else:
            body = exports.export_xlsx(bureau_ids, year, quarter)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        filename = exports.export_filename(bureau.title if bureau else "", year, quarter, kind)
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, filename)
        response["Cache-Control"] = "private, no-store"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        return context


class FilingExportMenu:
    """The export's entry in the group's menu; its URL is added with register_admin_urls below."""

    menu_label = _("Quarterly filing export")
    menu_icon = "download"
    menu_name = "ad-filing-export"
    menu_url = reverse_lazy("ad_filing_export")

    def on_register(self):
        pass

    def get_urlpatterns(self):
        return []  # registered with register_admin_urls, not as a viewset

    def get_menu_item(self, order=None):
        class FilingMenuItem(MenuItem):
            def is_shown(self, request):
                user = request.user
                return user.is_superuser or bool(user_bureau_ids(user))

        return FilingMenuItem(
            label=self.menu_label, url=self.menu_url, name=self.menu_name, icon_name=self.menu_icon, order=order
        )


class AdAdminGroup(ModelViewSetGroup):
    menu_label = _("Public-service ad management")
    menu_icon = "site"
    menu_name = "ad-management"
    menu_order = 250
    items = (AdPlacementViewSet, AdInspectionViewSet, AdUpdateTaskViewSet, AdProblemReportViewSet, FilingExportMenu)


@hooks.register("register_admin_viewset")
def register_ad_admin():
    return AdAdminGroup()


@hooks.register("register_admin_urls")
def register_filing_export_url():
    return [path("ad-filing/", FilingExportView.as_view(), name="ad_filing_export")]
