"""Subject and actor: short noun phrases for what a figure is about and who acts.

Heuristics, not parsing: the subject is the noun phrase the figure governs
("£5.3 billion of existing NHS … funding", "a 3.5% reduction in … emergency
admissions", "20,000 more nurses"), else the nearest Title Case name in the
sentence ("Better Care Fund", "National Insurance"). The actor of a target is
the noun phrase that opens its sentence ("Local areas were asked …",
"Ed Miliband said …").
"""

from __future__ import annotations

import bisect

import regex

from extract import vocab
from extract.context.clauses import SentenceCache
from extract.mention import Mention

_STOP = set(vocab.load("counts")["stop_words"]) - {"more"}
_SKIP = {"of", "in", "for", "on", "into", "a", "an", "the", "their", "its", "our", "reduction", "reductions",
         "increase", "increases", "rise", "fall", "cut", "uplift", "growth", "more", "extra", "additional",
         "new", "year", "per", "each", "every", "worth", "-", "–"}
_WORD = regex.compile(r"[ \t\u00a0]*([A-Za-z][A-Za-z’'&-]*)")
_NAME = regex.compile(r"(?:(?<=\s)|^)(?:[A-Z][\w’'-]+|of|and|for|&)(?:\s+(?:[A-Z][\w’'-]+|of|and|for|&))*")
_VERBS = {"said", "says", "will", "would", "could", "should", "must", "need", "needs", "are", "is", "were", "was",
          "have", "has", "had", "plans", "planned", "aims", "aim", "expects", "expected", "predicts", "recommends",
          "recommended", "pledged", "calls", "called", "asked", "want", "wants", "hopes", "proposes", "forecast",
          "can", "may", "might", "claims", "argues", "announced", "believes", "estimates", "set", "to"}


_OPENER = regex.compile(r"^(?:However|But|And|So|Yesterday|Today|Under [^,]+|In [^,]+|As [^,]+),\s*")
_WORDS = regex.compile(r"[\w’'&-]+")

def _phrase_after(text: str, pos: int, limit: int) -> str | None:
    words: list[str] = []
    started = False
    while pos < limit and len(words) < 6:
        m = _WORD.match(text, pos, limit)
        if m is None:
            break
        w = m.group(1)
        low = w.lower()
        if not started and low in _SKIP:
            pos = m.end()
            continue
        if low in _STOP or low in _VERBS:
            break
        started = True
        words.append(w)
        pos = m.end()
    return " ".join(words) or None


def _names(text: str, sentence: tuple[int, int]) -> tuple[list[int], list[str]]:
    """Starts and texts of the Title Case names of a sentence (two words or more, not its first word)."""
    starts: list[int] = []
    names: list[str] = []
    for m in _NAME.finditer(text, sentence[0], sentence[1]):
        name = m.group().strip()
        while name.split() and name.split()[-1].lower() in ("of", "and", "for", "&"):
            name = " ".join(name.split()[:-1])
        if len(name.split()) < 2 or m.start() == sentence[0]:
            continue
        starts.append(m.start())
        names.append(name)
    return starts, names


_names_of = SentenceCache(_names)


def _nearest_name(text: str, sentence: tuple[int, int], pos: int) -> str | None:
    """The name nearest to `pos` (the earlier of two as near), read from the sentence's names found once."""
    starts, names = _names_of(text, sentence)
    if not starts:
        return None
    i = bisect.bisect_left(starts, pos)
    candidates = [k for k in (i - 1, i) if 0 <= k < len(starts)]
    best = min(candidates, key=lambda k: (abs(starts[k] - pos), k))
    return names[best]


def find_subject(text: str, figure: Mention, sentence: tuple[int, int], clause: tuple[int, int]) -> str | None:
    """A short noun phrase for what the figure is about."""
    if figure.kind == "count" and figure.unit:
        return figure.unit
    after = _phrase_after(text, figure.end, clause[1])
    if after and not after[0].isdigit():
        return after
    return _nearest_name(text, sentence, figure.start)


def find_actor(text: str, sentence: tuple[int, int]) -> str | None:
    """The noun phrase that opens the sentence, up to its first verb."""
    s0, s1 = sentence
    body = text[s0:s1].lstrip("-•*“\"‘' \t")
    body = _OPENER.sub("", body)
    words = []
    for w in _WORDS.findall(body)[:8]:
        if w.lower() in _VERBS:
            break
        words.append(w)
    return " ".join(words) if 0 < len(words) <= 6 else None
