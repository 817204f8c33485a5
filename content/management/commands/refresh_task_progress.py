from django.core.management.base import BaseCommand

from content.progress.latest import refresh_latest_progress


class Command(BaseCommand):
    help = "Recompute each directive task's latest live progress report (the register's status column)."

    def handle(self, *args, **options):
        refresh_latest_progress()
