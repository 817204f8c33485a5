"""Load generation and server-side accounting for benchmarks/pages.py.

- `run_wrk` drives /usr/bin/wrk for a fixed duration and connection count; a Lua `done` hook
  prints the request count and the p50/p95 latency (wrk's own report has no p95).
- `run_python_load` is the fallback when wrk is missing: one thread per connection, a new
  connection per request (the sync workers close every connection anyway). It spends far more
  client CPU than wrk on the same two cores, so its requests per second are a lower bound.
- `server_snapshot` reads the CPU time of the gunicorn master and its workers from /proc and the
  number of requests the workers finished (counted by benchmarks/gunicorn_hooks.py). Counting on
  the server, not in wrk, matters for slow pages: the requests still queued when wrk stops are
  served (and cost CPU) after wrk has stopped counting.
"""

import http.client
import os
import shutil
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


@dataclass
class Load:
    """What the client saw: completed requests, seconds, latency percentiles in ms, socket errors."""

    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    socket_errors: int = 0

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class Snapshot:
    """Server CPU seconds so far (master, live workers, reaped workers) and requests finished."""

    cpu_seconds: float
    requests: int


def wrk_path():
    return shutil.which("wrk")


def parse_wrk(output):
    """The Load from the line the Lua hook prints (durations and latencies in microseconds)."""
    for line in output.splitlines():
        if line.startswith("BENCH "):
            requests, duration_us, p50_us, p95_us, errors = (int(v) for v in line.split()[1:6])
            return Load(requests, duration_us / 1e6, p50_us / 1000, p95_us / 1000, errors)
    raise ValueError(f"no BENCH line in wrk's output:\n{output[-2000:]}")


def run_wrk(url, duration, connections, script_dir):
    script = Path(script_dir) / "percentiles.lua"
    if not script.exists():
        script.write_text(WRK_SCRIPT)
    # One wrk thread: the server needs the two cores more than the client does.
    command = [wrk_path(), "-t1", f"-c{connections}", f"-d{max(1, round(duration))}s", "-s", str(script), url]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=duration + 60)  # noqa: S603
    if result.returncode != 0:
        raise RuntimeError(f"wrk exited with {result.returncode}: {result.stderr[-2000:]}")
    return parse_wrk(result.stdout)


def run_python_load(host, port, path, duration, connections):
    latencies, errors = [], [0]
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def client():
        mine, failed = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            connection = http.client.HTTPConnection(host, port, timeout=60)
            try:
                connection.request("GET", path)
                connection.getresponse().read()
                mine.append(time.perf_counter() - started)
            except (OSError, http.client.HTTPException):
                failed += 1
            finally:
                connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    p50, p95 = percentile(latencies, 0.5) * 1000, percentile(latencies, 0.95) * 1000
    return Load(len(latencies), elapsed, p50, p95, errors[0])


def percentile(values, fraction):
    if not values:
        return float("nan")
    if fraction == 0.5:
        return statistics.median(values)
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _stat_fields(pid):
    """/proc/<pid>/stat after the command name (which may contain spaces), or None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def process_cpu_seconds(pid, children_reaped=False):
    """utime + stime of a process (fields 14 and 15 of stat); with children_reaped also cutime + cstime,
    the CPU of its children it has waited for (a worker gunicorn replaced)."""
    fields = _stat_fields(pid)
    if fields is None:
        return 0.0
    # fields[0] is stat field 3 (state): utime is field 14, so fields[11].
    ticks = int(fields[11]) + int(fields[12])
    if children_reaped:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / CLOCK_TICKS


def children_of(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(entry.name)
            if fields is not None and fields[1] == str(pid):
                found.append(int(entry.name))
    return found


def request_count(count_dir):
    """Requests finished by every worker so far: one small file of digits per worker pid."""
    total = 0
    for path in Path(count_dir).glob("*.count"):
        text = path.read_text().strip()
        total += int(text) if text.isdigit() else 0
    return total


def server_snapshot(master_pid, count_dir):
    cpu = process_cpu_seconds(master_pid, children_reaped=True)
    cpu += sum(process_cpu_seconds(child) for child in children_of(master_pid))
    return Snapshot(cpu, request_count(count_dir))


def settled_snapshot(master_pid, count_dir, quiet=0.3, limit=30):
    """The snapshot once the server has finished what was queued: no request and no CPU tick for
    `quiet` seconds (or after `limit` seconds)."""
    previous = server_snapshot(master_pid, count_dir)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        time.sleep(quiet)
        current = server_snapshot(master_pid, count_dir)
        if current.requests == previous.requests and current.cpu_seconds - previous.cpu_seconds < 2 / CLOCK_TICKS:
            return current
        previous = current
    return previous
