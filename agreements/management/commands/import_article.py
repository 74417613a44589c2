"""python manage.py import_article PATH... — articles in, sources and candidate facts out."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agreements.importing import ArticleError, import_article, parse_published
from agreements.importing.text import MAX_BYTES


class Command(BaseCommand):
    help = (
        "Import news articles (UTF-8 text or simple HTML) as sources with candidate facts for "
        "review in admin. An article already imported (same normalised text) is skipped. "
        "A bad file is reported and skipped; the exit status is non-zero if any file failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--published", help="Publication date: YYYY, YYYY-MM or YYYY-MM-DD.")
        parser.add_argument("--date-note", default="", help="How the date was established.")
        parser.add_argument("--publisher", default="")
        parser.add_argument("--url", default="")
        parser.add_argument("--title", default="", help="Instead of the headline found.")
        parser.add_argument("--slug", default="", help="The source's slug (one PATH only).")
        parser.add_argument("--language", default="", help="BCP 47 code; found if not given.")
        parser.add_argument("--notes", default="", help="Editorial notes on the source.")

    def handle(self, *args, **options):
        paths = options["paths"]
        try:
            published = parse_published(options["published"]) if options["published"] else None
        except ArticleError as error:
            raise CommandError(str(error)) from None
        single = ["url", "title", "slug"]
        if len(paths) > 1 and any(options[name] for name in single):
            raise CommandError("--url, --title and --slug describe one article: give one PATH.")

        described = ["url", "publisher", "title", "date_note", "slug", "language", "notes"]
        description = {key: options[key] for key in described}
        totals = {"new": 0, "duplicate": 0, "candidates": 0, "errors": 0}
        for number, path in enumerate(paths, start=1):
            prefix = f"[{number}/{len(paths)}] {path}"
            try:
                raw = read(Path(path))
                result = import_article(raw, published=published, **description)
            except ArticleError as error:
                totals["errors"] += 1
                self.stderr.write(f"{prefix}: error: {error}")
                continue
            source = result.source
            if not result.created:
                totals["duplicate"] += 1
                self.stdout.write(f"{prefix}: already imported as “{source.slug}”; nothing new")
                continue
            totals["new"] += 1
            totals["candidates"] += len(result.candidates)
            self.stdout.write(
                f"{prefix}: new source “{source.slug}” ({source.published_on}), "
                f"{len(result.candidates)} candidate facts"
            )
            for warning in result.warnings:
                self.stdout.write(self.style.WARNING(f"{prefix}: warning: {warning}"))

        summary = (
            f"{len(paths)} file{'s' * (len(paths) != 1)}: {totals['new']} new, "
            f"{totals['duplicate']} duplicate, {totals['candidates']} candidate facts to review, "
            f"{totals['errors']} error{'s' * (totals['errors'] != 1)}"
        )
        if totals["errors"]:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))


def read(path):
    """The file's bytes, or ArticleError for a path that cannot be an article."""
    try:
        if path.is_dir():
            raise ArticleError("is a directory")
        if path.stat().st_size > MAX_BYTES:
            raise ArticleError(
                f"too large ({path.stat().st_size / 1024 / 1024:.1f} MB; the limit is "
                f"{MAX_BYTES // 1024 // 1024} MB)"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ArticleError("no such file") from None
    except PermissionError:
        raise ArticleError("permission denied") from None
    except OSError as error:
        raise ArticleError(f"cannot read: {error.strerror or error}") from None
