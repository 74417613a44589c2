"""Importing news articles: text in, a Source and pending candidate facts out.

`import_article()` is the one entry point, used by the `import_article` command and the admin's
"Import article" page. Submodules: `text` (decoding, HTML, headline and page-furniture
detection), `gazetteer` (country names → ISO codes), `dates` (dates resolved against the
publication date), `extract` (candidate facts), `accept` (turning a candidate into a fact).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext

from agreements.partial_dates import PartialDate

from .text import ArticleError, clean, decode, html_to_text, looks_like_html

__all__ = ["ArticleError", "ImportResult", "import_article", "parse_published"]


@dataclass
class ImportResult:
    source: object
    created: bool
    candidates: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def parse_published(text):
    """A PartialDate from "YYYY[-MM[-DD]]", or ArticleError saying what is wrong."""
    try:
        return PartialDate.parse(text)
    except ValueError as error:
        raise ArticleError(f"--published {error}") from None


def unique_slug(base, model):
    base = slugify(base)[:80].strip("-") or "article"
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def import_article(
    raw,
    *,
    url="",
    published=None,
    publisher="",
    title="",
    date_note="",
    slug="",
    language="",
    notes="",
):
    """Store an article (bytes) as a Source with pending candidates, unless it is known already.

    Raises ArticleError (one line, saying why) for input that is not an article; then nothing
    is stored.
    """
    from agreements.models import Source, content_fingerprint

    from .extract import extract

    text = decode(raw)
    html_title, html_published = "", None
    if looks_like_html(text):
        page = html_to_text(text)
        text, html_title, html_published = page.text, page.title, page.published
    article = clean(text, html_title=html_title, html_published=html_published)
    if not article.text.strip():
        raise ArticleError(
            gettext("no article text: only page furniture (navigation, notices) found")
        )
    existing = Source.objects.filter(fingerprint=content_fingerprint(article.text)).first()
    if existing:
        return ImportResult(existing, created=False)

    if slug and Source.objects.filter(slug=slug).exists():
        raise ArticleError(
            gettext("the slug “%(slug)s” belongs to another source") % {"slug": slug}
        )
    if published is None or not published.is_known:
        published = article.published
        date_note = date_note or article.date_note
    source = Source(
        slug=unique_slug(slug or article.title, Source),
        title=(title or article.title)[:300],
        publisher=publisher or article.publisher,
        url=url,
        published_on=published,
        date_note=date_note,
        language=language or article.language,
        text=article.text,
        notes=" ".join(filter(None, [notes, *article.notes])),
    )
    try:
        source.full_clean()
    except ValidationError as error:
        reasons = "; ".join(
            f"{Source._meta.get_field(name).verbose_name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
        raise ArticleError(reasons) from None
    proposals, warnings = extract(article.text, published, date_note, headline=article.title)
    for attempt in range(2):
        try:
            candidates = store(source, proposals)
        except IntegrityError:
            # Another import saved first (the slug is the lock: both took the same one). If it
            # was this article, that import won; otherwise take the next free slug once more.
            existing = Source.objects.filter(fingerprint=content_fingerprint(article.text)).first()
            if existing:
                note = gettext(
                    "Another import of this article finished first: it is stored once, as "
                    "“%(slug)s”; nothing new was stored."
                ) % {"slug": existing.slug}
                return ImportResult(existing, created=False, warnings=[note])
            if attempt or slug:
                raise ArticleError(
                    gettext("the slug “%(slug)s” was taken meanwhile") % {"slug": source.slug}
                ) from None
            source.pk, source.slug = None, unique_slug(article.title, Source)
        else:
            return ImportResult(source, created=True, candidates=candidates, warnings=warnings)
    raise AssertionError("unreachable")


def store(source, proposals):
    """The source and its candidates, in one transaction."""
    from agreements.models import CandidateFact

    with transaction.atomic():
        source.save()
        return CandidateFact.objects.bulk_create(
            CandidateFact(
                source=source,
                position=position,
                kind=proposal.kind,
                target=proposal.target,
                values=proposal.values,
                quote=proposal.quote,
                supports=proposal.supports,
                note=proposal.note,
            )
            for position, proposal in enumerate(proposals, start=1)
        )
