"""Search that understands what citizens type (docs/search.md): run-together pinyin, initials,
mixed pinyin and characters, same-sound typos, editors' synonyms and question words, all
through the public /search/ page, on whichever database the suite runs (SQLite, PostgreSQL)."""

import re

import pytest
from django.utils import translation

from core.chinese import query_groups
from search.models import Synonym

pytestmark = pytest.mark.django_db


def zh(msgid):
    with translation.override("zh-hans"):
        return translation.gettext(msgid)


def result_hrefs(client, query):
    html = client.get("/search/", {"q": query}).content.decode()
    block = html.split('class="search-results"', 1)[1].split("</ol>", 1)[0] if 'class="search-results"' in html else ""
    return re.findall(r'class="search-result__title"><a href="([^"]+)"', block)


def found(client, query, *suffixes):
    hrefs = result_hrefs(client, query)[:10]
    return any(h.endswith(s) for h in hrefs for s in suffixes)


LAOJIU = ("/guanshang-jiedao-shequ-weisheng/", "/minsheng-fuwu-3/")
LAJI = ("/laji-fenlei-xinshishang/", "/laji-fenlei-jiating/")


def test_run_together_pinyin_is_cut_into_the_words_it_spells(client):
    assert result_hrefs(client, "laojiuxiaoqu"), "nothing found for laojiuxiaoqu"
    assert found(client, "laojiuxiaoqu", *LAOJIU)
    assert found(client, "lao jiu xiao qu", *LAOJIU), "pinyin typed syllable by syllable"
    assert found(client, "gongjiaozhantai", "/gongjiao-zhantai-weixiu/")


def test_initials_find_words_from_three_letters(client):
    assert found(client, "ljfl", *LAJI)
    assert found(client, "lajifl", *LAJI), "full syllables and initials mixed"
    # Two letters are not read as initials: they would match most of the site.
    assert all(len(alt) == 1 and alt[0] == "lj" for group in query_groups("lj") for alt in group)


def test_pinyin_and_characters_mixed(client):
    assert found(client, "laji分类", *LAJI)
    assert found(client, "垃圾fenlei", *LAJI)


def test_a_same_sound_typo_finds_pages_and_suggests_the_word(client):
    html = client.get("/search/", {"q": "垃圾分累"}).content.decode()
    assert zh("Did you mean:") in html
    assert 'href="?q=%E5%9E%83%E5%9C%BE%E5%88%86%E7%B1%BB">垃圾分类</a>' in html
    assert found(client, "垃圾分累", *LAJI)
    assert found(client, "老旧小去", *LAOJIU)


def test_no_suggestion_when_the_words_find_enough(client):
    html = client.get("/search/", {"q": "垃圾分类"}).content.decode()
    assert zh("Did you mean:") not in html


def test_question_words_and_particles_do_not_count_against_a_result(client):
    plain = result_hrefs(client, "垃圾分类")[:5]
    assert plain
    for asked in ("垃圾分类怎么做呢", "如何垃圾分类", "哪里有垃圾分类吗", "垃圾分类是什么"):
        assert result_hrefs(client, asked)[:5] == plain, asked
    assert found(client, "怎么举报不文明行为", "/baoguang/")


def test_starter_synonyms_find_the_official_term(client):
    assert Synonym.objects.filter(term="非法营运").exists(), "the starter list is installed by the migration"
    assert found(client, "拉黑活", "/jiaotong-guanli-6/")
    assert found(client, "乱张贴", "/beijinglu-luantie-luanhua/")


def test_a_synonym_an_editor_adds_in_the_admin_is_used_at_once(client, make_user):
    assert not found(client, "摆地摊", "/nanpingjie-zhandao-jingying/", "/guandu-guzhen-zhandao-jingying/")
    admin = make_user("synonym-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    url = "/admin/snippets/portal_search/synonym/add/"
    refused = client.post(url, {"term": "占道经营", "everyday_terms": "摆"})
    assert refused.status_code == 200, "a single character is refused with a message"
    assert not Synonym.objects.filter(term="占道经营", everyday_terms="摆").exists()
    starter = Synonym.objects.get(term="占道经营")
    response = client.post(
        f"/admin/snippets/portal_search/synonym/edit/{starter.pk}/",
        {"term": "占道经营", "everyday_terms": "摆摊、摆地摊"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    assert found(client, "摆地摊", "/nanpingjie-zhandao-jingying/", "/guandu-guzhen-zhandao-jingying/")
    html = client.get("/search/", {"q": "摆地摊"}).content.decode()
    assert "<mark>占道经营</mark>" in html, "the official term is marked whole in the results"
