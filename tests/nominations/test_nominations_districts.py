"""The district review (属地初审) of a nomination belongs to the reviewers of its own district."""

import pytest
from django.core import mail

from bureaus.district_reviewers import CITY_GROUP
from bureaus.models.districts import District
from content.nominations.models import Stage
from content.nominations.stages import TransitionRefused, advance, may_act, reject
from tests.factories.nominations import make_nomination

pytestmark = pytest.mark.django_db


@pytest.fixture
def districts():
    first, second = District.objects.select_related("nomination_reviewers").order_by("sort_order", "id")[:2]
    return first, second


def test_every_district_has_its_review_group_with_the_district_review_right(districts):
    for district in District.objects.select_related("nomination_reviewers"):
        group = district.nomination_reviewers
        assert group.name == f"{district.name} 属地初审"
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert {"district_review_nomination", "view_nomination", "access_admin"} <= codenames


def test_renaming_a_district_renames_its_group(districts):
    district, _other = districts
    group_id = district.nomination_reviewers_id
    district.name = f"{district.name}(新)"
    district.save()
    district.refresh_from_db()
    assert district.nomination_reviewers_id == group_id
    assert district.nomination_reviewers.name == f"{district.name} 属地初审"


def test_only_the_nominations_own_district_reviews_it(make_user, districts):
    own, other = districts
    nomination = make_nomination(stage=Stage.DISTRICT_REVIEW, district=str(own.pk))
    outsider = make_user("district-outsider", [other.nomination_reviewers])
    insider = make_user("district-insider", [own.nomination_reviewers])

    assert not may_act(outsider, nomination)
    with pytest.raises(TransitionRefused):
        advance(nomination, outsider)
    with pytest.raises(TransitionRefused):
        reject(nomination, outsider, reason="不属实")
    nomination.refresh_from_db()
    assert nomination.stage == Stage.DISTRICT_REVIEW

    assert may_act(insider, nomination)
    advance(nomination, insider, note="情况属实")
    nomination.refresh_from_db()
    assert nomination.stage == Stage.PUBLICITY


def test_city_coordinators_may_act_for_any_district(make_user, districts):
    from django.contrib.auth.models import Group

    own, _other = districts
    nomination = make_nomination(stage=Stage.DISTRICT_REVIEW, district=str(own.pk))
    coordinator = make_user("district-coordinator", [Group.objects.get(name=CITY_GROUP)])
    assert may_act(coordinator, nomination)


def test_the_district_review_is_announced_to_that_district_only(
    make_user, districts, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    own, other = districts
    make_user("mail-own", [own.nomination_reviewers], email="own@example.cn")
    make_user("mail-other", [other.nomination_reviewers], email="other@example.cn")
    screener = make_user("mail-screener", [Group.objects.get(name="推荐评审 受理")])
    nomination = make_nomination(district=str(own.pk))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        advance(nomination, screener)
    addressed = {address for message in mail.outbox for address in message.to}
    assert "own@example.cn" in addressed
    assert "other@example.cn" not in addressed


def test_a_district_reviewer_reads_only_their_own_districts_nominations(make_user, districts, client):
    import csv
    import io

    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile

    from bureaus.nomination_reviewers import INTAKE
    from content.nominations.models import NominationPhoto
    from tests.factories.nominations import jpeg_with_gps

    own, other = districts
    mine = make_nomination(district=str(own.pk))
    theirs = make_nomination(district=str(other.pk))
    for nomination in (mine, theirs):
        NominationPhoto(nomination=nomination).file.save("photo.jpg", ContentFile(jpeg_with_gps().read()))
    reviewer = make_user("district-reader", [own.nomination_reviewers])
    client.force_login(reviewer)

    listing = client.get("/admin/nominations/").content.decode()
    assert mine.display_code in listing and theirs.display_code not in listing
    assert client.get(f"/admin/nominations/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/nominations/{theirs.pk}/").status_code == 404
    assert client.get(f"/admin/nominations/photo/{mine.photos.get().pk}/").status_code == 200
    assert client.get(f"/admin/nominations/photo/{theirs.photos.get().pk}/").status_code == 404
    export = client.get("/admin/nominations/export/").content.decode("utf-8-sig")
    exported = {row[0] for row in csv.reader(io.StringIO(export))}
    assert mine.tracking_code in exported and theirs.tracking_code not in exported
    refused = client.post(f"/admin/nominations/{theirs.pk}/action/", {"action": "advance"})
    assert refused.status_code == 404

    # The city-wide roles keep reading every district's nominations.
    intake = make_user("intake-reader", [Group.objects.get(name=INTAKE)])
    client.force_login(intake)
    assert client.get(f"/admin/nominations/{theirs.pk}/").status_code == 200
    coordinator = make_user("city-reader", [Group.objects.get(name=CITY_GROUP)])
    client.force_login(coordinator)
    assert client.get(f"/admin/nominations/{theirs.pk}/").status_code == 200
