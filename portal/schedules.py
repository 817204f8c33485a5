"""Every recurring background job of the site, in one list, and the function that makes django-q2's
schedules match it (`manage.py ensure_schedules`, run by `make run`). Idempotent: a second run
writes nothing. Each job is a plain function in its family's `tasks.py`."""

import datetime

from django.utils import timezone
from django_q.models import Schedule

DAILY_AT = datetime.time(1, 0)  # 01:00 in TIME_ZONE (Asia/Shanghai), unless a schedule names its own "at"

SCHEDULES = [
    {
        "name": "check_ad_placements",
        "func": "content.ads.tasks.check_ad_placements",
        "args": None,
        "schedule_type": Schedule.DAILY,
        "minutes": None,
        "repeats": -1,
    },
    {
        "name": "mark_overdue_notices",
        "func": "content.exposure.tasks.mark_overdue_notices",
        "args": None,
        "schedule_type": Schedule.DAILY,
        "minutes": None,
        "repeats": -1,
    },
    {
        # Wagtail's go-live and expiry times take effect within a minute.
        "name": "publish_scheduled",
        "func": "django.core.management.call_command",
        "args": "'publish_scheduled'",
        "schedule_type": Schedule.MINUTES,
        "minutes": 1,
        "repeats": -1,
    },
    {
        # Erases nominators' personal data NOMINATION_PURGE_DAYS after the decision (content/nominations/tasks.py).
        "name": "purge_nominations",
        "func": "content.nominations.tasks.purge_nominations",
        "args": None,
        "schedule_type": Schedule.DAILY,
        "minutes": None,
        "repeats": -1,
        "at": datetime.time(2, 0),
    },
    {
        # Reminders, overdue mails and three-month alarms of citizens' messages (interaction/tasks.py),
        # in the morning when the bureaus read their mail.
        "name": "check_message_deadlines",
        "func": "interaction.tasks.check_message_deadlines",
        "args": None,
        "schedule_type": Schedule.DAILY,
        "minutes": None,
        "repeats": -1,
        "at": datetime.time(8, 0),
    },
    {
        # Erases senders' contact details MESSAGE_PURGE_DAYS after the answer (interaction/tasks.py).
        "name": "purge_messages",
        "func": "interaction.tasks.purge_messages",
        "args": None,
        "schedule_type": Schedule.DAILY,
        "minutes": None,
        "repeats": -1,
        "at": datetime.time(2, 30),
    },
    {
        # Renders every live page: after the 01:00 jobs, in the quietest hours. Keeps the findings
        # for the site-health report (portal/site_health/tampering.py).
        "name": "audit_live_pages",
        "func": "portal.site_health.tampering.nightly_audit",
        "args": None,
        "schedule_type": Schedule.DAILY,
        "minutes": None,
        "repeats": -1,
        "at": datetime.time(3, 0),
    },
    {
        # The government spot-check indicators (docs/site-health.md), after the audit they read.
        "name": "site_health",
        "func": "portal.site_health.runner.nightly_site_health",
        "args": None,
        "schedule_type": Schedule.DAILY,
        "minutes": None,
        "repeats": -1,
        "at": datetime.time(4, 30),
    },
]


def next_daily_run(now=None, at=DAILY_AT):
    """The next `at` o'clock in the current time zone, strictly after `now`."""
    now = timezone.localtime(now)
    candidate = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if candidate <= now:
        candidate = timezone.make_aware(datetime.datetime.combine(candidate.date() + datetime.timedelta(days=1), at))
    return candidate


def ensure_schedules(now=None):
    """Returns {name: "created" | "updated" | "unchanged"}."""
    outcome = {}
    for spec in SCHEDULES:
        fields = {k: v for k, v in spec.items() if k not in ("name", "at")}
        at = spec.get("at", DAILY_AT)
        schedule = Schedule.objects.filter(name=spec["name"]).first()
        if schedule is None:
            next_run = next_daily_run(now, at) if spec["schedule_type"] == Schedule.DAILY else timezone.now()
            Schedule.objects.create(name=spec["name"], next_run=next_run, **fields)
            outcome[spec["name"]] = "created"
            continue
        changed = [field for field, value in fields.items() if getattr(schedule, field) != value]
        for field in changed:
            setattr(schedule, field, fields[field])
        if spec["schedule_type"] == Schedule.DAILY:
            local = timezone.localtime(schedule.next_run) if schedule.next_run else None
            if local is None or (local.hour, local.minute, local.second) != (at.hour, at.minute, 0):
                schedule.next_run = next_daily_run(now, at)
                changed.append("next_run")
        if changed:
            schedule.save(update_fields=changed)
        outcome[spec["name"]] = "updated" if changed else "unchanged"
    return outcome
