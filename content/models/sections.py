"""The public sections (公益广告, 好人榜, 文明礼仪, 曝光台, 我要推荐).

Content pages live under their bureau; a section index lists one content type across all
bureaus. Each section names the directive tasks it serves, so a citizen can see why it exists
and which bureaus answer for it."""

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from content.page_form import ReviewedPageForm
from content.safety.model_check import ContentSafetyMixin


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
    #: The content type this section lists ("app_label.ModelName"); None until that type is built.
    item_model = None

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        # Wagtail gives every concrete subclass its own default template name; the sections
        # share one layout.
        return "content/section_index_page.html"

    def items(self):
        """Live items of this section across every bureau, newest first."""
        if self.item_model is None:
            return Page.objects.none()
        from django.apps import apps

        model = apps.get_model(self.item_model)
        return model.objects.live().select_related("bureau").order_by("-first_published_at")

    def tasks_with_bureaus(self):
        from .tasks import CreationTaskLeadBureau

        return (
            self.related_tasks.live()
            .select_related("mechanism")
            .prefetch_related(
                Prefetch(
                    "lead_bureaus",
                    queryset=CreationTaskLeadBureau.objects.select_related("bureau").order_by("sort_order"),
                )
            )
            .order_by("mechanism__number", "number")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.items()[:50]
        context["tasks"] = self.tasks_with_bureaus()
        return context


class PublicServiceAdIndexPage(SectionIndexPage):
    nav_label = _("Public-service ads")
    item_model = "content.PublicServiceAdPage"

    def get_template(self, request, *args, **kwargs):
        return "content/public_service_ad_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from django.utils import timezone

        from content.ad_listing import ad_listing

        from .plans import AdPlanPage

        context = Page.get_context(self, request, *args, **kwargs)
        context.update(ad_listing(request))
        context["tasks"] = self.tasks_with_bureaus()
        context["current_plan"] = AdPlanPage.objects.live().filter(year=timezone.localdate().year).first()
        return context

    class Meta:
        verbose_name = _("public-service ads index")


class ExemplarIndexPage(SectionIndexPage):
    nav_label = _("Good people")
    item_model = "content.ExemplarPage"
    subpage_types = []

    def get_template(self, request, *args, **kwargs):
        return "content/exemplar_index_page.html"

    def get_context(self, request, *args, **kwargs):
        # The 好人榜 (by year and quarter, with filters) is built in content/exemplar_listing.py.
        from content.exemplar_listing import exemplar_board

        context = Page.get_context(self, request, *args, **kwargs)
        context.update(exemplar_board(self, request))
        context["tasks"] = self.tasks_with_bureaus()
        return context

    class Meta:
        verbose_name = _("good people index")


class EtiquetteIndexPage(SectionIndexPage):
    nav_label = _("Etiquette")
    item_model = "content.EtiquetteHandbookPage"

    def get_template(self, request, *args, **kwargs):
        # The editions show year, audience, edition and their PDF (content/handbooks/).
        return "content/etiquette_index_page.html"

    class Meta:
        verbose_name = _("etiquette handbooks index")


class ExposureIndexPage(SectionIndexPage):
    nav_label = _("Exposure board")
    item_model = "content.ExposureNoticePage"

    def get_template(self, request, *args, **kwargs):
        return "content/exposure_index_page.html"

    def get_context(self, request, *args, **kwargs):
        # Counts by status and the filtered notice list are built in content/exposure_listing.py.
        from content.exposure_listing import exposure_board

        context = Page.get_context(self, request, *args, **kwargs)
        context.update(exposure_board(self, request))
        context["tasks"] = self.tasks_with_bureaus()
        return context

    class Meta:
        verbose_name = _("exposure board index")


class NominationIndexPage(RoutablePageMixin, SectionIndexPage):
    """/tuijian/: the nomination form; status/ (by tracking code) and gongshi/ (public evaluation).
    The views are in content/nominations/views.py."""

    nav_label = _("Nominate")

    class Meta:
        verbose_name = _("nominations page")

    @path("")
    def nomination_form(self, request):
        from content.nominations.views import nomination_form

        return nomination_form(request, self)

    @path("status/")
    def nomination_status(self, request):
        from content.nominations.views import nomination_status

        return nomination_status(request, self)

    @path("gongshi/")
    def publicity(self, request):
        from content.nominations.publicity import publicity_list

        return publicity_list(request, self)

    @path("gongshi/<int:pk>/dianzan/")
    def publicity_like(self, request, pk):
        from content.nominations.publicity import like

        return like(request, self, pk)

    @path("gongshi/<int:pk>/yiyi/")
    def publicity_objection(self, request, pk):
        from content.nominations.publicity import objection

        return objection(request, self, pk)

    @path("gongshi/zhaopian/<int:pk>/")
    def publicity_photo(self, request, pk):
        from content.nominations.publicity import photo

        return photo(request, self, pk)
