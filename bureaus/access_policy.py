"""Who may do what in the admin: the authorisation policy as data.

A rule is (action, {role: scopes}, why). `allowed(role, scope, action)` is True only when a rule
grants it: anything not written here is refused. The scope says whose object it is:

- "own": an object of the role's area: for a bureau group, its bureau's pages, media and ad rows;
  for the civilization office's final reviewers, a page waiting at their (final) workflow step.
- "other": the same kind of object outside that area (another bureau's; a page not waiting for them).
- "none": a URL that names no object (a listing, an "add" form, a report).

tests/test_authorisation_matrix.py walks every admin URL the project exposes, maps it to one of
these actions, and checks each role against own and other objects: an allowed request must
succeed and any other must be refused (403/404; anonymous visitors go to the login page). A new
admin URL without an action fails that test. See docs/authorisation.md.

Roles are held through groups. `GROUP_KINDS` (at the end) says which kinds of group exist, which
role each plays and exactly which permissions it holds; the same test fails for a group of no
kind or one holding anything else, so what the matrix proves for one member of a role holds for
every member of every group (bureaus/roles.py recognises the kinds; docs/roles.md)."""

ROLES = (
    "anonymous",
    "editor",
    "reviewer",
    "final_reviewer",
    "nomination_reviewer",
    "nomination_intake",
    "superuser",
)
SCOPES = ("own", "other", "none")

OWN = frozenset({"own"})
NONE = frozenset({"none"})
OWN_OR_NONE = frozenset({"own", "none"})
ANY = frozenset(SCOPES)
BUREAU = {"editor": OWN, "reviewer": OWN, "superuser": ANY}
BUREAU_LISTS = {"editor": NONE, "reviewer": NONE, "superuser": NONE}
SUPERUSER = {"superuser": ANY}
NOBODY = {}
# Roles whose groups hold admin access and no page, media or ad rights: the final reviewers (who
# reach pages through the workflow) and the nomination reviewers.
WITHOUT_BUREAU = ("final_reviewer", "nomination_reviewer", "nomination_intake")
SIGNED_IN_LISTS = {**BUREAU_LISTS, **dict.fromkeys(WITHOUT_BUREAU, NONE)}
NOMINATIONS = ("nomination_reviewer", "nomination_intake", "superuser")

