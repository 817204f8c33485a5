"""Each site-health indicator turned red and back to green, with a fixed clock (the
`time_machine` fixture). The crawls here render a handful of pages, never the whole demo site.

No test here reaches the network: external links and the external probe are asked through a
fake transport, and `no_network` makes any real `urlopen` fail the test."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from bureaus.models.bureaus import BureauPage
from content.ads.models.works import PublicServiceAdPage
from content.exemplars.index import ExemplarIndexPage
from content.exemplars.models import ExemplarPage
from core.safety.findings import Finding
from interaction.models import Message
from portal.site_health import crawl, duties, freshness, links, tampering
from portal.site_health.crawl import Crawl, Rendered
from portal.site_health.links import ExternalLinkChecker
from portal.site_health.models import AuditFindingRecord
from tests.interaction.helpers import make_message

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_network")]

D = datetime.timedelta


@pytest.fixture
def site():
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def now(time_machine):
    moment = timezone.now()
    time_machine.move_to(moment)
    return moment


def an_exemplar():
    return ExemplarPage.objects.live().order_by("pk").first()


# --- reachability ------------------------------------------------------------------------------


def test_reachability_turns_red_when_a_public_page_fails_and_green_when_it_answers(site, now):
    page = an_exemplar()
    home = site.root_page.specific
    result = crawl.reachability(crawl.crawl(site, pages=[home, page], urls=["/search/"]))
    assert (result.status, result.figure) == ("green", 0)

    Page.objects.filter(pk=page.pk).update(live=False)  # the page's address now answers 404
    result = crawl.reachability(crawl.crawl(site, pages=[home, page], urls=["/no-such-place/"]))
    assert result.status == "red"
    assert {item["url"] for item in result.items} == {page.url, "/no-such-place/"}
    assert result.by_bureau == {page.bureau_id: 1}

    Page.objects.filter(pk=page.pk).update(live=True)
    result = crawl.reachability(crawl.crawl(site, pages=[home, page], urls=["/search/"]))
    assert result.status == "green"


def test_the_nightly_crawl_renders_the_shell_and_a_sample_of_each_column(site, settings):
    settings.SITE_HEALTH_PAGES_PER_COLUMN = 1
    pages = crawl.pages_to_render(site, 1)
    columns = list(freshness.columns(site.root_page.specific))
    assert len(pages) <= 1 + site.root_page.get_children().count() + BureauPage.objects.count() + len(columns)
    assert site.root_page.pk in {page.pk for page in pages}


def test_the_external_probe_is_off_by_default_and_red_when_the_address_does_not_answer(settings, now):
    settings.SITE_HEALTH_PROBE_URL = ""
    assert crawl.external_probe().status == "off"

    settings.SITE_HEALTH_PROBE_URL = "https://wenming.km.gov.cn/"

    def unreachable(url, timeout):  # the fake transport: no network in tests
        raise TimeoutError

    assert crawl.external_probe(fetch=unreachable).status == "red"
    assert crawl.external_probe(fetch=lambda url, timeout: 503).status == "red"
    assert crawl.external_probe(fetch=lambda url, timeout: 200).status == "green"


# --- freshness ---------------------------------------------------------------------------------


def test_home_page_not_updated_for_two_weeks_is_red_until_something_is_published(site, settings, time_machine):
    settings.SITE_HEALTH_HOME_MAX_DAYS = 14
    newest = Page.objects.live().exclude(first_published_at=None).order_by("-first_published_at").first()
    # Noon of a day counted from the publication's local date: the figure counts calendar days,
    # so a clock moved by hours would cross midnight at some times of day and not at others.
    start_day = timezone.localtime(newest.first_published_at).date()

    def noon(days_later):
        day = start_day + D(days=days_later)
        return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 12))

    time_machine.move_to(noon(10))
    assert freshness.home_freshness(site, timezone.localdate()).status == "green"

    time_machine.move_to(noon(15))
    result = freshness.home_freshness(site, timezone.localdate())
    assert (result.status, result.figure) == ("red", 15)

    # An editor publishes a new exemplar: the home page lists it, it is fresh again.
    page = an_exemplar()
    page.title = "新的好人事迹"
    page.save_revision().publish()
    ExemplarPage.objects.filter(pk=page.pk).update(first_published_at=timezone.now())
    assert freshness.home_freshness(site, timezone.localdate()).status == "green"


def test_columns_go_stale_by_their_own_threshold_and_empty_ones_are_flagged(site, settings, time_machine):
    # Only bureaus with content are measured here: the demo leaves some bureaus empty on purpose.
    empty = [b.pk for b in BureauPage.objects.all() if not b.get_children().live().exists()]
    BureauPage.objects.filter(pk__in=empty).update(live=False)
    settings.SITE_HEALTH_COLUMN_MAX_DAYS = {"default": 14, "liyi": 365, "bureau": 180}
    # Everything published an hour ago (the demo spreads its dates over half a year): all fresh.
    now = timezone.now()
    Page.objects.live().update(first_published_at=now - D(hours=1))
    time_machine.move_to(now)
    assert freshness.column_freshness(site, timezone.localdate()).status == "green"

    time_machine.move_to(timezone.now() + D(days=20))
    result = freshness.column_freshness(site, timezone.localdate())
    assert result.status == "red"
    stale = {item["label"] for item in result.items}
    assert {"公益广告", "好人榜", "曝光台"} <= stale
    assert "文明礼仪" not in stale  # a yearly handbook: 365 days

    # Each stale section gets a new item today.
    for index_model in {type(column.page) for column in freshness.columns(site.root_page.specific)}:
        item = index_model.live_items().first()
        Page.objects.filter(pk=item.pk).update(first_published_at=timezone.now())
    assert freshness.column_freshness(site, timezone.localdate()).status == "green"

    # A bureau whose content is all withdrawn is an empty column.
    gongan = BureauPage.objects.get(slug="gongan")
    gongan.get_descendants().update(live=False)
    result = freshness.column_freshness(site, timezone.localdate())
    assert result.status == "red"
    assert [item["state"] for item in result.items if item["bureau_id"] == gongan.pk] == ["empty"]
    assert result.by_bureau[gongan.pk] is None


def test_columns_come_from_the_tree_not_from_a_list(site):
    labels = {column.page.title for column in freshness.columns(site.root_page.specific)}
    assert {"公益广告", "好人榜", "文明礼仪", "曝光台"} <= labels
    assert "我要推荐" not in labels  # a form, nothing to update
    ExemplarIndexPage.objects.update(live=False)
    assert "好人榜" not in {column.page.title for column in freshness.columns(site.root_page.specific)}


# --- links -------------------------------------------------------------------------------------


def fake_crawl(site, html, page=None):
    return Crawl(site=site, rendered=[Rendered("/haoren/", 200, html, page, getattr(page, "bureau_id", None))])


GOOD = (
    '<a href="/haoren/">好人榜</a><link rel="stylesheet" href="/static/css/dashboard.css">'
    '<a href="mailto:a@b.cn">信</a>'
)
BROKEN = (
    '<a href="/haoren/no-such-person/">失效</a><img src="/static/img/missing.png" alt="">'
    '<a href="/documents/999999/x.pdf">文件</a><img src="/media/images/missing.jpg" alt="">'
)


def test_broken_internal_links_and_files_turn_links_red_until_fixed(site, now):
    page = an_exemplar()
    assert links.links(fake_crawl(site, GOOD, page)).status == "green"

    result = links.links(fake_crawl(site, GOOD + BROKEN, page))
    assert result.status == "red"
    assert {item["label"] for item in result.items} == {
        "/haoren/no-such-person/",
        "/static/img/missing.png",
        "/documents/999999/x.pdf",
        "/media/images/missing.jpg",
    }
    assert result.by_bureau == {page.bureau_id: 4}
    assert links.links(fake_crawl(site, GOOD, page)).status == "green"


def test_a_real_page_rendered_in_process_has_no_broken_link(site):
    page = an_exemplar()
    result = links.links(crawl.crawl(site, pages=[site.root_page.specific, page], urls=[]))
    assert result.status == "green", result.items


class FakeTransport:
    """Stands in for HTTP: no request leaves the machine in tests."""

    def __init__(self, answers):
        self.answers = answers
        self.asked = []

    def __call__(self, url, timeout):
        self.asked.append((url, timeout))
        answer = self.answers.get(url, 200)
        if isinstance(answer, Exception):
            raise answer
        return answer


def test_external_links_are_checked_politely_through_a_fake_transport(site, now, empty_cache):
    html = (
        '<a href="https://www.gov.cn/a">a</a><a href="https://www.gov.cn/b">b</a><a href="https://www.gov.cn/c">c</a>'
        '<a href="http://dead.example.cn/">dead</a>'
    )
    transport = FakeTransport({"https://www.gov.cn/b": 404, "http://dead.example.cn/": TimeoutError()})
    checker = ExternalLinkChecker(transport, timeout=3, per_host=2, cache_seconds=3600, pause=0)
    result = links.links(fake_crawl(site, html), checker)
    assert result.status == "red"
    assert {item["label"]: item["note"] for item in result.items} == {
        "https://www.gov.cn/b": "HTTP 404",
        "http://dead.example.cn/": "TimeoutError",
    }
    # At most two addresses of one host a run, each with the timeout.
    assert len([url for url, _ in transport.asked if "gov.cn" in url]) == 2
    assert checker.skipped == 1 and {timeout for _, timeout in transport.asked} == {3}

    # Answers are cached: the next run asks only the address left over by the host limit.
    again = FakeTransport({})
    second = ExternalLinkChecker(again, timeout=3, per_host=2, cache_seconds=3600, pause=0)
    links.links(fake_crawl(site, html), second)
    assert [url for url, _ in again.asked] == ["https://www.gov.cn/c"]

    # Fixed on the other sites (and the cache expired): green.
    fixed = ExternalLinkChecker(FakeTransport({}), timeout=3, per_host=5, cache_seconds=0, pause=0)
    from django.core.cache import cache

    cache.clear()
    assert links.links(fake_crawl(site, html), fixed).status == "green"


def test_external_links_are_not_checked_unless_turned_on(site, settings):
    settings.SITE_HEALTH_EXTERNAL_LINKS = False
    result = links.links(fake_crawl(site, '<a href="https://www.gov.cn/x">x</a>'))
    assert result.status == "green"  # and no_network saw no request


# --- tampering ---------------------------------------------------------------------------------


def test_a_live_page_changed_behind_its_revision_is_tampering_until_republished(site, now):
    page = an_exemplar()
    rendered = crawl.crawl(site, pages=[page], urls=[])
    assert tampering.tampering(rendered, timezone.now()).status == "green"

    ExemplarPage.objects.filter(pk=page.pk).update(story="<p>澳门新葡京 在线博彩</p>")
    rendered = crawl.crawl(site, pages=[ExemplarPage.objects.get(pk=page.pk)], urls=[])
    result = tampering.tampering(rendered, timezone.now())
    assert result.status == "red"
    assert result.items[0]["url"] == page.url and result.by_bureau == {page.bureau_id: 1}

    # The bureau republishes its reviewed revision: the page renders what was approved again.
    page.live_revision.publish()
    rendered = crawl.crawl(site, pages=[ExemplarPage.objects.get(pk=page.pk)], urls=[])
    assert tampering.tampering(rendered, timezone.now()).status == "green"


def test_an_audit_finding_left_more_than_a_day_turns_tampering_red(site, time_machine):
    found_at = timezone.now()
    finding = Finding("script", "src", "https://evil.example/x.js", "<script src=...>")
    empty = Crawl(site=site)
    time_machine.move_to(found_at)
    tampering.record_audit([("/haoren/", [finding])])
    time_machine.move_to(found_at + D(hours=2))
    assert tampering.tampering(empty, timezone.now()).status == "amber"  # new: the day to handle it runs

    time_machine.move_to(found_at + D(hours=25))
    tampering.record_audit([("/haoren/", [finding])])  # the next night it is still there
    result = tampering.tampering(empty, timezone.now())
    assert result.status == "red" and "/haoren/" in result.items[0]["url"]
    assert AuditFindingRecord.objects.filter(resolved_at=None).count() == 1

    time_machine.move_to(found_at + D(hours=49))
    tampering.record_audit([])  # removed by the editor: the audit no longer finds it
    assert tampering.tampering(empty, timezone.now()).status == "green"


def test_the_nightly_audit_job_keeps_its_findings(monkeypatch, now):
    finding = Finding("gambling", "博彩", "博彩", "在线博彩")
    monkeypatch.setattr(tampering, "audit_live_pages", lambda: ([("/liyi/", [finding])], 12))
    assert tampering.nightly_audit() == {"pages": 12, "pages_with_findings": 1}
    record = AuditFindingRecord.objects.get(url="/liyi/")
    assert record.first_seen == now and "博彩" in record.message


# --- messages and the daily ad -----------------------------------------------------------------


def test_a_message_unanswered_three_months_is_red_until_answered(settings, time_machine):
    settings.MESSAGE_ALARM_LEAD_DAYS = 14
    Message.objects.update(status="answered")  # the demo's own messages are not this test's
    received = timezone.make_aware(datetime.datetime(2026, 1, 15, 10))
    message = make_message(received_at=received, subject="三个月未答复")
    time_machine.move_to(timezone.make_aware(datetime.datetime(2026, 3, 20, 9)))
    assert duties.messages(timezone.localdate()).status == "green"

    time_machine.move_to(timezone.make_aware(datetime.datetime(2026, 4, 5, 9)))  # in the alarm's 14 days
    assert duties.messages(timezone.localdate()).status == "amber"

    time_machine.move_to(timezone.make_aware(datetime.datetime(2026, 4, 16, 9)))  # past 04-15
    result = duties.messages(timezone.localdate())
    assert (result.status, result.figure) == ("red", 1)
    assert result.by_bureau == {message.bureau_id: 1}
    assert message.display_code in result.items[0]["label"]

    Message.objects.filter(pk=message.pk).update(status="answered", answered_at=timezone.now())
    assert duties.messages(timezone.localdate()).status == "green"


def test_the_daily_ad_slot_is_red_on_a_day_no_work_is_valid(time_machine):
    first = PublicServiceAdPage.objects.live().order_by("valid_from").first().valid_from
    time_machine.move_to(timezone.make_aware(datetime.datetime.combine(first - D(days=1), datetime.time(9))))
    result = duties.daily_ad_slot(timezone.localdate())
    assert result.status == "red"

    time_machine.move_to(timezone.make_aware(datetime.datetime.combine(first, datetime.time(9))))
    result = duties.daily_ad_slot(timezone.localdate())
    assert result.status == "green" and result.items[0]["label"]
