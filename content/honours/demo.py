"""Demo honour rolls (荣誉榜) for 2024 and 2025: every kind at city, provincial and national level,
with the districts of Kunming. Entries are found by their roll and name: a second run writes nothing."""

from bureaus.models.districts import District
from content.honours.index import HonourRollIndexPage
from content.honours.models import HonourKind, HonourLevel, HonourRollEntry

K, L = HonourKind, HonourLevel

# (year, level, kind, name, district name, note)
ROLLS = [
    (2025, L.NATIONAL, K.UNIT, "昆明市公共交通集团有限责任公司", "", "第七届全国文明单位"),
    (2025, L.NATIONAL, K.CAMPUS, "云南师范大学附属中学", "五华区", "第四届全国文明校园"),
    (2025, L.NATIONAL, K.FAMILY, "李春华家庭", "盘龙区", "第四届全国文明家庭"),
    (2025, L.NATIONAL, K.VILLAGE, "宜良县九乡彝族回族乡", "宜良县", "第七届全国文明村镇"),
    (2025, L.PROVINCE, K.UNIT, "昆明市儿童医院", "西山区", ""),
    (2025, L.PROVINCE, K.UNIT, "国网昆明供电局", "官渡区", ""),
    (2025, L.PROVINCE, K.CAMPUS, "昆明市第一中学", "五华区", ""),
    (2025, L.PROVINCE, K.CAMPUS, "呈贡区第一小学", "呈贡区", ""),
    (2025, L.PROVINCE, K.FAMILY, "赵建国家庭", "官渡区", ""),
    (2025, L.PROVINCE, K.VILLAGE, "晋宁区晋城街道福安社区", "晋宁区", ""),
    (2025, L.PROVINCE, K.VILLAGE, "石林彝族自治县圭山镇糯黑村", "石林彝族自治县", ""),
    (2025, L.CITY, K.UNIT, "昆明市五华区人民医院", "五华区", ""),
    (2025, L.CITY, K.UNIT, "昆明市盘龙区政务服务中心", "盘龙区", ""),
    (2025, L.CITY, K.UNIT, "昆明长水国际机场志愿服务队", "官渡区", "窗口单位"),
    (2025, L.CITY, K.UNIT, "安宁市市场监督管理局", "安宁市", ""),
    (2025, L.CITY, K.CAMPUS, "昆明市盘龙小学", "盘龙区", ""),
    (2025, L.CITY, K.CAMPUS, "嵩明县职业高级中学", "嵩明县", ""),
    (2025, L.CITY, K.FAMILY, "王秀英家庭", "西山区", "孝老爱亲"),
    (2025, L.CITY, K.FAMILY, "杨志明家庭", "东川区", "勤俭持家"),
    (2025, L.CITY, K.FAMILY, "马丽娟家庭", "寻甸回族彝族自治县", "邻里和睦"),
    (2025, L.CITY, K.VILLAGE, "富民县款庄镇", "富民县", ""),
    (2025, L.CITY, K.VILLAGE, "禄劝彝族苗族自治县转龙镇", "禄劝彝族苗族自治县", ""),
    (2024, L.PROVINCE, K.UNIT, "昆明市第一人民医院", "五华区", ""),
    (2024, L.PROVINCE, K.CAMPUS, "昆明理工大学附属中学", "五华区", ""),
    (2024, L.PROVINCE, K.FAMILY, "陈永福家庭", "盘龙区", ""),
    (2024, L.PROVINCE, K.VILLAGE, "西山区团结街道龙潭社区", "西山区", ""),
    (2024, L.CITY, K.UNIT, "昆明市图书馆", "盘龙区", ""),
    (2024, L.CITY, K.UNIT, "昆明地铁运营有限公司", "官渡区", ""),
    (2024, L.CITY, K.UNIT, "呈贡区税务局", "呈贡区", ""),
    (2024, L.CITY, K.CAMPUS, "官渡区第二中学", "官渡区", ""),
    (2024, L.CITY, K.CAMPUS, "宜良县第一中学", "宜良县", ""),
    (2024, L.CITY, K.FAMILY, "张丽华家庭", "盘龙区", "书香家庭"),
    (2024, L.CITY, K.FAMILY, "李德明家庭", "晋宁区", ""),
    (2024, L.CITY, K.VILLAGE, "阳宗海风景名胜区七甸街道", "阳宗海风景名胜区", ""),
    (2024, L.CITY, K.VILLAGE, "东川区汤丹镇", "东川区", ""),
    (2024, L.NATIONAL, K.UNIT, "昆明市消防救援支队", "官渡区", ""),
]


def build_honours(builder, home):
    builder.ensure_page(
        home,
        HonourRollIndexPage,
        "rongyu",
        {
            "title": "荣誉榜",
            "intro": "昆明市获评全国、云南省和昆明市文明单位、文明家庭、文明校园、文明村镇的名单，按年度公布。",
        },
    )
    districts = {d.name: d for d in District.objects.all()}
    existing = {(e.kind, e.level, e.year, e.name): e for e in HonourRollEntry.objects.all()}
    for year, level, kind, name, district, note in ROLLS:
        wanted = {"district": districts.get(district), "note": note}
        entry = existing.get((kind, level, year, name))
        if entry is None:
            HonourRollEntry.objects.create(kind=kind, level=level, year=year, name=name, **wanted)
            builder.created += 1
        elif (entry.district, entry.note) != (wanted["district"], note):
            entry.district, entry.note = wanted["district"], note
            entry.save()
            builder.updated += 1
