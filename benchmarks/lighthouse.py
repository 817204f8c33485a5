"""Lighthouse's accessibility, best-practices and SEO scores of the home page, a listing and the
citizens' forms, in Debian's chromium, against the demo site.

    .venv/bin/python benchmarks/lighthouse.py [--keep-db DIR] [--json FILE]

Builds the demo database (migrate, load_demo; about a minute) in a temporary folder, or once in
`--keep-db DIR`; serves it with runserver under the development settings (DEBUG on, so uploaded
images are served as nginx serves them in production); runs `npx lighthouse@12.2.3` (fetched from
npm on first use; it runs on Node 20) with CHROME_PATH=/usr/bin/chromium for each page with its
mobile defaults, and prints a table. The target (issue 18) is ≥ 95 in each of the three
categories. Performance is not scored here: benchmarks/pages.py measures it on the production stack.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The page benchmark's helpers: run a command of this checkout, and a free loopback port.
from benchmarks.pages import PYTHON, free_port, run  # noqa: E402

LIGHTHOUSE = "lighthouse@12.2.3"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("accessibility", "best-practices", "seo")
TARGET = 95
PAGES = {
    "home": "/",
    "ads listing": "/gongyi/",
    "exemplars listing": "/haoren/",
    "nomination form": "/tuijian/",
    "answered messages": "/liuyan/",
    "message form": "/liuyan/xie/",
    "随手拍 form": "/suishoupai/",
}


def environment(folder):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'portal.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private-media"),
        "PYTHONUNBUFFERED": "1",
    }


def prepare(folder, env):
    marker = folder / "demo-loaded"
    if not marker.exists():
        print(f"building the demo database in {folder} …", flush=True)
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
        run([PYTHON, "manage.py", "load_demo"], env)
        marker.touch()


def serve(env, log):
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - this checkout's manage.py, fixed arguments
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=5):
                return process, port
        except OSError:
            time.sleep(0.5)
    process.terminate()
    sys.exit("runserver did not answer within 60 s")


def lighthouse(url, scratch):
    report = scratch / "report.json"
    command = [
        "npx",
        "--yes",
        LIGHTHOUSE,
        url,
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    result = subprocess.run(  # noqa: S603 - npx with fixed arguments
        command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, check=False
    )
    if result.returncode != 0 or not report.exists():
        sys.exit(f"lighthouse failed on {url}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    data = json.loads(report.read_text())
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = {
        name: [
            audit_ref["id"]
            for audit_ref in data["categories"][name]["auditRefs"]
            if audit_ref["weight"] and (data["audits"][audit_ref["id"]].get("score") or 0) < 1
        ]
        for name in CATEGORIES
    }
    return scores, failing


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep-db", metavar="DIR", type=Path, help="build the demo database here once and reuse it")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    if shutil.which("npx") is None or not Path(CHROMIUM).exists():
        sys.exit("needs npx (Node.js) and Debian's chromium (apt-get install chromium)")

    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep_db or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        env = environment(folder)
        prepare(folder, env)
        with (folder / "runserver.log").open("w") as log:
            process, port = serve(env, log)
            try:
                results = {}
                for name, path in PAGES.items():
                    scores, failing = lighthouse(f"http://127.0.0.1:{port}{path}", Path(temporary))
                    results[name] = {"path": path, "scores": scores, "failing": failing}
                    print(f"{name}: {scores}", flush=True)
            finally:
                process.terminate()
                process.wait(timeout=10)

    print()
    print("| page | path | " + " | ".join(CATEGORIES) + " | below 100 |")
    print("|---|---|" + "---:|" * len(CATEGORIES) + "---|")
    for name, result in results.items():
        below = "; ".join(f"{category}: {', '.join(ids)}" for category, ids in result["failing"].items() if ids)
        cells = " | ".join(str(result["scores"][category]) for category in CATEGORIES)
        print(f"| {name} | `{result['path']}` | {cells} | {below or '—'} |")
    met = all(score >= TARGET for result in results.values() for score in result["scores"].values())
    print(f"\ntarget ≥ {TARGET} in {', '.join(CATEGORIES)}: {'met' if met else 'NOT met'}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
