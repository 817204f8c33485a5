"""The nomination page offers exactly the actions the rules allow now: at every stage, each
offered button works when pressed, and an action that is not offered is refused when posted
anyway (content/nominations/stages.py `action_refusals`)."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from content.nominations import stages
from content.nominations.models import ExpertScore, Nomination, NominationObjection, Stage
from tests.factories.nominations import ALL, admin_client, make_nomination, staff

pytestmark = pytest.mark.django_db
ACTIONS = ("advance", "reject", "score", "merge")


def today():
    # Read when a test runs, not when the module is collected: a long run crosses local midnight.
    return timezone.localdate()


def _publicity(nomination, ends_on):
    Nomination.objects.filter(pk=nomination.pk).update(publicity_ends_on=ends_on)


def _scores(nomination, count):
    for number in range(count):
        expert = staff("view_nomination", "score_nomination")
        ExpertScore.objects.create(nomination=nomination, expert=expert, score=80 + number)


def _objection(nomination):
    NominationObjection.objects.create(nomination=nomination, text="此人事迹与事实不符，请核实。")


#: name -> (stage, preparation): each state a nomination can be in when a reviewer opens it.
STATES = {
    "received": (Stage.RECEIVED, None),
    "district review": (Stage.DISTRICT_REVIEW, None),
    "public evaluation running": (Stage.PUBLICITY, lambda n: _publicity(n, today() + datetime.timedelta(days=3))),
    "public evaluation ends today": (Stage.PUBLICITY, lambda n: _publicity(n, today())),
    "public evaluation over, objection open": (
        Stage.PUBLICITY,
        lambda n: (_publicity(n, today() - datetime.timedelta(days=1)), _objection(n)),
    ),
    "public evaluation over": (Stage.PUBLICITY, lambda n: _publicity(n, today() - datetime.timedelta(days=1))),
    "expert review, no scores": (Stage.EXPERT_REVIEW, None),
    "expert review, one score short": (Stage.EXPERT_REVIEW, lambda n: _scores(n, stages.scores_required() - 1)),
    "expert review, scores in": (Stage.EXPERT_REVIEW, lambda n: _scores(n, stages.scores_required())),
    "decision": (Stage.DECISION, None),
    "approved": (Stage.APPROVED, None),
    "not selected": (Stage.REJECTED, None),
}


def in_state(name):
    stage, prepare = STATES[name]
    nomination = make_nomination(stage=stage)
    if prepare:
        prepare(nomination)
    return Nomination.objects.get(pk=nomination.pk)


def offered(client, nomination):
    html = client.get(f"/admin/nominations/{nomination.pk}/").content.decode()
    return set(re.findall(r'<input type="hidden" name="action" value="(\w+)">', html)), html


def press(client, user, nomination, action):
    """Post the action as its form would; True when it took effect."""
    data = {
        "advance": lambda: {"note": "", "bureau": _office_pk()},
        "reject": lambda: {"reason": "事迹材料不足"},
        "score": lambda: {"score": "90"},
        "merge": lambda: {"target": make_nomination().display_code},
    }[action]()
    before = Nomination.objects.get(pk=nomination.pk).stage
    client.post(f"/admin/nominations/{nomination.pk}/action/", {"action": action, **data})
    after = Nomination.objects.get(pk=nomination.pk).stage
    if action == "score":
        return ExpertScore.objects.filter(nomination=nomination, expert=user).exists()
    expected = {"advance": stages.FORWARD.get(before, (None,))[0], "reject": Stage.REJECTED, "merge": Stage.MERGED}
    return after == expected[action] and after != before


def _office_pk():
    from bureaus.models.bureaus import BureauPage

    return BureauPage.objects.get(slug="wenmingban").pk


def _chief():
    return staff(*ALL)


def _expert():
    return staff("view_nomination", "score_nomination")


def _screener():
    return staff("view_nomination", "screen_nomination")


@pytest.mark.parametrize("make_user", [_chief, _expert, _screener], ids=["chief", "expert", "screener"])
@pytest.mark.parametrize("state", list(STATES))
def test_every_offered_action_works_and_no_other_is_accepted(state, make_user):
    user = make_user()
    client = admin_client(user)
    offers, _html = offered(client, in_state(state))
    assert offers <= set(ACTIONS)
    for action in ACTIONS:
        # A fresh nomination in the same state for each action: one action changes the state.
        nomination = in_state(state)
        assert press(client, user, nomination, action) == (action in offers), f"{state}: {action}"


def test_what_each_stage_offers_the_chief_reviewer():
    client = admin_client(_chief())
    expected = {
        "received": {"advance", "reject", "merge"},
        "district review": {"advance", "reject", "merge"},
        "public evaluation running": {"reject", "merge"},
        "public evaluation ends today": {"reject", "merge"},
        "public evaluation over, objection open": {"reject", "merge"},
        "public evaluation over": {"advance", "reject", "merge"},
        "expert review, no scores": {"score", "reject", "merge"},
        "expert review, one score short": {"score", "reject", "merge"},
        "expert review, scores in": {"advance", "score", "reject", "merge"},
        "decision": {"advance", "reject", "merge"},
        "approved": set(),
        "not selected": set(),
    }
    for state, actions in expected.items():
        assert offered(client, in_state(state))[0] == actions, state


def test_during_the_public_evaluation_the_page_says_why_it_cannot_move_on():
    nomination = in_state("public evaluation running")
    offers, html = offered(admin_client(_chief()), nomination)
    assert "advance" not in offers
    assert 'id="advance-button"' not in html
    ends_on = (today() + datetime.timedelta(days=3)).isoformat()
    assert re.search(rf'id="advance-waiting">[^<]*专家评审[^<]*评议公示期至 {ends_on}', html)


def test_a_reviewer_without_the_stage_right_is_not_told_about_it():
    nomination = in_state("public evaluation running")
    offers, html = offered(admin_client(_expert()), nomination)
    assert offers == set() and 'id="advance-waiting"' not in html


def test_district_review_is_offered_only_to_the_nominations_district():
    from django.contrib.auth.models import Group

    nomination = in_state("district review")
    other_district = Group.objects.filter(name__endswith="属地初审").exclude(
        pk=nomination.district.nomination_reviewers_id
    )
    outsider = staff("view_nomination")
    outsider.groups.add(other_district.exclude(name="推荐评审 属地初审").first())
    outsider.user_permissions.add(Permission.objects.get(codename="district_review_nomination"))
    outsider = type(outsider).objects.get(pk=outsider.pk)
    offers, _html = offered(admin_client(outsider), nomination)
    assert offers == set()
    assert not press(admin_client(outsider), outsider, nomination, "advance")
