"""Elasticsearch: settings, mapping, analyzers and generated queries checked as data; the
fallback to the database when the cluster is unreachable. No cluster runs here: only the
cluster is mocked (an unreachable URL, or a fake transport answer). Tests that need a live
cluster run only when ELASTICSEARCH_URL is set in the environment."""

import os

import pytest
from django.test import override_settings

from search.es import config, portal_index

pytestmark = pytest.mark.django_db

UNREACHABLE = "http://127.0.0.1:9"  # the discard port: connection refused at once


def test_elasticsearch_settings_use_the_elasticsearch9_backend_with_a_cjk_default_analyzer():
    backend = config.wagtail_backend_settings("http://es:9200")
    assert backend["BACKEND"] == "wagtail.search.backends.elasticsearch9"
    assert backend["URLS"] == ["http://es:9200"]
    analysis = backend["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]
    assert analysis["default"] == {"type": "cjk"}
    assert analysis["default_search"] == {"type": "cjk"}
    ik = config.analysis("ik")["analyzer"]
    assert ik["default"]["tokenizer"] == "ik_max_word" and ik["default_search"]["tokenizer"] == "ik_smart"
    assert config.analysis("smartcn")["analyzer"]["default"] == {"type": "smartcn"}
    with pytest.raises(ValueError, match="ELASTICSEARCH_ANALYZER"):
        config.analysis("standard")


def test_wagtail_builds_its_elasticsearch9_backend_from_these_settings():
    from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend

    params = config.wagtail_backend_settings(UNREACHABLE)
    params.pop("BACKEND")
    backend = Elasticsearch9SearchBackend(params)
    assert backend.settings["settings"]["analysis"]["analyzer"]["default"] == {"type": "cjk"}
    # Wagtail's own ngram analyzers survive the merge (autocomplete still uses them).
    assert "edgengram_analyzer" in backend.settings["settings"]["analysis"]["analyzer"]


@pytest.mark.parametrize("kind, analyzer_name", [("cjk", "cjk"), ("smartcn", "smartcn"), ("ik", "portal_ik_index")])
def test_portal_index_mapping_has_facet_keywords_and_chinese_text(kind, analyzer_name):
    properties = portal_index.mapping(kind)["properties"]
    assert properties["title"]["analyzer"] == analyzer_name
    assert properties["title"]["fields"]["seg"] == {
        "type": "text",
        "analyzer": "whitespace",
        "search_analyzer": "portal_synonyms",
    }
    assert properties["segmented"]["analyzer"] == "whitespace"
    for name in ("content_type", "bureau", "district", "tag"):
        assert properties[name]["type"] == "keyword", name
    assert properties["year"]["type"] == "integer"
    assert properties["date"]["type"] == "date"


def test_the_ik_analyzers_are_defined_in_the_index_settings():
    cls = portal_index.document_class("ik")
    analysis = cls._index.to_dict()["settings"]["analysis"]["analyzer"]
    assert analysis["portal_ik_index"]["tokenizer"] == "ik_max_word"
    assert analysis["portal_ik_search"]["tokenizer"] == "ik_smart"


def test_the_generated_query_segments_the_question_and_counts_each_facet_under_the_others():
    body = portal_index.build_query("哪里可以推荐好人", {"type": "7", "bureau": "13", "tag": ""}).to_dict()
    match = body["query"]["multi_match"]
    assert match["query"] == "推荐 好人"
    assert match["operator"] == "and"
    assert "segmented" in match["fields"]
    assert body["post_filter"] == {"bool": {"filter": [{"term": {"content_type": "7"}}, {"term": {"bureau": "13"}}]}}
    assert body["aggs"]["type"]["filter"] == {"bool": {"filter": [{"term": {"bureau": "13"}}]}}
    assert body["aggs"]["bureau"]["filter"] == {"bool": {"filter": [{"term": {"content_type": "7"}}]}}
    assert body["aggs"]["tag"]["aggs"]["values"]["terms"]["field"] == "tag"
    assert body["track_total_hits"] is True
    dated = portal_index.build_query("文明", {}, sort="date").to_dict()
    assert dated["sort"][0] == {"date": {"order": "desc"}}


def test_a_document_carries_the_pages_facets_and_segmented_text():
    from wagtail.models import Page

    from search import facets

    page = Page.objects.get(url_path__endswith="/gongyi/").specific
    row = facets.rows_for([(page.pk, page.content_type_id)])[0]
    doc = portal_index.document_for(page, row).to_dict()
    assert doc["title"] == "公益广告"
    assert "垃圾分类" in doc["segmented"].split()
    assert "lajifenlei" in doc["segmented"].split()
    assert doc["content_type"] == str(page.content_type_id)


@override_settings(SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL=UNREACHABLE)
def test_an_unreachable_cluster_falls_back_to_the_database_with_a_notice(client, monkeypatch):
    from elasticsearch.dsl import connections

    monkeypatch.setattr(connections, "_conns", {}, raising=False)
    monkeypatch.setattr(connections, "_kwargs", {}, raising=False)
    response = client.get("/search/", {"q": "垃圾分类"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/gongyi/"' in html, "the database answered"
    from django.utils import translation

    with translation.override("zh-hans"):
        notice = translation.gettext(
            "The full search service is unavailable; these results come from a simpler search."
        )
    assert notice in html


@override_settings(SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL=UNREACHABLE, HEALTHZ_TOKEN="monitoring")
def test_healthz_reports_the_unreachable_cluster_and_stays_up(client, monkeypatch):
    from elasticsearch.dsl import connections

    monkeypatch.setattr(connections, "_conns", {}, raising=False)
    monkeypatch.setattr(connections, "_kwargs", {}, raising=False)
    response = client.get("/healthz/", HTTP_AUTHORIZATION="Bearer monitoring")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"] == {**body["checks"]["search"], "ok": False, "error": "ElasticsearchUnreachable"}


def test_publishing_enqueues_an_index_update_only_with_elasticsearch(monkeypatch):
    from search.es import sync

    sent = []
    monkeypatch.setattr(sync, "enqueue", lambda task, pk: sent.append((task.name, pk)) or sync.enabled())
    from wagtail.models import Page

    page = Page.objects.get(url_path__endswith="/gongyi/").specific
    page.save_revision().publish()
    assert sent and sent[-1] == ("sync_page_task", page.pk)


def test_the_index_task_writes_or_deletes_the_document(monkeypatch):
    """The cluster is replaced by a recorder; the task's decisions are what is tested."""
    from search.es import sync

    calls = []

    class Recorder:
        def index(self, **kwargs):
            calls.append(("index", kwargs["id"], kwargs["body"]["title"]))
            return {"result": "created"}

        def delete(self, **kwargs):
            calls.append(("delete", kwargs["id"]))
            return {"result": "deleted"}

    monkeypatch.setattr(portal_index, "client", lambda: Recorder())
    from wagtail.models import Page

    page = Page.objects.get(url_path__endswith="/gongyi/")
    sync.sync_page_task.call(page.pk)
    assert calls[-1][:1] == ("index",) and calls[-1][2] == "公益广告"
    sync.sync_page_task.call(999_999)
    assert calls[-1] == ("delete", 999_999)


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs a live cluster: set ELASTICSEARCH_URL")
def test_live_cluster_reindex_and_search(settings):
    from django.core.management import call_command

    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = "portal_test_"
    call_command("search_reindex")
    portal_index.client().indices.refresh(index=portal_index.index_name())
    outcome = portal_index.search("垃圾分类", {})
    assert outcome.rows


def test_synonyms_are_a_synonym_set_used_by_the_segmented_fields_search_analyzer():
    """No cluster runs here: the mapping and the synonym set's rules are checked as data, and
    the push goes to a mocked client."""
    from unittest import mock

    from search.es import synonyms
    from search.es.config import SYNONYM_SET
    from search.models import Synonym

    cls = portal_index.document_class("cjk")
    settings = cls._index.to_dict()["settings"]["analysis"]
    assert settings["filter"]["portal_synonym_graph"] == {
        "type": "synonym_graph",
        "synonyms_set": SYNONYM_SET,
        "updateable": True,
    }
    assert settings["analyzer"]["portal_synonyms"]["filter"] == ["lowercase", "portal_synonym_graph"]
    mapping = portal_index.mapping("cjk")["properties"]
    assert mapping["title"]["fields"]["seg"]["search_analyzer"] == "portal_synonyms"
    assert mapping["segmented"]["search_analyzer"] == "portal_synonyms"
    row = Synonym.objects.get(term="城市管理综合执法")
    rule = next(r for r in synonyms.rules() if r["id"] == f"synonym-{row.pk}")
    assert rule["synonyms"].startswith("城市 管理 综合执法, 城管")
    es = mock.Mock()
    synonyms.push(es)
    es.synonyms.put_synonym.assert_called_once()
    assert es.synonyms.put_synonym.call_args.kwargs["id"] == SYNONYM_SET


def test_the_generated_query_asks_for_one_reading_of_each_group():
    from core.chinese import Thesaurus

    thesaurus = Thesaurus([["城市管理综合执法", "城管"]], key="t")
    body = portal_index.build_query("城管 laojiuxiaoqu", {}, thesaurus=thesaurus).to_dict()
    must = body["query"]["bool"]["must"]
    readings = [[m["multi_match"]["query"] for m in group["bool"]["should"]] for group in must]
    assert readings == [["城管", "城市 管理 综合执法"], ["laojiuxiaoqu", "laojiu xiaoqu"]]


def test_an_edited_synonym_is_pushed_to_the_cluster_in_a_background_task(settings, django_capture_on_commit_callbacks):
    from unittest import mock

    from search.es import synonyms
    from search.models import Synonym

    settings.SEARCH_BACKEND = "elasticsearch"
    with (
        mock.patch.object(synonyms, "push") as push,
        mock.patch.object(portal_index, "client"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        Synonym.objects.create(term="文明养犬测试", everyday_terms="遛狗测试")
    push.assert_called_once()
