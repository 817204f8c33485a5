"""Tampering: a live page whose rendered content no longer matches what its published revision
renders (its row changed behind the editor's back: an injection, a hand edit in the database),
or a finding of the nightly content audit (banned content, a foreign script, a swapped issuer
name) left unhandled for more than `SITE_HEALTH_AUDIT_GRACE_HOURS`.

Both renders use one anonymous request and the page's own `serve`, and only `<main>` is
compared: the header, the footer and the daily ad are the same whichever revision is shown."""

import copy
import datetime
import hashlib
import re

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.safety.page_audit import audit_live_pages
from core.safety.tasks import log_findings
from portal.site_health.models import AuditFindingRecord
from portal.site_health.results import Result, Status, count_by_bureau

# The fields of every page an editor writes (the rest of Page's own are the tree's and publishing's).
EDITED_PAGE_FIELDS = {"title", "seo_title", "search_description"}
MAIN = re.compile(r"<main\b.*?</main>", re.S | re.I)
# What differs between two renders of the same content: nonces and form tokens.
VOLATILE = re.compile(r'\s(?:nonce|value)="[^"]*"|<input[^>]*csrfmiddlewaretoken[^>]*>', re.I)


def main_digest(html):
    match = MAIN.search(html)
    return hashlib.sha256(VOLATILE.sub("", match.group(0) if match else html).encode()).hexdigest()


def render(page, site):
    request = RequestFactory().get(page.get_url(current_site=site) or "/", HTTP_HOST=site.hostname)
    request.user = AnonymousUser()
    request.session = {}
    response = page.serve(request)
    if hasattr(response, "render"):
        response = response.render()
    return response.content.decode(response.charset or "utf-8", errors="replace")


def compared_fields(page):
    own_page_fields = {field.attname for field in Page._meta.concrete_fields} - EDITED_PAGE_FIELDS
    # `editable=False` fields are kept up by the site itself (a handbook's print PDF).
    return [
        field
        for field in page._meta.concrete_fields
        if field.attname not in own_page_fields and field.editable and not field.is_relation
    ]


def as_published(page):
    """A copy of the live page with the fields an editor writes as its published revision has
    them. Tree and publishing fields (path, dates, status), fields the site maintains and
    relations stay the live row's: the revision's copies of those are stale by design."""
    published = page.live_revision.as_object()
    shown = copy.copy(page)
    for field in compared_fields(page):
        setattr(shown, field.attname, getattr(published, field.attname))
    return shown


def _stored(field, page):
    return field.get_prep_value(getattr(page, field.attname))


def differs_from_revision(page, site):
    """Whether the live page renders otherwise than its published revision."""
    page = page.specific
    if page.live_revision_id is None:
        return False
    published = as_published(page)
    # The same stored fields render the same page: only a difference is worth two renders (it
    # may still render alike, e.g. rich text saved in another but equivalent form).
    if all(_stored(field, page) == _stored(field, published) for field in compared_fields(page)):
        return False
    return main_digest(render(page, site)) != main_digest(render(published, site))


def record_audit(results, now=None):
    """Keeps the audit's findings: a new one is first seen now, one found again is still open,
    an open one the audit no longer finds is resolved."""
    now = now or timezone.now()
    seen = set()
    for url, findings in results:
        for finding in findings:
            key = (url[:500], finding.category[:40], finding.text[:300])
            seen.add(key)
            record = AuditFindingRecord.objects.filter(
                url=key[0], category=key[1], text=key[2], resolved_at__isnull=True
            ).first()
            if record is None:
                AuditFindingRecord.objects.create(
                    url=key[0],
                    category=key[1],
                    text=key[2],
                    message=finding.message(),
                    first_seen=now,
                    last_seen=now,
                )
            else:
                AuditFindingRecord.objects.filter(pk=record.pk).update(last_seen=now)
    for record in AuditFindingRecord.objects.filter(resolved_at__isnull=True, first_seen__lt=now):
        if (record.url, record.category, record.text) not in seen:
            AuditFindingRecord.objects.filter(pk=record.pk).update(resolved_at=now)


def nightly_audit():
    """The schedule's job: the content audit of every live page, logged and kept."""
    results, audited = audit_live_pages()
    log_findings(results)
    record_audit(results)
    return {"pages": audited, "pages_with_findings": len(results)}


def tampering(crawl_result, now):
    site = crawl_result.site
    items = []
    for rendered in crawl_result.pages:
        if rendered.status == 200 and differs_from_revision(rendered.page, site):
            note = _("differs from its published revision")
            items.append(
                {"label": rendered.page.title, "url": rendered.url, "bureau_id": rendered.bureau_id, "note": note}
            )
    grace = now - datetime.timedelta(hours=settings.SITE_HEALTH_AUDIT_GRACE_HOURS)
    open_findings = AuditFindingRecord.objects.filter(resolved_at__isnull=True)
    for record in open_findings.filter(first_seen__lte=grace)[:50]:
        note = _("audit finding since %(day)s: %(message)s") % {
            "day": timezone.localtime(record.first_seen).strftime("%Y-%m-%d %H:%M"),
            "message": record.message,
        }
        items.append({"label": record.url, "url": record.url, "bureau_id": None, "note": note})
    recent = open_findings.filter(first_seen__gt=grace).count()
    summary = _("%(tampered)d pages or findings left unhandled; %(recent)d new findings") % {
        "tampered": len(items),
        "recent": recent,
    }
    status = Status.RED if items else Status.AMBER if recent else Status.GREEN
    return Result("tampering", status, summary, len(items), items, count_by_bureau(items))
