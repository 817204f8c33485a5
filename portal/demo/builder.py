"""Builds the portal from the data the repository ships. Idempotent: a second run finds every
page, snippet and group as it should be and writes nothing."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page, Site

from bureaus import seed
from bureaus.access import sync_bureau_access
from bureaus.models.bureaus import BureauIndexPage, BureauPage
from bureaus.models.directive import (
    CreationTaskIndexPage,
    CreationTaskLeadBureau,
    CreationTaskPage,
    DirectivePage,
    Mechanism,
)
from bureaus.models.districts import District
from content.ads.demo import build_ads
from content.ads.models.index import PublicServiceAdIndexPage
from content.exemplars.demo import build_exemplars
from content.exemplars.index import ExemplarIndexPage
from content.exposure.demo import build_exposure
from content.exposure.index import ExposureIndexPage
from content.handbooks.demo import build_handbooks
from content.handbooks.index import EtiquetteIndexPage
from content.honours.demo import build_honours
from content.news.demo import build_news
from content.news.index import NewsIndexPage
from content.nominations.demo import build_nominations
from content.nominations.index import NominationIndexPage
from content.progress.demo import build_progress
from content.snapshots.demo import build_snapshots
from content.specials.demo import build_specials
from content.specials.index import CampaignSpecialIndexPage
from core.sanitise import clean_rich_text
from interaction.demo import build_messages
from portal.identity import SiteIdentity
from portal.models import HomePage
from search.demo import build_search

CHINESE_PART_NUMERALS = "一二三四五六七八九十"

SECTION_PAGES = [
    # model, slug, title, intro, tasks served (mechanism number, task number)
    (
        PublicServiceAdIndexPage,
        "gongyi",
        "公益广告",
        "社会主义核心价值观、文明交通、垃圾分类、志愿服务等主题的公益广告作品及其投放点位。"
        "各单位可下载适合工地围挡、社区宣传栏、公交站台、LED电子屏等载体尺寸的作品文件；"
        "发现广告破损、褪色或过期，可以扫描点位二维码报告。",
        [(7, 5)],
    ),
    (
        ExemplarIndexPage,
        "haoren",
        "好人榜",
        "道德模范、中国好人、云南好人、昆明好人和最美人物的事迹，"
        "分助人为乐、见义勇为、诚实守信、敬业奉献、孝老爱亲五类。",
        [(7, 4)],
    ),
    (
        EtiquetteIndexPage,
        "liyi",
        "文明礼仪",
        "面向学校、社区、单位和广大市民的文明礼仪手册，每年修订，可在线阅读、下载和打印。",
        [(7, 1), (7, 2)],
    ),
    (
        ExposureIndexPage,
        "baoguang",
        "曝光台",
        "曝光不文明行为和整改不力的部门、单位，公开整改要求、期限和进展。曝光的是行为和单位，不公开个人身份。",
        [(7, 3)],
    ),
    (
        NominationIndexPage,
        "tuijian",
        "我要推荐",
        "推荐身边的好人好事：助人为乐、见义勇为、诚实守信、敬业奉献、孝老爱亲。"
        "推荐经属地初审、评议公示、专家评审和审批，结果在本站公布。",
        [(7, 4), (10, 4)],
    ),
    (
        NewsIndexPage,
        "dongtai",
        "创建动态",
        "各牵头单位报送的创建工作动态和成果：专项整治、志愿服务、文明单位和文明校园创建等，"
        "可按单位、机制、任务和月份查看。",
        [(7, 2), (7, 3)],
    ),
    (
        CampaignSpecialIndexPage,
        "zhuanti",
        "专题",
        "文明交通月、9·20公民道德宣传日、垃圾分类宣传周等主题宣传活动的专题，汇集相关动态、公益广告、好人事迹和曝光。",
        [(7, 1), (7, 2)],
    ),
]

# Demo values of the footer (网站标识与页脚); a real site enters its own in the admin's settings.
DEMO_IDENTITY = {
    "host_unit": "中共昆明市委精神文明建设委员会办公室",
    "organiser_unit": "昆明市文明城市创建网编辑部",
    "site_code": "5301000099",
    "icp_number": "滇ICP备12345678号-1",
    "police_number": "滇公网安备 53010202000123号",
    "contact_phone": "0871-12345678",
    "contact_email": "lianxi@wenming.km.gov.cn",
    "contact_address": "云南省昆明市呈贡区市级行政中心",
}


class Builder:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.created = 0
        self.updated = 0

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def site_identity(self):
        """The footer's identity with demo registrations (made-up numbers in the official formats);
        only when none exists, so the values an administrator typed in survive a rebuild."""
        if SiteIdentity.objects.exists():
            return
        identity = SiteIdentity(**DEMO_IDENTITY)
        identity.full_clean()
        identity.save()
        self.created += 1

    # -- generic helpers -------------------------------------------------------------

    def ensure_tags(self, page, names):
        """The page's tags set to `names`, published as a new revision only when they differ."""
        if sorted(tag.name for tag in page.tags.all()) == sorted(names):
            return page
        page.tags.set(names)
        page.save_revision(log_action=True).publish(log_action=True)
        self.updated += 1
        return type(page).objects.get(pk=page.pk)

    def ensure_page(self, parent, model, slug, values, m2m=None, inline=None):
        """Create or update one child page of `parent`; publish a revision only on change.

        `m2m` maps a ParentalManyToManyField name to the wanted list of objects; `inline` maps
        an inline relation name to (the child model, the FK field name, the wanted objects[,
        extra field values: one dict for every row, or a list with a dict per row])."""
        page = model.objects.child_of(parent).filter(slug=slug).first()
        created = page is None
        if created:
            page = model(slug=slug, **values)
        changed = created
        for name, value in values.items():
            if getattr(page, name) != value:
                setattr(page, name, value)
                changed = True
        for name, wanted in (m2m or {}).items():
            current = [obj.pk for obj in getattr(page, name).all()] if not created else []
            if current != [obj.pk for obj in wanted]:
                setattr(page, name, wanted)
                changed = True
        for name, spec in (inline or {}).items():
            child_model, fk_name, wanted, *extra = spec
            extras = extra[0] if extra else {}
            rows = [
                {fk_name: obj, "sort_order": i, **(extras[i] if isinstance(extras, list) else extras)}
                for i, obj in enumerate(wanted)
            ]
            # The order matters (the first lead bureau is the main one), so it is stored.
            current = (
                [{key: getattr(row, key) for key in rows[0]} for row in getattr(page, name).all()]
                if not created and rows
                else []
            )
            if current != rows:
                setattr(page, name, [child_model(**row) for row in rows])
                changed = True
        if not changed:
            return page
        if created:
            parent.add_child(instance=page)
            self.created += 1
        else:
            self.updated += 1
        page.save_revision(log_action=True).publish(log_action=True)
        return model.objects.get(pk=page.pk)

    # -- the site ---------------------------------------------------------------------

    def home(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = HomePage(title="昆明文明城市创建网", slug="wenming", intro="共建文明城市，共享美好生活")
            root.add_child(instance=home)
            home.save_revision(log_action=True).publish(log_action=True)
            self.created += 1
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=home.title
            )
        elif site.root_page_id != home.pk:
            placeholder = site.root_page
            site.root_page = home
            site.site_name = home.title
            site.save()
            # Wagtail's installer leaves a "Welcome" page; it has no place in this site.
            if placeholder.specific_class is Page and not placeholder.get_children().exists():
                placeholder.delete()
        return home

    def districts(self):
        for order, row in enumerate(seed.districts(), 1):
            wanted = {"name": row["name"], "kind": row["kind"], "sort_order": order}
            district = District.objects.filter(slug=row["slug"]).first()
            if district is None:
                District.objects.create(slug=row["slug"], **wanted)
                self.created += 1
            elif any(getattr(district, k) != v for k, v in wanted.items()):
                for k, v in wanted.items():
                    setattr(district, k, v)
                district.save()
                self.updated += 1

    def bureaus(self, home):
        index = self.ensure_page(
            home,
            BureauIndexPage,
            "danwei",
            {
                "title": "牵头单位",
                "intro": "按照《关于建立健全全国文明城市创建工作常态长效机制的实施意见》"
                "(昆办发〔2017〕30号)，各项创建任务由以下牵头单位负责。",
            },
        )
        bureaus = {}
        for row in seed.bureaus():
            bureau = self.ensure_page(index, BureauPage, row.slug, {"title": row.name, "kind": row.kind})
            sync_bureau_access(bureau)
            bureaus[row.name] = bureau
        return index, bureaus

    def mechanisms(self):
        result = {}
        for number, title, slug in seed.mechanisms():
            mechanism = Mechanism.objects.filter(number=number).first()
            if mechanism is None:
                mechanism = Mechanism.objects.create(number=number, title=title, slug=slug)
                self.created += 1
            elif (mechanism.title, mechanism.slug) != (title, slug):
                mechanism.title, mechanism.slug = title, slug
                mechanism.save()
                self.updated += 1
            result[number] = mechanism
        return result

    def tasks(self, home, bureaus):

        index = self.ensure_page(
            home,
            CreationTaskIndexPage,
            "renwu",
            {
                "title": "创建任务",
                "intro": "全国文明城市创建工作常态长效机制的10项机制、50项任务及其牵头单位。",
            },
        )
        mechanisms = self.mechanisms()
        tasks = {}
        for task in seed.tasks():
            mechanism = mechanisms[task.mechanism_number]
            page = self.ensure_page(
                index,
                CreationTaskPage,
                f"{mechanism.slug}-{task.number}",
                {"title": task.title, "mechanism": mechanism, "number": task.number, "text": task.text},
                inline={"lead_bureaus": (CreationTaskLeadBureau, "bureau", [bureaus[n] for n in task.lead_units])},
            )
            tasks[(task.mechanism_number, task.number)] = page
        self.directive(index, tasks)
        return index, tasks

    def directive(self, index, tasks):
        data = seed.directive()
        self.ensure_page(
            index,
            DirectivePage,
            "shishi-yijian",
            {
                "title": data["title"],
                "document_number": data["number"],
                "issuers": "、".join(data["issuers"]),
                "issued_on": _date(data["date"]),
                "body": clean_rich_text(directive_body_html(data, tasks)),
            },
        )

    def sections(self, home, tasks):
        for model, slug, title, intro, served in SECTION_PAGES:
            self.ensure_page(
                home,
                model,
                slug,
                {"title": title, "intro": intro},
                m2m={"related_tasks": [tasks[key] for key in served if key in tasks]},
            )

    @transaction.atomic
    def build(self):

        home = self.home()
        self.districts()
        _index, bureaus = self.bureaus(home)
        _index, tasks = self.tasks(home, bureaus)
        self.sections(home, tasks)
        build_ads(self, home, bureaus)
        build_handbooks(self, bureaus)
        build_exemplars(self, bureaus)
        build_exposure(self, bureaus)
        build_news(self, bureaus, tasks)
        build_specials(self, bureaus)
        build_nominations(self)
        build_messages(self)
        build_snapshots(self)
        build_progress(self, bureaus, tasks)
        build_honours(self, home)
        spread_publication_dates()
        self.site_identity()
        build_search(self)
        self.log(f"Demo content: {self.created} created, {self.updated} updated.")
        return home


