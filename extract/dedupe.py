"""Duplicates: the same figure, in the same sentence, found in several documents.

Blog tag pages repeat whole posts, so one statement ("The Better Care Fund
will pool £5.3 billion …") is extracted once per page it appears on. Two
mentions are the same figure when their sentences are the same text (spaces
normalised) and they sit at the same place in it with the same text and kind:
`statement_key` hashes exactly that, once per figure, where the sentence is at
hand (in the per-document stage).

The corpus-wide part streams: `Duplicates` sees the figures in corpus order
(source path, then offset) and remembers one key and one id per distinct
statement, never a sentence, so memory grows by a constant per figure.

- `duplicate_of`: for every repeat, the `figure_id` of the first occurrence;
  null on the first occurrence.
- the `facts` table: one row per distinct figure-in-context, with the ids
  and sources of all its occurrences, so that analysts count each statement
  once.

>>> d = Duplicates()
>>> k1 = statement_key("It is £5bn.", 6, "£5bn", "money")
>>> k2 = statement_key("It  is £5bn.", 7, "£5bn", "money")
>>> k1 == k2
True
>>> d.assign(["a", "b"], ["x.txt", "y.txt"], [k1, k2])
[None, 'a']
>>> d.occurrences("a"), d.sources("a")
(['a', 'b'], ['x.txt', 'y.txt'])
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Sequence

import pandas as pd
import regex

_SPACES = regex.compile(r"\s+")

FACT_COLUMNS = ["fact_id", "figure_id", "kind", "text", "value_low", "value_high", "unit", "qualifier", "per",
                "denominator", "denominator_unit", "date_start", "date_end", "period_start", "period_end", "measure",
                "direction", "is_target", "subject", "sentence", "n_occurrences", "n_documents", "occurrences",
                "sources"]


def normalise(sentence: str) -> str:
    """The sentence with every run of white space as one space."""
    return _SPACES.sub(" ", sentence)


class NormalisedSentence:
    """A sentence with its white space normalised, and where each offset lands in it.

    Built once per sentence, so that the key of each of its figures costs
    no pass over the sentence.
    """

    __slots__ = ("_cut", "_ends", "text")

    def __init__(self, sentence: str) -> None:
        self.text = normalise(sentence)
        self._ends: list[int] = []  # end of each run of white space in the raw sentence
        self._cut: list[int] = []  # characters removed by the runs up to and including this one
        removed = 0
        for m in _SPACES.finditer(sentence):
            removed += len(m.group()) - 1
            self._ends.append(m.end())
            self._cut.append(removed)

    def place(self, offset: int) -> int:
        """len(normalise(sentence[:offset])) for an offset that is not inside a run of white space."""
        i = bisect.bisect_right(self._ends, offset)
        return offset - (self._cut[i - 1] if i else 0)


def statement_key(sentence: str | None, offset: int, text: str, kind: str,
                  normalised: NormalisedSentence | None = None) -> str:
    """A key per figure: normalised sentence, place in it, text and kind (16 hex digits).

    `normalised` is the sentence's `NormalisedSentence` when the caller has it
    already (one per sentence, however many figures it holds).
    """
    if sentence is None:
        s, place = "", 0
    else:
        norm = normalised if normalised is not None else NormalisedSentence(sentence)
        s, place = norm.text, norm.place(offset)
    raw = f"{s}\x1f{place}\x1f{text}\x1f{kind}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def fact_id(figure_id: str) -> str:
    return hashlib.sha256(f"fact\x1f{figure_id}".encode()).hexdigest()[:16]


class Duplicates:
    """First occurrences and their repeats, fed in corpus order."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}  # statement key -> figure_id of its first occurrence
        self._occurrences: dict[str, list[str]] = {}  # first figure_id -> every occurrence's id
        self._sources: dict[str, list[str]] = {}  # first figure_id -> sources, in corpus order, once each

    def assign(self, figure_ids: Sequence[str], sources: Sequence[str], keys: Sequence[str]) -> list[str | None]:
        """`duplicate_of` for the next figures of the corpus."""
        out: list[str | None] = []
        for fid, source, key in zip(figure_ids, sources, keys, strict=True):
            first = self._first.setdefault(key, fid)
            if first == fid:
                self._occurrences[fid] = [fid]
                self._sources[fid] = [source]
                out.append(None)
            else:
                self._occurrences[first].append(fid)
                if self._sources[first][-1] != source and source not in self._sources[first]:
                    self._sources[first].append(source)
                out.append(first)
        return out

    def occurrences(self, first: str) -> list[str]:
        return self._occurrences[first]

    def sources(self, first: str) -> list[str]:
        return sorted(self._sources[first])


def facts(firsts: pd.DataFrame, duplicates: Duplicates) -> pd.DataFrame:
    """Facts rows for a chunk of first occurrences (figures rows with a null `duplicate_of`)."""
    if firsts.empty:
        return pd.DataFrame(columns=FACT_COLUMNS)
    out = firsts.reset_index(drop=True)
    ids = out["figure_id"].tolist()
    out["fact_id"] = [fact_id(i) for i in ids]
    out["occurrences"] = [duplicates.occurrences(i) for i in ids]
    out["sources"] = [duplicates.sources(i) for i in ids]
    out["n_occurrences"] = out["occurrences"].map(len)
    out["n_documents"] = out["sources"].map(len)
    return out[FACT_COLUMNS]
