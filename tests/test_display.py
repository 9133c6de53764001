"""The notebook display: well-formed, self-contained, escaped HTML with the grades' colours
(issue 13)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

import ofstedmodel as om
from ofstedmodel import datasets
from ofstedmodel.display import MAX_ROWS, to_html
from ofstedmodel.palette import GRADE_COLOURS, TEXT_ON

VOID = {"br", "hr", "img", "meta", "link", "input", "col", "wbr"}
FORBIDDEN_TAGS = {"script", "style", "link", "iframe", "img", "object", "embed", "meta"}


class Strict(HTMLParser):
    """Parses HTML, keeping the text and failing on unbalanced tags and external resources."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag not in FORBIDDEN_TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on"), name  # no event handlers
            assert name not in ("src", "href"), name
            assert "url(" not in (value or ""), value
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack.pop() == tag, tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Strict:
    parser = Strict()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], parser.stack
    return parser


def everything() -> list[object]:
    histories = datasets.histories()
    rotherham = datasets.history("Rotherham")
    graded = rotherham.graded
    return [
        rotherham,
        graded[-1],
        rotherham.trajectory(),
        om.compare(graded[2], graded[3]),
        om.summarise(histories, as_at="2025-03-31"),
        om.summarise(histories, as_at="2025-03-31", by="region"),
        om.peers(rotherham, histories, as_at="2025-03-31"),
        om.standings(histories, as_at="2025-03-31"),
        om.turnarounds(histories),
        om.digest(histories, since="2025-04-01", until="2025-09-30"),
        om.next_inspection(rotherham),
    ]


@pytest.mark.parametrize("thing", everything(), ids=lambda x: type(x).__name__)
def test_every_display_is_well_formed_and_self_contained(thing: object) -> None:
    page = thing._repr_html_()  # type: ignore[attr-defined]
    assert page == to_html(thing)
    parsed = parse(page)
    assert parsed.tags[0] == "div"
    assert "table" in parsed.tags
    # The first sentence is describe's, whole.
    assert " ".join(om.describe(thing).split()) in " ".join("".join(parsed.text).split())


def test_grades_are_on_their_colours_with_readable_text() -> None:
    page = to_html(datasets.history("Rotherham"))
    for grade in (om.Grade.INADEQUATE, om.Grade.GOOD, om.Grade.OUTSTANDING, om.Grade.ADEQUATE):
        assert f"background:{GRADE_COLOURS[grade]};color:{TEXT_ON[grade]}" in page


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("grade", list(GRADE_COLOURS))
def test_the_text_colour_is_the_more_readable_one(grade: om.Grade) -> None:
    background = GRADE_COLOURS[grade]
    other = "#000000" if TEXT_ON[grade] == "#FFFFFF" else "#FFFFFF"
    assert _contrast(background, TEXT_ON[grade]) >= _contrast(background, other)


def test_every_value_is_escaped() -> None:
    council = om.Council('<script>alert("x")</script> & Co', "999")
    history = om.History(
        council, [om.Inspection(council, "ILACS", "2024-07-23", {"overall": "good"})]
    )
    page = to_html(history)
    parsed = parse(page)
    assert "script" not in parsed.tags
    assert '<script>alert("x")</script> & Co' in "".join(parsed.text)


def test_unknown_is_shown_as_unknown_never_as_a_dash() -> None:
    council = om.Council("Brent", "304")
    history = om.History(council, [om.Inspection(council, "SIF", "2016-05-10", grades_known=False)])
    text = "".join(parse(to_html(history)).text)
    assert "unknown" in text
    assert "\u2014" not in text  # the dash is for judgements not made


def test_a_load_result_shows_its_problems_and_how_many_more() -> None:
    from ofstedmodel.io.problems import LoadResult, Problem

    problems = [Problem("f.csv", n, "grade", f"bad{n}", "not a grade") for n in range(2, 80)]
    result = LoadResult(histories={}, problems=problems, rows=78, kept=0)
    page = result._repr_html_()
    parsed = parse(page)
    text = "".join(parsed.text)
    assert "bad2" in text
    assert f"bad{MAX_ROWS + 1}" in text
    assert f"bad{MAX_ROWS + 2}" not in text
    assert f"and {78 - MAX_ROWS} more rows" in text
    assert "78 rows read: 0 kept, 78 reported; 0 histories, 0 notes." in text


def test_anything_else_is_refused_with_its_type() -> None:
    with pytest.raises(om.OfstedModelError) as caught:
        to_html(3)
    assert caught.value.rule == "not a type to_html knows"
    assert caught.value.field == "x"
    assert "History" in str(caught.value)


def test_a_judgement_one_side_did_not_make_is_not_compared_rather_than_unknown() -> None:
    graded = datasets.history("Rotherham").graded
    page = to_html(om.compare(graded[-2], graded[-1]))  # ILACS 2018 gave no care leavers grade
    text = "".join(parse(page).text)
    assert "not compared: not judged on both sides" in text
    assert "unknown" not in text


def test_the_next_inspection_shows_its_kind() -> None:
    text = "".join(parse(to_html(om.next_inspection(datasets.history("Rotherham")))).text)
    assert "ILACS short inspection" in text
