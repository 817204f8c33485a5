"""The roles an administrator gives people, as groups: which kind of role each group is, what its
members may do in one line, and whether it holds exactly what the policy grants.

Kinds (bureaus/access_policy.py `GROUP_KINDS`): a bureau's "<bureau> 编辑" and "<bureau> 审核"
(kept by the bureau sync), "市文明办 终审", a district's "<区县> 属地初审" and the city-wide
nomination groups "推荐评审 …". Any other group is unknown to the policy: the admin lists it
apart, `manage.py sync_bureaus` reports it and the authorisation matrix test fails on it.
Wagtail's installer groups "Moderators" and "Editors" (root-page rights, publishing for
moderators) are removed by migration portal 0004 and again by the bureau sync."""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from bureaus import nomination_reviewers as reviewer_groups
from bureaus.access import sync_bureau_access
from bureaus.access_policy import GROUP_KINDS
from bureaus.district_reviewers import CITY_GROUP, sync_district_reviewers
from bureaus.models.bureaus import BureauPage
from bureaus.models.districts import District
from bureaus.workflows import FINAL_REVIEW_NAME, final_review_group

WAGTAIL_STOCK_GROUPS = ("Moderators", "Editors")

NOMINATION_KINDS = {
    reviewer_groups.INTAKE: "nomination_intake",
    CITY_GROUP: "nomination_coordinator",
    reviewer_groups.EXPERTS: "nomination_expert",
    reviewer_groups.DECISION: "nomination_decision",
    reviewer_groups.PERSONAL_DATA: "nomination_personal_data",
}
DESCRIPTIONS = {
    "bureau_editor": _(
        "Adds and edits %(bureau)s's pages, images and ad records and submits them for review; cannot publish."
    ),
    "bureau_reviewer": _(
        "First review of %(bureau)s's submissions (never their own); may also edit and lock its pages; cannot publish."
    ),
    "final_reviewer": _(
        "Final sign-off of every bureau's submissions: their approval publishes the page; no other page rights."
    ),
    "district_reviewer": _("District review (属地初审) of the nominations from %(district)s."),
    "nomination_intake": _("Accepts new nominations, reviews objections and moves nominations to their next stage."),
    "nomination_coordinator": _("District review of nominations from every district (city-wide coordinator)."),
    "nomination_expert": _("Scores nominations in the expert review."),
    "nomination_decision": _("Decides on nominations and chooses the bureau that publishes the exemplar."),
    "nomination_personal_data": _("Sees nominators' contact details; every view is logged."),
    None: _("Not one of the portal's roles: check its permissions before adding anyone."),
}


@dataclass(frozen=True)
class Role:
    group: Group
    kind: str | None  # a key of GROUP_KINDS, or None for a group the policy does not know
    bureau: object = None
    district: object = None

    @property
    def description(self):
        names = {"bureau": getattr(self.bureau, "title", ""), "district": getattr(self.district, "name", "")}
        return DESCRIPTIONS[self.kind] % names

    @property
    def matrix_role(self):
        return GROUP_KINDS[self.kind]["role"] if self.kind else None


def classify(groups=None):
    """{group id: Role} for `groups` (default: every group), in three queries."""

    groups = list(Group.objects.order_by("name") if groups is None else groups)
    by_group = {}
    for bureau in BureauPage.objects.only("title", "path", "editors_group_id", "reviewers_group_id", "collection_id"):
        by_group[bureau.editors_group_id] = ("bureau_editor", bureau, None)
        by_group[bureau.reviewers_group_id] = ("bureau_reviewer", bureau, None)
    for district in District.objects.filter(nomination_reviewers__isnull=False).only(
        "name", "slug", "sort_order", "nomination_reviewers_id"
    ):
        by_group[district.nomination_reviewers_id] = ("district_reviewer", None, district)
    roles = {}
    for group in groups:
        kind, bureau, district = by_group.get(group.pk, (None, None, None))
        if kind is None and group.name == FINAL_REVIEW_NAME:
            kind = "final_reviewer"
        kind = kind or NOMINATION_KINDS.get(group.name)
        roles[group.pk] = Role(group, kind, bureau, district)
    return roles


def role_of(group):
    return classify([group])[group.pk]


