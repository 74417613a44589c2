"""python manage.py score_import — how well the importer reads the corpus of news articles.

Imports every article of `tests/corpus/<lang>/` as an editor would (no publication date given)
inside one transaction that is rolled back at the end, so the database is left as it was, and
compares the candidates with each article's key. What counts as found, found exactly, a
must-not hit and an unmatched proposal is set out in `agreements.importing.score`.

Prints one line per article and the totals; `--json` prints the same as JSON; `--verbose` lists
what each article missed, proposed without a match, and got wrong.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from agreements.importing import import_article
from agreements.importing.score import Totals, corpus_articles, score_article

CORPUS = Path(settings.BASE_DIR) / "tests" / "corpus"


class Rollback(Exception):
    """Raised to undo the scoring imports."""


class Command(BaseCommand):
    help = (
        "Import the corpus of news articles into a transaction that is rolled back and print, "
        "per article and in total, recall of key facts, recall with exact dates, must-not "
        "hits, unmatched proposals and publication dates found."
    )

    def add_arguments(self, parser):
        parser.add_argument("--lang", choices=["en", "uk"], action="append", default=[])
        parser.add_argument("--corpus", default=str(CORPUS), help="Folder with en/ and uk/.")
        parser.add_argument("--json", action="store_true", help="Machine-readable output.")
        parser.add_argument("--verbose", action="store_true", help="Show misses and hits.")

    def handle(self, *args, **options):
        languages = options["lang"] or ["en", "uk"]
        pairs = corpus_articles(options["corpus"], languages)
        scores = []
        try:
            with transaction.atomic():
                scores = [score_article(article, key, import_article) for article, key in pairs]
                raise Rollback
        except Rollback:
            pass
        totals = {language: Totals() for language in languages}
        overall = Totals()
        for score in scores:
            totals[score.language if score.language in totals else languages[0]].add(score)
            overall.add(score)
        if options["json"]:
            report = {
                "articles": [score.as_dict() for score in scores],
                "totals": {language: total.as_dict() for language, total in totals.items()},
                "overall": overall.as_dict(),
            }
            self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False, default=str))
            return
        self.stdout.write(
            f"{'article':44} {'facts':>5} {'found':>5} {'exact':>5} {'must-not':>8} "
            f"{'unmatched':>9}  published (key / found)"
        )
        for score in scores:
            mark = "" if score.published_right else "  ✗"
            self.stdout.write(
                f"{score.name[:44]:44} {score.facts:5} {score.found:5} {score.exact:5} "
                f"{len(score.must_not_hits):8} {len(score.unmatched):9}  "
                f"{score.published_expected or '-'} / {score.published_found or '-'}{mark}"
            )
            if score.error:
                self.stdout.write(self.style.ERROR(f"    error: {score.error}"))
            if options["verbose"]:
                for fact in score.missed:
                    self.stdout.write(f"    missed: {fact}")
                for item in score.inexact:
                    self.stdout.write(f"    date: {item}")
                for hit in score.must_not_hits:
                    self.stdout.write(self.style.ERROR(f"    MUST NOT: {hit}"))
                for proposal in score.unmatched:
                    self.stdout.write(f"    unmatched: {proposal}")
        for language, total in [*totals.items(), ("all", overall)]:
            figures = total.as_dict()
            self.stdout.write(
                f"{language}: {figures['articles']} articles, {figures['facts']} key facts: "
                f"recall {figures['recall']}% ({figures['found']}), exact dates "
                f"{figures['exact_recall']}% ({figures['exact']}), must-not hits "
                f"{figures['must_not_hits']}, unmatched proposals {figures['unmatched']}, "
                f"publication date right {figures['published_rate']}% "
                f"({figures['published_right']}/{figures['articles']}), errors {figures['errors']}"
            )
