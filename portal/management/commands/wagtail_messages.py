from django.core.management.base import BaseCommand, CommandError

from portal import wagtail_messages


class Command(BaseCommand):
    help = (
        "Bring locale/wagtail_overrides/ in step with the installed Wagtail: add the admin strings it "
        "leaves untranslated in zh_Hans (with an empty msgstr to fill), drop those it now translates."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="only list what is missing; fail if anything is")

    def handle(self, *args, check=False, **options):
        missing = 0
        for domain in wagtail_messages.DOMAINS:
            if not check:
                added, dropped = wagtail_messages.refresh(domain)
                self.stdout.write(f"{domain}: {added} added, {dropped} dropped.")
            for context, msgid in wagtail_messages.missing_translations(domain):
                missing += 1
                self.stdout.write(f"  untranslated ({domain}): {msgid}" + (f" [{context}]" if context else ""))
        if missing and check:
            raise CommandError(f"{missing} Wagtail admin strings have no Chinese in locale/wagtail_overrides/.")
        self.stdout.write(f"{missing} to translate in {wagtail_messages.overrides_dir()}.")
