"""Chinese by default for everyone; English when the visitor chooses it; a complete catalogue."""

import gettext
import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

CATALOGUE = settings.BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_site_is_chinese_even_for_an_english_browser(client):
    response = client.get("/renwu/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="zh-Hans"' in html
    assert "跳到主要内容" in html
    assert "站内搜索" in html
    assert response["Content-Language"] == "zh-hans"


def test_visitor_can_switch_to_english_and_back(client):
    response = client.post("/yuyan/", {"language": "en", "next": "/renwu/"})
    assert response.status_code == 302
    html = client.get("/renwu/").content.decode()
    assert '<html lang="en"' in html
    assert "Skip to main content" in html
    assert "深化城市执法体制改革" in html  # content stays as published
    client.post("/yuyan/", {"language": "zh-hans", "next": "/"})
    assert "跳到主要内容" in client.get("/renwu/").content.decode()


def _po_entries(text):
    """(msgid, [msgstr…]) pairs of a .po file, joining continued lines."""
    entries = []
    for block in re.split(r"\n\s*\n", text):
        if "#, fuzzy" in block and 'msgid ""\nmsgstr ""' not in block:
            entries.append((None, "FUZZY", [""]))
        fields = {}
        key = None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            entries.append(
                (fields.get("msgctxt"), fields["msgid"], [v for k, v in fields.items() if k.startswith("msgstr")])
            )
    return entries


def test_every_message_is_translated_and_compiled():
    entries = _po_entries((CATALOGUE / "django.po").read_text(encoding="utf-8"))
    assert len(entries) > 100
    untranslated = [msgid for _ctx, msgid, strs in entries if not all(strs)]
    assert untranslated == []
    with open(CATALOGUE / "django.mo", "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = [
        msgid
        for ctx, msgid, strs in entries
        if "%(" not in msgid and (compiled.pgettext(ctx, msgid) if ctx else compiled.gettext(msgid)) != strs[0]
    ]
    assert stale == [], "django.mo is older than django.po: run `make messages`"


# A Chinese character (or Chinese punctuation, quotes, book-title marks) next to an ASCII , ; : ? !
# or ASCII parentheses around Chinese text: Chinese text takes full-width punctuation (，；：？！（）).
CJK = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》]"
HALF_WIDTH_IN_CHINESE = re.compile(rf"{CJK}[,;:?!]|[,;:?!]{CJK}|\([^()%]*{CJK}[^()%]*\)")


# Texts that must read as Wagtail's own catalogue has them: the admin's "add" screens are titled
# "新建:<model>" by Wagtail, and the breadcrumb's last item has to match that title.
AS_WAGTAIL_WRITES_IT = {"新建: %(model_name)s"}


def test_chinese_text_uses_full_width_punctuation():
    entries = _po_entries((CATALOGUE / "django.po").read_text(encoding="utf-8"))
    half_width = [
        text
        for _ctx, _msgid, strs in entries
        for text in strs
        if HALF_WIDTH_IN_CHINESE.search(text) and text not in AS_WAGTAIL_WRITES_IT
    ]
    assert half_width == []


def test_the_punctuation_check_catches_what_it_should():
    assert HALF_WIDTH_IN_CHINESE.search("区域已添加,公开照片已重新打码。")
    assert HALF_WIDTH_IN_CHINESE.search("原图(不公开)")
    assert HALF_WIDTH_IN_CHINESE.search("没有区域:这张照片")
    assert not HALF_WIDTH_IN_CHINESE.search("共 %(count)s 条，见 https://example.org/a?b=1")
    assert not HALF_WIDTH_IN_CHINESE.search("原图（不公开），点击查看：")


def test_wagtail_admin_strings_wagtail_leaves_in_english_have_chinese_and_are_compiled():
    """locale/wagtail_overrides/ holds every msgid the installed Wagtail has no zh_Hans for."""
    from portal import wagtail_messages

    for domain in wagtail_messages.DOMAINS:
        assert wagtail_messages.missing_translations(domain) == [], "run `manage.py wagtail_messages`, translate"
        path = wagtail_messages.override_path(domain)
        entries = wagtail_messages.read_po(path)
        assert entries and not any(entry.fuzzy for entry in entries)
        with open(path.with_suffix(".mo"), "rb") as fh:
            compiled = gettext.GNUTranslations(fh)
        stale = [
            e.msgid
            for e in entries
            if "\\" not in e.msgid
            and (compiled.pgettext(e.context, e.msgid) if e.context else compiled.gettext(e.msgid)) != e.msgstrs[0]
        ]
        assert stale == [], f"{path.with_suffix('.mo')} is older than {path.name}: run `make messages`"


def test_the_admin_uses_the_chinese_wagtail_leaves_out():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert translation.gettext("Autosave is paused") == "自动保存已暂停"
        banner = translation.gettext("The page could not be saved due to validation errors.")
        assert banner == "页面有校验错误，未能保存。"
    assert settings.LOCALE_PATHS[0] == settings.BASE_DIR / "locale"  # `makemessages` writes only our own catalogue
