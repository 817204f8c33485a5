"""What a citizen sees: every section, bureau and task page answers, with the directive's data."""

import re
from html import unescape

import pytest

from bureaus.models.bureaus import BureauPage
from bureaus.models.directive import CreationTaskPage, DirectivePage

pytestmark = pytest.mark.django_db


def text_of(response):
    return unescape(response.content.decode())


def test_home_page_shows_sections_search_and_nomination_link(client):
    response = client.get("/")
    assert response.status_code == 200
    html = text_of(response)
    assert "昆明文明城市创建网" in html
    for section in ["公益广告", "好人榜", "文明礼仪", "曝光台", "创建任务", "牵头单位", "我要推荐"]:
        assert section in html
    assert html.count("<main") == 1
    assert 'role="search"' in html
    assert 'href="/tuijian/"' in html
    # The content slots list what the bureaus really published, newest first.
    from content.exemplars.models import ExemplarPage
    from content.exposure.models import ExposureNoticePage

    for model in (ExemplarPage, ExposureNoticePage):
        newest = model.objects.live().order_by("-first_published_at").first()
        assert newest.title in html


def test_bureau_directory_lists_all_29_bureaus_grouped_by_kind(client, seed_bureaus):
    response = client.get("/danwei/")
    assert response.status_code == 200
    html = text_of(response)
    for row in seed_bureaus:
        assert f'href="/danwei/{row.slug}/"' in html
        assert row.name in html
    assert len(seed_bureaus) == 29
    for kind in ["市级部门", "党委机构", "属地", "驻军"]:
        assert kind in html


def test_task_register_lists_all_50_task_titles_grouped_by_mechanism(client, seed_tasks):
    response = client.get("/renwu/")
    assert response.status_code == 200
    html = text_of(response)
    assert len(seed_tasks) == 50
    for task in seed_tasks:
        assert f">{task.title}</a>" in html, task.title
    positions = [html.index(f"{title}</h2>") for title in dict.fromkeys(t.mechanism_title for t in seed_tasks)]
    assert positions == sorted(positions), "mechanisms appear in the directive's order"
    assert "50" in html


def test_task_register_filters_by_bureau(client, seed_bureaus):
    police = next(b for b in seed_bureaus if b.name == "市公安局")
    response = client.get("/renwu/", {"danwei": police.slug})
    html = text_of(response)
    shown = re.findall(r'<a href="/renwu/([a-z-]+-\d+)/">', html)
    assert len(shown) == len(police.task_references) == 4
    assert "治理不文明交通行为" in html
    assert "深化城市执法体制改革" not in html


def test_task_register_unknown_bureau_filter_explains_and_shows_all(client):
    response = client.get("/renwu/", {"danwei": "no-such-bureau"})
    assert response.status_code == 200
    html = text_of(response)
    assert len(re.findall(r'<a href="/renwu/([a-z-]+-\d+)/">', html)) == 50


def test_every_task_page_has_exact_title_text_and_linked_lead_bureaus(client, seed_tasks):
    slugs = {b.title: b.slug for b in BureauPage.objects.all()}
    pages = {(p.mechanism.number, p.number): p for p in CreationTaskPage.objects.select_related("mechanism")}
    for task in seed_tasks:
        page = pages[(task.mechanism_number, task.number)]
        assert page.title == task.title
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = text_of(response)
        assert f"<h1>{task.title}</h1>" in html
        assert task.text in html
        for unit in task.lead_units:
            assert f'<a href="/danwei/{slugs[unit]}/">{unit}</a>' in html


def test_every_bureau_page_lists_the_tasks_it_leads(client, seed_bureaus):
    for row in seed_bureaus:
        response = client.get(f"/danwei/{row.slug}/")
        assert response.status_code == 200, row.slug
        html = text_of(response)
        assert f"<h1>{row.name}</h1>" in html
        for reference in row.task_references:
            title = reference.split(". ", 1)[1]
            assert title in html, (row.name, title)


def test_locality_bureau_lists_the_14_districts_and_4_parks(client):
    html = text_of(client.get("/danwei/shudi/"))
    for name in ["五华区", "寻甸回族彝族自治县", "昆明高新技术产业开发区", "阳宗海风景名胜区"]:
        assert name in html


def test_directive_page_carries_the_real_issuer_and_links_every_task(client):
    page = DirectivePage.objects.get()
    response = client.get(page.url)
    assert response.status_code == 200
    html = text_of(response)
    assert "昆办发〔2017〕30号" in html
    assert "昆明市人民政府办公厅" in html
    assert len(re.findall(r'<a href="/renwu/[a-z-]+-\d+/">', html)) == 50
    assert "<script" not in page.body


@pytest.mark.parametrize("path", ["/gongyi/", "/haoren/", "/liyi/", "/baoguang/", "/tuijian/"])
def test_section_pages_answer_and_name_the_directive_tasks_they_serve(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = text_of(response)
    assert "牵头" in html
    assert re.search(r'<a href="/renwu/[a-z-]+-\d+/">', html)


def test_unknown_page_is_a_chinese_404_that_leaks_nothing(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = text_of(response)
    assert "<h1>页面不存在</h1>" in html
    assert "Traceback" not in html and "settings" not in html.lower()
