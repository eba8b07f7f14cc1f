"""Where a rule can be tried, found faster than a scan of the rule itself would find it.

A regular expression led by letters ("GBP") or by signs outside ASCII
("£", "€") is tried by the engine at nearly every position of the text, and
such a scan costs several times what `str.find` costs to find the same few
places. Rules led that way declare the literals they start with;
`starts` finds those (one `str.find` loop per distinct first character, the
rest of the literal checked with `startswith`), and `matches` tries the rule
only there. The result is what `finditer` would give: leftmost matches that
do not overlap, in text order, so long as every match of the rule begins
with one of its literals.

>>> import regex
>>> text = "£5bn in April, $2m in May, US$3m"
>>> starts(text, ("£", "$", "US$"))
[0, 15, 27, 29]
>>> [m.group() for m in matches(regex.compile(r"(?:US\\$|£|\\$)[0-9]+[a-z]*"), text, starts(text, ("£", "$", "US$")))]
['£5bn', '$2m', 'US$3m']

Rules led by a number and ending in a word or sign ("5 per cent", "50p",
"30 pounds") are anchored the other way round: `word_starts` finds the
word (one scan of the text's words serves every rule that registered its
words with `register_words`), and `numbers_before` gives the few numbers
that can lead a match ending there. A match holds a known number of
numbers, so the last one or two `number_starts` before its word are the
only places it can begin.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from functools import lru_cache

import ahocorasick
import regex

from extract.casefold import ASCII_FOLDS
from extract.guard import ExtractionTimeout, limit_for


def starts(text: str, literals: Iterable[str]) -> list[int]:
    """Sorted offsets at which any of `literals` (case-sensitive) begins in `text`.

    Each literal is found by its first character that is not a letter ("$" of
    "HK$"), else its first letter: `str.find` skips in C from one such
    character to the next, so the Python loop runs where a sign is, not at
    every capital letter of the text.

    >>> starts("HK$5, C$ 3 and $4 but ABC", ["$", "HK$", "C$", "£"])
    [0, 2, 6, 7, 15]
    """
    by_char: dict[str, list[tuple[int, str]]] = {}
    for literal in literals:
        k = next((i for i, c in enumerate(literal) if not c.isalpha()), 0)
        by_char.setdefault(literal[k], []).append((k, literal))
    found: set[int] = set()
    for char, entries in by_char.items():
        single = [k for k, literal in entries if len(literal) == 1]
        i = text.find(char)
        while i != -1:
            if single:
                found.add(i)
            for k, literal in entries:
                if len(literal) > 1 and i >= k and text.startswith(literal, i - k):
                    found.add(i - k)
            i = text.find(char, i + 1)
    return sorted(found)


def glued_before_digits(text: str, words: Iterable[str]) -> list[int]:
    """Sorted offsets of `words` (case-sensitive, upper case) written straight before a
    number ("GBP5m"), found from the numbers that follow a capital letter (few in any text).

    >>> glued_before_digits("GBP5m, GBP 5, xGBP7, Q1", ["GBP"])
    [0, 15]
    """
    wanted = set(words)
    lengths = sorted({len(w) for w in wanted})
    found = []
    for start in number_starts(text):
        if start and text[start - 1].isupper():
            found += [start - n for n in lengths if start >= n and text[start - n:start] in wanted]
    return sorted(found)


def matches(pattern: regex.Pattern[str], text: str, positions: Iterable[int],
            seconds: float | None = None) -> Iterator[regex.Match[str]]:
    """Matches of `pattern` tried only at `positions` (ascending), non-overlapping like `finditer`.

    Each try runs under the same time limit as the guard's scans.
    """
    limit = seconds if seconds is not None else limit_for(text)
    end = 0
    for pos in positions:
        if pos < end:
            continue  # inside the previous match, as finditer would skip it
        try:
            m = pattern.match(text, pos, timeout=limit)
        except TimeoutError as exc:
            raise ExtractionTimeout(f"pattern {pattern.pattern[:60].strip()} ran for more than {limit:g} s "
                                    f"at offset {pos} (catastrophic backtracking?)") from exc
        if m is not None:
            end = m.end() if m.end() > m.start() else m.end() + 1
            yield m


# Lower-case ASCII letters, digits and "_" kept; every other byte a space.
_WORD_BYTES = bytes(b if chr(b).isascii() and (chr(b).isalnum() or b == 0x5F) else 0x20
                    for b in bytes(range(256)).lower())


@lru_cache(maxsize=4)
def word_bytes(text: str) -> bytes:
    """`text` as one byte per character: lower-case ASCII word characters, spaces for the rest.

    Offsets are the text's own, so a word found here is at the same place in `text`.

    >>> word_bytes("£5bn, Twenty-one")
    b' 5bn  twenty one'
    """
    # Written as the ASCII letters case-insensitive patterns take them for
    # (`casefold.ASCII_FOLDS`), so a word is found here wherever a pattern finds it.
    for odd, letter in ASCII_FOLDS.items():
        if odd in text:
            text = text.replace(odd, letter)
    return text.encode("latin-1", "replace").translate(_WORD_BYTES)


def folded_finds(text: str, literal: str) -> list[int]:
    """Offsets of `literal` (lower-case ASCII letters) in `text` in any case, inside words or not.

    Found in `word_bytes`, so these are all the places a case-insensitive
    pattern could match the literal.

    >>> folded_finds("Twofold, three-FOLD; folder", "fold")
    [3, 15, 21]
    """
    words = word_bytes(text)
    needle = literal.encode("ascii")
    found = []
    i = words.find(needle)
    while i != -1:
        found.append(i)
        i = words.find(needle, i + 1)
    return found


# A run of digits, from its first digit (the look-behind lets only the first
# digit of a run start a match). Nothing to backtrack, so no time limit.
_DIGIT_RUN = regex.compile(r"[0-9](?<![0-9][0-9])[0-9]*")


@lru_cache(maxsize=4)
def digit_runs(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every run of ASCII digits in `text`.

    >>> digit_runs("£5.3bn, 20,000 in 2015-16")
    ((1, 2), (3, 4), (8, 10), (11, 14), (18, 22), (23, 25))
    """
    return tuple(m.span() for m in _DIGIT_RUN.finditer(text))