RULES = [
    # --- Pages (Wagtail page permissions on the bureau's subtree, bureaus/access.py) ---
    ("page.explore", BUREAU, "Editors browse their own bureau's subtree only; another's is a 403."),
    ("page.search", BUREAU_LISTS, "Admin search lists only pages the user may edit."),
    ("page.api.listing", SIGNED_IN_LISTS, "Lists only pages one may explore (none: empty)."),
    ("page.choose_parent", SIGNED_IN_LISTS, "Lists only parents one may add under."),
    ("page.choose", SIGNED_IN_LISTS, "Linking to any page is harmless; titles are public."),
    (
        "page.view_edit",
        {**BUREAU, "final_reviewer": OWN},
        "The editor form; final reviewers open it for the page waiting for their decision.",
    ),
    (
        "page.edit",
        {**BUREAU, "final_reviewer": OWN},
        "Saving a draft: a task's reviewers may correct what they review.",
    ),
    ("page.add", BUREAU, "Bureau groups create pages under their own bureau (as drafts)."),
    ("page.preview", {**BUREAU, "final_reviewer": OWN}, "Previewing what one may edit or must review."),
    ("page.publish", SUPERUSER, "Only the workflow publishes (its last approval); no group holds publish."),
    ("page.unpublish", SUPERUSER, "Taking a page down needs publish permission, which no group holds."),
    ("page.unschedule", SUPERUSER, "Cancelling a scheduled publication needs publish permission."),
    ("page.delete", SUPERUSER, "Live pages are deleted centrally (Wagtail lets an owner drop an unpublished draft)."),
    ("page.move", SUPERUSER, "Moving needs publish permission on both ends."),
    ("page.reorder", SUPERUSER, "Reordering siblings needs publish permission on the parent."),
    (
        "page.copy",
        {**BUREAU, "final_reviewer": OWN},
        "Copying is editing (Wagtail: can_copy = can_edit); the copy needs a parent one may add to.",
    ),
    ("page.convert_alias", BUREAU, "An alias in one's own bureau becomes an ordinary page: nothing new goes live."),
    ("page.privacy", SUPERUSER, "View restrictions need publish permission: who may read a page is central."),
    (
        "page.lock",
        {"reviewer": OWN, "final_reviewer": OWN, "superuser": ANY},
        "Reviewers lock pages of their own bureau; a task's reviewers lock the page they review.",
    ),
    ("page.unlock", {"reviewer": OWN, "superuser": ANY}, "Reviewers of the bureau; a task's reviewers lock only."),
    ("page.revisions", BUREAU, "Old revisions of one's own pages."),
    (
        "page.revert",
        {**BUREAU, "final_reviewer": OWN},
        "Reverting loads an old revision into the editor: saving it is a draft.",
    ),
    ("page.compare", BUREAU, "Comparing revisions of one's own pages."),
    ("page.history", BUREAU, "The log of one's own pages."),
    ("page.usage", {**BUREAU, "final_reviewer": OWN}, "Where one's own page is referenced."),
    ("page.type_use", BUREAU_LISTS, "Pages of a type: the listing shows only pages one may edit."),
    (
        "page.workflow.approve",
        {"reviewer": OWN, "final_reviewer": OWN, "superuser": ANY},
        "Step 1 by the bureau's reviewers, the final step by 市文明办 终审; never one's own submission.",
    ),
    (
        "page.workflow.cancel",
        {**BUREAU, "final_reviewer": OWN},
        "Whoever may edit the page may withdraw it from review.",
    ),
    (
        "page.workflow.preview",
        {"reviewer": OWN, "final_reviewer": OWN, "superuser": ANY},
        "The reviewer's preview of the revision under review.",
    ),
    ("page.workflow.history", {**BUREAU, "final_reviewer": OWN}, "The review history of one's own pages."),
    ("page.api", BUREAU, "The explorer's API: pages one may explore."),
    ("page.api.action", SUPERUSER, "API actions (delete, publish, move, …) need the matching page permission."),
    # --- Images and documents (bureau collections: add, change, choose; no delete) ---
    ("image.list", BUREAU_LISTS, "Listings and choosers show own-collection images only."),
    ("image.add", BUREAU_LISTS, "Upload into the bureau's collection."),
    ("image.edit", BUREAU, "Change own collection's images."),
    ("image.choose", BUREAU, "Choose own collection's images in a page form."),
    ("image.delete", SUPERUSER, "Wagtail's change includes delete; bureaus/admin_access.py refuses it to groups."),
    ("image.url_generator", NOBODY, "The dynamic image URL generator is not configured: 404 for all."),
    ("image.api", SUPERUSER, "The admin API lists every collection; the admin UI does not use it."),
    ("document.api", SUPERUSER, "As image.api."),
    (
        "image.upload",
        {"editor": OWN, "reviewer": OWN, "superuser": OWN},
        "An upload is its uploader's, who may add images.",
    ),
    ("document.list", BUREAU_LISTS, "As images."),
    ("document.add", BUREAU_LISTS, "As images."),
    ("document.edit", BUREAU, "As images."),
    ("document.choose", BUREAU, "As images."),
    ("document.delete", SUPERUSER, "As images."),
    ("document.upload", {"editor": OWN, "reviewer": OWN, "superuser": OWN}, "As images."),
    ("collection.admin", SUPERUSER, "Collections carry the bureaus' permissions: central."),
    # --- Protected photos (content/photos/admin.py, BureauScopedPolicy) ---
    ("photo.list", BUREAU_LISTS, "Own bureau's photos only."),
    ("photo.add", BUREAU_LISTS, "Upload for one's own bureau."),
    ("photo.edit", BUREAU, "Title and blur review of own bureau's photos."),
    ("photo.review", BUREAU, "Confirm blur regions of own bureau's photos."),
    ("photo.original", BUREAU, "The private original, to its bureau only."),
    ("photo.delete", SUPERUSER, "No group may delete: notices may show the photo."),
    # --- Public-service ad admin (content/ads/admin, BureauScopedPolicy) ---
    ("placement.list", BUREAU_LISTS, "Own bureau's placements only."),
    ("placement.add", BUREAU_LISTS, "For one of one's own bureaus."),
    ("placement.edit", BUREAU, "Own bureau's placements."),
    ("placement.view", BUREAU, "Inspect, history and usage of own bureau's placements."),
    ("placement.delete", SUPERUSER, "Nobody in a bureau group deletes (records for the filing)."),
    ("placement.export", BUREAU_LISTS, "Quarterly filing: own bureaus only; superusers any or all."),
    ("placement.export.bureau", BUREAU, "The filing of a named bureau."),
    ("inspection.list", BUREAU_LISTS, "Own bureau's inspections."),
    ("inspection.add", BUREAU_LISTS, "Inspecting own bureau's placements."),
    ("inspection.edit", BUREAU, "Own bureau's inspections."),
    ("inspection.view", BUREAU, "Own bureau's inspections."),
    ("inspection.delete", SUPERUSER, "No deleting in bureau groups."),
    ("updatetask.list", BUREAU_LISTS, "Own bureau's update tasks."),
    ("updatetask.add", SUPERUSER, "Tasks are opened by inspections and citizens' reports, not by hand."),
    ("updatetask.edit", BUREAU, "Closing own bureau's tasks."),
    ("updatetask.view", BUREAU, "Own bureau's tasks."),
    ("updatetask.delete", SUPERUSER, "No deleting in bureau groups."),
    ("report.list", BUREAU_LISTS, "Own bureau's citizen reports."),
    ("report.view", BUREAU, "Own bureau's reports and their photos."),
    ("report.edit", NOBODY, "Citizens' reports are evidence: read-only for everyone, superusers too."),
    # --- 随手拍 reports (content/snapshots/admin.py): by bureau membership, no model permission ---
    # 市文明办's members see every bureau's reports and reroute them (content/snapshots/triage.py;
    # tests/snapshots/test_snapshots_triage.py): the matrix's bureau is 市公安局, so "other" is refused.
    ("snapshot.list", BUREAU_LISTS, "The reports routed to one's own bureau (all of them for 市文明办)."),
    ("snapshot.view", BUREAU, "A report of one's own bureau, its map point and its private photos."),
    (
        "snapshot.act",
        BUREAU,
        "Triage of one's own bureau's reports; the view accepts only the actions the report's status allows.",
    ),
    # --- Nominations (content/nominations/admin.py) ---
    # Nominations are reviewed by their own groups (推荐评审 …, "<区县> 属地初审": content.view_nomination
    # and a permission per stage), not by the bureau groups: no bureau role sees nominees' or
    # nominators' data. A district reviewer's "own" nominations are those of their district; the
    # city-wide roles read every district's (the matrix's nomination_reviewer is 五华区's).
    (
        "nomination.list",
        dict.fromkeys(NOMINATIONS, NONE),
        "The list and its export, of the nominations one may read: nomination reviewers only.",
    ),
    (
        "nomination.view",
        {"nomination_reviewer": OWN, "nomination_intake": ANY, "superuser": ANY},
        "A nomination and its photos: a district reviewer, their own district's only.",
    ),
    (
        "nomination.act",
        {"nomination_reviewer": OWN, "nomination_intake": ANY, "superuser": ANY},
        "Posting a stage change: the view then accepts only the action of the reviewer's own stage "
        "(and district), which tests/nominations/test_nominations_review.py and test_nominations_districts.py prove.",
    ),
    (
        "nomination.objection",
        {"nomination_intake": ANY, "superuser": ANY},
        "Objections raised in the public evaluation are reviewed at intake (受理).",
    ),
    # --- Citizens' messages (interaction/admin.py, interaction/access.py) ---
    # "own" is a message routed to the role's bureau; 市文明办 终审 reads every bureau's messages
    # (without the sender's details) and is the one who reroutes.
    (
        "message.list",
        {**BUREAU_LISTS, "final_reviewer": NONE},
        "The list shows the messages of one's own bureaus; 市文明办 终审 and superusers see every bureau's.",
    ),
    (
        "message.view",
        {**BUREAU, "final_reviewer": ANY},
        "A message and its photos: its bureau (with the sender's details), the office (without them).",
    ),
    ("message.reply", BUREAU, "The responsible bureau's editors and reviewers write the reply."),
    (
        "message.approve",
        {"reviewer": OWN, "superuser": ANY},
        "The bureau's reviewers approve or return a reply, never their own (interaction/actions.py).",
    ),
    ("message.reroute", {"final_reviewer": ANY, "superuser": ANY}, "The civilization office reroutes a message."),
    (
        "message.publish",
        {"reviewer": OWN, "final_reviewer": ANY, "superuser": ANY},
        "Publishing an answered message the sender agreed to publish: the bureau's reviewers or the office.",
    ),
    # --- Honour rolls (content/honours/admin.py) ---
    (
        "honour.import",
        {"final_reviewer": NONE, "superuser": NONE},
        "Importing the 文明单位/家庭/校园/村镇 rolls is the civilization office's: 市文明办 终审 and superusers.",
    ),
    # --- Handbook quiz results (content/handbooks/admin.py) ---
    ("handbook.quiz", BUREAU_LISTS, "Results of the editions one may edit."),
    ("handbook.quiz.page", BUREAU, "One edition's results, for those who may edit it."),
    # --- Reports ---
    ("reports.locked_pages", {"reviewer": NONE, "superuser": NONE}, "Needs lock or unlock permission somewhere."),
    ("reports.workflow", BUREAU_LISTS, "Wagtail filters review states to pages the user may edit."),
    (
        "reports.site_history",
        SIGNED_IN_LISTS,
        "Log entries filtered to what the user may see.",
    ),
    ("reports.aging_pages", BUREAU_LISTS, "Wagtail filters to pages the user may edit."),
    (
        "reports.page_types",
        BUREAU_LISTS,
        "Site-wide counts per type (Wagtail); its last-edited column may name another bureau's page.",
    ),
    # --- Central administration ---
    ("behaviourtype.edit", SUPERUSER, "Reference data: no bureau group holds its model permissions."),
    ("snippet.district", SUPERUSER, "Reference data edited by the civilization office."),
    ("snippet.mechanism", SUPERUSER, "Reference data from the directive."),
    # --- Search (search/wagtail_hooks.py, docs/search.md) ---
    (
        "search.synonyms",
        SUPERUSER,
        "Synonyms change what every citizen finds: the civilization office's administrators.",
    ),
    ("search.report", SUPERUSER, "What citizens searched, across every bureau (no personal data)."),
    ("searchpicks.admin", SUPERUSER, "Editors' picks answer site-wide queries: as synonyms."),
    (
        "searchpicks.chooser",
        SIGNED_IN_LISTS,
        "Wagtail's query chooser lists the promoted queries only (the portal records no per-day hits).",
    ),
    (
        "snippet.choose",
        dict.fromkeys(ROLES[1:], ANY),
        "Choosers of public reference data (districts, mechanisms) used by editing forms.",
    ),
    ("snippet.index", SUPERUSER, "The snippet menu lists models one has permissions on: none for groups."),
    ("workflow.admin", SUPERUSER, "Workflows are kept by the bureau sync and administrators."),
    ("task.admin", SUPERUSER, "As workflows."),
    ("users.admin", SUPERUSER, "Accounts are central."),
    ("groups.admin", SUPERUSER, "Groups carry the permissions: central."),
    ("sites.admin", SUPERUSER, "Site configuration is central."),
    ("redirects.admin", SUPERUSER, "Redirects act on the whole site."),
    ("settings.edit", SUPERUSER, "Site settings (the site identity and footer) are central."),
    ("settings.preview", NOBODY, "The site identity has no preview: 404 for all, refused to groups first."),
    ("tags.autocomplete", SIGNED_IN_LISTS, "Tag names only; used by any editing form."),
]

