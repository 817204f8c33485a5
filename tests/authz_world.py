"""The objects of the authorisation matrix: users for every role, each in a real group of that
role, and for two bureaus ("own" is 市公安局, "other" 市城管综合执法局) a page, revisions, media,
photos, ad rows, a handbook edition, and pages waiting at each step of the review workflow.
`World.args(kind, role, scope)` fills a URL's parameters with the object of that scope as seen by
that role."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query as SearchQuery
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site, UploadedFile, WorkflowState

from bureaus.models.bureaus import BureauPage
from bureaus.models.directive import Mechanism
from bureaus.models.districts import District
from bureaus.nomination_reviewers import INTAKE
from bureaus.workflows import final_review_group
from content.ads.models.placements import AdInspection, AdPlacement, AdProblemReport, AdUpdateTask
from content.ads.models.works import PublicServiceAdPage
from content.exposure.models import BehaviourNoticePage, BehaviourType
from content.handbooks.models import EtiquetteHandbookPage
from content.photos.models import ProtectedPhoto
from portal.identity import SiteIdentity
from search.models import Synonym
from tests.factories.snapshots import make_report as make_snapshot_report

OWN_BUREAU, OTHER_BUREAU = "gongan", "chengguan-zhifa"
PASSWORD = "a-long-test-password"

# Kinds whose object belongs to a bureau (tested as own and other); the rest are tested once.
SCOPED_KINDS = {
    "page", "page_add", "bureau", "page_move", "workflow_action", "workflow_page", "workflow_preview",
    "workflow_state", "locked_page", "revision", "compare", "session_ping", "page_api_action", "alias",
    "image", "image_str", "image_preview", "image_upload", "document", "document_str", "document_upload",
    "collection", "photo", "photo_str", "handbook", "placement", "inspection", "updatetask", "report",
    "nomination", "nomination_photo", "nomination_objection", "message", "message_photo", "snapshot",
    "snapshot_photo",
}  # fmt: skip
# Central objects: nobody's "own"; a bureau role always meets them as "other".
CENTRAL_KINDS = {
    "workflow", "workflow_remove", "task", "task_chosen", "task_type", "redirect", "settings",
    "behaviourtype", "district", "district_str", "mechanism", "mechanism_str", "site", "user", "group",
    "synonym", "synonym_str", "searchpick",
}  # fmt: skip
NONE_KINDS = {"none", "none_page", "page_type", "page_type_create", "tag_model"}


def _user(username, groups=(), **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    user.groups.set(groups)
    return user


def _notice(bureau, owner, title):
    page = BehaviourNoticePage(
        title=title,
        behaviour_type=BehaviourType.objects.order_by("pk").first(),
        place="南屏街",
        description="早高峰时段人行道上摆摊设点。",
        owner=owner,
        live=False,
    )
    bureau.add_child(instance=page)
    page.save_revision(user=owner)
    return page


def _placement_rows(bureau, image):
    """A placement, an inspection that opened an update task, and a citizen's report."""
    placement = AdPlacement.objects.filter(bureau=bureau).order_by("pk").first()
    inspection = AdInspection.objects.create(
        placement=placement, inspected_on=datetime.date(2025, 2, 1), inspector="巡查员", result="damaged"
    )
    gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
    gif += b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    report = AdProblemReport.objects.create(
        placement=placement, problem="faded", description="矩阵测试举报", photo=SimpleUploadedFile("r.gif", gif)
    )
    task = AdUpdateTask.objects.filter(bureau=bureau).order_by("pk").first()
    return placement, inspection, task, report


