"""What a citizen reads on the nomination form: messages written for them, the guardian's consent
only for a minor (without JavaScript too), a phone counter against 11 digits, the "save this
code" hint, and a contact on an objection that only the reviewers see."""

import datetime
import re

import pytest
from django.utils import timezone

from content.nominations.models import Nomination, NominationObjection, Stage
from content.nominations.tasks import purge_personal_data
from tests.factories.nominations import FORM_URL, PUBLICITY_URL, form_data, make_nomination

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

STOCK_TEXT = ("确保该变量", "这个字段是必填项", "必需字段", "Ensure this value", "This field is required")


def errors_of(html):
    return re.findall(r'class="field-error" id="[a-z_]+-error">([^<]*)<', html)


def test_every_message_of_an_empty_form_is_written_for_citizens(client):
    html = client.post(FORM_URL, {"deeds": "太短了"}).content.decode()
    messages = errors_of(html)
    assert len(messages) >= 10
    for stock in STOCK_TEXT:
        assert stock not in html, stock
    assert "请填写被推荐人的姓名。" in messages
    assert any("事迹介绍至少 50 字，您写了 3 字" in message for message in messages)


def test_the_guardian_box_is_there_only_for_a_minor(client):
    blank = client.get(FORM_URL).content.decode()
    assert re.search(r'<div id="guardian-consent" data-guardian-consent hidden>', blank)
    adult = client.post(FORM_URL, form_data(birth_year="1960", nominee_name="")).content.decode()
    assert re.search(r'<div id="guardian-consent" data-guardian-consent hidden>', adult)
    minor = client.post(FORM_URL, form_data(birth_year=str(timezone.localdate().year - 10))).content.decode()
    assert re.search(r'<div id="guardian-consent" data-guardian-consent>', minor)
    assert 'id="guardian_consent-error"' in minor


def test_the_phone_counter_counts_eleven_digits(client):
    html = client.get(FORM_URL).content.decode()
    assert re.search(r'name="nominator_phone"[^>]*data-digits="11"', html)


def test_the_receipt_says_to_save_the_code_and_offers_to_copy_it(client):
    response = client.post(FORM_URL, form_data())
    receipt = client.get(response["Location"]).content.decode()
    assert 'id="save-code-hint"' in receipt and "请立即保存此跟踪码" in receipt
    assert re.search(r'<button type="button" class="copy-button" data-copy-target="tracking-code"', receipt)


def test_an_objection_may_leave_a_contact_that_is_erased_with_the_decision(client):
    nomination = make_nomination(stage=Stage.PUBLICITY)
    Nomination.objects.filter(pk=nomination.pk).update(
        publicity_ends_on=timezone.localdate() + datetime.timedelta(days=7)
    )
    page = client.get(PUBLICITY_URL).content.decode()
    assert f'id="id_contact_{nomination.pk}"' in page
    url = f"{PUBLICITY_URL}{nomination.pk}/yiyi/"
    short = client.post(url, {"text": "不对"}).content.decode()
    assert "异议至少 10 字，您写了 2 字" in short
    response = client.post(url, {"text": "据我所知这件事发生在另一个小区。", "contact": "138 0000 1111"})
    assert response.status_code == 302
    objection = NominationObjection.objects.get(nomination=nomination)
    assert objection.contact == "138 0000 1111"
    assert "138 0000 1111" not in client.get(PUBLICITY_URL).content.decode()

    Nomination.objects.filter(pk=nomination.pk).update(
        stage=Stage.REJECTED, decided_at=timezone.now() - datetime.timedelta(days=400)
    )
    purge_personal_data()
    objection.refresh_from_db()
    assert objection.contact == ""
