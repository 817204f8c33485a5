"""The mail to 市文明办 when an indicator turns red: on the turn only (red tonight, not red in
the report before), once per report, plain text, with what to act on."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bureaus.models.bureaus import BureauPage
from bureaus.workflows import FINAL_REVIEW_NAME
from portal.dashboard.queries import OFFICE_BUREAU_SLUG
from portal.site_health.models import HealthReport
from portal.site_health.results import Status

logger = logging.getLogger(__name__)
ITEMS_IN_MAIL = 10


def office_emails():
    """市文明办: the 终审 group and the office bureau's reviewers, active and with an address."""
    office = BureauPage.objects.filter(slug=OFFICE_BUREAU_SLUG).values_list("reviewers_group_id", flat=True).first()
    groups = Q(groups__name=FINAL_REVIEW_NAME)
    if office:
        groups |= Q(groups__pk=office)
    users = get_user_model().objects.filter(groups, is_active=True).exclude(email="").distinct()
    return sorted(set(users.values_list("email", flat=True)))


def turned_red(report):
    """The results of `report` that are red and were not red in the report before it."""
    previous = (
        HealthReport.objects.filter(measured_at__lte=report.measured_at)
        .exclude(pk=report.pk)
        .order_by("-measured_at", "-pk")
        .first()
    )
    was_red = set()
    if previous is not None:
        was_red = set(previous.results.filter(status=Status.RED).values_list("indicator", flat=True))
    return [result for result in report.results.filter(status=Status.RED) if result.indicator not in was_red]


def notify_turned_red(report, now):
    results = turned_red(report)
    if not results:
        return 0
    to = office_emails()
    # Claimed before sending: a second run over the same report (a retried job) sends nothing.
    if not to or not HealthReport.objects.filter(pk=report.pk, mailed_at__isnull=True).update(mailed_at=now):
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Site health: %(labels)s turned red") % {"labels": "、".join(str(r.label) for r in results)}
        lines = [
            _("These government spot-check indicators turned red in the check of %(when)s:")
            % {"when": timezone.localtime(report.measured_at).strftime("%Y-%m-%d %H:%M")},
            "",
        ]
        for result in results:
            veto = _(" (single veto)") if result.single_veto else ""
            lines.append(f"■ {result.label}{veto}: {result.summary}")
            for item in result.items[:ITEMS_IN_MAIL]:
                note = f" — {item['note']}" if item.get("note") else ""
                lines.append(f"  · {item.get('label', '')}{note}")
            lines.append("")
        url = getattr(settings, "WAGTAILADMIN_BASE_URL", "") + reverse("wagtailadmin_home")
        lines.append(_("The report and its history are on the dashboard: %(url)s") % {"url": url})
    try:
        return send_mail(subject, "\n".join(lines), None, to)
    except Exception as exc:  # noqa: BLE001 - the report stands; the mail failure is logged
        logger.warning("Site health mail for report %s failed (%s)", report.pk, type(exc).__name__)
        return 0
