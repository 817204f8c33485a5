"""The API shows what the public site shows and nothing more: no draft, no unpublished page, no
page under a view restriction, no personal data, no protected photo that may not be public and
no original file. The walk follows every link the API gives (listings, their next pages, every
detail_url in any answer), searches, and looks a tracking code up; planted values must appear
in none of it."""

import json
import re

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from bureaus.models.bureaus import BureauPage
from content.ads.models.placements import AdProblem, AdProblemReport
from content.ads.models.works import PublicServiceAdPage
from content.exemplars.models import ExemplarPage, ExemplarPhoto
from content.exposure.models import ExposureNoticePage, ExposurePhoto
from content.nominations.models import NominationEvent, Stage
from content.photos.models import PhotoPurpose, ProtectedPhoto, PublicPhotoRendition
from tests.factories.ads import make_placement, make_work
from tests.factories.nominations import make_nomination

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    # The walk makes a few hundred requests; the limit has its own tests (test_api_cache_and_limits.py).
    settings.API_REQUESTS_PER_MINUTE = 100_000


PLANTED = {
    "editor_username": "planted-editor-9x",
    "editor_email": "planted.editor.9x@example.org",
    "editor_first_name": "植入编辑名",
    "editor_last_name": "植入编辑姓",
    "nominator_name": "植入推荐人",
    "nominator_phone": "13987654321",
    "nominator_unit": "植入推荐人单位",
    "nominator_relation": "植入推荐关系",
    "nominee_name": "植入被推荐人",
    "deeds": "植入未公开的事迹" * 10,
    "reviewer_note": "植入审核意见",
    "decision_reason": "植入决定理由",
    "report_text": "植入广告问题描述",
    "consent_record": "植入同意书档案号",
    "photo_title": "植入照片编辑标题",
    "draft_title": "植入从未发布的草稿",
    "draft_change": "植入尚未发布的修改",
    "unpublished_title": "植入已撤下的页面",
    "restricted_title": "植入受限页面",
    "restricted_child_title": "植入受限单位下的页面",
    "password": "planted-password-9x",
}
FORBIDDEN_KEYS = {
    "owner",
    "email",
    "phone",
    "user",
    "username",
    "locked_by",
    "nominator_name",
    "nominator_phone",
    "note",
    "consent_record",
    "client_hash",
    "original",
    "uploaded_by",
    "regions_reviewed_by",
    "password",
}


@pytest.fixture
def planted(make_user):
    editor = make_user(
        PLANTED["editor_username"],
        email=PLANTED["editor_email"],
        first_name=PLANTED["editor_first_name"],
        last_name=PLANTED["editor_last_name"],
    )
    gongan = BureauPage.objects.get(slug="gongan")
    # A live page the editor owns, edited, locked and left a newer draft on.
    work = PublicServiceAdPage.objects.live().filter(bureau=gongan).first()
    work.owner, work.locked_by, work.locked = editor, editor, True
    work.save_revision(user=editor).publish()
    work.title = PLANTED["draft_change"]
    work.save_revision(user=editor)
    # A page never published, and one published and then unpublished.
    draft = make_work(gongan, title=PLANTED["draft_title"], live=False)
    draft.save_revision(user=editor)
    gone = make_work(gongan, title=PLANTED["unpublished_title"])
    gone.save_revision(user=editor).publish()
    gone.unpublish()
    # A live page behind a password, and a live page below a restricted bureau.
    restricted = make_work(gongan, title=PLANTED["restricted_title"])
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password=PLANTED["password"])
    minzheng = BureauPage.objects.get(slug="minzheng")
    child = make_work(minzheng, title=PLANTED["restricted_child_title"])
    PageViewRestriction.objects.create(page=minzheng, restriction_type="login")
    # A nomination with every personal field, reviewed with notes, and an ad problem report.
    nomination = make_nomination(
        nominator_name=PLANTED["nominator_name"],
        nominator_phone=PLANTED["nominator_phone"],
        nominator_unit=PLANTED["nominator_unit"],
        nominator_relation=PLANTED["nominator_relation"],
        nominee_name=PLANTED["nominee_name"],
        deeds=PLANTED["deeds"],
    )
    NominationEvent.objects.create(
        nomination=nomination,
        from_stage=Stage.RECEIVED,
        to_stage=Stage.DISTRICT_REVIEW,
        actor=editor,
        note=PLANTED["reviewer_note"],
    )
    type(nomination).objects.filter(pk=nomination.pk).update(
        stage=Stage.DISTRICT_REVIEW, decision_reason=PLANTED["decision_reason"]
    )
    AdProblemReport.objects.create(
        placement=make_placement(gongan, work=work),
        problem=AdProblem.choices[0][0],
        description=PLANTED["report_text"],
        client_hash="0" * 64,
    )
    # The consent record and editors' title of every photo the public sees.
    ProtectedPhoto.objects.update(
        consent_record=PLANTED["consent_record"], title=PLANTED["photo_title"], uploaded_by=editor
    )
    return {
        "code": nomination.tracking_code,
        "hidden_ids": [draft.pk, gone.pk, restricted.pk, child.pk, minzheng.pk],
        "minzheng": minzheng,
    }


