"""`make fixtures` rebuilds the committed seed fixture from the seed articles, byte for byte."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


pytestmark = pytest.mark.slow  # make runs migrate, two imports and dumpdata in subprocesses


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_fixtures_reproduces_the_committed_seed_fixture(tmp_path):
    output = tmp_path / "seed.json"
    # -o: never (re)install from a test; BIN: this interpreter's environment.
    command = [
        "make",
        "--no-print-directory",
        "fixtures",
        "-o",
        "install",
        "-o",
        ".venv/.installed",
    ]
    variables = {
        "BIN": Path(sys.executable).parent,
        "FIXTURE_DB": tmp_path / "fixtures.sqlite3",
        "SEED_FIXTURE": output,
    }
    subprocess.run(
        command + [f"{name}={value}" for name, value in variables.items()],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert output.read_bytes() == (ROOT / "fixtures" / "seed.json").read_bytes()
