"""The authorisation matrix: every admin URL the project exposes, for every role, on its own and on
another bureau's objects, answers exactly as bureaus/access_policy.py says.

URLs are found by walking Django's resolver under admin/, so an admin URL added later without a
policy action fails `test_every_admin_url_has_a_policy_action`. Each role's user is a member of a
real group of that role; `test_every_group_is_a_role_the_matrix_proves` then checks that every
group that exists is of a kind the policy knows and holds exactly that kind's permissions, so the
answers proven for one member hold for every member of every group. Allowed requests must succeed
(status < 400, not the login page); every other request must be refused (403 or 404; anonymous
visitors go to the login page). Requests that change data run inside a savepoint rolled back
afterwards, so one case never sees another's changes."""

import os
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.redirects.forms import ConfirmImportManagementForm
from wagtail.contrib.redirects.utils import get_file_storage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, ReferenceIndex

from bureaus.access_policy import GROUP_KINDS, IN_VIEW_PERMISSIONS, POLICY, ROLES, allowed
from bureaus.roles import audit_groups
from bureaus.roles import classify as group_roles
from content.news.models import NewsPage
from content.specials.models import CampaignSpecialPage
from tests.authz_catalogue import ALLOWLIST, classify
from tests.authz_world import CENTRAL_KINDS, NONE_KINDS, World
from tests.authz_world import pdf_bytes as world_pdf
from tests.authz_world import png_bytes as world_png

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"
# Parameter names Wagtail gives an object's id in its URL patterns.
ID_PARAMS = {"page_id", "parent_page_id", "page_to_move_id", "pk", "image_id", "document_id", "doc_id"}
ID_PARAMS |= {"redirect_id", "collection_id", "page_pk", "workflow_pk"}
DEFAULTS = {"content_type_app_name": "content", "content_type_model_name": "behaviournoticepage"}
DEFAULTS |= {"app_label": "content", "model_name": "behaviournoticepage", "app_name": "taggit"}


