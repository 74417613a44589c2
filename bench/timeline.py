"""The timeline's keys: sorted whole in the database against read along the stored sort keys.

    .venv/bin/python bench/timeline.py          # on the 100k SQLite database of bench/run.py

For the first, a middle and the last page of 200 events (110 000 events at 100k), the CPU time
of getting the page's keys (count included) in two ways, in the same process:

- before: one UNION ALL of every event's key, the sort key computed from the partial date for
  every row, sorted and cut in the database (how the timeline was paged until the sort keys were
  stored);
- now: `EventKeys` over the stored, indexed sort keys (`agreements/timeline.py`).

Then the whole `/timeline/` page (page cache off) through Django's test client. Prints Markdown.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PER_PAGE = 200


def cpu_ms(produce, repeat=7):
    times = []
    for _ in range(repeat):
        started = time.process_time()
        produce()
        times.append((time.process_time() - started) * 1000)
    return min(times)


def measure():
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import override_settings

    from agreements import timeline
    from agreements.timeline import EventKeys, event_key_kinds, ordered

    stored_keyed = timeline.keyed

    def computing_keyed(
        queryset, event_type, date_field, tie, number=None, undated=False, *_, **__
    ):
        return stored_keyed(queryset, event_type, date_field, tie, number, undated)

    def computed_kinds():
        """The kinds with their sort keys computed from the dates, as before."""
        timeline.keyed = computing_keyed
        try:
            return event_key_kinds()
        finally:
            timeline.keyed = stored_keyed

    def before(start):
        keys = timeline.union_of(computed_kinds())
        keys.count()
        return list(ordered(keys)[start : start + PER_PAGE])

    def now(start):
        keys = EventKeys(event_key_kinds())
        keys.count()
        return keys[start : start + PER_PAGE]

    total = EventKeys(event_key_kinds()).count()
    print(f"{total} events\n")
    print("| page | keys before: CPU ms | keys now: CPU ms |")
    print("| --- | --- | --- |")
    for label, start in [
        ("first", 0),
        ("middle", total // 2),
        ("last", (total - 1) // PER_PAGE * PER_PAGE),
    ]:
        assert before(start) == now(start), label
        old, new = cpu_ms(lambda s=start: before(s)), cpu_ms(lambda s=start: now(s))
        print(f"| {label} | {old:.1f} | {new:.1f} |")
    client = Client()
    with override_settings(PAGE_CACHE_SECONDS=0):
        for path in ["/en/timeline/", "/en/timeline/?page=last"]:
            client.get(path)
            whole = cpu_ms(lambda p=path: client.get(p))
            print(f"\nWhole page `{path}`, page cache off: {whole:.0f} CPU ms")


def main():
    if os.environ.get("DATABASE_URL"):
        return measure()
    from bench.run import prepare
    from tests.live_server import PYTHON, ROOT

    env = prepare("sqlite", "100k", False)
    subprocess.run([PYTHON, __file__], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()
