"""Distinct searches against gunicorn while probing /healthz and cached pages (loopback only).

    .venv/bin/python bench/search_flood.py --database postgres://postgres@127.0.0.1:5432/tracker_bench_100k

gunicorn serves the given (already filled) database with production settings on 127.0.0.1;
`wrk -c50 -d30s` sends searches that are all different (each one a page-cache miss: a common
word of the generated data `or` a word nobody wrote, so each search is as broad as that word);
meanwhile one probe every 0.5 s asks for /healthz and for two pages cached before the run, each
with a 15 s timeout. Prints the figures as Markdown for bench/RESULTS.md. Bounded: at most
120 s and 200 connections.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import WRK, environment, free_port, gunicorn, parse_wrk

# Words of generate_demo_data's texts, from very common to rare.
WORDS = [
    "round",
    "negotiations",
    "security",
    "agreement",
    "delegation",
    "Kyiv",
    "Brussels",
    "Geneva",
    "Warsaw",
    "Vilnius",
    "video",
    "talks",
    "synthetic",
    "Melnyk",
    "Kovalenko",
    "Olena",
    "Taras",
    "minister",
    "defence",
    "adviser",
    "signed",
    "force",
    "declaration",
    "support",
]

LUA = """
words = {%s}
counter = 0
broad = 0
threads = {}
setup = function(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
request = function()
  counter = counter + 1
  local word = words[(counter %% #words) + 1]
  local q = word .. "+or+nothing" .. id .. "x" .. counter
  return wrk.format("GET", "/en/agreements/?q=" .. q)
end
response = function(status, headers, body)
  if string.find(body, "took too long", 1, true) then broad = broad + 1 end
end
done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("broad") end
  io.write(string.format("too broad: %%d\\n", total))
end
"""

PROBES = ["/healthz", "/en/agreements/", "/en/"]


def probe(url, stop, times):
    while not stop.is_set():
        for path in PROBES:
            started = time.monotonic()
            try:
                with urllib.request.urlopen(url + path, timeout=15) as response:
                    response.read()
                    ok = response.status == 200
            except OSError:
                ok = False
            times.setdefault(path, []).append((time.monotonic() - started, ok))
        stop.wait(0.5)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="a filled database URL")
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--timeout", default="10s", help="wrk's time-out per request")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server")
    args = parser.parse_args()
    seconds = min(args.seconds, 120)
    connections = min(args.connections, 200)
    extra = dict(item.split("=", 1) for item in args.env)

    env = environment(args.database, **extra)
    port = free_port()
    with gunicorn(env, port, workers=args.workers, threads=args.threads) as url:
        for path in PROBES:  # cached before the flood
            urllib.request.urlopen(url + path, timeout=60).read()
        stop, times = threading.Event(), {}
        prober = threading.Thread(target=probe, args=(url, stop, times))
        prober.start()
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(LUA % ", ".join(f'"{word}"' for word in WORDS))
            script.flush()
            command = [
                WRK,
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                f"--timeout={args.timeout}",
                "--latency",
                "-s",
                script.name,
                url,
            ]
            output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        stop.set()
        prober.join()

    figures = parse_wrk(output)
    broad = output.split("too broad: ")[-1].split()[0] if "too broad: " in output else "?"
    print(f"gunicorn --workers {args.workers} --threads {args.threads}; ", end="")
    print(f"wrk -t2 -c{connections} -d{seconds}s --timeout {args.timeout}")
    print()
    print(
        "| distinct searches | answers | per s | non-2xx | time-outs/socket errors | "
        "“too broad” | p50 | p99 |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print(
        f"| {figures['requests']} | {figures['requests'] - figures['non_2xx_3xx']} | "
        f"{figures['rps']:.0f} | {figures['non_2xx_3xx']} | {figures['socket_errors']} | {broad} "
        f"| {figures['p50']} | {figures['p99']} |"
    )
    print()
    print("| probe (every 0.5 s) | answers | failed | median ms | max ms | over 1 s |")
    print("| --- | --- | --- | --- | --- | --- |")
    for path in PROBES:
        results = times.get(path, [])
        durations = [seconds * 1000 for seconds, _ in results]
        failed = sum(1 for _, ok in results if not ok)
        print(
            f"| `{path}` | {len(results)} | {failed} | {statistics.median(durations):.0f} | "
            f"{max(durations):.0f} | {sum(1 for d in durations if d > 1000)} |"
        )
    print()
    print("```")
    print(output.strip())
    print("```")


if __name__ == "__main__":
    main()
