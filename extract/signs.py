"""Signed values: "-1.2%", "−7.4%" (Unicode minus), "-£3.5m", "minus five per cent" are negative.

A plus sign written against a figure ("(+3.09 pp)") is kept in its span
(`+plus` in its rule), and the context stage reads it as an increase.

A sign belongs to the figure when it is written right against it (no space:
"-1.2%", "–0.4%"), or as the word "minus" before it, and what stands before
the sign is not a word, a digit or a closing bracket, so a hyphen that joins
("2015-16", "£7-10bn", "aged 16-24", "COVID-19") is never read as a sign.
The sign becomes part of the figure's span, its value is negated (for a
range, the lower bound, "-1 to 3%"), and `+minus` is added to its rule.

Accounting brackets ("(12.4)" in a table of money) are read with the table
(extract/tables.py), where the header says the column holds money.

>>> from extract.mention import Mention
>>> text = "Growth was -1.2% and the deficit −£3.5m; 2015-16."
>>> m = Mention("percent", 12, 16, "1.2%", "percent.single", 1.2, 1.2, "percent")
>>> s = signed(text, m)
>>> s.text, s.value_low, s.rule
('-1.2%', -1.2, 'percent.single+minus')
"""

from __future__ import annotations

import regex

from extract.mention import Mention

SIGNED_KINDS = ("money", "percent", "count")

# Matched right to left from the figure's start (REVERSE, `.match` anchored at the window's end).
_SIGN_BEFORE = regex.compile(
    r"""(?:
          (?<![\w.,%)\]'’-])[-−–]                  # "-1.2%", "−£3.5m", "(–0.4%)"; not "2015-16", "£7-10bn"
        | (?<![\w-])(?i:minus)[ \t\u00a0]+         # "minus five per cent"
        )$""",
    regex.VERBOSE | regex.REVERSE,
)


_SIGN_ENDS = frozenset("+-−–")  # the last character of every sign the patterns below read
_PLUS_BEFORE = regex.compile(r"(?<![\w.,%)\]'’+-])\+$", regex.REVERSE)


def signed(text: str, m: Mention) -> Mention:
    """`m` with the sign written before it, if any: span widened, value negated."""
    if m.kind not in SIGNED_KINDS or m.value_low is None or m.value_high is None or not m.start:
        return m
    before = text[max(0, m.start - 8):m.start]
    if before[-1] not in _SIGN_ENDS and before.rstrip(" \t\u00a0")[-5:].lower() != "minus":
        return m  # no sign right before: most figures stop here
    plus = _PLUS_BEFORE.match(text, max(0, m.start - 2), m.start)
    if plus is not None:  # "(+3.09 pp)": the sign of a rise, part of the figure as written
        return m.with_(start=plus.start(), text=text[plus.start():m.end], rule=f"{m.rule}+plus")
    s = _SIGN_BEFORE.match(text, max(0, m.start - 8), m.start)
    if s is None:
        return m
    if m.value_low == m.value_high:
        low = high = -m.value_low or 0.0  # "-0%" is 0, not -0
    else:
        low, high = sorted((-m.value_low or 0.0, m.value_high))
    return m.with_(start=s.start(), text=text[s.start():m.end], value_low=low, value_high=high,
                   rule=f"{m.rule}+minus")
