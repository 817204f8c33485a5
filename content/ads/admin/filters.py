"""Listing filters of the ad admin (the bureau filter only for superusers)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from bureaus.models.bureaus import BureauPage
from bureaus.models.districts import District
from content.ads.models.placements import (
    AdInspection,
    AdPlacement,
    AdProblem,
    AdProblemReport,
    AdUpdateTask,
    InspectionResult,
    InspectionState,
    PlacementStatus,
    UpdateTaskSource,
    UpdateTaskStatus,
)
from content.ads.models.works import AdCarrier

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
