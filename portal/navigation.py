"""The header's sections, read from the live children of the home page in a fixed order."""

from wagtail.models import Page, Site

SECTION_ORDER = ["gongyi", "haoren", "liyi", "baoguang", "renwu", "danwei", "tuijian"]


def site_sections(request):
    cached = getattr(request, "_portal_sections", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    sections = []
    if site is not None:
        children = Page.objects.child_of(site.root_page).live().filter(slug__in=SECTION_ORDER)
        by_slug = {page.slug: page for page in children.only("id", "title", "slug", "url_path", "path", "depth")}
        for slug in SECTION_ORDER:
            page = by_slug.get(slug)
            if page is not None:
                sections.append({"slug": slug, "title": page.title, "url": page.get_url(request)})
    request._portal_sections = sections
    return sections


def current_section(request, page):
    """The slug of the section a page belongs to, for aria-current in the header."""
    if page is None or not getattr(page, "url_path", None):
        return None
    parts = [p for p in page.url_path.split("/") if p]
    return parts[1] if len(parts) > 1 else None
