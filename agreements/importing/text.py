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


def looks_like_utf16(raw):
    """A UTF-16 byte order mark, or (without one) a zero byte beside nearly every character of
    the start: Latin-script text saved as UTF-16, which is text in the wrong encoding."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    start = raw[:4096]
    pairs = len(start) // 2
    if pairs < 4:
        return False
    zeros = max(start[0::2].count(0), start[1::2].count(0))
    return zeros >= pairs * 0.9


def decode(raw):
    """The article's text from its bytes, or ArticleError for empty, binary or non-UTF-8 input."""
    if len(raw) > MAX_BYTES:
        raise ArticleError(
            f"too large ({len(raw) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_BYTES // 1024 // 1024} MB)"
        )
    if not raw.strip():
        raise ArticleError("empty file")
    if looks_like_utf16(raw):
        raise ArticleError(
            "not UTF-8: the file is UTF-16 text; save it as UTF-8 and import it again"
        )
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
# The heading of a list of the site's other posts ("Recent posts" after the article).
POST_LIST_HEADING_RE = re.compile(
    r"(?:recent|latest|related|popular|more|other|top)\s+(?:posts|news|stories|articles)|"
    r"most read|you may also like|"
    r"свіжі дописи|останні новини|схожі (?:новини|статті)|інші новини|популярне|більше новин",
    re.IGNORECASE,
)
# A teaser line: the start of another post, cut off before a link to it.
TEASER_RE = re.compile(
    r"(?:read more|continue reading|read the full (?:story|article)|"
    r"читати (?:більше|далі)|детальніше)\s*[.»›→>]*$",
    re.IGNORECASE,
)
# A date standing alone, as under a listed post: "Sunday January 5th, 2025", "5 січня 2025",
# "05.01.2025", "2025-01-05", optionally with a time.
_DATE_WORD = r"[^\W\d_]{3,12}\.?,?"
_DATE_DAY = r"\d{1,2}(?:st|nd|rd|th|\.)?,?"
BARE_DATE_RE = re.compile(
    rf"^(?:(?:{_DATE_WORD}\s+)?(?:{_DATE_WORD}\s+{_DATE_DAY}|{_DATE_DAY}\s+{_DATE_WORD})\s+"
    r"(?:19|20)\d{2}|\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2})?$"
)
# A bulleted category label under a listed post: "• News", "• Новини".
CATEGORY_RE = re.compile(r"^\s*•\s*(?:[^\W\d_][\w’'&-]*\s*){1,3}$")


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
SHORT = 300  # characters: longer paragraphs are article text, not notices or teasers


def _flat(paragraph):
    return " ".join(paragraph.split()).strip(" •")


def _is_furniture_line(line, *, lone_bullet):
    """A line that only a listing of other posts has: a teaser, a bare date, a category bullet."""
    text = line.strip(" •")
    return bool(
        TEASER_RE.search(text)
        or BARE_DATE_RE.match(text)
        or (lone_bullet and CATEGORY_RE.match(line))
    )


def _is_page_furniture(paragraph, article_script, *, at_end=False, introduced=False):
    """A paragraph that belongs to the site, not the article.

    `introduced`: the paragraph before ends with a colon, so this one is what it announces
    (e.g. a bulleted list of partners), not a headline or a category label.
    """
    flat = _flat(paragraph)
    if not flat or MENU_RE.search(flat):
        return True
    if article_script and script_of(flat) not in ("", article_script):
        return True  # headlines or navigation in another writing system
    if introduced:
        return False
    if POST_LIST_HEADING_RE.fullmatch(flat):
        return True
    if at_end and "\n" not in paragraph.strip() and not re.search(r"[.!?\"”]$", flat):
        return True  # after the last sentence: a headline or caption of something else
    if BOILERPLATE_RE.search(flat) and len(flat) < SHORT:
        return True
    lines = [line for line in paragraph.split("\n") if line.strip()]
    lone_bullet = sum(line.lstrip().startswith("•") for line in lines) == 1
    return all(_is_furniture_line(line, lone_bullet=lone_bullet) for line in lines)


def _has_post_line(paragraph):
    return any(_is_furniture_line(line, lone_bullet=False) for line in paragraph.split("\n"))


def _post_list_start(paragraphs, start):
    """Where a "Recent posts"-style list of other posts begins, or None.

    It is a heading of its own followed to the end of the page by short paragraphs only
    (headlines, teasers, dates, notices), at least one of them a teaser or a bare date. Unless
    article text comes before it, the page must also end with such a line (notices aside): a
    list of posts above an article is not taken for the end of the page.
    """
    for index in range(len(paragraphs)):
        if not POST_LIST_HEADING_RE.fullmatch(_flat(paragraphs[index])):
            continue
        rest = paragraphs[index + 1 :]
        if not rest or any(len(_flat(p)) >= SHORT for p in rest):
            continue
        listed = [p for p in rest if _has_post_line(p) or not BOILERPLATE_RE.search(_flat(p))]
        if not listed:
            continue
        after_article = index > start and any(map(_has_post_line, listed))
        if after_article or _has_post_line(listed[-1]):
            return index
    return None


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
        try:
            article.published = PartialDate.parse(header.group("date"))
        except ValueError as error:
            raise ArticleError(f"the date line “date {header.group('date')}”: {error}") from None
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
    post_list = _post_list_start(paragraphs, start)
    if post_list is not None:
        start, end = min(start, post_list), post_list
    while end > start and _is_page_furniture(
        paragraphs[end - 1],
        article_script,
        at_end=True,
        introduced=end > 1 and paragraphs[end - 2].rstrip().endswith(":"),
    ):
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
