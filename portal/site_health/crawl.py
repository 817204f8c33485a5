"""Reachability: the public pages rendered in-process as an anonymous visitor gets them (the
real URL conf, middleware and templates, no network), and the optional probe of the public
address from outside (`SITE_HEALTH_PROBE_URL`, off by default).

Which pages: the home page, its sections, every bureau page, the newest
`SITE_HEALTH_PAGES_PER_COLUMN` pages of each column and the public pages that are views rather
than pages (search, messages, 随手拍, the site map). The rendered HTML is kept for the link and
tampering indicators, so each page is rendered once a night."""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from bureaus.models.bureaus import BureauPage
from core.public_pages import public
from core.safety.page_audit import anonymous_client
from portal.site_health.freshness import columns
from portal.site_health.links import http_status
from portal.site_health.results import Result, Status, count_by_bureau

# Public pages that are Django views, not pages of the tree (URL names).
VIEW_URLS = ["search", "messages:list", "snapshot_form", "site_map", "sitemap_xml"]


@dataclass
class Rendered:
    url: str
    status: int
    html: str = ""
    page: Page | None = None
    bureau_id: int | None = None


@dataclass
class Crawl:
    site: Site
    rendered: list = field(default_factory=list)

    @property
    def pages(self):
        return [item for item in self.rendered if item.page is not None]


def view_urls():
    urls = []
    for name in VIEW_URLS:
        try:
            urls.append(reverse(name))
        except NoReverseMatch:  # a view another part of the site removed is no longer measured
            continue
    return urls


def pages_to_render(site, per_column):
    """The home page, its live children, every bureau page and the newest pages of each column."""
    home = site.root_page.specific
    chosen = [home, *public(home.get_children().live()).specific()]
    chosen += list(public(BureauPage.objects.live()).order_by("path"))
    for column in columns(home):
        chosen += list(column.items.order_by("-first_published_at", "-pk")[:per_column])
    seen, unique = set(), []
    for page in chosen:
        if page.pk not in seen:
            seen.add(page.pk)
            unique.append(page)
    return unique


def crawl(site=None, pages=None, urls=None):
    """Render each page and view URL once, anonymously, as the public gets it."""
    site = site or Site.objects.get(is_default_site=True)
    if pages is None:
        pages = pages_to_render(site, settings.SITE_HEALTH_PAGES_PER_COLUMN)
    if urls is None:
        urls = view_urls()
    client, https, headers = anonymous_client(site)
    result = Crawl(site=site)
    for page in pages:
        url = page.get_url(current_site=site)
        if url:
            result.rendered.append(_get(client, url, https, headers, page))
    for url in urls:
        result.rendered.append(_get(client, url, https, headers, None))
    return result


def _get(client, url, https, headers, page):
    try:
        response = client.get(url, secure=https, **headers)
    except Exception:  # noqa: BLE001 - a page that raises is what this indicator looks for
        return Rendered(url, 500, page=page, bureau_id=getattr(page, "bureau_id", None))
    html = ""
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        html = response.content.decode(response.charset or "utf-8", errors="replace")
    return Rendered(url, response.status_code, html, page, getattr(page, "bureau_id", None))


def reachability(crawl_result):
    failed = [item for item in crawl_result.rendered if item.status >= 400]
    total = len(crawl_result.rendered)
    items = [
        {"label": item.url, "url": item.url, "bureau_id": item.bureau_id, "note": f"HTTP {item.status}"}
        for item in failed
    ]
    home_failed = any(item.page is not None and item.page.depth == crawl_result.site.root_page.depth for item in failed)
    summary = _("%(failed)d of %(total)d public pages failed") % {"failed": len(failed), "total": total}
    if home_failed:
        summary = _("The home page cannot be opened. ") + summary
    status = Status.RED if failed else Status.GREEN
    return Result("reachability", status, summary, len(failed), items, count_by_bureau(items))


def external_probe(fetch=http_status):
    url = settings.SITE_HEALTH_PROBE_URL
    if not url:
        return Result("external_probe", Status.OFF, _("No public address is set for the probe from outside."))
    try:
        status = fetch(url, settings.SITE_HEALTH_LINK_TIMEOUT)
    except OSError as error:
        note = type(error).__name__
        return Result(
            "external_probe",
            Status.RED,
            _("%(url)s does not answer (%(error)s)") % {"url": url, "error": note},
            1,
            [{"label": url, "url": url, "note": note}],
        )
    if status >= 400:
        return Result(
            "external_probe",
            Status.RED,
            _("%(url)s answers HTTP %(status)d") % {"url": url, "status": status},
            1,
            [{"label": url, "url": url, "note": f"HTTP {status}"}],
        )
    return Result(
        "external_probe", Status.GREEN, _("%(url)s answers HTTP %(status)d") % {"url": url, "status": status}, 0
    )
