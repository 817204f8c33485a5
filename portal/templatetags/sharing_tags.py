"""Template tags of the share card, the share QR code and the footer's site identity
(portal/sharing/, portal/identity.py); none of them costs a query on a page served by the routing."""

from django import template
from django.templatetags.static import static
from django.urls import reverse
from wagtail.models import Page

from core.fragment_memo import render_fragment
from portal.identity import footer_identity
from portal.sharing.cards import share_card as build_share_card
from portal.sharing.feeds import feed_links

register = template.Library()


def _page(context):
    page = context.get("page")
    return page if isinstance(page, Page) and page.pk else None


@register.simple_tag(takes_context=True)
def share_card(context):
    """The page's share card, canonical link and feeds; None outside a Wagtail page, unless the
    view names a `share_title` (a public page of its own, such as the site map)."""
    page, request = _page(context), context.get("request")
    if request is None or (page is None and not context.get("share_title")):
        return None
    return {**build_share_card(page, context, request), "feeds": feed_links(page) if page else []}


@register.simple_tag(takes_context=True)
def share_qr_src(context):
    """The address of the page's QR code, for a live page outside any private section."""
    page = _page(context)
    if page is None or not page.live:
        return ""
    # The routing answers this from rows it loaded (portal/routing.py): no query for a public page.
    if not getattr(page, "_portal_unrestricted", False) and page.get_view_restrictions().exists():
        return ""
    return reverse("page_qr_svg", args=[page.pk])


@register.simple_tag
def site_identity():
    return footer_identity()


@register.simple_tag
def site_identity_block():
    """The footer's links and site identity (includes/site_identity.html), rendered once per
    process for each set of values and language (core/fragment_memo.py)."""
    values = {
        "identity": footer_identity(),
        "sharing_css": static("css/sharing.css"),
        "site_map_url": reverse("site_map"),
    }
    return render_fragment("includes/site_identity.html", values)