def walk(client, code, hidden_ids):
    """Every answer reachable from the index, plus searches and the status look-up: {url: json}."""
    seen, answers = set(), {}
    # A link may lead to a hidden page only when the directive names it (a task's lead bureau).
    hidden = {str(page_id) for page_id in hidden_ids}
    queue = ["/api/v1/"] + [
        f"/api/v1/{name}/?limit=100" for name in ("ads", "exemplars", "handbooks", "exposure", "bureaus", "tasks")
    ]
    words = ["文明", "交通", "好人", *PLANTED.values()]
    queue += [f"/api/v1/search/?q={word}&limit=100" for word in words]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200 or url.rstrip("/").rsplit("/", 1)[-1] in hidden, url
        answers[url] = response.json()
        text = response.content.decode()
        if url.startswith("/api/v1/search/"):
            # A search echoes its own words back (meta.query, .terms, .next): not what is checked.
            for echo in ("query", "terms", "next"):
                answers[url]["meta"].pop(echo)
        for found in re.findall(r'"(?:detail_url|next)": "http://127\.0\.0\.1:8000(/api/v1/[^"{}]+)"', text):
            queue.append(found)
    status = client.post("/api/v1/nominations/status/", {"code": code})
    assert status.status_code == 200
    answers["status"] = status.json()
    return answers


def keys_and_strings(value, keys, strings):
    if isinstance(value, dict):
        for key, item in value.items():
            keys.add(key)
            keys_and_strings(item, keys, strings)
    elif isinstance(value, list):
        for item in value:
            keys_and_strings(item, keys, strings)
    elif isinstance(value, str):
        strings.append(value)


def test_no_endpoint_and_no_field_shows_a_planted_value(client, planted):
    answers = walk(client, planted["code"], planted["hidden_ids"])
    pages_seen = {url for url in answers if "/pages/" in url}
    assert len(pages_seen) > 100, "the walk reached the details of every section"
    keys, strings = set(), []
    keys_and_strings(list(answers.values()), keys, strings)
    text = "\n".join(strings) + json.dumps(list(answers.values()), ensure_ascii=False)
    leaked = {name: value for name, value in PLANTED.items() if value in text}
    assert leaked == {}
    assert keys & FORBIDDEN_KEYS == set()
    assert answers["status"]["found"] is True and answers["status"]["stage"]["value"] == Stage.DISTRICT_REVIEW
    # No original file: Wagtail's originals and the protected photos' private originals.
    assert "original_images" not in text and "photos/originals" not in text
    assert "/media/images/" in text and "/media/photos/public/" in text  # renditions were walked


