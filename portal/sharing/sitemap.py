"""/sitemap.xml (for search engines) and the HTML 网站地图 (for people).

Both list live pages outside any private subtree (a view restriction on the page or above it),
under the site's home page. Receipts and status look-ups are routes of the nomination page, not
pages, so they are never listed; the admin is not under the home page. Each costs a fixed number
of queries whatever the number of pages (tests/portal/test_sitemap.py)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.models import Page, Site

from core.public_pages import public
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


@require_safe
def sitemap_xml(request):
    return wagtail_sitemap_views.sitemap(request, sitemaps={"pages": PublicPagesSitemap})


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
        # Its share card and canonical link (templates/includes/page_meta.html).
        "share_title": _("Site map"),
    }
    return render(request, "portal/site_map.html", context)
