"""Two duties of the site to its visitors: citizens' messages answered within three months
(the interaction app's own alarm queries, interaction/deadlines.py), and a public-service ad in
the home page's daily slot today (content/ads/daily.py)."""

import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from content.ads.daily import daily_ad
from interaction.deadlines import in_alarm_filter
from interaction.models import Message
from portal.site_health.results import Result, Status, count_by_bureau


def messages(today):
    """Red: a message unanswered three months or more. Amber: one in the interaction app's
    three-month alarm (within MESSAGE_ALARM_LEAD_DAYS of the line). Items by bureau."""
    open_messages = Message.objects.open()
    # The alarm's own cutoff taken that many days earlier is the three-month line itself.
    past_line = in_alarm_filter(today - datetime.timedelta(days=settings.MESSAGE_ALARM_LEAD_DAYS))
    counts = open_messages.aggregate(
        past=Count("pk", filter=Q(**past_line)),
        alarm=Count("pk", filter=Q(**in_alarm_filter(today))),
    )
    rows = (
        open_messages.filter(**in_alarm_filter(today))
        .select_related("bureau")
        .only("id", "tracking_code", "subject", "received_at", "bureau__title")
        .order_by("received_at", "id")[:50]
    )
    line = past_line["received_at__lt"]
    items = [
        {
            "label": f"{message.display_code} {message.subject}",
            "bureau_id": message.bureau_id,
            "note": _("%(days)d days unanswered")
            % {"days": (today - timezone.localtime(message.received_at).date()).days},
            "past_line": message.received_at < line,
        }
        for message in rows
    ]
    summary = _("%(past)d unanswered for three months or more, %(alarm)d close to it") % {
        "past": counts["past"],
        "alarm": counts["alarm"] - counts["past"],
    }
    status = Status.RED if counts["past"] else Status.AMBER if counts["alarm"] else Status.GREEN
    past = count_by_bureau(item for item in items if item["past_line"])
    return Result("messages", status, summary, counts["past"], items, past)


def daily_ad_slot(today):
    ad = daily_ad(today)
    if ad is None:
        return Result(
            "daily_ad", Status.RED, _("No public-service ad is valid today: the home page's slot is empty."), 0
        )
    summary = _("Today: %(title)s") % {"title": ad.title}
    return Result("daily_ad", Status.GREEN, summary, 1, [{"label": ad.title, "url": ad.url, "bureau_id": ad.bureau_id}])