def test_hidden_pages_are_in_no_listing_search_or_detail(client, planted):
    hidden = set(planted["hidden_ids"])
    for name in ("ads", "bureaus", "tasks"):
        items = client.get(f"/api/v1/{name}/", {"limit": 100}).json()["items"]
        assert hidden.isdisjoint(item["id"] for item in items), name
    for page_id in hidden:
        response = client.get(f"/api/v1/pages/{page_id}/")
        assert response.status_code == 404 and response.json()["error"] == "not_found"
    for word in ("植入", PLANTED["restricted_title"], PLANTED["draft_title"]):
        items = client.get("/api/v1/search/", {"q": word, "limit": 100}).json()["items"]
        assert hidden.isdisjoint(item["id"] for item in items)
    # The live page shows its published title, never the newer draft's.
    ads = client.get("/api/v1/ads/", {"limit": 100}).json()["items"]
    assert PLANTED["draft_change"] not in json.dumps(ads, ensure_ascii=False)


def _rendition_urls(photo):
    return [r.file.url for r in PublicPhotoRendition.objects.filter(photo=photo)]


def _all_text(client):
    parts = []
    for name in ("exemplars", "exposure"):
        data = client.get(f"/api/v1/{name}/", {"limit": 100}).json()
        parts.append(json.dumps(data))
        parts += [client.get(f"/api/v1/pages/{item['id']}/").content.decode() for item in data["items"]]
    return "\n".join(parts)


def test_protected_photos_appear_only_while_they_may_be_public(client):
    exemplar_link = ExemplarPhoto.objects.filter(page__live=True, photo__public_renditions__isnull=False).first()
    notice_link = ExposurePhoto.objects.filter(page__live=True, photo__public_renditions__isnull=False).first()
    assert exemplar_link and notice_link, "the demo shows photos on both sections"
    exemplar_urls, notice_urls = _rendition_urls(exemplar_link.photo), _rendition_urls(notice_link.photo)
    text = _all_text(client)
    assert all(url in text for url in exemplar_urls + notice_urls)

    # A consent withdrawn, a minor, and blur regions to be reviewed again: gone at once.
    ProtectedPhoto.objects.filter(pk=exemplar_link.photo_id).update(consent_recorded_on=None)
    ProtectedPhoto.objects.filter(pk=notice_link.photo_id).update(regions_reviewed_at=None)
    text = _all_text(client)
    assert not any(url in text for url in exemplar_urls + notice_urls)
    ProtectedPhoto.objects.filter(pk=exemplar_link.photo_id).update(
        consent_recorded_on=timezone.localdate(), shows_minor=True
    )
    assert not any(url in _all_text(client) for url in exemplar_urls)


def test_an_exemplar_photo_put_on_a_notice_is_never_shown_unblurred(client):
    # Exemplar photos are not blurred: one linked to a notice past the editor's form stays hidden.
    photo = ProtectedPhoto.objects.filter(purpose=PhotoPurpose.EXEMPLAR, public_renditions__isnull=False).first()
    ProtectedPhoto.objects.filter(pk=photo.pk).update(regions_reviewed_at=timezone.now())
    notice = ExposureNoticePage.objects.live().first()
    ExposurePhoto.objects.create(page=notice, photo=photo, alt_text="误用的照片", sort_order=0)
    text = client.get(f"/api/v1/pages/{notice.pk}/").content.decode()
    text += client.get("/api/v1/exposure/", {"limit": 100}).content.decode()
    assert not any(url in text for url in _rendition_urls(photo))
    assert "误用的照片" not in text


def test_exemplar_pages_show_no_photo_data_beyond_the_public_rendition(client):
    exemplar = ExemplarPage.objects.live().filter(photos__isnull=False).first()
    data = client.get(f"/api/v1/pages/{exemplar.pk}/").json()
    for photo in data["photos"]:
        assert set(photo) == {"alt", "caption", "renditions"}
        assert all(set(r) == {"url", "width", "height"} for r in photo["renditions"])
