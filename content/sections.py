"""The public sections (公益广告, 好人榜, 文明礼仪, 曝光台, 我要推荐): their common base.

Content pages live under their bureau; a section index lists one content type across all
bureaus. Each section names the directive tasks it serves, so a citizen can see why it exists
and which bureaus answer for it. Each family's own index page (`index.py` in its folder)
subclasses `SectionIndexPage`."""

from django.apps import apps
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from bureaus.models.directive import CreationTaskLeadBureau
from core.page_form import ReviewedPageForm
from core.public_pages import LINKED_PAGE_FIELDS
from core.safety.model_check import ContentSafetyMixin


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
        # Only what the list shows (templates/content/includes/served_tasks.html) and `{% pageurl %}` needs.
        return (
            self.related_tasks.live()
            .select_related("mechanism")
            .only(*LINKED_PAGE_FIELDS, "number", "mechanism__title", "mechanism__number")
            .prefetch_related(
                Prefetch(
                    "lead_bureaus",
                    queryset=CreationTaskLeadBureau.objects.select_related("bureau")
                    .only("task_id", "sort_order", *(f"bureau__{name}" for name in LINKED_PAGE_FIELDS))
                    .order_by("sort_order"),
                )
            )
            .order_by("mechanism__number", "number")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.items()[:50]
        context["tasks"] = self.tasks_with_bureaus()
        return context
