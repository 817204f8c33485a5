"""Addresses of portal/sharing: included by portal/urls.py before Wagtail's pages."""

from django.urls import path

from portal.sharing import feeds, sitemap, views


def section_rss(request, section):
    # A new feed object per request: the feed keeps the request for its absolute addresses.
    return feeds.SectionRssFeed()(request, section=section)


def section_atom(request, section):
    return feeds.SectionAtomFeed()(request, section=section)


def messages_rss(request):
    return feeds.AnsweredMessagesRssFeed()(request)


def messages_atom(request):
    return feeds.AnsweredMessagesAtomFeed()(request)


urlpatterns = [
    path("sitemap.xml", sitemap.sitemap_xml, name="sitemap_xml"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("wangzhanditu/", sitemap.site_map, name="site_map"),
    path("fenxiang/<int:page_id>/erweima.svg", views.page_qr_svg, name="page_qr_svg"),
    # Before the sections' pattern, which would take "liuyan" for a section.
    path("dingyue/liuyan/rss.xml", messages_rss, name="messages_feed_rss"),
    path("dingyue/liuyan/atom.xml", messages_atom, name="messages_feed_atom"),
    path("dingyue/<slug:section>/rss.xml", section_rss, name="section_feed_rss"),
    path("dingyue/<slug:section>/atom.xml", section_atom, name="section_feed_atom"),
]
