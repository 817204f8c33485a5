"""The nightly audit as a django-q2 task: it must not exit the worker, so findings are logged
(one line each, as `manage.py audit_live_pages` prints them) and counted."""

import logging

from core.safety.page_audit import audit_live_pages

logger = logging.getLogger("core.safety")


def nightly_audit():
    results, audited = audit_live_pages()
    for url, findings in results:
        for finding in findings:
            logger.warning("defacement check: %s", finding.as_line(url))
    return {"pages": audited, "pages_with_findings": len(results)}
