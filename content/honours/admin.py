"""市文明办's import of honour rolls (荣誉榜) from an XLSX: a dry run that lists what would be
imported or every rejected row, and the import itself, all or nothing (`importer.py`).

Only the civilization office (the 市文明办 终审 group) and superusers reach these views; bureau
groups get a 403. docs/honour-rolls.md."""

import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from openpyxl import Workbook
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from bureaus.workflows import FINAL_REVIEW_NAME
from content.honours import importer
from content.honours.models import HonourKind, HonourLevel, HonourRollEntry
from core.admin_headers import TitledAdminTemplateMixin
from core.spreadsheet import spreadsheet_text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EXAMPLE_ROWS = [
    ("文明单位", 2025, "市级", "昆明市五华区人民医院", "五华区", ""),
    ("文明家庭", 2025, "省级", "张丽华家庭", "盘龙区", "第三批"),
]


def may_import(user):
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=FINAL_REVIEW_NAME).exists()


def _require(request):
    if not may_import(request.user):
        raise PermissionDenied


class RollUploadForm(forms.Form):
    spreadsheet = forms.FileField(
        label=_("Spreadsheet (.xlsx)"),
        help_text=_("First row: 类别, 年度, 级别, 名称, and optionally 所属地区 and 备注; one entry per row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX}),
    )

    def clean_spreadsheet(self):
        upload = self.cleaned_data["spreadsheet"]
        if upload.size > importer.MAX_BYTES:
            raise forms.ValidationError(gettext("The file is larger than 2 MB."))
        return upload


class HonourImportView(TitledAdminTemplateMixin, FormView):
    template_name = "content/honours/admin/import.html"
    form_class = RollUploadForm
    page_title = _("Honour rolls")
    header_icon = "pick"

    def dispatch(self, request, *args, **kwargs):
        _require(request)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data["spreadsheet"].read()
        if self.request.POST.get("action") == "import":
            result = importer.import_roll(data)
            if result.ok:
                messages.success(
                    self.request,
                    gettext("Imported: %(created)d new entries, %(updated)d updated.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("honours:import")
            return self.render_to_response(self.get_context_data(form=form, result=result, dry_run=False))
        result = importer.read_roll(data)
        return self.render_to_response(self.get_context_data(form=form, result=result, dry_run=True))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kinds, levels = dict(HonourKind.choices), dict(HonourLevel.choices)
        summary = (
            HonourRollEntry.objects.values("year", "kind", "level").annotate(n=Count("pk")).order_by("-year", "kind")
        )
        context["summary"] = [
            {**row, "kind_label": kinds[row["kind"]], "level_label": levels[row["level"]]} for row in summary
        ]
        result = context.get("result")
        if result is not None:
            context["preview"] = [(row, entry) for row, entry in result.entries[:200]]
        return context


def template_view(request):
    """An empty roll with the header and two example rows, to fill in."""
    _require(request)
    book = Workbook()
    sheet = book.active
    sheet.title = "荣誉榜"
    sheet.append(list(importer.COLUMNS.values()))
    for row in EXAMPLE_ROWS:
        # Text cells through spreadsheet_text, as every export of the portal: whatever is written
        # here opens as text, never as a formula.
        sheet.append([value if isinstance(value, int) else spreadsheet_text(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="honour-roll-template.xlsx"'
    return response


urlpatterns = [
    path("", HonourImportView.as_view(), name="import"),
    path("template.xlsx", template_view, name="template"),
]


@hooks.register("register_admin_urls")
def register_honour_urls():
    return [path("rongyu/", include((urlpatterns, "honours"), namespace="honours"))]


class HonourMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import(request.user)


@hooks.register("register_admin_menu_item")
def register_honour_menu_item():
    return HonourMenuItem(_("Honour rolls"), reverse("honours:import"), icon_name="pick", order=340)
