"""A link is judged by the host the browser will go to: a look-alike letter never passes for an
allowed domain, in the editor, in plain text and in the nightly audit of rendered pages."""

import pytest
from django.core.exceptions import ValidationError

from content.exemplars.models import ExemplarPage
from core.safety.page_audit import audit_rendered_html
from core.safety.scanner import browser_host, classify_url, scan_text

pytestmark = pytest.mark.django_db

LOOKALIKES = [
    "https://www.gоv.cn/",  # Cyrillic о
    "https://www.km.gоv.cn/wenming/",
    "https://wеnming.cn/",  # Cyrillic е
    "https://www.gοv.cn/",  # Greek ο
    "https://www.xn--gv-kmc.cn/",  # the same Cyrillic host, written in punycode
    "https://www.g%D0%BEv.cn/",  # percent-encoded Cyrillic о
    "//www.gоv.cn/x",
]


@pytest.mark.parametrize("url", LOOKALIKES)
def test_a_host_mixing_alphabets_is_a_lookalike_finding(url):
    assert classify_url(url, allowed_hosts=[])[0] == "lookalike_host"


@pytest.mark.parametrize(
    ("url", "resolved"),
    [
        ("https://www.km.gov.cn/", "www.km.gov.cn"),
        ("ｈｔｔｐｓ://ｗｗｗ.ｋｍ.ｇｏｖ.ｃｎ/", "www.km.gov.cn"),  # browsers map full-width letters
        ("https://%77ww.gov.cn/", "www.gov.cn"),  # and decode percent-encoded hosts
        ("HTTPS://WWW.WENMING.CN/", "www.wenming.cn"),
    ],
)
def test_what_the_browser_resolves_to_an_allowed_domain_passes(url, resolved):
    from urllib.parse import urlsplit

    assert classify_url(url, allowed_hosts=[]) is None
    assert browser_host(urlsplit(url.replace("ｈｔｔｐｓ", "https")).hostname) == resolved


def test_a_host_in_another_single_alphabet_is_an_ordinary_outside_link():
    assert classify_url("https://правительство.рф/", allowed_hosts=[]) == ("link", "xn--80aealotwbjpid2k.xn--p1ai")


def test_a_lookalike_written_as_plain_text_is_found_where_it_was_typed():
    text = "详情请见 www.gоv.cn/notice 或致电 12345"
    [finding] = scan_text(text, allowed_hosts=[])
    assert finding.category == "lookalike_host"
    assert text[finding.start : finding.end] == "www.gоv.cn/notice"


def test_the_editor_refuses_to_save_a_page_linking_to_a_lookalike():
    page = ExemplarPage.objects.live().first()
    page.story = '<p>更多事迹见<a href="https://www.gоv.cn/haoren/">政府网</a>。</p>'
    with pytest.raises(ValidationError) as refused:
        page.save_revision()
    assert any("www.gоv.cn" in message for message in refused.value.message_dict["story"])


def test_the_nightly_audit_finds_a_lookalike_on_a_rendered_page():
    html = '<html><body><main>昆明文明网 <a href="https://www.gоv.cn/">中国政府网</a></main></body></html>'
    findings = audit_rendered_html(html, site_name="昆明文明网", issuer_names=[], allowed_hosts=[])
    assert [finding.category for finding in findings] == ["lookalike_host"]
