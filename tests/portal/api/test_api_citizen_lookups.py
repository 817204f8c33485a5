"""The API's look-ups of a citizen's message and 随手拍 report by tracking code
(portal/api/lookups.py): POST only, the page's own answer in JSON, nothing of the sender, the
page's rate limit counted on the page's counter."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from bureaus.models.bureaus import BureauPage
from content.snapshots.models import SnapshotReport, Status
from interaction.models import Message
from tests.factories.snapshots import make_report
from tests.interaction.helpers import make_message

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

MESSAGES = "/api/v1/messages/status/"
REPORTS = "/api/v1/suishoupai/status/"


def test_a_message_is_looked_up_by_its_code_and_shows_the_answer_but_never_the_sender(client):
    message = make_message(subject="路灯不亮", contact_name="李秘密", contact_phone="13911112222")
    Message.objects.filter(pk=message.pk).update(status="answered", answered_at=timezone.now())
    answer = client.post(MESSAGES, {"code": message.tracking_code.lower()})
    assert answer.status_code == 200
    body = answer.json()
    assert body["found"] is True and body["subject"] == "路灯不亮"
    assert body["status"]["value"] == "answered" and body["bureau"]
    text = answer.content.decode()
    for secret in ("李秘密", "13911112222", message.text[:10]):
        assert secret not in text
    assert "Access-Control-Allow-Origin" not in answer
    assert "no-store" in answer["Cache-Control"] or "no-cache" in answer["Cache-Control"]


def test_a_report_is_looked_up_by_its_code_with_its_outcome_and_never_its_text_place_or_point(client):
    bureau = BureauPage.objects.get(slug="gongan")
    report = make_report(bureau, text="车牌云A12345停在盲道")
    SnapshotReport.objects.filter(pk=report.pk).update(status=Status.REJECTED, reason="照片看不清车辆")
    assert client.post(REPORTS, "[1, 2]", content_type="application/json").status_code == 400
    answer = client.post(REPORTS, {"code": report.tracking_code}, content_type="application/json")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"]["value"] == "rejected" and body["reason"] == "照片看不清车辆"
    assert body["bureau"] == bureau.title
    text = answer.content.decode()
    for secret in ("云A12345", "南屏街", "25.038100", "102.712200", ".jpg"):
        assert secret not in text


@pytest.mark.parametrize("address", [MESSAGES, REPORTS])
def test_codes_only_travel_in_a_post_body(client, address):
    assert client.get(address, {"code": "ABCDEFGHJKMN"}).status_code == 405
    assert client.post(address, {"code": ""}).status_code == 400
    missing = client.post(address, {"code": "ABCDEFGHJKMN"})
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"


@pytest.mark.parametrize(
    "address,page",
    [(MESSAGES, "/liuyan/chaxun/"), (REPORTS, "/suishoupai/status/")],
)
def test_the_api_counts_on_the_pages_own_limit(client, address, page):
    cache.clear()
    for _ in range(30):
        client.post(address, {"code": "ABCDEFGHJKMN"})
    refused = client.post(address, {"code": "ABCDEFGHJKMN"})
    assert refused.status_code == 429 and refused["Retry-After"]
    assert client.post(page, {"code": "ABCDEFGHJKMN"}).status_code == 429
