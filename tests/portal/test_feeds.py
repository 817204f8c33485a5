"""The section feeds (RSS and Atom) parse with a real feed parser, list the section's live public
items and nothing else, carry no personal data, and cost the same queries however many items
there are (portal/sharing/feeds.py)."""

import re

import feedparser
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from content.ads.models.works import PublicServiceAdPage
from content.exemplars.models import ExemplarPage
from content.exposure.models import ExposureNoticePage
from content.nominations.models import Nomination
from core.public_pages import public
from interaction.models import Message
from portal.sharing.feeds import ITEMS
from tests.helpers import count_queries
from tests.interaction.helpers import make_message

pytestmark = pytest.mark.django_db

SECTIONS = [
    ("gongyi", PublicServiceAdPage, "公益广告"),
    ("haoren", ExemplarPage, "好人榜"),
    ("baoguang", ExposureNoticePage, "曝光台"),
]
FORMATS = ["rss", "atom"]


def read(client, name, kind):
    response = client.get(f"/dingyue/{name}/{kind}.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml" if kind == "rss" else "application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    return feed, response.content.decode()


def expected_links(model):
    items = public(model.objects.live()).order_by("-first_published_at")[:ITEMS]
    return [settings.PORTAL_PUBLIC_URL + page.url for page in items]


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("name,model,title", SECTIONS, ids=[s[0] for s in SECTIONS])
def test_each_section_feed_lists_its_live_items_newest_first(client, name, model, title, kind):
    feed, _ = read(client, name, kind)
    assert feed.feed.title.startswith(title)
    assert feed.feed.link == f"{settings.PORTAL_PUBLIC_URL}/{name}/"
    links = [entry.link for entry in feed.entries]
    assert links == expected_links(model)
    assert links
    for entry in feed.entries:
        assert entry.title and entry.summary and entry.published_parsed
        assert entry.author  # the publishing bureau


@pytest.mark.parametrize("kind", FORMATS)
def test_feeds_leave_out_drafts_private_pages_and_personal_data(client, kind):
    draft = ExemplarPage.objects.live().order_by("-first_published_at").first()
    draft.unpublish()
    private = ExemplarPage.objects.live().order_by("-first_published_at").first()
    PageViewRestriction.objects.create(page=private.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    # A new draft revision of a live page: the feed keeps showing what is published.
    live = ExemplarPage.objects.live().exclude(path__startswith=private.get_parent().path).first()
    live.title = "草稿中的新标题"
    live.save_revision()

    feed, text = read(client, "haoren", kind)
    links = {entry.link for entry in feed.entries}
    assert settings.PORTAL_PUBLIC_URL + draft.url not in links
    assert not any(link.startswith(settings.PORTAL_PUBLIC_URL + private.get_parent().url) for link in links)
    assert "草稿中的新标题" not in text
    assert links == set(expected_links(ExemplarPage))

    # No e-mail address, no editor's user name, no nominator's or nominee's details.
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)
    for username in get_user_model().objects.values_list("username", flat=True):
        assert f">{username}<" not in text
    for nomination in Nomination.objects.all():
        for value in (nomination.nominator_name, nomination.nominator_phone, nomination.tracking_code):
            assert not value or value not in text


def test_items_under_a_private_subtree_leave_and_a_private_section_has_no_feed(client):
    bureaus = ExemplarPage.objects.live().first().get_parent().get_parent()  # 牵头单位, above every bureau
    PageViewRestriction.objects.create(page=bureaus, restriction_type=PageViewRestriction.LOGIN)
    feed, _ = read(client, "haoren", "rss")
    assert feed.entries == []

    PageViewRestriction.objects.create(page=Page.objects.get(url_path__endswith="/haoren/"), restriction_type="login")
    assert client.get("/dingyue/haoren/rss.xml").status_code == 404
    assert client.get("/dingyue/no-such-section/rss.xml").status_code == 404


@pytest.mark.parametrize("name,model,title", SECTIONS, ids=[s[0] for s in SECTIONS])
def test_a_feed_costs_the_same_queries_with_many_more_items(client, name, model, title):
    before = count_queries(client, f"/dingyue/{name}/rss.xml")
    template = model.objects.live().order_by("path").first().specific
    for n in range(12):
        template.copy(update_attrs={"slug": f"feed-copy-{n}", "title": f"{template.title}{n}"}, keep_live=True)
    assert count_queries(client, f"/dingyue/{name}/rss.xml") == before <= 3


@pytest.mark.parametrize("kind", FORMATS)
def test_the_answered_messages_feed_lists_published_answers_and_never_the_sender(client, kind):
    published = make_message(subject="盘龙江边路灯不亮", contact_name="李秘密", contact_phone="13911112222")
    Message.objects.filter(pk=published.pk).update(
        status="answered", answered_at=timezone.now(), published_at=timezone.now(), public_question="路灯坏了"
    )
    unpublished = make_message(subject="不公开的留言", contact_name="赵不公开")
    response = client.get(f"/dingyue/liuyan/{kind}.xml")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    links = [entry.link for entry in feed.entries]
    assert f"{settings.PORTAL_PUBLIC_URL}/liuyan/{published.pk}/" == links[0]
    assert f"{settings.PORTAL_PUBLIC_URL}/liuyan/{unpublished.pk}/" not in links
    text = response.content.decode()
    assert "盘龙江边路灯不亮" in text and "不公开的留言" not in text
    for secret in ("李秘密", "13911112222", "赵不公开"):
        assert secret not in text
    assert f'href="/dingyue/liuyan/{kind}.xml"' in client.get("/liuyan/").content.decode()


def test_the_answered_messages_feed_costs_the_same_queries_with_many_more_messages(client):
    before = count_queries(client, "/dingyue/liuyan/rss.xml")
    for number in range(12):
        message = make_message(subject=f"留言{number}")
        Message.objects.filter(pk=message.pk).update(
            status="answered", answered_at=timezone.now(), published_at=timezone.now(), public_question="问"
        )
    assert count_queries(client, "/dingyue/liuyan/rss.xml") == before <= 2
