"""Rebuild the print edition (PDF) of every live etiquette handbook."""

from django.core.management.base import BaseCommand, CommandError

from content.handbooks.fonts import FontUnavailable, find_cjk_font
from content.handbooks.tasks import rebuild_all


class Command(BaseCommand):
    help = "Build the PDF of every live etiquette handbook whose PDF is missing or out of date."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="rebuild even when the PDF is up to date")

    def handle(self, *args, force=False, **options):
        try:
            font = find_cjk_font()
        except FontUnavailable as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Font: {font.path} (#{font.collection_font_number})")
        for page_id, result in rebuild_all(force=force).items():
            self.stdout.write(f"page {page_id}: {result}")
