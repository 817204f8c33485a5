"""The editor form of a progress report: a bureau reports only on the tasks it leads.

The parent bureau is known to the form (Wagtail passes `parent_page` when adding; an existing
report knows its parent), not to the model's `clean()`, which runs before a new page has a place
in the tree. So the rule is enforced here, with the bureau named in the message."""

from django.utils.translation import gettext as _

from bureaus.models.bureaus import BureauPage
from bureaus.models.directive import CreationTaskLeadBureau, CreationTaskPage
from core.page_form import ReviewedPageForm


class ProgressReportForm(ReviewedPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reporting_bureau = self._bureau()
        field = self.fields.get("task")
        if field is not None:
            # Offer the tasks the bureau leads first, so an editor rarely meets the refusal.
            led = CreationTaskLeadBureau.objects.filter(bureau=self.reporting_bureau).values("task_id")
            field.queryset = (
                CreationTaskPage.objects.filter(pk__in=led)
                .select_related("mechanism")
                .order_by("mechanism__number", "number")
            )
            field.label_from_instance = lambda task: f"{task.mechanism.number}.{task.number} {task.title}"
            field.error_messages["invalid_choice"] = self.not_lead_message()

    def _bureau(self):
        parent = getattr(self, "parent_page", None)
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        if parent is None:
            return None
        return BureauPage.objects.filter(pk=parent.pk).first()

    def not_lead_message(self):
        name = self.reporting_bureau.title if self.reporting_bureau else ""
        return _(
            "Only a lead bureau of a task may report progress on it: %(bureau)s is not a lead bureau of "
            "the task chosen. Choose one of the tasks your bureau leads."
        ) % {"bureau": name}

    def clean(self):
        cleaned = super().clean()
        task = cleaned.get("task")
        if task is not None and (
            self.reporting_bureau is None
            or not CreationTaskLeadBureau.objects.filter(task=task, bureau=self.reporting_bureau).exists()
        ):
            self.add_error("task", self.not_lead_message())
        return cleaned
