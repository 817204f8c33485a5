"""The admin is the portal's own: its name and mark, its Chinese editor guide under 帮助, no
calls to gravatar.com or wagtail.org, and names written 姓 then 名."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from content.exposure.models import BehaviourNoticePage, BehaviourType
from portal.guide import render_guide
from tests.admin_text import visible_texts
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

SITE = "昆明文明城市创建网"


@pytest.fixture
def editor(make_user):
    own = bureau("gongan")
    return make_user("shell-editor", [own.editors_group], last_name="李", first_name="春华", email="li@km.gov.cn")


def sidebar_menu(html):
    """(submenu, name, label, url) of every item of the admin menu, which a script renders from JSON."""
    data = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    items = []

    def walk(node, submenu):
        args = node.get("_args") if isinstance(node, dict) else None
        if isinstance(args, list) and args and isinstance(args[0], dict) and "label" in args[0]:
            item, *children = args
            items.append((submenu, item["name"], item["label"], item.get("url")))
            walk(children, item["name"])
        elif isinstance(node, dict):
            for value in node.values():
                walk(value, submenu)
        elif isinstance(node, list):
            for value in node:
                walk(value, submenu)

    walk(json.loads(data.group(1)), None)
    return items


# --- branding ------------------------------------------------------------------------------------


def test_sign_in_page_carries_the_portal_name_and_mark(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    assert f"<title>登录 - {SITE}</title>" in html
    assert f"<h1>登录{SITE}管理后台</h1>" in html
    assert 'src="/static/img/admin-logo.svg"' in html
    assert f'<p class="login-wordmark">{SITE}</p>' in html
    assert 'rel="icon" href="/static/img/favicon.svg"' in html
    assert "wagtailadmin/images/favicon.ico" not in html
    assert not [text for text in visible_texts(html) if "Wagtail" in text]


def test_dashboard_welcomes_editors_to_the_portal_admin(client, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f"<title>控制面板 - {SITE}</title>" in html
    assert f"欢迎使用{SITE}管理后台" in html
    # The sidebar shows the portal's mark instead of Wagtail's bird.
    logo = re.search(r"<template data-wagtail-sidebar-branding-logo>(.*?)</template>", html, re.S).group(1)
    assert f'src="/static/img/admin-logo.svg" alt="{SITE}"' in logo
    assert "Wagtail" not in " ".join(visible_texts(html))


def test_the_marks_are_shipped(client):
    for name in ("admin-logo.svg", "favicon.svg"):
        assert (settings.BASE_DIR / "static" / "img" / name).read_text().startswith("<svg")


# --- help ----------------------------------------------------------------------------------------


def test_help_menu_leads_to_the_portal_guide_and_not_to_wagtail_org(client, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    menu = sidebar_menu(html)
    assert (None, "help", "帮助", None) in menu
    assert [item for item in menu if item[0] == "help"] == [
        ("help", "portal-editor-guide", "编辑手册", reverse("portal_editor_guide")),
        ("help", "keyboard-shortcuts-trigger", "快捷键", "#"),
    ]
    assert "wagtail.org" not in html and "wagtail.io" not in html
    # The dashboard's account summary links to the same guide.
    assert f'href="{reverse("portal_editor_guide")}">编辑手册</a>' in html


def test_no_whats_new_banner_and_no_upgrade_check(client, make_user):
    admin = make_user("shell-admin", is_superuser=True)
    client.force_login(admin)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "w-whats-new" not in html
    assert "data-w-upgrade" not in html
    assert "releases.wagtail.io" not in html


def test_the_guide_is_served_in_the_admin_as_html(client, editor):
    client.force_login(editor)
    response = client.get(reverse("portal_editor_guide"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>编辑手册 - 昆明文明城市创建网</title>" in html
    assert '<nav class="editor-guide__contents" aria-labelledby="editor-guide-contents">' in html
    for heading in ("登录与帐号", "提交审核", "曝光照片的打码审核", "内容安全检查", "遇到问题找谁"):
        anchor = re.search(rf'<h2 id="(section-\d+)">{heading}</h2>', html)
        assert anchor, heading
        assert f'<a href="#{anchor.group(1)}">{heading}</a>' in html
    assert "**" not in html and "## " not in html  # no Markdown left over


def test_the_guide_needs_admin_access(client):
    response = client.get(reverse("portal_editor_guide"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_guide_source_is_escaped_and_only_safe_links_become_links():
    guide = render_guide(
        "# 标题\n\n## 第一节\n\n<script>alert(1)</script> **重点** `<b>代码</b>`\n\n"
        "[政府网](https://www.km.gov.cn/) [脚本](javascript:alert(1)) [本站](/gongyi/)\n\n"
        "- 一\n  - 一之一\n- 二\n\n1. 甲\n2. 乙\n\n> 提示\n\n| 列一 | 列二 |\n|---|---|\n| 甲 | 乙 |\n"
    )
    assert guide.title == "标题"
    assert guide.sections == [("section-1", "第一节")]
    html = str(guide.html)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<strong>重点</strong>" in html
    assert "<code>&lt;b&gt;代码&lt;/b&gt;</code>" in html
    assert '<a href="https://www.km.gov.cn/" rel="noopener noreferrer">政府网</a>' in html
    assert 'href="javascript' not in html and "[脚本](javascript:alert(1))" in html  # left as text
    assert '<a href="/gongyi/">本站</a>' in html
    assert "<ul><li>一<ul><li>一之一</li></ul></li><li>二</li></ul>" in html.replace("\n", "")
    assert "<ol><li>甲</li><li>乙</li></ol>" in html.replace("\n", "")
    assert "<blockquote><p>提示</p></blockquote>" in html
    assert '<th scope="col">列一</th>' in html and "<td>乙</td>" in html


def test_the_shipped_guide_is_well_formed(client):
    from html.parser import HTMLParser

    guide = render_guide((settings.BASE_DIR / "docs" / "editor-guide.md").read_text(encoding="utf-8"))
    stack = []

    class Checker(HTMLParser):
        def handle_starttag(self, tag, attrs):
            stack.append(tag)

        def handle_endtag(self, tag):
            assert stack and stack.pop() == tag, f"</{tag}> closes nothing open"

    Checker().feed(str(guide.html))
    assert stack == []
    assert guide.title == "编辑手册" and len(guide.sections) >= 12


# --- gravatar ------------------------------------------------------------------------------------


def test_avatars_never_come_from_gravatar(client, editor):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    client.force_login(editor)
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_account"), reverse("wagtailadmin_explore_root")):
        html = client.get(url, follow=True).content.decode()
        assert "gravatar" not in html.lower()
        assert "/static/wagtailadmin/images/default-user-avatar" in html


# --- names: 姓 then 名 ------------------------------------------------------------------------


def test_user_forms_ask_for_the_surname_first(client, make_user, editor):
    admin = make_user("shell-admin", is_superuser=True)
    client.force_login(admin)
    for url in (reverse("wagtailusers_users:add"), reverse("wagtailusers_users:edit", args=[editor.pk])):
        html = client.get(url).content.decode()
        assert html.index('id="id_last_name"') < html.index('id="id_first_name"'), url
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    assert html.index('name="name_email-last_name"') < html.index('name="name_email-first_name"')


def test_names_are_shown_surname_first_without_a_space(client, make_user, editor):
    assert editor.get_full_name() == "李春华"
    western = make_user("shell-western", first_name="Anna", last_name="Schmidt")
    assert western.get_full_name() == "Anna Schmidt"

    page = BehaviourNoticePage(
        title="北京路占道经营",
        behaviour_type=BehaviourType.objects.first(),
        place="北京路",
        description="人行道上摆摊设点。",
        owner=editor,
        live=False,
    )
    bureau("gongan").add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)

    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "李春华" in dashboard
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', dashboard, re.S)
    assert '"name": "李春华"' in json.dumps(json.loads(props.group(1)), ensure_ascii=False)  # the account menu
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "李春华" in history and "春华 李" not in history
    admin = make_user("shell-admin", is_superuser=True)
    client.force_login(admin)
    users = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert "李春华" in users
    assert get_user_model().objects.get(pk=editor.pk).get_full_name() == "李春华"
