"""Read what a page shows, parsed rather than cut with regular expressions: the text of the
element with a given id, white space collapsed (`text_of`, or `texts_of` for all those whose id
starts with a prefix), a table's rows (`rows_of`), a list's items (`items_of`), ids and
headings in page order (`ids_of`, `outline`), and the page's elements with their attributes
(`elements`) and links (`links`)."""

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _ElementText(HTMLParser):
    def __init__(self, element_id):
        super().__init__(convert_charrefs=True)
        self.element_id = element_id
        self.depth = 0  # > 0 while inside the element
        self.found = False
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            if tag not in VOID:
                self.depth += 1
        elif dict(attrs).get("id") == self.element_id and not self.found:
            self.found = True
            self.depth = 0 if tag in VOID else 1

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def text_of(html, element_id):
    """The visible text inside the element with `element_id`; AssertionError when absent."""
    parser = _ElementText(element_id)
    parser.feed(html)
    assert parser.found, f"no element with id={element_id!r}"
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


class _Texts(HTMLParser):
    def __init__(self, prefix):
        super().__init__(convert_charrefs=True)
        self.prefix = prefix
        self.texts = {}
        self.reading = None  # the id of the element being read
        self.depth = 0  # > 0 while inside it
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            if tag not in VOID:
                self.depth += 1
            return
        element_id = dict(attrs).get("id") or ""
        if element_id.startswith(self.prefix) and tag not in VOID:
            self.reading, self.depth, self.parts = element_id, 1, []

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID:
            self.depth -= 1
            if not self.depth:
                self.texts[self.reading] = re.sub(r"\s+", " ", "".join(self.parts)).strip()

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def texts_of(html, prefix):
    """{id: visible text} of the elements whose id starts with `prefix`, in page order, read in
    one pass (`text_of` for each would read the page once per element)."""
    parser = _Texts(prefix)
    parser.feed(html)
    return parser.texts


def page_text(response):
    """The text of the page's <main> element."""
    return text_of(response.content.decode(), "main")


class _Rows(HTMLParser):
    def __init__(self, prefix, within):
        super().__init__(convert_charrefs=True)
        self.prefix = prefix
        self.within = within  # an element id, or None for the whole page
        self.depth = 0 if within else 1  # > 0 while inside `within`
        self.rows = {}
        self.row = None  # the cells of the row being read
        self.cell = None  # the parts of the cell being read

    def handle_starttag(self, tag, attrs):
        row_id = dict(attrs).get("id") or ""
        if self.within and tag not in VOID and (self.depth or row_id == self.within):
            self.depth += 1
        if not self.depth:
            return
        if tag == "tr" and row_id.startswith(self.prefix):
            self.row = self.rows[row_id] = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if self.within and self.depth and tag not in VOID:
            self.depth -= 1
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr":
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def rows_of(html, prefix, within=None):
    """{row id: [text of each cell]} of the table rows whose id starts with `prefix` (inside the
    element with id `within`, if given), in page order: what a reader sees, to compare whole."""
    parser = _Rows(prefix, within)
    parser.feed(html)
    return parser.rows


def items_of(html, list_id):
    """The text of each item of the list with id `list_id`, in order."""
    parser = _Items(list_id)
    parser.feed(html)
    assert parser.found, f"no element with id={list_id!r}"
    return parser.items


class _Items(_ElementText):
    """The text of each <li> directly inside the element (lists are not nested in ours)."""

    def __init__(self, element_id):
        super().__init__(element_id)
        self.items = []

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        if tag == "li" and self.depth == 2:
            self.parts = []

    def handle_endtag(self, tag):
        if tag == "li" and self.depth == 2:
            self.items.append(re.sub(r"\s+", " ", "".join(self.parts)).strip())
        super().handle_endtag(tag)


class _Ids(HTMLParser):
    def __init__(self, prefix):
        super().__init__(convert_charrefs=True)
        self.prefix = prefix
        self.ids = []

    def handle_starttag(self, tag, attrs):
        element_id = dict(attrs).get("id") or ""
        if element_id.startswith(self.prefix):
            self.ids.append(element_id)


def ids_of(html, prefix):
    """The ids starting with `prefix` of the page's elements, in page order."""
    parser = _Ids(prefix)
    parser.feed(html)
    return parser.ids


class _Outline(HTMLParser):
    def __init__(self, wanted):
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.texts = []
        self.open = None  # (tag, parts) of the element being read

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if self.open is None and any(
            tag == want.split(".")[0] and set(want.split(".")[1:]) <= classes
            for want in self.wanted
        ):
            self.open = (tag, [])

    def handle_endtag(self, tag):
        if self.open is not None and tag == self.open[0]:
            self.texts.append(re.sub(r"\s+", " ", "".join(self.open[1])).strip())
            self.open = None

    def handle_data(self, data):
        if self.open is not None:
            self.open[1].append(data)


def outline(html, *wanted):
    """The text of each element matching one of `wanted` ("h2", "p.event-title" …), in page
    order: a page's structure, to compare whole."""
    parser = _Outline(wanted)
    parser.feed(html)
    return parser.texts


class _Elements(HTMLParser):
    def __init__(self, within):
        super().__init__(convert_charrefs=True)
        self.within = within  # an element id, or None for the whole page
        self.depth = 0  # > 0 while inside `within`
        self.found = within is None
        self.elements = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.within is None or self.depth:
            self.elements.append((tag, attrs))
            if self.depth and tag not in VOID:
                self.depth += 1
            return attrs
        if attrs.get("id") == self.within and not self.found:
            self.found = True
            self.depth = 0 if tag in VOID else 1
        return None

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID:
            self.depth -= 1


def elements(html, within=None):
    """(tag, {attribute: value}) of each element of the page, in page order; only those inside
    the element with id `within`, if given. A value-less attribute (`checked`) has None."""
    parser = _Elements(within)
    parser.feed(html)
    assert parser.found, f"no element with id={within!r}"
    return parser.elements


class _Links(_Elements):
    def __init__(self, within):
        super().__init__(within)
        self.links = []
        self.link = None  # (parts of the text, address) of the link being read

    def handle_starttag(self, tag, attrs):
        attrs = super().handle_starttag(tag, attrs)  # None outside `within`
        if tag == "a" and attrs and attrs.get("href") is not None:
            self.link = ([], attrs["href"])

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        if tag == "a" and self.link is not None:
            parts, href = self.link
            self.links.append((re.sub(r"\s+", " ", "".join(parts)).strip(), href))
            self.link = None

    def handle_data(self, data):
        if self.link is not None:
            self.link[0].append(data)


def links(html, within=None):
    """(text, address) of each link (<a href>) of the page, or inside the element with id
    `within`, in page order; the address as written, character references resolved."""
    parser = _Links(within)
    parser.feed(html)
    assert parser.found, f"no element with id={within!r}"
    return parser.links
