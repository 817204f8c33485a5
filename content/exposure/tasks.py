"""The daily overdue check of the exposure board (run by django-q2, see portal/schedules.py).

`mark_overdue_notices` brings the stored status of every notice (live or draft: the page rows)
to what `status_on` says for `today`: an open notice past its deadline becomes 逾期, and an
overdue one whose deadline has moved to today or later is 整改中 again. It writes with queryset
updates, so it creates no revision and no log entry, and a second run the same day changes
nothing.

Revisions are left as the editor saved them: publishing any revision goes through
`ExposureNoticePage.save()`, which applies `status_on` again, so an older revision saying 待整改
still comes out 逾期. Rewriting revisions would also put 逾期 into a form whose status choices
are only the editor's three."""

import logging

from django.utils import timezone

from content.exposure.models import ExposureNoticePage, RectificationStatus, status_expression
from core.dates import as_date

logger = logging.getLogger(__name__)


def mark_overdue_notices(today=None):
    """Returns {"date", "newly_overdue", "reopened"} for `today` (default: today in Asia/Shanghai)."""
    today = as_date(today) or timezone.localdate()
    S = RectificationStatus
    notices = ExposureNoticePage.objects.annotate(current=status_expression(today))
    newly_overdue = notices.filter(current=S.OVERDUE).exclude(status=S.OVERDUE).update(status=S.OVERDUE)
    # A deadline extended without a save (e.g. by a data fix) reopens the notice.
    reopened = notices.filter(status=S.OVERDUE).exclude(current=S.OVERDUE).update(status=S.IN_PROGRESS)
    logger.info("Exposure notices on %s: %d became overdue, %d reopened", today.isoformat(), newly_overdue, reopened)
    return {"date": today.isoformat(), "newly_overdue": newly_overdue, "reopened": reopened}
