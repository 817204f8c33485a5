"""Reply deadlines in working days, and the three alarms of the daily job and the dashboard.

- due: MESSAGE_REPLY_WORKING_DAYS working days after the day the message arrived (Kunming
  time): Saturdays, Sundays and the dates of MESSAGE_HOLIDAYS are skipped, and the dates of
  MESSAGE_EXTRA_WORKDAYS (weekend days worked in exchange for a holiday, 调休) count.
- reminder: the due date is at most MESSAGE_REMINDER_WORKING_DAYS working days away.
- overdue: unanswered and the due date has passed.
- three-month alarm: unanswered and within MESSAGE_ALARM_LEAD_DAYS days of three months after
  arrival (the government-site check fails a site with a message unanswered for three months),
  or past it.

Every rule is a function of `today`, so a fixed clock tests it, and the SQL filters below
say the same thing as the Python ones."""

import datetime
from functools import lru_cache

from django.conf import settings
from django.utils import timezone


def _dates(values):
    found = set()
    for value in values:
        value = value.strip()
        if value:
            found.add(datetime.date.fromisoformat(value))
    return frozenset(found)


@lru_cache(maxsize=8)
def _calendar(holidays, extra_workdays):
    return _dates(holidays), _dates(extra_workdays)


def calendar():
    """(holidays, extra workdays) from the settings (tuples of ISO dates)."""
    return _calendar(tuple(settings.MESSAGE_HOLIDAYS), tuple(settings.MESSAGE_EXTRA_WORKDAYS))


def is_working_day(day):
    holidays, extra = calendar()
    if day in extra:
        return True
    return day.weekday() < 5 and day not in holidays


def add_working_days(start, days):
    """The `days`-th working day after `start` (start itself does not count)."""
    day = start
    counted = 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(today, due):
    """Working days from `today` (exclusive) to `due` (inclusive); 0 when due is today or past."""
    count, day = 0, today
    while day < due:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def due_date(received_at):
    return add_working_days(timezone.localtime(received_at).date(), settings.MESSAGE_REPLY_WORKING_DAYS)


def three_months_after(day):
    """The same day three months later (the month's last day when it has no such day)."""
    month = day.month + 3
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def alarm_cutoff(today):
    """Messages received on or before this day are in the three-month alarm today: three months
    after arrival is at most MESSAGE_ALARM_LEAD_DAYS away."""
    horizon = today + datetime.timedelta(days=settings.MESSAGE_ALARM_LEAD_DAYS)
    # The latest arrival day whose three-month date is on or before the horizon.
    # Three months are at most 92 days: start from a day that qualifies and walk forward.
    day = horizon - datetime.timedelta(days=93)
    while three_months_after(day + datetime.timedelta(days=1)) <= horizon:
        day += datetime.timedelta(days=1)
    return day


def reminder_horizon(today):
    """Open messages due on or before this day (and not yet overdue) get a reminder."""
    return add_working_days(today, settings.MESSAGE_REMINDER_WORKING_DAYS)


def local_day_start(day):
    """The first instant of `day` in Kunming, for filtering the stored (UTC) arrival times."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def in_alarm_filter(today):
    """Filter kwargs on Message: received on or before `alarm_cutoff(today)` (local days)."""
    return {"received_at__lt": local_day_start(alarm_cutoff(today) + datetime.timedelta(days=1))}


def state_of(message, today):
    """'alarm', 'overdue', 'due-soon' or '' for an open message; '' for an answered one."""
    if message.status == "answered":
        return ""
    received_on = timezone.localtime(message.received_at).date()
    if received_on <= alarm_cutoff(today):
        return "alarm"
    if message.due_on < today:
        return "overdue"
    if message.due_on <= reminder_horizon(today):
        return "due-soon"
    return ""
