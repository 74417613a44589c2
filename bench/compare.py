"""Side by side, in one run, alternating: the agreement list against a baseline on the same data.

    .venv/bin/pip install -e '.[bench]'            # Datasette, for the benchmark only
    .venv/bin/python bench/compare.py datasette    # no page cache vs Datasette
    .venv/bin/python bench/compare.py nginx        # through nginx (deploy/) vs gunicorn alone

`datasette`: gunicorn (2 workers, the page cache off: DJANGO_PAGE_CACHE_SECONDS=0) serving
`/agreements/?status=signed` (25 rows a page) against Datasette serving the same SQLite table
with the same filter and page size (`/<db>/agreements_agreement?status=signed&_size=25`).

`nginx`: the same page through nginx with the repository's configuration against gunicorn alone
(page cache on, as deployed), then how long an edit takes to show through the proxy.

Both use the 100k SQLite database of bench/run.py ($BENCH_DIR), made on first use; wrk runs on
127.0.0.1 only, `--repeat` rounds of `--duration` each. Prints Markdown for bench/RESULTS.md.
"""

import argparse
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import database_url, machine_facts, prepare
from tests.live_proxy import nginx
from tests.live_server import PYTHON, ROOT, free_port, gunicorn, wrk

LIST_PATH = "/en/agreements/?status=signed"
DATASETTE = shutil.which("datasette") or str(Path(PYTHON).with_name("datasette"))


