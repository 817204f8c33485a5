"""Editor panels shared by the page types bureaus create (BureauOwnedPage and AdPlanPage).

The slug sits on the content tab right under the title, where editors look for it, rather than
on Wagtail's Promote tab; the Promote tab keeps the rest of Wagtail's default fields."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel

SLUG_HELP = _(
    "The page's name in its web address. It is filled in from the title: a Chinese title becomes "
    "pinyin when you save (李建国 → li-jianguo), with -2, -3 … added if a page beside it has the "
    "same. You may type your own with lower-case letters, digits and hyphens."
)

TITLE_AND_SLUG_PANELS = [TitleFieldPanel("title"), FieldPanel("slug", help_text=SLUG_HELP)]

PROMOTE_PANELS = [
    MultiFieldPanel([FieldPanel("seo_title"), FieldPanel("search_description")], _("For search engines")),
    MultiFieldPanel([FieldPanel("show_in_menus")], _("For site menus")),
]
