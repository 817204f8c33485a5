"""Load benchmark of the public nomination form: N concurrent submitters for S seconds
against gunicorn on a fresh PostgreSQL database, then every receipt checked against the database.

    .venv/bin/python benchmarks/nominations_load.py --submitters 50 --duration 60 --workers 5

What it does, in order (see docs/nominations.md, "Load benchmark"):

1. `createdb` a throwaway database on 127.0.0.1 (user postgres), `migrate`, `load_demo`,
   `collectstatic` (the production settings use the manifest storage), all with
   DJANGO_SETTINGS_MODULE=portal.settings.production (DEBUG off, DJANGO_SECURE_SSL_REDIRECT=false
   because this is plain HTTP on loopback), private media in a temporary directory and the cache
   on Redis (`--redis-url`, a database of its own that is flushed before the run).
2. Starts `gunicorn portal.wsgi` with `--workers` sync workers on a free port.
3. Runs the submitters (threads, stdlib http.client). Each submission is one citizen: a new
   connection from its own loopback source address (127.x.y.z, so REMOTE_ADDR differs as it does
   for real citizens; the app's rate limits are not changed), its own phone number and a distinct
   nominee. It GETs /tuijian/ (CSRF cookie and token, district ids), POSTs a valid nomination with
   1 or 2 small JPEGs, follows the redirect (which carries no code) and reads the tracking code
   from the receipt page (it comes in the receipt cookie).
4. Stops gunicorn, then checks in the database that every receipt's code is a stored nomination
   of that nominee with the number of photos sent and that every photo file exists, and that no
   benchmark nomination exists without a receipt. Prints p50/p99, throughput and the counts.
5. Drops the database and deletes the temporary files (unless --keep).

The load generator runs on the same machine as the server and the database, so the figures are
a lower bound of what the server alone would do. Exit status 1 if anything was lost.
"""

import argparse
import http.client
import io
import itertools
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
FORM_PATH = "/tuijian/"
CODE = re.compile(r'id="tracking-code">([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})<')
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DISTRICT_SELECT = re.compile(r'<select name="district".*?</select>', re.S)
OPTION_VALUE = re.compile(r'<option value="(\d+)"')
CATEGORIES = ["helping-others", "bravery", "honesty", "dedication", "filial-piety"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
DEEDS = (
    "她在小区门口义务摆摊修补衣物已有十余年，从不收取任何费用。每逢雨天，她还把自家的雨伞借给路过的行人，"
    "街坊邻居都说她是大家的贴心人。去年冬天，她发现独居老人家中水管冻裂，连夜找来工人帮忙修好。"
)
# Marks the benchmark's nominees so the check finds them all (and only them).
NAME_MARK = "测"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submitters", type=int, default=50, help="concurrent submitters (threads)")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn sync workers")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13", help="cache; flushed before the run")
    parser.add_argument("--pg", default="postgres@127.0.0.1:5432", help="user@host:port of PostgreSQL")
    parser.add_argument("--keep", action="store_true", help="keep the database and the files afterwards")
    return parser.parse_args()


def jpeg(seed):
    """A small JPEG (320 x 240, a few KB) that the form's photo cleaner accepts."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)  # noqa: S311 - test pictures, not security
    image = Image.new("RGB", (320, 240), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        box = sorted(rng.randrange(320) for _ in range(2)), sorted(rng.randrange(240) for _ in range(2))
        draw.rectangle([box[0][0], box[1][0], box[0][1], box[1][1]], fill=tuple(rng.randrange(256) for _ in range(3)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, filename, content in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: image/jpeg\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)


def source_address(number):
    """The number-th citizen's loopback address: 127.10.0.1, 127.10.0.2, … (Linux routes all of 127/8)."""
    return f"127.{10 + number // 62500}.{number // 250 % 250 + 1}.{number % 250 + 1}"


