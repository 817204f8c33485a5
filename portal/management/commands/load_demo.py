from django.core.management.base import BaseCommand

from portal.demo.builder import build_demo_site


class Command(BaseCommand):
    help = "Build the portal's pages, bureaus, districts and tasks from the data the repository ships. Idempotent."

    def handle(self, *args, **options):
        build_demo_site(stdout=self.stdout)
