"""Public nominations of good people (我推荐身边好人). See docs/nominations.md.

A nomination moves through the stages used for 昆明好人: received, district review, public
evaluation (公示), expert review, decision. A second nomination of the same person (name,
district, category) in the same quarter is stored as an additional recommendation of the first
(`same_clue_of`), so it is followed by its own code but never counted twice."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from content.exemplars.models import ExemplarCategory
from content.nominations.codes import display
from core.storage import PrivateMediaStorage

CLUE_MAX_LENGTH = 70
DEEDS_MIN_LENGTH = 50
DEEDS_MAX_LENGTH = 3000
MAX_PHOTOS = 5
ADULT_AGE = 18


class TransitionRefused(Exception):
    """A nomination cannot change stage now; the message says why (shown to the reviewer)."""


class Stage(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("nomination stage", "Received")
    DISTRICT_REVIEW = "district", pgettext_lazy("nomination stage", "District review")
    PUBLICITY = "publicity", pgettext_lazy("nomination stage", "Public evaluation")
    EXPERT_REVIEW = "expert", pgettext_lazy("nomination stage", "Expert review")
    DECISION = "decision", pgettext_lazy("nomination stage", "Decision")
    APPROVED = "approved", pgettext_lazy("nomination stage", "Approved")
    REJECTED = "rejected", pgettext_lazy("nomination stage", "Not selected")
    MERGED = "merged", pgettext_lazy("nomination stage", "Merged into another nomination")


FINAL_STAGES = (Stage.APPROVED, Stage.REJECTED, Stage.MERGED)


class Gender(models.TextChoices):
    FEMALE = "f", _("Female")
    MALE = "m", _("Male")


class NomineeAwareness(models.TextChoices):
    AGREES = "agrees", _("Knows of the nomination and agrees")
    KNOWS = "knows", _("Knows of it but has not said whether they agree")
    UNAWARE = "unaware", _("Does not know of it yet")


def is_adult(birth_year, birth_month, today):
    """Whether someone born in `birth_month` of `birth_year` is 18 on `today`. The day is not
    asked, so the birthday is taken as the month's last day: adult from the next month on (born
    December 2008: adult from January 2027). A nomination without a month counts as December."""
    month = birth_month or 12
    return (today.year, today.month) > (birth_year + ADULT_AGE, month)


def adult_filter(today, prefix=""):
    """`is_adult` as a filter on Nomination (`prefix` "nomination__" from a NominationPhoto)."""
    year = today.year - ADULT_AGE
    return Q(**{f"{prefix}birth_year__lt": year}) | Q(
        **{f"{prefix}birth_year": year, f"{prefix}birth_month__lt": today.month}
    )


def photos_may_be_shown(today, prefix=""):
    """The nominee's photos may be shown in the 公示: the nominator consented and the nominee is an
    adult. A filter on Nomination (`prefix` "nomination__" from a NominationPhoto)."""
    return Q(**{f"{prefix}photo_consent": True}) & adult_filter(today, prefix)


def _photo_path(instance, filename):
    # Nothing of the sender's file name is kept; the extension is the cleaner's (jpg, or png with transparency).
    extension = "png" if filename.lower().endswith(".png") else "jpg"
    return f"nominations/{uuid.uuid4().hex}.{extension}"


class Nomination(models.Model):
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True, editable=False)
    period = models.CharField(_("period"), max_length=7, help_text=_("The quarter, e.g. 2026Q2."), editable=False)
    clue_key = models.CharField(max_length=200, editable=False, db_index=True)
    same_clue_of = models.ForeignKey(
        "self",
        verbose_name=_("additional recommendation of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="additional_recommendations",
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.RECEIVED)
    stage_changed_at = models.DateTimeField(_("stage changed at"), auto_now_add=True)

    nominee_name = models.CharField(_("nominee's name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    # Asked since minors are judged by year and month; older nominations have none (December).
    birth_month = models.PositiveSmallIntegerField(
        _("month of birth"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    guardian_consent = models.BooleanField(_("guardian consents"), default=False)
    district = models.ForeignKey("portal.District", verbose_name=_("district"), on_delete=models.PROTECT)
    category = models.CharField(_("category"), max_length=20, choices=ExemplarCategory.choices)
    clue = models.CharField(_("clue in one line"), max_length=CLUE_MAX_LENGTH)
    deeds = models.TextField(_("deeds"))
    evidence_links = models.TextField(_("evidence links"), blank=True)
    nominee_awareness = models.CharField(_("nominee knows"), max_length=10, choices=NomineeAwareness.choices)
    photo_consent = models.BooleanField(_("nominee agrees to photos being shown"), default=False)

    nominator_name = models.CharField(_("nominator's name"), max_length=50, blank=True)
    nominator_phone = models.CharField(_("nominator's mobile number"), max_length=11, blank=True)
    nominator_relation = models.CharField(_("relation to the nominee"), max_length=50, blank=True)
    nominator_unit = models.CharField(_("nominator's unit"), max_length=100, blank=True)
    declaration = models.BooleanField(_("declares the account true"), default=False)
    data_consent = models.BooleanField(_("consents to data processing"), default=False)
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    bureau = models.ForeignKey(
        "portal.BureauPage",
        verbose_name=_("responsible bureau"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publicity_ends_on = models.DateField(_("public evaluation ends on"), null=True, blank=True)
    like_count = models.PositiveIntegerField(_("likes"), default=0)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    exemplar = models.ForeignKey(
        "content.ExemplarPage", verbose_name=_("exemplar page"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            # Two simultaneous nominations of one person: the second insert fails and is linked.
            models.UniqueConstraint(
                fields=["clue_key"], condition=Q(same_clue_of__isnull=True), name="one_primary_nomination_per_clue"
            )
        ]
        permissions = [
            ("view_nominator", _("Can see nominators' personal data")),
            ("screen_nomination", _("Can accept nominations and move them between stages")),
            ("district_review_nomination", _("Can do the district review of nominations")),
            ("score_nomination", _("Can score nominations as an expert")),
            ("decide_nomination", _("Can approve or reject nominations")),
        ]

    def __str__(self):
        return f"{self.nominee_name} ({self.tracking_code})"

    @property
    def is_primary(self):
        return self.same_clue_of_id is None

    @property
    def display_code(self):

        return display(self.tracking_code)

    def evidence_link_list(self):
        return [line for line in self.evidence_links.splitlines() if line.strip()]


class NominationPhoto(models.Model):
    """A nominee's photo as sent, re-encoded without metadata; private until the nomination is approved."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("file"), storage=PrivateMediaStorage(), upload_to=_photo_path)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("nomination photo")
        verbose_name_plural = _("nomination photos")

    def __str__(self):
        return f"{self.nomination_id}/{self.sort_order}"


