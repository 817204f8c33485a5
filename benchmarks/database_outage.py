"""A 4 s database outage under load, against gunicorn (docs/database-outage.md).

A TCP proxy in front of PostgreSQL is stopped (its listening socket and every connection closed:
kept connections drop and new ones are refused, as in a server restart) for 4 s and started
again, while two threads request the home page; the answers are counted before, during and
after. The shared PostgreSQL server itself is never stopped.

    createdb -h 127.0.0.1 -U postgres outage_demo
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/outage_demo DJANGO_SETTINGS_MODULE=portal.settings.test \
        .venv/bin/python manage.py migrate && ... manage.py load_demo
    .venv/bin/python benchmarks/database_outage.py outage_demo 60     # database, DATABASE_CONN_MAX_AGE

The app runs with the test settings (DEBUG off, static files by URL only); its log goes to
var/database-outage-app.log."""

import asyncio
import collections
import contextlib
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

PG = ("127.0.0.1", 5432)
PROXY_PORT = 5499
APP = "http://127.0.0.1:8765"
LOG = Path(__file__).resolve().parent.parent / "var" / "database-outage-app.log"


class Proxy:
    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.server = None
        self.writers = set()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()

    async def _pipe(self, reader, writer):
        with contextlib.suppress(OSError):  # the other side went away: so does this one
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()

    async def _handle(self, client_reader, client_writer):
        try:
            up_reader, up_writer = await asyncio.open_connection(*PG)
        except OSError:
            client_writer.close()
            return
        self.writers |= {client_writer, up_writer}
        await asyncio.gather(self._pipe(client_reader, up_writer), self._pipe(up_reader, client_writer))

    async def _start(self):
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", PROXY_PORT, reuse_address=True)

    async def _stop(self):
        self.server.close()
        for writer in list(self.writers):
            writer.transport.abort()
        self.writers.clear()
        await self.server.wait_closed()

    def start(self):
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result()

    def stop(self):
        asyncio.run_coroutine_threadsafe(self._stop(), self.loop).result()


def get(path, accept="text/html"):
    request = urllib.request.Request(APP + path, headers={"Host": "localhost", "Accept": accept})  # noqa: S310
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - a fixed http URL
            return response.status, response.headers, response.read(), time.perf_counter() - started
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read(), time.perf_counter() - started


def main():
    database = sys.argv[1] if len(sys.argv) > 1 else "outage_demo"
    proxy = Proxy()
    proxy.start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PROXY_PORT}/{database}",
        "DATABASE_CONN_MAX_AGE": sys.argv[2] if len(sys.argv) > 2 else "60",
        "PORTAL_TEST_RUN": "-database-outage",
    }
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "portal.wsgi", "-w", "2", "-b", "127.0.0.1:8765", "--log-level", "warning"]
    log = LOG.open("w")
    app = subprocess.Popen(command, env=env, stderr=log)  # noqa: S603 - our own fixed command
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if get("/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        events = []
        stop = threading.Event()

        def load():
            while not stop.is_set():
                status, headers, _body, took = get("/")
                events.append((time.monotonic(), status, headers.get("Retry-After"), took))

        threads = [threading.Thread(target=load) for _ in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        down_at = time.monotonic()
        proxy.stop()
        time.sleep(2)
        suggest = get("/search/suggest/?q=%E6%96%87%E6%98%8E", accept="application/json")  # q=文明
        time.sleep(2)
        up_at = time.monotonic()
        proxy.start()
        time.sleep(4)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        app.terminate()
        app.wait()
        log.close()

    before = collections.Counter(s for t, s, _r, _d in events if t < down_at)
    during = collections.Counter(s for t, s, _r, _d in events if down_at <= t < up_at)
    after = [(t, s) for t, s, _r, _d in events if t >= up_at]
    busy_times = sorted(d for t, s, _r, d in events if s == 503)
    first_ok = next((t - up_at for t, s in after if s == 200), None)
    print("CONN_MAX_AGE", env["DATABASE_CONN_MAX_AGE"])
    print("before outage:", dict(before))
    print("during 4 s outage:", dict(during))
    print("after restart:", dict(collections.Counter(s for _t, s in after)))
    print(f"first 200 after restart: {first_ok:.3f} s" if first_ok is not None else "no 200 after restart")
    if busy_times:
        median, slowest = 1000 * busy_times[len(busy_times) // 2], 1000 * busy_times[-1]
        print(f"503 answer time: median {median:.1f} ms, max {slowest:.1f} ms")
    print("Retry-After seen:", {r for _t, s, r, _d in events if s == 503})
    print("suggestions during the outage:", suggest[0], suggest[1].get("Content-Type"), suggest[2][:120].decode())
    print("log lines:", LOG.read_text().count("Database unavailable"))


if __name__ == "__main__":
    main()
