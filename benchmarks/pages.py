"""Server CPU per request and requests per second of the main public pages, uncached and cached,
each beside a trivial view served by the same gunicorn through the same middleware stack.

    /work/main/.venv/bin/python benchmarks/pages.py --duration 10 --connections 4
    /work/main/.venv/bin/python benchmarks/pages.py --modes uncached --pages home,renwu --keep-db /tmp/page-bench
    /work/main/.venv/bin/python benchmarks/pages.py --redis --json var/pages.json

What it does (docs/performance.md, "Page benchmark"):

1. Builds the demo database (`migrate`, `load_demo`) as SQLite in a temporary folder, or reuses
   the one in `--keep-db DIR` (built there on the first run and kept), and runs `collectstatic`
   into that folder. Settings: benchmarks/settings.py, which is portal.settings.production with
   the trivial view's URL (benchmarks/urls.py) and the static folder; plain HTTP on loopback, so
   DJANGO_SECURE_SSL_REDIRECT=0. The cache is what the settings choose without REDIS_URL (local
   memory, one per worker) unless `--redis` is given.
2. For each mode, starts gunicorn (2 sync workers by default): "uncached" with
   PAGE_CACHE_SECONDS=0, "cached" with PAGE_CACHE_SECONDS=600. In cached mode it first checks
   that a page answers with an X-Page-Cache header; without one the page cache is not there and
   the cached column is reported as n/a instead of measuring the same thing twice.
3. For each page: one request to check its status (and, cached, its X-Page-Cache value), a
   warm-up, then wrk for a fixed duration and connection count (a Python load generator if wrk is
   missing, which the output says). Server CPU is utime + stime of the master and workers from
   /proc before and after, once the server has gone quiet, divided by the requests the workers
   finished (benchmarks/gunicorn_hooks.py counts them). The trivial view is measured first, last
   and between every two pages; each page's ratios use the mean of the runs just before and
   after it, since the shared machine's speed drifts within a run.
4. Prints one Markdown table per mode with the ratios to the trivial view and whether each page
   meets its target (issue 15): uncached, every page <= 25x the trivial view's CPU per request;
   cached, >= 0.8x its requests per second; the 404 page <= 10x its CPU in both modes.

The load generator shares the machine with the server, so requests per second are a lower bound;
CPU per request does not depend on the client. Exit status 1 when a page answered with an
unexpected status or a mode could not be measured; missed targets are reported, not failures.
"""

import argparse
import http.client
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import http_load  # noqa: E402

PYTHON = Path(sys.executable)
HOST = "127.0.0.1"
#: name -> path; the four detail pages are looked up in the database (DETAIL_MODELS).
FIXED_PAGES = {
    "home": "/",
    "gongyi": "/gongyi/",
    "haoren": "/haoren/",
    "liyi": "/liyi/",
    "baoguang": "/baoguang/",
    "danwei": "/danwei/",
    "renwu": "/renwu/",
    "tuijian": "/tuijian/",
    "search": "/search/?q=%E4%BA%A4%E9%80%9A",  # 交通
    "404": "/meiyou-zhe-ye/",
    "trivial": "/_trivial/",
}
DETAIL_MODELS = {
    "ad": "content.ads.models.works.PublicServiceAdPage",
    "exemplar": "content.exemplars.models.ExemplarPage",
    "handbook": "content.handbooks.models.EtiquetteHandbookPage",
    "exposure": "content.exposure.models.ExposureNoticePage",
}
ORDER = [
    "home",
    "gongyi",
    "haoren",
    "liyi",
    "baoguang",
    "danwei",
    "renwu",
    "ad",
    "exemplar",
    "handbook",
    "exposure",
    "tuijian",
    "search",
    "404",
]
MODES = {"uncached": "0", "cached": "600"}
CACHE_HEADER = "X-Page-Cache"
DEFAULT_REDIS = "redis://127.0.0.1:6379/12"
# The first live page of each type, in tree order: the same page on every run of the same demo.
DISCOVER = """
import json, sys
import django
django.setup()
from django.utils.module_loading import import_string
found = {}
for name, dotted in json.loads(sys.argv[1]).items():
    page = import_string(dotted).objects.live().public().order_by("path").first()
    found[name] = page.get_url() if page else None
print("PAGES " + json.dumps(found))
"""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--duration", type=float, default=10, help="seconds of load per page (default 10; whole seconds with wrk)"
    )
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections (default 4)")
    parser.add_argument("--warmup", type=float, default=1, help="seconds of warm-up load per page (default 1)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--pages", help=f"comma-separated subset of {','.join(ORDER)} (the trivial view always runs)")
    parser.add_argument("--modes", default="uncached,cached", help="uncached, cached or both (default both)")
    parser.add_argument("--keep-db", metavar="DIR", type=Path, help="build the demo database here once and reuse it")
    parser.add_argument(
        "--redis", nargs="?", const=DEFAULT_REDIS, metavar="URL", help=f"cache on Redis (flushed): {DEFAULT_REDIS}"
    )
    parser.add_argument("--no-wrk", action="store_true", help="use the Python load generator even if wrk is there")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    args.pages = selected_pages(args.pages, parser)
    args.modes = [mode.strip() for mode in args.modes.split(",") if mode.strip()]
    if not args.modes or set(args.modes) - set(MODES):
        parser.error(f"--modes takes {' and/or '.join(MODES)}")
    return args


