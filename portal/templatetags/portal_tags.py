from django import template
from django.conf import settings

from core.dates import due_html, format_date, format_datetime
from portal.navigation import current_section, site_sections
from portal.routing import ancestors_of

register = template.Library()


@register.simple_tag(takes_context=True)
def header_sections(context):
    request = context.get("request")
    if request is None:
        return []
    active = current_section(request, context.get("page"))
    return [{**section, "active": section["slug"] == active} for section in site_sections(request)]


@register.simple_tag
def breadcrumb_ancestors(page):
    """The page's ancestors below the tree root, as the routing already loaded them."""
    return ancestors_of(page)[1:]


@register.filter
def datetime_cn(value):
    """Dates as YYYY-MM-DD HH:MM in the current time zone (Beijing time), the government-site convention."""
    return format_datetime(value)


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
