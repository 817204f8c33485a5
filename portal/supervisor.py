"""Run a few long-lived processes together and stop them all together: `make run`'s server and
worker (serve_with_worker), and the production stack's gunicorn, worker and nginx
(serve_production).

A small supervisor rather than a shell `&`: a shell started without job control makes its
background children ignore SIGINT, which left runserver or the worker running after Ctrl-C.
Installing our own handlers means the children start with default signal handling. Each child is
stopped with the signal that shuts it down gracefully, in the reverse order of starting (nginx
first, so no request reaches a gunicorn that is going away)."""

import signal
import subprocess
import time
from dataclasses import dataclass, field

STOP_TIMEOUT = 15


@dataclass
class Child:
    name: str
    argv: list
    stop_signal: int = signal.SIGINT
    options: dict = field(default_factory=dict)  # more Popen arguments (env, cwd, stdout)


def supervise(children, started=None):
    """Start `children` in order; return when Ctrl-C or SIGTERM arrives (None) or when one of them
    exits (its name), after stopping every one still running. `started(processes, stopping)` is
    called once all are started (the stack waits there for readiness and prints the address;
    `stopping()` says whether Ctrl-C came meanwhile); what it raises propagates, after the stop."""
    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    processes = []
    exited = None
    try:
        for child in children:
            # Our own manage.py, gunicorn and nginx, with arguments built by the commands.
            processes.append((child, subprocess.Popen(child.argv, **child.options)))  # noqa: S603
        if started is not None:
            started({child.name: process for child, process in processes}, lambda: stopping)
        while not stopping and exited is None:
            exited = next((child.name for child, process in processes if process.poll() is not None), None)
            if exited is None:
                time.sleep(0.3)
    finally:
        for child, process in reversed(processes):
            if process.poll() is None:
                process.send_signal(child.stop_signal)
        deadline = time.monotonic() + STOP_TIMEOUT
        for _child, process in reversed(processes):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return exited
