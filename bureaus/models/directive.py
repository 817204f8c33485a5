"""The creation task register (目标任务分解表) of directive 昆办发〔2017〕30号."""

from django.apps import apps
from django.db import connection, models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from bureaus.models.bureaus import BureauPage
from core.compiled_queries import CompiledQuery, among, ids_parameter
from core.page_form import ReviewedPageForm
from core.public_pages import LINKED_PAGE_FIELDS, public
from core.safety.model_check import ContentSafetyMixin

CHINESE_NUMERALS = "一二三四五六七八九十"
#: News articles listed on a task page; the rest are on the news list filtered by the task.
TASK_NEWS = 10

#: The 创建任务 filter value for tasks on which no live progress report exists yet.
NO_REPORT = "weibaosong"


def progress_report_model():
    # Progress reports are content (content/progress/), a layer above the directive: asked by
    # name instead of imported upwards (docs/architecture.md).
    return apps.get_model("content", "TaskProgressReportPage")


def live_reports():
    return public(progress_report_model().objects.live())


def with_latest_progress(tasks):
    """Each task with its latest live report's status and date, read with the task itself (one
    join on the table content/progress/latest.py keeps): the register costs the same queries and
    about the same time with 50 tasks and no reports or 500 reports."""
    return tasks.select_related("latest_progress")


class Mechanism(ContentSafetyMixin, models.Model):
    """One of the ten mechanisms (机制) the directive's tasks are grouped under."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)

    class Meta:
        app_label = "content"
        ordering = ["number"]
        verbose_name = _("mechanism")
        verbose_name_plural = _("mechanisms")

    def __str__(self):
        return self.title

    @property
    def ordinal(self):
        """The directive's own numbering: (一) … (十)."""
        if 1 <= self.number <= len(CHINESE_NUMERALS):
            return f"({CHINESE_NUMERALS[self.number - 1]})"
        return f"({self.number})"


class CreationTaskIndexPage(ContentSafetyMixin, Page):
    """/renwu/: every task on one page, grouped by mechanism, filterable by bureau."""

    base_form_class = ReviewedPageForm

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["content.CreationTaskPage", "content.DirectivePage"]
    max_count = 1

    class Meta:
        app_label = "content"
        verbose_name = _("creation task register")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        all_bureaus = {b.pk: b for b in _BUREAU_LINKS.fetch()}
        bureaus = [b for b in all_bureaus.values() if b.live]
        selected = None
        slug = request.GET.get("danwei", "").strip()
        if slug:
            selected = next((b for b in bureaus if b.slug == slug), None)
            context["unknown_bureau"] = selected is None
        # The labels are translated once per request, not once per task (50 lazy strings).
        statuses = {value: str(label) for value, label in progress_report_model()._meta.get_field("status").choices}
        status = request.GET.get("zhuangtai", "").strip()
        # The tasks' query is compiled once per kind of filter; the bureau and status travel as
        # parameters (core/compiled_queries.py).
        filters, arguments = [], []
        if selected is not None:
            filters.append("bureau")
            arguments.append(selected.pk)
        if status == NO_REPORT:
            filters.append(NO_REPORT)
        elif status in statuses:
            filters.append("status")
            arguments.append(status)
        else:
            status = ""
        tasks = _TASKS.fetch(*arguments, shape=((self.path, self.depth), tuple(filters)))
        updated = gettext("updated %(date)s")
        vendor = connection.vendor
        leads = _LEADS.fetch(ids_parameter([t.pk for t in tasks], vendor), shape=vendor) if tasks else []
        by_task = {}
        for task_id, bureau_id in leads:
            by_task.setdefault(task_id, []).append(all_bureaus[bureau_id])
        for task in tasks:
            task.leads = by_task.get(task.pk, [])
            latest = getattr(task, "latest_progress", None)
            task.progress_status = latest.status if latest else ""
            if latest is not None:
                task.progress_label = statuses.get(latest.status, "")
                task.progress_updated = updated % {"date": latest.reported_on.isoformat()}
        groups = []
        for task in tasks:
            if not groups or groups[-1]["mechanism"].pk != task.mechanism_id:
                groups.append({"mechanism": task.mechanism, "tasks": []})
            groups[-1]["tasks"].append(task)
        context.update(
            {
                "bureaus": bureaus,
                "selected_bureau": selected,
                "statuses": [*statuses.items(), (NO_REPORT, _("No report yet"))],
                "selected_status": status,
                "mechanism_groups": groups,
                "task_count": sum(len(g["tasks"]) for g in groups),
                "directive": next(iter(_DIRECTIVE.fetch(shape=(self.path, self.depth))), None),
            }
        )
        return context