@lru_cache(maxsize=4)
def number_starts(text: str) -> tuple[int, ...]:
    """Where numbers written in digits start: a digit after anything but a digit, "." or ",".

    These are the only places a match of `extract.numbers.DIGITS` can start.

    >>> number_starts("£5.3bn, 20,000 nurses in 2015-16")
    (1, 8, 25, 30)
    """
    return tuple(start for start, _ in digit_runs(text) if not start or text[start - 1] not in ".,")


def numbers_before(text: str, positions: Iterable[int], count: int,
                   between: frozenset[bytes] | None = None) -> list[int]:
    """The last `count` number starts before each of `positions`, sorted, each once.

    With `between`, a number is kept only if every word from it to the
    position (in `word_bytes`) is digits or one of `between`: the words a
    match may hold there ("to", "million", "twenty"...).

    >>> numbers_before("5 to 10 years, 3 weeks", [8, 17], 2)
    [0, 5, 15]
    >>> numbers_before("5 to 10 years, 3 of the weeks", [8, 24], 2, frozenset([b"to"]))
    [0, 5]
    """
    found = number_starts(text)
    words = word_bytes(text) if between is not None else b""
    out: set[int] = set()
    for pos in positions:
        i = bisect.bisect_left(found, pos)
        # Nearest first: a word that stops the nearer number's phrase stops the farther one's too.
        for start in reversed(found[max(0, i - count):i]):
            if between is not None and not phrase_only(words, start, pos, between):
                break
            out.add(start)
    return sorted(out)


