from django.core.management.base import BaseCommand

from bureaus.access import sync_all_bureaus
from bureaus.roles import audit_groups, remove_stock_groups


class Command(BaseCommand):
    help = (
        "Create or update every bureau's editors and reviewers groups, permissions and collection; "
        "remove Wagtail's stock groups (Moderators, Editors) and report any group the policy does not grant."
    )

    def handle(self, *args, **options):
        bureaus = sync_all_bureaus()
        self.stdout.write(f"Synced {len(bureaus)} bureaus.")
        # Wagtail's installer groups hold rights on the root page (Moderators: publish): members
        # would bypass every bureau's review. Only an installer or a hand recreates them.
        for name, members in remove_stock_groups():
            self.stdout.write(
                self.style.WARNING(
                    f"Removed Wagtail's stock group {name!r} (root-page rights bypass review); "
                    f"former members: {', '.join(members) or 'none'}."
                )
            )
        # Other differences are an administrator's choices: reported, not undone.
        for problem in audit_groups():
            self.stderr.write(self.style.WARNING(f"Not as the policy grants: {problem}"))