class CreationTaskPage(ContentSafetyMixin, Page):
    """One task of the directive, titled exactly as the directive titles it."""

    base_form_class = ReviewedPageForm

    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("mechanism"), on_delete=models.PROTECT, related_name="tasks"
    )
    number = models.PositiveSmallIntegerField(_("number within the mechanism"))
    text = models.TextField(_("text of the task"))

    content_panels = Page.content_panels + [
        FieldPanel("mechanism"),
        FieldPanel("number"),
        FieldPanel("text"),
        InlinePanel("lead_bureaus", label=_("Lead bureaus"), min_num=1),
    ]
    search_fields = Page.search_fields + [index.SearchField("text")]
    parent_page_types = ["content.CreationTaskIndexPage"]
    subpage_types = []

    class Meta:
        app_label = "content"
        verbose_name = _("creation task")
        verbose_name_plural = _("creation tasks")
        constraints = [
            models.UniqueConstraint(fields=["mechanism", "number"], name="unique_task_number_per_mechanism"),
        ]

    def __str__(self):
        return self.title

    @property
    def reference(self):
        """How the directive and lead_units.json cite the task: '健全城市管理机制 1. 深化城市执法体制改革'."""
        return f"{self.mechanism.title} {self.number}. {self.title}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lead_bureau_links"] = self.lead_bureaus.select_related("bureau").order_by("sort_order")
        context["siblings"] = (
            CreationTaskPage.objects.live()
            .filter(mechanism_id=self.mechanism_id)
            .exclude(pk=self.pk)
            .order_by("number")
            .only("id", "title", "number", "url_path")
        )
        # The timeline: every live report on the task, newest first, with its bureau and figures.
        context["progress_reports"] = (
            live_reports()
            .filter(task=self)
            .select_related("bureau")
            # Narrow rows, as on the register: a whole report page and a whole bureau page per
            # entry were most of the timeline's cost.
            .only(*LINKED_PAGE_FIELDS, "reported_on", "year", "quarter", "status", "summary", "bureau__title")
            .prefetch_related("figures")
            .order_by("-reported_on", "-pk")
        )
        # The news reporting on this task (创建动态): `news_pages` is the reverse of
        # content.NewsPage.related_tasks, a model of the content layer above, read without importing it.
        news = list(
            public(self.news_pages.live())
            .only(*LINKED_PAGE_FIELDS, "published_on")
            .order_by("-published_on", "-pk")[: TASK_NEWS + 1]
        )
        context["task_news"] = news[:TASK_NEWS]
        context["more_task_news"] = len(news) > TASK_NEWS
        return context


class CreationTaskLeadBureau(ContentSafetyMixin, Orderable):
    task = ParentalKey(CreationTaskPage, on_delete=models.CASCADE, related_name="lead_bureaus")
    bureau = models.ForeignKey(
        "portal.BureauPage", verbose_name=_("bureau"), on_delete=models.PROTECT, related_name="led_tasks"
    )

    panels = [FieldPanel("bureau")]

    class Meta(Orderable.Meta):
        app_label = "content"
        verbose_name = _("lead bureau")
        verbose_name_plural = _("lead bureaus")
        constraints = [models.UniqueConstraint(fields=["task", "bureau"], name="unique_lead_bureau_per_task")]


class DirectivePage(ContentSafetyMixin, Page):
    """The directive itself, so that citizens can read the source of every task."""

    base_form_class = ReviewedPageForm

    document_number = models.CharField(_("document number"), max_length=50)
    issuers = models.CharField(_("issued by"), max_length=200)
    issued_on = models.DateField(_("date issued"))
    body = RichTextField(_("body"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])

    content_panels = Page.content_panels + [
        FieldPanel("document_number"),
        FieldPanel("issuers"),
        FieldPanel("issued_on"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body"), index.SearchField("document_number")]
    parent_page_types = ["content.CreationTaskIndexPage"]
    subpage_types = []

    class Meta:
        app_label = "content"
        verbose_name = _("directive")


# The register's rows (CreationTaskIndexPage.get_context), compiled once per register page and
# kind of filter: the 50 tasks and ~100 lead links as few, narrow rows; a full page object per
# task and per linked bureau was most of the page's render time.
_LINK_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "live")
_BUREAU_LINKS = CompiledQuery(lambda _shape: BureauPage.objects.order_by("path").only(*_LINK_FIELDS), ())
_TASK_FIELDS = ("id", "title", "url_path", "path", "depth", "number", "mechanism")
_TASK_FILTER_SAMPLES = {"bureau": -9_876_051, "status": "\x00status"}


def _children(model, register_path, register_depth):
    return model.objects.filter(path__startswith=register_path, depth=register_depth + 1).live()


def _register_tasks(shape, *arguments):
    (register_path, register_depth), filters = shape
    tasks = (
        with_latest_progress(_children(CreationTaskPage, register_path, register_depth))
        .select_related("mechanism")
        .only(*_TASK_FIELDS, "latest_progress__status", "latest_progress__reported_on")
        .order_by("mechanism__number", "number")
    )
    values = iter(arguments)
    if "bureau" in filters:
        tasks = tasks.filter(lead_bureaus__bureau_id=next(values))
    if NO_REPORT in filters:
        tasks = tasks.filter(latest_progress__isnull=True)
    if "status" in filters:
        tasks = tasks.filter(latest_progress__status=next(values))
    return tasks


_TASKS = CompiledQuery(
    _register_tasks, lambda shape: tuple(_TASK_FILTER_SAMPLES[name] for name in shape[1] if name != NO_REPORT)
)
_LEADS = CompiledQuery(
    lambda _vendor, ids: (
        CreationTaskLeadBureau.objects.filter(among(CreationTaskLeadBureau, "task_id", ids))
        .order_by("sort_order")
        .values_list("task_id", "bureau_id")
    ),
    lambda vendor: (ids_parameter([-9_876_052], vendor),),
)
_DIRECTIVE = CompiledQuery(lambda shape: _children(DirectivePage, *shape).order_by("path")[:1], ())
