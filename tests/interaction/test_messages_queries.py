"""Query counts of the public list and the admin list do not grow with the number of messages."""

import pytest
from django.utils import timezone

from bureaus.workflows import final_review_group
from interaction.models import Message, MessageReply, ReplyState, Status
from tests.helpers import count_queries
from tests.interaction.helpers import LIST_URL, make_message

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def add_answered(count):
    for number in range(count):
        message = make_message(subject=f"已答复留言{number}")
        MessageReply.objects.create(
            message=message, bureau=message.bureau, text="感谢您的留言，已处理。", state=ReplyState.APPROVED
        )
        now = timezone.now()
        Message.objects.filter(pk=message.pk).update(
            status=Status.ANSWERED, answered_at=now, published_at=now, public_question=message.text
        )


def test_public_list(client):
    add_answered(2)
    few = count_queries(client, LIST_URL)
    add_answered(15)
    assert count_queries(client, LIST_URL) == few
    assert count_queries(client, LIST_URL + "?q=留言&topic=traffic") <= few + 1
    assert few <= 6


def test_admin_list_and_dashboard(client, make_user):
    office = make_user("q-office", [final_review_group()])
    client.force_login(office)
    add_answered(2)
    make_message()
    few = count_queries(client, "/admin/messages/?show=")
    add_answered(10)
    for _ in range(10):
        make_message()
    assert count_queries(client, "/admin/messages/?show=") == few
    assert count_queries(client, "/admin/messages/?show=open") <= few
