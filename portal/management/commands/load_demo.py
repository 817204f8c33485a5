from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from portal.demo.builder import build_demo_site
from portal.site_health.runner import ensure_demo_report

# The build saves ~1,300 pages and objects; their search and reference index updates run inline
# here rather than through the django-q2 queue, so search is complete when the command returns
# (`make run`, the browser tests) instead of a minute later, and two workers never race to
# index the same new object.
INLINE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Command(BaseCommand):
    help = "Build the portal's pages, bureaus, districts and tasks from the data the repository ships. Idempotent."

    def handle(self, *args, **options):
        with override_settings(TASKS=INLINE_TASKS):
            build_demo_site(stdout=self.stdout)
            # The dashboard's site-health panel shows a real first report (docs/site-health.md).
            report = ensure_demo_report()
            if report is not None:
                self.stdout.write(f"site health: {report.status}")
