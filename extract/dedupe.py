"""Duplicates: the same figure, in the same sentence, found in several documents.

Blog tag pages repeat whole posts, so one statement ("The Better Care Fund
will pool £5.3 billion …") is extracted once per page it appears on. Two
mentions are the same figure when their sentences are the same text (spaces
normalised) and they sit at the same place in it with the same text and kind.

- `duplicate_of`: for every repeat, the `figure_id` of the first occurrence
  in corpus order (source path, then offset); null on the first occurrence.
- the `facts` table: one row per distinct figure-in-context, with the ids
  and sources of all its occurrences, so that analysts count each statement
  once.

>>> import pandas as pd
>>> f = pd.DataFrame({"figure_id": ["a", "b"], "source": ["x.txt", "y.txt"], "start": [5, 9], "text": ["£5bn", "£5bn"],
...                   "kind": ["money", "money"], "sentence": ["It is £5bn.", "It  is £5bn."],
...                   "sentence_start": [6, 7]})
>>> list(duplicate_of(f))
[None, 'a']
"""

from __future__ import annotations

import hashlib

import pandas as pd
import regex

_SPACES = regex.compile(r"\s+")

FACT_COLUMNS = ["fact_id", "figure_id", "kind", "text", "value_low", "value_high", "unit", "qualifier", "per",
                "date_start", "date_end", "period_start", "period_end", "measure", "direction", "is_target",
                "subject", "sentence", "n_occurrences", "n_documents", "occurrences", "sources"]


def _keys(figures: pd.DataFrame) -> pd.Series:
    """A key per figure: normalised sentence, place in it, text and kind."""
    def key(sentence: object, offset: object, text: str, kind: str) -> str:
        s = _SPACES.sub(" ", sentence) if isinstance(sentence, str) else ""
        raw = f"{s}\x1f{offset}\x1f{text}\x1f{kind}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]

    before = [(_SPACES.sub(" ", s[:o]) if isinstance(s, str) else "") for s, o in
              zip(figures["sentence"], figures["sentence_start"], strict=True)]
    return pd.Series([key(s, len(b), t, k) for s, b, t, k in
                      zip(figures["sentence"], before, figures["text"], figures["kind"], strict=True)],
                     index=figures.index)


def duplicate_of(figures: pd.DataFrame) -> pd.Series:
    """`figure_id` of the first occurrence of each figure's statement, None for firsts.

    `figures` needs `figure_id`, `source`, `start`, `text`, `kind`, `sentence`
    and `sentence_start` (the figure's offset within its sentence).
    """
    order = figures.sort_values(["source", "start"], kind="mergesort")
    keys = _keys(order)
    first = keys.groupby(keys, sort=False).transform(lambda s: s.index[0])
    first_id = order.loc[first.to_numpy(), "figure_id"].to_numpy()
    dup = pd.Series(first_id, index=order.index, dtype=object)
    dup[dup.to_numpy() == order["figure_id"].to_numpy()] = None
    return dup.reindex(figures.index)


def facts(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct figure-in-context, listing its occurrences."""
    if figures.empty:
        return pd.DataFrame(columns=FACT_COLUMNS)
    canonical = figures["duplicate_of"].where(figures["duplicate_of"].notna(), figures["figure_id"])
    groups = figures.assign(_canonical=canonical).groupby("_canonical", sort=False)
    occurrences = groups["figure_id"].agg(list)
    sources = groups["source"].agg(lambda s: sorted(set(s)))
    firsts = figures[figures["duplicate_of"].isna()].set_index("figure_id", drop=False)
    out = firsts.loc[occurrences.index].reset_index(drop=True)
    out["fact_id"] = [hashlib.sha256(f"fact\x1f{i}".encode()).hexdigest()[:16] for i in out["figure_id"]]
    out["occurrences"] = [occurrences[i] for i in out["figure_id"]]
    out["sources"] = [sources[i] for i in out["figure_id"]]
    out["n_occurrences"] = out["occurrences"].map(len)
    out["n_documents"] = out["sources"].map(len)
    return out.sort_values(["source", "start"], kind="mergesort")[FACT_COLUMNS].reset_index(drop=True)
