"""The nightly audit as a django-q2 task: it must not exit the worker, so findings are logged
(one line each, as `manage.py audit_live_pages` prints them) and counted. The site shell's job
(portal/site_health/tampering.py) runs it and also keeps the findings, to tell how long each
one is left unhandled."""

import logging

from core.safety.page_audit import audit_live_pages

logger = logging.getLogger("core.safety")


def log_findings(results):
    for url, findings in results:
        for finding in findings:
            logger.warning("defacement check: %s", finding.as_line(url))


def nightly_audit():
    results, audited = audit_live_pages()
    log_findings(results)
    return {"pages": audited, "pages_with_findings": len(results)}
