"""Answering a message in the admin: draft, review (never one's own), reroute, publish; what
each role may do; the public list and what it never shows."""

import pytest
from django.core import mail
from django.test import TestCase

from bureaus.workflows import final_review_group
from interaction.models import Message, ReplyState, Status
from tests.helpers import bureau
from tests.interaction.helpers import LIST_URL, STATUS_URL, make_message

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]
ANSWER = "感谢您的留言，交警支队已在该路口早高峰增派警力。"


def url(message, action=""):
    return f"/admin/messages/{message.pk}/{action + '/' if action else ''}"


@pytest.fixture
def people(make_user):
    gongan, other = bureau("gongan"), bureau("chengguan-zhifa")
    return {
        "editor": make_user("m-editor", [gongan.editors_group]),
        "reviewer": make_user("m-reviewer", [gongan.reviewers_group], email="rev@example.com"),
        "reviewer2": make_user("m-reviewer2", [gongan.reviewers_group], email="rev2@example.com"),
        "other": make_user("m-other", [other.editors_group]),
        "office": make_user("m-office", [final_review_group()]),
    }


def as_user(client, user):
    client.force_login(user)
    return client


def test_a_reply_goes_through_review_and_the_citizen_reads_it(client, people):
    message = make_message(contact_email="citizen@example.com")
    assert message.bureau.slug == "gongan"
    as_user(client, people["editor"])
    assert "王明" in client.get(url(message)).content.decode()  # the bureau sees the sender
    client.post(url(message, "reply"), {"text": ANSWER, "save": ""})
    assert message.replies.get().state == ReplyState.DRAFT
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url(message, "reply"), {"text": ANSWER, "submit": ""})
    message.refresh_from_db()
    assert message.status == Status.IN_REVIEW
    assert {"rev@example.com", "rev2@example.com"} <= {a for m in mail.outbox for a in m.to}
    # An editor may not approve at all.
    assert client.post(url(message, "review"), {"approve": ""}).status_code == 403
    as_user(client, people["reviewer"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url(message, "review"), {"approve": ""}, follow=True)
    assert "已答复" in response.content.decode()
    message.refresh_from_db()
    assert message.status == Status.ANSWERED and message.answered_at
    assert any("citizen@example.com" in m.to for m in mail.outbox)
    page = client.post(STATUS_URL, {"code": message.tracking_code}).content.decode()
    assert ANSWER in page and "已答复" in page


def test_a_reviewer_cannot_approve_their_own_reply(client, people):
    message = make_message()
    as_user(client, people["reviewer"])
    client.post(url(message, "reply"), {"text": ANSWER, "submit": ""})
    page = client.get(url(message)).content.decode()
    assert 'id="review-form"' not in page and "须由本单位其他审核人员审核通过" in page
    client.post(url(message, "review"), {"approve": ""})
    assert Message.objects.get(pk=message.pk).status == Status.IN_REVIEW
    as_user(client, people["reviewer2"])
    client.post(url(message, "review"), {"return": "", "note": "请写明整改时限。"})
    reply = message.replies.get()
    assert reply.state == ReplyState.RETURNED and reply.review_note == "请写明整改时限。"
    assert Message.objects.get(pk=message.pk).status == Status.RECEIVED


def test_other_bureaus_cannot_see_it_and_the_office_reroutes_it(client, people):
    message = make_message()
    assert as_user(client, people["other"]).get(url(message)).status_code == 404
    as_user(client, people["office"])
    page = client.get(url(message)).content.decode()
    assert "王明" not in page and 'id="message-contact-hidden"' in page
    assert client.post(url(message, "reply"), {"text": ANSWER, "submit": ""}).status_code == 403
    target = bureau("chengguan-zhifa")
    client.post(url(message, "reroute"), {"bureau": target.pk, "note": "属城管职责"})
    message.refresh_from_db()
    assert message.bureau == target and message.events.filter(kind="routed").exists()
    assert as_user(client, people["other"]).get(url(message)).status_code == 200
    assert as_user(client, people["editor"]).get(url(message)).status_code == 404
    # Bureau members may not reroute.
    assert as_user(client, people["other"]).post(url(message, "reroute"), {"bureau": 1}).status_code == 403


def answered(people, **fields):
    message = make_message(**fields)
    from interaction import actions

    actions.save_reply(message, people["editor"], ANSWER, submit=True)
    actions.review(message, people["reviewer"], approve=True)
    message.refresh_from_db()
    return message


def test_publication_needs_consent_and_leaves_out_personal_data(client, people):
    message = answered(people, text="我家住在XX小区，电话13912345678，路口不礼让行人的情况每天都有。")
    as_user(client, people["reviewer"])
    client.post(url(message, "publish"), {"public_question": message.text})
    assert Message.objects.get(pk=message.pk).published_at is None  # the phone number is refused
    question = "北京路与东风路口早高峰右转车辆不礼让行人，建议加强执勤。"
    client.post(url(message, "publish"), {"public_question": question})
    message.refresh_from_db()
    assert message.published_at is not None
    listing = client.get(LIST_URL + "?q=礼让").content.decode()
    assert question in listing and ANSWER[:20] in listing
    detail = client.get(f"/liuyan/{message.pk}/").content.decode()
    assert question in detail and "13912345678" not in detail and "王明" not in detail
    client.post(url(message, "publish"), {"unpublish": ""})
    assert client.get(f"/liuyan/{message.pk}/").status_code == 404

    refused = answered(people, publish_consent=False)
    client.post(url(refused, "publish"), {"public_question": question})
    assert Message.objects.get(pk=refused.pk).published_at is None
    assert as_user(client, people["editor"]).post(url(message, "publish"), {}).status_code == 403


def test_a_reply_with_banned_content_is_refused(client, people):
    message = make_message()
    as_user(client, people["editor"])
    client.post(url(message, "reply"), {"text": "请访问澳门新葡京娱乐场开户送彩金了解详情。", "submit": ""})
    assert not message.replies.exists()


def test_public_text_is_escaped(client, people):
    message = answered(people)
    as_user(client, people["reviewer"])
    client.post(url(message, "publish"), {"public_question": "<script>alert(1)</script>路口不礼让行人的问题"})
    client.logout()
    html = client.get(f"/liuyan/{message.pk}/").content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_the_public_list_shows_the_demo_answers_and_searches_them(client):
    html = client.get(LIST_URL).content.decode()
    assert "建议在翠湖周边增设垃圾分类投放点" in html
    assert "如何报名参加社区志愿服务" not in html  # answered, but not agreed to be published
    assert "农贸市场门口占道经营" not in html  # open
    found = client.get(LIST_URL + "?q=垃圾分类").content.decode()
    assert "翠湖" in found and "北京路与东风路口" not in found
