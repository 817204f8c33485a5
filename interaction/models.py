"""Citizens' messages (留言) and their answers. See docs/messages.md.

A message is routed to one bureau (its topic's lead bureau, interaction/routing.py; 市文明办 may
reroute it). The bureau drafts a reply; a reviewer of that bureau approves it (never their own);
the approved reply is the answer the citizen reads by tracking code. With the citizen's consent
an answered message may be published: the question (as edited for publication) and the answer,
never the sender's details. The contact details are erased MESSAGE_PURGE_DAYS after the answer."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from content.nominations.codes import display
from core.storage import PrivateMediaStorage

SUBJECT_MAX_LENGTH = 60
TEXT_MIN_LENGTH = 10
TEXT_MAX_LENGTH = 2000
REPLY_MAX_LENGTH = 5000
MAX_PHOTOS = 3


class Topic(models.TextChoices):
    """The short list a citizen chooses from; interaction/routing.py maps each to a directive task."""

    TRAFFIC = "traffic", _("Traffic and road safety")
    CITY_APPEARANCE = "appearance", _("City appearance and sanitation")
    PUBLIC_ORDER = "order", _("Street order")
    TRANSPORT = "transport", _("Public transport and parking")
    COMMUNITY = "community", _("Community services")
    MARKETS = "markets", _("Markets and food stalls")
    VOLUNTEERING = "volunteering", _("Volunteer service")
    MINORS = "minors", _("Children and young people")
    ADS = "ads", _("Public-service ads")
    SUGGESTION = "suggestion", _("Suggestions on the civilised-city campaign")


class Status(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("message status", "Received")
    IN_REVIEW = "review", pgettext_lazy("message status", "Reply under review")
    ANSWERED = "answered", pgettext_lazy("message status", "Answered")


class EventKind(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("message event", "Received")
    ROUTED = "routed", pgettext_lazy("message event", "Passed to the responsible bureau")
    SUBMITTED = "submitted", pgettext_lazy("message event", "Reply submitted for review")
    RETURNED = "returned", pgettext_lazy("message event", "Reply returned for changes")
    ANSWERED = "answered", pgettext_lazy("message event", "Answered")
    PUBLISHED = "published", pgettext_lazy("message event", "Published")
    UNPUBLISHED = "unpublished", pgettext_lazy("message event", "Taken off the public list")


#: Events a citizen sees on the status page (the others are the bureau's own business).
PUBLIC_EVENTS = (EventKind.RECEIVED, EventKind.ROUTED, EventKind.SUBMITTED, EventKind.ANSWERED)


def _photo_path(instance, filename):
    # Nothing of the sender's file name is kept; the extension is the cleaner's.
    extension = "png" if filename.lower().endswith(".png") else "jpg"
    return f"messages/{uuid.uuid4().hex}.{extension}"


class MessageQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Status.ANSWERED)

    def published(self):
        return self.filter(status=Status.ANSWERED, published_at__isnull=False)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)


class Message(models.Model):
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True, editable=False)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX_LENGTH)
    text = models.TextField(_("message"))
    bureau = models.ForeignKey(
        "portal.BureauPage", verbose_name=_("responsible bureau"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField(_("received at"), db_index=True)
    due_on = models.DateField(_("reply due on"), db_index=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    contact_name = models.CharField(_("name"), max_length=50, blank=True)
    contact_phone = models.CharField(_("mobile number"), max_length=11, blank=True)
    contact_email = models.EmailField(_("e-mail address"), blank=True)
    data_consent = models.BooleanField(_("consents to the processing of their data"), default=False)
    publish_consent = models.BooleanField(_("agrees to publication without personal data"), default=False)
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    # Publication: the question as edited for the public (no personal data) and when it went up.
    public_question = models.TextField(_("question as published"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)

    # Deadline mails already sent (the daily job sends each once).
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    alarm_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("citizen's message")
        verbose_name_plural = _("citizens' messages")
        constraints = [
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(status="answered", publish_consent=True),
                name="message_published_only_when_answered_with_consent",
            ),
        ]

    def __str__(self):
        return f"{self.display_code} {self.subject}"

    @property
    def display_code(self):
        return display(self.tracking_code)

    @property
    def is_published(self):
        return self.published_at is not None

    def answer(self):
        return self.replies.filter(state=ReplyState.APPROVED).order_by("-reviewed_at").first()


class MessagePhoto(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=_photo_path, storage=PrivateMediaStorage())
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.file.name


class ReplyState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("reply state", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("reply state", "Awaiting review")
    RETURNED = "returned", pgettext_lazy("reply state", "Returned for changes")
    APPROVED = "approved", pgettext_lazy("reply state", "Approved")


class MessageReply(models.Model):
    """A bureau's reply. One open reply (draft, submitted or returned) at a time per message;
    approving it answers the message."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="replies")
    bureau = models.ForeignKey("portal.BureauPage", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("reply"))
    state = models.CharField(_("state"), max_length=10, choices=ReplyState.choices, default=ReplyState.DRAFT)
    # Kept when an account is deleted (the reply stays on record); the demo's replies have none.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last edited"), auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("reviewer's note"), blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["message"],
                condition=~Q(state="approved"),
                name="one_open_reply_per_message",
            ),
        ]

    def __str__(self):
        return f"{self.message_id}: {self.get_state_display()}"


class MessageEvent(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    bureau = models.ForeignKey("portal.BureauPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.message_id}: {self.get_kind_display()}"
