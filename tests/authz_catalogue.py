"""Every admin URL name → the policy action it performs, the object that fills it, and its methods.

Used by tests/test_authorisation_matrix.py. `kind` names a builder in tests/authz_world.py that
returns the URL's arguments for a role and scope ("own" / "other": see bureaus/access_policy.py).
Methods: "G" is checked with GET, "P" with POST (a view that changes data), "GP" with both."""

# URLs that name no object and are the same for every signed-in user: the dashboard, one's own
# account, sign-in/out, static assets. Each is still requested: anonymous visitors are sent to
# the login page by all but the sign-in ones.
ALLOWLIST = {
    "wagtailadmin_home": "The dashboard: its panels list only what the user may act on.",
    "wagtailadmin_account": "One's own account settings.",
    "wagtailadmin_logout": "Signing out.",
    "wagtailadmin_login": "Signing in (public by design).",
    "second_factor_verify": "One's own second-factor code: it acts on the signed-in user's own device only.",
    "second_factor_enrol": "Setting up one's own authenticator app (bureaus/second_factor_views.py).",
    "wagtailadmin_password_reset": "Public by design; mails only the account's owner.",
    "wagtailadmin_password_reset_done": "Static message.",
    "wagtailadmin_password_reset_confirm": "Needs the mailed token.",
    "wagtailadmin_password_reset_complete": "Static message.",
    "wagtailadmin_javascript_catalog": "Translations for the admin's scripts.",
    "wagtailadmin_sprite": "The admin's icons.",
    "portal_editor_guide": "The editor guide (帮助 → 编辑手册): the same text for every signed-in user.",
    "wagtailadmin_dismissibles": "The user's own dismissed hints.",
    "wagtailadmin_error_test": "Raises an error on purpose (Wagtail's 500 page test).",
    "wagtailadmin_choose_page_external_link": "A link form: no data.",
    "wagtailadmin_choose_page_email_link": "A link form: no data.",
    "wagtailadmin_choose_page_phone_link": "A link form: no data.",
    "wagtailadmin_choose_page_anchor_link": "A link form: no data.",
    "wagtailadmin_editing_sessions:release": "Deletes only the requesting user's own session (filtered by user).",
    "wagtailadmin_api:pages:find": "Redirects to the detail URL of ?id=, which is checked.",
    "wagtailadmin_api:images:find": "As pages:find.",
    "wagtailadmin_api:documents:find": "As pages:find.",
    "wagtailadmin_block_preview": "Renders a block definition from the request: no stored data.",
    "wagtailadmin_pages:revisions_index": "Redirects to pages:history, which is checked.",
    None: "Unnamed: admin/test404/ and the admin's catch-all 404.",
}

