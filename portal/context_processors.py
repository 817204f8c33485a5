from django.conf import settings

from portal.preferences import FONT_SIZES, read_preferences


def site_shell(request):
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "font_sizes": FONT_SIZES,
        **read_preferences(request),
    }