POLICY = {action: (grants, why) for action, grants, why in RULES}

# --- Groups: every group is one kind of role and holds exactly these permissions --------------
# Model permissions are "app_label.codename". A bureau group's page permissions are held on its
# own bureau's page and its collection permissions on the bureau's collection, nowhere else; no
# kind holds a site permission. So no group may publish (nothing goes live but through the
# workflow's last approval), and none holds anything on the root or home page.
ACCESS_ADMIN = frozenset({"wagtailadmin.access_admin"})
# The ad admin and protected photos (rows limited to the user's own bureaus by the admin's policy).
BUREAU_MODELS = ACCESS_ADMIN | {
    "content.add_adplacement",
    "content.change_adplacement",
    "content.view_adplacement",
    "content.add_adinspection",
    "content.change_adinspection",
    "content.view_adinspection",
    "content.change_adupdatetask",
    "content.view_adupdatetask",
    "content.view_adproblemreport",
    "content.add_protectedphoto",
    "content.change_protectedphoto",
    "content.view_protectedphoto",
}
BUREAU_MEDIA = frozenset(
    {
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    }
)
NOMINATION_MODELS = ACCESS_ADMIN | {"content.view_nomination"}


def _kind(role, models, pages=(), media=frozenset()):
    return {"role": role, "models": frozenset(models), "pages": frozenset(pages), "media": media}


