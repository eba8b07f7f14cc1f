"""One vocabulary, everything derived from it: every spelling in extract/vocab works in every rule.

The cases are generated from the vocabulary files themselves, not from a
hand-kept list: a sign, code, currency word or percent word added to the TOML
is tested here the moment it is added. The last tests add "¥" = "JPY" and the
percent word "pc" to a copy of the package, one line each, and build a
dataset with it.
"""

from __future__ import annotations

import json
import math
import pathlib
import shutil
import subprocess
import sys

import pytest

from extract import vocab
from extract.extractor import extract
from extract.kinds.percent import ATTACHED, UNIT_OF

ROOT = pathlib.Path(__file__).resolve().parent.parent
CURRENCIES = vocab.load("currencies")
MINOR = CURRENCIES["minor"]


def _only(text: str, kind: str):
    found = [m for m in extract(text) if m.kind == kind]
    assert len(found) == 1, (text, [(m.text, m.kind) for m in extract(text)])
    return found[0]


def _money_cases() -> list[pytest.param]:
    cases = []
    for sign, code in CURRENCIES["before"].items():
        gap = " " if sign.isalpha() else ""  # a code needs a number right after it: "GBP 5m", "£5m"
        cases += [
            pytest.param(f"It costs {sign}{gap}5.3bn a year.", f"{sign}{gap}5.3bn", code, (5.3e9, 5.3e9),
                         id=f"{sign}-single"),
            pytest.param(f"a gap of {sign}{gap}7-10 billion by 2030", f"{sign}{gap}7-10 billion", code, (7e9, 1e10),
                         id=f"{sign}-range"),
            pytest.param(f"between {sign}{gap}2bn and {sign}{gap}3bn", f"between {sign}{gap}2bn and {sign}{gap}3bn",
                         code, (2e9, 3e9), id=f"{sign}-between"),
            pytest.param(f"a deficit of -{sign}{gap}4m", f"-{sign}{gap}4m", code, (-4e6, -4e6), id=f"{sign}-signed"),
        ]
    for word, unit in CURRENCIES["after"].items():
        if len(word) == 1:
            cases.append(pytest.param(f"a charge of 50{word} an item", f"50{word}", MINOR[unit]["of"],
                                      (50 * MINOR[unit]["factor"],) * 2, id=f"{word}-suffix"))
        elif unit in MINOR:
            value = 50 * MINOR[unit]["factor"]
            cases.append(pytest.param(f"a charge of 50 {word} an item", f"50 {word}", MINOR[unit]["of"],
                                      (value, value), id=f"{word}-minor"))
        else:
            cases += [
                pytest.param(f"It raised 30 billion {word} last year.", f"30 billion {word}", unit, (3e10, 3e10),
                             id=f"{word}-digits"),
                pytest.param(f"It raised five million {word} last year.", f"five million {word}", unit, (5e6, 5e6),
                             id=f"{word}-spelled"),
            ]
    return cases


@pytest.mark.parametrize(("text", "written", "unit", "values"), _money_cases())
def test_every_currency_spelling_is_money_in_its_code(text: str, written: str, unit: str,
                                                      values: tuple[float, float]) -> None:
    m = _only(text, "money")
    assert (m.text, m.unit) == (written, unit)
    assert math.isclose(m.value_low, values[0]) and math.isclose(m.value_high, values[1])


def _percent_cases() -> list[pytest.param]:
    cases = []
    for word, unit in UNIT_OF.items():
        gap = "" if (not word[0].isalpha() or word in ATTACHED) else " "
        cases += [
            pytest.param(f"a rise of 3.5{gap}{word} in 2015", f"3.5{gap}{word}", unit, (3.5, 3.5), id=f"{word}-single"),
            pytest.param(f"a fall of 4-5{gap}{word} last year", f"4-5{gap}{word}", unit, (4, 5), id=f"{word}-range"),
            pytest.param(f"between 11 and 12{gap}{word} of GDP", f"between 11 and 12{gap}{word}", unit, (11, 12),
                         id=f"{word}-between"),
            pytest.param(f"growth of -1.2{gap}{word} in the year", f"-1.2{gap}{word}", unit, (-1.2, -1.2),
                         id=f"{word}-signed"),
        ]
        if word[0].isalpha():
            cases.append(pytest.param(f"a cut of ten {word} in the budget", f"ten {word}", unit, (10, 10),
                                      id=f"{word}-spelled"))
    return cases


