"""The search page: a box on every page, results, paging, outages and hostile queries."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import escape

pytestmark = pytest.mark.django_db

XSS_PROBES = Path(settings.BASE_DIR).parent / "shared" / "security" / "xss-payloads.txt"


@pytest.mark.parametrize("path", ["/", "/danwei/", "/renwu/", "/renwu/chengshi-guanli-1/", "/no-such-page/"])
def test_every_page_has_a_labelled_search_box(client, path):
    html = client.get(path).content.decode()
    assert 'role="search"' in html
    assert 'action="/sousuo/"' in html
    labels = re.findall(r'<label for="([a-z-]+-q)">', html)
    assert len(labels) == 1, "one search form per page, so its label is unambiguous"
    assert f'id="{labels[0]}"' in html


def test_searching_a_task_title_finds_the_task(client):
    response = client.get("/sousuo/", {"q": "深化城市执法体制改革"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/renwu/chengshi-guanli-1/"' in html


def test_an_empty_query_shows_the_form_without_results(client):
    html = client.get("/sousuo/", {"q": "   "}).content.decode()
    assert "search-results" not in html
    assert "结果" not in html


def test_nothing_found_says_so(client):
    html = client.get("/sousuo/", {"q": "zzzqqq"}).content.decode()
    assert "没有找到相关内容" in html


def test_a_failing_search_backend_degrades_to_a_notice(client, monkeypatch):
    # No Elasticsearch can run here: the backend's failure is simulated at the query call.
    from wagtail.query import PageQuerySet

    def unreachable(*args, **kwargs):
        raise ConnectionError("search cluster unreachable")

    monkeypatch.setattr(PageQuerySet, "search", unreachable)
    response = client.get("/sousuo/", {"q": "文明"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "搜索暂时不可用" in html
    assert "unreachable" not in html


def test_every_xss_probe_in_the_query_is_shown_escaped(client):
    if not XSS_PROBES.exists():
        pytest.skip(f"{XSS_PROBES} not present (it lives in the shared folder beside the repository)")
    probes = [line for line in XSS_PROBES.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    assert len(probes) > 2000
    # The page's own markup (e.g. "<head>") is not a reflection: compare with a neutral query.
    baseline = client.get("/sousuo/", {"q": "x"}).content.decode()
    for probe in probes:
        response = client.get("/sousuo/", {"q": probe})
        assert response.status_code == 200, probe
        html = response.content.decode()
        shown = " ".join(probe.split())[:100]
        if any(c in shown for c in "<>\"'"):
            assert html.count(shown) == baseline.count(shown), probe
        assert escape(shown) in html, probe
        assert "搜索暂时不可用" not in html, probe
