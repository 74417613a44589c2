"""Benchmarks: per-page SQL queries and server time at 1k, 10k and 100k rounds, on SQLite and
PostgreSQL; then throughput under gunicorn (list page vs a trivial view) and a load test.

    .venv/bin/python bench/run.py                   # everything (about 10 minutes)
    .venv/bin/python bench/run.py --sizes 1k --databases sqlite --no-throughput

Databases are generated once with generate_demo_data and kept for re-runs: SQLite files in
$BENCH_DIR (default /tmp/tracker-bench), PostgreSQL databases tracker_bench_<size> on
$BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432). --regenerate starts afresh.
Prints Markdown tables for bench/RESULTS.md.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.live_server import (
    PYTHON,
    ROOT,
    create_postgres_database,
    drop_postgres_database,
    environment,
    free_port,
    gunicorn,
    manage,
    wrk,
)

SIZES = {
    "1k": {"countries": 50, "agreements": 50, "rounds": 1_000, "sources": 200},
    "10k": {"countries": 200, "agreements": 500, "rounds": 10_000, "sources": 2_000},
    "100k": {"countries": 200, "agreements": 5_000, "rounds": 100_000, "sources": 20_000},
}


def database_url(database, size):
    if database == "sqlite":
        directory = Path(os.environ.get("BENCH_DIR", "/tmp/tracker-bench"))
        directory.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{directory / f'bench-{size}.sqlite3'}"
    server = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    return f"{server}/tracker_bench_{size}"


def prepare(database, size, regenerate):
    """Migrate and fill the database unless it already holds this size's data."""
    url = database_url(database, size)
    if regenerate:
        if database == "sqlite":
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        else:
            drop_postgres_database(url)
    if database == "postgres":
        create_postgres_database(url)
    env = environment(url, DJANGO_SETTINGS_MODULE="bench.settings")
    manage(env, "migrate", "--verbosity", "0")
    # Production settings use the manifest storage: pages need the collected static files.
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    check = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from agreements.models import NegotiationRound as R; print(R.objects.count())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    if int(check.stdout.split()[-1]) == 0:
        args = [f"--{name}={value}" for name, value in SIZES[size].items()]
        started = time.perf_counter()
        manage(env, "generate_demo_data", "--verbosity", "0", *args)
        print(
            f"<!-- generated {size} on {database} in {time.perf_counter() - started:.1f} s -->",
            flush=True,
        )
    return env


def measure(env):
    process = subprocess.run(
        [PYTHON, "bench/measure.py"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if process.returncode:
        sys.exit(f"bench/measure.py failed:\n{process.stderr[-3000:]}")
    output = process.stdout
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def page_tables(results, sizes, databases):
    """One table per database: a row per page, query count and time per size."""
    for database in databases:
        rows = {}
        for size in sizes:
            for r in results.get((database, size), []):
                rows.setdefault((r["kind"], r["label"]), {})[size] = r
        print(f"\n### {database}\n")
        head = " | ".join(f"{s}: queries · ms · cached ms" for s in sizes)
        print(f"| page | status | {head} |")
        print("| --- | --- |" + " --- |" * len(sizes))
        for (kind, label), by_size in rows.items():
            cells = []
            for size in sizes:
                r = by_size.get(size)
                if not r:
                    cells.append("–")
                    continue
                cached = f"{r['cached_ms']:.1f}" if kind == "page" else "–"
                cells.append(f"{r['queries']} · {r['ms']:.1f} · {cached}")
            statuses = {r["status"] for r in by_size.values()}
            print(f"| {label} | {'/'.join(map(str, sorted(statuses)))} | {' | '.join(cells)} |")


def throughput(env, list_path, duration, load_duration, repeat):
    """Same server, same settings, same run: the list page against the trivial view.

    The two alternate `repeat` times and the ratio is the median of the rounds' ratios, because
    other processes on the machine make any single round noisy.
    """
    workers = os.cpu_count() or 2
    port = free_port()
    rounds = []
    with gunicorn(env, port, workers=workers) as url:
        paths = public_paths(env)
        for path in ["/bench/trivial/", list_path, *paths]:
            wrk(url, connections=2, duration="1s", paths=[path])  # warm caches and workers
        for _ in range(repeat):
            trivial = wrk(url, connections=16, duration=duration, paths=["/bench/trivial/"])
            listing = wrk(url, connections=16, duration=duration, paths=[list_path])
            rounds.append((trivial, listing))
        load = wrk(url, connections=50, duration=load_duration, paths=paths)
    print(
        f"\n### Throughput (gunicorn, {workers} workers, wrk -t2 -c16 -d{duration}, "
        f"{repeat} alternating rounds)\n"
    )
    print("| round | URL | requests/s | p50 | p99 | non-2xx | socket errors |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for n, pair in enumerate(rounds, start=1):
        for path, r in zip(("/bench/trivial/", list_path), pair, strict=True):
            print(
                f"| {n} | `{path}` | {r['rps']:.0f} | {r['p50']} | {r['p99']} | "
                f"{r['non_2xx_3xx']} | {r['socket_errors']} |"
            )
    ratios = sorted(listing["rps"] / trivial["rps"] for trivial, listing in rounds)
    print(
        f"\nRatio `{list_path}` / trivial view: **{statistics.median(ratios):.0%}** "
        f"(median; rounds: {', '.join(f'{r:.0%}' for r in ratios)})"
    )
    print(
        f"\n### Load test (wrk -t2 -c50 -d{load_duration}, rotating over {len(paths)} "
        "public URLs)\n"
    )
    print(
        f"{load['requests']} requests, {load['rps']:.0f} requests/s, p50 {load['p50']}, "
        f"p99 {load['p99']}, non-2xx/3xx: {load['non_2xx_3xx']}, "
        f"socket errors: {load['socket_errors']}"
    )
    print("\n```\n" + load["output"].strip() + "\n```")


def public_paths(env):
    script = (
        "import django; django.setup(); from tests.public_pages import public_urls;"
        "print('\\n'.join(url for _, url in public_urls() if url != '/healthz'))"
    )
    output = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return output.split()


def machine_facts():
    def run(*command):
        try:
            return subprocess.run(command, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"

    import django

    memory = run("sh", "-c", "free -g | awk '/Mem:/ {print $2}'")
    print(f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"- machine: {os.cpu_count()} CPUs, {memory} GB RAM, {platform.platform()}")
    print(
        f"- Python {platform.python_version()}, Django {django.get_version()}, "
        f"{run('psql', '--version')}, SQLite {__import__('sqlite3').sqlite_version}, "
        f"wrk {(run('wrk', '-v').split()[1:] or ['?'])[0]}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1k,10k,100k")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--no-pages", action="store_true")
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument("--throughput-database", default="postgres:100k")
    parser.add_argument(
        "--list-path", default="/en/agreements/", help="the page compared with the trivial view"
    )
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra setting for the server, e.g. DJANGO_CACHE_URL=redis://127.0.0.1:8141/0",
    )
    parser.add_argument("--duration", default="5s")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--load-duration", default="30s")
    options = parser.parse_args()
    sizes = options.sizes.split(",")
    databases = options.databases.split(",")

    machine_facts()
    if not options.no_pages:
        results = {}
        for database in databases:
            for size in sizes:
                results[database, size] = measure(prepare(database, size, options.regenerate))
        page_tables(results, sizes, databases)
    if not options.no_throughput:
        database, size = options.throughput_database.split(":")
        env = prepare(database, size, False)
        env.update(item.split("=", 1) for item in options.env)
        throughput(env, options.list_path, options.duration, options.load_duration, options.repeat)


if __name__ == "__main__":
    main()
