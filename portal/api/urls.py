"""/api/v1/: the read-only JSON API (docs/api.md)."""

from django.urls import path

from portal.api import detail, lookups, news, search, sections
from portal.api.fields import api_url
from portal.api.http import endpoint, json_response

ENDPOINTS = {
    "news": "news/",
    "ads": "ads/",
    "exemplars": "exemplars/",
    "handbooks": "handbooks/",
    "exposure": "exposure/",
    "bureaus": "bureaus/",
    "tasks": "tasks/",
    "search": "search/",
}


@endpoint()
def index(request):
    return json_response(
        {
            "version": "v1",
            "documentation": "docs/api.md",
            "endpoints": {name: api_url(address) for name, address in ENDPOINTS.items()}
            | {
                "page": api_url("pages/{id}/"),
                "nomination_status": api_url("nominations/status/"),
                "message_status": api_url("messages/status/"),
                "snapshot_status": api_url("suishoupai/status/"),
            },
        }
    )


urlpatterns = [
    path("", index, name="api_index"),
    path("news/", news.news, name="api_news"),
    path("ads/", sections.ads, name="api_ads"),
    path("exemplars/", sections.exemplars, name="api_exemplars"),
    path("handbooks/", sections.handbooks, name="api_handbooks"),
    path("exposure/", sections.exposure, name="api_exposure"),
    path("bureaus/", sections.bureaus, name="api_bureaus"),
    path("tasks/", sections.tasks, name="api_tasks"),
    path("pages/<int:page_id>/", detail.page_detail, name="api_page"),
    path("search/", search.search, name="api_search"),
    path("nominations/status/", lookups.nomination_status, name="api_nomination_status"),
    path("messages/status/", lookups.message_status, name="api_message_status"),
    path("suishoupai/status/", lookups.snapshot_status, name="api_snapshot_status"),
]
