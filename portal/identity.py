"""The government-site identity in every page's footer (网站标识与页脚), edited in the admin's
settings: 主办/承办单位, 网站标识码, ICP备案号, 公安机关备案号 with its link, 联系我们 and the 无障碍 entry.

The formats are the ones the registration authorities issue, checked on the field with a message
that shows a correct example. The footer reads the values through `footer_identity()`, which keeps
them in the shared page-cache store: a page costs no query for them (every page has a query
budget, tests/portal/test_query_counts.py). A save empties that copy at once and again at commit,
and, being a save of a `portal` model, also purges the stored pages (portal/page_cache/purge.py).
"""

import re

from django.conf import settings
from django.core.cache import caches
from django.core.validators import RegexValidator
from django.db import DatabaseError, models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from core.safety.model_check import ContentSafetyMixin

CACHE_KEY = "site-identity:v1"
# Kept until a save empties it; the timeout only bounds a copy a lost delete left behind.
CACHE_SECONDS = 24 * 3600

# The one-character abbreviations the ICP and public-security filings start with (滇 is Yunnan).
PROVINCES = "京津沪渝冀豫云滇辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵黔粤青藏川蜀宁琼"

site_code_validator = RegexValidator(
    r"^[0-9A-Za-z]{10}$",
    _("The site identifier (网站标识码) is 10 letters or digits, for example 5301000001."),
)
icp_validator = RegexValidator(
    rf"^[{PROVINCES}]ICP备\d{{6,10}}号(-\d{{1,3}})?$",
    _("Write the ICP filing number as issued, for example 滇ICP备12345678号 or 滇ICP备12345678号-1."),
)
police_validator = RegexValidator(
    rf"^[{PROVINCES}]公网安备 ?\d{{14}}号$",
    _("Write the public-security filing number as issued, for example 滇公网安备 53010202000123号 (14 digits)."),
)
police_link_validator = RegexValidator(
    r"^https://([a-z0-9-]+\.)*gov\.cn(/\S*)?$",
    _("The link to the filing must be an https:// address on a gov.cn site, for example https://beian.mps.gov.cn/."),
)
phone_validator = RegexValidator(
    r"^[0-9][0-9 ()（）-]{5,18}[0-9]$",
    _("Write the telephone number with its area code, for example 0871-12345678."),
)
link_validator = RegexValidator(
    r"^(/\S*|#[\w-]+|https://\S+)$",
    _("Write an address on this site starting with / (for example /wuzhangai/) or an https:// address."),
)

ICP_LOOKUP_URL = "https://beian.miit.gov.cn/"
POLICE_LOOKUP_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"


@register_setting(icon="site")
class SiteIdentity(ContentSafetyMixin, BaseGenericSetting):
    host_unit = models.CharField(_("hosted by (主办单位)"), max_length=100)
    organiser_unit = models.CharField(_("organised by (承办单位)"), max_length=100, blank=True)
    site_code = models.CharField(
        _("site identifier (网站标识码)"), max_length=10, blank=True, validators=[site_code_validator]
    )
    icp_number = models.CharField(
        _("ICP filing number (ICP备案号)"),
        max_length=40,
        blank=True,
        validators=[icp_validator],
        help_text=_("Linked to the ministry's filing look-up, beian.miit.gov.cn."),
    )
    police_number = models.CharField(
        _("public-security filing number (公安机关备案号)"), max_length=40, blank=True, validators=[police_validator]
    )
    police_link = models.CharField(
        _("link of the public-security filing"),
        max_length=300,
        blank=True,
        validators=[police_link_validator],
        help_text=_("Leave empty to link the national look-up of this number (beian.mps.gov.cn)."),
    )
    contact_phone = models.CharField(_("telephone"), max_length=20, blank=True, validators=[phone_validator])
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_address = models.CharField(_("postal address"), max_length=200, blank=True)
    accessibility_link = models.CharField(
        _("accessibility (无障碍) entry"),
        max_length=300,
        blank=True,
        validators=[link_validator],
        help_text=_(
            "Leave empty to link the accessibility notes of the site map page (elder mode, type size, keyboard use)."
        ),
    )

    panels = [
        MultiFieldPanel([FieldPanel("host_unit"), FieldPanel("organiser_unit")], _("Units")),
        MultiFieldPanel(
            [FieldPanel("site_code"), FieldPanel("icp_number"), FieldPanel("police_number"), FieldPanel("police_link")],
            _("Registrations"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_phone"), FieldPanel("contact_email"), FieldPanel("contact_address")], _("Contact us")
        ),
        FieldPanel("accessibility_link"),
    ]

    class Meta:
        verbose_name = _("site identity and footer")
        verbose_name_plural = _("site identity and footer")

    def clean(self):
        # Filing numbers are often pasted with stray spaces; the official form has one, after 公网安备.
        self.site_code = self.site_code.strip()
        self.icp_number = re.sub(r"\s+", "", self.icp_number)
        self.police_number = re.sub(r"公网安备\s*", "公网安备 ", re.sub(r"\s+", "", self.police_number))
        super().clean()

    def footer_values(self):
        """What the footer shows: plain values, so that they can be kept in the cache."""
        digits = re.sub(r"\D", "", self.police_number)
        return {
            "host_unit": self.host_unit,
            "organiser_unit": self.organiser_unit,
            "site_code": self.site_code,
            "icp_number": self.icp_number,
            "icp_link": ICP_LOOKUP_URL,
            "police_number": self.police_number,
            "police_link": self.police_link or (POLICE_LOOKUP_URL.format(code=digits) if digits else ""),
            "contact_phone": self.contact_phone,
            "contact_email": self.contact_email,
            "contact_address": self.contact_address,
            "accessibility_link": self.accessibility_link,
        }


def _store():
    # The page cache's store, shared by every process of the site (never a per-process memory
    # cache, or a save in the admin would reach only the process that served it).
    return caches[settings.PAGE_CACHE_ALIAS]


def footer_identity():
    """The footer's values: from the shared store, else one query (None when never set up)."""
    store = _store()
    values = store.get(CACHE_KEY)
    if values is None:
        try:
            identity = SiteIdentity.objects.order_by("pk").first()
        except DatabaseError:
            # The busy page's footer while the database is away (portal/database_busy.py): the
            # page without the identity, rather than the plain fallback page.
            return None
        # An empty dict marks "not set up", so a site without one does not ask on every page.
        values = identity.footer_values() if identity is not None else {}
        store.set(CACHE_KEY, values, CACHE_SECONDS)
    return values or None


def forget_identity(**kwargs):
    # Now, for this request and the tests; at commit, since a page rendered by another request
    # in between could have stored the old values again.
    _store().delete(CACHE_KEY)
    transaction.on_commit(lambda: _store().delete(CACHE_KEY))


post_save.connect(forget_identity, sender=SiteIdentity, dispatch_uid="site_identity_saved")
post_delete.connect(forget_identity, sender=SiteIdentity, dispatch_uid="site_identity_deleted")
