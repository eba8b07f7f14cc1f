"""Sections and sentences on each document shape the corpus shows."""

from __future__ import annotations

import datetime as dt
import itertools
import pathlib

import pytest

from extract.segment import Segments, find_sections, sentence_spans

CORPUS = pathlib.Path(__file__).resolve().parent.parent / "corpus"

BLOG = """Posts Tagged ‘Integrated care’

Better Care Fund will require continued support

By Johnny Marshall, director of policy, NHS Confederation - 11th November 2014 12:00 pm

We recognise the hard work.

Initial NHS integrated care plans inadequate

By Mike Broad - 11:51 am

The quality of early preparation did not match the ambition.

GPs not consulted on Manchester health devolution

- 3rd March 2015 3:51 pm

GP leaders have slammed the plans.

£2bn extra health and social care integration fund call

The Guardian - 18th June 2014 10:59 am

Councils need an extra £2bn.
"""

ESSAYS = """Meeting the Challenge

Contents

Foreword Alex Thomson, Chief Executive, Localis\t4
1 - Why localism is crucial Rt Hon Stephen Dorrell\t6
2 - Delivering the Forward View Toby Lambert\t9

Foreword

Alex Thomson, Chief Executive of Localis

No-one should doubt the scale of the challenge.

1 Why localism is crucial to the future of the NHS

Rt Hon Stephen Dorrell, Former Secretary of State for Health

Throughout the twentieth century the drive to centralise seemed inevitable.

1. Deliver Public Health and address inequalities

A numbered list inside the chapter is not a chapter.

13 Jaimie Kaffash, "GP Vacancy Rates Quadruple", Pulse (27 February 2013)

2

Delivering the Five Year Forward View

The NHS faces a £30 billion funding gap by 2020.
"""


def test_blog_posts_are_sections_with_titles_bylines_and_dates() -> None:
    sections = find_sections(BLOG)
    got = [(s.title, s.byline, s.published, s.rule) for s in sections]
    assert got == [
        ("Posts Tagged ‘Integrated care’", None, None, "document"),
        ("Better Care Fund will require continued support", "Johnny Marshall, director of policy, NHS Confederation",
         dt.date(2014, 11, 11), "dateline"),
        # a dateless "By Mike Broad - 11:51 am" belongs to the same day as the post before it
        ("Initial NHS integrated care plans inadequate", "Mike Broad", dt.date(2014, 11, 11), "dateline"),
        ("GPs not consulted on Manchester health devolution", None, dt.date(2015, 3, 3), "dateline"),
        ("£2bn extra health and social care integration fund call", "The Guardian", dt.date(2014, 6, 18), "dateline"),
    ]
    assert BLOG[sections[2].start:].startswith("Initial NHS integrated care plans inadequate")
    assert all(a.end == b.start for a, b in itertools.pairwise(sections))


def test_essay_collection_chapters_follow_their_numbers() -> None:
    sections = find_sections(ESSAYS)
    got = [(s.title, s.byline, s.rule) for s in sections]
    assert got == [
        ("Meeting the Challenge", None, "document"),
        ("Contents", None, "named_heading"),
        ("Foreword", "Alex Thomson, Chief Executive of Localis", "named_heading"),
        ("Why localism is crucial to the future of the NHS",
         "Rt Hon Stephen Dorrell, Former Secretary of State for Health", "numbered_heading"),
        ("Delivering the Five Year Forward View", None, "numbered_heading"),
    ]


def test_single_article_is_one_section() -> None:
    text = (CORPUS / "003_c44f654124f0b19c.txt").read_text(encoding="utf-8")
    sections = find_sections(text)
    assert len(sections) == 1 and sections[0].start == 0 and sections[0].end == len(text)


@pytest.mark.parametrize(("name", "posts"), [("000_283eca0c9246440f.txt", 10), ("001_608a47e6e096e0cb.txt", 10),
                                             ("004_77d2658161c3351d.txt", 10)])
def test_every_post_of_the_blog_pages_has_its_date(name: str, posts: int) -> None:
    sections = Segments((CORPUS / name).read_text(encoding="utf-8")).sections
    dated = [s for s in sections if s.rule == "dateline"]
    assert len(dated) == posts
    assert all(s.published is not None for s in dated)


SENTENCES = [
    ("Dr. Smith said £5.3bn. was pledged. Next one", ["Dr. Smith said £5.3bn. was pledged.", "Next one"]),
    ("The Fund will save £1bn, e.g. in 2015-16. It may not.", ["The Fund will save £1bn, e.g. in 2015-16.", "It may not."]),
    ("He said: “We need 400 more paramedics.” Then he left.",
     ["He said: “We need 400 more paramedics.”", "Then he left."]),
    ("Costs of proposals:\n\n- £6 billion (2014); more later\n\n- costs of free care", [
        "Costs of proposals:", "- £6 billion (2014); more later", "- costs of free care"]),
    ("The retirement challenge\n\nThe workforce challenge has had less coverage.",
     ["The retirement challenge", "The workforce challenge has had less coverage."]),
    ("providing 90% of patient contacts.⁴ In their campaign the RCGP asked for 11%.",
     ["providing 90% of patient contacts.⁴", "In their campaign the RCGP asked for 11%."]),
    ("a line wrapped in the middle of\nthe sentence ends here. New one.",
     ["a line wrapped in the middle of\nthe sentence ends here.", "New one."]),
    # A footnote marker in plain digits after a word ends the sentence; a decimal does not.
    ("NHS England spent £152.6 billion in cash terms.2 The Department expects more.",
     ["NHS England spent £152.6 billion in cash terms.2", "The Department expects more."]),
    ("Demand rose to 1.5 The next year it fell.", ["Demand rose to 1.5 The next year it fell."]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES, ids=[s[0][:30] for s in SENTENCES])
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


def test_a_month_takes_the_year_of_its_own_clause_else_the_date_line() -> None:
    from extract.extractor import extract

    text = ("Pay deal agreed\n\nBy Health Correspondent - 21 March 2018\n\n"
            "Salaries will rise by 2020/21, and the lowest band will be paid more from April.")
    april = next(m for m in extract(text) if m.text == "April")
    assert str(april.date_start) == "2018-04-01" and april.rule.endswith("+published_year")