URLS = {
    # --- one's account (bureaus/second_factor_views.py) ---
    "second_factor_reset": ("users.admin", "user", "GP"),
    # --- pages ---
    "wagtailadmin_explore_root": ("page.search", "none", "G"),
    "wagtailadmin_explore": ("page.explore", "page", "G"),
    "wagtailadmin_explore_results": ("page.explore", "page", "G"),
    "wagtailadmin_pages:add": ("page.add", "page_add", "GP"),
    "wagtailadmin_pages:preview_on_add": ("page.add", "page_add", "GP"),
    "wagtailadmin_pages:add_subpage": ("page.add", "bureau", "G"),
    "wagtailadmin_pages:choose_parent": ("page.choose_parent", "page_type_create", "G"),
    "wagtailadmin_pages:type_use": ("page.type_use", "page_type", "G"),
    "wagtailadmin_pages:type_use_results": ("page.type_use", "page_type", "G"),
    "wagtailadmin_pages:usage": ("page.usage", "page", "G"),
    "wagtailadmin_pages:edit": ("page.edit", "page", "GP"),
    "wagtailadmin_pages:preview_on_edit": ("page.preview", "page", "GP"),
    "wagtailadmin_pages:view_draft": ("page.preview", "page", "G"),
    "wagtailadmin_pages:delete": ("page.delete", "page", "GP"),
    "wagtailadmin_pages:unpublish": ("page.unpublish", "page", "GP"),
    "wagtailadmin_pages:convert_alias": ("page.convert_alias", "alias", "GP"),
    "wagtailadmin_pages:search": ("page.search", "none", "G"),
    "wagtailadmin_pages:search_results": ("page.search", "none", "G"),
    "wagtailadmin_pages:move": ("page.move", "page", "G"),
    "wagtailadmin_pages:move_confirm": ("page.move", "page_move", "GP"),
    "wagtailadmin_pages:set_page_position": ("page.reorder", "page", "P"),
    "wagtailadmin_pages:copy": ("page.copy", "page", "GP"),
    "wagtailadmin_pages:workflow_action": ("page.workflow.approve", "workflow_action", "GP"),
    "workflow_action_returning_where_allowed": ("page.workflow.approve", "workflow_action", "GP"),
    "wagtailadmin_pages:collect_workflow_action_data": ("page.workflow.approve", "workflow_action", "G"),
    "wagtailadmin_pages:confirm_workflow_cancellation": ("page.workflow.cancel", "workflow_page", "G"),
    "wagtailadmin_pages:workflow_preview": ("page.workflow.preview", "workflow_preview", "G"),
    "wagtailadmin_pages:set_privacy": ("page.privacy", "page", "GP"),
    "wagtailadmin_pages:lock": ("page.lock", "page", "P"),
    "wagtailadmin_pages:unlock": ("page.unlock", "locked_page", "P"),
    "wagtailadmin_pages:revisions_view": ("page.revisions", "revision", "G"),
    "wagtailadmin_pages:revisions_revert": ("page.revert", "revision", "G"),
    "wagtailadmin_pages:revisions_unschedule": ("page.unschedule", "revision", "GP"),
    "wagtailadmin_pages:revisions_compare": ("page.compare", "compare", "G"),
    "wagtailadmin_pages:workflow_history": ("page.workflow.history", "workflow_page", "G"),
    "wagtailadmin_pages:workflow_history_detail": ("page.workflow.history", "workflow_state", "G"),
    "wagtailadmin_pages:history": ("page.history", "page", "G"),
    "wagtailadmin_pages:history_results": ("page.history", "page", "G"),
    "wagtailadmin_choose_page": ("page.choose", "none", "G"),
    "wagtailadmin_choose_page_child": ("page.choose", "none_page", "G"),
    "wagtailadmin_choose_page_search": ("page.choose", "none", "G"),
    "wagtailadmin_choose_page_chosen_multiple": ("page.choose", "none", "G"),
    "wagtailadmin_editing_sessions:ping": ("page.edit", "session_ping", "P"),
    "wagtailadmin_api:pages:listing": ("page.api.listing", "none", "G"),
    "wagtailadmin_api:pages:detail": ("page.api", "page", "G"),
    "wagtailadmin_api:pages:action": ("page.api.action", "page_api_action", "P"),
    "wagtail_bulk_action": ("bulk", "bulk", "GP"),  # expanded per action in the test
    # --- images and documents ---
    "wagtailadmin_api:images:listing": ("image.api", "none", "G"),
    "wagtailadmin_api:images:detail": ("image.api", "image", "G"),
    "wagtailimages:index": ("image.list", "none", "G"),
    "wagtailimages:index_results": ("image.list", "none", "G"),
    "wagtailimages:add": ("image.add", "none", "GP"),
    "wagtailimages:add_multiple": ("image.add", "none", "GP"),
    "wagtailimages:edit": ("image.edit", "image", "GP"),
    "wagtailimages:edit_multiple": ("image.edit", "image", "P"),
    "wagtailimages:url_generator": ("image.url_generator", "image", "G"),
    "wagtailimages:url_generator_output": ("image.url_generator", "image", "G"),
    "wagtailimages:preview": ("image.edit", "image_preview", "G"),
    "wagtailimages:image_usage": ("image.edit", "image", "G"),
    "wagtailimages:delete": ("image.delete", "image", "GP"),
    "wagtailimages:delete_multiple": ("image.delete", "image", "P"),
    "wagtailimages:create_multiple_from_uploaded_image": ("image.upload", "image_upload", "P"),
    "wagtailimages:delete_upload_multiple": ("image.upload", "image_upload", "P"),
    "wagtailimages_chooser:choose": ("image.list", "none", "G"),
    "wagtailimages_chooser:choose_results": ("image.list", "none", "G"),
    "wagtailimages_chooser:chosen": ("image.choose", "image_str", "G"),
    "wagtailimages_chooser:chosen_multiple": ("image.list", "none", "G"),
    "wagtailimages_chooser:create": ("image.add", "none", "GP"),
    "wagtailimages_chooser:select_format": ("image.choose", "image", "G"),
    "wagtailadmin_api:documents:listing": ("document.api", "none", "G"),
    "wagtailadmin_api:documents:detail": ("document.api", "document", "G"),
    "wagtaildocs:index": ("document.list", "none", "G"),
    "wagtaildocs:index_results": ("document.list", "none", "G"),
    "wagtaildocs:add": ("document.add", "none", "GP"),
    "wagtaildocs:add_multiple": ("document.add", "none", "GP"),
    "wagtaildocs:edit": ("document.edit", "document", "GP"),
    "wagtaildocs:edit_multiple": ("document.edit", "document", "P"),
    "wagtaildocs:document_usage": ("document.edit", "document", "G"),
    "wagtaildocs:delete": ("document.delete", "document", "GP"),
    "wagtaildocs:delete_multiple": ("document.delete", "document", "P"),
    "wagtaildocs:create_multiple_from_uploaded_document": ("document.upload", "document_upload", "P"),
    "wagtaildocs:delete_upload_multiple": ("document.upload", "document_upload", "P"),
    "wagtaildocs_chooser:choose": ("document.list", "none", "G"),
    "wagtaildocs_chooser:choose_results": ("document.list", "none", "G"),
    "wagtaildocs_chooser:chosen": ("document.choose", "document_str", "G"),
    "wagtaildocs_chooser:chosen_multiple": ("document.list", "none", "G"),
    "wagtaildocs_chooser:create": ("document.add", "none", "GP"),
    "wagtailadmin_collections:index": ("collection.admin", "none", "G"),
    "wagtailadmin_collections:add": ("collection.admin", "none", "GP"),
    "wagtailadmin_collections:edit": ("collection.admin", "collection", "GP"),
    "wagtailadmin_collections:delete": ("collection.admin", "collection", "GP"),
    "wagtailadmin_collections:set_privacy": ("collection.admin", "collection", "GP"),
    # --- protected photos ---
    "protected_photos:index": ("photo.list", "none", "G"),
    "protected_photos:index_results": ("photo.list", "none", "G"),
    "protected_photos:add": ("photo.add", "none", "GP"),
    "protected_photos:edit": ("photo.edit", "photo", "GP"),
    "protected_photos:delete": ("photo.delete", "photo", "GP"),
    "protected_photos:history": ("photo.edit", "photo", "G"),
    "protected_photos:history_results": ("photo.edit", "photo", "G"),
    "protected_photos:usage": ("photo.edit", "photo", "G"),
    "protected_photos:review": ("photo.review", "photo", "GP"),
    "protected_photos:original": ("photo.original", "photo", "G"),
    "protected_photo_chooser:choose": ("photo.list", "none", "G"),
    "protected_photo_chooser:choose_results": ("photo.list", "none", "G"),
    "protected_photo_chooser:chosen": ("photo.edit", "photo_str", "G"),
    "protected_photo_chooser:chosen_multiple": ("photo.list", "none", "G"),
    "protected_photo_chooser:create": ("photo.add", "none", "GP"),
    # --- public-service ad admin ---
    "ad_filing_export": ("placement.export", "none", "G"),
    "ad_reports:photo": ("report.view", "report", "G"),
    # --- 随手拍 reports (content/snapshots/admin.py) ---
    "snapshots:index": ("snapshot.list", "none", "G"),
    "snapshots:detail": ("snapshot.view", "snapshot", "G"),
    "snapshots:photo": ("snapshot.view", "snapshot_photo", "G"),
    "snapshots:action": ("snapshot.act", "snapshot", "P"),
    # --- honour rolls (content/honours/admin.py): 市文明办 终审 and superusers import ---
    "honours:import": ("honour.import", "none", "GP"),
    "honours:template": ("honour.import", "none", "G"),
    # --- nominations (content/nominations/admin.py): holders of the nomination permissions only ---
    "nominations:index": ("nomination.list", "none", "G"),
    "nominations:export": ("nomination.list", "none", "G"),
    "nominations:detail": ("nomination.view", "nomination", "G"),
    "nominations:photo": ("nomination.view", "nomination_photo", "G"),
    "nominations:action": ("nomination.act", "nomination", "P"),
    "nominations:review_objection": ("nomination.objection", "nomination_objection", "P"),
    # --- citizens' messages (interaction/admin.py) ---
    "messages_admin:index": ("message.list", "none", "G"),
    "messages_admin:detail": ("message.view", "message", "G"),
    "messages_admin:photo": ("message.view", "message_photo", "G"),
    "messages_admin:reply": ("message.reply", "message", "P"),
    "messages_admin:review": ("message.approve", "message", "P"),
    "messages_admin:reroute": ("message.reroute", "message", "P"),
    "messages_admin:publish": ("message.publish", "message", "P"),
    # --- handbooks ---
    "handbook_quiz_results": ("handbook.quiz", "none", "G"),
    "handbook_quiz_results_results": ("handbook.quiz", "none", "G"),
    "handbook_quiz_results_page": ("handbook.quiz.page", "handbook", "G"),
    "handbook_quiz_results_page_results": ("handbook.quiz.page", "handbook", "G"),
    # --- workflows and tasks ---
    "wagtailadmin_workflows:index": ("workflow.admin", "none", "G"),
    "wagtailadmin_workflows:index_results": ("workflow.admin", "none", "G"),
    "wagtailadmin_workflows:add": ("workflow.admin", "none", "GP"),
    "wagtailadmin_workflows:enable": ("workflow.admin", "workflow", "P"),
    "wagtailadmin_workflows:disable": ("workflow.admin", "workflow", "GP"),
    "wagtailadmin_workflows:edit": ("workflow.admin", "workflow", "GP"),
    "wagtailadmin_workflows:usage": ("workflow.admin", "workflow", "G"),
    "wagtailadmin_workflows:usage_results": ("workflow.admin", "workflow", "G"),
    "wagtailadmin_workflows:remove": ("workflow.admin", "workflow_remove", "P"),
    "wagtailadmin_workflows:add_task": ("task.admin", "task_type", "GP"),
    "wagtailadmin_workflows:select_task_type": ("task.admin", "none", "G"),
    "wagtailadmin_workflows:task_index": ("task.admin", "none", "G"),
    "wagtailadmin_workflows:task_index_results": ("task.admin", "none", "G"),
    "wagtailadmin_workflows:edit_task": ("task.admin", "task", "GP"),
    "wagtailadmin_workflows:disable_task": ("task.admin", "task", "GP"),
    "wagtailadmin_workflows:enable_task": ("task.admin", "task", "P"),
    "wagtailadmin_workflows:task_chooser": ("task.admin", "none", "G"),
    "wagtailadmin_workflows:task_chooser_results": ("task.admin", "none", "G"),
    "wagtailadmin_workflows:task_chooser_create": ("task.admin", "none", "GP"),
    "wagtailadmin_workflows:task_chosen": ("task.admin", "task_chosen", "G"),
    # --- reports ---
    "wagtailadmin_reports:locked_pages": ("reports.locked_pages", "none", "G"),
    "wagtailadmin_reports:locked_pages_results": ("reports.locked_pages", "none", "G"),
    "wagtailadmin_reports:workflow": ("reports.workflow", "none", "G"),
    "wagtailadmin_reports:workflow_results": ("reports.workflow", "none", "G"),
    "wagtailadmin_reports:workflow_tasks": ("reports.workflow", "none", "G"),
    "wagtailadmin_reports:workflow_tasks_results": ("reports.workflow", "none", "G"),
    "wagtailadmin_reports:site_history": ("reports.site_history", "none", "G"),
    "wagtailadmin_reports:site_history_results": ("reports.site_history", "none", "G"),
    "wagtailadmin_reports:aging_pages": ("reports.aging_pages", "none", "G"),
    "wagtailadmin_reports:aging_pages_results": ("reports.aging_pages", "none", "G"),
    "wagtailadmin_reports:page_types_usage": ("reports.page_types", "none", "G"),
    "wagtailadmin_reports:page_types_usage_results": ("reports.page_types", "none", "G"),
    # --- central administration ---
    "wagtailredirects:index": ("redirects.admin", "none", "G"),
    "wagtailredirects:index_results": ("redirects.admin", "none", "G"),
    "wagtailredirects:add": ("redirects.admin", "none", "GP"),
    "wagtailredirects:edit": ("redirects.admin", "redirect", "GP"),
    "wagtailredirects:delete": ("redirects.admin", "redirect", "GP"),
    "wagtailredirects:start_import": ("redirects.admin", "none", "GP"),
    "wagtailredirects:process_import": ("redirects.admin", "none", "P"),
    # The one settings model, the site identity and footer (portal/identity.py): central.
    "wagtailsettings:edit": ("settings.edit", "settings", "GP"),
    "wagtailsettings:preview_on_edit": ("settings.preview", "settings", "GP"),
    "wagtailsnippets:index": ("snippet.index", "none", "G"),
    # --- search (search/wagtail_hooks.py; Wagtail's editors' picks) ---
    "search_report": ("search.report", "none", "G"),
    "wagtailsearchpromotions:index": ("searchpicks.admin", "none", "G"),
    "wagtailsearchpromotions:index_results": ("searchpicks.admin", "none", "G"),
    "wagtailsearchpromotions:add": ("searchpicks.admin", "none", "GP"),
    "wagtailsearchpromotions:edit": ("searchpicks.admin", "searchpick", "GP"),
    "wagtailsearchpromotions:delete": ("searchpicks.admin", "searchpick", "GP"),
    "wagtailsearchpromotions:chooser": ("searchpicks.chooser", "none", "G"),
    "wagtailsearchpromotions:chooserresults": ("searchpicks.chooser", "none", "G"),
    "wagtailsearchpromotions:search_terms": ("search.report", "none", "G"),
    "wagtailsearchpromotions:search_terms_results": ("search.report", "none", "G"),
    "wagtailadmin_tag_autocomplete": ("tags.autocomplete", "none", "G"),
    "wagtailadmin_tag_model_autocomplete": ("tags.autocomplete", "tag_model", "G"),
}

