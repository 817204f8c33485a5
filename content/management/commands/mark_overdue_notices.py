import datetime

from django.core.management.base import BaseCommand, CommandError

from content.exposure.tasks import mark_overdue_notices


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--date must be YYYY-MM-DD, not {value!r}") from exc


class Command(BaseCommand):
    help = "Mark exposure notices overdue once their rectification deadline has passed (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=_date, default=None, help="Check as of this day (YYYY-MM-DD).")

    def handle(self, *args, **options):
        summary = mark_overdue_notices(today=options["date"])
        self.stdout.write(" ".join(f"{key}={value}" for key, value in summary.items()))
