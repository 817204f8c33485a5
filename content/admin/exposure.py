"""Admin for the exposure board (behaviour types). Issue 4."""
