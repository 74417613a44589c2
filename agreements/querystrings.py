"""Canonical query strings: one URL for one page, whatever a link or a form added to it.

Pure Python. A page declares the parameters it reads (`query_parameters` on its view); its
canonical query string keeps those, in that order, without empty values or repeats, so that

    >>> from urllib.parse import parse_qsl
    >>> canonical_query(parse_qsl("utm=1&status=signed&q=&status=negotiating&status=signed",
    ...                           keep_blank_values=True), ["q", "status"])
    'status=negotiating&status=signed'

a form submitted without JavaScript (every empty field included), a link with tracking
parameters and a hand-written URL all lead to the same address, and the page cache stores each
page once.
"""

from urllib.parse import urlencode


def canonical_query(pairs, parameters):
    """The query string of `pairs` ((name, value) in any order) for a page reading `parameters`:
    only those names, in that order, each value once (sorted), empty values left out."""
    values = {name: set() for name in parameters}
    for name, value in pairs:
        if name in values and value.strip():
            values[name].add(value)
    return urlencode([(name, value) for name in parameters for value in sorted(values[name])])
