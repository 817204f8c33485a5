"""/robots.txt, /favicon.ico and the share QR code of a page (/fenxiang/<id>/erweima.svg)."""

from functools import cache

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from content.nominations.index import NominationIndexPage
from core.public_pages import public
from core.qr import qr_svg
from portal.sharing.links import absolute_url, page_path

ICON_MAX_AGE = 7 * 24 * 3600
QR_MAX_AGE = 24 * 3600

# Addresses that are not pages for an index: the admin, search results (endless query pages),
# per-visitor switches and endpoints, and the QR images. The nomination page's receipt and status
# look-up are added from the live nomination page (its slug is the editors').
ROBOTS_DISALLOW = [
    "/admin/",
    "/django-admin/",
    "/search/",
    "/sousuo/",
    "/haoren/dianzan/",
    "/xianshi/",
    "/yuyan/",
    "/csrf/",
    "/healthz/",
    "/fenxiang/",
]
# Routes of the nomination page that belong to one citizen (a receipt, a look-up by tracking
# code) or act for one (likes, objections), and the nominees' photos in public evaluation.
NOMINATION_PRIVATE_ROUTES = ["huizhi/", "status/", "gongshi/*/dianzan/", "gongshi/*/yiyi/", "gongshi/zhaopian/"]


def citizen_private_addresses():
    """A message's receipt and look-up by code, a 随手拍 report's receipt and look-up, the ad problem
    report look-up: one citizen's."""
    return [
        reverse("messages:receipt"),
        reverse("messages:status"),
        reverse("snapshot_receipt"),
        reverse("snapshot_status"),
        reverse("ad_report_status"),
    ]


def robots_lines():
    disallowed = list(ROBOTS_DISALLOW) + citizen_private_addresses()
    for page in NominationIndexPage.objects.live().only("id", "url_path", "path", "depth"):
        url = page_path(page)
        if url:
            disallowed += [url + route for route in NOMINATION_PRIVATE_ROUTES]
    return [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed),
        "",
        f"Sitemap: {absolute_url(reverse('sitemap_xml'))}",
    ]


@require_safe
def robots_txt(request):
    return HttpResponse("\n".join(robots_lines()) + "\n", content_type="text/plain; charset=utf-8")


@cache
def _favicon_bytes():
    with open(finders.find("img/favicon.ico"), "rb") as handle:
        return handle.read()


@require_safe
def favicon(request):
    # Browsers and feed readers ask /favicon.ico whatever the page's <link rel="icon"> says.
    response = HttpResponse(_favicon_bytes(), content_type="image/x-icon")
    patch_cache_control(response, public=True, max_age=ICON_MAX_AGE)
    return response


def shareable_page(request, page_id):
    """A live page of this site outside any private section, or 404."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    page = public(Page.objects.live().descendant_of(site.root_page, inclusive=True)).filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page


@require_safe
def page_qr_svg(request, page_id):
    """The page's public address as a QR code, for a phone's WeChat to scan and share."""
    page = shareable_page(request, page_id)
    response = HttpResponse(
        qr_svg(absolute_url(page_path(page, request)), box_size=8, border=2), content_type="image/svg+xml"
    )
    patch_cache_control(response, public=True, max_age=QR_MAX_AGE)
    return response