class Citizen:
    """One submission: a new connection from its own address, with its own cookies."""

    def __init__(self, port, number):
        self.connection = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=120, source_address=(source_address(number), 0)
        )
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = {"Host": "localhost", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        return response, content.decode("utf-8", errors="replace")

    def close(self):
        self.connection.close()


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.receipts = []  # (code, nominee name, photos sent)
        self.submit_latencies = []  # the POST alone
        self.cycle_latencies = []  # GET form + POST + GET receipt
        self.failures = {}  # what went wrong -> count


def submit(port, number, photos, results):
    citizen = Citizen(port, number)
    started = time.perf_counter()
    try:
        response, html = citizen.request("GET", FORM_PATH)
        if response.status != 200:
            return f"GET form {response.status}"
        token = CSRF_INPUT.search(html).group(1)
        districts = OPTION_VALUE.findall(DISTRICT_SELECT.search(html).group(0))
        name = f"{SURNAMES[number % len(SURNAMES)]}{NAME_MARK}{number}"
        sent = photos[: 1 + number % 2]
        fields = [
            ("csrfmiddlewaretoken", token),
            ("nominee_name", name),
            ("gender", "fm"[number % 2]),
            ("birth_year", str(1950 + number % 50)),
            ("district", districts[number % len(districts)]),
            ("category", CATEGORIES[number % len(CATEGORIES)]),
            ("clue", f"十余年义务为街坊修补衣物（第{number}条）"),
            ("deeds", DEEDS),
            ("evidence_links", ""),
            ("nominee_awareness", "agrees"),
            ("photo_consent", "on"),
            ("nominator_name", "李推荐"),
            ("nominator_phone", f"139{number:08d}"),
            ("nominator_relation", "邻居"),
            ("nominator_unit", ""),
            ("declaration", "on"),
            ("data_consent", "on"),
            ("website", ""),
        ]
        files = [("photos", f"photo-{number}-{i}.jpg", content) for i, content in enumerate(sent)]
        content_type, body = multipart(fields, files)
        posted = time.perf_counter()
        response, html = citizen.request(
            "POST", FORM_PATH, body=body, headers={"Content-Type": content_type, "Content-Length": str(len(body))}
        )
        submit_latency = time.perf_counter() - posted
        if response.status != 302:
            return f"POST {response.status}"
        location = urlsplit(response.headers["Location"])
        if location.query or "code" in response.headers["Location"]:
            return "the redirect carries a code"  # the code travels only in the receipt cookie
        response, html = citizen.request("GET", location.path)
        shown = CODE.search(html) if response.status == 200 else None
        if shown is None:
            return f"receipt {response.status} without a code"
        code = shown.group(1).replace("-", "")
        with results.lock:
            results.receipts.append((code, name, len(sent)))
            results.submit_latencies.append(submit_latency)
            results.cycle_latencies.append(time.perf_counter() - started)
        return None
    finally:
        citizen.close()


def run_load(port, submitters, duration):
    photos = [jpeg(1), jpeg(2)]
    results = Results()
    numbers = itertools.count(1)
    number_lock = threading.Lock()
    deadline = time.monotonic() + duration

    def submitter():
        while time.monotonic() < deadline:
            with number_lock:
                number = next(numbers)
            try:
                failure = submit(port, number, photos, results)
            except (OSError, http.client.HTTPException, AttributeError) as exc:
                failure = f"{type(exc).__name__}: {exc}"[:120]
            if failure:
                with results.lock:
                    results.failures[failure] = results.failures.get(failure, 0) + 1

    threads = [threading.Thread(target=submitter) for _ in range(submitters)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - started


def run(command, env, **kwargs):
    # Fixed commands of this script (manage.py, createdb) with arguments it builds itself.
    result = subprocess.run(  # noqa: S603
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, **kwargs
    )
    if result.returncode != 0:
        sys.exit(f"`{' '.join(map(str, command))}` exited with {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(process, port, log):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz/", headers={"Host": "localhost"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"gunicorn did not answer /healthz/ within 60 s:\n{log.read_text()[-3000:]}")


def verify(receipts):
    """Every receipt a stored nomination with its photos on disk; no stored one without a receipt."""
    import django

    django.setup()
    from django.db import connections

    from content.nominations.models import Nomination
    from core.storage import private_storage

    storage = private_storage()
    stored = {
        n.tracking_code: n
        for n in Nomination.objects.filter(nominee_name__contains=NAME_MARK).prefetch_related("photos")
    }
    lost, wrong_photos, missing_files, linked = [], [], [], []
    for code, name, photo_count in receipts:
        nomination = stored.get(code)
        if nomination is None or nomination.nominee_name != name:
            lost.append(code)
            continue
        files = [photo.file.name for photo in nomination.photos.all()]
        if len(files) != photo_count:
            wrong_photos.append(code)
        missing_files += [f for f in files if not storage.exists(f)]
        if not nomination.is_primary:
            linked.append(code)
    without_receipt = set(stored) - {code for code, _name, _count in receipts}
    connections.close_all()
    return {
        "stored": len(stored),
        "client_addresses": len({n.client_hash for n in stored.values()}),
        "photos_stored": sum(len(n.photos.all()) for n in stored.values()),
        "lost": lost,
        "wrong_photo_count": wrong_photos,
        "missing_files": missing_files,
        "linked_as_duplicate": linked,
        "stored_without_receipt": sorted(without_receipt),
    }


def redis_keys(url, pattern):
    import redis

    return list(redis.Redis.from_url(url).scan_iter(pattern, count=1000))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def report(args, results, elapsed, check):
    submit_ms = [v * 1000 for v in results.submit_latencies]
    cycle_ms = [v * 1000 for v in results.cycle_latencies]
    attempted = len(results.receipts) + sum(results.failures.values())
    print(f"\n{args.submitters} submitters, {elapsed:.1f} s, {args.workers} gunicorn workers")
    print(f"submissions attempted: {attempted}, receipts: {len(results.receipts)}, failed: {results.failures or 0}")
    print(f"throughput: {len(results.receipts) / elapsed:.1f} nominations/s")
    if submit_ms:
        print(
            f"POST latency ms: p50 {statistics.median(submit_ms):.0f}, p99 {percentile(submit_ms, 0.99):.0f}, "
            f"max {max(submit_ms):.0f}"
        )
        print(
            f"whole submission (form, POST, receipt) ms: p50 {statistics.median(cycle_ms):.0f}, "
            f"p99 {percentile(cycle_ms, 0.99):.0f}"
        )
    print(
        f"database: {check['stored']} nominations, {check['photos_stored']} photos; lost {len(check['lost'])}, "
        f"wrong photo count {len(check['wrong_photo_count'])}, missing files {len(check['missing_files'])}, "
        f"linked as duplicates {len(check['linked_as_duplicate'])}, "
        f"stored without a receipt {len(check['stored_without_receipt'])}"
    )
    print(
        f"distinct client addresses stored: {check['client_addresses']}; "
        f"per-IP rate-limit counters in Redis: {check['ip_counters']}"
    )
    return not (check["lost"] or check["wrong_photo_count"] or check["missing_files"] or check["linked_as_duplicate"])


def main():
    args = parse_args()
    user_host = args.pg
    user, host_port = user_host.split("@")
    host, port = host_port.split(":")
    database = f"nominations_bench_{os.getpid()}"
    scratch = Path(tempfile.mkdtemp(prefix="nominations-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": uuid.uuid4().hex * 2,
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"postgres://{user}@{host}:{port}/{database}",
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": args.redis_url,
        "MEDIA_ROOT": str(scratch / "media"),
        "PRIVATE_MEDIA_ROOT": str(scratch / "private-media"),
        "EMAIL_HOST": "127.0.0.1",
        "PYTHONUNBUFFERED": "1",
    }
    run(["createdb", "-h", host, "-p", port, "-U", user, database], env)
    server = None
    try:
        print(f"database {database}: migrate, load_demo, collectstatic …", flush=True)
        run([PYTHON, "manage.py", "migrate", "--noinput"], env)
        run([PYTHON, "manage.py", "load_demo"], env)
        run([PYTHON, "manage.py", "collectstatic", "--noinput"], env)
        run([PYTHON, "-c", "import redis; redis.Redis.from_url(" + repr(args.redis_url) + ").flushdb()"], env)

        server_port = free_port()
        log = scratch / "gunicorn.log"
        with log.open("w") as log_file:
            server = subprocess.Popen(  # noqa: S603 - the venv's gunicorn, fixed arguments
                [GUNICORN, "portal.wsgi", "--bind", f"127.0.0.1:{server_port}", "--workers", str(args.workers),
                 "--timeout", "120", "--backlog", "2048"],
                cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
            )  # fmt: skip
        wait_until_healthy(server, server_port, log)
        print(f"gunicorn on port {server_port}; {args.submitters} submitters for {args.duration:.0f} s …", flush=True)
        results, elapsed = run_load(server_port, args.submitters, args.duration)
        server.terminate()
        server.wait(timeout=30)
        server = None

        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        check = verify(results.receipts)
        # Proof that the limits were live (counted in the shared cache), not failing open.
        check["ip_counters"] = len(redis_keys(args.redis_url, "*ratelimit:nomination-ip:*"))
        ok = report(args, results, elapsed, check)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not args.keep:
            subprocess.run(  # noqa: S603
                ["dropdb", "--force", "-h", host, "-p", port, "-U", user, database],  # noqa: S607 - as createdb
                check=False,
            )
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            print(f"kept: database {database}, files in {scratch}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
