"""/sitemap.xml (for search engines) and the HTML 网站地图 (for people).

Both list live pages outside any private subtree (a view restriction on the page or above it),
under the site's home page, and the public pages that are views: the citizens' forms (留言,
随手拍), the answered messages' list and each published message. Receipts and status look-ups
(of nominations, messages, reports) are never listed; the admin is not under the home page. Each costs a fixed number
of queries whatever the number of pages (tests/portal/test_sitemap.py)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.models import Page, Site

from core.public_pages import public
from interaction.views import answered_messages
from portal.sharing.feeds import SECTIONS
from portal.sharing.links import page_path

# The HTML site map shows the sections and the pages right under them (the bureaus, the directive
# and its tasks): a bounded list. Content pages, thousands of them, are reached through their
# section's list, the search and /sitemap.xml.
SITE_MAP_LEVELS = 2


def public_live_pages(root):
    return public(Page.objects.descendant_of(root, inclusive=True).live())


class PublicPagesSitemap(WagtailSitemap):
    """Wagtail's sitemap with the site's own rules: pages outside private sections found in the
    listing's query (core/public_pages.py), no specific-class query per page type, and every
    address on the configured public address (portal/sharing/links.py), as the canonical links."""

    # Django's: `location` gives the path, `get_domain`/`get_protocol` the public address. Wagtail's
    # own asks each specific page for its full URL on the Site record's host.
    _urls = DjangoSitemap._urls

    def items(self):
        return public_live_pages(self.get_wagtail_site().root_page).order_by("path")

    def location(self, page):
        return page_path(page, self.request)

    def get_protocol(self, protocol=None):
        return urlsplit(settings.PORTAL_PUBLIC_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.PORTAL_PUBLIC_URL).netloc


class PublicAddressSitemap(DjangoSitemap):
    """Public pages that are views rather than Wagtail pages: the citizens' forms, the answered
    messages' list and each published message (never a receipt or a look-up by code)."""

    def items(self):
        published = answered_messages().select_related(None).only("id", "published_at", "answered_at")
        forms = [(reverse(name), None) for name in ("messages:list", "messages:form", "snapshot_form")]
        return forms + [(reverse("messages:detail", args=[m.pk]), m.answered_at or m.published_at) for m in published]

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]

    get_protocol = PublicPagesSitemap.get_protocol
    get_domain = PublicPagesSitemap.get_domain


@require_safe
def sitemap_xml(request):
    return wagtail_sitemap_views.sitemap(
        request, sitemaps={"pages": PublicPagesSitemap, "addresses": PublicAddressSitemap}
    )


def site_map_tree(request):
    """[(page, [(child, [grandchild, …]), …]), …]: the home page's sections and what is under them."""
    site = Site.find_for_request(request)
    if site is None:
        return None, []
    home = site.root_page
    rows = list(
        public_live_pages(home)
        .filter(depth__lte=home.depth + SITE_MAP_LEVELS)
        .exclude(pk=home.pk)
        .order_by("path")
        .only("id", "title", "path", "depth", "url_path", "live")
    )
    children = {}
    for row in rows:
        children.setdefault(row.path[: -Page.steplen], []).append(row)

    def branch(page):
        return [(child, branch(child)) for child in children.get(page.path, [])]

    return home, branch(home)


@require_safe
def site_map(request):
    home, tree = site_map_tree(request)
    context = {
        "home": home,
        "tree": tree,
        "feeds": [(name, model.nav_label) for name, model in SECTIONS.items()],
        "citizen_pages": [
            (reverse("messages:form"), _("Write to the bureaus")),
            (reverse("messages:list"), _("Answered messages")),
            (reverse("snapshot_form"), _("Report uncivil behaviour (随手拍)")),
        ],
        # Its share card and canonical link (templates/includes/page_meta.html).
        "share_title": _("Site map"),
    }
    return render(request, "portal/site_map.html", context)
