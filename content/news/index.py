"""The 创建动态 section page (/dongtai/)."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from content.news.listing import news_board, public_news
from content.sections import SectionIndexPage


class NewsIndexPage(SectionIndexPage):
    nav_label = _("Creation news")
    item_model = "content.NewsPage"
    slot_date_fields = ("published_on",)

    class Meta:
        verbose_name = _("news index")

    @classmethod
    def live_items(cls):
        # By the date the article reports, not by when it went live (feeds, the home page's slot).
        return public_news().select_related("bureau").order_by("-published_on", "-first_published_at", "-pk")

    def get_template(self, request, *args, **kwargs):
        return "content/news/index.html"

    def get_context(self, request, *args, **kwargs):
        context = Page.get_context(self, request, *args, **kwargs)
        context.update(news_board(request))
        context["tasks"] = self.tasks_with_bureaus()
        return context
