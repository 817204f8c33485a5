"""The daily overdue check of the exposure board (run by django-q2, see ensure_schedules).

`mark_overdue_notices` brings the stored status of every notice (live or draft: the page rows)
to what `status_on` says for `today`: an open notice past its deadline becomes 逾期, and an
overdue one whose deadline has moved to today or later is 整改中 again. It writes with queryset
updates, so it creates no revision and no log entry, and a second run the same day changes
nothing.

Revisions are left as the editor saved them: publishing any revision goes through
`ExposureNoticePage.save()`, which applies `status_on` again, so an older revision saying 待整改
still comes out 逾期. Rewriting revisions would also put 逾期 into a form whose status choices
are only the editor's three."""

import datetime
import logging

from django.db.models import Q
from django.utils import timezone

from content.exposure.models import ExposureNoticePage, RectificationStatus

logger = logging.getLogger(__name__)

OPEN_STATUSES = (RectificationStatus.PENDING, RectificationStatus.IN_PROGRESS)


def _as_date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def mark_overdue_notices(today=None):
    """Returns {"date", "newly_overdue", "reopened"} for `today` (default: today in Asia/Shanghai)."""
    today = _as_date(today) or timezone.localdate()
    notices = ExposureNoticePage.objects.all()
    newly_overdue = notices.filter(status__in=OPEN_STATUSES, deadline__lt=today).update(
        status=RectificationStatus.OVERDUE
    )
    # Same rule as status_on: a deadline extended without a save (e.g. by a data fix) reopens.
    reopened = (
        notices.filter(status=RectificationStatus.OVERDUE)
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=today))
        .update(status=RectificationStatus.IN_PROGRESS)
    )
    logger.info("Exposure notices on %s: %d became overdue, %d reopened", today.isoformat(), newly_overdue, reopened)
    return {"date": today.isoformat(), "newly_overdue": newly_overdue, "reopened": reopened}
