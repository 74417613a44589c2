"""Scoring the importer on the corpus: what it proposes against what an analyst recorded.

Each corpus article (`tests/corpus/<lang>/NNN-slug.txt|html`) has a key (`NNN-slug.toml`, format
in `tests/corpus/FORMAT.md`): the facts a careful analyst records from its text, and facts that
must not be proposed. The article is imported as an editor would (no publication date given)
and its pending candidates are read back as key facts:

| candidate kind                      | key fact            | compared                           |
|-------------------------------------|---------------------|------------------------------------|
| agreement                           | agreement           | partner, status; date = signed_on  |
| agreement with negotiations_started | negotiation_start   | partner; date                      |
| start                               | negotiation_start   | partner; date                      |
| round (not implied)                 | round               | partner, number; date, place, lead |
| signatory (declaration signatory)   | joiner              | country; date = joined_on          |
| signer                              | signatory           | partner, name                      |
| place                               | place               | partner, place                     |
| term                                | term                | partner, years / open_ended / until|
| pledge                              | pledge              | partner, amount, currency          |

Country, person, declaration and delegation candidates, and rounds implied by a later round's
number, are rows that facts refer to, not facts of the key: they are neither matched nor
counted as unmatched.

A key fact is **found** when some proposal has its kind, partner (country for a joiner) and
identifying value: the status of an agreement, the number of a round (none when the key gives
none), a signatory's name (the surname, after the tracker's spelling of known people), the
place (either name contains the other, Kiev = Kyiv), the term (same years, or both open-ended,
or both until an event), the pledge's amount and currency. It is found **exactly** when such a
proposal also has the key's date at the key's precision (no date when the key gives none).
A **must-not hit** is a proposal that agrees with every field a `[[must_not]]` entry gives.
A proposal that finds no key fact is **unmatched** (not necessarily wrong: keys record what
matters, not everything the text says). The publication date found is compared with the
key's `[article] published` (none found when the text shows none counts as right).
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .gazetteer import canonical_person

SCORED_FIELDS = {"kind", "partner", "country", "why"}


def corpus_articles(root, languages=("en", "uk")):
    """[(article path, key path)] in the corpus, in order."""
    pairs = []
    for language in languages:
        for key in sorted((Path(root) / language).glob("*.toml")):
            for suffix in (".txt", ".html"):
                article = key.with_suffix(suffix)
                if article.exists():
                    pairs.append((article, key))
                    break
    return pairs


def key_facts(candidate):
    """The key facts (dicts as in the corpus keys) that a CandidateFact proposes."""
    values, kind = candidate.values, candidate.kind
    if kind == "agreement":
        facts = [
            {
                "kind": "agreement",
                "partner": values["partner"],
                "status": values["status"],
                "date": values.get("signed_on") if values["status"] == "signed" else None,
            }
        ]
        if values.get("negotiations_started_on"):
            facts.append(
                {
                    "kind": "negotiation_start",
                    "partner": values["partner"],
                    "date": values["negotiations_started_on"],
                }
            )
        return facts
    if kind == "start":
        return [
            {"kind": "negotiation_start", "partner": values["partner"], "date": values.get("date")}
        ]
    if kind == "round" and not values.get("is_implied") and "partner" in values:
        if (
            set(values)
            - {
                "partner",
                "number",
                "is_implied",
                "date",
                "date_note",
                "place",
                "ukrainian_lead",
                "partner_delegation",
            }
            and "date" not in values
        ):
            return []  # a detail of a round (summary, delegation), not a report of one
        return [
            {
                "kind": "round",
                "partner": values["partner"],
                "number": values.get("number"),
                "date": values.get("date"),
                "place": values.get("place"),
                "lead": values.get("ukrainian_lead"),
            }
        ]
    if kind == "signatory":
        return [{"kind": "joiner", "country": values["country"], "date": values.get("joined_on")}]
    if kind == "signer":
        return [{"kind": "signatory", "partner": values["partner"], "name": values["name"]}]
    if kind in ("place", "term", "pledge"):
        return [{"kind": kind, **values}]
    return []


def _place(text):
    text = re.sub(r"^the\s+", "", (text or "").strip().lower())
    return text.replace("kiev", "kyiv")


def _surname(name):
    return canonical_person(name or "")[0].split()[-1].lower() if name else ""


def identifies(proposal, fact):
    """Whether a proposal is about the key fact: kind, partner and identifying value."""
    if proposal["kind"] != fact["kind"]:
        return False
    if fact["kind"] == "joiner":
        return proposal["country"] == fact["country"]
    if proposal.get("partner") != fact.get("partner"):
        return False
    kind = fact["kind"]
    if kind == "agreement":
        return proposal["status"] == fact["status"]
    if kind == "round":
        return proposal.get("number") == fact.get("number")
    if kind == "signatory":
        return _surname(proposal["name"]) == _surname(fact["name"])
    if kind == "place":
        a, b = _place(proposal.get("place")), _place(fact.get("place"))
        return bool(a and b and (a in b or b in a))
    if kind == "term":
        if fact.get("years"):
            return proposal.get("years") == fact["years"]
        if fact.get("open_ended"):
            return bool(proposal.get("open_ended"))
        return bool(proposal.get("until")) and bool(fact.get("until"))
    if kind == "pledge":
        return int(proposal.get("amount") or 0) == int(fact["amount"]) and proposal.get(
            "currency"
        ) == fact.get("currency")
    return True


def agrees(proposal, entry):
    """Whether a proposal agrees with every field a must-not entry gives."""
    if not identifies(proposal, {**proposal, **{k: v for k, v in entry.items() if k != "why"}}):
        return False
    for name, value in entry.items():
        if name in SCORED_FIELDS or name == "status":
            continue
        if name in ("name", "lead"):
            if _surname(proposal.get(name)) != _surname(value):
                return False
        elif name == "place":
            if not identifies(proposal, {**proposal, "place": value}):
                return False
        elif str(proposal.get(name)) != str(value):
            return False
    return True


@dataclass
class ArticleScore:
    name: str
    language: str
    facts: int = 0
    found: int = 0
    exact: int = 0
    must_not_hits: list = field(default_factory=list)
    unmatched: list = field(default_factory=list)
    missed: list = field(default_factory=list)
    inexact: list = field(default_factory=list)
    published_expected: str = ""
    published_found: str = ""
    error: str = ""

    @property
    def published_right(self):
        return self.published_expected == self.published_found

    def as_dict(self):
        return {
            "article": self.name,
            "language": self.language,
            "facts": self.facts,
            "found": self.found,
            "exact": self.exact,
            "must_not_hits": self.must_not_hits,
            "unmatched": self.unmatched,
            "missed": self.missed,
            "inexact": self.inexact,
            "published_expected": self.published_expected,
            "published_found": self.published_found,
            "error": self.error,
        }


def score_article(article_path, key_path, import_article):
    """Import one article (without a publication date) and compare its proposals to its key."""
    key = tomllib.loads(key_path.read_text())
    language = key.get("article", {}).get("language", article_path.parent.name)
    score = ArticleScore(article_path.stem, language)
    score.published_expected = str(key.get("article", {}).get("published", ""))
    facts = key.get("fact", [])
    score.facts = len(facts)
    try:
        result = import_article(article_path.read_bytes())
    except Exception as error:  # a crash is scored as nothing found, and reported
        score.error = f"{type(error).__name__}: {error}"
        score.missed = facts
        return score
    score.published_found = result.source.published_on.iso
    proposals = [fact for candidate in result.candidates for fact in key_facts(candidate)]
    used = set()
    for fact in facts:
        matching = [p for p in proposals if identifies(p, fact)]
        if not matching:
            score.missed.append(fact)
            continue
        score.found += 1
        used.update(id(p) for p in matching)
        if any(
            (p.get("date") or None) == (str(fact["date"]) if fact.get("date") else None)
            for p in matching
        ):
            score.exact += 1
        else:
            score.inexact.append({"key": fact, "proposed": [p.get("date") for p in matching]})
    score.unmatched = [p for p in proposals if id(p) not in used]
    for entry in key.get("must_not", []):
        hits = [p for p in proposals if agrees(p, entry)]
        if hits:
            score.must_not_hits.append({"must_not": entry, "proposed": hits[0]})
    return score


@dataclass
class Totals:
    articles: int = 0
    facts: int = 0
    found: int = 0
    exact: int = 0
    must_not_hits: int = 0
    unmatched: int = 0
    published_right: int = 0
    errors: int = 0

    def add(self, score):
        self.articles += 1
        self.facts += score.facts
        self.found += score.found
        self.exact += score.exact
        self.must_not_hits += len(score.must_not_hits)
        self.unmatched += len(score.unmatched)
        self.published_right += score.published_right
        self.errors += bool(score.error)

    def percent(self, part, whole):
        return round(100 * part / whole, 1) if whole else 0.0

    def as_dict(self):
        return {
            "articles": self.articles,
            "facts": self.facts,
            "found": self.found,
            "exact": self.exact,
            "recall": self.percent(self.found, self.facts),
            "exact_recall": self.percent(self.exact, self.facts),
            "must_not_hits": self.must_not_hits,
            "unmatched": self.unmatched,
            "published_right": self.published_right,
            "published_rate": self.percent(self.published_right, self.articles),
            "errors": self.errors,
        }
