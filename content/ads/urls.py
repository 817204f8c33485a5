"""Public URLs of ad placements (the QR code on the street opens these).

Codes are printed in capitals; a code typed in lower case is redirected to the capitalised URL."""

from django.urls import re_path

from content.ads import views as placements

CODE = r"(?P<code>[0-9A-Za-z]{4,12})"

urlpatterns = [
    re_path(rf"^{CODE}/$", placements.ad_placement, name="ad_placement"),
    re_path(rf"^{CODE}/qr\.png$", placements.ad_placement_qr_png, name="ad_placement_qr_png"),
    re_path(rf"^{CODE}/qr\.svg$", placements.ad_placement_qr_svg, name="ad_placement_qr_svg"),
]
