"""Bureaus (牵头单位): each owns a subtree of the page tree and one editors/reviewers group pair."""

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Collection, Page

from bureaus.models.districts import District
from bureaus.section_urls import reserved_bureau_slugs
from core.page_form import ReviewedPageForm
from core.safety.model_check import ContentSafetyMixin


class BureauKind(models.TextChoices):
    CITY = "city", _("City department")
    PARTY = "party", _("Party body")
    LOCALITY = "locality", _("Locality")
    GARRISON = "garrison", _("Garrison")


class BureauIndexPage(ContentSafetyMixin, Page):
    """/danwei/: the directory of all responsible bureaus."""

    base_form_class = ReviewedPageForm

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.BureauPage"]
    max_count = 1

    class Meta:
        app_label = "portal"
        verbose_name = _("bureau directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        bureaus = list(
            BureauPage.objects.child_of(self).live().order_by("path").annotate(task_count=models.Count("led_tasks"))
        )
        groups = []
        for kind, label in BureauKind.choices:
            members = [b for b in bureaus if b.kind == kind]
            if members:
                groups.append({"kind": kind, "label": label, "bureaus": members})
        context["bureau_groups"] = groups
        context["bureau_count"] = len(bureaus)
        return context


class BureauPage(ContentSafetyMixin, Page):
    """One responsible bureau. Its content pages live under it, so that Wagtail's page
    permissions and workflows, which attach to subtrees, make the bureau own them."""

    base_form_class = ReviewedPageForm

    kind = models.CharField(_("kind"), max_length=10, choices=BureauKind.choices, default=BureauKind.CITY)
    intro = models.TextField(_("introduction"), blank=True)
    editors_group = models.OneToOneField(
        Group,
        verbose_name=_("editors group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewers_group = models.OneToOneField(
        Group,
        verbose_name=_("reviewers group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    collection = models.OneToOneField(
        Collection,
        verbose_name=_("media collection"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    review_task = models.OneToOneField(
        "portal.NoSelfApprovalTask",
        verbose_name=_("review task"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_workflow = models.OneToOneField(
        "wagtailcore.Workflow",
        verbose_name=_("publishing workflow"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [FieldPanel("kind"), FieldPanel("intro")]
    parent_page_types = ["portal.BureauIndexPage"]
    # Content types (ads, exemplars, handbooks, notices) are added here as they are built.
    subpage_types = [
        "content.NewsPage",
        "content.PublicServiceAdPage",
        "content.AdPlanPage",
        "content.EtiquetteHandbookPage",
        "content.ExemplarPage",
        "content.MoralDayCampaignPage",
        "content.BehaviourNoticePage",
        "content.UnitNoticePage",
        "content.TaskProgressReportPage",
        "content.CampaignSpecialPage",
    ]

    class Meta:
        app_label = "portal"
        verbose_name = _("bureau")
        verbose_name_plural = _("bureaus")

    def clean(self):
        super().clean()
        # Content is read at /<section>/<bureau slug>/<page>/: a bureau named like a section's own
        # sub-route (/gongyi/dianwei/<code>/) would have its pages hidden behind that route.
        if self.slug in reserved_bureau_slugs():
            raise ValidationError(
                {"slug": _("This address is reserved by a section of the site; choose another slug.")}
            )

    @property
    def is_locality(self):
        return self.kind == BureauKind.LOCALITY

    def _with_lead_roles(self, tasks):
        """The tasks, each with `leads_first` (this bureau is its first lead bureau, the one that
        answers for it) and `other_leads` (the bureaus it shares the task with), in one query."""
        if not tasks:
            return tasks
        lead_model = apps.get_model("content", "CreationTaskLeadBureau")
        leads = {}
        for row in (
            lead_model.objects.filter(task__in=tasks)
            .select_related("bureau")
            .only("task_id", "sort_order", "bureau__title", "bureau__slug", "bureau__url_path", "bureau__live")
            .order_by("task_id", "sort_order", "pk")
        ):
            leads.setdefault(row.task_id, []).append(row.bureau)
        for task in tasks:
            bureaus = leads.get(task.pk, [])
            task.leads_first = bool(bureaus) and bureaus[0].pk == self.pk
            task.other_leads = [bureau for bureau in bureaus if bureau.pk != self.pk]
        return tasks

    def get_context(self, request, *args, **kwargs):

        # By name from the app registry: a task names its lead bureaus, so the directive's module
        # imports this one and this one cannot import it.
        task_model = apps.get_model("content", "CreationTaskPage")
        context = super().get_context(request, *args, **kwargs)
        tasks = list(
            task_model.objects.live().filter(lead_bureaus__bureau=self).select_related("mechanism").order_by("path")
        )
        context["led_tasks"] = self._with_lead_roles(tasks)
        context["content_pages"] = self.get_children().live().order_by("-first_published_at")[:20]
        context["districts"] = District.objects.all() if self.is_locality else []
        return context
