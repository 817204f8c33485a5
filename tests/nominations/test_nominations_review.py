"""Review of nominations in the admin: stages, permissions, mail, public evaluation, approval into
the bureau's workflow, merging, nominators' personal data, export and the purge."""

import datetime

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import WorkflowState

from bureaus.models.bureaus import BureauPage
from content.exemplars.models import ExemplarPage
from content.nominations import stages
from content.nominations import tasks as purge
from content.nominations.models import (
    ExpertScore,
    Nomination,
    NominationEvent,
    NominationLike,
    NominationObjection,
    NominatorDataAccess,
    Stage,
)
from content.photos.models import ProtectedPhoto
from tests.factories.nominations import ALL, PUBLICITY_URL, admin_client, jpeg_with_gps, make_nomination, staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def act(client, nomination, **data):
    return client.post(f"/admin/nominations/{nomination.pk}/action/", data)


def through_publicity(nomination, user, today):
    stages.advance(nomination, user, today=today)  # → district review
    stages.advance(nomination, user, today=today)  # → public evaluation
    return Nomination.objects.get(pk=nomination.pk)


@override_settings(NOMINATION_EXPERT_SCORES=2)
def test_a_reviewer_moves_a_nomination_through_every_stage_to_an_exemplar_draft_in_the_workflow(
    django_capture_on_commit_callbacks,
):
    chief = staff(*ALL)
    expert = staff("view_nomination", "score_nomination")
    nomination = make_nomination(photos=None)
    client = admin_client(chief)
    mail.outbox.clear()

    district_reviewer = staff("view_nomination", "district_review_nomination")
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, nomination, action="advance", note="材料齐全").status_code == 302
    nomination.refresh_from_db()
    assert nomination.stage == Stage.DISTRICT_REVIEW
    told = [message for message in mail.outbox if district_reviewer.email in message.to]
    assert len(told) == 1 and nomination.display_code in told[0].subject  # the district reviewers are told
    assert expert.email not in {address for message in mail.outbox for address in message.to}

    act(client, nomination, action="advance")
    nomination.refresh_from_db()
    assert nomination.stage == Stage.PUBLICITY
    assert nomination.publicity_ends_on == timezone.localdate() + datetime.timedelta(days=7)

    # The public evaluation must run its days.
    act(client, nomination, action="advance")
    nomination.refresh_from_db()
    assert nomination.stage == Stage.PUBLICITY
    Nomination.objects.filter(pk=nomination.pk).update(publicity_ends_on=timezone.localdate() - datetime.timedelta(1))
    act(client, nomination, action="advance")
    nomination.refresh_from_db()
    assert nomination.stage == Stage.EXPERT_REVIEW

    act(client, nomination, action="score", score="88")
    act(client, nomination, action="advance")
    nomination.refresh_from_db()
    assert nomination.stage == Stage.EXPERT_REVIEW  # one score of the two needed
    admin_client(expert).post(f"/admin/nominations/{nomination.pk}/action/", {"action": "score", "score": "91"})
    assert ExpertScore.objects.filter(nomination=nomination).count() == 2
    act(client, nomination, action="advance")
    nomination.refresh_from_db()
    assert nomination.stage == Stage.DECISION

    bureau = BureauPage.objects.get(slug="wenmingban")
    act(client, nomination, action="advance", note="评审通过", bureau=str(bureau.pk))
    nomination.refresh_from_db()
    assert nomination.stage == Stage.APPROVED and nomination.decided_at
    page = nomination.exemplar.specific
    assert isinstance(page, ExemplarPage) and not page.live
    assert page.get_parent().pk == bureau.pk and page.person_name == nomination.nominee_name
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow == bureau.review_workflow

    trail = list(NominationEvent.objects.filter(nomination=nomination).values_list("to_stage", "actor_id"))
    assert [stage for stage, _ in trail] == [
        Stage.RECEIVED,
        Stage.DISTRICT_REVIEW,
        Stage.PUBLICITY,
        Stage.EXPERT_REVIEW,
        Stage.DECISION,
        Stage.APPROVED,
    ]
    assert all(actor == chief.pk for _stage, actor in trail[1:])

    status = Client(HTTP_HOST="localhost").post("/tuijian/status/", {"code": nomination.tracking_code}).content.decode()
    assert f"<strong>{Stage.APPROVED.label}</strong>" in status


def test_approval_turns_photos_into_protected_exemplar_photos_only_then():
    chief = staff(*ALL)
    nomination = make_nomination(stage=Stage.DECISION)
    from content.nominations.models import NominationPhoto
    from core.uploads import clean_uploaded_photo

    photo = NominationPhoto(nomination=nomination)
    cleaned = clean_uploaded_photo(jpeg_with_gps())
    photo.file.save(cleaned.name, cleaned)
    before = ProtectedPhoto.objects.count()
    stages.advance(nomination, chief, bureau=BureauPage.objects.get(slug="wenmingban"))
    nomination.refresh_from_db()
    assert ProtectedPhoto.objects.count() == before + 1
    exemplar_photo = nomination.exemplar.specific.photos.get()
    assert not exemplar_photo.may_be_shown  # the editor records the signed consent first