def phrase_leads(text: str, leads: Iterable[int], units: list[int], allowed: frozenset[bytes]) -> set[int]:
    """The `leads` (offsets of number words) from which only words of `allowed` stand up to the next unit.

    `units` (ascending) are where a rule's last word can start. A match led by
    a spelled number runs from its lead through number-phrase words to a
    unit, so a lead whose way to the next unit holds any other word cannot
    start one: the same test `numbers_before` makes for numbers in digits.

    >>> text = "five per cent, one of the ten years"
    >>> sorted(phrase_leads(text, [0, 15, 26], [5, 30], frozenset([b"five", b"one", b"ten"])))
    [0, 26]
    """
    words = word_bytes(text)
    found = set()
    for lead in leads:
        i = bisect.bisect_left(units, lead)
        if i < len(units) and phrase_only(words, lead, units[i], allowed):
            found.add(lead)
    return found


def phrase_only(words: bytes, start: int, pos: int, allowed: frozenset[bytes]) -> bool:
    """True when every word of `words[start:pos]` is digits or in `allowed`."""
    # A long gap almost always ends in a word a phrase cannot hold: look at the
    # last words first (the window's first word may be cut, so it is skipped).
    if pos - start > 48 and not _only(words[pos - 48:pos].split()[1:], allowed):
        return False
    return _only(words[start:pos].split(), allowed)


def _only(words: list[bytes], allowed: frozenset[bytes]) -> bool:
    """Every word is in `allowed` or all digits (set operations and one `isdigit`: no Python loop)."""
    rest = set(words).difference(allowed)
    return not rest or b"".join(rest).isdigit()


@lru_cache(maxsize=4)
def letters_after_digits(text: str, letters: str) -> tuple[int, ...]:
    """Offsets of each of `letters` written straight after a digit ("50p", "2pp", "5pc" for "pP").

    Only the last digit of a run has a letter after it, so the runs of digits
    say where: eight times faster than scanning for a digit before a letter.

    >>> letters_after_digits("50p, 2pp and 5 Percent", "pP")
    (2, 6)
    """
    size = len(text)
    return tuple(end for _, end in digit_runs(text) if end < size and text[end] in letters)


def p_after_digits(text: str) -> tuple[int, ...]:
    """Offsets of each "p" or "P" written straight after a digit ("50p", "2pp")."""
    return letters_after_digits(text, "pP")


# Word families registered by the rules, each a tuple of lower-case words.
_FAMILIES: dict[str, tuple[str, ...]] = {}


def register_words(family: str, words: Iterable[str]) -> None:
    """Declare whole words (lower case) that `word_starts(text, family)` will find."""
    _FAMILIES[family] = tuple(sorted(set(words)))
    _word_scan.cache_clear()
    _automaton.cache_clear()


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    # One Aho-Corasick automaton (pyahocorasick, in C) over every registered
    # word with a space on each side: it reads the text once, whatever the
    # number of words, and finds each whole word of `word_bytes` (where every
    # non-word character is a space). About twice as fast as the standard
    # library's `re` scanning for a space and then a trie of the words, the
    # fastest pure-Python way; a fixed automaton has nothing to backtrack.
    families: dict[str, tuple[str, ...]] = {}
    for family, words in _FAMILIES.items():
        for word in words:
            families[word] = (*families.get(word, ()), family)
    automaton = ahocorasick.Automaton()
    for word, names in families.items():
        automaton.add_word(f" {word} ", (len(word), names))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=4)
def _word_scan(text: str) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = {family: [] for family in _FAMILIES}
    # A space at each end lets a word at either end of the text match. The
    # automaton gives the offset of a match's last character (its trailing
    # space): in the text, the word starts one word length and a space before.
    padded = " " + word_bytes(text).decode("latin-1") + " "
    for last, (length, names) in _automaton().iter(padded):
        for family in names:
            found[family].append(last - length - 1)
    return {family: tuple(starts) for family, starts in found.items()}


def word_starts(text: str, family: str) -> tuple[int, ...]:
    """Offsets of the words of `family` in `text`, whole words in any case.

    Every place a case-insensitive pattern could match one of the words, as a
    whole word after a non-word character, is here; the rule's own pattern
    then decides.

    >>> import extract.numbers  # registers the number words
    >>> word_starts("Ten years, twenty-ONE, often", "number")
    (0, 11, 18)
    """
    return _word_scan(text)[family]
