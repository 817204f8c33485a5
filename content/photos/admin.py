"""Admin for protected photos (upload, blur-region review, private original).

A bureau's editors see and choose only their bureau's photos (BureauScopedPolicy). The original
is never a file URL: the `original` view streams it to permitted editors with `no-store`.
See docs/photo-privacy.md."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.log_actions import log

from bureaus.admin_scoping import BureauScopedPolicy, BureauScopedViewSet
from content.photos.admin_forms import AddRegionForm, PhotoEditForm, PhotoUploadForm, RemoveRegionsForm
from content.photos.ingest import store_protected_photo
from content.photos.models import PhotoPurpose, ProtectedPhoto
from content.photos.review import add_region, mark_reviewed, remove_regions
from core.admin_display import LocalDateTimeColumn
from core.uploads import private_photo_response

policy = BureauScopedPolicy(ProtectedPhoto)


def scoped_photo(request, pk, action="view"):
    """The photo if the user may `action` it; 404 for another bureau's photo (its existence is private too)."""
    if not policy.user_has_permission(request.user, action):
        raise PermissionDenied
    return get_object_or_404(policy.scope(request.user, ProtectedPhoto.objects.all()), pk=pk)


def store_from_form(form, user):
    data = form.cleaned_data
    photo = store_protected_photo(
        data["file"], purpose=data["purpose"], title=data["title"], bureau=data["bureau"], uploaded_by=user
    )
    log(instance=photo, action="wagtail.create", user=user, content_changed=True)
    return photo


def original_view(request, pk):
    """The private original, to editors of the photo's bureau only; never cached anywhere."""
    photo = scoped_photo(request, pk)
    return private_photo_response(photo.original, content_type="image/jpeg")


class PhotoCreateView(CreateView):
    def save_instance(self):
        return store_from_form(self.form, self.request.user)

    def get_success_url(self):
        return reverse("protected_photos:review", args=[self.object.pk])


class PhotoReviewView(WagtailAdminTemplateMixin, TemplateView):
    """The detected and added blur regions over the photo, the public preview, and the review button."""

    template_name = "content/photos/admin/review.html"
    header_icon = "view"

    def get_page_title(self):
        return _("Review blur regions")

    def get_page_subtitle(self):
        return self.photo.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("protected_photos:index"), "label": ProtectedPhoto._meta.verbose_name_plural},
            {"url": "", "label": self.photo.title},
        ]

    def dispatch(self, request, pk):
        action = "change" if request.method == "POST" else "view"
        self.photo = scoped_photo(request, pk, action)
        self.add_form = AddRegionForm(photo=self.photo)
        self.remove_form = RemoveRegionsForm(photo=self.photo)
        return super().dispatch(request, pk)

    def post(self, request, pk):
        action = request.POST.get("action")
        if action == "add":
            self.add_form = AddRegionForm(request.POST, photo=self.photo)
            if self.add_form.is_valid():
                add_region(self.photo, **self.add_form.cleaned_data)
                messages.success(request, _("The region was added and the public photo blurred again."))
                return redirect("protected_photos:review", pk)
        elif action == "remove":
            self.remove_form = RemoveRegionsForm(request.POST, photo=self.photo)
            if self.remove_form.is_valid():
                remove_regions(self.photo, [region.pk for region in self.remove_form.cleaned_data["regions"]])
                messages.success(request, _("The regions were removed and the public photo made again."))
                return redirect("protected_photos:review", pk)
        elif action == "review":
            mark_reviewed(self.photo, request.user)
            messages.success(request, _("The blur regions are reviewed: notices may now show this photo."))
            return redirect("protected_photos:review", pk)
        else:
            return redirect("protected_photos:review", pk)
        messages.error(request, _("The change was not saved: see the messages next to the fields."))
        return self.get(request, pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        photo = self.photo
        renditions = sorted(photo.public_renditions.all(), key=lambda r: r.max_width)
        regions = list(photo.blur_regions.all())
        context.update(
            photo=photo,
            is_exposure=photo.purpose == PhotoPurpose.EXPOSURE,
            original_url=reverse("protected_photos:original", args=[photo.pk]),
            preview=renditions[-1] if renditions else None,
            regions=[(region, _percentages(region, photo)) for region in regions],
            add_form=self.add_form,
            remove_form=self.remove_form,
            can_change=policy.user_has_permission_for_instance(self.request.user, "change", photo),
        )
        return context


def _percentages(region, photo):
    """The region's box in per cent of the photo, for drawing it over a scaled image."""
    if not photo.width or not photo.height:
        return None
    return {
        "left": f"{100 * region.x / photo.width:.3f}",
        "top": f"{100 * region.y / photo.height:.3f}",
        "width": f"{100 * region.width / photo.width:.3f}",
        "height": f"{100 * region.height / photo.height:.3f}",
    }


def _review_state(photo):
    if photo.purpose != PhotoPurpose.EXPOSURE:
        return _("No blur (exemplar photo)")
    return _("Waiting for review") if photo.needs_review else _("Reviewed")


class ProtectedPhotoViewSet(BureauScopedViewSet):
    model = ProtectedPhoto
    icon = "image"
    url_prefix = "protected-photos"
    menu_name = "protected-photos"
    name = "protected_photos"
    menu_label = _("Protected photos")
    add_to_admin_menu = True
    menu_order = 310
    add_view_class = PhotoCreateView
    inspect_view_enabled = False
    list_select_related = ("bureau",)
    ordering = ["-uploaded_at"]
    search_fields = ["title"]
    list_filter = ["purpose"]

    @cached_property
    def list_display(self):
        return [
            "title",
            Column("purpose", label=_("purpose"), accessor="get_purpose_display", sort_key="purpose"),
            Column("review", label=_("Blur regions"), accessor=_review_state),
            Column("bureau", label=_("bureau"), accessor="bureau.title"),
            LocalDateTimeColumn("uploaded_at", label=_("uploaded at"), sort_key="uploaded_at"),
        ]

    @cached_property
    def permission_policy(self):
        return policy

    def get_form_class(self, for_update=False):
        return PhotoEditForm if for_update else PhotoUploadForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/review/", PhotoReviewView.as_view(), name="review"),
            path("<int:pk>/original/", original_view, name="original"),
        ]


