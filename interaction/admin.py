"""Admin for citizens' messages: the list, a message with its reply, review, reroute and publish
forms, and its private photos. Who may do what: interaction/access.py (policy `message.*` in
bureaus/access_policy.py, proven by tests/test_authorisation_matrix.py). A user with no part in
messages gets 403; a message outside the user's reach answers 404 (its existence is private)."""

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from content.nominations import codes
from core.admin_headers import TitledAdminTemplateMixin
from core.uploads import private_photo_response
from interaction import access, actions
from interaction.deadlines import in_alarm_filter, state_of
from interaction.forms import PublishForm, ReplyForm, RerouteForm, ReviewForm
from interaction.models import MessagePhoto, Status

PER_PAGE = 50
LIST_COLUMNS = ("id", "tracking_code", "topic", "subject", "status", "received_at", "due_on", "published_at")
FILTERS = {
    "open": lambda rows, today: rows.open(),
    "overdue": lambda rows, today: rows.overdue(today),
    "alarm": lambda rows, today: rows.open().filter(**in_alarm_filter(today)),
    "review": lambda rows, today: rows.filter(status=Status.IN_REVIEW),
    "answered": lambda rows, today: rows.filter(status=Status.ANSWERED),
    "published": lambda rows, today: rows.published(),
}


def _require_open(request):
    if not access.may_open(request.user):
        raise PermissionDenied


def _message(request, pk):
    _require_open(request)
    return get_object_or_404(access.readable(request.user).select_related("bureau"), pk=pk)


