"""Mail to the reviewers of the stage a nomination has reached (Django's e-mail backend).

Plain text only: nothing a citizen typed can become markup in a mail client. The mail names the
code, the clue and the stage, never the nominator."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from bureaus.district_reviewers import district_reviewer_emails
from content.nominations.models import Stage

logger = logging.getLogger(__name__)

#: Who acts at each stage (the permission named here), hence who is told a nomination arrived.
STAGE_PERMISSIONS = {
    Stage.RECEIVED: "content.screen_nomination",
    Stage.DISTRICT_REVIEW: "content.district_review_nomination",
    Stage.PUBLICITY: "content.screen_nomination",
    Stage.EXPERT_REVIEW: "content.score_nomination",
    Stage.DECISION: "content.decide_nomination",
}


def recipients(stage, nomination=None):
    if stage == Stage.DISTRICT_REVIEW and nomination is not None:
        # Only the nomination's own district (and the city-wide coordinators) review it.

        return district_reviewer_emails(nomination)
    permission = STAGE_PERMISSIONS.get(stage)
    if permission is None:
        return []
    users = get_user_model().objects.with_perm(permission, include_superusers=False).filter(is_active=True)
    return sorted({user.email for user in users if user.email})


def notify_stage(nomination, stage):
    """Tell the next reviewers; a mail failure is logged, never lost as a stage change."""
    to = recipients(stage, nomination)
    if not to:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Nomination %(code)s: %(stage)s") % {
            "code": nomination.display_code,
            "stage": Stage(stage).label,
        }
        body = _(
            "A nomination has reached the stage “%(stage)s” and awaits you.\n\n"
            "Code: %(code)s\nCategory: %(category)s\nClue: %(clue)s\n\nOpen it in the admin: %(url)s\n"
        ) % {
            "stage": Stage(stage).label,
            "code": nomination.display_code,
            "category": nomination.get_category_display(),
            "clue": nomination.clue,
            "url": getattr(settings, "WAGTAILADMIN_BASE_URL", "") + reverse("nominations:detail", args=[nomination.pk]),
        }
    try:
        return send_mass_mail([(subject, body, None, [address]) for address in to])
    except Exception as exc:  # noqa: BLE001 - the transition stands; the mail is reported
        logger.warning("Notification of nomination %s failed (%s)", nomination.pk, type(exc).__name__)
        return 0