def selected_pages(value, parser):
    if not value:
        return list(ORDER)
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in ORDER and name != "trivial"]
    if unknown:
        parser.error(f"unknown pages {', '.join(unknown)}; choose from {', '.join(ORDER)}")
    return [name for name in ORDER if name in names]


def target(name, mode):
    """(what, bound, label) a page must meet, or None for the baseline."""
    if name == "trivial":
        return None
    if name == "404":
        return ("cpu", 10, "CPU ≤ 10×")
    return ("cpu", 25, "CPU ≤ 25×") if mode == "uncached" else ("rps", 0.8, "req/s ≥ 0.8×")


def _mean(rows, key):
    return sum(row[key] for row in rows) / len(rows) if rows else None


def _neighbours(rows, index):
    """The trivial view's runs just before and just after row `index` (those measured)."""
    before = next((row for row in reversed(rows[:index]) if row["page"] == "trivial" and row.get("cpu_ms")), None)
    after = next((row for row in rows[index + 1 :] if row["page"] == "trivial" and row.get("cpu_ms")), None)
    return [row for row in (before, after) if row is not None]


def with_ratios(rows, mode):
    """Adds each row's ratios and its verdict. A page is compared with the trivial view's runs
    just before and after it (their mean): the shared machine's speed drifts by a fifth within
    a run, and the trivial view runs between every two pages. Trivial rows, and the summary, use
    the mean of all the trivial view's runs."""
    baseline = [row for row in rows if row["page"] == "trivial" and row.get("cpu_ms")]
    cpu, rps = _mean(baseline, "cpu_ms"), _mean(baseline, "rps")
    for index, row in enumerate(rows):
        goal = target(row["page"], mode)
        row["target"] = goal[2] if goal else ""
        around = baseline if row["page"] == "trivial" else _neighbours(rows, index)
        if not row.get("cpu_ms") or not around:
            row.update(cpu_ratio=None, rps_ratio=None, met=None)
            continue
        row["cpu_ratio"] = row["cpu_ms"] / _mean(around, "cpu_ms")
        row["rps_ratio"] = row["rps"] / _mean(around, "rps")
        if goal is None:
            row["met"] = None
        elif goal[0] == "cpu":
            row["met"] = row["cpu_ratio"] <= goal[1]
        else:
            row["met"] = row["rps_ratio"] >= goal[1]
    return {"trivial_cpu_ms": cpu, "trivial_rps": rps}


