from django import template
from django.utils import timezone

from portal.navigation import current_section, site_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def header_sections(context):
    request = context.get("request")
    if request is None:
        return []
    active = current_section(request, context.get("page"))
    return [{**section, "active": section["slug"] == active} for section in site_sections(request)]


@register.filter
def datetime_cn(value):
    """Dates as YYYY-MM-DD HH:MM in Beijing time, the government-site convention."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d %H:%M")


@register.filter
def date_cn(value):
    if not value:
        return ""
    return value.strftime("%Y-%m-%d")
