from urllib.parse import quote

from django import template
from django.conf import settings
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe
from wagtail.models import Site
from wagtail.templatetags.wagtailcore_tags import pageurl

from bureaus.section_urls import section_relative_path
from core.dates import due_html, format_date, format_datetime, iso_datetime
from core.fragment_memo import render_fragment
from portal.navigation import current_section, display_title, site_sections
from portal.page_cache.csrf import EMPTY_FIELD as EMPTY_CSRF_FIELD
from portal.routing import ancestors_of

register = template.Library()


@register.simple_tag(takes_context=True)
def header_sections(context):
    request = context.get("request")
    if request is None:
        return []
    active = current_section(request, context.get("page"))
    return [{**section, "active": section["slug"] == active} for section in site_sections(request)]


def _site_root_path(request):
    if not hasattr(request, "_portal_root_path"):
        site = Site.find_for_request(request)
        request._portal_root_path = site.root_page.url_path if site is not None else None
        # Where Wagtail serves pages (normally "/"): the same for every link of the request.
        request._portal_serve_prefix = reverse("wagtail_serve", args=("",))
    return request._portal_root_path


@register.simple_tag(takes_context=True)
def page_href(context, page):
    """What `{% pageurl page %}` gives, without a URL reverse per link for the current site's pages:
    the task register links 150 pages, and the reverses were a fifth of its render. Public
    templates link pages with it; a page class that changes its address (`get_url_parts`) must be
    answered here too: a content page's section address (bureaus/section_urls.py), from its
    `url_path` and class alone."""
    request = context.get("request")
    root_path = _site_root_path(request) if request is not None else None
    if root_path is None or not page.url_path.startswith(root_path):
        return pageurl(context, page)
    relative = section_relative_path(page, page.url_path[len(root_path) :])
    path = request._portal_serve_prefix + quote(relative, safe=RFC3986_SUBDELIMS + "/~:@")
    if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and path != "/":
        path = path.rstrip("/")
    return path


@register.simple_tag
def breadcrumb_ancestors(page):
    """The page's ancestors below the tree root, as the routing already loaded them."""
    return ancestors_of(page)[1:]


@register.filter
def datetime_cn(value):
    """Dates as YYYY-MM-DD HH:MM in the current time zone (Beijing time), the government-site convention."""
    return format_datetime(value)


@register.filter(name="display_title")
def display_title_filter(page):
    """The page's title, or its section's English name when the visitor reads in English."""
    return display_title(page)


@register.filter
def page_kind(page):
    """What kind of content a page is (公益广告, 好人, 文明礼仪手册…): its type's name. The type is
    read from Django's per-process content-type cache, so a list of 20 costs no query per item."""
    return page.specific_class._meta.verbose_name if page.specific_class else ""


@register.filter
def datetime_iso(value):
    """The `datetime` attribute of a <time>: ISO 8601 in local time, without microseconds."""
    return iso_datetime(value)


@register.filter
def date_cn(value):
    """YYYY-MM-DD; of a datetime, its local date."""
    return format_date(value)


@register.filter
def due_cn(value, running=True):
    """A deadline or due date: YYYY-MM-DD and, while it runs, days left or days overdue."""
    return due_html(value, running=bool(running))


@register.inclusion_tag("includes/filter_select.html", takes_context=True)
def filter_select(context, field_id, name, label, all_label, options, value_attr=None, label_attr=None):
    """One labelled <select> of a listing's GET filter form, with the current choice selected.

    `options` are (value, label) pairs, or objects read through `value_attr`/`label_attr`
    (e.g. "slug"/"name"), or plain values shown as they are (years)."""
    current = context["request"].GET.get(name, "")
    choices = []
    for option in options:
        if isinstance(option, (tuple, list)):
            value, text = option
        elif value_attr:
            value, text = getattr(option, value_attr), getattr(option, label_attr)
        else:
            value, text = option, option
        choices.append((str(value), text, str(value) == current))
    return {"field_id": field_id, "name": name, "label": label, "all_label": all_label, "choices": choices}


@register.simple_tag
def portal_name():
    """WAGTAIL_SITE_NAME, for templates whose view sets its own `site_name` (Django's login view)."""
    return settings.WAGTAIL_SITE_NAME


def _csrf_field(request):
    if request is None or getattr(request, "page_cache_candidate", False):
        return mark_safe(EMPTY_CSRF_FIELD)  # noqa: S308 - a constant
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}" data-csrf-field>', get_token(request)
    )


@register.simple_tag(takes_context=True)
def form_csrf_token(context):
    """The CSRF field of a public form: empty on a page the page cache may share (the visitor's
    script fills it, portal/page_cache/csrf.py), the visitor's own token everywhere else."""
    return _csrf_field(context.get("request"))


#: Where the visitor's own address goes in the memoised header. An HTML comment: no escaped value
#: (a section title, a query) can produce it, so only the template's own places are replaced.
_NEXT_PATH_MARK = mark_safe("<!--portal:next-path-->")


@register.simple_tag(takes_context=True)
def site_header(context):
    """The site header (name, display switches, sections, search), rendered through the fragment
    memo (core/fragment_memo.py) from what varies between pages: the sections with the current
    one marked, the display preferences, whether the header's search shows and its query. The
    two per-visitor parts are filled in afterwards: the address the switches return to, and the
    language form's CSRF field (the memo renders it without a request: the empty field the page
    cache shares)."""
    request = context.get("request")
    values = {
        "site_name": context.get("site_name") or settings.WAGTAIL_SITE_NAME,
        "sections": tuple(
            (section["url"], section["title"], section["active"]) for section in header_sections(context)
        ),
        "next_path": _NEXT_PATH_MARK,
        "elder_mode": bool(context.get("elder_mode")),
        "font_size": context.get("font_size") or "",
        "hide_header_search": bool(context.get("hide_header_search")),
        "query": str(context.get("query") or ""),
    }
    html = render_fragment("includes/site_header.html", values)
    html = html.replace(_NEXT_PATH_MARK, escape(request.get_full_path()) if request is not None else "")
    csrf_field = _csrf_field(request)
    if csrf_field != EMPTY_CSRF_FIELD:
        html = html.replace(EMPTY_CSRF_FIELD, csrf_field, 1)
    return mark_safe(html)  # noqa: S308 - autoescaped fragment, escaped address, formatted field
