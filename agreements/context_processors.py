"""Template context every page gets."""

from .citation_notes import CitationNotes


def citation_notes(request):
    """A fresh numbering of citations for each page rendered (see `{% cite %}`)."""
    return {"citation_notes": CitationNotes()}
