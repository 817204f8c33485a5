"""The quarterly filing export (备案) view and its menu item."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSetGroup

from bureaus.admin_scoping import user_bureau_ids, user_bureaus
from bureaus.models.bureaus import BureauPage
from content.ads import filing_export as exports
from content.ads.admin.viewsets import (
    AdInspectionViewSet,
    AdPlacementViewSet,
    AdProblemReportViewSet,
    AdUpdateTaskViewSet,
)
from core.admin_headers import TitledAdminTemplateMixin

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


class FilingExportView(TitledAdminTemplateMixin, TemplateView):
    """Choose a quarter (and bureau) → download the filing as CSV or XLSX."""

    template_name = "content/ads/admin/filing_export.html"
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
