"""Compact citations: numbered markers beside facts, each quote listed once in the page's notes."""

import doctest
from types import SimpleNamespace

from agreements import citation_notes
from agreements.citation_notes import CitationNotes, supports_phrase
from agreements.quotes import in_quotation_marks

REPORT = SimpleNamespace(pk=1, title="Talks begin")
OTHER = SimpleNamespace(pk=2, title="Talks go on")


def citation(quote, note="", source=REPORT):
    return SimpleNamespace(pk=None, source=source, source_id=source.pk, quote=quote, note=note)


def numbers(notes):
    return [note.number for note in notes]


def test_notes_are_numbered_in_the_order_the_page_cites_them():
    notes = CitationNotes()
    assert numbers(notes.cite([citation("B said."), citation("A said.")])) == [1, 2]
    assert numbers(notes.cite([citation("C said.")])) == [3]


def test_one_quote_cited_for_many_facts_is_one_note():
    notes = CitationNotes()
    for country in ["Spain", "Peru", "Chile"]:
        assert numbers(notes.cite([citation("All three signed.")], label=country)) == [1]
    assert [(note.number, note.cited_for) for note in notes] == [(1, ["Spain", "Peru", "Chile"])]


def test_the_same_words_from_another_source_are_another_note():
    notes = CitationNotes()
    notes.cite([citation("They signed.")])
    assert numbers(notes.cite([citation("They signed.", source=OTHER)])) == [2]


def test_a_list_quoted_once_per_item_shows_its_opening_once_and_each_item():
    notes = CitationNotes()
    for item in ["Spain", "the Netherlands"]:
        notes.cite([citation(f"Two states joined: … {item}")], label=item.removeprefix("the "))
    (note,) = notes
    assert note.opening == "Two states joined:"
    assert [(tail.text, tail.labels_not_in_text) for tail in note.tails] == [
        ("Spain", []),
        ("the Netherlands", []),
    ]


def test_a_reference_without_a_quote_is_a_note_of_its_own_with_its_own_words():
    notes = CitationNotes()
    notes.cite([citation("They signed.", note="Day from the article's date.")])
    (reference,) = notes.cite([citation("", note="The treaty text, article 3.")], label="Term")
    assert (reference.number, reference.quote) == (2, "")
    assert [(s.text, s.cited_for) for s in reference.statements] == [
        ("The treaty text, article 3.", ["Term"])
    ]


def test_the_citations_of_one_reference_share_its_note_each_statement_with_its_facts():
    notes = CitationNotes()
    notes.cite([citation("", note="Lead: signed in Kyiv.", source=OTHER)], label="Place")
    notes.cite([citation("", note="Lead: signed in Kyiv.", source=OTHER)], label="Date")
    (note,) = notes.cite(
        [citation("", note="Third paragraph: ten years.", source=OTHER)], label="Term"
    )
    assert len(notes) == 1
    assert [(s.text, s.cited_for) for s in note.statements] == [
        ("Lead: signed in Kyiv.", ["Place", "Date"]),
        ("Third paragraph: ten years.", ["Term"]),
    ]


def test_quotation_marks_are_added_only_where_the_quote_has_none():
    assert in_quotation_marks("Talks began.") == "“Talks began.”"
    assert in_quotation_marks("“We will sign,” he said.") == "“We will sign,” he said."
    assert in_quotation_marks('"We will sign," he said.') == '"We will sign," he said.'


def test_what_a_quote_supports_reads_as_plain_words_each_fact_once():
    assert supports_phrase("status signed, signed") == "status: signed, signing date"
    assert supports_phrase("status, signed") == "status, signing date"
    assert supports_phrase("date, Ukrainian lead, date") == "date, Ukrainian lead"


def test_the_examples_in_the_module_docstrings_hold():
    assert doctest.testmod(citation_notes).failed == 0
