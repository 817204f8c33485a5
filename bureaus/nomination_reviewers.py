"""The city-wide nomination reviewer groups (推荐评审 …): one per review stage, plus the one that
sees nominators' personal details. Each holds admin access, `content.view_nomination` and its
stage's permission (content/nominations/stages.py); members are chosen by an administrator
(the admin's user form, or `manage.py bureau_user`). District review also has a group per
district (bureaus/district_reviewers.py)."""

from django.contrib.auth.models import Group, Permission

from bureaus.district_reviewers import CITY_GROUP

INTAKE = "推荐评审 受理"
EXPERTS = "推荐评审 专家"
DECISION = "推荐评审 审批"
PERSONAL_DATA = "推荐评审 个人信息"

#: name -> permissions of the `content` app besides view_nomination
REVIEWER_GROUPS = {
    INTAKE: ("screen_nomination",),
    CITY_GROUP: ("district_review_nomination",),
    EXPERTS: ("score_nomination",),
    DECISION: ("decide_nomination",),
    PERSONAL_DATA: ("view_nominator",),
}


def ensure_reviewer_group(name):
    """The group `name` with (at least) its permissions; created when missing. Idempotent."""
    group, _created = Group.objects.get_or_create(name=name)
    wanted = set(
        Permission.objects.filter(
            content_type__app_label="content", codename__in=("view_nomination", *REVIEWER_GROUPS[name])
        ).values_list("pk", flat=True)
    )
    wanted.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin").pk)
    missing = wanted - set(group.permissions.values_list("pk", flat=True))
    if missing:
        group.permissions.add(*missing)
    return group


def ensure_reviewer_groups():
    return [ensure_reviewer_group(name) for name in REVIEWER_GROUPS]
