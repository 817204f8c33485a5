"""The search's admin: the synonyms snippet (同义词) and the weekly search report (搜索统计).

Both are for the civilization office's administrators (superusers): synonyms change what every
citizen finds, and the report spans every bureau. Editors' picks are Wagtail's own "Promoted
search results" (Settings menu), with its model permissions (no group holds them)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.snippets.models import register_snippet

from core.admin_headers import TitledAdminTemplateMixin
from core.snippet_admin import LazyLabelSnippetViewSet
from search.models import QueryLog, Synonym, week_of

# "Few results": what a citizen would not call an answer.
FEW_RESULTS = 2
REPORT_ROWS = 50
REPORT_WEEKS = 12


class SynonymViewSet(LazyLabelSnippetViewSet):
    model = Synonym
    icon = "resubmit"
    menu_label = _("Synonyms")
    list_display = ["term", "everyday_terms"]
    search_fields = ["term", "everyday_terms"]
    ordering = ["term"]


register_snippet(SynonymViewSet)


def _week(value, weeks):
    try:
        chosen = week_of(datetime.date.fromisoformat(value))
    except (TypeError, ValueError):
        return weeks[0] if weeks else week_of(datetime.date.today())
    return chosen


class SearchReportView(TitledAdminTemplateMixin, TemplateView):
    template_name = "search/admin/report.html"
    page_title = _("Searches")
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        weeks = list(QueryLog.objects.order_by("-week").values_list("week", flat=True).distinct()[:REPORT_WEEKS])
        week = _week(self.request.GET.get("week"), weeks)
        rows = QueryLog.objects.filter(week=week)
        context.update(
            week=week,
            week_end=week + datetime.timedelta(days=6),
            weeks=weeks,
            few=FEW_RESULTS,
            missed=rows.filter(results__lte=FEW_RESULTS).order_by("-searches", "query")[:REPORT_ROWS],
            frequent=rows.order_by("-searches", "query")[:REPORT_ROWS],
            picks_url=reverse("wagtailsearchpromotions:add"),
        )
        return context


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [path("search-report/", SearchReportView.as_view(), name="search_report")]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return AdminOnlyMenuItem(
        _("Searches"), reverse("search_report"), name="search-report", icon_name="search", order=1250
    )
