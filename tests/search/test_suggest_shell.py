"""The search box's suggestions never offer the home page itself."""

import pytest
from wagtail.models import Page

from search import page_hits

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def test_the_home_page_is_not_suggested_even_when_it_matches(client, monkeypatch):
    home = Page.objects.get(depth=2)
    others = list(Page.objects.live().filter(depth=3).order_by("path").values_list("pk", flat=True)[:9])
    asked = []

    def matches(terms, limit):
        asked.append(limit)
        return [home.pk, *others][:limit]

    monkeypatch.setattr(page_hits, "suggested_pages", matches)
    suggestions = client.get("/search/suggest/", {"q": "文明"}).json()["suggestions"]
    assert asked == [9]
    assert all(item["url"] != "/" for item in suggestions), suggestions
    assert len(suggestions) == min(8, len(others))