def test_each_stage_needs_its_permission_and_rejection_needs_a_reason():
    nomination = make_nomination()
    clerk = staff("view_nomination", "district_review_nomination")
    with pytest.raises(stages.TransitionRefused):
        stages.advance(nomination, clerk)  # received → district review is the screener's
    screener = staff("view_nomination", "screen_nomination")
    stages.advance(nomination, screener)
    with pytest.raises(stages.TransitionRefused):
        stages.advance(nomination, screener)  # the district review is the district's
    with pytest.raises(stages.TransitionRefused):
        stages.reject(nomination, clerk, reason="  ")
    stages.reject(nomination, clerk, reason="事迹不实")
    nomination.refresh_from_db()
    assert nomination.stage == Stage.REJECTED and nomination.decision_reason == "事迹不实"
    assert NominationEvent.objects.filter(nomination=nomination, to_stage=Stage.REJECTED, actor=clerk).exists()


def test_admin_views_need_the_view_permission():
    nomination = make_nomination()
    outsider = staff()
    client = admin_client(outsider)
    for url in ("/admin/nominations/", f"/admin/nominations/{nomination.pk}/", "/admin/nominations/export/"):
        assert client.get(url).status_code == 403, url
    assert act(client, nomination, action="advance").status_code == 403
    nomination.refresh_from_db()
    assert nomination.stage == Stage.RECEIVED


def test_nominator_details_need_their_permission_and_each_view_is_logged():
    nomination = make_nomination(nominator_name="孙八", nominator_phone="13322223333")
    plain = admin_client(staff("view_nomination"))
    html = plain.get(f"/admin/nominations/{nomination.pk}/").content.decode()
    assert "孙八" not in html and "13322223333" not in html and 'id="nominator-hidden"' in html
    assert not NominatorDataAccess.objects.filter(nomination=nomination).exists()

    trusted_user = staff("view_nomination", "view_nominator")
    trusted = admin_client(trusted_user)
    html = trusted.get(f"/admin/nominations/{nomination.pk}/").content.decode()
    assert "孙八" in html and "13322223333" in html
    assert NominatorDataAccess.objects.filter(nomination=nomination, user=trusted_user, action="view").count() == 1


def test_the_export_leaves_nominators_out_unless_permitted_and_logs_it():
    nomination = make_nomination(nominator_name="周九", nominator_phone="13344445555", clue="=HYPERLINK(1)")
    plain = admin_client(staff("view_nomination")).get("/admin/nominations/export/")
    body = plain.content.decode()
    assert nomination.tracking_code in body and "周九" not in body and "13344445555" not in body
    assert "'=HYPERLINK(1)" in body  # not a formula in a spreadsheet
    user = staff("view_nomination", "view_nominator")
    body = admin_client(user).get("/admin/nominations/export/").content.decode()
    assert "周九" in body and "13344445555" in body
    assert NominatorDataAccess.objects.filter(nomination=nomination, user=user, action="export").exists()


def test_duplicates_can_be_merged_and_their_codes_follow_the_target():
    screener = staff("view_nomination", "screen_nomination")
    target = make_nomination(nominee_name="吴十")
    duplicate = make_nomination(nominee_name="吴拾")  # a typo: not linked automatically
    linked = make_nomination(nominee_name="吴拾")
    assert duplicate.is_primary and linked.same_clue_of == duplicate
    response = act(admin_client(screener), duplicate, action="merge", target=target.display_code.lower())
    assert response.status_code == 302
    duplicate.refresh_from_db()
    linked.refresh_from_db()
    assert duplicate.stage == Stage.MERGED and duplicate.same_clue_of == target
    assert linked.same_clue_of == target
    stages.advance(target, screener)
    status = Client(HTTP_HOST="localhost").post("/tuijian/status/", {"code": duplicate.tracking_code}).content.decode()
    assert f"<strong>{Stage.DISTRICT_REVIEW.label}</strong>" in status


def test_the_public_evaluation_page_shows_candidates_without_nominators():
    chief = staff(*ALL)
    shown = make_nomination(nominator_name="郑一", nominator_phone="13355556666", clue="深夜救起落水儿童")
    hidden = make_nomination(clue="还在初审的线索")
    shown = through_publicity(shown, chief, timezone.localdate())
    client = Client(HTTP_HOST="localhost")
    html = client.get(PUBLICITY_URL).content.decode()
    assert "深夜救起落水儿童" in html and shown.nominee_name in html and shown.deeds[:20] in html
    assert "郑一" not in html and "13355556666" not in html
    assert "还在初审的线索" not in html and hidden.nominee_name not in html


