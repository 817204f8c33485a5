"""Public addresses of content pages follow their section, not the bureau they live under.

A content page (an ad, an exemplar, a handbook, an exposure notice) lives in the page tree at
/danwei/<bureau>/<slug>/, because Wagtail's permissions and workflows attach to the bureau's
subtree. A citizen reads it at /<section>/<bureau>/<slug>/ (/gongyi/gongan/lixing-banmaxian/):

- unique and stable: a bureau's slug is unique among the bureaus and a page's slug among its
  bureau's pages, so the pair names one page, and two bureaus may both have an ad "kouhao";
- readable: the section says what it is (公益广告), the bureau who publishes it (公安);
- no collision with a section's own sub-routes (/gongyi/dianwei/<code>/, /haoren/dianzan/<id>/,
  a routable section's paths): those first segments are reserved and no bureau may take them
  as its slug (`reserved_bureau_slugs`, checked when a bureau page is saved).

The rewrite is one rule on the page's address within its site: exactly three segments (bureau
directory, bureau, page) become (section, bureau, page). It needs only the page's `url_path`
and class (from `content_type_id` for a plain `Page` row), so links are computed without a
query (`{% page_href %}`, lists, the sitemap). Applying it to a section address changes nothing.
docs/section-urls.md has the whole design."""

import functools
from urllib.parse import urlsplit

from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from wagtail.models import Page, get_page_models

#: A content page's address within its site: bureau directory, bureau, page.
TREE_SEGMENTS = 3


def section_slug_of(page):
    """The section slug of a content page (`section_slug` on its class), else None. A plain
    `Page` row is answered from its content type (cached by Django: no query)."""
    page_class = type(page)
    if page_class is Page:
        if page.content_type_id is None:
            return None
        page_class = page.specific_class
    return getattr(page_class, "section_slug", None)


def section_relative_path(page, relative):
    """`relative`: the page's tree address after the site's serve prefix ("danwei/gongan/x/").
    Returns its section address ("gongyi/gongan/x/"), or `relative` unchanged for any other page."""
    segments = [segment for segment in relative.split("/") if segment]
    if len(segments) != TREE_SEGMENTS:
        return relative
    section = section_slug_of(page)
    if not section:
        return relative
    return "/".join([section, *segments[1:]]) + ("/" if relative.endswith("/") else "")


def section_path(page, path, prefix="/"):
    """`path`: an address Wagtail serves the page at (`prefix` + relative); its section address."""
    if not path or not path.startswith(prefix):
        return path
    return prefix + section_relative_path(page, path[len(prefix) :])


def section_url(page, url):
    """`url`: what `get_url` gave for a page; its section address. For lists of plain `Page` rows
    (the sitemap, search suggestions), whose `get_url` is the tree's: the class comes from the
    row's content type, the page is not loaded as its own class. Another site's page comes as an
    absolute address: its path is rewritten, its host kept."""
    if url is None or type(page) is not Page:
        return url
    try:
        prefix = reverse("wagtail_serve", args=("",))
    except NoReverseMatch:
        return url
    path = urlsplit(url).path
    return url[: len(url) - len(path)] + section_path(page, path, prefix)


@functools.cache
def content_section_slugs():
    """Every section slug a content class names: the first segments routing treats as sections."""
    return frozenset(slug for model in get_page_models() if (slug := getattr(model, "section_slug", None)))


def _first_segment(pattern):
    text = str(pattern.pattern).lstrip("^")
    return text.split("/", 1)[0] if "/" in text else text


def _django_sub_routes(resolver, sections):
    """Second segments of the URLconf's addresses under a section: /gongyi/dianwei/… → dianwei."""
    reserved = set()
    for entry in resolver.url_patterns:
        first, _, rest = str(entry.pattern).lstrip("^").partition("/")
        if first not in sections:
            continue
        if rest:
            reserved.add(rest.split("/", 1)[0])
        elif isinstance(entry, URLResolver):
            reserved.update(_first_segment(child) for child in entry.url_patterns)
    return reserved


def _routable_sub_routes():
    """First segments of the routes of routable section index pages (their own sub-addresses)."""
    reserved = set()
    for model in get_page_models():
        if not hasattr(model, "get_subpage_urls") or getattr(model, "item_model", None) is None:
            continue
        for pattern in model.get_subpage_urls():
            reserved.add(_first_segment(pattern))
    return reserved


def reserved_bureau_slugs():
    """Slugs no bureau may take: a section's own sub-route of that name would hide its pages."""
    sections = content_section_slugs()
    reserved = _django_sub_routes(get_resolver(), sections) | _routable_sub_routes()
    # Placeholders of converters and regexes (<int:pk>, (?P<code>…)) reserve nothing by name.
    return frozenset(slug for slug in reserved if slug and not slug.startswith(("<", "(")))
