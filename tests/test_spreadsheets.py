"""Text cells a spreadsheet would evaluate are neutralised; nothing else changes."""

import pytest

from agreements.spreadsheets import neutralise_formula


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_a_formula_becomes_text(cell):
    assert neutralise_formula(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Ukraine–France", "", "1-2", "a=b", None, 7, -7])
def test_anything_else_is_unchanged(cell):
    assert neutralise_formula(cell) == cell
