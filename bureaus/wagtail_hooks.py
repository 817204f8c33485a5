"""The bureau layer's admin hooks."""

from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies.pages import PagePermissionPolicy

from bureaus import second_factor, second_factor_views
from bureaus.second_factor import ENROL_URL_NAME, VERIFY_URL_NAME


@hooks.register("construct_page_chooser_queryset")
def only_live_pages_and_ones_own(pages, request):
    """The page chooser (links, page fields) offers every live page, and drafts only of the
    subtrees the user may edit: another bureau's unpublished page, and its title, stay hidden."""
    user = request.user
    if user.is_superuser:
        return pages
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["add", "change", "publish"])
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


@hooks.register("register_admin_urls")
def second_factor_urls():
    return [
        path("second-factor/", second_factor_views.verify, name=VERIFY_URL_NAME),
        path("second-factor/enrol/", second_factor_views.enrol, name=ENROL_URL_NAME),
        path("second-factor/reset/<int:pk>/", second_factor_views.reset, name="second_factor_reset"),
    ]


@hooks.register("register_user_listing_buttons")
def second_factor_reset_button(user, request_user):
    """Settings → Users → ⋯: a superuser resets someone's authenticator (no query per row: the page
    it opens says whether there is one)."""
    if not request_user.is_superuser:
        return []
    return [Button(_("Reset authenticator"), reverse("second_factor_reset", args=[user.pk]), priority=60)]


@hooks.register("register_account_menu_item")
def second_factor_account_item(request):
    """Account → 设置验证器应用: set up (or replace) the authenticator app, while the rule is on."""
    if not second_factor.enabled():
        return None
    return {
        "url": reverse(ENROL_URL_NAME),
        "label": _("Set up the authenticator app"),
        "help_text": _(
            "A 6-digit code from your phone after your password: required for reviewers and administrators, "
            "optional for editors."
        ),
    }
