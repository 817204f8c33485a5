"""Wagtail's users app with the portal's user and group views (portal/users_admin.py): the
documented way to customise the admin's user forms. It stands for "wagtail.users" in
INSTALLED_APPS (same label, same migrations)."""

from wagtail.users.apps import WagtailUsersAppConfig


class PortalUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "portal.users_admin.PortalUserViewSet"
    group_viewset = "portal.users_admin.PortalGroupViewSet"