class NominationEvent(models.Model):
    """One stage change: who, when, from and to, and why (shown to reviewers; the public sees stage and date)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="events")
    from_stage = models.CharField(_("from"), max_length=10, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=10, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("nomination stage change")
        verbose_name_plural = _("nomination stage changes")

    def __str__(self):
        return f"{self.nomination_id}: {self.from_stage} → {self.to_stage}"


class ExpertScore(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="scores")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT)
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["nomination", "expert"], name="one_score_per_expert")]
        verbose_name = _("expert score")
        verbose_name_plural = _("expert scores")

    def __str__(self):
        return f"{self.nomination_id}: {self.score}"


class NominationObjection(models.Model):
    """An objection sent from the public evaluation page; reviewed in the admin."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="objections")
    text = models.TextField(_("objection"))
    # Optional, so that a reviewer can ask the sender what they know; erased with the nominator's
    # data (content/nominations/tasks.py) and never shown in public.
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    review_note = models.TextField(_("finding"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self):
        return f"{self.nomination_id} @ {self.created_at}"


class NominationLike(models.Model):
    """One like of a candidate under public evaluation per visitor (one person, one vote)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="likes")
    visitor_key = models.CharField(max_length=64)
    source_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["nomination", "visitor_key"], name="one_like_per_nomination")]
        verbose_name = _("nomination like")
        verbose_name_plural = _("nomination likes")

    def __str__(self):
        return f"{self.nomination_id}"


class NominatorDataAccess(models.Model):
    """Each time a reviewer saw or exported nominators' personal data."""

    nomination = models.ForeignKey(Nomination, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=10)  # "view" or "export"
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("nominator data access")
        verbose_name_plural = _("nominator data accesses")

    def __str__(self):
        return f"{self.user_id} {self.action} {self.nomination_id}"
