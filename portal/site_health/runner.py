"""Measures every indicator, stores the report and tells 市文明办 what turned red.

Run nightly by the `site_health` schedule (portal/schedules.py) after the content audit, and on
demand by `manage.py site_health`. Each run adds a report; nothing is overwritten, so the
dashboard can show the nights side by side."""

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from portal.site_health import crawl, duties, freshness, links, tampering
from portal.site_health.mail import notify_turned_red
from portal.site_health.models import HealthReport, HealthResult
from portal.site_health.results import INDICATORS, Status, worst


def measure(now=None, *, site=None, crawl_result=None, checker=None, probe=None):
    """[Result] in the order of INDICATORS. `crawl_result`, `checker` (external links) and
    `probe` (the external probe's transport) may be given by a caller that already has them."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    site = site or Site.objects.get(is_default_site=True)
    crawl_result = crawl_result or crawl.crawl(site)
    probe_kwargs = {"fetch": probe} if probe is not None else {}
    found = [
        crawl.reachability(crawl_result),
        crawl.external_probe(**probe_kwargs),
        freshness.home_freshness(site, today),
        freshness.column_freshness(site, today),
        links.links(crawl_result, checker),
        tampering.tampering(crawl_result, now),
        duties.messages(today),
        duties.daily_ad_slot(today),
    ]
    order = {indicator.key: index for index, indicator in enumerate(INDICATORS)}
    return sorted(found, key=lambda result: order[result.key])


def store(results, now, trigger="schedule"):
    veto_red = any(result.indicator.single_veto and result.status == Status.RED for result in results)
    with transaction.atomic():
        report = HealthReport.objects.create(
            measured_at=now, status=worst(result.status for result in results), veto_red=veto_red, trigger=trigger
        )
        HealthResult.objects.bulk_create(
            HealthResult(
                report=report,
                indicator=result.key,
                status=result.status,
                single_veto=result.indicator.single_veto,
                summary=str(result.summary)[:300],
                figure=result.figure,
                items=result.items,
                by_bureau=result.by_bureau,
            )
            for result in results
        )
    return report


def run_report(now=None, trigger="schedule", notify=True, **kwargs):
    now = now or timezone.now()
    report = store(measure(now, **kwargs), now, trigger)
    if notify:
        notify_turned_red(report, now)
    return report


def ensure_demo_report():
    """The demo's first report (`manage.py load_demo`): measured for real, not mailed, and only
    when there is none yet, so a second build changes nothing."""
    if HealthReport.objects.exists():
        return None
    return run_report(trigger="demo", notify=False)


def nightly_site_health():
    """The schedule's job (idempotent in effect: a second run adds a report and mails nothing new)."""
    report = run_report()
    return {"report": report.pk, "status": report.status, "veto_red": report.veto_red}
