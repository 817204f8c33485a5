"""Triage of 随手拍 reports: who may see which report, and the status changes (docs/suishoupai.md).

Who: members of the report's bureau (its editors or reviewers group) see and triage its reports;
members of 市文明办 and superusers see every report and may reroute an open one to another bureau.

Statuses: received → accepted → turned into a notice or closed; received or accepted → not
accepted (with a reason the reporter reads) or turned into a notice; a notice → closed. Each
action has one rule (`refusal`): the detail page offers an action exactly when its rule returns
nothing, and `apply` refuses through the same rule, so a forged POST gets the same answer."""

from django.db import transaction
from django.utils.translation import gettext as _

from bureaus.access import user_bureau_ids
from bureaus.models.bureaus import BureauPage
from content.snapshots.models import OPEN_STATUSES, SnapshotEvent, SnapshotReport, Status, TriageRefused
from content.snapshots.notice import create_notice_draft
from content.snapshots.routing import OFFICE_SLUG
from core.safety import scan_text

#: action → the statuses it may start from.
FROM = {
    "accept": (Status.RECEIVED,),
    "reject": OPEN_STATUSES,
    "notice": OPEN_STATUSES,
    "close": (Status.ACCEPTED, Status.NOTICE),
    "reroute": OPEN_STATUSES,
}
ACTIONS = tuple(FROM)
TO = {"accept": Status.ACCEPTED, "reject": Status.REJECTED, "notice": Status.NOTICE, "close": Status.CLOSED}


def sees_all(user):
    """Superusers and the members of 市文明办 see every report and may reroute."""
    if user.is_superuser:
        return True
    cached = getattr(user, "_sees_all_snapshots", None)
    if cached is None:
        cached = BureauPage.objects.filter(slug=OFFICE_SLUG, pk__in=user_bureau_ids(user)).exists()
        user._sees_all_snapshots = cached
    return cached


def may_triage(user):
    """Whether the user has a 随手拍 list at all: a bureau member or a superuser."""
    return user.is_authenticated and user.is_active and (user.is_superuser or bool(user_bureau_ids(user)))


def readable(user):
    """The reports the user may see: their bureaus' (all for 市文明办 and superusers)."""
    if not may_triage(user):
        return SnapshotReport.objects.none()
    if sees_all(user):
        return SnapshotReport.objects.all()
    return SnapshotReport.objects.filter(bureau_id__in=user_bureau_ids(user))


def refusal(user, report, action):
    """Why `user` may not do `action` on `report` now, or None when they may."""
    if action not in FROM:
        return _("Choose what to do with the report.")
    if action == "reroute" and not sees_all(user):
        return _("Only 市文明办 reroutes reports.")
    if report.status not in FROM[action]:
        return _("This is not possible while the report is “%(status)s”.") % {"status": Status(report.status).label}
    if action == "notice" and report.bureau_id is None:
        return _("Route the report to a bureau first: the notice is that bureau's.")
    return None


def refusals(user, report):
    return {action: refusal(user, report, action) for action in ACTIONS}


def _checked_text(text, what):
    findings = scan_text(text) if text else []
    if findings:
        raise TriageRefused(f"{what}: {' '.join(finding.message() for finding in findings)}")
    return text


@transaction.atomic
def apply(user, report_id, action, *, reason="", note="", bureau=None):
    """Do `action` on the report (locked for the change); returns (report, notice page or None)."""
    # Only the report's row is locked (PostgreSQL refuses FOR UPDATE on the nullable bureau's join).
    report = (
        readable(user)
        .select_for_update(of=("self",))
        .select_related("bureau", "behaviour_type", "district")
        .get(pk=report_id)
    )
    problem = refusal(user, report, action)
    if problem:
        raise TriageRefused(problem)
    reason = _checked_text(reason.strip(), _("Reason"))
    note = _checked_text(note.strip(), _("Note"))
    notice = None
    if action == "reject" and not reason:
        raise TriageRefused(_("Write the reason the reporter will read."))
    if action == "reroute":
        if bureau is None:
            raise TriageRefused(_("Choose the bureau to send the report to."))
        if bureau.pk == report.bureau_id:
            raise TriageRefused(_("The report is already with this bureau."))
        report.bureau = bureau
        report.save(update_fields=["bureau", "updated_at"])
        SnapshotEvent.objects.create(
            report=report, status=report.status, actor=user, bureau=bureau, rerouted=True, note=note
        )
        return report, None
    if action == "notice":
        notice = create_notice_draft(report, user)
        report.notice = notice
    report.status = TO[action]
    if action in ("reject", "close"):
        report.reason = reason
    report.save()
    SnapshotEvent.objects.create(
        report=report, status=report.status, actor=user, bureau=report.bureau, note=note or reason
    )
    return report, notice
