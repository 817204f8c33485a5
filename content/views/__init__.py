"""Public views that are not Wagtail pages."""
