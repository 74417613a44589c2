"""Cells written for spreadsheet programs (the CSV export): text that they cannot run."""

# A spreadsheet reads a cell beginning with one of these as a formula (or as one after the
# tab or carriage return it skips): `=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """`value` as a spreadsheet shows it but never evaluates it; other values unchanged.

    A leading apostrophe makes the cell text (OWASP's advice for CSV injection):

    >>> neutralise_formula("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise_formula("Ukraine–France"), neutralise_formula(3)
    ('Ukraine–France', 3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def spreadsheet_row(row):
    """A dict of cells with every text cell neutralised."""
    return {name: neutralise_formula(value) for name, value in row.items()}
