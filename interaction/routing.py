"""Which bureau answers a topic: the lead bureau of the directive task the topic belongs to.

Each topic names one task of the register (目标任务分解表, bureaus/models/directive.py) by its
mechanism and task number; the message goes to that task's first lead bureau (the register's
order, which follows the directive's), skipping the district pseudo-bureau when a city bureau
also leads. When the task or its lead is missing (an edited register), 市文明办 takes it and
reroutes it by hand."""

from django.utils.translation import gettext_lazy as _

from bureaus.models.bureaus import BureauKind, BureauPage
from bureaus.models.directive import CreationTaskLeadBureau
from interaction.models import Topic

OFFICE_SLUG = "wenmingban"

#: topic → (mechanism number, task number) in the directive's register.
TOPIC_TASKS = {
    Topic.TRAFFIC: (2, 3),  # 健全交通管理机制 3. 治理不文明交通行为
    Topic.CITY_APPEARANCE: (1, 4),  # 健全城市管理机制 4. 建立市容环境常态化综合评价机制
    Topic.PUBLIC_ORDER: (1, 2),  # 健全城市管理机制 2. 建立街面社会秩序巡查机制
    Topic.TRANSPORT: (2, 5),  # 健全交通管理机制 5. 提高公共交通出行分担率
    Topic.COMMUNITY: (3, 2),  # 健全社区治理机制 2. 明确社区工作职责
    Topic.MARKETS: (4, 5),  # 健全民生服务机制 5. 加强集贸市场管理
    Topic.VOLUNTEERING: (9, 2),  # 健全志愿服务机制 2. 完善志愿服务平台
    Topic.MINORS: (8, 5),  # 健全未成年人思想道德建设机制 5. 关爱未成年人健康成长
    Topic.ADS: (7, 5),  # 健全宣传教育机制 5. 规范公益广告发布管理
    Topic.SUGGESTION: (10, 4),  # 健全协调联动机制 4. 拓展群众参与创建渠道
}

TOPIC_HELP = {
    Topic.TRAFFIC: _("Running red lights, parking on pavements, uncivil driving."),
    Topic.CITY_APPEARANCE: _("Litter, dirty streets, damaged facilities, shop fronts."),
    Topic.PUBLIC_ORDER: _("Street vending, disorder in public places."),
    Topic.TRANSPORT: _("Buses, the metro, parking spaces."),
    Topic.COMMUNITY: _("Services of the residents' committee and the community."),
    Topic.MARKETS: _("Farmers' markets, food stalls, market order."),
    Topic.VOLUNTEERING: _("Volunteer service and how to join it."),
    Topic.MINORS: _("Schools, children's safety and moral education."),
    Topic.ADS: _("Public-service ads in the city."),
    Topic.SUGGESTION: _("Any other suggestion on the campaign."),
}


def office():
    return BureauPage.objects.filter(slug=OFFICE_SLUG).first()


def leads_by_topic():
    """{topic: BureauPage} for every topic, in three queries."""
    wanted = {numbers: topic for topic, numbers in TOPIC_TASKS.items()}
    rows = (
        CreationTaskLeadBureau.objects.filter(task__live=True, bureau__live=True)
        .order_by("sort_order", "id")
        .values_list("task__mechanism__number", "task__number", "bureau_id", "bureau__kind")
    )
    candidates = {}
    for mechanism, number, bureau_id, kind in rows:
        if (mechanism, number) in wanted:
            candidates.setdefault(wanted[mechanism, number], []).append((bureau_id, kind))
    chosen = {}
    for topic, leads in candidates.items():
        city = [pk for pk, kind in leads if kind != BureauKind.LOCALITY]
        chosen[topic] = (city or [pk for pk, _kind in leads])[0]
    bureaus = BureauPage.objects.in_bulk(list(set(chosen.values())))
    fallback = office()
    result = {}
    for topic in Topic:
        result[topic] = bureaus.get(chosen.get(topic)) or fallback
    return result


def bureau_for(topic):
    """The bureau a new message of `topic` goes to."""
    return leads_by_topic()[Topic(topic)]
