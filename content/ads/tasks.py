"""Background jobs for public-service ad placements (run daily by django-q2, see portal/schedules.py).

`check_ad_placements` brings every placement's next inspection date and inspection state up to
date for `today`, marks open update tasks overdue once their deadline has passed, and e-mails
each bureau's editors about what became due or overdue in this run. It only writes and mails
what changed, so running it again the same day does nothing."""

import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from bureaus.models.bureaus import BureauPage
from content.ads.models.placements import AdPlacement, AdUpdateTask, InspectionState, UpdateTaskStatus
from core.dates import as_date

logger = logging.getLogger(__name__)

MAIL_LANGUAGE = "zh-hans"
NOTIFY_STATES = (InspectionState.DUE, InspectionState.OVERDUE)


def check_ad_placements(today=None):
    """Update inspection states and overdue tasks for `today` (default: today in Asia/Shanghai)."""
    today = as_date(today) or timezone.localdate()
    news = defaultdict(lambda: {"due": [], "overdue": [], "tasks": []})

    changed = []
    placements = AdPlacement.objects.select_related("carrier").order_by("code")
    for placement in placements.iterator(chunk_size=500):
        on_display = placement.is_on_display
        next_on = placement.compute_next_inspection() if on_display else placement.next_inspection_on
        state = placement.compute_inspection_state(today)
        if (placement.next_inspection_on, placement.inspection_state) == (next_on, state):
            continue
        if state in NOTIFY_STATES and state != placement.inspection_state:
            news[placement.bureau_id]["due" if state == InspectionState.DUE else "overdue"].append(placement)
        placement.next_inspection_on = next_on
        placement.inspection_state = state
        changed.append(placement)
    AdPlacement.objects.bulk_update(changed, ["next_inspection_on", "inspection_state"], batch_size=500)

    newly_overdue = list(
        AdUpdateTask.objects.filter(status=UpdateTaskStatus.OPEN, overdue=False, deadline__lt=today)
        .select_related("placement")
        .order_by("deadline", "pk")
    )
    for task in newly_overdue:
        task.overdue = True
        news[task.bureau_id]["tasks"].append(task)
    AdUpdateTask.objects.bulk_update(newly_overdue, ["overdue"], batch_size=500)
    # A deadline moved later (or a task closed elsewhere) is no longer overdue; no mail for that.
    no_longer = AdUpdateTask.objects.filter(overdue=True).exclude(status=UpdateTaskStatus.OPEN, deadline__lt=today)
    tasks_cleared = no_longer.update(overdue=False)

    mails = _send_mails(news, today)
    return {
        "date": today.isoformat(),
        "placements_checked": placements.count(),
        "placements_changed": len(changed),
        "newly_due": sum(len(n["due"]) for n in news.values()),
        "newly_overdue": sum(len(n["overdue"]) for n in news.values()),
        "tasks_newly_overdue": len(newly_overdue),
        "tasks_no_longer_overdue": tasks_cleared,
        "mails_sent": mails,
    }


def bureau_editor_addresses(bureau):
    if not bureau.editors_group_id:
        return []
    users = get_user_model().objects.filter(groups=bureau.editors_group_id, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _send_mails(news, today):
    sent = 0
    bureaus = BureauPage.objects.in_bulk([pk for pk, n in news.items() if any(n.values())])
    for bureau_id, items in sorted(news.items()):
        bureau = bureaus.get(bureau_id)
        if bureau is None or not any(items.values()):
            continue
        recipients = bureau_editor_addresses(bureau)
        if not recipients:
            logger.warning("No editor with an e-mail address for bureau %s", bureau.pk)
            continue
        with translation.override(MAIL_LANGUAGE):
            subject, body = _compose(bureau, items, today)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        sent += 1
    return sent


def _placement_line(placement):
    return f"  {placement.code}  {placement.carrier.name} · {placement.place}  " + gettext("inspect by %(date)s") % {
        "date": placement.next_inspection_on.isoformat()
    }


def _compose(bureau, items, today):
    subject = gettext("[Public-service ads] %(bureau)s: placements to inspect and overdue update tasks") % {
        "bureau": bureau.title
    }
    lines = [
        gettext("Editors of %(bureau)s,") % {"bureau": bureau.title},
        "",
        gettext("The daily check on %(date)s found the following changes:") % {"date": today.isoformat()},
    ]
    sections = [
        (gettext("Placements overdue for inspection"), [_placement_line(p) for p in items["overdue"]]),
        (gettext("Placements due for inspection soon"), [_placement_line(p) for p in items["due"]]),
        (
            gettext("Update tasks past their deadline"),
            [
                f"  {task.placement.code}  {task.get_problem_display()}  "
                + gettext("deadline %(date)s") % {"date": task.deadline.isoformat()}
                for task in items["tasks"]
            ],
        ),
    ]
    for heading, rows in sections:
        if rows:
            lines += ["", f"{heading}({len(rows)}):", *rows]
    lines += [
        "",
        gettext("Record inspections and close update tasks in the admin under “%(menu)s”.")
        % {"menu": gettext("Public-service ad management")},
        "",
        gettext("This message was sent automatically; please do not reply."),
    ]
    return subject, "\n".join(lines)
