"""Browser tests: Debian's chromium driven through Playwright's sync API against a real runserver."""
