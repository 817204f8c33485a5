"""Wagtail's users app with the portal's user and group views (bureaus/users_admin.py): the
documented way to customise the admin's user forms. It stands for "wagtail.users" in
INSTALLED_APPS (same label, same migrations)."""

from wagtail.users.apps import WagtailUsersAppConfig


class PortalUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "bureaus.users_admin.PortalUserViewSet"
    group_viewset = "bureaus.users_admin.PortalGroupViewSet"
