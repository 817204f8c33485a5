from django.utils.translation import gettext_lazy as _
from wagtail import hooks
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
