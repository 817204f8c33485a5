"""Admin for public nominations: list, detail with the stage actions, private photos,
CSV export. Every view needs `content.view_nomination`; each action needs its stage's
permission (content/nominations/stages.py); nominators' details need `content.view_nominator`
and every view of them is logged. See docs/nominations.md."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from bureaus.models.bureaus import BureauPage
from content.nominations import codes
from content.nominations.access import readable
from content.nominations.exports import export_response
from content.nominations.models import Nomination, NominationObjection, NominationPhoto, NominatorDataAccess, Stage
from content.nominations.stages import (
    FORWARD,
    TransitionRefused,
    action_refusals,
    advance,
    may_act,
    merge,
    record_score,
    reject,
)
from core.admin_headers import TitledAdminTemplateMixin
from core.uploads import private_photo_response

VIEW = "content.view_nomination"
SEE_NOMINATOR = "content.view_nominator"


def _require(request, permission=VIEW):
    if not request.user.has_perm(permission):
        raise PermissionDenied


class AdvanceForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    bureau = forms.ModelChoiceField(
        label=_("Bureau that publishes the exemplar"), queryset=BureauPage.objects.order_by("path"), required=False
    )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ScoreForm(forms.Form):
    score = forms.IntegerField(label=_("Score (0–100)"), min_value=0, max_value=100)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MergeForm(forms.Form):
    target = forms.CharField(label=_("Tracking code of the nomination to merge into"), max_length=20)


class ObjectionReviewForm(forms.Form):
    finding = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 2}))


class NominationIndexView(TitledAdminTemplateMixin, TemplateView):
    template_name = "content/nominations/admin/index.html"
    page_title = _("Nominations")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        _require(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stage = self.request.GET.get("stage", "")
        query = self.request.GET.get("q", "").strip()[:50]
        rows = (
            readable(self.request.user)
            .filter(same_clue_of__isnull=True)
            .select_related("district")
            .annotate(additional=Count("additional_recommendations"))
            .order_by("-created_at", "-id")
        )
        if stage in Stage.values:
            rows = rows.filter(stage=stage)
        if query:
            rows = rows.filter(
                Q(nominee_name__icontains=query) | Q(clue__icontains=query) | Q(tracking_code=codes.normalise(query))
            )
        context.update(
            page_obj=Paginator(rows, 50).get_page(self.request.GET.get("p")),
            stages=Stage.choices,
            stage=stage,
            query=query,
            may_export_nominators=self.request.user.has_perm(SEE_NOMINATOR),
        )
        return context


class NominationDetailView(TitledAdminTemplateMixin, TemplateView):
    template_name = "content/nominations/admin/detail.html"
    header_icon = "user"

    def dispatch(self, request, pk):
        _require(request)
        self.nomination = get_object_or_404(
            readable(request.user).select_related("district", "bureau", "same_clue_of", "exemplar"), pk=pk
        )
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Nomination")

    def get_page_subtitle(self):
        return self.nomination.display_code

    def get_parent_breadcrumbs(self):
        return [{"url": reverse("nominations:index"), "label": NominationIndexView.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, nomination = self.request.user, self.nomination
        see_nominator = user.has_perm(SEE_NOMINATOR)
        additional = list(nomination.additional_recommendations.order_by("created_at"))
        if see_nominator and nomination.personal_data_erased_at is None:
            # Logged for the nomination and each additional recommendation shown with it.
            NominatorDataAccess.objects.bulk_create(
                [NominatorDataAccess(nomination=item, user=user, action="view") for item in [nomination, *additional]]
            )
        step = FORWARD.get(nomination.stage)
        # Only what the rules allow now is offered; the same functions refuse a forged POST.
        refusals = action_refusals(user, nomination)
        context.update(
            nomination=nomination,
            stage_label=Stage(nomination.stage).label,
            photos=list(nomination.photos.all()),
            events=list(nomination.events.select_related("actor")),
            scores=list(nomination.scores.select_related("expert")),
            objections=list(nomination.objections.select_related("reviewed_by")),
            additional=additional,
            see_nominator=see_nominator,
            may_advance=refusals["advance"] is None,
            may_reject=refusals["reject"] is None,
            may_score=refusals["score"] is None,
            may_merge=refusals["merge"] is None,
            # A reviewer of this stage is told why the nomination cannot move on yet.
            advance_waiting=refusals["advance"] if may_act(user, nomination) else "",
            next_label=Stage(step[0]).label if step else "",
            is_decision=nomination.stage == Stage.DECISION,
            may_review_objections=user.has_perm("content.screen_nomination"),
            advance_form=AdvanceForm(initial={"bureau": _default_bureau()}),
            reject_form=RejectForm(),
            score_form=ScoreForm(),
            merge_form=MergeForm(),
            objection_form=ObjectionReviewForm(),
        )
        return context


def _default_bureau():
    return BureauPage.objects.filter(slug="wenmingban").first()


@require_POST
def action_view(request, pk):
    _require(request)
    nomination = get_object_or_404(readable(request.user), pk=pk)
    action = request.POST.get("action")
    forms_by_action = {"advance": AdvanceForm, "reject": RejectForm, "score": ScoreForm, "merge": MergeForm}
    form_class = forms_by_action.get(action)
    if form_class is None:
        # A form posted without one of the buttons: say so on the nomination, as for a refusal.
        messages.error(request, _("Choose what to do with the nomination."))
        return redirect("nominations:detail", nomination.pk)
    form = form_class(request.POST)
    try:
        if not form.is_valid():
            problems = [f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]
            raise TransitionRefused(" ".join(problems))
        data = form.cleaned_data
        if action == "advance":
            advance(nomination, request.user, note=data["note"], bureau=data["bureau"])
            messages.success(request, _("The nomination moved on."))
        elif action == "reject":
            reject(nomination, request.user, reason=data["reason"])
            messages.success(request, _("The nomination was not selected; the reason is recorded."))
        elif action == "score":
            record_score(nomination, request.user, data["score"], data["comment"])
            messages.success(request, _("Your score is recorded."))
        else:
            target = Nomination.objects.filter(tracking_code=codes.normalise(data["target"])).first()
            if target is None:
                raise TransitionRefused(_("No nomination has this code."))
            merge(nomination, target, request.user)
            messages.success(request, _("The nomination was merged."))
    except TransitionRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("nominations:detail", pk)


@require_POST
def review_objection_view(request, pk):
    _require(request, "content.screen_nomination")
    objection = get_object_or_404(NominationObjection, pk=pk, nomination__in=readable(request.user))
    form = ObjectionReviewForm(request.POST)
    if form.is_valid():
        NominationObjection.objects.filter(pk=pk).update(
            reviewed_at=timezone.now(), reviewed_by=request.user, review_note=form.cleaned_data["finding"]
        )
        messages.success(request, _("The objection is marked as reviewed."))
    else:
        messages.error(request, _("Write down what you found before marking the objection as reviewed."))
    return redirect("nominations:detail", objection.nomination_id)


def photo_view(request, pk):
    """A nomination's private photo, to reviewers only; never cached."""
    _require(request)
    item = get_object_or_404(NominationPhoto, pk=pk, nomination__in=readable(request.user))
    return private_photo_response(item.file)


def export_view(request):
    _require(request)
    return export_response(request.user)


urlpatterns = [
    path("", NominationIndexView.as_view(), name="index"),
    path("export/", export_view, name="export"),
    path("<int:pk>/", NominationDetailView.as_view(), name="detail"),
    path("<int:pk>/action/", action_view, name="action"),
    path("photo/<int:pk>/", photo_view, name="photo"),
    path("objection/<int:pk>/review/", review_objection_view, name="review_objection"),
]


@hooks.register("register_admin_urls")
def register_nomination_urls():
    return [path("nominations/", include((urlpatterns, "nominations"), namespace="nominations"))]


class NominationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW)


@hooks.register("register_admin_menu_item")
def register_nomination_menu_item():
    return NominationMenuItem(_("Nominations"), reverse("nominations:index"), icon_name="user", order=320)
