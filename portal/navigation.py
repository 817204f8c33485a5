"""The header's sections, read from the live children of the home page in a fixed order."""

from django.utils.translation import get_language
from wagtail.models import Page, Site

from bureaus.section_urls import section_slug_of

SECTION_ORDER = ["dongtai", "gongyi", "haoren", "liyi", "baoguang", "zhuanti", "renwu", "rongyu", "danwei", "tuijian"]
#: The sections' names for a visitor who chose English. In Chinese a section is called what its
#: editors titled its page; these are the site's own words, so they are kept here, not in the
#: (Chinese) catalogue. Content stays as published.
SECTION_NAMES_EN = {
    "dongtai": "News",
    "gongyi": "Public-service ads",
    "haoren": "Good people",
    "liyi": "Etiquette",
    "baoguang": "Exposure board",
    "zhuanti": "Campaigns",
    "renwu": "Creation tasks",
    "rongyu": "Honour rolls",
    "danwei": "Lead bureaus",
    "tuijian": "Nominate",
}
SECTION_DEPTH = 3  # the tree root is 1, the home page 2, its sections 3


def display_title(page):
    """A page's title as the visitor reads it: a section's English name when English is chosen."""
    if (get_language() or "").startswith("en") and page.depth == SECTION_DEPTH and page.slug in SECTION_NAMES_EN:
        return SECTION_NAMES_EN[page.slug]
    return page.title


def remember_home_children(request, children):
    """Keep the site root's children (live or not) for this request, when something already loaded
    them (the page routing does): the header and the home page's slots read them from here."""
    request._portal_home_children = children


def home_children(request):
    """The live children of the site's home page, in tree order; one query per request at most."""
    children = getattr(request, "_portal_home_children", None)
    if children is None:
        site = Site.find_for_request(request)
        # Views outside the page tree (search, forms) share them through the site-structure
        # snapshot (portal/site_structure.py): they change only with its generation.
        snapshot = getattr(request, "_portal_site_structure", None)
        if site is not None and snapshot is not None:
            children = snapshot.children_of(site.root_page)
        if children is None:
            children = list(Page.objects.child_of(site.root_page)) if site is not None else []
            if site is not None and snapshot is not None:
                snapshot.remember_home_children(site.root_page, children)
        remember_home_children(request, children)
    return [page for page in sorted(children, key=lambda page: page.path) if page.live]


def site_sections(request):
    cached = getattr(request, "_portal_sections", None)
    if cached is not None:
        return cached
    by_slug = {page.slug: page for page in home_children(request) if page.slug in SECTION_ORDER}
    sections = [
        {"slug": slug, "title": display_title(by_slug[slug]), "url": by_slug[slug].get_url(request)}
        for slug in SECTION_ORDER
        if slug in by_slug
    ]
    request._portal_sections = sections
    return sections


def current_section(request, page):
    """The slug of the section a page belongs to, for aria-current in the header."""
    if page is None or not getattr(page, "url_path", None):
        return None
    # A content page belongs to the section it is read in, not to the bureau it lives under.
    section = section_slug_of(page)
    if section:
        return section
    parts = [p for p in page.url_path.split("/") if p]
    return parts[1] if len(parts) > 1 else None
