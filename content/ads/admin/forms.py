"""Admin forms that offer only the user's own bureaus and placements."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.images.widgets import AdminImageChooser

from bureaus.admin_scoping import user_bureau_ids, user_bureaus
from bureaus.models.bureaus import BureauPage
from content.ads.models.placements import (
    AdInspection,
    AdPlacement,
    AdUpdateTask,
    UpdateTaskSource,
    UpdateTaskStatus,
    default_update_deadline,
)
from content.ads.models.works import PublicServiceAdPage

# --- Forms ---------------------------------------------------------------------------------------


def _placements_for(user):
    return user_scoped(AdPlacement.objects.select_related("carrier"), "bureau_id", user).order_by("code")


def user_scoped(queryset, lookup, user):
    if user is None or user.is_superuser:
        return queryset
    return queryset.filter(**{f"{lookup}__in": user_bureau_ids(user)})


class PlacementForm(WagtailAdminModelForm):
    class Meta:
        model = AdPlacement
        fields = [
            "work",
            "carrier",
            "place",
            "district",
            "latitude",
            "longitude",
            "bureau",
            "starts_on",
            "ends_on",
            "status",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any live work: a bureau may display another bureau's work.
        works = PublicServiceAdPage.objects.live().order_by("title")
        if self.instance.pk and self.instance.work_id:
            works = PublicServiceAdPage.objects.filter(Q(live=True) | Q(pk=self.instance.work_id)).order_by("title")
        self.fields["work"].queryset = works
        self.fields["bureau"].queryset = user_bureaus(self.for_user) if self.for_user else BureauPage.objects.none()
        if not self.for_user.is_superuser:
            bureaus = list(self.fields["bureau"].queryset[:2])
            if len(bureaus) == 1 and not self.instance.pk:
                self.fields["bureau"].initial = bureaus[0].pk


class InspectionForm(WagtailAdminModelForm):
    class Meta:
        model = AdInspection
        fields = ["placement", "inspected_on", "inspector", "result", "photo", "notes"]
        widgets = {"photo": AdminImageChooser}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = _placements_for(self.for_user)


def may_set_deadline(user):
    """Deadlines are the system's (AD_UPDATE_DEADLINE_DAYS) and the civilization office's: a bureau
    does not extend its own. The office's administrators are the superusers."""
    return user is not None and user.is_superuser


class UpdateTaskForm(WagtailAdminModelForm):
    """Edits an open task; choosing status "closed" closes it through AdUpdateTask.close()."""

    class Meta:
        model = AdUpdateTask
        fields = ["placement", "problem", "deadline", "status", "resolution"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = _placements_for(self.for_user)
        if not self.instance.pk:
            self.fields["deadline"].initial = default_update_deadline()
        if not may_set_deadline(self.for_user):
            # A disabled field keeps its initial value whatever is posted.
            self.fields["deadline"].disabled = True
            self.fields["deadline"].help_text = _(
                "Set by the system when the task was opened; only the civilization office may change it."
            )
        self.was_closed = self.instance.pk is not None and self.instance.status == UpdateTaskStatus.CLOSED
        if self.instance.pk:
            # A task stays with the placement it was opened for.
            self.fields["placement"].disabled = True

    def _post_clean(self):
        if not self.instance.pk and self.cleaned_data.get("placement"):
            placement = self.cleaned_data["placement"]
            self.instance.bureau_id = placement.bureau_id
            self.instance.source = self.instance.source or UpdateTaskSource.INSPECTION
        super()._post_clean()

    def save(self, commit=True):
        task = super().save(commit=False)
        closing = task.status == UpdateTaskStatus.CLOSED and not self.was_closed
        if task.status == UpdateTaskStatus.OPEN and self.was_closed:
            task.closed_at = None
            task.closed_by = None
        if closing:
            # close() records who and when, saves, and puts the placement back on show.
            task.close(self.for_user, task.resolution)
        elif commit:
            task.save()
        return task
