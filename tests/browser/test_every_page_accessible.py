"""axe finds nothing serious or critical on any kind of public page (one page of each page type
and every public view, tests/public_addresses.py), on a phone and on a desktop, in Debian's
chromium. The other browser tests run axe on the pages of their journeys; this one makes sure
no kind of page is left out, including page types added later."""

import json

import pytest

from tests.browser.axe_helper import BLOCKING_IMPACTS, axe_violations, describe
from tests.browser.support import DESKTOP, PHONE, run_shell

pytestmark = pytest.mark.browser

ADDRESSES = """
import json
from tests.public_addresses import public_addresses
print(json.dumps(public_addresses()[0]))
"""


@pytest.fixture(scope="module")
def addresses(portal_server):
    return json.loads(run_shell(ADDRESSES))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_kind_of_public_page_has_no_serious_axe_violations(new_context, addresses, viewport):
    assert len(addresses) >= 25
    page = new_context(viewport=viewport).new_page()
    failures = []
    for label, address in addresses:
        response = page.goto(address)
        assert response.status == 200, f"{label} {address}: {response.status}"
        blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            failures.append(f"{label} ({address}):\n{describe(blocking)}")
    assert not failures, "\n\n".join(failures)
