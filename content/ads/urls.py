"""Public URLs of ad placements (the QR code on the street opens these).

Codes are printed in capitals; a code typed in lower case is redirected to the capitalised URL.
The status look-up comes first: its address would otherwise read as a placement code."""

from django.urls import path, re_path

from content.ads import report_status
from content.ads import views as placements

CODE = r"(?P<code>[0-9A-Za-z]{4,12})"

urlpatterns = [
    path("chaxun/", report_status.report_status, name="ad_report_status"),
    re_path(rf"^{CODE}/$", placements.ad_placement, name="ad_placement"),
    re_path(rf"^{CODE}/huizhi/$", report_status.report_receipt, name="ad_report_receipt"),
    re_path(rf"^{CODE}/qr\.png$", placements.ad_placement_qr_png, name="ad_placement_qr_png"),
    re_path(rf"^{CODE}/qr\.svg$", placements.ad_placement_qr_svg, name="ad_placement_qr_svg"),
]
