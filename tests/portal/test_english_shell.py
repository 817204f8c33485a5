"""English from the header: the switch is there, and the sections' names, headings and
breadcrumbs read in English (content stays as published); Chinese is unchanged."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_language_switch_is_in_the_header(client):
    html = client.get("/renwu/").content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert re.search(r'<button type="submit" name="language" value="en" lang="en">English</button>', header)
    assert 'name="language"' not in html[html.index("<footer") :]


def test_sections_read_in_english_when_chosen(client):
    chinese = client.get("/renwu/").content.decode()
    nav_zh = chinese[chinese.index('class="site-nav"') : chinese.index("</nav>", chinese.index('class="site-nav"'))]
    assert "Creation tasks" not in nav_zh

    client.post("/yuyan/", {"language": "en", "next": "/renwu/"})
    html = client.get("/renwu/").content.decode()
    nav = html[html.index('class="site-nav"') : html.index("</nav>", html.index('class="site-nav"'))]
    for name in ("Creation tasks", "Lead bureaus"):
        assert f">{name}</a>" in nav
    assert "<h1>Creation tasks</h1>" in html
    assert re.search(r'<span aria-current="page">Creation tasks</span>', html)
    assert "<title>Creation tasks · " in html
    assert '<button type="submit" name="language" value="zh-hans" lang="zh-Hans">中文</button>' in html
    assert "深化城市执法体制改革" in html  # content stays as published