@contextlib.contextmanager
def datasette(database_file, settings=()):
    """Datasette on the same SQLite file, with its default settings but `settings` (name,
    value), until the block ends."""
    port = free_port(0, 0)
    options = [part for name, value in settings for part in ("--setting", name, value)]
    process = subprocess.Popen(
        [DATASETTE, "serve", database_file, "--host", "127.0.0.1", "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{url}/-/versions.json", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def server_pids(url):
    """The processes listening on the URL's port (a gunicorn master and its workers, nginx's)."""
    port = url.split(":")[2].split("/")[0]
    listing = subprocess.run(
        ["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True
    ).stdout
    return {int(pid) for pid in re.findall(r"pid=(\d+)", listing)}


def cpu_seconds(pids):
    """User and system CPU time used so far by these processes."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def alternate(contenders, duration, repeat, connections):
    """[(label, url, server pids)] measured in turn, `repeat` rounds; returns
    {label: [wrk result with the servers' CPU ms per request, …]}."""
    for _, url, _ in contenders:
        with urllib.request.urlopen(url) as response:  # the page itself, not a redirect
            if response.status != 200 or response.url != url:
                sys.exit(f"{url} answers {response.status} at {response.url}: not the page")
        wrk(url, connections=2, duration="2s")  # warm up
    results = {label: [] for label, _, _ in contenders}
    for _ in range(repeat):
        for label, url, pids in contenders:
            before = cpu_seconds(pids)
            result = wrk(url, connections=connections, duration=duration)
            used = cpu_seconds(pids) - before
            result["cpu_ms"] = 1000 * used / max(result["requests"], 1)
            results[label].append(result)
    return results


def report(results, baseline, command, target):
    print(f"\n`{command}`\n")
    print(
        "| round | server | requests/s | server CPU ms per request | p50 | p99 | non-2xx/3xx |"
        " socket errors |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for n in range(len(results[baseline])):
        for label, rounds in results.items():
            r = rounds[n]
            print(
                f"| {n + 1} | {label} | {r['rps']:.0f} | {r['cpu_ms']:.2f} | {r['p50']} | "
                f"{r['p99']} | {r['non_2xx_3xx']} | {r['socket_errors']} |"
            )
    (other,) = [label for label in results if label != baseline]
    ratios = [o["rps"] / b["rps"] for o, b in zip(results[other], results[baseline], strict=True)]
    cpu = [
        b["cpu_ms"] / o["cpu_ms"] for o, b in zip(results[other], results[baseline], strict=True)
    ]
    print(
        f"\n{other} / {baseline}, requests/s: **{statistics.median(ratios):.1f}×** (median of "
        f"rounds: {', '.join(f'{r:.1f}×' for r in sorted(ratios))}; target ≥ {target}×); "
        f"server CPU per request: {baseline} uses {statistics.median(cpu):.1f}× as much "
        f"(rounds: {', '.join(f'{r:.1f}×' for r in sorted(cpu))})"
    )


def against_datasette(options):
    env = prepare("sqlite", "100k", False)
    env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    database_file = database_url("sqlite", "100k").removeprefix("sqlite:///")
    table = f"/{Path(database_file).stem}/agreements_agreement?status=signed&_size=25"
    settings = [tuple(setting.split("=", 1)) for setting in options.datasette_setting]
    with (
        gunicorn(env, free_port(), workers=2) as ours,
        datasette(database_file, settings) as theirs,
    ):
        results = alternate(
            [
                ("tracker, no page cache", ours + LIST_PATH, server_pids(ours)),
                ("Datasette", theirs + table, server_pids(theirs)),
            ],
            options.duration,
            options.repeat,
            options.connections,
        )
    print("\n### Uncached list page against Datasette (SQLite, 100k rounds)\n")
    print(f"tracker `{LIST_PATH}` · Datasette `{table}`", *options.datasette_setting)
    report(
        results,
        "Datasette",
        f"wrk -t2 -c{options.connections} -d{options.duration}, {options.repeat} rounds",
        2,
    )


def against_gunicorn(options):
    env = prepare("sqlite", "100k", False)
    env["DJANGO_PROXY_COUNT"] = "1"
    with gunicorn(env, free_port(), workers=2) as app, nginx(app, workers=2) as proxy:
        results = alternate(
            [
                ("gunicorn alone", app + LIST_PATH, server_pids(app)),
                ("through nginx", proxy + LIST_PATH, server_pids(proxy) | server_pids(app)),
            ],
            options.duration,
            options.repeat,
            options.connections,
        )
        seconds = edit_visible_after(env, proxy)
    print("\n### The list page through nginx against gunicorn alone (SQLite, 100k rounds)\n")
    print(f"`{LIST_PATH}`, page cache on in both, nginx with deploy/nginx-site.conf (2 workers)")
    report(
        results,
        "gunicorn alone",
        f"wrk -t2 -c{options.connections} -d{options.duration}, {options.repeat} rounds",
        10,
    )
    print(
        f"\nAn edit (a partner on the page renamed) showed through the proxy after "
        f"**{seconds:.1f} s** (polling every 0.25 s; the stated bound is "
        "DJANGO_PROXY_CACHE_SECONDS = 10 s plus one revalidation)."
    )


def edit_visible_after(env, proxy):
    """Rename the first partner on the page, poll the proxy until it shows, rename it back."""
    url = proxy + LIST_PATH

    def rename(suffix):
        script = (
            "from agreements.models import Agreement;"
            "a = Agreement.objects.filter(status='signed').order_by('partner__name', 'pk')"
            ".select_related('partner').first(); p = a.partner;"
            f"p.name = p.name.removesuffix(' (renamed)') + {suffix!r}; p.save(); print(p.name)"
        )
        command = [PYTHON, "manage.py", "shell", "-c", script]
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        return result.stdout.strip().splitlines()[-1]  # after the shell's own messages

    urllib.request.urlopen(url).read()
    name = rename(" (renamed)")
    edited = time.monotonic()
    try:
        while name.encode() not in urllib.request.urlopen(url).read():
            if time.monotonic() - edited > 120:
                return float("inf")
            time.sleep(0.25)
        return time.monotonic() - edited
    finally:
        rename("")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("baseline", choices=["datasette", "nginx"])
    parser.add_argument("--duration", default="5s")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--datasette-setting",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a Datasette setting, e.g. suggest_facets=off (its facet suggestions cost most)",
    )
    options = parser.parse_args()
    os.chdir(ROOT)
    machine_facts()
    {"datasette": against_datasette, "nginx": against_gunicorn}[options.baseline](options)


if __name__ == "__main__":
    main()
