"""The site's own health: the government spot-check indicators (国办秘函〔2019〕19号), measured
every night and on demand (docs/site-health.md).

- `results`: what an indicator answers (status, figure, items) and the list of indicators;
- `models`: the stored report, one row per indicator, so nights can be compared;
- `crawl` (reachability, external probe), `freshness`, `links`, `tampering`, `duties` (messages,
  daily ad): the indicators;
- `runner`: measures them all, stores the report, mails 市文明办 on a turn to red;
- `mail`, `panel` (the dashboard), `scorecard` (per-bureau columns of the quarterly overview)."""
