"""Absolute addresses of the site's own pages, always on the configured public address.

Canonical links, share cards, the sitemap, feeds and QR codes all name `PORTAL_PUBLIC_URL`, never
the Host a request came with: stored pages and cached images are shared between visitors, and a
forged Host must not end up in what a search engine or a WeChat friend is given."""

from django.conf import settings
from django.templatetags.static import static

from bureaus.section_urls import section_url


def absolute_url(path):
    """`path` on the public address; an address that is already absolute (a CDN) is kept."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.PORTAL_PUBLIC_URL + path


def page_path(page, request=None):
    """The page's address on this site: a content page's is its section's (docs/section-urls.md),
    also for the plain `Page` rows lists hand in (the sitemap)."""
    return section_url(page, page.get_url(request=request))


def share_image_fallback():
    """The site's own square mark, for pages without an image of their own."""
    return absolute_url(static("img/share.png"))
