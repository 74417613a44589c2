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

from django.utils.translation import gettext

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
            gettext("too large (%(size).1f MB; the limit is %(limit)s MB)")
            % {"size": len(raw) / 1024 / 1024, "limit": MAX_BYTES // 1024 // 1024}
        )
    if not raw.strip():
        raise ArticleError(gettext("empty file"))
    if looks_like_utf16(raw):
        raise ArticleError(
            gettext("not UTF-8: the file is UTF-16 text; save it as UTF-8 and import it again")
        )
    if b"\x00" in raw[:8192]:
        raise ArticleError(gettext("binary file, not text"))
    nul = raw.find(b"\x00")
    if nul >= 0:
        # Text with a NUL byte further in: no database stores it as text, so say where it is.
        raise ArticleError(
            gettext("a NUL byte (\\x00) at byte %(position)s: not plain text; remove it and retry")
            % {"position": nul}
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(
            gettext("not valid UTF-8 (byte %(position)s)") % {"position": error.start}
        ) from None
    controls = sum(1 for char in text[:8192] if unicodedata.category(char) == "Cc")
    if controls > len(text[:8192]) * 0.05 + text[:8192].count("\n") + text[:8192].count("\t"):
        raise ArticleError(gettext("binary file, not text"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _HTMLText(HTMLParser):
    BLOCKS = {
        "p",
        "div",
        "section",
        "article",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "tr",
        "ul",
        "ol",
        "time",
        "figcaption",
        "header",
        "footer",
        "aside",
        "blockquote",
    }
    SKIP = {"script", "style", "nav", "noscript", "template", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.title, self.h1, self._skip = [], "", "", 0
        self._in_title = self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skip += 1
        elif tag == "h1":
            self._in_h1 = not self.h1
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n  • ")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self._in_h1 = self._in_h1 and tag != "h1"
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(re.sub(r"\s+", " ", data))
            if self._in_h1:
                self.h1 += data


@dataclass
class Page:
    """What an HTML page gives besides its text: its headline and its own date."""

    text: str
    title: str = ""
    published: tuple | None = None  # (PartialDate, note)


def html_to_text(text):
    """The text of simple HTML (paragraphs blank-line separated, list items bullets), with the
    headline from <h1> (else the page title) and the date from <time> or the page's metadata."""
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    lines = [
        line.strip() if not line.lstrip().startswith("•") else line.rstrip()
        for line in "".join(parser.parts).split("\n")
    ]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    title = " ".join(html.unescape(parser.h1 or parser.title).split())
    return Page(body, title, _html_date(text))


def _html_date(page):
    """(PartialDate, note) from the page's <time> or publication metadata, or None."""
    import trafilatura

    try:
        metadata = trafilatura.extract_metadata(page)
    except Exception:  # a page trafilatura cannot read has no metadata: the text still counts
        return None
    if not metadata or not metadata.date:
        return None
    try:
        date = PartialDate.parse(metadata.date[:10])
    except ValueError:
        return None
    return date, f"The page's metadata dates it {metadata.date[:10]}."


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
    rf"^(?:\d{{1,2}}:\d{{2}}\s+)?(?:(?:{_DATE_WORD}\s+)?(?:{_DATE_WORD}\s+{_DATE_DAY}|{_DATE_DAY}\s+{_DATE_WORD})\s+"
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


# The button that ends a plea for donations at the foot of a page.
APPEAL_RE = re.compile(r"підтримати|підтримайте(?: нас)?|підтримай нас|support us|donate", re.I)
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
    if at_end and "\n" not in paragraph.strip() and not re.search(r"[.!?\"”]\)?$", flat):
        return True  # after the last sentence: a headline or caption of something else
    if BOILERPLATE_RE.search(flat) and len(flat) < SHORT:
        return True
    lines = [line for line in paragraph.split("\n") if line.strip()]
    if at_end and APPEAL_RE.fullmatch(lines[-1].strip(" •*|")):
        return True  # "… лише ваша підтримка. / Підтримати": a plea for donations
    lone_bullet = sum(line.lstrip().startswith("•") for line in lines) == 1
    return all(_is_furniture_line(line, lone_bullet=lone_bullet) for line in lines)


# A site's name or a section's over the article: "WORLD", "THE KYIV INDEPENDENT", "Canada",
# "news.example.com › Ukraine".
LABEL_MAX = 60


def _is_label(paragraph):
    """A short line above the headline that names the site or the section, not the story: in
    capitals only, of one or two words, or a trail of sections."""
    flat = _flat(paragraph)
    if "\n" in paragraph.strip() or len(flat) > LABEL_MAX or re.search(r"[.!?:;,]$", flat):
        return False
    return (
        not re.search(r"[a-zа-яіїєґ]", flat)
        or len(flat.split()) <= 2
        or bool(re.search(r"\s[›>»]\s", flat))
    )


def _has_post_line(paragraph):
    return any(_is_furniture_line(line, lone_bullet=False) for line in paragraph.split("\n"))


def _post_list_start(paragraphs, start):
    """Where a "Recent posts"-style list of other posts begins, or None.

    It is a heading of its own followed to the end of the page by short paragraphs only
    (headlines, teasers, dates, notices), at least one of them a teaser or a bare date. Unless
    article text comes before it, the page must also end with such a line (notices aside): a
    list of posts above an article is not taken for the end of the page.

    One pass from the end: only headings after the last long paragraph can qualify.
    """
    flats = [_flat(p) for p in paragraphs]
    last_long = max((i for i, flat in enumerate(flats) if len(flat) >= SHORT), default=-1)
    listed_after = []  # per index from the end: (any listed paragraph, any with a post line)
    any_listed = any_post = False
    last_listed_has_post = None
    for index in range(len(paragraphs) - 1, last_long, -1):
        listed_after.append((index, any_listed, any_post, last_listed_has_post))
        paragraph = paragraphs[index]
        has_post = _has_post_line(paragraph)
        if has_post or not BOILERPLATE_RE.search(flats[index]):
            if last_listed_has_post is None:
                last_listed_has_post = has_post
            any_listed, any_post = True, any_post or has_post
    for index, listed, posts, last_post in reversed(listed_after):
        if not POST_LIST_HEADING_RE.fullmatch(flats[index]) or not listed:
            continue
        if (index > start and posts) or last_post:
            return index
    return None


# Lines that a news site adds inside an article: ads, tags, share and support appeals,
# "Read also" links to other stories, language switchers.
FURNITURE_LINE_RE = re.compile(
    r"(?:advertisement|advertising|ad|sponsored|реклама)\s*:?|"
    r"(?:subjects?|tags?|topics?|теги|теми|мітки|категорії)\s*:.*|"
    r"(?:share|share this(?: article| story)?|поділитися)\s*:?.*|"
    r"support us\b.*|(?:підтримайте|підтримати)\s.{0,100}|donate\b.*|"
    r"(?:read (?:also|more)|see also|related|more on this|читайте також|читати також|"
    r"дивіться також|також читайте|по темі)\s*[:.»>–—-].*|"
    r"(?:укр|ua|рус|ru|eng?)(?:\s*[|/·]?\s*(?:укр|ua|рус|ru|eng?|de|fr|pl))+|"
    # a language switcher naming English among the site's languages: "日本語 | English"
    r"(?:[^|/·\s][^|/·]{0,20}[|/·]\s*){1,4}english(?:\s*[|/·][^|/·]{1,20}){0,4}|"
    r"english(?:\s*[|/·][^|/·]{1,20}){1,4}",
    re.IGNORECASE,
)
FURNITURE_LINE_MAX = 200
# The heading of a list of the site's other stories, alone on its line: the headlines under it
# are the site's, not the article's ("Читайте також:", "Популярне", "Новини партнерів").
RELATED_HEADING_RE = re.compile(
    r"(?:читайте також|читати також|також читайте|дивіться також|по темі|ще за темою|популярне|"
    r"найпопулярніше|новини партнерів|інші новини|read also|see also|related(?: stories| news)?|"
    r"most read|more on this)\s*:?",
    re.IGNORECASE,
)
HEADLINE_LINE_MAX = 160
# Site lines that name no story: a breadcrumb ("Головна » Політика"), a call to follow the site
# ("Підписатися на Telegram", "Підписуйтесь на наш Telegram-канал").
SITE_LINE_RE = re.compile(
    r"(?:головна|home)\s*[»›>].{0,80}|"
    r"(?:[$€£₴]|zł)\s*\d+[.,]\d+(?:\s+(?:[$€£₴]|zł)\s*\d+[.,]\d+)+|"  # exchange rates
    r"[+-]?\d{1,2}°\s*[^\W\d_]+(?:\s+[+-]?\d{1,2}°\s*[^\W\d_]+)+|"  # the weather
    r"\d{1,2}\s*(?:хв(?:илин[иу]?)?|min(?:ute)?s?)\.?\s+(?:читати|читання|read)|"
    r"(?:підписатися|підпишіться|підписуйтесь|підписуйтеся|приєднуйтесь|приєднуйтеся|"
    r"стежте за нами)\b.{0,80}",
    re.IGNORECASE,
)


def _drop_furniture_lines(text):
    """Text less the site's lines within the article; (text, lines dropped)."""
    kept, dropped = [], []
    listing = None  # "heading" after "Читайте також:", "items" while its headlines follow
    for line in text.split("\n"):
        flat = line.strip(" •*|-–").strip()
        if not flat:
            listing = None if listing == "items" else listing
            kept.append(line)
            continue
        headline = len(flat) <= HEADLINE_LINE_MAX and not re.search(r"[.!?:;,\"”»]$", flat)
        if listing and headline:
            listing = "items"  # a headline of the list under "Читайте також:"
        elif RELATED_HEADING_RE.fullmatch(flat):
            listing = "heading"
        elif (
            len(flat) <= FURNITURE_LINE_MAX and FURNITURE_LINE_RE.fullmatch(flat)
        ) or SITE_LINE_RE.fullmatch(flat):
            listing = None
        else:
            listing = None
            kept.append(line)
            continue
        dropped.append(flat)
        kept.append("")
    return "\n".join(kept), dropped


def _drop_repeats(paragraphs):
    """Each short paragraph once: a photo caption repeated under a gallery is said once."""
    seen, kept, repeated = set(), [], []
    for paragraph in paragraphs:
        flat = _flat(paragraph)
        if len(flat) < SHORT and flat in seen:
            repeated.append(paragraph)
            continue
        seen.add(flat)
        kept.append(paragraph)
    return kept, repeated


LANGUAGES = {"latin": "en", "cyrillic": "uk"}


def language_of(text):
    """ "en", "uk" or "ru" by the letters a text is written in."""
    script = script_of(text)
    if script == "cyrillic":
        ukrainian = len(re.findall(r"[іїєґІЇЄҐ]", text))
        russian = len(re.findall(r"[ыэъёЫЭЪЁ]", text))
        return "ru" if russian > ukrainian else "uk"
    return LANGUAGES.get(script, "en")


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


# A line that dates the page: "Published May 31,2024", "Wednesday, 20 December 2023, 18:42",
# "January 12, 2024 12:33 PM GMT", "12.01.2024 14:20", "Updated: ...".
DATE_LINE_PREFIX_RE = re.compile(
    r"^(?:(?:first\s+)?published(?:\s+on)?|updated|last updated|posted(?:\s+on)?|date|"
    r"опубліковано|оновлено|дата(?:\s+публікації)?)\s*:?\s*",
    re.IGNORECASE,
)
TIME_RE = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:GMT|UTC|CET|EET|EEST|ET|EST|EDT|BST|Kyiv time)\b)?"
)
# A wire story's dateline: "KYIV, Jan 12 (Reuters) -", "BRUSSELS (Reuters) –", "Feb. 16 (UPI) —".
DATELINE_RE = re.compile(
    r"^(?:[A-ZА-ЯІЇЄҐ][\w.'’ -]{1,40}?(?:,\s*[A-Z][a-z]+)?,?\s*)?"
    r"(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?)?\s*"
    r"\((?P<agency>[A-Za-zА-Яа-яІіЇїЄєҐґ .&/-]{2,30})\)\s*[-—–]"
)
DATE_LINE_MAX = 160
HEADER_PARAGRAPHS = 8


def _date_line(line, published=None):
    """The date a short page line gives the page, or None."""
    from .dates import find_dates

    line = " ".join(line.split()).strip(" •|")
    if not line or len(line) > DATE_LINE_MAX:
        return None
    prefixed = DATE_LINE_PREFIX_RE.match(line)
    dates = [found for found in find_dates(line, published or PartialDate()) if found.date]
    dates = [found for found in dates if found.date.precision != "year" or prefixed]
    if not dates:
        return None
    found = dates[0]
    rest = line.replace(found.text, " ")
    rest = TIME_RE.sub(" ", DATE_LINE_PREFIX_RE.sub("", rest))
    rest = re.sub(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", "", rest)
    words = re.findall(r"\w+", rest)
    # The rest is a byline or a label, not a sentence: short, and not ending like one.
    if prefixed or (len(words) <= 8 and not re.search(r"\w{3,}[.!?]$", line)):
        return found
    return None


def find_published(paragraphs, headline_at=None):
    """(PartialDate, note) of the page's own date: a date line near the top, a wire dateline,
    or a date line at the end; (unknown, "") when the text shows none."""
    for paragraph in paragraphs[:HEADER_PARAGRAPHS]:
        for line in paragraph.split("\n"):
            found = _date_line(line)
            if found:
                return found.date, f"The text is dated “{' '.join(line.split())[:80]}”."
    for paragraph in paragraphs[:HEADER_PARAGRAPHS]:
        dateline = DATELINE_RE.match(" ".join(paragraph.split()))
        if dateline and dateline.group("date"):
            found = _date_line(dateline.group("date"))
            if found and found.date.year:
                return found.date, f"From the dateline “{dateline.group(0)[:60]}”."
    for paragraph in paragraphs[-4:]:
        for line in paragraph.split("\n"):
            found = _date_line(line)
            if found and DATE_LINE_PREFIX_RE.match(" ".join(line.split())):
                return found.date, f"The text is dated “{' '.join(line.split())[:80]}”."
    return PartialDate(), ""


def clean(text, *, html_title="", html_published=None):
    """Split a saved article into header date, headline, body and page furniture.

    The headline stays the first paragraph of the stored text: it is the article's own words,
    and a fact given only by the headline is quoted from it.
    """
    article = Article(text="", title=html_title)
    header = HEADER_RE.match(text)
    if header:
        try:
            article.published = PartialDate.parse(header.group("date"))
        except ValueError as error:
            raise ArticleError(
                gettext("the date line “date %(date)s”: %(error)s")
                % {"date": header.group("date"), "error": error}
            ) from None
        article.date_note = f"The saved text is headed “date {header.group('date')}”."
        text = text[header.end() :]
    text, dropped = _drop_furniture_lines(text)
    paragraphs = paragraphs_of(text)
    if not article.published and html_published:
        article.published, article.date_note = html_published
    if not article.published:
        article.published, article.date_note = find_published(paragraphs)
    substantial = [p for p in paragraphs if len(p) > 80][:3] or paragraphs
    article_script = script_of(" ".join(substantial))
    article.language = language_of(" ".join(substantial))

    # Leading and trailing page furniture (menus, footers, cookie notices) is left out; a
    # paragraph in the article's own language in between keeps everything around it.
    start, end = 0, len(paragraphs)
    while start < end and (
        _is_page_furniture(paragraphs[start], article_script)
        or (start + 1 < end and _is_label(paragraphs[start]))
    ):
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
    body, repeated = _drop_repeats(paragraphs[start:end])
    article.left_out = paragraphs[:start] + paragraphs[end:] + repeated + dropped

    if body and looks_like_headline(body[0]) and len(body) > 1:
        article.title = " ".join(body[0].split())
    if not article.title and body:
        sentence = split_sentences(" ".join(body[0].split()))[0]
        article.title = sentence.rstrip(".")[:300]
        article.notes.append("The text has no headline; the title is its first sentence.")
    headed = len(body) > 1 and article.title == " ".join(body[0].split())
    lead = body[1] if headed else body[0] if body else ""
    if lead:
        publisher = PUBLISHER_RE.search(split_sentences(" ".join(lead.split()))[-1])
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


ABBREVIATION_END = re.compile(
    r"(?:\b[A-Z]\.[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|St|No|Gen|Col|Lt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|"
    r"Oct|Nov|Dec|Sen|Rep|Gov|Adm|Maj|Brig|Prof|Jr|Sr|vs|\b[A-Z])\.|\b(?:ім|м|р|ст|вул|пп)\.)$"
)
SENTENCE_END = re.compile(r"(?<=[.!?])([\"”’»]?)\s+(?=[\"“«A-ZА-ЯІЇЄҐ0-9])")


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