# --- The chooser of page FieldPanel("photo") fields ---------------------------------------------


def choosable_photos(user):
    """The photos `user` may pick in a page's photo field: those the chooser lists."""
    if not policy.user_has_permission(user, "view"):
        return ProtectedPhoto.objects.none()
    return policy.scope(user, ProtectedPhoto.objects.all())


class ScopedChooseViewMixin:
    def dispatch(self, request, *args, **kwargs):
        # Wagtail's chooser views need admin access only; the photos need the view permission too.
        if not policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object_list(self):
        return choosable_photos(self.request.user).select_related("bureau")


class PhotoChooseView(ScopedChooseViewMixin, chooser_views.ChooseView):
    pass


class PhotoChooseResultsView(ScopedChooseViewMixin, chooser_views.ChooseResultsView):
    pass


class PhotoChosenView(ScopedChooseViewMixin, chooser_views.ChosenView):
    def get_object(self, pk):
        return policy.scope(self.request.user, ProtectedPhoto.objects.all()).get(pk=pk)


class PhotoChosenMultipleView(ScopedChooseViewMixin, chooser_views.ChosenMultipleView):
    def get_objects(self, pks):
        # Wagtail loads any id it is given: another bureau's photo would be described.
        return policy.scope(self.request.user, ProtectedPhoto.objects.filter(pk__in=pks))


class PhotoChooserCreateView(ScopedChooseViewMixin, chooser_views.CreateView):
    """Upload from inside the chooser: the same form and pipeline as the upload page."""

    def get_creation_form_kwargs(self):
        return {**super().get_creation_form_kwargs(), "for_user": self.request.user}

    def save_form(self, form):
        return store_from_form(form, self.request.user)


class ProtectedPhotoChooserViewSet(ChooserViewSet):
    model = ProtectedPhoto
    icon = "image"
    name = "protected_photo_chooser"
    url_prefix = "protected-photo-chooser"
    choose_one_text = _("Choose a protected photo")
    choose_another_text = _("Choose another photo")
    edit_item_text = _("Review the blur regions")
    create_action_label = _("Upload")
    creation_tab_label = _("Upload")
    creation_form_class = PhotoUploadForm
    permission_policy = policy
    choose_view_class = PhotoChooseView
    choose_results_view_class = PhotoChooseResultsView
    chosen_view_class = PhotoChosenView
    chosen_multiple_view_class = PhotoChosenMultipleView
    create_view_class = PhotoChooserCreateView


@hooks.register("register_admin_viewset")
def register_protected_photo_admin():
    return [ProtectedPhotoViewSet(), ProtectedPhotoChooserViewSet()]
