from django.core.management.base import BaseCommand

from portal.bureau_access import sync_all_bureaus


class Command(BaseCommand):
    help = "Create or update every bureau's editors and reviewers groups, permissions and collection."

    def handle(self, *args, **options):
        bureaus = sync_all_bureaus()
        self.stdout.write(f"Synced {len(bureaus)} bureaus.")
