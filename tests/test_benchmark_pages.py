"""The page benchmark's pieces (benchmarks/pages.py), cheaply: no gunicorn, no load worth timing.
The numbers themselves belong to the benchmark run (docs/performance.md), not to tests."""

import http.server
import os
import subprocess
import sys
import threading
from types import SimpleNamespace

import pytest
from django.test import Client, override_settings
from django.urls import resolve
from wagtail import views as wagtail_views

from benchmarks import gunicorn_hooks, http_load, pages


def test_wrk_summary_is_read_in_milliseconds():
    output = "Running 5s test @ http://127.0.0.1:1/\n  1 threads and 4 connections\nBENCH 5400 5001234 1800 9500 2\n"

    load = http_load.parse_wrk(output)

    assert (load.requests, load.p50_ms, load.p95_ms, load.socket_errors) == (5400, 1.8, 9.5, 2)
    assert load.rps == pytest.approx(5400 / 5.001234)


def test_wrk_output_without_the_summary_line_is_an_error_not_zeroes():
    with pytest.raises(ValueError, match="no BENCH line"):
        http_load.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")


def row(page, cpu_ms, rps):
    return {"page": page, "path": "/", "status": 200, "cpu_ms": cpu_ms, "rps": rps}


def test_uncached_pages_are_held_to_25_times_the_trivial_cpu_and_the_404_to_10_times():
    # The baseline is the mean of the trivial view's first and last run: 1 ms, 1000 req/s.
    rows = [row("trivial", 0.8, 1100), row("home", 24, 50), row("renwu", 26, 40), row("404", 11, 90)]
    rows.append(row("trivial", 1.2, 900))

    baseline = pages.with_ratios(rows, "uncached")

    assert baseline == {"trivial_cpu_ms": pytest.approx(1.0), "trivial_rps": pytest.approx(1000)}
    verdicts = {r["page"]: (r["target"], r["met"]) for r in rows[1:4]}
    assert verdicts == {"home": ("CPU ≤ 25×", True), "renwu": ("CPU ≤ 25×", False), "404": ("CPU ≤ 10×", False)}
    assert rows[0]["met"] is None and rows[0]["target"] == ""


def test_cached_pages_are_held_to_four_fifths_of_the_trivial_requests_per_second():
    rows = [row("trivial", 1.0, 1000), row("home", 1.1, 850), row("haoren", 1.3, 700), row("404", 9, 100)]

    pages.with_ratios(rows, "cached")

    assert [(r["page"], r["target"], r["met"]) for r in rows[1:]] == [
        ("home", "req/s ≥ 0.8×", True),
        ("haoren", "req/s ≥ 0.8×", False),
        ("404", "CPU ≤ 10×", True),
    ]
    table = pages.table(rows)
    assert "| haoren | `/` | 200 | — | 1.30 | 700 |" in table and "**no**" in table


def test_a_page_that_answered_wrongly_has_no_verdict_and_fails_the_run():
    rows = [row("trivial", 1.0, 1000), {"page": "home", "path": "/", "status": 500, "error": "status 500"}]

    outcome = {"rows": rows, **pages.with_ratios(rows, "uncached")}

    assert rows[1]["met"] is None
    assert pages.incomplete(outcome)
    assert not pages.incomplete({"skipped": "no X-Page-Cache header"})


def test_page_subset_keeps_the_benchmark_order_and_refuses_unknown_names(capsys):
    assert pages.parse_args(["--pages", "404,home,renwu"]).pages == ["home", "renwu", "404"]
    with pytest.raises(SystemExit):
        pages.parse_args(["--pages", "home,shouye"])
    assert "unknown pages shouye" in capsys.readouterr().err


def test_the_worker_hooks_count_every_finished_request(tmp_path, monkeypatch):
    monkeypatch.setenv("BENCHMARK_COUNT_DIR", str(tmp_path))
    worker = SimpleNamespace()
    gunicorn_hooks.post_worker_init(worker)
    for _ in range(3):
        gunicorn_hooks.post_request(worker, None, {}, None)
    (tmp_path / "99999.count").write_text(f"{7:20d}")  # a worker that was replaced

    assert http_load.request_count(tmp_path) == 10
    os.close(worker.benchmark_fd)


BUSY_WORKER = """
import sys, time
end = time.process_time() + 0.3
while time.process_time() < end:
    pass
print("spent", flush=True)
sys.stdin.read()
"""


def test_server_cpu_includes_the_workers():
    before = http_load.server_snapshot(os.getpid(), "/nonexistent")
    worker = subprocess.Popen(
        [sys.executable, "-c", BUSY_WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert worker.stdout.readline() == "spent\n"
        # Alive and not yet reaped: its CPU counts as a worker's.
        during = http_load.server_snapshot(os.getpid(), "/nonexistent")
    finally:
        worker.communicate("")

    assert during.cpu_seconds - before.cpu_seconds >= 0.3 - 1 / http_load.CLOCK_TICKS  # to the tick


class Tiny(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def test_python_load_generator_counts_requests_and_latency():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Tiny)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        load = http_load.run_python_load("127.0.0.1", server.server_address[1], "/", 0.3, 2)
    finally:
        server.shutdown()
        server.server_close()

    assert load.requests > 10 and load.socket_errors == 0
    assert 0 < load.p50_ms <= load.p95_ms


@override_settings(ROOT_URLCONF="benchmarks.urls")
def test_trivial_view_passes_through_the_site_middleware_and_pages_still_resolve():
    response = Client().get("/_trivial/")

    assert response.status_code == 200 and response.content == b"ok"
    assert response["X-Frame-Options"] == "DENY"  # the portal's middleware answered too
    assert resolve("/haoren/", urlconf="benchmarks.urls").func is wagtail_views.serve


def test_each_page_is_compared_with_the_trivial_runs_beside_it():
    rows = [
        {"page": "trivial", "cpu_ms": 1.0, "rps": 1000},
        {"page": "home", "cpu_ms": 20.0, "rps": 50},
        {"page": "trivial", "cpu_ms": 1.0, "rps": 1000},
        {"page": "renwu", "cpu_ms": 40.0, "rps": 25},
        {"page": "trivial", "cpu_ms": 2.0, "rps": 500},
    ]
    summary = pages.with_ratios(rows, "uncached")
    assert summary["trivial_cpu_ms"] == pytest.approx(4 / 3)
    assert rows[1]["cpu_ratio"] == pytest.approx(20.0) and rows[1]["met"] is True
    # The machine slowed down around the second page: its ratio uses that stretch's baseline.
    assert rows[3]["cpu_ratio"] == pytest.approx(40.0 / 1.5) and rows[3]["met"] is False