def admin_patterns():
    """(route, name, parameter names, pattern) of every URL under admin/."""

    def walk(resolver, prefix, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                ns = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
                yield from walk(entry, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
                params = tuple(getattr(entry.pattern, "converters", {}) or entry.pattern.regex.groupindex)
                yield prefix + str(entry.pattern), name, params

    return [row for row in walk(get_resolver(), "", None) if row[0].startswith("admin/")]


PATTERNS = admin_patterns()

# Bulk actions: (app_label, model_name, action) → (policy action, object kind).
BULK = {
    ("wagtailcore", "page", "delete"): ("page.delete", "page"),
    ("wagtailcore", "page", "move"): ("page.move", "page"),
    ("wagtailcore", "page", "publish"): ("page.publish", "page"),
    ("wagtailcore", "page", "unpublish"): ("page.unpublish", "page"),
    ("wagtailimages", "image", "delete"): ("image.delete", "image"),
    ("wagtailimages", "image", "add_to_collection"): ("image.edit", "image"),
    ("wagtailimages", "image", "add_tags"): ("image.edit", "image"),
    ("wagtaildocs", "document", "delete"): ("document.delete", "document"),
    ("wagtaildocs", "document", "add_to_collection"): ("document.edit", "document"),
    ("wagtaildocs", "document", "add_tags"): ("document.edit", "document"),
    ("auth", "user", "delete"): ("users.admin", "user"),
    ("auth", "user", "assign_role"): ("users.admin", "user"),
    ("auth", "user", "set_active_state"): ("users.admin", "user"),
    ("portal", "district", "delete"): ("snippet.district", "district"),
    ("content", "mechanism", "delete"): ("snippet.mechanism", "mechanism"),
    ("portal_search", "synonym", "delete"): ("search.synonyms", "synonym"),
}


def registered_bulk_actions():
    return {
        (app, model, action_type)
        for app, models in bulk_action_registry.actions.items()
        for model, actions in models.items()
        for action_type in actions
    }


def scopes_for(role, kind):
    if kind in NONE_KINDS:
        return ["none"]
    if kind in CENTRAL_KINDS:
        return ["other"]
    return ["own"] if role in ("anonymous", "superuser") else ["own", "other"]


def build_cases():
    """(area, role, scope, method, name, route, params, action, kind) for every classified URL."""
    cases = []
    for route, name, params in PATTERNS:
        if name in ALLOWLIST:
            continue
        spec = classify(name)
        if spec is None or spec[0] == "bulk":
            continue
        action, kind, methods = spec
        for role in ROLES:
            for scope in scopes_for(role, kind):
                for method in methods:
                    cases.append((action.split(".")[0], role, scope, method, name, route, params, action, kind))
    return cases


CASES = build_cases()
AREAS = sorted({case[0] for case in CASES})


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The matrix's objects, made once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        built = World()
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def client_for(world, role):
    client = Client(HTTP_HOST="localhost")
    client.raise_request_exception = False
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def url_for(world, name, params, kind, role, scope):
    args, values = world.args(kind, role, scope)
    if args:
        return reverse(name, args=args)
    kwargs = {}
    for param in params:
        if param in values:
            kwargs[param] = values[param]
        elif param in ID_PARAMS or param == "task_id":
            kwargs[param] = values["id"]
        elif param in DEFAULTS:
            kwargs[param] = DEFAULTS[param]
        else:
            kwargs[param] = values[param]  # KeyError: the builder misses a parameter
    if name.endswith(("_chooser:chosen", "choosers_portal_district:chosen", "choosers_content_mechanism:chosen")):
        kwargs = {key: str(value) for key, value in kwargs.items()}
    return reverse(name, kwargs=kwargs)


def request(client, method, url, data=None):
    """One request inside a savepoint that is rolled back: nothing it changes survives."""
    with transaction.atomic():
        response = client.post(url, data or {}) if method == "P" else client.get(url)
        transaction.set_rollback(True)
    return response


def in_use(obj):
    """Whether Wagtail refuses to delete `obj` because something still needs it: a protected
    reference (an ad artwork's image, a task's mechanism, a work's placements), or, for a
    collection, what it holds."""
    if obj is None:
        return False
    if isinstance(obj, Collection):
        return obj.get_children().exists() or any(
            model.objects.filter(collection=obj).exists() for model in (get_image_model(), get_document_model())
        )
    return ReferenceIndex.get_grouped_references_to(obj).is_protected


def verdict(response, role, is_allowed, method, target=None, name=""):
    """None when the answer matches the policy, else what is wrong.

    An allowed request must reach its view: a GET answers 2xx or 3xx; a POST (sent with what the
    admin's own form sends, see post_data) answers with its form and errors (200) or does what was
    asked and redirects (3xx). The one refusal that is not about the person: deleting an object
    still in use, which Wagtail answers 403 and the site answers 409 where Wagtail would crash; it
    is accepted only when the object really is in use. Any 5xx is a crash and always fails."""
    status = response.status_code
    location = response.get("Location", "")
    if role == "anonymous":
        if status == 302 and location.startswith(LOGIN):
            return None
        return f"anonymous got {status} {location}"
    if is_allowed:
        if status >= 500:
            return f"allowed but crashed with {status}"
        deletes = name.endswith((":delete", ":delete_multiple", "pages:action"))
        if method == "P" and status in (403, 409) and deletes and in_use(target):
            return None
        if status >= 400 or location.startswith(LOGIN):
            return f"allowed but got {status} {location}"
        return None
    if status in (403, 404):
        return None
    return f"refused by the policy but got {status} {location}"


def post_data(world, name, url):
    """What the admin's own form sends to `name`, for the few views that cannot take an empty POST
    (Wagtail reads these fields without checking they are there)."""
    if name == "wagtailadmin_pages:copy":
        page = Page.objects.get(pk=int(url.rstrip("/").split("/")[-2]))
        return {"new_title": f"{page.title} 副本", "new_slug": "matrix-copy", "new_parent_page": page.get_parent().pk}
    if name in ("wagtailimages:add_multiple", "wagtaildocs:add_multiple"):
        upload = ("matrix.png", world_png()) if name.startswith("wagtailimages") else ("matrix.pdf", world_pdf())
        return {"files[]": SimpleUploadedFile(*upload)}
    if name == "wagtailredirects:process_import":
        storage = get_file_storage()()
        storage.save(b"from,to\n/matrix-import,https://example.cn/\n")
        signer = ConfirmImportManagementForm().signer
        return {
            "import_file_name": signer.sign(storage.name),
            "input_format": signer.sign("0"),
            "from_index": 0,
            "to_index": 1,
        }
    return None


RESULTS = []


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("area", AREAS)
def test_admin_urls_answer_as_the_policy_says(world, area, role):
    client = client_for(world, role)
    failures = []
    for case_area, case_role, scope, method, name, _route, params, action, kind in CASES:
        if case_area != area or case_role != role:
            continue
        url = url_for(world, name, params, kind, role, scope)
        is_allowed = role != "anonymous" and allowed(role, scope, action)
        if name == "wagtailadmin_workflows:task_chooser_create":
            url += "?create_model=wagtailcore.groupapprovaltask"  # as the chooser's create tab posts
        data = post_data(world, name, url) if method == "P" else None
        response = request(client, method, url, data)
        problem = verdict(response, role, is_allowed, method, world.target(kind, role, scope), name)
        RESULTS.append((role, scope, method, name, action, is_allowed, response.status_code, problem or ""))
        if problem:
            failures.append(
                f"{role} × {'GET' if method == 'G' else 'POST'} {url} ({name}, {action}, {scope}): {problem}"
            )
    assert not failures, "\n".join(failures)


def test_every_admin_url_has_a_policy_action():
    unknown = sorted({str(name) for _route, name, _params in PATTERNS if name not in ALLOWLIST and not classify(name)})
    assert not unknown, f"admin URLs with no policy action (add them to tests/authz_catalogue.py): {unknown}"
    actions = {classify(name)[0] for _r, name, _p in PATTERNS if name not in ALLOWLIST} - {"bulk"}
    assert actions <= set(POLICY), f"actions missing from bureaus/access_policy.py: {actions - set(POLICY)}"
    from wagtail.contrib.settings.registry import registry

    # Each settings model's URLs are the catalogue's "settings.edit": only the site identity so far.
    assert [model._meta.label for model in registry] == ["portal.SiteIdentity"], "map a new settings model's URLs"
    unmapped = registered_bulk_actions() - set(BULK)
    assert not unmapped, f"bulk actions with no policy action: {sorted(unmapped)}"


def test_the_matrix_is_not_empty_and_covers_every_role():
    assert len(PATTERNS) > 250
    per_role = defaultdict(int)
    for case in CASES:
        per_role[case[1]] += 1
    assert set(per_role) == set(ROLES)
    assert min(per_role.values()) > 200


def test_every_group_is_a_role_the_matrix_proves(world):
    # Every group that exists (the demo's, the sync's, Wagtail's) is a kind of the policy and holds
    # exactly what that kind is granted: no group publishes, none holds rights on the root or home page.
    assert audit_groups() == []
    roles = group_roles()
    kinds = {role.kind for role in roles.values()}
    assert kinds == set(GROUP_KINDS), f"kinds with no group in the demo: {set(GROUP_KINDS) - kinds}"
    # The matrix's member of each role is in a group of that role (and of no other group).
    for role_name, user in world.users.items():
        if role_name == "superuser":
            continue
        groups = list(user.groups.all())
        assert [roles[g.pk].matrix_role for g in groups] == [role_name], (role_name, groups)
    # Kinds that share a role differ only in what a view accepts, never in which admin URL answers.
    for role_name in {kind["role"] for kind in GROUP_KINDS.values()}:
        grants = [kind for kind in GROUP_KINDS.values() if kind["role"] == role_name]
        for part in ("models", "pages", "media"):
            common = frozenset.intersection(*(kind[part] for kind in grants))
            differing = set().union(*(kind[part] for kind in grants)) - common
            assert differing <= IN_VIEW_PERMISSIONS, (role_name, part, differing)


def test_a_group_the_policy_does_not_grant_fails_the_matrix(world):
    """The check above has teeth: Wagtail's stock "Moderators" recreated by hand, and a publish
    right slipped into a bureau group, are both reported."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Page

    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    own = world.bureau["own"]
    with transaction.atomic():
        moderators, root = Group.objects.create(name="Moderators"), Page.get_first_root_node()
        GroupPagePermission.objects.create(group=moderators, page=root, permission=publish)
        GroupPagePermission.objects.create(group=own.editors_group, page=own, permission=publish)
        problems = audit_groups()
        transaction.set_rollback(True)
    assert sorted(problem.split("'")[1] for problem in problems) == ["Moderators", own.editors_group.name]
    assert f"group 'Moderators' is no role of the policy (it holds: publish_page on page {root.pk})" in problems
    assert f"group '{own.editors_group.name}' (bureau_editor) holds pages the policy does not grant: " in "".join(
        problems
    )


@pytest.fixture(scope="module", autouse=True)
def dump_results():
    yield
    path = os.environ.get("MATRIX_REPORT")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            for row in RESULTS:
                out.write("\t".join(str(v) for v in row) + "\n")


__all__ = ["get_user_model"]


# Every bureau content type goes through the same page URLs; the matrix above proves them on an
# exposure notice. The types added since (创建动态 news, 专题 specials) are proven here too: adding
# one under a bureau, opening and saving its editor, for every role on its own and another bureau.
BUREAU_PAGE_TYPES = {
    "newspage": (NewsPage, {"summary": "摘要", "body": "<p>正文</p>"}),
    "campaignspecialpage": (CampaignSpecialPage, {"intro": "介绍"}),
}


def _draft_of(model_name, bureau, owner):
    model, fields = BUREAU_PAGE_TYPES[model_name]
    page = model(title=f"矩阵测试{model_name}", slug=f"matrix-{model_name}", live=False, **fields)
    bureau.add_child(instance=page)
    page.save_revision(user=owner)
    return page


@pytest.mark.parametrize("model_name", list(BUREAU_PAGE_TYPES))
@pytest.mark.parametrize("role", ROLES)
def test_new_bureau_page_types_answer_as_the_policy_says(world, role, model_name):
    client = client_for(world, role)
    failures = []
    with transaction.atomic():
        pages = {
            scope: _draft_of(model_name, bureau, world.bystander if scope == "own" else None)
            for scope, bureau in world.bureau.items()
        }
        scopes = ["other"] if role == "final_reviewer" else scopes_for(role, "page")
        for scope in scopes:
            add = reverse("wagtailadmin_pages:add", args=("content", model_name, world.bureau[scope].pk))
            edit = reverse("wagtailadmin_pages:edit", args=(pages[scope].pk,))
            for action, url in (("page.add", add), ("page.edit", edit)):
                is_allowed = role != "anonymous" and allowed(role, scope, action)
                for method in ("G", "P"):
                    response = request(client, method, url)
                    problem = verdict(response, role, is_allowed, method)
                    if problem:
                        failures.append(f"{role} × {method} {url} ({action}, {scope}): {problem}")
        transaction.set_rollback(True)
    assert not failures, "\n".join(failures)
