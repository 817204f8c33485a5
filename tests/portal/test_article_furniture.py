"""A content page says when it was published and by whom, and offers text size, print and share."""

import re

import pytest
from django.utils import timezone

from bureaus.models.bureaus import BureauPage
from tests.factories.ads import make_work

pytestmark = pytest.mark.django_db


def test_a_content_page_has_its_furniture(client):
    bureau = BureauPage.objects.order_by("path").first()
    work = make_work(bureau, title="礼让斑马线")
    work.save_revision().publish()
    work.refresh_from_db()
    type(work).objects.filter(pk=work.pk).update(first_published_at=timezone.now().replace(microsecond=123456))
    html = client.get(work.url).content.decode()
    assert re.search(
        r'发布时间：<time datetime="\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00">\d{4}-\d{2}-\d{2} \d{2}:\d{2}</time>',
        html,
    )
    assert f'发布单位：<a href="{bureau.url}">{bureau.title}</a>' in html.replace("http://localhost", "")
    assert re.search(r'<button type="button" class="article-tools__print" data-print hidden>打印</button>', html)
    assert '<a class="article-tools__share" href="#share-page" data-open-share>分享</a>' in html
    assert 'id="share-page"' in html
    assert html.count('data-font-size="large"') == 2  # the header's switch and the article's
