"""Each bureau's groups, page permissions and media collection, kept in step with its page.

"<bureau> 编辑" may add and edit pages in the bureau's subtree but never publish;
"<bureau> 审核" may also lock them for review. Publishing is left to the bureau's workflow
(bureaus/workflows.py: "<bureau> 审核", then "市文明办 终审"), so no bureau group holds
publish permission: nothing goes live outside review."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from bureaus.models.bureaus import BureauPage
from bureaus.workflows import sync_bureau_workflow

EDITORS_SUFFIX = "编辑"
REVIEWERS_SUFFIX = "审核"

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
REVIEWER_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page", "unlock_page")
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
# Model permissions on the public-service ad admin (content/ads/wagtail_admin.py). The admin's
# permission policy further limits every row to the user's own bureaus; nobody in a bureau group
# may delete, and update tasks are opened only by inspections and citizens' reports.
AD_MODEL_PERMISSIONS = (
    ("content", "add_adplacement"),
    ("content", "change_adplacement"),
    ("content", "view_adplacement"),
    ("content", "add_adinspection"),
    ("content", "change_adinspection"),
    ("content", "view_adinspection"),
    ("content", "change_adupdatetask"),
    ("content", "view_adupdatetask"),
    ("content", "view_adproblemreport"),
    # Protected photos (exemplar and exposure photos, content/photos/admin.py): editors upload
    # them and review their blur regions; the policy limits rows to the user's bureaus.
    ("content", "add_protectedphoto"),
    ("content", "change_protectedphoto"),
    ("content", "view_protectedphoto"),
)
AD_MODELS = ("adplacement", "adinspection", "adupdatetask", "adproblemreport", "protectedphoto")


# --- Who belongs to a bureau ------------------------------------------------------------------
#: A user belongs to a bureau when they are in its editors group or its reviewers group.
MEMBER_GROUP_FIELDS = ("editors_group_id", "reviewers_group_id")


def is_member(bureau, group_ids):
    """Whether holders of `group_ids` belong to `bureau` (a BureauPage or a dict of its values)."""
    values = bureau if isinstance(bureau, dict) else bureau.__dict__
    return any(values.get(field) in group_ids for field in MEMBER_GROUP_FIELDS)


def user_bureau_ids(user):
    """Primary keys of the bureaus the user belongs to (cached on the user object)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_bureau_ids", None)
    if cached is None:
        groups = user.groups.values("pk")
        membership = Q()
        for field in MEMBER_GROUP_FIELDS:
            membership |= Q(**{f"{field}__in": groups})
        cached = frozenset(BureauPage.objects.filter(membership).values_list("pk", flat=True))
        user._bureau_ids = cached
    return cached


def group_name(bureau_title, suffix):
    return f"{bureau_title} {suffix}"


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _ensure_group(current, name):
    if current is None:
        group, _created = Group.objects.get_or_create(name=name)
        return group
    if current.name != name:
        current.name = name
        current.save(update_fields=["name"])
    return current


def _ensure_exact(manager_qs, wanted, create):
    """Make a permission set exactly `wanted`: add what is missing, drop what is extra."""
    existing = {row.permission_id: row for row in manager_qs}
    for permission in wanted:
        if permission.pk not in existing:
            create(permission)
    for permission_id, row in existing.items():
        if permission_id not in {p.pk for p in wanted}:
            row.delete()


def _ensure_ad_model_permissions(group):
    """The group holds exactly AD_MODEL_PERMISSIONS among the ad models' permissions."""
    wanted = {_permission(app, c).pk for app, c in AD_MODEL_PERMISSIONS}
    held = set(
        group.permissions.filter(content_type__app_label="content", content_type__model__in=AD_MODELS).values_list(
            "pk", flat=True
        )
    )
    if wanted - held:
        group.permissions.add(*(wanted - held))
    if held - wanted:
        group.permissions.remove(*(held - wanted))


def _ensure_collection(bureau):
    if bureau.collection_id:
        collection = bureau.collection
        if collection.name != bureau.title:
            collection.name = bureau.title
            collection.save(update_fields=["name"])
        return collection
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=bureau.title).first()
    return existing or root.add_child(name=bureau.title)


@transaction.atomic
def sync_bureau_access(bureau):
    """Create or update the bureau's group pair, permissions and collection. Idempotent."""

    access_admin = _permission("wagtailadmin", "access_admin")
    editors = _ensure_group(bureau.editors_group, group_name(bureau.title, EDITORS_SUFFIX))
    reviewers = _ensure_group(bureau.reviewers_group, group_name(bureau.title, REVIEWERS_SUFFIX))
    collection = _ensure_collection(bureau)

    page_perms = {
        editors: [_permission("wagtailcore", c) for c in EDITOR_PAGE_PERMISSIONS],
        reviewers: [_permission("wagtailcore", c) for c in REVIEWER_PAGE_PERMISSIONS],
    }
    collection_perms = [_permission(app, c) for app, c in COLLECTION_PERMISSIONS]
    for group, wanted in page_perms.items():
        if not group.permissions.filter(pk=access_admin.pk).exists():
            group.permissions.add(access_admin)
        _ensure_ad_model_permissions(group)
        _ensure_exact(
            GroupPagePermission.objects.filter(group=group, page=bureau),
            wanted,
            lambda p, g=group: GroupPagePermission.objects.create(group=g, page=bureau, permission=p),
        )
        # A bureau group has rights on its own subtree only.
        GroupPagePermission.objects.filter(group=group).exclude(page=bureau).delete()
        _ensure_exact(
            GroupCollectionPermission.objects.filter(group=group, collection=collection),
            collection_perms,
            lambda p, g=group: GroupCollectionPermission.objects.create(group=g, collection=collection, permission=p),
        )

    changed = {}
    if bureau.editors_group_id != editors.pk:
        changed["editors_group"] = editors
    if bureau.reviewers_group_id != reviewers.pk:
        changed["reviewers_group"] = reviewers
    if bureau.collection_id != collection.pk:
        changed["collection"] = collection
    if changed:
        # update() rather than save(): no new revision, no signal loop.
        BureauPage.objects.filter(pk=bureau.pk).update(**changed)
        for field, value in changed.items():
            setattr(bureau, field, value)
    sync_bureau_workflow(bureau, reviewers)
    return editors, reviewers


def sync_all_bureaus():

    bureaus = list(
        BureauPage.objects.select_related(
            "editors_group", "reviewers_group", "collection", "review_task", "review_workflow"
        )
    )
    for bureau in bureaus:
        sync_bureau_access(bureau)
    return bureaus
