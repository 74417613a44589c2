"""Numbered notes for the citations of one page: each quote listed once, however many facts cite it.

A page shows a compact marker ("[2]") beside each cited fact and, below, one numbered note per
distinct quote. Numbers follow the order in which the page cites them. Citations of the same
source whose quotes open with the same passage (compared as `quotes.normalise_quote_text` does)
share a note: a list quoted once per item ("12 countries have joined …: … Spain") shows its
opening once and each item after it. Citations without a quote (references: the source, and a
note in our own words of what it states) share one note per source, which lists each statement
with the facts citing it. No database here, e.g.

    >>> from types import SimpleNamespace as Row
    >>> report = Row(pk=7, title="Talks begin")
    >>> def citation(quote, note=""):
    ...     return Row(pk=1, source=report, source_id=7, quote=quote, note=note)
    >>> notes = CitationNotes()
    >>> [n.number for n in notes.cite([citation("Talks began.")], label="Round 1")]
    [1]
    >>> [n.number for n in notes.cite([citation("Talks  began."), citation("")], label="Round 2")]
    [1, 2]
    >>> [(n.number, n.cited_for) for n in notes]
    [(1, ['Round 1', 'Round 2']), (2, ['Round 2'])]
    >>> joined = notes.cite([citation("Joined: … Spain")], label="Spain")
    >>> joined = notes.cite([citation("Joined: … Peru")], label="Peru")
    >>> joined[0].opening, [(tail.text, tail.cited_for) for tail in joined[0].tails]
    ('Joined:', [('Spain', ['Spain']), ('Peru', ['Peru'])])
"""

import re
from dataclasses import dataclass, field

from .quotes import normalise_quote_text

OMISSION = re.compile(r"\s*(?:…|\.\.\.)\s*")


def split_opening(quote):
    """The quote's first passage and the rest after the first omission mark ("" if none)."""
    parts = OMISSION.split(quote.strip(), maxsplit=1)
    return parts[0], (parts[1] if len(parts) > 1 else "")


@dataclass
class Tail:
    """What follows a shared opening in some of a note's quotes, and the facts citing it."""

    text: str
    cited_for: list = field(default_factory=list)

    @property
    def labels_not_in_text(self):
        """The labels the text does not already name ("Spain" after "… Spain" goes unsaid)."""
        return [label for label in self.cited_for if label.casefold() not in self.text.casefold()]


@dataclass
class Note:
    """One numbered entry of a page's notes: a source and its quote (or none), and what cites it.

    `citation` is the first citation of the group (its pk names the marked passage on the
    source's page); `own_words` the distinct notes editors wrote in their own words; `cited_for`
    the labels of the facts citing it, in page order. When the quotes differ after a shared
    `opening`, `tails` holds each distinct continuation with the facts citing it.
    """

    number: int
    citation: object
    own_words: list = field(default_factory=list)
    cited_for: list = field(default_factory=list)
    _tails: dict = field(default_factory=dict)
    _statements: dict = field(default_factory=dict)

    @property
    def source(self):
        return self.citation.source

    @property
    def quote(self):
        return self.citation.quote

    @property
    def opening(self):
        return split_opening(self.quote)[0]

    @property
    def tails(self):
        """The continuations, when the quotes differ after their opening; else []."""
        return list(self._tails.values()) if len(self._tails) > 1 else []

    @property
    def statements(self):
        """Of a reference: each distinct note in our own words, with the facts citing it."""
        return list(self._statements.values())

    def add(self, citation, label):
        note = (citation.note or "").strip()
        if label and label not in self.cited_for:
            self.cited_for.append(label)
        if not citation.quote:
            statement = self._statements.setdefault(normalise_quote_text(note), Tail(note))
            if label and label not in statement.cited_for:
                statement.cited_for.append(label)
            return
        if note and note not in self.own_words:
            self.own_words.append(note)
        tail_text = split_opening(citation.quote or "")[1]
        tail = self._tails.setdefault(normalise_quote_text(tail_text), Tail(tail_text))
        if label and label not in tail.cited_for:
            tail.cited_for.append(label)


def note_key(citation):
    """What makes two citations one note: the same source and opening passage of the quote, or,
    without a quote, the same source."""
    opening = normalise_quote_text(split_opening(citation.quote or "")[0])
    if opening:
        return (citation.source_id, "quote", opening)
    return (citation.source_id, "reference")


class CitationNotes:
    """The numbered notes of one page, in the order the page cites them."""

    def __init__(self):
        self._by_key = {}

    def cite(self, citations, *, label=""):
        """The notes for `citations` (one fact's), numbered on first use, in number order."""
        found = {}
        for citation in citations:
            key = note_key(citation)
            note = self._by_key.get(key)
            if note is None:
                note = self._by_key[key] = Note(number=len(self._by_key) + 1, citation=citation)
            note.add(citation, str(label))
            found[note.number] = note
        return [found[number] for number in sorted(found)]

    def __iter__(self):
        return iter(self._by_key.values())

    def __len__(self):
        return len(self._by_key)


# How the importer and the "mark signed" action name what a quote supports, as readers say it.
SUPPORTED_FACTS = {"signed": "signing date", "status signed": "status: signed"}


def supports_phrase(supports):
    """What a citation supports, as a reader says it, each fact once, e.g.

    >>> supports_phrase("status signed, signed")
    'status: signed, signing date'
    >>> supports_phrase("status, signed, status")
    'status, signing date'
    """
    facts = [part.strip() for part in supports.split(",") if part.strip()]
    said = [SUPPORTED_FACTS.get(fact.casefold(), fact) for fact in facts]
    return ", ".join(dict.fromkeys(said))
