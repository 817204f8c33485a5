"""The bureau layer's admin hooks."""

from django.db.models import Q
from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy


@hooks.register("construct_page_chooser_queryset")
def only_live_pages_and_ones_own(pages, request):
    """The page chooser (links, page fields) offers every live page, and drafts only of the
    subtrees the user may edit: another bureau's unpublished page, and its title, stay hidden."""
    user = request.user
    if user.is_superuser:
        return pages
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["add", "change", "publish"])
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))
