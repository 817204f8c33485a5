"""随手拍 reports (SnapshotReport): what a citizen saw, where and when, with photos. See docs/suishoupai.md.

A report is never public as sent: its text, photos and map point are shown only in the admin,
to the bureau it is routed to and to 市文明办. What the public may ever see of it is what an
editor writes into a behaviour notice made from it, with photos that went through the blur review."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from content.nominations.codes import display
from core.storage import PrivateMediaStorage

MAX_PHOTOS = 5
PLACE_MAX_LENGTH = 100
DESCRIPTION_MAX_LENGTH = 500
REASON_MAX_LENGTH = 300


class TriageRefused(Exception):
    """A triage action is not possible now; the message says why (shown to the user)."""


class Status(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("snapshot status", "Received")
    ACCEPTED = "accepted", pgettext_lazy("snapshot status", "Accepted")
    REJECTED = "rejected", pgettext_lazy("snapshot status", "Not accepted")
    NOTICE = "notice", pgettext_lazy("snapshot status", "Turned into an exposure notice")
    CLOSED = "closed", pgettext_lazy("snapshot status", "Closed")


OPEN_STATUSES = (Status.RECEIVED, Status.ACCEPTED)


class SnapshotReport(models.Model):
    tracking_code = models.CharField(_("tracking code"), max_length=12, unique=True, editable=False)
    behaviour_type = models.ForeignKey(
        "content.BehaviourType", verbose_name=_("behaviour type"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey("portal.District", verbose_name=_("district"), on_delete=models.PROTECT)
    place = models.CharField(_("place"), max_length=PLACE_MAX_LENGTH)
    # The map point is personal data (it may be the reporter's home): admin only, never public.
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    seen_at = models.DateTimeField(_("seen at"))
    description = models.TextField(_("description"), blank=True)
    consent = models.BooleanField(_("photos may be used, blurred, in a notice"), default=False)
    bureau = models.ForeignKey(
        "portal.BureauPage",
        verbose_name=_("bureau"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The bureau that triages the report (docs/suishoupai.md: routing)."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    # Shown to the reporter on the status page: written by the bureau for them.
    reason = models.CharField(_("reason"), max_length=REASON_MAX_LENGTH, blank=True)
    notice = models.ForeignKey(
        "content.BehaviourNoticePage",
        verbose_name=_("exposure notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("snapshot report")
        verbose_name_plural = _("snapshot reports")
        indexes = [models.Index(fields=["bureau", "status"], name="snapshot_bureau_status")]

    def __str__(self):
        return self.display_code

    @property
    def display_code(self):
        return display(self.tracking_code)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES


def _photo_path(instance, filename):
    # Nothing of the sender's file name is kept; the extension is the cleaner's.
    extension = "png" if filename.lower().endswith(".png") else "jpg"
    return f"snapshots/{uuid.uuid4().hex}.{extension}"


class SnapshotPhoto(models.Model):
    report = models.ForeignKey(SnapshotReport, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(storage=PrivateMediaStorage(), upload_to=_photo_path)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("snapshot photo")
        verbose_name_plural = _("snapshot photos")

    def __str__(self):
        return f"{self.report_id}-{self.sort_order}"


class SnapshotEvent(models.Model):
    """One step of the report's history: a status change or a reroute, by whom and when."""

    report = models.ForeignKey(SnapshotReport, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    bureau = models.ForeignKey(
        "portal.BureauPage",
        verbose_name=_("bureau"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rerouted = models.BooleanField(_("rerouted"), default=False)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("snapshot event")
        verbose_name_plural = _("snapshot events")

    def __str__(self):
        return f"{self.report_id}: {self.status}"
