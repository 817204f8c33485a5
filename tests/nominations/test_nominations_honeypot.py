"""A filled honeypot is answered exactly as a person is, so a bot cannot tell it was caught; and
nothing of it is kept. The nomination form and the objection form of the 公示 (the ad problem
report: tests/ads/test_placement_public.py)."""

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from content.nominations import codes
from content.nominations.models import Nomination, NominationEvent, NominationObjection, NominationPhoto, Stage
from tests.factories.nominations import FORM_URL, PUBLICITY_URL, STATUS_URL, form_data, jpeg_with_gps, make_nomination
from tests.helpers import observable

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

BOT_FILLS = "http://spam.example/"
CODE = re.compile(rf"[{codes.ALPHABET}]{{4}}-[{codes.ALPHABET}]{{4}}-[{codes.ALPHABET}]{{4}}")
SHOWN_CODE = re.compile(r'id="tracking-code">([A-Z0-9-]+)<')


def visitor():
    return Client(HTTP_HOST="localhost")


def post_nomination(client, data, photo=True, **extra):
    if photo:
        data = {**data, "photos": [jpeg_with_gps("现场.jpg")]}
    return client.post(FORM_URL, data, **extra)


def stored():
    root = settings.PRIVATE_MEDIA_ROOT / "nominations"
    files = sorted(p.name for p in root.rglob("*")) if root.exists() else []
    counts = [model.objects.count() for model in (Nomination, NominationEvent, NominationPhoto, NominationObjection)]
    return counts, files


@pytest.fixture
def opened_photos(monkeypatch):
    from core import uploads

    # Every public form's photos are cleaned through core.uploads.clean_photo_uploads.
    opened, real = [], uploads.clean_uploaded_photo
    monkeypatch.setattr(uploads, "clean_uploaded_photo", lambda f, **kw: opened.append(f.name) or real(f, **kw))
    return opened


@pytest.mark.parametrize("already_nominated", [False, True], ids=["new", "same-clue"])
def test_a_filled_honeypot_gets_the_answer_and_receipt_of_a_nomination_and_nothing_is_kept(
    already_nominated, opened_photos, django_capture_on_commit_callbacks
):
    data = form_data()
    if already_nominated:  # the receipt then says the account was joined to the earlier nomination
        make_nomination(nominee_name=data["nominee_name"])
    bot, citizen = visitor(), visitor()

    before = stored()
    with django_capture_on_commit_callbacks(execute=True) as after_commit:
        pretend = post_nomination(bot, {**data, "website": BOT_FILLS})
    assert stored() == before and opened_photos == []  # no row, no file, no photo opened
    assert after_commit == [] and mail.outbox == []  # no reviewer told
    real = post_nomination(citizen, {**data, "nominator_phone": "13912340000"})
    assert len(opened_photos) == 1 and Nomination.objects.count() == before[0][0] + 1

    assert observable(pretend) == observable(real)
    assert pretend.status_code == 302 and "code" not in pretend["Location"]

    pretend_receipt, real_receipt = bot.get(pretend["Location"]), citizen.get(real["Location"])
    assert observable(pretend_receipt, CODE) == observable(real_receipt, CODE)
    (fake,) = SHOWN_CODE.findall(pretend_receipt.content.decode())
    assert CODE.fullmatch(fake)  # a code of the same form…
    assert not Nomination.objects.filter(tracking_code=codes.normalise(fake)).exists()  # …never issued
    linked_text = "已作为同一线索的补充推荐并入"
    assert (linked_text in pretend_receipt.content.decode()) is already_nominated

    # Looked up, the pretend code answers as any code nobody has.
    unknown = codes.display(codes.new_code())
    assert observable(bot.post(STATUS_URL, {"code": fake}), CODE) == observable(
        bot.post(STATUS_URL, {"code": unknown}), CODE
    )
    # Reloaded, both receipts say the same.
    assert observable(bot.get(pretend["Location"]), CODE) == observable(citizen.get(real["Location"]), CODE)


def test_a_filled_honeypot_with_mistakes_gets_the_same_errors():
    data = form_data(deeds="太短了", nominator_phone="12345")
    pretend = post_nomination(visitor(), {**data, "website": BOT_FILLS}, photo=False)
    real = post_nomination(visitor(), data, photo=False)
    assert pretend.status_code == 200
    assert observable(pretend) == observable(real)


def test_a_filled_honeypot_counts_against_the_rate_limits():
    bot = visitor()
    for n in range(5):
        assert post_nomination(bot, form_data(website=BOT_FILLS, nominator_phone=f"1370000000{n}")).status_code == 302
    refused = post_nomination(bot, form_data(nominator_phone="13700000009"))  # a real one, 6th from the address
    assert refused.status_code == 429 and refused["Retry-After"]

    for n in range(3):  # per phone, from three addresses
        sent = form_data(website=BOT_FILLS, nominator_phone="13711112222")
        assert post_nomination(bot, sent, REMOTE_ADDR=f"10.1.1.{n}").status_code == 302
    assert post_nomination(bot, form_data(nominator_phone="13711112222"), REMOTE_ADDR="10.1.1.9").status_code == 429
    assert not Nomination.objects.filter(nominator_phone__in=["13700000009", "13711112222"]).exists()


# --- objections in the public evaluation -----------------------------------------------------------


def candidate():
    nomination = make_nomination(stage=Stage.PUBLICITY)
    Nomination.objects.filter(pk=nomination.pk).update(
        publicity_ends_on=timezone.localdate() + datetime.timedelta(days=7)
    )
    return nomination


def test_a_filled_honeypot_objection_is_answered_as_an_objection_and_not_kept():
    nomination = candidate()
    url = f"{PUBLICITY_URL}{nomination.pk}/yiyi/"
    text = "据我所知这件事发生在另一个小区，并非本人所为。"
    bot, citizen = visitor(), visitor()

    pretend = bot.post(url, {"text": text, "website": BOT_FILLS}, REMOTE_ADDR="10.2.2.2")
    assert not NominationObjection.objects.filter(nomination=nomination).exists()
    real = citizen.post(url, {"text": text}, REMOTE_ADDR="10.2.2.3")
    assert NominationObjection.objects.filter(nomination=nomination).count() == 1
    assert observable(pretend) == observable(real)
    assert observable(bot.get(pretend["Location"])) == observable(citizen.get(real["Location"]))

    # A mistake is pointed out to the bot as to anyone.
    pretend = bot.post(url, {"text": "不对", "website": BOT_FILLS}, REMOTE_ADDR="10.2.2.2")
    real = citizen.post(url, {"text": "不对"}, REMOTE_ADDR="10.2.2.3")
    assert pretend.status_code == 200
    assert observable(pretend) == observable(real)


def test_a_filled_honeypot_objection_counts_against_the_rate_limit():
    nomination = candidate()
    url = f"{PUBLICITY_URL}{nomination.pk}/yiyi/"
    bot = visitor()
    for _ in range(3):
        assert bot.post(url, {"text": "据我所知这件事并非本人所为。", "website": BOT_FILLS}).status_code == 302
    assert bot.post(url, {"text": "据我所知这件事并非本人所为。"}).status_code == 429
    assert not NominationObjection.objects.filter(nomination=nomination).exists()
