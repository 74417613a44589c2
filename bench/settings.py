"""The production settings plus one extra URL: a trivial view to compare throughput against.

Only the benchmarks use this module (DJANGO_SETTINGS_MODULE=bench.settings); it is not part of
the installed package, so the trivial view never ships to users.
"""

from tracker.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
