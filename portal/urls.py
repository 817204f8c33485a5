from django.conf import settings
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from bureaus import review_views
from portal import health, views
from portal.page_cache import csrf as page_csrf
from search import views as search_views

urlpatterns = [
    # Before Wagtail's own admin URLs, which this one overrides (same address, bureaus/review_views.py).
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        review_views.workflow_action,
        name="workflow_action_returning_where_allowed",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz/", health.healthz, name="healthz"),
    path("api/v1/", include("portal.api.urls")),
    path("csrf/", page_csrf.csrf_token, name="csrf_token"),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("sousuo/", search_views.legacy_search, name="legacy_search"),
    path("gongyi/dianwei/", include("content.ads.urls")),
    path("haoren/dianzan/", include("content.exemplars.urls")),
    path("liuyan/", include("interaction.urls")),
    path("suishoupai/", include("content.snapshots.urls")),
    path("xianshi/", views.set_display_preferences, name="display_preferences"),
    path("yuyan/", set_language, name="set_language"),
    # sitemap.xml, robots.txt, favicon.ico, 网站地图, share QR codes, section feeds (docs/sharing.md).
    path("", include("portal.sharing.urls")),
]

# Uploaded files from Django itself only where no web server is in front: the development server
# (DEBUG) and the browser tests' server (SERVE_MEDIA: DEBUG is off there so that visitors' error
# pages are tested as served, and the screenshots need the images). nginx serves /media/ in
# production (docs/production.md).
if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    from django.views.static import serve as serve_media

    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT})
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