def table(rows):
    def number(value, digits):
        return "—" if value is None else f"{value:.{digits}f}"

    lines = [
        "| page | path | status | X-Page-Cache | CPU ms/req | req/s | p50 ms | p95 ms | CPU × trivial "
        "| req/s × trivial | target | met |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in rows:
        met = {True: "yes", False: "**no**", None: ""}[row.get("met")]
        lines.append(
            f"| {row['page']} | `{row['path']}` | {row['status']} | {row.get('cache') or '—'} "
            f"| {number(row.get('cpu_ms'), 2)} | {number(row.get('rps'), 0)} | {number(row.get('p50_ms'), 1)} "
            f"| {number(row.get('p95_ms'), 1)} | {number(row.get('cpu_ratio'), 1)} "
            f"| {number(row.get('rps_ratio'), 2)} | {row['target']} | {met} |"
        )
    return "\n".join(lines)


def run(command, env):
    # Fixed commands of this script (manage.py, python -c) with arguments it builds itself.
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        sys.exit(f"`{' '.join(map(str, command))}` exited with {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def base_env(folder, redis_url):
    env = {
        key: value
        for key, value in os.environ.items()
        # The cache and queue are the benchmark's choice, not the caller's shell's.
        if key not in {"REDIS_URL", "PAGE_CACHE_SECONDS", "Q_BROKER", "Q_REDIS_URL"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "DJANGO_SECRET_KEY": uuid.uuid4().hex * 2,
            "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"sqlite:///{folder / 'portal.sqlite3'}",
            "MEDIA_ROOT": str(folder / "media"),
            "PRIVATE_MEDIA_ROOT": str(folder / "private-media"),
            "BENCHMARK_STATIC_ROOT": str(folder / "static"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def prepare(folder, env):
    """The demo database (built once per folder), the static files and the detail pages' paths."""
    marker = folder / "demo-loaded"
    if marker.exists():
        print(f"reusing the demo database in {folder}", flush=True)
    else:
        print(f"building the demo database in {folder} (migrate, load_demo: about a minute) …", flush=True)
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
        run([PYTHON, "manage.py", "load_demo"], env)
        marker.touch()
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    output = run([PYTHON, "-c", DISCOVER, json.dumps(DETAIL_MODELS)], env)
    found = json.loads(next(line[6:] for line in output.splitlines() if line.startswith("PAGES ")))
    missing = [name for name, url in found.items() if not url]
    if missing:
        sys.exit(f"the demo has no live {', '.join(missing)} page")
    return {**FIXED_PAGES, **found}


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def probe(port, path):
    """(status, X-Page-Cache value or None) of one anonymous GET."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader(CACHE_HEADER)
    finally:
        connection.close()


class Server:
    """gunicorn with the benchmark's settings and request counter, on a free loopback port."""

    def __init__(self, env, workers, folder, mode):
        self.port = free_port()
        self.count_dir = folder / f"counts-{mode}"
        shutil.rmtree(self.count_dir, ignore_errors=True)
        self.count_dir.mkdir()
        self.log = folder / f"gunicorn-{mode}.log"
        command = [
            PYTHON.parent / "gunicorn",
            "portal.wsgi:application",
            "--config",
            ROOT / "benchmarks" / "gunicorn_hooks.py",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"{HOST}:{self.port}",
            "--timeout",
            "120",
        ]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603 - the venv's gunicorn, fixed arguments
                command, cwd=ROOT, env={**env, "BENCHMARK_COUNT_DIR": str(self.count_dir)}, stdout=log, stderr=log
            )
        self.wait_until_ready()

    def wait_until_ready(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited with {self.process.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                if probe(self.port, FIXED_PAGES["trivial"])[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        sys.exit(f"gunicorn did not answer within 60 s:\n{self.log.read_text()[-3000:]}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def load(port, path, seconds, connections, scratch, use_wrk):
    if use_wrk:
        return http_load.run_wrk(f"http://{HOST}:{port}{path}", seconds, connections, scratch)
    return http_load.run_python_load(HOST, port, path, seconds, connections)


def measure_page(server, name, path, args, scratch):
    expected = 404 if name == "404" else 200
    status, cache = probe(server.port, path)
    row = {"page": name, "path": path, "status": status, "cache": cache}
    if status != expected:
        print(f"  {name}: answered {status}, expected {expected}; not measured", flush=True)
        row["error"] = f"status {status}, expected {expected}"
        return row
    load(server.port, path, args.warmup, args.connections, scratch, args.use_wrk)
    row["cache"] = probe(server.port, path)[1]
    before = http_load.settled_snapshot(server.process.pid, server.count_dir)
    seen = load(server.port, path, args.duration, args.connections, scratch, args.use_wrk)
    after = http_load.settled_snapshot(server.process.pid, server.count_dir)
    served = after.requests - before.requests
    row.update(
        cpu_ms=(after.cpu_seconds - before.cpu_seconds) * 1000 / served if served else None,
        rps=seen.rps,
        p50_ms=seen.p50_ms,
        p95_ms=seen.p95_ms,
        served=served,
        client_requests=seen.requests,
        socket_errors=seen.socket_errors,
    )
    cpu = "—" if row["cpu_ms"] is None else f"{row['cpu_ms']:.2f}"
    print(f"  {name}: {cpu} ms CPU/req, {seen.rps:.0f} req/s, {served} served", flush=True)
    return row


def run_mode(mode, env, paths, args, folder):
    if args.redis:
        import redis  # only with --redis: the default run needs no Redis client

        redis.Redis.from_url(args.redis).flushdb()
    print(f"\n{mode}: gunicorn, {args.workers} sync workers, PAGE_CACHE_SECONDS={MODES[mode]}", flush=True)
    server = Server({**env, "PAGE_CACHE_SECONDS": MODES[mode]}, args.workers, folder, mode)
    try:
        if mode == "cached":
            sample = paths["home"]
            headers = [probe(server.port, sample)[1] for _ in range(2)]
            if not any(headers):
                reason = f"no {CACHE_HEADER} header on {sample}: the page cache is not in this build"
                print(f"WARNING: {reason}; cached results are n/a.", flush=True)
                return {"skipped": reason, "load_average": os.getloadavg()}
        load_average = os.getloadavg()
        names = ["trivial"]
        for name in args.pages:
            names += [name, "trivial"]
        rows = [measure_page(server, name, paths[name], args, folder) for name in names]
    finally:
        server.stop()
    return {"rows": rows, "load_average": load_average, **with_ratios(rows, mode)}


def incomplete(outcome):
    """A measured mode with a page that answered wrongly or without a baseline."""
    if "skipped" in outcome:
        return False
    return outcome["trivial_cpu_ms"] is None or any("error" in row for row in outcome["rows"])


def machine():
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    model = next((line.split(":", 1)[1].strip() for line in lines if "model name" in line), platform.processor())
    return {"cpus": os.cpu_count(), "cpu_model": model, "python": platform.python_version()}


def report(results):
    print(f"\n{results['date']} · {results['machine']['cpus']} CPUs ({results['machine']['cpu_model']})")
    print(f"load generator: {results['load_generator']}; {results['settings']}")
    for mode, outcome in results["modes"].items():
        print(f"\n### {mode}\n")
        if "skipped" in outcome:
            print(f"n/a: {outcome['skipped']}")
            continue
        load1, load5, _ = outcome["load_average"]
        if outcome["trivial_cpu_ms"] is None:
            print("the trivial view could not be measured: no ratios")
        else:
            print(
                f"trivial view: {outcome['trivial_cpu_ms']:.2f} ms CPU/req, {outcome['trivial_rps']:.0f} req/s "
                "(mean of its runs; each page is compared with the runs beside it); "
                f"load average before: {load1:.2f}, {load5:.2f}\n"
            )
        print(table(outcome["rows"]))


def main(argv=None):
    args = parse_args(argv)
    wrk = None if args.no_wrk else http_load.wrk_path()
    args.use_wrk = bool(wrk)
    generator = f"wrk ({wrk}), 1 thread" if wrk else "Python threads (no wrk: req/s is a lower bound)"
    if not wrk:
        print("WARNING: not using wrk; the Python load generator competes with the server for the CPU.", flush=True)
    folder = args.keep_db or Path(tempfile.mkdtemp(prefix="page-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = base_env(folder, args.redis)
    results = {
        "date": datetime.now().astimezone().isoformat(timespec="minutes"),
        "machine": machine(),
        "load_generator": generator,
        "settings": (
            f"{args.duration:g} s per page after {args.warmup:g} s warm-up, {args.connections} connections, "
            f"gunicorn {args.workers} sync workers, production settings, SQLite demo, "
            f"cache {'Redis ' + args.redis if args.redis else 'local memory'}"
        ),
        "modes": {},
    }
    try:
        paths = prepare(folder, env)
        for mode in args.modes:
            results["modes"][mode] = run_mode(mode, env, paths, args, folder)
    finally:
        if not args.keep_db:
            shutil.rmtree(folder, ignore_errors=True)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    sys.exit(1 if any(map(incomplete, results["modes"].values())) else 0)


if __name__ == "__main__":
    main()