@pytest.mark.parametrize(("text", "written", "unit", "values"), _percent_cases())
def test_every_percent_spelling_is_a_percentage(text: str, written: str, unit: str,
                                                values: tuple[float, float]) -> None:
    m = _only(text, "percent")
    assert (m.text, m.unit) == (written, unit)
    assert (m.value_low, m.value_high) == values


def test_the_schema_accepts_exactly_the_vocabulary_s_currencies() -> None:
    from schemas.vocab import CURRENCIES as SCHEMA_CURRENCIES

    assert vocab.currency_codes() == SCHEMA_CURRENCIES
    assert {"GBP", "USD", "EUR", "HKD", "CAD", "AUD", "NZD", "SGD"} <= set(SCHEMA_CURRENCIES)


def _add_line(path: pathlib.Path, table: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    header = f"[{table}]\n"
    assert header in text
    path.write_text(text.replace(header, header + line + "\n", 1), encoding="utf-8")


_PROBE = """
import json, pathlib, sys
from extract.extractor import extract
from extract.pipeline import run
texts = sys.argv[1:-1]
print(json.dumps([[(m.text, m.kind, m.unit, m.value_low, m.value_high) for m in extract(t)] for t in texts]))
corpus = pathlib.Path(sys.argv[-1]) / "corpus"
corpus.mkdir()
(corpus / "doc.txt").write_text(" ".join(texts), encoding="utf-8")
summary = run(corpus, pathlib.Path(sys.argv[-1]) / "out")
print(json.dumps([summary.failed, summary.rejects, summary.figures]))
"""


def _copy_package(tmp_path: pathlib.Path) -> pathlib.Path:
    root = tmp_path / "copy"
    for package in ("extract", "schemas"):
        shutil.copytree(ROOT / package, root / package, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _probe(root: pathlib.Path, tmp_path: pathlib.Path, texts: list[str]) -> tuple[list, list]:
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    done = subprocess.run([sys.executable, "-c", _PROBE, *texts, str(work)], cwd=root, capture_output=True,
                          text=True, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[0]), json.loads(lines[1])


def test_a_currency_is_one_line_in_the_vocabulary(tmp_path: pathlib.Path) -> None:
    root = _copy_package(tmp_path)
    texts = ["Japan pledged ¥500 million.", "a range of ¥2-3bn", "between ¥2bn and ¥3bn", "JPY 40m"]
    before, _ = _probe(root, tmp_path, texts)
    assert all(kind != "money" or unit != "JPY" for found in before for _, kind, unit, _, _ in found)
    _add_line(root / "extract" / "vocab" / "currencies.toml", "before", '"¥" = "JPY"')
    _add_line(root / "extract" / "vocab" / "currencies.toml", "before", '"JPY" = "JPY"')
    shutil.rmtree(tmp_path / "work")
    after, (failed, rejects, figures) = _probe(root, tmp_path, texts)
    assert [[(t, u, lo, hi) for t, k, u, lo, hi in found if k == "money"] for found in after] == [
        [("¥500 million", "JPY", 5e8, 5e8)], [("¥2-3bn", "JPY", 2e9, 3e9)],
        [("between ¥2bn and ¥3bn", "JPY", 2e9, 3e9)], [("JPY 40m", "JPY", 4e7, 4e7)]]
    assert (failed, rejects) == (0, 0) and figures >= 4  # the schema and pint accept JPY: the build publishes


def test_a_percent_word_is_one_line_in_the_vocabulary(tmp_path: pathlib.Path) -> None:
    root = _copy_package(tmp_path)
    path = root / "extract" / "vocab" / "percent.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(', "pc"]', "]"), encoding="utf-8")  # take "pc" out
    texts = ["a 5pc rise", "between 4 and 5pc", "a 4-5 pc fall", "ten pc more"]
    before, _ = _probe(root, tmp_path, texts)
    assert not any(kind == "percent" for found in before for _, kind, _, _, _ in found)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('percent = ["%"', 'percent = ["pc", "%"'), encoding="utf-8")  # and back in
    shutil.rmtree(tmp_path / "work")
    after, (failed, rejects, _) = _probe(root, tmp_path, texts)
    assert [[(t, u, lo, hi) for t, k, u, lo, hi in found if k == "percent"] for found in after] == [
        [("5pc", "percent", 5, 5)], [("between 4 and 5pc", "percent", 4, 5)], [("4-5 pc", "percent", 4, 5)],
        [("ten pc", "percent", 10, 10)]]
    assert (failed, rejects) == (0, 0)
