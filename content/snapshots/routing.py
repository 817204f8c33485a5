"""Where a 随手拍 report goes: the routing rule, in one place (docs/suishoupai.md: routing).

1. The behaviour type names a responsible bureau (`BehaviourType.responsible_bureau`, central
   reference data that superusers keep under Settings → Behaviour types): the report goes there.
2. Otherwise the report goes to the district where it was seen (属地管理): the locality bureau
   (各县(市)区、开发(度假)园区, kind "locality"), whose staff see the report's district.
3. Without a locality bureau, to 市文明办, which sees every report and reroutes it.

The defaults below come from the directive's task register (bureaus/data/directive.json): a
behaviour goes to the sole lead unit of the task that names it. Behaviours no task names stay
with the district. `apply_default_bureaus` writes them where a type has none yet (the data
migration for databases whose bureaus exist, and the demo loader)."""

from bureaus.models.bureaus import BureauKind, BureauPage
from content.exposure.models import BehaviourType

#: 市文明办: sees every report and may reroute any open one.
OFFICE_SLUG = "wenmingban"

#: behaviour type slug → bureau slug, with the directive task that makes it that bureau's.
DEFAULT_BUREAUS = {
    # 健全交通管理机制 3. 治理不文明交通行为 (lead: 市公安局): 违法停车, 马路陋习.
    "chuang-hongdeng": "gongan",
    "luanchuan-malu": "gongan",
    "luanting-luanfang": "gongan",
    # 健全城市管理机制 5. 加强重点问题综合整治 (lead: 市城管综合执法局): 垃圾乱扔、广告乱贴、摊位乱摆.
    "zhandao-jingying": "chengguan-zhifa",
    "luanreng-laji": "chengguan-zhifa",
    "luantie-luanhua": "chengguan-zhifa",
}


def office_bureau():
    return BureauPage.objects.filter(slug=OFFICE_SLUG).first()


def route(behaviour_type):
    """The bureau a new report of `behaviour_type` goes to (None only when no bureau exists)."""
    if behaviour_type.responsible_bureau_id:
        return behaviour_type.responsible_bureau
    locality = BureauPage.objects.filter(kind=BureauKind.LOCALITY).order_by("path").first()
    return locality or office_bureau()


def apply_default_bureaus():
    """Set DEFAULT_BUREAUS on the types that name no bureau yet; an administrator's choice stays.
    Returns how many types changed."""
    bureaus = dict(BureauPage.objects.filter(slug__in=set(DEFAULT_BUREAUS.values())).values_list("slug", "pk"))
    changed = 0
    for type_slug, bureau_slug in DEFAULT_BUREAUS.items():
        if bureau_slug in bureaus:
            changed += BehaviourType.objects.filter(slug=type_slug, responsible_bureau__isnull=True).update(
                responsible_bureau_id=bureaus[bureau_slug]
            )
    return changed
