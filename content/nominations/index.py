"""The 我要推荐 section page (/tuijian/) and the nomination routes under it."""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from content.nominations import publicity as publicity_views
from content.nominations import views
from content.sections import SectionIndexPage


class NominationIndexPage(RoutablePageMixin, SectionIndexPage):
    """/tuijian/: the nomination form; huizhi/ (the receipt), status/ (by tracking code) and gongshi/
    (public evaluation).
    The views are in content/nominations/views.py."""

    nav_label = _("Nominate")

    class Meta:
        verbose_name = _("nominations page")

    @path("")
    def nomination_form(self, request):
        return views.nomination_form(request, self)

    @path("huizhi/")
    def nomination_receipt(self, request):
        return views.nomination_receipt(request, self)

    @path("status/")
    def nomination_status(self, request):
        return views.nomination_status(request, self)

    @path("gongshi/")
    def publicity(self, request):
        return publicity_views.publicity_list(request, self)

    @path("gongshi/<int:pk>/dianzan/")
    def publicity_like(self, request, pk):
        return publicity_views.like(request, self, pk)

    @path("gongshi/<int:pk>/yiyi/")
    def publicity_objection(self, request, pk):
        return publicity_views.objection(request, self, pk)

    @path("gongshi/zhaopian/<int:pk>/")
    def publicity_photo(self, request, pk):
        return publicity_views.photo(request, self, pk)
