"""Demo nominations: five fictional nominations, one at each review stage, plus the
reviewer groups whose members are told when a nomination reaches their stage. Found again by
their fixed tracking codes, so a second build writes nothing."""

import datetime

from django.utils import timezone

from bureaus.district_reviewers import sync_district_reviewers
from bureaus.models.districts import District
from bureaus.nomination_reviewers import ensure_reviewer_groups
from content.nominations.models import Nomination, NominationEvent, Stage
from content.nominations.submission import clue_key, period_of

DEEDS = (
    "{name}在社区里生活了二十多年。{deed}。邻居们说，无论刮风下雨，总能看到{pronoun}忙碌的身影；"
    "社区居委会也多次收到居民写来的感谢信。"
)
NOMINATIONS = [
    # code, name, gender, birth year, district slug, category, clue, stage
    ("DEMQ2345ABCD", "杨桂芬", "f", 1962, "wuhua", "helping-others", "十五年义务为社区老人理发", Stage.RECEIVED),
    ("DEMQ2345ABCE", "段志强", "m", 1985, "panlong", "bravery", "跳入滇池救起落水游客", Stage.DISTRICT_REVIEW),
    ("DEMQ2345ABCF", "普丽华", "f", 1978, "guandu", "honesty", "拾到巨款原路归还失主", Stage.PUBLICITY),
    ("DEMQ2345ABCG", "李建国", "m", 1969, "xishan", "dedication", "山区小学坚守讲台三十年", Stage.EXPERT_REVIEW),
    ("DEMQ2345ABCH", "张凤兰", "f", 1958, "chenggong", "filial-piety", "照顾瘫痪婆婆二十年", Stage.DECISION),
]
ORDER = [Stage.RECEIVED, Stage.DISTRICT_REVIEW, Stage.PUBLICITY, Stage.EXPERT_REVIEW, Stage.DECISION]


def build_nominations(builder):

    ensure_reviewer_groups()
    for district in District.objects.select_related("nomination_reviewers"):
        sync_district_reviewers(district)
    districts = {district.slug: district for district in District.objects.all()}
    fallback = District.objects.order_by("sort_order", "id").first()
    now = timezone.now()
    for code, name, gender, birth_year, slug, category, clue, stage in NOMINATIONS:
        if Nomination.objects.filter(tracking_code=code).exists():
            continue
        district = districts.get(slug, fallback)
        period = period_of(timezone.localdate())
        nomination = Nomination.objects.create(
            tracking_code=code,
            period=period,
            clue_key=clue_key(name, district.pk, category, period) + "|demo",
            stage=stage,
            nominee_name=name,
            gender=gender,
            birth_year=birth_year,
            birth_month=6,
            district=district,
            category=category,
            clue=clue,
            deeds=DEEDS.format(name=name, deed=clue, pronoun="她" if gender == "f" else "他"),
            nominee_awareness="agrees",
            photo_consent=False,
            nominator_name="示例推荐人",
            nominator_phone="13800000000",
            nominator_relation="邻居",
            declaration=True,
            data_consent=True,
            publicity_ends_on=timezone.localdate() + datetime.timedelta(days=7) if stage == Stage.PUBLICITY else None,
        )
        previous = ""
        for reached in ORDER[: ORDER.index(stage) + 1]:
            NominationEvent.objects.create(nomination=nomination, from_stage=previous, to_stage=reached, note="示例")
            previous = reached
        Nomination.objects.filter(pk=nomination.pk).update(stage_changed_at=now)
        builder.created += 1
