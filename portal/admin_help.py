"""帮助: the admin's help menu leads to the portal's own Chinese editor guide.

Wagtail's help menu links to guide.wagtail.org and its "What's new" pages (English, and hosted
abroad); they are replaced by docs/editor-guide.md, served inside the admin. The keyboard
shortcuts entry stays."""

from functools import lru_cache

from django.conf import settings
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.guide import render_guide

GUIDE_PATH = settings.BASE_DIR / "docs" / "editor-guide.md"
WAGTAIL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@lru_cache(maxsize=1)
def _rendered(mtime):
    return render_guide(GUIDE_PATH.read_text(encoding="utf-8"))


def editor_guide():
    """The rendered guide, rebuilt only when the file changes."""
    return _rendered(GUIDE_PATH.stat().st_mtime_ns)


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "portal/admin/editor_guide.html"
    page_title = _("Editor guide")
    header_icon = "help"

    def get_page_title(self):
        return editor_guide().title or self.page_title

    def get_breadcrumbs_items(self):
        home = {"url": reverse_lazy("wagtailadmin_home"), "label": _("Home")}
        return [home, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["guide"] = editor_guide()
        return context


@hooks.register("register_admin_urls")
def register_editor_guide_url():
    return [path("help/", EditorGuideView.as_view(), name="portal_editor_guide")]


@hooks.register("register_help_menu_item")
def register_editor_guide_menu_item():
    return MenuItem(
        _("Editor guide"), reverse("portal_editor_guide"), icon_name="help", order=900, name="portal-editor-guide"
    )


@hooks.register("construct_help_menu")
def remove_wagtail_help_links(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_HELP_ITEMS)]
