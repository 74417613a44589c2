"""An editor imports a folder of articles from the command line; bad files are named and skipped."""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agreements.models import Agreement, CandidateFact, Source
from agreements.partial_dates import PartialDate

from .test_importing import START, THIRD_ROUND

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_article", *map(str, args), stdout=out, stderr=err)
        failed = None
    except CommandError as error:
        failed = str(error)
    return out.getvalue(), err.getvalue(), failed


def test_a_folder_of_articles_shows_progress_and_a_summary(tmp_path):
    out, err, failed = run(START, THIRD_ROUND, "--published", "2024")
    assert failed is None and err == ""
    lines = out.splitlines()
    assert lines[0].startswith(f"[1/2] {START}: new source “")
    assert lines[0].endswith("34 candidate facts")
    assert lines[1].startswith(f"[2/2] {THIRD_ROUND}: new source “")
    assert lines[-1] == "2 files: 2 new, 0 duplicate, 55 candidate facts to review, 0 errors"
    assert Source.objects.count() == 2


def test_importing_again_says_so_and_stores_nothing(tmp_path):
    run(START)
    out, _, failed = run(START)
    assert failed is None
    assert "already imported as “ukraine-and-the-united-states-have-started-negotiations" in out
    assert out.splitlines()[-1] == (
        "1 file: 0 new, 1 duplicate, 0 candidate facts to review, 0 errors"
    )
    assert Source.objects.count() == 1
    assert CandidateFact.objects.count() == 34


def test_the_command_line_options_describe_the_source():
    run(
        THIRD_ROUND,
        "--published",
        "2024",
        "--date-note",
        "Undated; 2024 from its content.",
        "--publisher",
        "Example Press",
        "--url",
        "https://example.org/a",
        "--slug",
        "third-round",
    )
    source = Source.objects.get()
    assert (source.slug, source.publisher, source.url) == (
        "third-round",
        "Example Press",
        "https://example.org/a",
    )
    assert (source.published_on.iso, source.date_note) == (
        "2024",
        "Undated; 2024 from its content.",
    )
    assert source.language == "en"


def bad_files(tmp_path):
    files = {
        "empty file": tmp_path / "empty.txt",
        "binary file, not text": tmp_path / "photo.jpg",
        "not valid UTF-8 (byte 5)": tmp_path / "latin1.txt",
        "too large (5.0 MB; the limit is 5 MB)": tmp_path / "huge.txt",
        "no such file": tmp_path / "missing.txt",
        "is a directory": tmp_path / "folder",
    }
    files["empty file"].write_bytes(b"  \n\n")
    files["binary file, not text"].write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 20)
    files["not valid UTF-8 (byte 5)"].write_bytes("Kyiv – Київ, café".encode("cp1251", "replace"))
    files["too large (5.0 MB; the limit is 5 MB)"].write_bytes(b"a" * (5 * 1024 * 1024 + 1))
    files["is a directory"].mkdir()
    return files


def test_each_bad_file_is_named_with_its_reason_and_the_others_are_imported(tmp_path):
    files = bad_files(tmp_path)
    out, err, failed = run(*files.values(), START)
    errors = err.splitlines()
    assert len(errors) == len(files)
    for line, (reason, path) in zip(errors, files.items(), strict=True):
        assert line.endswith(f"{path}: error: {reason}"), line
    assert f"[7/7] {START}: new source" in out
    assert failed == "7 files: 1 new, 0 duplicate, 34 candidate facts to review, 6 errors"
    assert list(Source.objects.values_list("title", flat=True)) == [
        "Ukraine and the United States have started negotiations on bilateral obligations in "
        "the field of security"
    ]


# Kernel files that are write-only for everyone: opening them for reading is refused even to
# root, whose CAP_DAC_OVERRIDE reads any ordinary file whatever its mode (CI runs as root).
WRITE_ONLY_KERNEL_FILES = ["/proc/sys/vm/drop_caches", "/proc/sys/vm/compact_memory"]


@pytest.fixture
def unreadable_file(tmp_path):
    """A path whose reading the operating system refuses: a mode-0 file, or for root a
    write-only kernel file."""
    if os.geteuid() != 0:
        path = tmp_path / "secret.txt"
        path.write_text("Ukraine and Japan started negotiations.")
        path.chmod(0)
        return path
    for name in WRITE_ONLY_KERNEL_FILES:
        path = Path(name)
        try:
            path.read_bytes()
        except PermissionError:
            return path
        except OSError:
            continue
    pytest.skip("running as root without a write-only /proc/sys file to stand for one")


