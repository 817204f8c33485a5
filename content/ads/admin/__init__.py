"""Admin for ad placements, inspections, update tasks and citizen problem reports (bureau-scoped).

Every row belongs to one bureau (a placement's responsible bureau; an inspection's or report's
placement's bureau). A user's bureaus are the BureauPages whose editors or reviewers group they
are in; superusers see everything. `BureauScopedPolicy` limits each view's queryset to those
bureaus, so another bureau's item answers 404 and a refused action 403. See docs/ads-admin.md."""
