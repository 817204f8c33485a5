from django.core.management.base import BaseCommand

from portal.schedules import ensure_schedules


class Command(BaseCommand):
    help = (
        "Create or update the background schedules (scheduled publishing every minute, daily ad placement "
        "check, daily overdue check of exposure notices, daily purge of nominators' data, nightly audit of the "
        "live pages, nightly site health report)."
    )

    def handle(self, *args, **options):
        for name, result in ensure_schedules().items():
            self.stdout.write(f"{name}: {result}")