GROUP_KINDS = {
    "bureau_editor": _kind("editor", BUREAU_MODELS, {"add_page", "change_page"}, BUREAU_MEDIA),
    "bureau_reviewer": _kind(
        "reviewer", BUREAU_MODELS, {"add_page", "change_page", "lock_page", "unlock_page"}, BUREAU_MEDIA
    ),
    "final_reviewer": _kind("final_reviewer", ACCESS_ADMIN),
    "district_reviewer": _kind("nomination_reviewer", NOMINATION_MODELS | {"content.district_review_nomination"}),
    "nomination_intake": _kind("nomination_intake", NOMINATION_MODELS | {"content.screen_nomination"}),
    "nomination_coordinator": _kind("nomination_reviewer", NOMINATION_MODELS | {"content.district_review_nomination"}),
    "nomination_expert": _kind("nomination_reviewer", NOMINATION_MODELS | {"content.score_nomination"}),
    "nomination_decision": _kind("nomination_reviewer", NOMINATION_MODELS | {"content.decide_nomination"}),
    "nomination_personal_data": _kind("nomination_reviewer", NOMINATION_MODELS | {"content.view_nominator"}),
}
# Permissions a view checks on the action posted or the data it shows, never on whether an admin
# URL answers (content/nominations/admin.py; proven by tests/test_nominations_*.py): kinds of one
# role may differ only in these, so the matrix's member of the role stands for all of them.
IN_VIEW_PERMISSIONS = frozenset(
    {
        "content.district_review_nomination",
        "content.score_nomination",
        "content.decide_nomination",
        "content.view_nominator",
    }
)


def allowed(role, scope, action):
    """Whether `role` may do `action` on an object of `scope`. Unknown actions are refused."""
    if role not in ROLES or scope not in SCOPES:
        raise ValueError(f"unknown role or scope: {role!r}, {scope!r}")
    grants, _why = POLICY[action]
    return scope in grants.get(role, frozenset())


def table():
    """(action, role, scope, allowed) for every combination: for docs and reviews."""
    return [
        (action, role, scope, allowed(role, scope, action)) for action in POLICY for role in ROLES for scope in SCOPES
    ]
