"""The exports' trade-off: streamed rows against the whole file held in memory or in the cache.

    .venv/bin/python bench/exports.py 10k 100k    # on the SQLite databases of bench/run.py

For the CSV and JSON export of every agreement (5 000 at 100k): the CPU time to produce the
whole streamed response in-process (SQLite is in-process too; CPU time because wall time on a
shared machine is mostly other people's load), the peak memory a request holds while streaming
(chunk by chunk, each sent and dropped) against holding the whole file (what serving it whole,
or storing it in the page cache, needs), the file's size, and the CPU time to read the whole
file back from the shared cache (the database cache table, as deployed without Redis).
Prints Markdown.
"""

import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPEAT = 5


def measure():
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    print(
        "| export | rows | size | streamed: CPU ms | peak memory streaming |"
        " peak memory whole file | whole file from the cache: CPU ms |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    from agreements.models import Agreement

    rows = Agreement.objects.count()
    for url in ["/en/agreements/export.csv", "/en/agreements/export.json"]:
        with override_settings(PAGE_CACHE_SECONDS=0):
            times = []
            for _ in range(REPEAT):
                started = time.process_time()
                body = b"".join(client.get(url).streaming_content)
                times.append((time.process_time() - started) * 1000)
            streaming = peak(lambda url=url: sum(1 for _ in client.get(url).streaming_content))
            whole = peak(lambda url=url: b"".join(client.get(url).streaming_content))
        cache.set("bench:export", body, 60)
        reads = []
        for _ in range(REPEAT):
            started = time.process_time()
            cache.get("bench:export")
            reads.append((time.process_time() - started) * 1000)
        cache.delete("bench:export")
        print(
            f"| `{url}` | {rows} | {len(body) / 1024:.0f} KiB | {statistics.median(times):.0f} | "
            f"{streaming / 1024:.0f} KiB | {whole / 1024:.0f} KiB | "
            f"{statistics.median(reads):.1f} |"
        )


def peak(produce):
    tracemalloc.start()
    produce()
    _, highest = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return highest


def main():
    if os.environ.get("DATABASE_URL"):
        return measure()
    from bench.run import prepare
    from tests.live_server import PYTHON, ROOT

    for size in sys.argv[1:] or ["100k"]:  # e.g. `bench/exports.py 10k 100k`
        env = prepare("sqlite", size, False)
        subprocess.run([PYTHON, __file__], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()
