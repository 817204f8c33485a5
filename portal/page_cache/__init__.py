"""The page cache: whole public pages kept for anonymous visitors and purged when content changes.

- `middleware.PageCacheMiddleware` serves and stores pages (docs/page-cache.md has the rules).
- `purge.purge_all()` empties it; `purge.connect()` ties it to publishing and content saves.
- `csrf` lets forms on cached pages get their token without the page varying per visitor.
"""
