"""Public 随手拍 URLs, included at /suishoupai/ (portal/urls.py)."""

from django.urls import path

from content.snapshots import views

urlpatterns = [
    path("", views.report_form, name="snapshot_form"),
    path(views.RECEIPT_ROUTE, views.report_receipt, name="snapshot_receipt"),
    path("status/", views.report_status, name="snapshot_status"),
]
