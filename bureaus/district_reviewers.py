"""District review (属地初审) belongs to each district: a nomination from 五华区 is reviewed by
"五华区 属地初审", not by the reviewers of another district.

Each district has its group, kept by `sync_district_reviewers` (on every save of a district and
from the demo loader). Members of the city-wide group "推荐评审 属地初审" coordinate and may act for
any district, as may superusers."""

from django.contrib.auth.models import Group, Permission

from bureaus.models.districts import District

CITY_GROUP = "推荐评审 属地初审"
SUFFIX = "属地初审"
PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("content", "view_nomination"),
    ("content", "district_review_nomination"),
)


def sync_district_reviewers(district):
    """Create or rename the district's group and give it exactly the district-review rights."""

    name = f"{district.name} {SUFFIX}"
    group = district.nomination_reviewers
    if group is None:
        group, _created = Group.objects.get_or_create(name=name)
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    wanted = {
        Permission.objects.get(content_type__app_label=app, codename=codename).pk for app, codename in PERMISSIONS
    }
    held = set(group.permissions.values_list("pk", flat=True))
    if wanted - held:
        group.permissions.add(*(wanted - held))
    if district.nomination_reviewers_id != group.pk:
        District.objects.filter(pk=district.pk).update(nomination_reviewers=group)
        district.nomination_reviewers = group
    return group


def reviews_every_district(user):
    return user.is_superuser or user.groups.filter(name=CITY_GROUP).exists()


def readable_districts(user):
    """None when `user` reads the nominations of every district; else the ids of the districts
    whose 属地初审 group the user is in (perhaps none). A district reviewer reads their own
    district's nominations only; the city-wide roles (intake, coordinators, experts, approvers)
    and superusers read all of them."""
    if reviews_every_district(user):
        return None
    group_ids = set(user.groups.values_list("pk", flat=True))
    districts = dict(
        District.objects.filter(nomination_reviewers__in=group_ids).values_list("nomination_reviewers_id", "pk")
    )
    city_wide = group_ids - set(districts)
    view = Permission.objects.filter(content_type__app_label="content", codename="view_nomination")
    if view.filter(group__in=city_wide).exists() or view.filter(user=user).exists():
        return None
    return set(districts.values())


def may_review_district(user, nomination):
    """Whether `user` may carry out the district review of `nomination`."""
    if reviews_every_district(user):
        return True
    group_id = nomination.district.nomination_reviewers_id if nomination.district_id else None
    return group_id is not None and user.groups.filter(pk=group_id).exists()


def district_reviewer_emails(nomination):
    """Who is told that a nomination awaits its district review: the district's group and the
    city-wide coordinators."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    group_filter = Q(groups__name=CITY_GROUP)
    if nomination.district_id and nomination.district.nomination_reviewers_id:
        group_filter |= Q(groups__pk=nomination.district.nomination_reviewers_id)
    users = get_user_model().objects.filter(group_filter, is_active=True).distinct()
    return sorted({user.email for user in users if user.email})
