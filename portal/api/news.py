"""/api/v1/news/ (创建动态) and a news article's detail: the same filters and items as /dongtai/
(`content.news.listing.filtered_news`: `danwei`, `jizhi`, `renwu`, `yuefen`), newest publication
date first; the lead image as its card rendition, prefetched (no query per item)."""

from django.db.models import Prefetch
from wagtail.images.models import Rendition

from bureaus.models.directive import CreationTaskPage
from content.news.listing import CARD_RENDITION, filtered_news
from content.news.models import NewsPage
from core.public_pages import LINKED_PAGE_FIELDS, public
from portal.api import fields as f
from portal.api.http import endpoint, json_response

ITEM_FIELDS = (
    *LINKED_PAGE_FIELDS,
    "first_published_at",
    "published_on",
    "summary",
    "source",
    "lead_image",
    "lead_image_alt",
    "bureau__title",
    "bureau__slug",
)


def _with_items(news):
    return (
        news.select_related("bureau", "lead_image")
        .only(*ITEM_FIELDS)
        .prefetch_related(
            Prefetch("lead_image__renditions", queryset=Rendition.objects.filter(filter_spec=CARD_RENDITION)),
            Prefetch("related_tasks", queryset=CreationTaskPage.objects.live().only("id", "title", "slug")),
        )
        .order_by("-published_on", "-first_published_at", "-pk")
    )


def news_item(article, request):
    return {
        "id": article.pk,
        "type": "news",
        "title": article.title,
        **f.page_urls(article, request),
        "published_on": article.published_on,
        "source": article.source,
        "summary": article.summary,
        "bureau": f.bureau_ref(article.bureau),
        "tasks": [
            {"id": task.pk, "title": task.title, "slug": task.slug, "detail_url": f.api_url(f"pages/{task.pk}/")}
            for task in article.related_tasks.all()
        ],
        "first_published_at": article.first_published_at,
        "image": f.image(article.lead_image, CARD_RENDITION, article.lead_image_alt) if article.lead_image else None,
    }


@endpoint()
def news(request):
    articles, filters, choices = filtered_news(request)
    options = {
        "danwei": [{"value": b.slug, "label": b.title} for b in choices["bureaus"]],
        "jizhi": [{"value": m.slug, "label": m.title} for m in choices["mechanisms"]],
        "renwu": [{"value": t.slug, "label": t.title} for t in choices["tasks"]],
        "yuefen": [{"value": m.strftime("%Y-%m"), "label": m.strftime("%Y-%m")} for m in choices["months"]],
    }
    data = f.listing(request, "news/", _with_items(articles), lambda a: news_item(a, request), filters, options=options)
    return json_response(data)


def news_detail(page, request):
    article = _with_items(public(NewsPage.objects.live())).get(pk=page.pk)
    data = news_item(article, request)
    data.update(body=f.rich_text(article.body), tags=[tag.name for tag in article.tags.all()])
    return data
