"""A 牵头单位's public page says what the bureau answers for: each directive task it leads, with
the task's text, whether it is the first lead bureau or shares the lead, and with whom."""

import lxml.html
import pytest

from bureaus.models.directive import CreationTaskPage
from tests.helpers import bureau

pytestmark = pytest.mark.django_db


def duties(client, slug):
    tree = lxml.html.fromstring(client.get(bureau(slug).url).content)
    return {
        item.findtext(".//h3/a"): {
            "meta": " ".join(item.find('.//p[@class="meta"]').text_content().split()),
            "text": item.findtext('.//p[@class="duty__text"]'),
        }
        for item in tree.xpath('//li[@class="duty"]')
    }


def test_the_bureau_page_lists_every_led_task_with_its_text_and_lead_role(client):
    gongan = bureau("gongan")
    shown = duties(client, "gongan")
    tasks = CreationTaskPage.objects.live().filter(lead_bureaus__bureau=gongan)
    assert set(shown) == {task.title for task in tasks} and shown
    for task in tasks:
        leads = [link.bureau for link in task.lead_bureaus.order_by("sort_order", "pk")]
        duty = shown[task.title]
        assert duty["text"][:30] == task.text[:30]
        assert ("第一牵头单位" in duty["meta"]) == (leads[0] == gongan)
        assert ("共同牵头单位" in duty["meta"]) == (leads[0] != gongan)
        for other in leads:
            if other != gongan:
                assert other.title in duty["meta"]


def test_a_shared_task_names_the_other_lead_bureaus_on_both_pages(client):
    shared = next(task for task in CreationTaskPage.objects.live().order_by("path") if task.lead_bureaus.count() >= 2)
    first, second = [link.bureau for link in shared.lead_bureaus.order_by("sort_order", "pk")][:2]
    assert "第一牵头单位" in duties(client, first.slug)[shared.title]["meta"]
    assert second.title in duties(client, first.slug)[shared.title]["meta"]
    second_view = duties(client, second.slug)[shared.title]["meta"]
    assert "共同牵头单位" in second_view and first.title in second_view