def test_nominee_photos_appear_only_with_consent_and_for_adults():
    from content.nominations.models import NominationPhoto
    from core.uploads import clean_uploaded_photo

    chief = staff(*ALL)
    today = timezone.localdate()
    with_consent = make_nomination()
    without = make_nomination(photo_consent=None)
    minor = make_nomination(birth_year=str(today.year - 10), guardian_consent="on")
    photos = {}
    for nomination in (with_consent, without, minor):
        photo = NominationPhoto(nomination=nomination)
        cleaned = clean_uploaded_photo(jpeg_with_gps())
        photo.file.save(cleaned.name, cleaned)
        photos[nomination.pk] = photo.pk
        through_publicity(nomination, chief, today)
    client = Client(HTTP_HOST="localhost")
    html = client.get(PUBLICITY_URL).content.decode()
    assert f"zhaopian/{photos[with_consent.pk]}/" in html
    assert f"zhaopian/{photos[without.pk]}/" not in html and f"zhaopian/{photos[minor.pk]}/" not in html
    assert client.get(f"{PUBLICITY_URL}zhaopian/{photos[with_consent.pk]}/").status_code == 200
    assert client.get(f"{PUBLICITY_URL}zhaopian/{photos[minor.pk]}/").status_code == 404


def test_likes_count_once_per_visitor_and_objections_are_kept_for_review():
    chief = staff(*ALL)
    nomination = through_publicity(make_nomination(), chief, timezone.localdate())
    client = Client(HTTP_HOST="localhost")
    client.post(f"{PUBLICITY_URL}{nomination.pk}/dianzan/")
    client.post(f"{PUBLICITY_URL}{nomination.pk}/dianzan/")
    nomination.refresh_from_db()
    assert nomination.like_count == 1 and NominationLike.objects.filter(nomination=nomination).count() == 1

    short = client.post(f"{PUBLICITY_URL}{nomination.pk}/yiyi/", {"text": "不对"})
    assert short.status_code == 200 and "不对" in short.content.decode()
    response = client.post(
        f"{PUBLICITY_URL}{nomination.pk}/yiyi/", {"text": "据我所知这件事发生在另一个小区，并非本人所为。"}
    )
    assert response.status_code == 302
    objection = NominationObjection.objects.get(nomination=nomination)
    for _ in range(2):
        client.post(f"{PUBLICITY_URL}{nomination.pk}/yiyi/", {"text": "据我所知这件事发生在另一个小区。"})
    assert client.post(f"{PUBLICITY_URL}{nomination.pk}/yiyi/", {"text": "第四条异议内容很长很长。"}).status_code == 429
    assert NominationObjection.objects.filter(nomination=nomination).count() == 3

    # An unreviewed objection holds the nomination in public evaluation.
    Nomination.objects.filter(pk=nomination.pk).update(publicity_ends_on=timezone.localdate() - datetime.timedelta(1))
    NominationObjection.objects.exclude(pk=objection.pk).update(reviewed_at=timezone.now())
    with pytest.raises(stages.TransitionRefused):
        stages.advance(nomination, chief)
    admin_client(chief).post(f"/admin/nominations/objection/{objection.pk}/review/", {"finding": "经核实，事迹属实"})
    stages.advance(nomination, chief)
    nomination.refresh_from_db()
    assert nomination.stage == Stage.EXPERT_REVIEW


def test_a_like_of_a_candidate_not_under_evaluation_is_refused():
    nomination = make_nomination()
    assert Client(HTTP_HOST="localhost").post(f"{PUBLICITY_URL}{nomination.pk}/dianzan/").status_code == 404


@override_settings(NOMINATION_PURGE_DAYS=180)
def test_the_purge_erases_nominators_a_set_number_of_days_after_the_decision():
    chief = staff(*ALL)
    decided = make_nomination(nominator_name="冯二", nominee_name="被推荐人甲")
    extra = make_nomination(nominator_name="陈三", nominee_name="被推荐人甲")
    recent = make_nomination(nominator_name="褚四")
    open_one = make_nomination(nominator_name="卫五")
    stages.reject(decided, chief, reason="不符合条件")
    stages.reject(recent, chief, reason="不符合条件")
    old = timezone.now() - datetime.timedelta(days=181)
    Nomination.objects.filter(pk=decided.pk).update(decided_at=old)

    assert purge.purge_personal_data() == 2
    for item, erased in ((decided, True), (extra, True), (recent, False), (open_one, False)):
        item.refresh_from_db()
        assert (item.nominator_name == "" and item.nominator_phone == "") is erased, item.nominator_name
        assert (item.personal_data_erased_at is not None) is erased
    assert purge.purge_personal_data() == 0  # idempotent
    decided.refresh_from_db()
    assert decided.nominee_name == "被推荐人甲" and decided.stage == Stage.REJECTED  # the record stays
