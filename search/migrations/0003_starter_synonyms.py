"""A starter list of synonyms for the civilised-city vocabulary: the official terms the pages use
and what citizens type for them. Editors keep the list in the admin (片段 → 同义词); rows they
have already made or changed are left alone, and reversing removes nothing."""

from django.db import migrations

STARTER = [
    ("城市管理综合执法", "城管、城管局、城管执法"),
    ("非法营运", "黑车、黑的、拉黑活"),
    ("占道经营", "摆摊、路边摊、流动摊贩、乱摆摊"),
    ("乱贴小广告", "牛皮癣、小广告、乱张贴"),
    ("垃圾分类", "分垃圾、垃圾分拣"),
    ("志愿服务", "义工、志愿活动"),
    ("不文明行为", "不文明现象、陋习"),
    ("创建全国文明城市", "创文、创城、文明城市创建"),
    ("乱穿马路", "横穿马路、闯红灯"),
    ("乱停乱放", "乱停车、乱停放"),
    ("公共交通", "公交、公交车"),
    ("老旧小区", "老小区、旧小区"),
    ("道德模范", "好人好事、先进人物"),
    ("社会主义核心价值观", "核心价值观、24字"),
    ("光盘行动", "节约粮食、剩饭剩菜"),
    ("市文明办", "精神文明建设委员会办公室、文明办"),
    ("交通警察", "交警"),
    ("文明养犬", "遛狗、养狗、狗绳"),
]


def add_starter(apps, schema_editor):
    Synonym = apps.get_model("portal_search", "Synonym")
    for term, everyday in STARTER:
        Synonym.objects.get_or_create(term=term, defaults={"everyday_terms": everyday})


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0002_synonyms_query_log")]

    operations = [migrations.RunPython(add_starter, migrations.RunPython.noop)]
