"""Pure text helpers for quotes: folding, finding a quote in its source, marking passages.

No database here: every function takes and returns plain strings and numbers, e.g.

    >>> quote_spans("the “talks” began", "Today the 'talks'  began.")
    []
    >>> quote_spans("the “talks” … began", 'Today the "Talks"  finally began.')
    [(6, 17), (27, 32)]
    >>> content_fingerprint("A  “quote”") == content_fingerprint('a "quote"')
    True
    >>> in_quotation_marks("Talks began."), in_quotation_marks("“We will sign,” he said.")
    ('“Talks began.”', '“We will sign,” he said.')
"""

import hashlib
import itertools
import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import lru_cache

QUOTE_FOLDING = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "•": " "}
)


def normalise_quote_text(text):
    """Fold typographic quotes, dashes, bullets and runs of white space for comparison."""
    return re.sub(r"\s+", " ", text.translate(QUOTE_FOLDING)).strip().casefold()


@lru_cache(maxsize=16)
def _folded_with_offsets(text):
    """`text` folded as `normalise_quote_text` does (unstripped), with each folded character's
    index in the original text. Cached: a source page looks up many quotes in one text."""
    folded, offsets = [], []
    for index, char in enumerate(text.translate(QUOTE_FOLDING)):
        if char.isspace():
            if folded and folded[-1] == " ":
                continue
            char = " "
        for piece in char.casefold():
            folded.append(piece)
            offsets.append(index)
    return "".join(folded), tuple(offsets)


OPENING_QUOTATION_MARKS = "“‘„«\"'"


def in_quotation_marks(quote):
    """The quote between typographic quotation marks, unless it opens with a mark of its own
    (a speaker's words): adding ours would double it."""
    quote = quote.strip()
    if quote.startswith(tuple(OPENING_QUOTATION_MARKS)):
        return quote
    return f"“{quote}”"


def quote_parts(quote):
    """The normalised passages of a quote, split where it marks omissions with "…" or "..."."""
    parts = [normalise_quote_text(part) for part in re.split(r"…|\.\.\.", quote)]
    return [part.strip(" ,;:") for part in parts if part.strip(" ,;:")]


def quote_spans(quote, text):
    """Where `quote` occurs in `text`: one (start, end) character span of the original text per
    passage of the quote, in order; [] when it does not occur (compared as in
    `normalise_quote_text`)."""
    haystack, offsets = _folded_with_offsets(text)
    spans, position = [], 0
    parts = quote_parts(quote)
    for part in parts:
        found = haystack.find(part, position)
        if found < 0:
            return []
        position = found + len(part)
        spans.append((offsets[found], offsets[position - 1] + 1))
    return spans


def quote_occurs_in(quote, text):
    """True when each part of `quote` (split at "…" or "...") occurs in `text`, in order."""
    return bool(quote_spans(quote, text))


@dataclass
class TextPiece:
    """A run of text; `quoted_by` are the keys of the quotes covering it (empty: not quoted), and
    `anchors` those whose first passage starts here."""

    text: str
    quoted_by: list = dataclass_field(default_factory=list)
    anchors: list = dataclass_field(default_factory=list)

    @property
    def mark_ids(self):
        """One <mark> per quote starting here (each carrying its id), or one plain <mark>."""
        return self.anchors or [None]


def highlight_passages(text, spans_by_key):
    """Split `text` into paragraphs (at blank lines) of `TextPiece`s, cut wherever a quoted span
    (`spans_by_key`: key -> list of (start, end)) starts or ends; quotes may overlap."""
    cuts = {position for spans in spans_by_key.values() for span in spans for position in span}
    paragraphs, anchored, start = [], set(), 0
    bounds = [(m.start(), m.end()) for m in re.finditer(r"\n[ \t]*\n\s*", text)]
    for stop, next_start in [*bounds, (len(text), len(text))]:
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if stop > start:
            points = sorted({start, stop} | {c for c in cuts if start < c < stop})
            pieces = []
            for a, b in itertools.pairwise(points):
                quoted_by = [
                    key
                    for key, spans in spans_by_key.items()
                    if any(s <= a and b <= e for s, e in spans)
                ]
                anchors = [key for key in quoted_by if key not in anchored]
                anchored.update(anchors)
                pieces.append(TextPiece(text[a:b], quoted_by, anchors))
            paragraphs.append(pieces)
        start = next_start
    return paragraphs


