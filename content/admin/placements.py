"""Admin for ad placements, inspections and update tasks (bureau-scoped)."""
