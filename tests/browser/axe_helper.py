"""Run axe-core in a page and fail on every serious or critical violation."""

import pytest

from tests.browser.support import AXE_JS

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING_IMPACTS = ("critical", "serious")

RUN_AXE = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"""


def load_axe(page):
    """Define axe in the page through the browser's debugging protocol: a <script> tag would be
    inline script, which the pages' Content-Security-Policy rightly refuses."""
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")


def axe_violations(page):
    """Every violation axe reports for the page as it is now (axe.run's `violations`)."""
    load_axe(page)
    return page.evaluate(RUN_AXE, AXE_TAGS)["violations"]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_no_serious_axe_violations(page):
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        pytest.fail(
            f"axe found {len(blocking)} serious or critical violation(s) on {page.url}:\n{describe(blocking)}",
            pytrace=False,
        )