def content_fingerprint(text):
    """SHA-256 of the text as quotes are compared: same article, same fingerprint."""
    return hashlib.sha256(normalise_quote_text(text).encode()).hexdigest()


def search_words(query):
    """The words a search asks for, as a search box reads them: no `or`, no `-excluded` word.

    >>> search_words('"Great Britain" or Japan -Canada')
    ['Great', 'Britain', 'Japan']
    """
    words = re.findall(r"(?<![\w-])(-?)(\w+)", query)
    return [word for minus, word in words if not minus and word.casefold() != "or"]


def whole_words_pattern(words):
    """A regular expression for any of `words` as a whole word, ignoring case; a word of four
    letters or more also matches with a short ending (a plural, a tense).

    >>> bool(re.search(whole_words_pattern(["uk"]), "Ukraine"))
    False
    >>> re.search(whole_words_pattern(["submarine"]), "Two submarines.").group()
    'submarines'
    """
    alternatives = [_word_form(word) for word in sorted(set(words), key=len, reverse=True)]
    return r"(?i)(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"


def phrase_pattern(words):
    """A regular expression for `words` in this order, whole words as in `whole_words_pattern`,
    separated by anything but letters and digits.

    >>> bool(re.search(phrase_pattern(["great", "britain"]), "Great  Britain's"))
    True
    """
    return r"(?i)(?<!\w)" + r"\W+".join(_word_form(word) for word in words) + r"(?!\w)"


def _word_form(word):
    if is_ukrainian(word):
        return re.escape(ukrainian_stem(word)) + r"\w{0,4}"
    return re.escape(word) + (r"\w{0,3}" if len(word) >= 4 else "")


# The case and number endings of Ukrainian nouns and adjectives, longest first: a word's stem
# matches its other forms ("Німеччина", "Німеччиною", "з Німеччини").
UKRAINIAN_ENDINGS = sorted(
    """ами ями ими ого ому ією ові еві єві ою ею єю ам ям ах ях ів їв ий ій ої ей им их ом ем
    єм ія ії ію а я і и у ю е є о ь й ї""".split(),
    key=len,
    reverse=True,
)


def is_ukrainian(word):
    """Whether `word` is written in Cyrillic (the tracker's other language is Ukrainian)."""
    return bool(re.search(r"[\u0400-\u04FF]", word))


def ukrainian_stem(word):
    """A Ukrainian word without its case or number ending, in lower case, at least three
    letters long: what its forms have in common. A light stemmer (PostgreSQL has none for
    Ukrainian), for matching, not a dictionary.

    >>> [ukrainian_stem(word) for word in ["Німеччина", "Німеччиною", "раунду", "США"]]
    ['німеччин', 'німеччин', 'раунд', 'сша']
    """
    word = word.casefold()
    for ending in UKRAINIAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def highlight_snippet(text, words, *, before=60, after=140):
    """The passage of `text` around the first place where `words` occur as a phrase, else
    around the first of them, as (text, is_match) pieces, with "…" where it was cut; the start
    of the text, unmarked, when no word occurs in it.

    >>> highlight_snippet("The talks in Vilnius went on.", ["vilnius"])
    [('The talks in ', False), ('Vilnius', True), (' went on.', False)]
    >>> highlight_snippet("In great detail, said Great Britain.", ["great", "britain"], before=0)
    [('…', False), ('Great', True), (' ', False), ('Britain', True), ('.', False)]
    """
    text = re.sub(r"\s+", " ", text or "").strip()
    pattern = re.compile(whole_words_pattern(words)) if words else None
    first = (re.search(phrase_pattern(words), text) or pattern.search(text)) if words else None
    start = 0 if first is None else max(0, first.start() - before)
    end = min(len(text), (first.end() if first else 0) + after)
    if start > 0 and text[start - 1] != " ":
        start = text.find(" ", start) + 1 or start  # begin at a whole word
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    passage = text[start:end]
    pieces, position = [], 0
    for match in pattern.finditer(passage) if first else ():
        if match.start() > position:
            pieces.append((passage[position : match.start()], False))
        pieces.append((match.group(), True))
        position = match.end()
    if position < len(passage):
        pieces.append((passage[position:], False))
    if start > 0:
        pieces.insert(0, ("…", False))
    if end < len(text):
        pieces.append(("…", False))
    return pieces
