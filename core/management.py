"""The shape of the daily jobs' management commands: run one job for today or for `--date`."""

import datetime

from django.core.management.base import BaseCommand, CommandError


def parse_date_option(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--date must be YYYY-MM-DD, not {value!r}") from exc


class DailyJobCommand(BaseCommand):
    """Subclasses name the job (a function taking `today=`, returning a summary dict) and the help."""

    job = None

    def add_arguments(self, parser):
        parser.add_argument("--date", type=parse_date_option, default=None, help="Run as of this day (YYYY-MM-DD).")

    def handle(self, *args, **options):
        summary = type(self).job(today=options["date"])
        self.stdout.write(" ".join(f"{key}={value}" for key, value in summary.items()))
