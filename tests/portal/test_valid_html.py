"""Every kind of public page is valid HTML, as the Nu HTML Checker (vnu.jar, npm's vnu-jar) reads
it: one page of each page type, the public views and the citizens' forms with their errors
(tests/public_addresses.py). The pages are rendered by Django's test client and checked in one
run of the checker. Without Java or node_modules the test is skipped, unless REQUIRE_BROWSER=1
(as CI sets), when it fails."""

import json
import shutil
import subprocess

import pytest
from django.conf import settings

from tests.helpers import unavailable
from tests.public_addresses import NOT_IN_DEMO, form_posts, public_addresses

pytestmark = pytest.mark.django_db

VNU_JAR = settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def vnu():
    java = shutil.which("java")
    if java is None:
        unavailable("java is not installed (the Nu HTML Checker needs it)")
    if not VNU_JAR.is_file():
        unavailable(f"{VNU_JAR} is missing: run `npm ci`")
    return [java, "-Xss1024k", "-jar", str(VNU_JAR)]


def test_every_page_model_is_checked_or_named_as_absent_from_the_demo():
    _addresses, missing = public_addresses()
    assert sorted(missing) == sorted(NOT_IN_DEMO), (
        "page models with no live public page in the demo: give them demo content, or name them in "
        "tests/public_addresses.NOT_IN_DEMO with the reason"
    )


def test_every_kind_of_public_page_is_valid_html(client, vnu, tmp_path):
    addresses, _missing = public_addresses()
    rendered = {}
    for label, address in addresses:
        response = client.get(address)
        assert response.status_code == 200, f"{label} {address}: {response.status_code}"
        rendered[f"{label} GET {address}"] = response.content
    for label, address, data in form_posts():
        response = client.post(address, data)
        assert response.status_code == 200, f"{label} {address}: {response.status_code}"
        rendered[f"{label} POST {address}"] = response.content
    not_found = client.get("/no-such-page/")
    assert not_found.status_code == 404
    rendered["404 GET /no-such-page/"] = not_found.content

    files = {}
    for n, (name, content) in enumerate(rendered.items()):
        path = tmp_path / f"page-{n:03d}.html"
        path.write_bytes(content)
        files[path.name] = name
    result = subprocess.run(
        [*vnu, "--format", "json", "--errors-only", *[str(tmp_path / file) for file in files]],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        page = files.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url"))
        extract = message.get("extract", "").strip()
        errors.append(f"{page} line {message.get('lastLine')}: {message['message']} [{extract}]")
    assert not errors, f"{len(errors)} HTML error(s) in {len(rendered)} pages:\n" + "\n".join(errors)
    assert len(rendered) >= 25
