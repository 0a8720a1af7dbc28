"""Text normalisation: tokens, light stemming, word + phrase (bigram) terms, person documents."""

from __future__ import annotations

import re
from collections.abc import Iterable

from mentormatch_engine.interface import PersonRecord

__all__ = ["STOPWORDS", "person_text", "person_texts", "stem", "terms", "tokens"]

_WORD = re.compile(r"[a-z0-9][a-z0-9\-]*[a-z0-9]|[a-z]")
_SPLIT = re.compile(r"[.,;:!?()\[\]{}\"/|]+")

_STOPWORD_TEXT = """
    a about above after again against all also am an and any are aren as at be because
    been before being below between both but by can cannot could did do does doing down
    during each few for from further had has have having he her here hers herself him
    himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so
    some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself yourselves via may might must shall within
    without upon among amongst across per however therefore thus hence whereas whether
    either neither etc et al eg ie vs using used use uses based new novel study studies
    paper papers article work works result results show shows shown showed propose
    proposed proposes present presents presented approach approaches method methods
    methodology find findings found investigate investigated investigates including
    include includes well one two three first second many much several various different
    significant significantly associated role research interest interests interested focus
    focused areas area toward towards
    important importance inform informs future conducted conduct conducting evaluate
    evaluated evaluates evaluating assess assessed assesses assessing examine examined
    examines examining describe described describes report reported reports aim aims aimed
    objective objectives background conclusion conclusions overall particular specific
    potential key current recent further determine determined determinant determinants
    suggest suggests suggested demonstrate demonstrated demonstrates highlight highlights
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def stem(word: str) -> str:
    """A deliberately light plural stemmer (keeps terms readable in reasons)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "sis")):
        return word[:-1]
    return word


def tokens(text: str) -> list[list[str]]:
    """Token runs: punctuation splits runs; stopwords are kept as ``""`` markers so that
    phrases never span them."""
    runs: list[list[str]] = []
    for chunk in _SPLIT.split(text.lower().replace("'s ", " ")):
        run = []
        for w in _WORD.findall(chunk):
            if w in STOPWORDS or w.isdigit() or len(w) < 2:
                run.append("")
            else:
                run.append(stem(w))
        if run:
            runs.append(run)
    return runs


def terms(text: str, *, ngram_max: int = 2) -> list[str]:
    """Unigrams plus phrases of up to ``ngram_max`` adjacent non-stopword tokens."""
    out: list[str] = []
    for run in tokens(text):
        n = len(run)
        for i, w in enumerate(run):
            if not w:
                continue
            out.append(w)
            for k in range(2, ngram_max + 1):
                if i + k > n or not all(run[i : i + k]):
                    break
                out.append(" ".join(run[i : i + k]))
    return out


def _join(parts: Iterable[str]) -> str:
    return ". ".join(p for p in parts if p)


def person_text(rec: PersonRecord) -> str:
    """All of a person's text: interests, keywords, publication titles and abstracts."""
    pubs = [_join((p.title, p.abstract)) for p in rec.publications]
    return _join([rec.interests, ", ".join(rec.keywords), *pubs])


def person_texts(rec: PersonRecord) -> list[str]:
    """A person's separate texts: the profile (interests + keywords) then one per publication.
    Empty texts are dropped; the list may be empty."""
    out = [_join([rec.interests, "; ".join(rec.keywords)])]
    out += [_join((p.title, p.abstract)) for p in rec.publications]
    return [t for t in out if t.strip()]
