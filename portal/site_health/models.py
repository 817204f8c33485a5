"""The stored health reports (app label `portal`, migrations in portal/migrations/).

One report a run, one result row per indicator, so a night can be compared with the one before
(the mail goes out on a turn to red) and the dashboard shows a history. Audit findings are kept
with the night they were first seen: the tampering indicator turns red on one left more than a
day."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.site_health.results import BY_KEY, Status


class HealthReport(models.Model):
    measured_at = models.DateTimeField(_("measured at"), db_index=True)
    status = models.CharField(_("status"), max_length=5, choices=Status.choices)
    veto_red = models.BooleanField(_("a single-veto indicator is red"), default=False)
    trigger = models.CharField(max_length=20, default="schedule", editable=False)
    # When the turn-to-red mail went out (at most once per report; see mail.py).
    mailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        app_label = "portal"
        ordering = ["-measured_at", "-id"]
        verbose_name = _("site health report")
        verbose_name_plural = _("site health reports")

    def __str__(self):
        return f"{self.measured_at:%Y-%m-%d %H:%M} {self.status}"


class HealthResult(models.Model):
    report = models.ForeignKey(HealthReport, on_delete=models.CASCADE, related_name="results")
    indicator = models.CharField(_("indicator"), max_length=30)
    status = models.CharField(_("status"), max_length=5, choices=Status.choices)
    single_veto = models.BooleanField(default=False)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    figure = models.IntegerField(null=True, blank=True)
    items = models.JSONField(default=list, blank=True)
    by_bureau = models.JSONField(default=dict, blank=True)

    class Meta:
        app_label = "portal"
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="health_result_once_per_report")]

    def __str__(self):
        return f"{self.indicator}: {self.status}"

    @property
    def label(self):
        indicator = BY_KEY.get(self.indicator)
        return indicator.label if indicator else self.indicator


class AuditFindingRecord(models.Model):
    """A finding of the nightly content audit (core/safety/page_audit.py), from the night it was
    first seen until a later audit no longer finds it (`resolved_at`)."""

    url = models.CharField(max_length=500)
    category = models.CharField(max_length=40)
    text = models.CharField(max_length=300)
    message = models.TextField(blank=True)
    first_seen = models.DateTimeField(db_index=True)
    last_seen = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        app_label = "portal"
        ordering = ["first_seen", "id"]

    def __str__(self):
        return f"{self.url} {self.category} {self.text}"
