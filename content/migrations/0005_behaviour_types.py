"""The behaviour types of the exposure board are central reference data: every bureau's editors
choose from them, so they exist in every database, not only in the demo."""

from django.db import migrations

BEHAVIOUR_TYPES = [
    ("zhandao-jingying", "占道经营"),
    ("luanting-luanfang", "乱停乱放"),
    ("luanreng-laji", "乱扔垃圾"),
    ("luanchuan-malu", "乱穿马路"),
    ("pohuai-gongwu", "破坏公物"),
    ("buwenming-lvyou", "不文明旅游"),
    ("suidi-tutan", "随地吐痰"),
    ("luantie-luanhua", "乱贴乱画"),
    ("chuang-hongdeng", "闯红灯"),
    ("gonggong-xiyan", "公共场所吸烟"),
]


def add_behaviour_types(apps, schema_editor):
    BehaviourType = apps.get_model("content", "BehaviourType")
    for order, (slug, name) in enumerate(BEHAVIOUR_TYPES):
        BehaviourType.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})


def remove_behaviour_types(apps, schema_editor):
    apps.get_model("content", "BehaviourType").objects.filter(slug__in=[s for s, _n in BEHAVIOUR_TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("content", "0004_exemplars_exposure_photos")]

    operations = [migrations.RunPython(add_behaviour_types, remove_behaviour_types)]
