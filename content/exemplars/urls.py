"""Likes (点赞) of exemplars, under /haoren/dianzan/ (see content/exemplars/likes.py)."""

from django.urls import path

from content.exemplars import likes

urlpatterns = [
    path("<int:page_id>/", likes.like_exemplar, name="exemplar_like"),
]
