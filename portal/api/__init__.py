"""The read-only JSON API (/api/v1/) for the WeChat mini-program and other government platforms.

Plain Django views in the response shape of Wagtail's API v2 (`meta.total_count`, `items`,
`limit`/`offset`); why not Wagtail's API itself, and every endpoint with examples: docs/api.md.

- `http.py`: the one wrapper every endpoint goes through (methods, Chinese JSON errors, the rate
  limit, CORS, the language);
- `fields.py`: what leaves the site: absolute URLs, image renditions, protected photos, rich text;
- `sections.py`: the section listings with the public listing pages' filters;
- `detail.py`: one page by id; `search.py`: the site search; `lookups.py`: tracking-code status.
"""
