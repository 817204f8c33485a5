from django.urls import path

from interaction import views

app_name = "messages"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("<int:pk>/", views.message_detail, name="detail"),
    path("xie/", views.message_form, name="form"),
    path("huizhi/", views.message_receipt, name="receipt"),
    path("chaxun/", views.message_status, name="status"),
]
