"""What every public page view asks before its page's own content, kept per process between changes.

Before a view renders anything, Wagtail finds the site for the host (a query), its home page as
its own class (a query), and the routing reads the pages the URL names with the home page's
children and ancestors (a query, `portal/routing.py`); a 404 also asks the redirects table. All of
this changes only when a page is published, unpublished, moved or deleted, or when a site, a view
restriction or a redirect is saved: exactly the changes that move the page cache's generation
(`portal/page_cache/purge.py`). So each process keeps one snapshot of these answers per
generation and asks the database again only when the generation has moved: one cache read per
request instead of three to four queries and their SQL compilation.

What the snapshot never holds: a page's own content (the routed page is loaded as its own class
on every request), anything of a visitor's, and anything read inside a transaction (a request or
a test that may still roll back would otherwise leave rows no one committed; such a request
asks the database as before). Each request gets its own copies of the rows, so nothing a view
or template sets on a page object reaches another request.

`SITE_STRUCTURE_CACHE` turns it off (the test settings do, so that a test's rolled-back rows are
never remembered; tests/portal/test_site_structure.py turns it on).
"""

import copy
import threading

from django.conf import settings
from django.db import connection
from django.http.request import split_domain_port
from wagtail.contrib.redirects import middleware as redirect_middleware
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from portal.page_cache.purge import current_generation, page_cache

# Bounds on what one snapshot remembers, so made-up hosts and addresses cannot grow a process.
MAX_HOSTS = 32
MAX_SHELLS = 5_000

_NOT_FOUND = object()
_lock = threading.Lock()
_snapshot = None
# The snapshot of the request this thread is serving, for `restricted_paths()`.
_serving = threading.local()


class Snapshot:
    def __init__(self, generation):
        self.generation = generation
        self.sites = {}
        self.homes = {}
        self.shells = {}
        self.home_children = {}
        self.redirect_paths = frozenset(Redirect.objects.values_list("old_path", flat=True))
        self._restricted_paths = None

    def restricted_paths(self):
        """The paths of the pages that carry a view restriction (each covers its subtree), read
        on the first list of the generation: `core.public_pages.public` filters by them."""
        if self._restricted_paths is None:
            paths = PageViewRestriction.objects.order_by("page__path").values_list("page__path", flat=True)
            self._restricted_paths = tuple(dict.fromkeys(paths))
        return self._restricted_paths

    def site_for(self, hostname, port):
        key = (hostname, port)
        site = self.sites.get(key, _NOT_FOUND)
        if site is _NOT_FOUND:
            try:
                site = get_site_for_hostname(hostname, port)
            except Site.DoesNotExist:
                site = None
            if site is not None:
                # Wagtail asks `site.root_page.localized.specific` on every request: loaded once here.
                site.root_page.__dict__["specific"] = self.home(site.root_page)
            if len(self.sites) < MAX_HOSTS:
                self.sites[key] = site
        return _site_copy(site)

    def home(self, root_page):
        home = self.homes.get(root_page.pk)
        if home is None:
            home = root_page.get_specific()
            self.homes[root_page.pk] = home
        return home

    def shell_rows(self, home, path_components):
        """The routing's rows for this address: remembered after the first request that found a page."""
        key = (home.pk, tuple(path_components))
        rows = self.shells.get(key)
        if rows is None:
            return None
        return [copy.copy(row) for row in rows]

    def remember_shell_rows(self, home, path_components, rows):
        if len(self.shells) < MAX_SHELLS:
            self.shells[(home.pk, tuple(path_components))] = [copy.copy(row) for row in rows]
        self.remember_home_children(home, [row for row in rows if row.depth == home.depth + 1])

    def remember_home_children(self, home, children):
        self.home_children[home.pk] = [copy.copy(row) for row in children]

    def children_of(self, home):
        """The home page's children (live or not) as the routing read them, or None before it has."""
        children = self.home_children.get(home.pk)
        return None if children is None else [copy.copy(row) for row in children]

    def may_redirect(self, *paths):
        return any(path in self.redirect_paths for path in paths)


def _site_copy(site):
    if site is None:
        return None
    site = copy.copy(site)
    root_page = copy.copy(site.root_page)
    root_page.__dict__["specific"] = copy.copy(root_page.__dict__["specific"])
    site.root_page = root_page
    return site


def _in_transaction():
    return connection.in_atomic_block


def forget():
    """Drops this process's snapshot (tests)."""
    global _snapshot
    _snapshot = None


def current_snapshot():
    """This process's snapshot for the current generation, or None when it may not be used now."""
    global _snapshot
    if not settings.SITE_STRUCTURE_CACHE or _in_transaction():
        return None
    generation = current_generation(page_cache())
    snapshot = _snapshot
    if snapshot is None or snapshot.generation != generation:
        with _lock:
            if _snapshot is None or _snapshot.generation != generation:
                _snapshot = Snapshot(generation)
            snapshot = _snapshot
    return snapshot


def restricted_paths():
    """The restricted pages' paths from the snapshot of the request being served, or None (not in
    a page view, the snapshot off, or inside a transaction, whose own changes it may not hold)."""
    snapshot = getattr(_serving, "snapshot", None)
    if snapshot is None or _in_transaction():
        return None
    return snapshot.restricted_paths()


def snapshot_of(request):
    return getattr(request, "_portal_site_structure", None)


# Addresses Wagtail does not serve from the page tree: the admin keeps Wagtail's own lookups.
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")


# The views that render the site's pages: Wagtail's page serving and the project's own apps.
SITE_VIEW_PACKAGES = {"wagtail", "portal", "content", "search", "bureaus", "core"}


class SiteStructureMiddleware:
    """Hands a page view its site from the snapshot; the routing and the 404's redirect check read
    the rest of the snapshot from the request. Other views (health checks, static files) do not
    pay for the cache read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            _serving.snapshot = None

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(EXCLUDED_PREFIXES):
            return None
        if getattr(view_func, "__module__", "").split(".")[0] not in SITE_VIEW_PACKAGES:
            return None
        snapshot = current_snapshot()
        if snapshot is not None:
            request._portal_site_structure = snapshot
            _serving.snapshot = snapshot
            # The same reading of the host as Wagtail's Site.find_for_request (no ALLOWED_HOSTS check).
            hostname = split_domain_port(request._get_raw_host())[0]
            request._wagtail_site = snapshot.site_for(hostname, request.get_port())
        return None


class RedirectMiddleware(redirect_middleware.RedirectMiddleware):
    """Wagtail's redirects, without asking the database on a 404 whose address no redirect names."""

    def process_response(self, request, response):
        snapshot = snapshot_of(request)
        if response.status_code == 404 and snapshot is not None:
            path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
            decoded = redirect_middleware.uri_to_iri(path)
            without_query = redirect_middleware.urlparse(path).path
            candidates = {path, decoded, without_query, redirect_middleware.uri_to_iri(without_query)}
            if not snapshot.may_redirect(*candidates):
                return response
        return super().process_response(request, response)
