"""Registers the bureau-scoped public-service ad admin (content/ads/admin/) with Wagtail.
See docs/ads-admin.md."""

from django.urls import path
from wagtail import hooks

from bureaus.admin_scoping import BureauScopedPolicy, user_bureau_ids, user_bureaus  # noqa: F401
from content.ads.admin.filing import AdAdminGroup, FilingExportView


@hooks.register("register_admin_viewset")
def register_ad_admin():
    return AdAdminGroup()


@hooks.register("register_admin_urls")
def register_filing_export_url():
    return [path("ad-filing/", FilingExportView.as_view(), name="ad_filing_export")]