def _held(group_ids):
    """{group id: {"models": …, "pages": {(page id, codename)}, "media": {(collection id, perm)}, "sites": …}}."""
    from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission

    held = {pk: {"models": set(), "pages": set(), "media": set(), "sites": set()} for pk in group_ids}
    through = Group.permissions.through.objects.filter(group_id__in=group_ids)
    for group_id, app, codename in through.values_list(
        "group_id", "permission__content_type__app_label", "permission__codename"
    ):
        held[group_id]["models"].add(f"{app}.{codename}")
    for group_id, page_id, codename in GroupPagePermission.objects.filter(group_id__in=group_ids).values_list(
        "group_id", "page_id", "permission__codename"
    ):
        held[group_id]["pages"].add((page_id, codename))
    rows = GroupCollectionPermission.objects.filter(group_id__in=group_ids).values_list(
        "group_id", "collection_id", "permission__content_type__app_label", "permission__codename"
    )
    for group_id, collection_id, app, codename in rows:
        held[group_id]["media"].add((collection_id, f"{app}.{codename}"))
    for group_id, site_id, codename in GroupSitePermission.objects.filter(group_id__in=group_ids).values_list(
        "group_id", "site_id", "permission__codename"
    ):
        held[group_id]["sites"].add((site_id, codename))
    return held


def audit_groups():
    """Every way the groups differ from the policy, one line each; [] when they match it exactly."""
    roles = classify()
    held = _held(list(roles))
    problems = []
    for pk, role in roles.items():
        name, has = role.group.name, held[pk]
        if role.kind is None:
            summary = sorted(has["models"]) + sorted(f"{c} on page {p}" for p, c in has["pages"])
            problems.append(f"group {name!r} is no role of the policy (it holds: {', '.join(summary) or 'nothing'})")
            continue
        grant = GROUP_KINDS[role.kind]
        bureau = role.bureau
        wanted = {
            "models": set(grant["models"]),
            "pages": {(bureau.pk, c) for c in grant["pages"]} if bureau else set(),
            "media": {(bureau.collection_id, p) for p in grant["media"]} if bureau else set(),
            "sites": set(),
        }
        for part in ("models", "pages", "media", "sites"):
            extra, missing = has[part] - wanted[part], wanted[part] - has[part]
            if extra:
                problems.append(f"group {name!r} ({role.kind}) holds {part} the policy does not grant: {sorted(extra)}")
            if missing:
                problems.append(f"group {name!r} ({role.kind}) lacks {part} the policy grants: {sorted(missing)}")
    return problems


def remove_stock_groups():
    """Delete Wagtail's installer groups if they exist; returns [(name, [former members])]."""
    removed = []
    for group in Group.objects.filter(name__in=WAGTAIL_STOCK_GROUPS).prefetch_related("user_set"):
        removed.append((group.name, sorted(user.get_username() for user in group.user_set.all())))
        group.delete()
    return removed


# --- Giving people roles (manage.py bureau_user, ensure_demo_accounts) ------------------------
#: the name of each kind on the command line
ROLE_NAMES = {
    "editor": "bureau_editor",
    "reviewer": "bureau_reviewer",
    "final-reviewer": "final_reviewer",
    "district-reviewer": "district_reviewer",
    "nomination-intake": "nomination_intake",
    "nomination-coordinator": "nomination_coordinator",
    "nomination-expert": "nomination_expert",
    "nomination-decision": "nomination_decision",
    "nomination-personal-data": "nomination_personal_data",
}
BUREAU_KINDS = ("bureau_editor", "bureau_reviewer")


def group_for(kind, bureau=None, district=None, create=True):
    """The group of `kind` (of `bureau` or `district` where the kind needs one). When it does not
    exist yet it is made by the code that keeps it, or None is returned with create=False."""
    if kind in BUREAU_KINDS:
        if create and (bureau.editors_group_id is None or bureau.reviewers_group_id is None):
            sync_bureau_access(bureau)
        return bureau.editors_group if kind == "bureau_editor" else bureau.reviewers_group
    if kind == "district_reviewer":
        return sync_district_reviewers(district) if create else district.nomination_reviewers
    if kind == "final_reviewer":
        return final_review_group() if create else Group.objects.filter(name=FINAL_REVIEW_NAME).first()
    name = {value: key for key, value in NOMINATION_KINDS.items()}[kind]
    return reviewer_groups.ensure_reviewer_group(name) if create else Group.objects.filter(name=name).first()


def ordered_roles(roles):
    """Roles in the order of the admin's roles tab: bureaus, final review, districts, nominations, other."""
    kinds = [*BUREAU_KINDS, "final_reviewer", "district_reviewer", *NOMINATION_KINDS.values()]

    def key(role):
        kind = kinds.index(role.kind) if role.kind in kinds else len(kinds)
        section = 0 if role.kind in BUREAU_KINDS else kind  # a bureau's two roles side by side
        place = role.bureau.path if role.bureau else ""
        district = (role.district.sort_order, role.district.pk) if role.district else (0, 0)
        return (section, place, district, kind, role.group.name)

    return sorted(roles, key=key)
