"""市文明办 opens the admin and reads the site's health: the demo's first report (measured for
real by `load_demo`), each indicator's status in words, what to act on and the history; a
night with a tampered page adds a column to the history. One short journey."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.admin_steps import assert_no_serious_axe_violations_outside_wagtail_widgets, log_in, people_setup
from tests.browser.support import run_shell

pytestmark = pytest.mark.browser

PEOPLE = {"health-final": (None, "final")}

# A second night: an exemplar's story is changed in the database behind its reviewed revision
# (what a defacement looks like); the tampering check names the page.
SECOND_NIGHT = """
import datetime
import json
from content.exemplars.models import ExemplarPage
from portal.site_health.models import HealthReport
from portal.site_health.runner import run_report

latest = HealthReport.objects.order_by("-measured_at").first()
page = ExemplarPage.objects.live().order_by("-first_published_at", "-pk").first()
ExemplarPage.objects.filter(pk=page.pk).update(story="<p>网站维护中</p>")
try:
    report = run_report(now=latest.measured_at + datetime.timedelta(days=1), notify=False)
finally:  # the other journeys share this database: the story is put back
    ExemplarPage.objects.filter(pk=page.pk).update(story=page.story)
print(json.dumps({"title": page.title, "tampering": report.results.get(indicator="tampering").status}))
"""


@pytest.fixture(scope="module")
def setup(portal_server):
    run_shell(people_setup(PEOPLE))
    return json.loads(run_shell(SECOND_NIGHT))


def test_the_office_reads_the_site_health_panel(page, setup):
    assert setup["tampering"] == "red"
    log_in(page, "health-final")
    page.goto("/admin/")
    panel = page.locator("#dashboard-site-health-section")
    expect(panel).to_contain_text("网站健康")
    tampering = panel.locator('table.site-health tr[data-indicator="tampering"]')
    expect(tampering).to_contain_text("红色")
    expect(tampering.get_by_role("link", name=setup["title"])).to_be_visible()  # named and linked
    expect(tampering).to_contain_text("与已审核发布的版本不一致")
    expect(panel.locator('tr[data-indicator="daily_ad"]').first).to_contain_text("绿色")
    history = panel.locator("table.site-health-history")
    expect(history.locator("thead th")).to_have_count(3)  # the indicator column and two nights
    # The bureaus' scorecard beside the quarterly overview.
    expect(page.locator("#dashboard-overview-section")).to_contain_text("健康排名")
    assert_no_serious_axe_violations_outside_wagtail_widgets(page)