def spread_publication_dates(now=None):
    """Give the pages this run published dates spread over the last half year, so the demo's
    listings read like a site in use rather than one loaded a minute ago. Only pages first
    published within the last day move (a second run leaves the dates it gave alone); each
    page's date comes from its id, so two builds of the demo look the same."""
    now = now or timezone.now()
    for pk in Page.objects.filter(depth__gt=2, first_published_at__gte=now - datetime.timedelta(days=1)).values_list(
        "pk", flat=True
    ):
        published = now - datetime.timedelta(days=(pk * 37) % 180 + 1, hours=(pk * 7) % 10, minutes=(pk * 13) % 60)
        Page.objects.filter(pk=pk).update(first_published_at=published, last_published_at=published)


def _date(value):
    return datetime.date.fromisoformat(value)


def directive_body_html(data, tasks):
    """The directive as Wagtail rich text; each task title links to its task page."""
    out = [f"<p>{escape(data['preamble'])}</p>"]
    section_number = 0
    for part_index, part in enumerate(data["parts"]):
        out.append(f"<h2>{CHINESE_PART_NUMERALS[part_index]}、{escape(part['title'])}</h2>")
        for number, paragraph in enumerate(part["paragraphs"], 1):
            if paragraph["title"]:
                ordinal = CHINESE_PART_NUMERALS[number - 1]
                out.append(f"<p><b>({ordinal}){escape(paragraph['title'])}。</b>{escape(paragraph['text'])}</p>")
            else:
                out.append(f"<p>{escape(paragraph['text'])}</p>")
        for section in part["sections"]:
            section_number += 1
            out.append(f"<h3>({CHINESE_PART_NUMERALS[section_number - 1]}){escape(section['title'])}</h3>")
            for item in section["items"]:
                page = tasks.get((section_number, item["n"]))
                title = escape(item["title"])
                if page is not None:
                    title = f'<a linktype="page" id="{page.pk}">{title}</a>'
                units = "、".join(item["lead_units"])
                out.append(f"<p>{item['n']}.{title}。{escape(item['text'])}(牵头单位:{escape(units)})</p>")
    return "".join(out)


def build_demo_site(stdout=None):
    return Builder(stdout=stdout).build()
