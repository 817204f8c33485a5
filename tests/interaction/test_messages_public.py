"""The public message form at /liuyan/xie/, the receipt, the look-up by code and routing."""

import io

import pytest
from django.core import mail
from PIL import Image

from bureaus.models.directive import CreationTaskLeadBureau
from interaction.models import Message, MessageEvent, MessagePhoto, Topic
from interaction.routing import TOPIC_TASKS, bureau_for, leads_by_topic
from tests.interaction.helpers import FORM_URL, STATUS_URL, code_from, form_data, jpeg_with_gps

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def test_the_form_lists_the_topics_and_is_shareable(client):
    response = client.get(FORM_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for value in Topic.values:
        assert f'value="{value}"' in html
    assert 'name="website"' in html and 'name="data_consent"' in html
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_message_is_stored_routed_and_followed_by_code(client):
    response = client.post(FORM_URL, form_data())
    assert response["Location"] == "/liuyan/huizhi/"
    code = code_from(response)
    message = Message.objects.get(tracking_code=code)
    assert message.bureau.slug == "gongan"  # 治理不文明交通行为: 市公安局 leads
    assert message.due_on > message.received_at.date()
    assert list(message.events.values_list("kind", flat=True)) == ["received"]
    assert mail.outbox == [] or all("13900" not in m.body for m in mail.outbox)
    # The receipt is shown once.
    assert "tracking-code" not in client.get("/liuyan/huizhi/").content.decode()
    page = client.post(STATUS_URL, {"code": code.lower()}).content.decode()
    assert "已受理" in page and "市公安局" in page
    assert "王明" not in page and message.contact_phone not in page


def test_every_topic_routes_to_the_lead_bureau_of_its_task():
    leads = leads_by_topic()
    for topic, (mechanism, number) in TOPIC_TASKS.items():
        first = (
            CreationTaskLeadBureau.objects.filter(task__mechanism__number=mechanism, task__number=number)
            .exclude(bureau__kind="locality")
            .order_by("sort_order", "id")
            .first()
        )
        assert leads[topic] == first.bureau, topic
    assert bureau_for("suggestion").slug == "wenmingban"
    assert bureau_for("markets").title == "市工商局"


def test_a_topic_whose_task_lost_its_leads_goes_to_the_office():
    CreationTaskLeadBureau.objects.filter(task__mechanism__number=2, task__number=3).delete()
    assert bureau_for("traffic").slug == "wenmingban"


def test_bad_input_is_answered_in_chinese_next_to_each_field(client):
    data = form_data(topic=None, text="太短", contact_phone="12345", contact_email="不是邮箱", data_consent=None)
    response = client.post(FORM_URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="topic-error"' in html and 'id="text-error"' in html and 'id="contact_phone-error"' in html
    assert "请输入内地手机号码：以1开头的11位数字。" in html
    assert "请输入有效的电子邮箱" in html
    assert "您同意处理个人信息后，我们才能受理留言。" in html
    assert 'id="data_consent-error"' in html and 'aria-invalid="true"' in html
    assert "请更正以下问题" in html or 'id="message-errors"' in html
    assert not Message.objects.filter(text="太短").exists()


def test_photos_are_cleaned_of_location_data(client):
    response = client.post(FORM_URL, {**form_data(), "photos": [jpeg_with_gps()]})
    message = Message.objects.get(tracking_code=code_from(response))
    photo = MessagePhoto.objects.get(message=message)
    with photo.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        assert not image.getexif()
    assert photo.file.name.startswith("messages/")


def test_nothing_is_half_saved_when_a_photo_cannot_be_stored(client, monkeypatch):
    def broken(self, *args, **kwargs):
        raise OSError("disk full")

    before = Message.objects.count(), MessageEvent.objects.count(), MessagePhoto.objects.count()
    monkeypatch.setattr(MessagePhoto, "save", broken)
    with pytest.raises(OSError):
        client.post(FORM_URL, {**form_data(), "photos": [jpeg_with_gps()]})
    assert (Message.objects.count(), MessageEvent.objects.count(), MessagePhoto.objects.count()) == before


def test_banned_content_is_refused(client):
    response = client.post(FORM_URL, form_data(text="欢迎来澳门新葡京娱乐场开户送彩金，天天有活动。"))
    assert response.status_code == 200
    assert 'id="text-error"' in response.content.decode()
    assert not Message.objects.filter(text__contains="新葡京").exists()


def test_the_honeypot_gets_a_receipt_and_nothing_is_stored(client):
    before = Message.objects.count()
    response = client.post(FORM_URL, {**form_data(website="http://spam.example"), "photos": [jpeg_with_gps()]})
    code = code_from(response)
    assert len(code) == 12
    assert Message.objects.count() == before and not mail.outbox
    assert client.post(STATUS_URL, {"code": code}).status_code == 404


def test_rate_limits(client):
    for _ in range(5):
        assert client.post(FORM_URL, form_data()).status_code == 302
    response = client.post(FORM_URL, form_data())
    assert response.status_code == 429 and response["Retry-After"]
    assert "路口不礼让行人" in response.content.decode()  # what was typed is kept


def test_a_code_in_a_link_is_not_read(client):
    response = client.get(STATUS_URL + "?code=ABCDEFGHJKMN")
    assert response.status_code == 302 and response["Location"] == STATUS_URL


def test_the_bureau_is_mailed_without_the_senders_details(client, make_user):
    from tests.helpers import bureau

    make_user("gongan-mail", [bureau("gongan").editors_group], email="gongan@example.com")
    with pytest.MonkeyPatch.context():
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            client.post(FORM_URL, form_data(contact_name="张三丰"))
    sent = [m for m in mail.outbox if "gongan@example.com" in m.to]
    assert sent and "张三丰" not in sent[0].body and "/admin/messages/" in sent[0].body
