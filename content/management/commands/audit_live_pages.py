"""`manage.py audit_live_pages`: render every live page of the default site as a visitor gets it
and report banned content, hidden links, unexpected scripts and frames, off-list hosts and a
missing or replaced site or issuer name. Meant to run nightly; exits 1 when anything is found."""

from django.core.management.base import BaseCommand

from core.safety.page_audit import audit_live_pages


class Command(BaseCommand):
    help = (
        "Audit the rendered HTML of every live page for defacement. Prints url:line:col: category: term: excerpt "
        "for each finding; exits 1 when anything is found."
    )

    def handle(self, *args, **options):
        results, audited = audit_live_pages()
        for url, findings in results:
            for finding in findings:
                self.stdout.write(finding.as_line(url))
        self.stderr.write(f"audit_live_pages: {audited} pages audited, {len(results)} with findings")
        if results:
            raise SystemExit(1)
