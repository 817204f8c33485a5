"""The Nu HTML Checker (npm vnu-jar, run with the machine's Java) over pages' HTML as served."""

import json
import shutil
import subprocess

import pytest

from tests.browser.support import BASE_DIR

VNU_JAR = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_errors(documents, tmp_path):
    """{name: [messages]} for every document with an error; documents is {name: html}."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.skip("the HTML checker needs Java and node_modules/vnu-jar (npm ci)")
    files = {}
    for index, (name, html) in enumerate(documents.items()):
        path = tmp_path / f"page-{index}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = name
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    errors = {}
    for message in report["messages"]:
        url = message.get("url", "")
        # The checker names a file "file:/tmp/…": back to the path, then to the page's name.
        name = files.get("/" + url.removeprefix("file:").lstrip("/"), url)
        errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message.get('message')}")
    return errors