class World:
    def __init__(self):
        own, other = BureauPage.objects.get(slug=OWN_BUREAU), BureauPage.objects.get(slug=OTHER_BUREAU)
        self.bureau = {"own": own, "other": other}
        self.users = {
            "editor": _user("matrix-editor", [own.editors_group]),
            "reviewer": _user("matrix-reviewer", [own.reviewers_group]),
            "final_reviewer": _user("matrix-final", [final_review_group()]),
            # A district's group stands for the nomination groups that differ only in what a
            # view accepts (access_policy.IN_VIEW_PERMISSIONS); intake also reviews objections.
            "nomination_reviewer": _user("matrix-district", [District.objects.get(slug="wuhua").nomination_reviewers]),
            "nomination_intake": _user("matrix-intake", [Group.objects.get(name=INTAKE)]),
            "superuser": _user("matrix-admin", is_superuser=True, is_staff=True),
        }
        own_author = _user("matrix-own-author", [own.editors_group])
        other_author = _user("matrix-other-author", [other.editors_group])
        other_reviewer = _user("matrix-other-reviewer", [other.reviewers_group])
        self.bystander = own_author

        def leaf(bureau):
            return PublicServiceAdPage.objects.child_of(bureau).live().order_by("path").first() or (
                bureau.get_children().live().order_by("path").first().specific
            )

        self.page = {"own": leaf(own), "other": leaf(other)}
        # Waiting for the own bureau's reviewers (step 1) and for 市文明办 终审 (another bureau's page).
        self.step1 = _notice(own, own_author, "矩阵测试:待本局审核")
        self.step1.get_workflow().start(self.step1, own_author)
        self.final = _notice(other, other_author, "矩阵测试:待终审")
        state = self.final.get_workflow().start(self.final, other_author)
        state.current_task_state.approve(user=other_reviewer)
        for page in (self.step1, self.final):
            page.refresh_from_db()

        images, documents = get_image_model().objects, get_document_model().objects
        self.image = {s: images.filter(collection=b.collection).order_by("pk").first() for s, b in self.bureau.items()}
        self.document = {
            s: documents.filter(collection=b.collection).order_by("pk").first() for s, b in self.bureau.items()
        }
        self.photo = {s: ProtectedPhoto.objects.filter(bureau=b).order_by("pk").first() for s, b in self.bureau.items()}
        rows = {s: _placement_rows(b, self.image[s]) for s, b in self.bureau.items()}
        self.placement = {s: r[0] for s, r in rows.items()}
        self.inspection = {s: r[1] for s, r in rows.items()}
        self.updatetask = {s: r[2] or AdUpdateTask.objects.get(inspection=r[1]) for s, r in rows.items()}
        self.report = {s: r[3] for s, r in rows.items()}
        # A 随手拍 report routed to each bureau, with a photo.
        self.snapshot = {s: make_snapshot_report(b) for s, b in self.bureau.items()}
        edition = EtiquetteHandbookPage.objects.live().order_by("path").first()
        self.handbook = {
            "own": edition.copy(to=own, update_attrs={"slug": "matrix-handbook", "edition_number": 99}, keep_live=True),
            "other": edition,
        }
        # An alias of the own page, for convert_alias (it answers 404 for a page that is no alias).
        self.alias = {
            s: self.page[s].create_alias(parent=b, update_slug="matrix-alias") for s, b in self.bureau.items()
        }
        self.uploads = {}
        # What the multiple uploader leaves behind before its form is completed: real files of
        # types the site accepts, so completing the form succeeds where the policy allows it.
        upload_files = {
            get_image_model(): ("matrix.png", png_bytes()),
            get_document_model(): ("matrix.pdf", pdf_bytes()),
        }
        for model, (name, data) in upload_files.items():
            content_type = ContentType.objects.get_for_model(model)
            for role, user in [*self.users.items(), ("bystander", own_author)]:
                self.uploads[model, role] = UploadedFile.objects.create(
                    file=SimpleUploadedFile(name, data), for_content_type=content_type, uploaded_by_user=user
                )
        self.redirect = Redirect.objects.create(old_path="/matrix-old", redirect_link="https://example.cn/")
        self.site = Site.objects.get(is_default_site=True)

    # --- which object a role meets at a scope ---

    def page_for(self, role, scope):
        if role == "final_reviewer":
            return self.final if scope == "own" else self.page["own"]
        return self.page[scope]

    def workflow_page_for(self, role, scope):
        """Own: the page waiting for this role's decision (the final reviewer: the final step)."""
        if role == "final_reviewer":
            return self.final if scope == "own" else self.step1
        return self.step1 if scope == "own" else self.final

    def upload_for(self, model, role, scope):
        if scope == "own" and (model, role) in self.uploads:
            return self.uploads[model, role]
        return self.uploads[model, "bystander"]

    def nomination_object(self, kind, scope):
        """A demo nomination, with a photo and an objection made once for the photo and review URLs:
        "own" is one of the matrix district reviewer's district (五华区), "other" one of another."""
        import io

        from django.core.files.base import ContentFile
        from PIL import Image

        from content.nominations.models import Nomination, NominationObjection, NominationPhoto

        in_wuhua = Nomination.objects.filter(district__slug="wuhua").order_by("pk")
        nomination = (in_wuhua if scope == "own" else Nomination.objects.exclude(district__slug="wuhua")).first()
        if kind == "nomination":
            return nomination
        if kind == "nomination_photo":
            photo = NominationPhoto.objects.filter(nomination=nomination).first()
            if photo is None:
                buffer = io.BytesIO()
                Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "JPEG")
                photo = NominationPhoto(nomination=nomination)
                photo.file.save("matrix.jpg", ContentFile(buffer.getvalue()))
            return photo
        objection = NominationObjection.objects.filter(nomination=nomination).first()
        return objection or NominationObjection.objects.create(nomination=nomination, text="公示期间收到的异议。")

    def message_object(self, kind, scope):
        """A citizen's message routed to the own (市公安局) or the other bureau, with a photo for
        the photo URL; made once."""
        from django.core.files.base import ContentFile

        from interaction.models import Message, MessagePhoto

        code = "MTRXAAA23456" if scope == "own" else "MTRXBBB23456"
        message = Message.objects.filter(tracking_code=code).first() or Message.objects.create(
            tracking_code=code,
            topic="traffic",
            subject="矩阵测试留言",
            text="路口早高峰车辆不礼让行人。",
            bureau=self.bureau[scope],
            received_at=datetime.datetime(2025, 3, 3, 2, 0, tzinfo=datetime.UTC),
            due_on=datetime.date(2025, 3, 17),
            data_consent=True,
        )
        if kind == "message":
            return message
        photo = MessagePhoto.objects.filter(message=message).first()
        if photo is None:
            photo = MessagePhoto(message=message)
            photo.file.save("matrix.png", ContentFile(png_bytes()))
        return photo

    def target(self, kind, role, scope):
        """The object a URL of `kind` acts on, or None for central or list URLs."""
        s = scope if scope in ("own", "other") else "own"
        if kind in ("page", "locked_page", "page_api_action"):
            return self.page_for(role, s)
        if kind in ("image", "image_str", "image_preview"):
            return self.image[s]
        if kind in ("document", "document_str"):
            return self.document[s]
        if kind == "collection":
            return self.bureau[s].collection
        if kind in ("photo", "photo_str"):
            return self.photo[s]
        if kind in ("district", "district_str"):
            return District.objects.order_by("pk").first()
        if kind in ("mechanism", "mechanism_str"):
            return Mechanism.objects.order_by("pk").first()
        if kind == "behaviourtype":
            return BehaviourType.objects.order_by("pk").first()
        if kind in ("synonym", "synonym_str"):
            return self.synonym()
        return None

    @staticmethod
    def synonym():
        return Synonym.objects.get_or_create(term="矩阵测试", defaults={"everyday_terms": "矩阵"})[0]

    @staticmethod
    def search_pick():
        query = SearchQuery.get("矩阵测试")
        SearchPromotion.objects.get_or_create(
            query=query, external_link_url="https://example.cn/", external_link_text="矩阵"
        )
        return query

    def args(self, kind, role, scope):
        """(args, kwargs) for reverse()."""
        s = scope if scope in ("own", "other") else "own"
        page = self.page_for(role, s)
        wf_page = self.workflow_page_for(role, s)
        if kind == "alias":
            return (), {"id": self.alias[s].pk}
        if kind in ("page", "locked_page"):
            return (), {"id": page.pk}
        if kind == "revision":
            return (), {"page_id": page.pk, "revision_id": page.latest_revision_id}
        if kind == "compare":
            return (page.pk, "earliest", str(page.latest_revision_id)), {}
        if kind == "page_move":
            return (), {"page_to_move_id": page.pk, "destination_id": page.get_parent().pk}
        if kind in ("bureau", "page_add"):
            return (), {"parent_page_id": self.bureau[s].pk}
        if kind == "session_ping":
            return (), {"app_label": "wagtailcore", "model_name": "page", "object_id": str(page.pk), "session_id": 0}
        if kind == "page_api_action":
            return (), {"pk": page.pk, "action_name": "delete"}
        if kind in ("workflow_action", "workflow_page", "workflow_preview", "workflow_state"):
            state = WorkflowState.objects.for_instance(wf_page).get(status=WorkflowState.STATUS_IN_PROGRESS)
            return (), {
                "page_id": wf_page.pk,
                "action_name": "approve",
                "task_state_id": state.current_task_state_id,
                "task_id": state.current_task_state.task_id,
                "workflow_state_id": state.pk,
            }
        if kind in ("image", "image_str", "image_preview"):
            return (), {"id": self.image[s].pk, "filter_spec": "original"}
        if kind in ("document", "document_str"):
            return (), {"id": self.document[s].pk}
        if kind == "image_upload":
            return (), {"uploaded_file_id": self.upload_for(get_image_model(), role, s).pk}
        if kind == "document_upload":
            return (), {"uploaded_file_id": self.upload_for(get_document_model(), role, s).pk}
        if kind == "collection":
            return (), {"id": self.bureau[s].collection_id}
        if kind in ("photo", "photo_str"):
            return (), {"id": self.photo[s].pk}
        if kind in ("handbook", "placement", "inspection", "updatetask", "report"):
            return (), {"id": getattr(self, kind)[s].pk}
        if kind.startswith("message"):
            return (), {"pk": self.message_object(kind, s).pk}
        if kind == "snapshot":
            return (), {"pk": self.snapshot[s].pk}
        if kind == "snapshot_photo":
            return (), {"pk": self.snapshot[s].photos.get().pk}
        if kind.startswith("nomination"):
            return (), {"pk": self.nomination_object(kind, s).pk}
        return self.central_args(kind)

    def central_args(self, kind):
        own = self.bureau["own"]
        if kind in ("none", "tag_model"):
            return (), {"app_name": "taggit", "model_name": "tag"}
        if kind == "none_page":
            return (), {"parent_page_id": own.get_parent().pk}
        if kind in ("page_type", "page_type_create"):
            return (), {"app_label": "content", "model_name": "behaviournoticepage"}
        if kind == "workflow":
            return (), {"id": own.review_workflow_id}
        if kind == "workflow_remove":
            return (), {"page_pk": own.pk, "workflow_pk": own.review_workflow_id}
        if kind in ("task", "task_chosen"):
            return (), {"id": own.review_task_id}
        if kind == "task_type":
            return (), {"app_label": "portal", "model_name": "noselfapprovaltask"}
        if kind == "redirect":
            return (), {"id": self.redirect.pk}
        if kind in ("district", "district_str"):
            return (), {"id": District.objects.order_by("pk").first().pk}
        if kind in ("mechanism", "mechanism_str"):
            return (), {"id": Mechanism.objects.order_by("pk").first().pk}
        if kind == "behaviourtype":
            return (), {"id": BehaviourType.objects.order_by("pk").first().pk}
        if kind in ("synonym", "synonym_str"):
            return (), {"pk": self.synonym().pk}
        if kind == "searchpick":
            return (), {"query_id": self.search_pick().pk}
        if kind == "settings":
            identity = SiteIdentity.load()
            return (), {"app_name": "portal", "model_name": "siteidentity", "pk": identity.pk}
        if kind == "site":
            return (), {"id": self.site.pk}
        if kind == "user":
            return (), {"id": self.bystander.pk}
        if kind == "group":
            return (), {"id": self.bureau["own"].editors_group_id}
        raise KeyError(kind)


__all__ = ["CENTRAL_KINDS", "NONE_KINDS", "SCOPED_KINDS", "World"]


def png_bytes():
    output = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(output, format="PNG")
    return output.getvalue()


def pdf_bytes():
    output = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(output, format="PDF")
    return output.getvalue()