def test_an_unreadable_file_is_reported_and_the_others_are_imported(unreadable_file):
    _, err, failed = run(unreadable_file, START)
    assert err.strip() == f"[1/2] {unreadable_file}: error: permission denied"
    assert failed == "2 files: 1 new, 0 duplicate, 34 candidate facts to review, 1 error"
    assert Source.objects.count() == 1


def test_a_file_whose_reading_fails_is_reported():
    # Reading a process's memory from offset 0 (an address never mapped) fails with EIO, for
    # root too.
    path = Path("/proc/self/mem")
    if not path.exists():
        pytest.skip("no /proc/self/mem on this system")
    _, err, failed = run(path)
    assert err.strip() == f"[1/1] {path}: error: cannot read: Input/output error"
    assert failed and not Source.objects.exists()


@pytest.mark.parametrize(
    "line, reason",
    [
        ("date 2024-13", "“2024-13” has no month 13"),
        ("date 2024-02-30", "“2024-02-30” is not a real calendar date"),
    ],
)
def test_a_malformed_date_line_is_reported_and_the_others_are_imported(tmp_path, line, reason):
    path = tmp_path / "talks.txt"
    path.write_text(f"{line}\n\nUkraine and Poland started negotiations on a security agreement.\n")
    out, err, failed = run(path, START)
    assert err.splitlines() == [f"[1/2] {path}: error: the date line “{line}”: {reason}"]
    assert f"[2/2] {START}: new source" in out
    assert failed == "2 files: 1 new, 0 duplicate, 34 candidate facts to review, 1 error"
    assert list(Source.objects.values_list("published_on", flat=True)) == [PartialDate(2023, 8)]
    assert not CandidateFact.objects.filter(values__partner="PL").exists()


@pytest.mark.parametrize("published", ["2024-13", "yesterday", "2024-02-30", "24"])
def test_an_unparseable_publication_date_stops_before_anything_is_stored(published):
    _, _, failed = run(START, "--published", published)
    assert failed.startswith("--published “")
    assert "\n" not in failed
    assert not Source.objects.exists()


def test_text_that_is_only_page_furniture_is_refused(tmp_path):
    path = tmp_path / "footer.txt"
    path.write_text(
        "Свіжі дописи\n\n  • Новини\n\nSunday January 5th, 2025\n\nЦей сайт використовує Cookies.\n"
    )
    _, err, failed = run(path)
    assert err.strip().endswith(
        f"{path}: error: no article text: only page furniture (navigation, notices) found"
    )
    assert failed and not Source.objects.exists()


def test_a_slug_taken_by_another_article_is_refused(tmp_path):
    run(START, "--slug", "talks")
    _, err, failed = run(THIRD_ROUND, "--slug", "talks")
    assert err.strip().endswith(f"{THIRD_ROUND}: error: the slug “talks” belongs to another source")
    assert failed and Source.objects.count() == 1


def test_a_publication_date_in_the_future_is_refused(tmp_path):
    _, err, failed = run(START, "--published", "2999")
    assert "error: published: 2999 is in the future." in err
    assert failed and not Source.objects.exists()


def test_accept_candidates_takes_older_articles_first_whatever_the_import_order():
    run(THIRD_ROUND, "--published", "2024")
    run(START)
    out = StringIO()
    call_command("accept_candidates", stdout=out)
    assert out.getvalue() == "55 accepted, 0 could not be accepted\n"
    us = Agreement.objects.get(partner__iso2="US")
    rounds = {r.number: r for r in us.rounds.all()}
    assert not rounds[1].is_implied and rounds[1].date.iso == "2023-08-03"
    assert rounds[2].is_implied and not rounds[2].date
    assert Agreement.objects.signed().count() == 9


def test_accept_candidates_reports_what_it_cannot_accept():
    run(START)
    CandidateFact.objects.filter(kind="declaration").delete()  # the signatories' declaration
    err = StringIO()
    with pytest.raises(CommandError, match="13 accepted, 19 could not be accepted"):
        call_command("accept_candidates", stdout=StringIO(), stderr=err)
    assert "There is no declaration “g7-joint-declaration-2023” yet" in err.getvalue()
    assert CandidateFact.objects.pending().count() == 19


def test_a_publication_date_before_1991_is_refused(tmp_path):
    _, err, failed = run(START, "--published", "1990")
    assert "error: published: 1990 is before 1991: the tracker records nothing" in err
    assert failed and not Source.objects.exists()