# Model viewsets: every URL of the viewset maps to "<prefix>.<verb>"; kind is the viewset's object.
VIEWSET_VERBS = {
    "index": ("list", "none", "G"),
    "index_results": ("list", "none", "G"),
    "list": ("list", "none", "G"),
    "list_results": ("list", "none", "G"),
    "add": ("add", "none", "GP"),
    "edit": ("edit", "obj", "GP"),
    "delete": ("delete", "obj", "GP"),
    "copy": ("add", "obj", "GP"),
    "history": ("view", "obj", "G"),
    "history_results": ("view", "obj", "G"),
    "usage": ("view", "obj", "G"),
    "inspect": ("view", "obj", "G"),
    # snippet choosers
    "choose": ("list", "none", "G"),
    "choose_results": ("list", "none", "G"),
    "chosen": ("view", "obj_str", "G"),
    "chosen_multiple": ("list", "none", "G"),
    "create": ("add", "none", "GP"),
}
# namespace → (object kind, {verb: action}); a verb missing from the map uses "<prefix>.<verb>".
VIEWSETS = {
    "ad_placements": ("placement", "placement"),
    "ad_inspections": ("inspection", "inspection"),
    "ad_update_tasks": ("updatetask", "updatetask"),
    "ad_reports": ("report", "report"),
    "behaviour_types": ("behaviourtype", "behaviourtype"),
    "wagtailsnippets_portal_district": ("district", "snippet.district"),
    "wagtailsnippetchoosers_portal_district": ("district", "snippet.choose"),
    "wagtailsnippets_content_mechanism": ("mechanism", "snippet.mechanism"),
    "wagtailsnippetchoosers_content_mechanism": ("mechanism", "snippet.choose"),
    "wagtailsnippets_portal_search_synonym": ("synonym", "search.synonyms"),
    "wagtailsnippetchoosers_portal_search_synonym": ("synonym", "snippet.choose"),
    "wagtailsites": ("site", "sites.admin"),
    "wagtailusers_users": ("user", "users.admin"),
    "wagtailusers_groups": ("group", "groups.admin"),
}
# Central models: one action for every verb. Citizens' reports: add and edit are "report.edit".
WHOLE_ACTION = {
    "snippet.choose",
    "snippet.district",
    "snippet.mechanism",
    "search.synonyms",
    "sites.admin",
    "users.admin",
    "groups.admin",
}
VERB_OVERRIDES = {
    # Creating from a snippet chooser needs the add permission, which only superusers hold (as the snippets).
    ("snippet.choose", "create"): "snippet.district",
    ("report", "add"): "report.edit",
    ("report", "history"): "report.edit",
    ("report", "history_results"): "report.edit",
    ("report", "usage"): "report.edit",
    ("report", "delete"): "report.edit",
    ("behaviourtype", "list"): "behaviourtype.edit",
    ("behaviourtype", "add"): "behaviourtype.edit",
    ("behaviourtype", "view"): "behaviourtype.edit",
    ("behaviourtype", "delete"): "behaviourtype.edit",
}


def classify(name):
    """(action, kind, methods) for a URL name, or None when the catalogue does not know it."""
    if name in URLS:
        return URLS[name]
    if not name or ":" not in name:
        return None
    namespace, verb = name.split(":", 1)
    if namespace not in VIEWSETS or verb not in VIEWSET_VERBS:
        return None
    kind, prefix = VIEWSETS[namespace]
    action_verb, obj, methods = VIEWSET_VERBS[verb]
    kind = {"obj": kind, "obj_str": f"{kind}_str", "none": "none"}[obj]
    if (prefix, verb) in VERB_OVERRIDES:
        return VERB_OVERRIDES[prefix, verb], kind, methods
    if prefix in WHOLE_ACTION:
        return prefix, kind, methods
    action = VERB_OVERRIDES.get((prefix, verb)) or VERB_OVERRIDES.get((prefix, action_verb), f"{prefix}.{action_verb}")
    return action, kind, methods
