"""RSS and Atom feeds of the sections whose items are news: 创建动态, 公益广告, 好人榜, 曝光台 and 专题.

Django's syndication framework; each section page links its feeds with <link rel="alternate">
(templates/includes/page_meta.html). A feed lists the section's live items outside any private
subtree, newest first: title, link, the page's public summary, dates and the publishing bureau
(an organisation). Nothing a page does not already show publicly, no draft, no photo of a
person. Two queries whatever the number of items: the section page, then its items with their
bureaus."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from content.ads.models.index import PublicServiceAdIndexPage
from content.exemplars.index import ExemplarIndexPage
from content.exposure.index import ExposureIndexPage
from content.news.index import NewsIndexPage
from content.specials.index import CampaignSpecialIndexPage
from core.public_pages import public
from interaction.views import answered_messages
from portal.sharing.cards import DESCRIPTION_LENGTH, summary
from portal.sharing.links import absolute_url, page_path

ITEMS = 30

#: Feed name in the address -> the section page whose items it lists.
SECTIONS = {
    "dongtai": NewsIndexPage,
    "gongyi": PublicServiceAdIndexPage,
    "haoren": ExemplarIndexPage,
    "baoguang": ExposureIndexPage,
    "zhuanti": CampaignSpecialIndexPage,
}


class SectionRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, section):
        model = SECTIONS.get(section)
        page = public(model.objects.live()).first() if model is not None else None
        if page is None:
            raise Http404
        return page

    def title(self, section):
        return f"{section.title} · {settings.WAGTAIL_SITE_NAME}"

    def link(self, section):
        return absolute_url(page_path(section, self.request))

    def feed_url(self, section):
        return absolute_url(self.request.path)

    def description(self, section):
        return summary(section)

    def items(self, section):
        return public(section.live_items())[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return summary(item)

    def item_link(self, item):
        return absolute_url(page_path(item, self.request))

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        # The publishing bureau (发布单位): an organisation, never the editor who wrote it.
        return item.bureau.title if item.bureau_id else settings.WAGTAIL_SITE_NAME


class SectionAtomFeed(SectionRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, section):
        return summary(section)


class AnsweredMessagesRssFeed(Feed):
    """The answered messages published with their senders' consent (/liuyan/): the question as
    published and the bureau's answer, never the sender. One query for the items."""

    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{_('Answered messages')} · {settings.WAGTAIL_SITE_NAME}"

    def link(self):
        return absolute_url(reverse("messages:list"))

    def feed_url(self):
        return absolute_url(self.request.path)

    def description(self):
        return _("Citizens' messages to the bureaus and their answers, published with the sender's consent.")

    def items(self):
        return answered_messages()[:ITEMS]

    def item_title(self, message):
        return message.subject

    def item_description(self, message):
        question = Truncator(message.public_question).chars(DESCRIPTION_LENGTH)
        answer = Truncator(message.answer_text or "").chars(DESCRIPTION_LENGTH)
        return f"{question}\n{_('Answer:')} {answer}"

    def item_link(self, message):
        return absolute_url(reverse("messages:detail", args=[message.pk]))

    def item_pubdate(self, message):
        return message.published_at

    def item_updateddate(self, message):
        return message.answered_at or message.published_at

    def item_author_name(self, message):
        # The answering bureau, never the citizen.
        return message.bureau.title if message.bureau_id else settings.WAGTAIL_SITE_NAME


class AnsweredMessagesAtomFeed(AnsweredMessagesRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


def feed_links(page):
    """(type, address, title) of the feeds of a section page, for its <link rel="alternate">."""
    for name, model in SECTIONS.items():
        if isinstance(page, model):
            return [
                ("application/rss+xml", reverse("section_feed_rss", args=[name]), _("%s (RSS)") % page.title),
                ("application/atom+xml", reverse("section_feed_atom", args=[name]), _("%s (Atom)") % page.title),
            ]
    return []
