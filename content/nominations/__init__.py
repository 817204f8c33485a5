"""Public nominations (我推荐身边好人): form, stages, public evaluation, approval, purge. See docs/nominations.md."""