class MessageIndexView(TitledAdminTemplateMixin, TemplateView):
    template_name = "interaction/admin/index.html"
    page_title = _("Citizens' messages")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        _require_open(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        show = self.request.GET.get("show", "open")
        query = self.request.GET.get("q", "").strip()[:50]
        rows = (
            access.readable(self.request.user)
            .select_related("bureau")
            .only(*LIST_COLUMNS, "bureau__title")
            .order_by("due_on", "received_at", "id")
        )
        if show in FILTERS:
            rows = FILTERS[show](rows, today)
        else:
            show = ""
        if query:
            code = codes.normalise(query)
            rows = rows.filter(Q(subject__icontains=query) | Q(text__icontains=query) | Q(tracking_code=code or "-"))
        page_obj = Paginator(rows, PER_PAGE).get_page(self.request.GET.get("p"))
        for item in page_obj:
            item.deadline_state = state_of(item, today)
        context.update(page_obj=page_obj, show=show, query=query, today=today, filters=FILTER_LABELS)
        return context


FILTER_LABELS = [
    ("open", _("Open")),
    ("overdue", _("Overdue")),
    ("alarm", _("Close to three months")),
    ("review", _("Reply under review")),
    ("answered", _("Answered")),
    ("published", _("Published")),
    ("", _("All")),
]


class MessageDetailView(TitledAdminTemplateMixin, TemplateView):
    template_name = "interaction/admin/detail.html"
    header_icon = "mail"

    def dispatch(self, request, pk):
        self.message = _message(request, pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Citizen's message")

    def get_page_subtitle(self):
        return self.message.display_code

    def get_parent_breadcrumbs(self):
        return [{"url": reverse("messages_admin:index"), "label": MessageIndexView.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, message = self.request.user, self.message
        reply = actions.open_reply(message)
        answer = message.answer() if message.status == Status.ANSWERED else None
        refusals = {
            "reply": actions.reply_refusal(user, message),
            "review": actions.review_refusal(user, message, reply),
            "reroute": actions.reroute_refusal(user, message),
            "publish": actions.publish_refusal(user, message),
        }
        context.update(
            message=message,
            today=timezone.localdate(),
            deadline_state=state_of(message, timezone.localdate()),
            sees_contact=access.sees_contact(user, message),
            photos=list(message.photos.all()),
            events=list(message.events.select_related("actor", "bureau")),
            reply=reply,
            answer=answer,
            may_reply=refusals["reply"] is None,
            may_review=refusals["review"] is None,
            # A reviewer who wrote the reply is told why they cannot approve it.
            review_waiting=refusals["review"] if reply and reply.state == "submitted" else "",
            may_reroute=refusals["reroute"] is None,
            may_publish=refusals["publish"] is None,
            reply_form=ReplyForm(initial={"text": reply.text if reply else ""}),
            review_form=ReviewForm(),
            reroute_form=RerouteForm(initial={"bureau": message.bureau_id}),
            publish_form=PublishForm(initial={"public_question": message.public_question or message.text}),
        )
        return context


def _form_errors(form):
    return " ".join(f"{form.fields[name].label}：{' '.join(errors)}" for name, errors in form.errors.items())


def _act(request, message, form, run, done):
    """Run an action from a valid form; a refusal or an invalid form is told on the message page."""
    if not form.is_valid():
        flash.error(request, _form_errors(form))
        return redirect("messages_admin:detail", message.pk)
    try:
        run(form.cleaned_data)
    except actions.ActionRefused as refusal:
        flash.error(request, str(refusal))
    else:
        flash.success(request, done)
    return redirect("messages_admin:detail", message.pk)


@require_POST
def reply_view(request, pk):
    message = _message(request, pk)
    if not access.may_reply(request.user, message):
        raise PermissionDenied
    submit = "submit" in request.POST
    done = _("The reply was submitted for review.") if submit else _("The draft reply was saved.")
    return _act(
        request,
        message,
        ReplyForm(request.POST),
        lambda data: actions.save_reply(message, request.user, data["text"], submit=submit),
        done,
    )


@require_POST
def review_view(request, pk):
    message = _message(request, pk)
    if not access.may_review(request.user, message):
        raise PermissionDenied
    approve = "approve" in request.POST
    done = _("The reply was approved: the message is answered.") if approve else _("The reply was returned.")
    return _act(
        request,
        message,
        ReviewForm(request.POST),
        lambda data: actions.review(message, request.user, approve=approve, note=data["note"]),
        done,
    )


@require_POST
def reroute_view(request, pk):
    message = _message(request, pk)
    if not access.may_reroute(request.user):
        raise PermissionDenied
    return _act(
        request,
        message,
        RerouteForm(request.POST),
        lambda data: actions.reroute(message, request.user, data["bureau"], data["note"]),
        _("The message was passed to another bureau."),
    )


@require_POST
def publish_view(request, pk):
    message = _message(request, pk)
    if not access.may_publish(request.user, message):
        raise PermissionDenied
    if "unpublish" in request.POST:
        try:
            actions.unpublish(message, request.user)
        except actions.ActionRefused as refusal:
            flash.error(request, str(refusal))
        else:
            flash.success(request, _("The message was taken off the public list."))
        return redirect("messages_admin:detail", message.pk)
    return _act(
        request,
        message,
        PublishForm(request.POST),
        lambda data: actions.publish(message, request.user, data["public_question"]),
        _("The question and answer are on the public list."),
    )


def photo_view(request, pk):
    """A message's private photo, to those who may read the message; never cached."""
    _require_open(request)
    item = get_object_or_404(MessagePhoto, pk=pk, message__in=access.readable(request.user))
    return private_photo_response(item.file)


urlpatterns = [
    path("", MessageIndexView.as_view(), name="index"),
    path("<int:pk>/", MessageDetailView.as_view(), name="detail"),
    path("<int:pk>/reply/", reply_view, name="reply"),
    path("<int:pk>/review/", review_view, name="review"),
    path("<int:pk>/reroute/", reroute_view, name="reroute"),
    path("<int:pk>/publish/", publish_view, name="publish"),
    path("photo/<int:pk>/", photo_view, name="photo"),
]


@hooks.register("register_admin_urls")
def register_message_urls():
    return [path("messages/", include((urlpatterns, "messages_admin"), namespace="messages_admin"))]


class MessageMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_open(request.user)


@hooks.register("register_admin_menu_item")
def register_message_menu_item():
    return MessageMenuItem(_("Citizens' messages"), reverse("messages_admin:index"), icon_name="mail", order=330)
