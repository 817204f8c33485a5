"""`manage.py site_health`: measure the government spot-check indicators now, store the report
(mailing 市文明办 what turned red, as the nightly run does) and print it. Exits 1 when a
single-veto (单项否决) indicator is red, so monitoring can call it."""

from django.core.management.base import BaseCommand, CommandError

from portal.site_health.results import Status
from portal.site_health.runner import run_report

MARKS = {Status.GREEN: "OK ", Status.AMBER: "WARN", Status.RED: "RED ", Status.OFF: "OFF "}


class Command(BaseCommand):
    help = "Measure the site's health indicators (国办秘函〔2019〕19号); exit 1 when a single-veto indicator is red."

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=5, help="Items printed under each indicator (default 5).")

    def handle(self, *args, **options):
        report = run_report(trigger="command")
        for result in report.results.order_by("pk"):
            veto = " [单项否决]" if result.single_veto else ""
            self.stdout.write(f"{MARKS[result.status]} {result.indicator}{veto}: {result.label} — {result.summary}")
            for item in result.items[: options["items"]]:
                note = f" — {item['note']}" if item.get("note") else ""
                self.stdout.write(f"       · {item.get('label', '')}{note}")
        if report.veto_red:
            raise CommandError("a single-veto indicator is red", returncode=1)
        self.stdout.write(self.style.SUCCESS(f"status: {report.status}"))
