from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content.models import Mechanism

from .dashboard.panels import construct_panels
from .models import District


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_label = _("Districts")
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]
    ordering = ["sort_order"]


class MechanismViewSet(SnippetViewSet):
    model = Mechanism
    icon = "list-ol"
    menu_label = _("Mechanisms")
    list_display = ["number", "title", "slug"]
    ordering = ["number"]


register_snippet(DistrictViewSet)
register_snippet(MechanismViewSet)


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    # The editor dashboard (docs/editor-dashboard.md); it also replaces Wagtail's review panel.
    construct_panels(request, panels)


@hooks.register("after_edit_page")
def return_reviewers_without_page_access_to_the_dashboard(request, page):
    # After a workflow action in the page editor Wagtail returns to the parent's listing; the
    # 市文明办 final reviewers may not open listings (they reach pages only through the
    # workflow), so they would land on a 403 although their approval went through.
    acted = request.POST.get("action-workflow-action") or request.POST.get("action-cancel-workflow")
    if not acted or get_valid_next_url_from_request(request):
        return None
    parent = page.get_parent()
    if parent is None or page_permission_policy.explorable_instances(request.user).filter(pk=parent.pk).exists():
        return None
    return redirect("wagtailadmin_home")
