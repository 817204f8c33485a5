"""Moving a nomination between stages: who may, what must hold first, and the record of it.

Every change is one transaction on a locked row: the stage, an event (who, when, note) and, on
approval, the exemplar draft either all happen or none does. The next reviewers are mailed once
the change is committed."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bureaus.district_reviewers import may_review_district
from content.nominations.approval import create_exemplar_draft
from content.nominations.models import FINAL_STAGES, ExpertScore, Nomination, NominationEvent, Stage, TransitionRefused
from content.nominations.notifications import notify_stage

#: stage -> (next stage, permission needed to move it on, or to reject it at that stage)
FORWARD = {
    Stage.RECEIVED: (Stage.DISTRICT_REVIEW, "content.screen_nomination"),
    Stage.DISTRICT_REVIEW: (Stage.PUBLICITY, "content.district_review_nomination"),
    Stage.PUBLICITY: (Stage.EXPERT_REVIEW, "content.screen_nomination"),
    Stage.EXPERT_REVIEW: (Stage.DECISION, "content.screen_nomination"),
    Stage.DECISION: (Stage.APPROVED, "content.decide_nomination"),
}


def publicity_days():
    return getattr(settings, "NOMINATION_PUBLICITY_DAYS", 7)


def scores_required():
    return getattr(settings, "NOMINATION_EXPERT_SCORES", 3)


# --- Who may do what now -----------------------------------------------------------------------
#
# Each `*_refusal` function says why an action is not possible now, or returns None. The admin
# offers an action exactly when its refusal is None, and the action itself refuses through the
# same function, so the buttons and the rules cannot disagree.


def _act_refusal(user, nomination):
    """Moving on or rejecting: the nomination is open and the user holds this stage's right."""

    if not nomination.is_primary or nomination.stage in FINAL_STAGES:
        return _("This nomination is closed.")
    if not user.has_perm(FORWARD[nomination.stage][1]):
        return _("You may not act on a nomination at this stage.")
    if nomination.stage == Stage.DISTRICT_REVIEW and not may_review_district(user, nomination):
        return _("The district review of this nomination belongs to its district's reviewers.")
    return None


def _readiness_refusal(nomination, today):
    """What must hold before the nomination leaves its stage, whoever asks."""
    if nomination.stage == Stage.PUBLICITY:
        if nomination.publicity_ends_on and today <= nomination.publicity_ends_on:
            return _("The public evaluation runs until %(date)s: it can move on after that day.") % {
                "date": nomination.publicity_ends_on.isoformat()
            }
        if nomination.objections.filter(reviewed_at__isnull=True).exists():
            return _("Review every objection before the nomination moves on.")
    if nomination.stage == Stage.EXPERT_REVIEW:
        count = ExpertScore.objects.filter(nomination=nomination).count()
        if count < scores_required():
            return _("%(count)d of the %(required)d expert scores are in.") % {
                "count": count,
                "required": scores_required(),
            }
    return None


def may_act(user, nomination):
    """Whether `user` holds the right to move `nomination` on or reject it at its stage."""
    return _act_refusal(user, nomination) is None


def advance_refusal(user, nomination, today=None):
    return _act_refusal(user, nomination) or _readiness_refusal(nomination, today or timezone.localdate())


def reject_refusal(user, nomination):
    return _act_refusal(user, nomination)


def score_refusal(user, nomination):
    if not user.has_perm("content.score_nomination"):
        return _("You may not score nominations.")
    if nomination.stage != Stage.EXPERT_REVIEW:
        return _("Scores are given during the expert review only.")
    return None


def merge_refusal(user, nomination):
    """Merging this nomination into another (`merge` checks the other one)."""
    if not user.has_perm("content.screen_nomination"):
        return _("You may not merge nominations.")
    if not nomination.is_primary or nomination.stage in FINAL_STAGES:
        return _("Closed nominations cannot be merged.")
    return None


def action_refusals(user, nomination, today=None):
    """{action: why it is not possible now, or None} for the admin's buttons."""
    return {
        "advance": advance_refusal(user, nomination, today),
        "reject": reject_refusal(user, nomination),
        "score": score_refusal(user, nomination),
        "merge": merge_refusal(user, nomination),
    }


def _refuse_if(refusal):
    if refusal:
        raise TransitionRefused(refusal)


def _locked(nomination):
    return Nomination.objects.select_for_update().get(pk=nomination.pk)


def _record(nomination, to_stage, user, note=""):
    event = NominationEvent.objects.create(
        nomination=nomination, from_stage=nomination.stage, to_stage=to_stage, actor=user, note=note
    )
    nomination.stage = to_stage
    nomination.stage_changed_at = event.at
    return event


def advance(nomination, user, *, note="", bureau=None, today=None):
    """Move the nomination to its next stage; approval needs the responsible `bureau`."""

    today = today or timezone.localdate()
    with transaction.atomic():
        nomination = _locked(nomination)
        _refuse_if(advance_refusal(user, nomination, today))
        to_stage = FORWARD[nomination.stage][0]
        if to_stage == Stage.PUBLICITY:
            nomination.publicity_ends_on = today + datetime.timedelta(days=publicity_days())
        if to_stage == Stage.APPROVED:
            if bureau is None:
                raise TransitionRefused(_("Choose the bureau that will publish the exemplar."))
            nomination.bureau = bureau
            nomination.decided_at = timezone.now()
            nomination.decision_reason = note
            nomination.exemplar = create_exemplar_draft(nomination, bureau, user)
        _record(nomination, to_stage, user, note)
        nomination.save()
    transaction.on_commit(lambda: notify_stage(nomination, to_stage))
    return nomination


def reject(nomination, user, *, reason):
    if not reason.strip():
        raise TransitionRefused(_("Give the reason for the decision."))
    with transaction.atomic():
        nomination = _locked(nomination)
        _refuse_if(reject_refusal(user, nomination))
        nomination.decided_at = timezone.now()
        nomination.decision_reason = reason.strip()
        _record(nomination, Stage.REJECTED, user, reason.strip())
        nomination.save()
    return nomination


def merge(duplicate, target, user):
    """Join `duplicate` (and its own additional recommendations) to `target` as 同一线索."""
    with transaction.atomic():
        duplicate, target = _locked(duplicate), _locked(target)
        _refuse_if(merge_refusal(user, duplicate))
        if duplicate.pk == target.pk or not target.is_primary:
            raise TransitionRefused(_("Choose another open nomination to merge into."))
        if target.stage in FINAL_STAGES:
            raise TransitionRefused(_("Closed nominations cannot be merged."))
        Nomination.objects.filter(same_clue_of=duplicate).update(same_clue_of=target)
        note = _("Merged into %(code)s") % {"code": target.display_code}
        _record(duplicate, Stage.MERGED, user, note)
        duplicate.same_clue_of = target
        duplicate.decided_at = timezone.now()
        duplicate.save()
    return duplicate


def record_score(nomination, user, score, comment=""):
    _refuse_if(score_refusal(user, nomination))
    ExpertScore.objects.update_or_create(
        nomination=nomination, expert=user, defaults={"score": score, "comment": comment}
    )
