"""Admin triage of 随手拍 reports: list, detail with the actions, private photos. Bureau-scoped:
a bureau's members see its reports only (another bureau's answers 404), 市文明办 and superusers see
all and may reroute (content/snapshots/triage.py). docs/suishoupai.md."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from bureaus.models.bureaus import BureauPage
from bureaus.models.districts import District
from content.nominations import codes
from content.snapshots import triage
from content.snapshots.models import REASON_MAX_LENGTH, SnapshotPhoto, Status, TriageRefused
from core.admin_headers import TitledAdminTemplateMixin
from core.uploads import private_photo_response


def _require(request):
    if not triage.may_triage(request.user):
        raise PermissionDenied


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason the reporter reads"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": REASON_MAX_LENGTH}),
    )


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("What was done (the reporter reads it)"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": REASON_MAX_LENGTH}),
    )


class RerouteForm(forms.Form):
    bureau = forms.ModelChoiceField(label=_("Send to bureau"), queryset=BureauPage.objects.order_by("path"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


FORMS = {"accept": NoteForm, "reject": ReasonForm, "notice": NoteForm, "close": CloseForm, "reroute": RerouteForm}


class SnapshotIndexView(TitledAdminTemplateMixin, TemplateView):
    template_name = "content/snapshots/admin/index.html"
    page_title = _("Snapshot reports")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        _require(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        get = self.request.GET
        status, district, query = get.get("status", ""), get.get("district", ""), get.get("q", "").strip()[:50]
        rows = (
            triage.readable(self.request.user)
            .select_related("behaviour_type", "district", "bureau")
            .annotate(photo_count=Count("photos"))
            .order_by("-created_at", "-id")
        )
        if status in Status.values:
            rows = rows.filter(status=status)
        if district.isdigit():
            rows = rows.filter(district_id=int(district))
        if query:
            rows = rows.filter(Q(place__icontains=query) | Q(tracking_code=codes.normalise(query)))
        context.update(
            page_obj=Paginator(rows, 50).get_page(get.get("p")),
            statuses=Status.choices,
            status=status,
            districts=District.objects.order_by("sort_order", "id").values_list("pk", "name"),
            district=district,
            query=query,
            sees_all=triage.sees_all(self.request.user),
        )
        return context


class SnapshotDetailView(TitledAdminTemplateMixin, TemplateView):
    template_name = "content/snapshots/admin/detail.html"
    header_icon = "warning"

    def dispatch(self, request, pk):
        _require(request)
        self.report = get_object_or_404(
            triage.readable(request.user).select_related("behaviour_type", "district", "bureau", "notice"), pk=pk
        )
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Snapshot report")

    def get_page_subtitle(self):
        return self.report.display_code

    def get_parent_breadcrumbs(self):
        return [{"url": reverse("snapshots:index"), "label": SnapshotIndexView.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report, user = self.report, self.request.user
        offered = {action: problem is None for action, problem in triage.refusals(user, report).items()}
        context.update(
            report=report,
            status_label=Status(report.status).label,
            photos=list(report.photos.all()),
            events=list(report.events.select_related("actor", "bureau")),
            offered=offered,
            forms={action: form_class(prefix=action) for action, form_class in FORMS.items() if offered[action]},
        )
        return context


@require_POST
def action_view(request, pk):
    _require(request)
    report = get_object_or_404(triage.readable(request.user), pk=pk)
    action = request.POST.get("action", "")
    form_class = FORMS.get(action)
    if form_class is None:
        messages.error(request, _("Choose what to do with the report."))
        return redirect("snapshots:detail", report.pk)
    form = form_class(request.POST, prefix=action)
    try:
        if not form.is_valid():
            raise TriageRefused(
                " ".join(f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items())
            )
        data = form.cleaned_data
        report, notice = triage.apply(
            request.user,
            report.pk,
            action,
            reason=data.get("reason", ""),
            note=data.get("note", ""),
            bureau=data.get("bureau"),
        )
    except TriageRefused as refused:
        messages.error(request, str(refused))
        return redirect("snapshots:detail", pk)
    if notice is not None:
        messages.success(
            request,
            _("A notice draft was made. Review the blur of its photos, then submit it for review."),
        )
        return redirect("wagtailadmin_pages:edit", notice.pk)
    if action == "reroute" and not triage.readable(request.user).filter(pk=pk).exists():
        messages.success(request, _("The report was sent to %(bureau)s.") % {"bureau": report.bureau.title})
        return redirect("snapshots:index")
    messages.success(request, _("The report is now “%(status)s”.") % {"status": Status(report.status).label})
    return redirect("snapshots:detail", pk)


def photo_view(request, pk):
    """A report's private photo, to the report's bureau and 市文明办 only; never cached."""
    _require(request)
    item = get_object_or_404(SnapshotPhoto, pk=pk, report__in=triage.readable(request.user))
    return private_photo_response(item.file)


urlpatterns = [
    path("", SnapshotIndexView.as_view(), name="index"),
    path("<int:pk>/", SnapshotDetailView.as_view(), name="detail"),
    path("<int:pk>/action/", action_view, name="action"),
    path("photo/<int:pk>/", photo_view, name="photo"),
]


@hooks.register("register_admin_urls")
def register_snapshot_urls():
    return [path("suishoupai/", include((urlpatterns, "snapshots"), namespace="snapshots"))]


class SnapshotMenuItem(MenuItem):
    def is_shown(self, request):
        return triage.may_triage(request.user)


@hooks.register("register_admin_menu_item")
def register_snapshot_menu_item():
    return SnapshotMenuItem(_("Snapshot reports"), reverse("snapshots:index"), icon_name="warning", order=330)
