"""Public-service ads: works, placements (点位), annual plans; see docs/ads-admin.md."""
