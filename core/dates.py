"""How dates and times are written for people: YYYY-MM-DD and YYYY-MM-DD HH:MM, in the current
time zone (Asia/Shanghai, or the time zone an admin user chose in their account).

Times are stored in UTC. `strftime`, `isoformat` or `.date()` on a stored value write the UTC
time, which in Kunming is 8 hours behind: a report received at 03:32 would read 19:32 of the
day before. Everything that shows or exports a datetime goes through these functions, which
convert first. No project imports: usable from every layer."""

import datetime

from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext


def local(value):
    """An aware datetime in the current time zone; a naive one (already local) unchanged."""
    if timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_datetime(value):
    """'YYYY-MM-DD HH:MM' in the current time zone; '' for None."""
    if value is None:
        return ""
    if not isinstance(value, datetime.datetime):
        return format_date(value)
    return local(value).strftime("%Y-%m-%d %H:%M")


def iso_datetime(value):
    """A valid HTML `datetime` value: 'YYYY-MM-DDTHH:MM:SS+08:00' in the current time zone, whole
    seconds (Django's 'c' format writes microseconds, which the HTML checker refuses); a date
    gives 'YYYY-MM-DD'; '' for None."""
    if value is None:
        return ""
    if not isinstance(value, datetime.datetime):
        return value.isoformat()
    return local(value).replace(microsecond=0).isoformat()


def format_date(value):
    """'YYYY-MM-DD'; a datetime gives its date in the current time zone; '' for None."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = local(value).date()
    return value.strftime("%Y-%m-%d")


def days_left(due, today=None):
    """Days from today (local) to `due`: negative once it has passed."""
    if isinstance(due, datetime.datetime):
        due = local(due).date()
    return (due - (today or timezone.localdate())).days


def due_note(due, today=None):
    """'还剩 N 天', '今天到期' or '逾期 N 天' (in the active language)."""
    days = days_left(due, today)
    if days > 0:
        return ngettext("%(days)d day left", "%(days)d days left", days) % {"days": days}
    if days == 0:
        return gettext("due today")
    return ngettext("%(days)d day overdue", "%(days)d days overdue", -days) % {"days": -days}


def due_html(due, today=None, *, running=True):
    """A deadline or due date for a listing: the date, and while it still runs what is left or
    how late it is (a closed task's deadline is only a date). Never relative time alone: Wagtail's
    "time since" says "just now" of every future date."""
    if due is None:
        return ""
    if not running:
        return format_date(due)
    days = days_left(due, today)
    return format_html(
        '{} <span class="due-note due-note--{}" data-days-left="{}">{}</span>',
        format_date(due),
        "late" if days < 0 else "today" if days == 0 else "left",
        days,
        due_note(due, today),
    )


def as_date(value):
    """A date from a date, an ISO string ("2026-11-29", as django-q2 schedules pass it) or None."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)
