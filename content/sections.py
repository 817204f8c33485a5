"""The public sections (公益广告, 好人榜, 文明礼仪, 曝光台, 我要推荐): their common base.

Content pages live under their bureau; a section index lists one content type across all
bureaus. Each section names the directive tasks it serves, so a citizen can see why it exists
and which bureaus answer for it. Each family's own index page (`index.py` in its folder)
subclasses `SectionIndexPage`."""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from bureaus.models.bureaus import BureauPage
from bureaus.models.directive import CreationTaskPage, Mechanism
from core.compiled_queries import CompiledRows
from core.page_form import ReviewedPageForm
from core.public_pages import LINKED_PAGE_FIELDS
from core.safety.model_check import ContentSafetyMixin

#: A served task's columns (the page's id first), and its lead bureau's (the bureau's id first).
TASK_COLUMNS = ("pk", *LINKED_PAGE_FIELDS, "number", "mechanism_id", "mechanism__title", "mechanism__number")
LEAD_COLUMNS = ("lead_bureaus__bureau_id", *(f"lead_bureaus__bureau__{name}" for name in LINKED_PAGE_FIELDS))


def _linked_page(model, values):
    page_id, *fields = values
    return model(id=page_id, page_ptr_id=page_id, **dict(zip(LINKED_PAGE_FIELDS, fields, strict=True)))


def _task(values):
    linked = values[: 1 + len(LINKED_PAGE_FIELDS)]
    number, mechanism_id, mechanism_title, mechanism_number = values[1 + len(LINKED_PAGE_FIELDS) :]
    task = _linked_page(CreationTaskPage, linked)
    task.number = number
    task.mechanism = Mechanism(id=mechanism_id, title=mechanism_title, number=mechanism_number)
    task.leads = []
    return task


def _served_task_rows(section_class):
    """The compiled served-tasks query of a section class (each has its own link table)."""
    compiled = _SERVED_TASKS.get(section_class)
    if compiled is None:

        def build(section_id):
            return (
                section_class(id=section_id, page_ptr_id=section_id)
                .related_tasks.live()
                .values_list(*TASK_COLUMNS, *LEAD_COLUMNS)
                .order_by("mechanism__number", "number", "pk", "lead_bureaus__sort_order")
            )

        # A page id no section has, so the argument's place in the parameters is unambiguous.
        compiled = _SERVED_TASKS[section_class] = CompiledRows(build, -7_654_321)
    return compiled


_SERVED_TASKS = {}


class SectionIndexPage(ContentSafetyMixin, Page):
    base_form_class = ReviewedPageForm

    intro = models.TextField(_("introduction"), blank=True)
    related_tasks = ParentalManyToManyField(
        "content.CreationTaskPage", verbose_name=_("directive tasks served"), blank=True, related_name="+"
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("related_tasks")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    #: Short label on the home page and in the header.
    nav_label = ""
    #: The content type this section lists ("app_label.ModelName").
    item_model = None
    #: Columns of an item the home page's slot reads besides its link and first publication.
    slot_date_fields = ()

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        # Wagtail gives every concrete subclass its own default template name; the sections
        # share one layout.
        return "content/section_index_page.html"

    @classmethod
    def live_items(cls):
        """Live items of this section across every bureau, newest first."""
        if cls.item_model is None:
            return Page.objects.none()

        model = apps.get_model(cls.item_model)
        return model.objects.live().select_related("bureau").order_by("-first_published_at")

    def items(self):
        return self.live_items()

    def tasks_with_bureaus(self):
        """The live tasks this section serves, each with `leads` (its lead bureaus, in order), as
        templates/content/includes/served_tasks.html and `{% page_href %}` need them.

        One narrow query of plain rows (a task's row once per lead bureau), its SQL compiled once
        per process (core/compiled_queries.py), built into pages of their own class holding only
        those columns: the list is on every section's pages, and building, compiling and reading
        a query per relation cost 2–3 ms for a list of one task, against 0.05 ms in SQLite."""
        if "related_tasks" in getattr(self, "_cluster_related_objects", {}) or not self.pk:
            # A preview's relation held in memory (modelcluster): its tasks as they are.
            tasks = [task for task in self.related_tasks.all() if task.live]
            tasks.sort(key=lambda task: (task.mechanism.number, task.number))
            for task in tasks:
                task.leads = [link.bureau for link in task.lead_bureaus.order_by("sort_order")]
            return tasks
        by_id = {}
        rows = _served_task_rows(type(self)).rows(self.pk)
        for row in rows:
            task_values, lead_values = row[: len(TASK_COLUMNS)], row[len(TASK_COLUMNS) :]
            task = by_id.get(task_values[0])
            if task is None:
                task = by_id[task_values[0]] = _task(task_values)
            if lead_values[0] is not None:
                task.leads.append(_linked_page(BureauPage, lead_values))
        return list(by_id.values())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.items()[:50]
        context["tasks"] = self.tasks_with_bureaus()
        return context
