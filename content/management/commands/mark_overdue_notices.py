from content.exposure.tasks import mark_overdue_notices
from core.management import DailyJobCommand


class Command(DailyJobCommand):
    help = "Mark exposure notices overdue once their rectification deadline has passed (idempotent)."
    job = mark_overdue_notices
