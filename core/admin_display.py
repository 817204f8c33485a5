"""How our admin listings and detail pages write dates, times and deadlines (core.dates).

Wagtail's own `DateColumn` shows a relative "time since" (a future deadline reads "just now"),
and its inspect view formats values with `|localize`, which prints a stored datetime in UTC.
Our viewsets use these columns and `LocalDatesInspectMixin` instead."""

import datetime

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column

from core.dates import due_html, format_date, format_datetime


class LocalDateTimeColumn(Column):
    """A date and time as YYYY-MM-DD HH:MM in the current time zone."""

    def get_value(self, instance):
        return format_datetime(super().get_value(instance))


class LocalDateColumn(Column):
    """A date as YYYY-MM-DD."""

    def get_value(self, instance):
        return format_date(super().get_value(instance))


class DueDateColumn(Column):
    """A deadline or due date: the date and, while `is_running(instance)`, the days left or late."""

    def __init__(self, name, is_running=None, **kwargs):
        super().__init__(name, **kwargs)
        self.is_running = is_running or (lambda instance: True)

    def get_value(self, instance):
        return due_html(super().get_value(instance), running=self.is_running(instance))


class LocalDatesInspectMixin:
    """For InspectView subclasses: dates and times as YYYY-MM-DD (HH:MM) local time, yes/no for
    booleans and "-" for nothing (Wagtail would print "True" and "None")."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None:
            return "-"
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, datetime.datetime):
            return format_datetime(value)
        if isinstance(value, datetime.date):
            return format_date(value)
        return value


@hooks.register("insert_global_admin_css")
def due_note_css():
    # Listings, detail pages and the dashboard all show deadlines: one small global style.
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-dates.css"))
