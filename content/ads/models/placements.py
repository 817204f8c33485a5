"""Where ad works are displayed, their inspections, citizens' problem reports and the update
tasks that close the 制作、发布、检查、更新 loop."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.safety.model_check import ContentSafetyMixin
from core.storage import private_storage
from core.tracking_codes import display, new_code

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud or typed from a sign
CODE_LENGTH = 6
#: A citizen report of the same placement and problem within this time of an open update task
#: joins that task instead of opening another: a person who thinks the first send failed and sends
#: again, or ten passers-by who see the same torn poster, make one job for the bureau.
REPEAT_REPORT_WINDOW = datetime.timedelta(days=7)


def new_placement_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class PlacementStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SHOWING = "showing", _("Showing")
    NEEDS_UPDATE = "needs-update", _("Needs updating")
    REMOVED = "removed", _("Removed")


class InspectionState(models.TextChoices):
    OK = "ok", _("Up to date")
    DUE = "due", _("Inspection due")
    OVERDUE = "overdue", _("Inspection overdue")
    NOT_APPLICABLE = "n/a", _("Not inspected (not on display)")


class AdProblem(models.TextChoices):
    DAMAGED = "damaged", _("Damaged")
    FADED = "faded", _("Faded")
    MISSING = "missing", _("Missing")
    EXPIRED = "expired", _("Out of date")
    OBSCURED = "obscured", _("Obscured")
    OTHER = "other", _("Other")


class InspectionResult(models.TextChoices):
    INTACT = "intact", _("Intact")
    DAMAGED = "damaged", _("Damaged")
    FADED = "faded", _("Faded")
    MISSING = "missing", _("Missing")
    EXPIRED = "expired", _("Out of date")
    OBSCURED = "obscured", _("Obscured")


class AdPlacement(ContentSafetyMixin, models.Model):
    """One place where a work is displayed, with a public code printed on a QR sticker."""

    code = models.CharField(_("public code"), max_length=12, unique=True, default=new_placement_code, editable=False)
    work = models.ForeignKey(
        "content.PublicServiceAdPage", verbose_name=_("work"), on_delete=models.PROTECT, related_name="placements"
    )
    carrier = models.ForeignKey(
        "content.AdCarrier", verbose_name=_("carrier"), on_delete=models.PROTECT, related_name="placements"
    )
    place = models.CharField(_("place"), max_length=200, help_text=_("Where to find it, e.g. a street and landmark."))
    district = models.ForeignKey(
        "portal.District", verbose_name=_("district"), on_delete=models.PROTECT, related_name="ad_placements"
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    bureau = models.ForeignKey(
        "portal.BureauPage",
        verbose_name=_("responsible bureau"),
        on_delete=models.PROTECT,
        related_name="ad_placements",
    )
    starts_on = models.DateField(_("from"), default=datetime.date.today)
    ends_on = models.DateField(_("to"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=PlacementStatus.choices, default=PlacementStatus.SHOWING
    )
    last_inspected_on = models.DateField(_("last inspected"), null=True, blank=True, editable=False)
    next_inspection_on = models.DateField(_("next inspection"), null=True, blank=True, editable=False)
    inspection_state = models.CharField(
        _("inspection"), max_length=10, choices=InspectionState.choices, default=InspectionState.OK, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ad placement")
        verbose_name_plural = _("ad placements")
        indexes = [models.Index(fields=["bureau", "status"]), models.Index(fields=["inspection_state"])]

    def __str__(self):
        return f"{self.code} · {self.carrier} · {self.place}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("ad_placement", kwargs={"code": self.code})

    def clean(self):
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date must not be before the start date.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})

    @property
    def is_on_display(self):
        return self.status in (PlacementStatus.SHOWING, PlacementStatus.NEEDS_UPDATE)

    def compute_next_inspection(self):
        start = self.last_inspected_on or self.starts_on
        return start + datetime.timedelta(days=self.carrier.inspection_interval_days)

    def compute_inspection_state(self, today):
        if not self.is_on_display:
            return InspectionState.NOT_APPLICABLE
        due_on = self.compute_next_inspection()
        if today > due_on:
            return InspectionState.OVERDUE
        if today >= due_on - datetime.timedelta(days=settings.AD_INSPECTION_DUE_SOON_DAYS):
            return InspectionState.DUE
        return InspectionState.OK


class AdInspection(ContentSafetyMixin, models.Model):
    placement = models.ForeignKey(
        AdPlacement, verbose_name=_("placement"), on_delete=models.CASCADE, related_name="inspections"
    )
    inspected_on = models.DateField(_("date"), default=datetime.date.today)
    inspector = models.CharField(_("inspector"), max_length=50)
    result = models.CharField(_("result"), max_length=10, choices=InspectionResult.choices)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-inspected_on", "-id"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self):
        return f"{self.placement.code} {self.inspected_on:%Y-%m-%d} {self.get_result_display()}"

    def save(self, *args, **kwargs):
        created = self.pk is None
        with transaction.atomic():
            super().save(*args, **kwargs)
            placement = self.placement
            latest = placement.inspections.order_by("-inspected_on").values_list("inspected_on", flat=True).first()
            placement.last_inspected_on = latest
            placement.next_inspection_on = placement.compute_next_inspection()
            placement.inspection_state = placement.compute_inspection_state(timezone.localdate())
            placement.save(update_fields=["last_inspected_on", "next_inspection_on", "inspection_state"])
            if created and self.result != InspectionResult.INTACT:
                AdUpdateTask.open_for(placement, problem=self.result, inspection=self)

    def clean(self):
        super().clean()
        if self.inspected_on and self.inspected_on > timezone.localdate():
            raise ValidationError({"inspected_on": _("An inspection cannot be dated in the future.")})


class AdProblemReport(models.Model):
    """A citizen problem report (市民问题反馈) about a placement, sent from its public page without an account.

    Not passed through the content-safety check: reports are never published, and a citizen
    reporting a gambling sticker pasted over an ad must be able to say what it says."""

    placement = models.ForeignKey(
        AdPlacement, verbose_name=_("placement"), on_delete=models.CASCADE, related_name="reports"
    )
    problem = models.CharField(_("problem"), max_length=10, choices=AdProblem.choices)
    description = models.TextField(_("description"), max_length=500, blank=True)
    photo = models.ImageField(
        _("photo"), storage=private_storage, upload_to="ad-reports/%Y/%m/", null=True, blank=True, max_length=200
    )
    client_hash = models.CharField(_("sender fingerprint"), max_length=64, blank=True, editable=False)
    tracking_code = models.CharField(_("tracking code"), max_length=12, unique=True, default=new_code, editable=False)
    joined_task = models.ForeignKey(
        "AdUpdateTask",
        verbose_name=_("joined update task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeat_reports",
        editable=False,
        help_text=_("A repeated report of the same problem: it joined this open task instead of opening another."),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("citizen problem report")
        verbose_name_plural = _("citizen problem reports")

    def __str__(self):
        return f"{self.placement.code} {self.get_problem_display()}"

    def save(self, *args, **kwargs):
        created = self.pk is None
        with transaction.atomic():
            if created:
                # Locking the placement serialises reports of one placement, so two sent in the
                # same second cannot both find no task and open two.
                list(AdPlacement.objects.select_for_update().filter(pk=self.placement_id).values_list("pk"))
                self.joined_task = AdUpdateTask.open_repeat_of(self.placement_id, self.problem)
            super().save(*args, **kwargs)
            if created and self.joined_task is None:
                AdUpdateTask.open_for(self.placement, problem=self.problem, report=self)

    @property
    def display_code(self):
        return display(self.tracking_code)

    @property
    def task(self):
        """The update task that handles this report: its own, or the one it joined."""
        if self.joined_task_id:
            return self.joined_task
        return getattr(self, "update_task", None)


def default_update_deadline(today=None):
    """The deadline the system gives a new update task: AD_UPDATE_DEADLINE_DAYS from today."""
    return (today or timezone.localdate()) + datetime.timedelta(days=settings.AD_UPDATE_DEADLINE_DAYS)


class UpdateTaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class UpdateTaskSource(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")
    CITIZEN = "citizen", _("Citizen problem report")


class AdUpdateTask(ContentSafetyMixin, models.Model):
    """Work the responsible bureau owes a placement: repair, replace, update or remove."""

    placement = models.ForeignKey(
        AdPlacement, verbose_name=_("placement"), on_delete=models.CASCADE, related_name="update_tasks"
    )
    bureau = models.ForeignKey(
        "portal.BureauPage", verbose_name=_("responsible bureau"), on_delete=models.PROTECT, related_name="ad_tasks"
    )
    source = models.CharField(_("source"), max_length=12, choices=UpdateTaskSource.choices)
    inspection = models.OneToOneField(
        AdInspection,
        verbose_name=_("inspection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="update_task",
        editable=False,
    )
    report = models.OneToOneField(
        AdProblemReport,
        verbose_name=_("citizen problem report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="update_task",
        editable=False,
    )
    problem = models.CharField(_("problem"), max_length=10, choices=AdProblem.choices)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=UpdateTaskStatus.choices, default=UpdateTaskStatus.OPEN
    )
    overdue = models.BooleanField(_("overdue"), default=False, editable=False)
    resolution = models.TextField(_("what was done"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)

    class Meta:
        ordering = ["status", "deadline", "id"]
        verbose_name = _("ad update task")
        verbose_name_plural = _("ad update tasks")
        indexes = [models.Index(fields=["bureau", "status"])]

    def __str__(self):
        return f"{self.placement.code} {self.get_problem_display()} ({self.get_status_display()})"

    @classmethod
    def open_for(cls, placement, problem, inspection=None, report=None, today=None):
        task = cls.objects.create(
            placement=placement,
            bureau_id=placement.bureau_id,
            source=UpdateTaskSource.INSPECTION if inspection else UpdateTaskSource.CITIZEN,
            inspection=inspection,
            report=report,
            problem=problem if problem in AdProblem.values else AdProblem.OTHER,
            deadline=default_update_deadline(today),
        )
        if placement.status == PlacementStatus.SHOWING:
            placement.status = PlacementStatus.NEEDS_UPDATE
            placement.save(update_fields=["status"])
        return task

    @classmethod
    def open_repeat_of(cls, placement_id, problem, now=None):
        """The open task a new report of `problem` at the placement joins, or None."""
        since = (now or timezone.now()) - REPEAT_REPORT_WINDOW
        return (
            cls.objects.filter(
                placement_id=placement_id, problem=problem, status=UpdateTaskStatus.OPEN, created_at__gte=since
            )
            .order_by("created_at", "id")
            .first()
        )

    def clean(self):
        super().clean()
        if self.status == UpdateTaskStatus.CLOSED and not self.resolution.strip():
            raise ValidationError({"resolution": _("Say what was done before closing the task.")})

    def is_overdue_on(self, today):
        return self.status == UpdateTaskStatus.OPEN and today > self.deadline

    def close(self, user, resolution, now=None):
        self.status = UpdateTaskStatus.CLOSED
        self.resolution = resolution
        self.closed_by = user
        self.closed_at = now or timezone.now()
        self.overdue = False
        self.full_clean()
        self.save()
        placement = self.placement
        if (
            placement.status == PlacementStatus.NEEDS_UPDATE
            and not placement.update_tasks.filter(status=UpdateTaskStatus.OPEN).exists()
        ):
            placement.status = PlacementStatus.SHOWING
            placement.save(update_fields=["status"])
