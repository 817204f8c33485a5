"""Photos of people and places that the public site must handle with care.

A protected photo keeps its original in private storage (no public URL). What the public sees
are derived files (`PublicPhotoRendition`): re-encoded without EXIF/GPS and, for exposure
photos, with every blur region applied. Regions come from the automatic detector (faces,
licence plates) or from an editor; an exposure photo's regions must be reviewed by an editor
before a notice that shows it can be published (content/photos/)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from core.compiled_queries import CompiledRelated
from core.safety.model_check import ContentSafetyMixin
from core.storage import PrivateMediaStorage


def _original_path(instance, filename):
    # The original name may carry a person's name or a place; keep only a random one.
    return f"photos/originals/{uuid.uuid4().hex}.jpg"


def _rendition_path(instance, filename):
    # A new random name for every generation, so an old URL never shows a newer (or older) blur.
    return f"photos/public/{uuid.uuid4().hex}.jpg"


class PhotoPurpose(models.TextChoices):
    EXPOSURE = "exposure", _("Exposure notice photo")
    EXEMPLAR = "exemplar", _("Exemplar photo")


class DetectionState(models.TextChoices):
    PENDING = "pending", _("Waiting for detection")
    DONE = "done", _("Detection done")
    FAILED = "failed", _("Detection failed")


class ProtectedPhoto(ContentSafetyMixin, models.Model):
    purpose = models.CharField(_("purpose"), max_length=10, choices=PhotoPurpose.choices)
    bureau = models.ForeignKey(
        "portal.BureauPage",
        verbose_name=_("bureau"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The bureau whose editors may use and review this photo."),
    )
    title = models.CharField(_("title"), max_length=100, help_text=_("For editors: what and where the photo is."))
    original = models.FileField(_("original"), storage=PrivateMediaStorage(), upload_to=_original_path)
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    detection_state = models.CharField(
        _("detection"), max_length=10, choices=DetectionState.choices, default=DetectionState.PENDING, editable=False
    )
    detected_at = models.DateTimeField(_("detected at"), null=True, blank=True, editable=False)
    regions_reviewed_at = models.DateTimeField(_("blur regions reviewed at"), null=True, blank=True, editable=False)
    regions_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blur regions reviewed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # On the photo, not on a page's link to it: a second link to the same photo must not be able
    # to clear the flag or invent a consent.
    shows_minor = models.BooleanField(
        _("shows a minor"),
        default=False,
        help_text=_("A photo of a minor is never shown on the public site, on whatever page it is used."),
    )
    consent_recorded_on = models.DateField(
        _("consent recorded on"),
        null=True,
        blank=True,
        help_text=_("For a photo of a good person: the date their signed consent to publication was recorded."),
    )
    consent_record = models.CharField(
        _("consent record"),
        max_length=200,
        blank=True,
        help_text=_("Where the signed consent is kept, e.g. 宣传部档案 2026-017."),
    )

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("protected photo")
        verbose_name_plural = _("protected photos")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        # A date without a record (or the reverse) is not a consent anyone could show.
        if self.consent_recorded_on and not self.consent_record.strip():
            raise ValidationError({"consent_record": _("Say where the signed consent is kept.")})
        if self.consent_record.strip() and not self.consent_recorded_on:
            raise ValidationError({"consent_recorded_on": _("Give the date the consent was recorded.")})

    @staticmethod
    def public_filter(prefix=""):
        """The photos the public may see, for the database (`prefix` is the lookup to the photo,
        e.g. "photo__"): never a minor's, and a good person's only with a recorded consent."""
        consent = Q(**{f"{prefix}consent_recorded_on__isnull": False}) & ~Q(
            **{f"{prefix}consent_record__regex": r"^\s*$"}
        )
        return Q(**{f"{prefix}shows_minor": False}) & (~Q(**{f"{prefix}purpose": PhotoPurpose.EXEMPLAR}) | consent)

    @property
    def may_be_public(self):
        """`public_filter` for one photo in memory; tests/photos check that they agree."""
        if self.shows_minor:
            return False
        if self.purpose != PhotoPurpose.EXEMPLAR:
            return True
        return self.consent_recorded_on is not None and bool(self.consent_record.strip())

    @property
    def needs_review(self):
        """An exposure photo needs an editor's review of its blur regions before it can go public."""
        return self.purpose == PhotoPurpose.EXPOSURE and self.regions_reviewed_at is None


class BlurRegionSource(models.TextChoices):
    DETECTED_FACE = "face", _("Detected face")
    DETECTED_PLATE = "plate", _("Detected licence plate")
    EDITOR = "editor", _("Added by an editor")


class BlurRegion(models.Model):
    """A rectangle, in pixels of the original, that every public rendition blurs."""

    photo = models.ForeignKey(ProtectedPhoto, on_delete=models.CASCADE, related_name="blur_regions")
    source = models.CharField(_("source"), max_length=10, choices=BlurRegionSource.choices)
    x = models.PositiveIntegerField()
    y = models.PositiveIntegerField()
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["y", "x", "id"]
        verbose_name = _("blur region")
        verbose_name_plural = _("blur regions")

    def __str__(self):
        return f"{self.get_source_display()} ({self.x}, {self.y}, {self.width}×{self.height})"


class PublicPhotoRendition(models.Model):
    """A public, privacy-safe copy of a protected photo at one width."""

    photo = models.ForeignKey(ProtectedPhoto, on_delete=models.CASCADE, related_name="public_renditions")
    max_width = models.PositiveIntegerField(_("maximum width"))
    file = models.ImageField(_("file"), upload_to=_rendition_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["photo", "max_width"], name="one_public_rendition_per_width")]
        verbose_name = _("public photo rendition")
        verbose_name_plural = _("public photo renditions")

    def __str__(self):
        return f"{self.photo_id} ≤{self.max_width}px"

    @property
    def url(self):
        return self.file.url


_PUBLIC_RENDITIONS = CompiledRelated(
    lambda _shape: PublicPhotoRendition.objects.order_by("max_width", "pk"), "photo_id"
)


def attach_public_renditions(photos):
    """What `prefetch_public_photos()` does, for photos already fetched: one query compiled once
    (core/compiled_queries.py), the photos' ids as its one parameter."""
    return _PUBLIC_RENDITIONS.attach(photos, cache_name="public_renditions")


def prefetch_public_photos(lookup=""):
    """The Prefetch of the public renditions of the ProtectedPhoto at `lookup` ("" for a photo queryset)."""
    path = f"{lookup}__public_renditions" if lookup else "public_renditions"
    return Prefetch(path, queryset=PublicPhotoRendition.objects.order_by("max_width"))
