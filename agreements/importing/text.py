"""From the bytes of a saved article to its own text: decoding, HTML, header, headline, footer.

A saved page often carries more than the article: navigation, a cookie notice, a list of
unrelated headlines (sometimes in another language). Those paragraphs are recognised by what
they look like, not by where they come from, and left out of the stored text.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from agreements.partial_dates import PartialDate

MAX_BYTES = 5 * 1024 * 1024


class ArticleError(ValueError):
    """The input cannot be imported; the message says why, in one line."""


def decode(raw):
    """The article's text from its bytes, or ArticleError for empty, binary or non-UTF-8 input."""
    if len(raw) > MAX_BYTES:
        raise ArticleError(
            f"too large ({len(raw) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_BYTES // 1024 // 1024} MB)"
        )
    if not raw.strip():
        raise ArticleError("empty file")
    if b"\x00" in raw[:8192]:
        raise ArticleError("binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(f"not valid UTF-8 (byte {error.start})") from None
    controls = sum(1 for char in text[:8192] if unicodedata.category(char) == "Cc")
    if controls > len(text[:8192]) * 0.05 + text[:8192].count("\n") + text[:8192].count("\t"):
        raise ArticleError("binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _HTMLText(HTMLParser):
    BLOCKS = {"p", "div", "section", "article", "br", "h1", "h2", "h3", "h4", "tr", "ul", "ol"}
    SKIP = {"script", "style", "nav", "noscript", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.title, self._skip, self._in_title = [], "", 0, False

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "li":
            self.parts.append("\n  • ")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(text):
    """(text, title) of simple HTML: paragraphs become blank-line separated, list items bullets."""
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    lines = [line.strip() if not line.lstrip().startswith("•") else line.rstrip()
             for line in "".join(parser.parts).split("\n")]  # fmt: skip
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return body, html.unescape(parser.title).strip()


def looks_like_html(text):
    return bool(re.search(r"<(html|body|p|div|article|h1)\b[^>]*>", text[:5000], re.IGNORECASE))


HEADER_RE = re.compile(r"\A\s*date[:\s]+(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:\s+|\Z)")

BOILERPLATE_RE = re.compile(
    r"cookie|privacy policy|all rights reserved|subscribe|read more|share this|"
    r"related (?:news|posts|articles)|latest news|follow us|©|"
    r"читати більше|свіжі дописи|новини|читайте також|підписуйтесь",
    re.IGNORECASE,
)
BARE_DATE_RE = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?,?"
    r"\s+\d{4}$"
)


def script_of(text):
    """The writing system most of `text`'s letters are in: "latin", "cyrillic", ... or ""."""
    counts = {}
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "").split(" ")[0].lower()
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.get) if counts else ""


@dataclass
class Article:
    """An article's own text and what was learnt on the way."""

    text: str
    title: str = ""
    published: PartialDate = field(default_factory=PartialDate)
    publisher: str = ""
    date_note: str = ""
    language: str = "en"
    left_out: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def paragraphs_of(text):
    return [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]


MENU_RE = re.compile(r"\S\s+[|»›·]\s+\S.*\s[|»›·]\s")


def _is_page_furniture(paragraph, article_script, *, at_end=False):
    """A paragraph that belongs to the site, not the article."""
    flat = " ".join(paragraph.split()).strip(" •")
    if not flat or MENU_RE.search(flat):
        return True
    if article_script and script_of(flat) not in ("", article_script):
        return True  # headlines or navigation in another writing system
    if at_end and "\n" not in paragraph.strip() and not re.search(r"[.!?\"”]$", flat):
        return True  # after the last sentence: a headline or caption of something else
    return bool(BARE_DATE_RE.match(flat) or (BOILERPLATE_RE.search(flat) and len(flat) < 300))


LANGUAGES = {"latin": "en", "cyrillic": "uk"}
HEADLINE_MAX = 200
PUBLISHER_RE = re.compile(
    r",\s+(?P<publisher>(?:[A-Z][\w&'’.-]*\s+){0,5}[A-Z][\w&'’.-]*)\s+reports\.?$"
)


def looks_like_headline(paragraph):
    """One short line of at least three words, not ending like a sentence."""
    line = " ".join(paragraph.split())
    return (
        "\n" not in paragraph.strip()
        and len(line) <= HEADLINE_MAX
        and len(line.split()) >= 3
        and not re.search(r"[.!?:;,\"”]$", line)
    )


def clean(text, *, html_title=""):
    """Split a saved article into header date, headline, body and page furniture."""
    article = Article(text="", title=html_title)
    header = HEADER_RE.match(text)
    if header:
        article.published = PartialDate.parse(header.group("date"))
        article.date_note = f"The saved text is headed “date {header.group('date')}”."
        text = text[header.end() :]
    paragraphs = paragraphs_of(text)
    substantial = [p for p in paragraphs if len(p) > 80][:3] or paragraphs
    article_script = script_of(" ".join(substantial))
    article.language = LANGUAGES.get(article_script, "en")

    # Leading and trailing page furniture (menus, footers, cookie notices) is left out; a
    # paragraph in the article's own language in between keeps everything around it.
    start, end = 0, len(paragraphs)
    while start < end and _is_page_furniture(paragraphs[start], article_script):
        start += 1
    while end > start and _is_page_furniture(paragraphs[end - 1], article_script, at_end=True):
        end -= 1
    article.left_out = paragraphs[:start] + paragraphs[end:]
    body = paragraphs[start:end]

    if body and looks_like_headline(body[0]) and len(body) > 1:
        article.title = article.title or " ".join(body[0].split())
        body = body[1:]
    if not article.title and body:
        sentence = split_sentences(" ".join(body[0].split()))[0]
        article.title = sentence.rstrip(".")[:300]
        article.notes.append("The text has no headline; the title is its first sentence.")
    if body:
        publisher = PUBLISHER_RE.search(split_sentences(" ".join(body[0].split()))[-1])
        if publisher:
            article.publisher = publisher.group("publisher")
    if article.left_out:
        count = len(article.left_out)
        article.notes.append(
            f"Left out {count} paragraph{'s' * (count != 1)} of page text around the article "
            "(site header or footer: navigation, unrelated headlines, notices). "
            "That text is not part of the article and is not stored."
        )
    article.text = "\n\n".join(p.rstrip() for p in body) + "\n" if body else ""
    return article


ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|St|No|Gen|Col|Lt)\.)$")
SENTENCE_END = re.compile(r"(?<=[.!?])([\"”’]?)\s+(?=[\"“A-Z0-9])")


def split_sentences(paragraph):
    """Sentences of one paragraph, keeping "U.S." and "Dr." inside their sentence."""
    pieces = SENTENCE_END.split(paragraph)
    sentences, current = [], ""
    for index in range(0, len(pieces), 2):
        text = pieces[index] + (pieces[index + 1] if index + 1 < len(pieces) else "")
        current = f"{current} {text}" if current else text
        if index + 1 < len(pieces) and ABBREVIATION_END.search(pieces[index]):
            continue
        sentences.append(current.strip())
        current = ""
    if current.strip():
        sentences.append(current.strip())
    return sentences or [paragraph]


def strip_unbalanced_quotes(sentence):
    """Drop a quote mark that opens speech continuing past this sentence, or closes it."""
    marks = sentence.count('"') + sentence.count("“") + sentence.count("”")
    if marks % 2 and sentence[:1] in '"“':
        return sentence[1:].strip()
    if marks % 2 and sentence[-1:] in '"”':
        return sentence[:-1].strip()
    return sentence
