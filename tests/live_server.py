"""Start gunicorn on a prepared database and drive it with wrk (loopback only).

Used by the load test (tests/test_load.py) and by the benchmarks (bench/run.py).
"""

import contextlib
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
WRK = "/usr/bin/wrk"


def environment(database_url, **extra):
    """Production-like settings over plain HTTP on loopback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="tracker.settings",
        DJANGO_SECRET_KEY="load-test-only-key-" + "k" * 40,
        DJANGO_DEBUG="0",
        DJANGO_SECURE_SSL="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def create_postgres_database(database_url, drop=False):
    """CREATE DATABASE for a postgres:// URL (via the maintenance database), if missing."""
    base, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and drop:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = False
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def drop_postgres_database(database_url):
    base, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port(start=8140, end=8149):
    """A free port in the range; (0, 0) lets the system pick any free one."""
    for port in range(start, end + 1):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in {start}-{end}")


@contextlib.contextmanager
def gunicorn(env, port, workers=2):
    """gunicorn serving the site on 127.0.0.1:port until the block ends."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [GUNICORN, "tracker.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield wait_until_ready(process, log, f"http://127.0.0.1:{port}")
        finally:
            process.terminate()
            process.wait(timeout=30)


def wait_until_ready(process, log, url):
    for _ in range(200):
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError("gunicorn exited:\n" + log.read().decode(errors="replace"))
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)
            return url
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer /healthz")


LUA_ROTATE = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def wrk(url, connections=10, duration="5s", threads=2, paths=None):
    """Run wrk; with `paths`, each request takes the next of them. Returns the figures."""
    command = [WRK, f"-t{threads}", f"-c{connections}", f"-d{duration}", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if paths:
            script.write(LUA_ROTATE % ", ".join(f'"{p}"' for p in paths))
            script.flush()
            command += ["-s", script.name]
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output):
    def number(pattern, default=0.0):
        match = re.search(pattern, output)
        return float(match.group(1)) if match else default

    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "requests": int(number(r"(\d+) requests in")),
        "rps": number(r"Requests/sec:\s+([\d.]+)"),
        "non_2xx_3xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "p50": re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1),
        "p99": re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1),
        "output": output,
    }
