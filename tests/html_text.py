"""Read what a page shows: the text of the element with a given id, white space collapsed."""

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


def page_text(response):
    """The text of the page's <main> element."""
    return text_of(response.content.decode(), "main")
