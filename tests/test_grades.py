"""Grade: its order, codes, labels and parsing."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ofstedmodel import Grade, GradeError, OfstedModelError
from ofstedmodel.strategies import grades

G = Grade
CURRENT = (G.OUTSTANDING, G.GOOD, G.REQUIRES_IMPROVEMENT, G.INADEQUATE)

# -- facts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "code", "label", "good_or_better"),
    [
        (G.OUTSTANDING, 1, "Outstanding", True),
        (G.GOOD, 2, "Good", True),
        (G.REQUIRES_IMPROVEMENT, 3, "Requires improvement to be good", False),
        (G.ADEQUATE, 3, "Adequate", False),
        (G.INADEQUATE, 4, "Inadequate", False),
    ],
)
def test_code_label_and_good_or_better(
    grade: Grade, code: int, label: str, good_or_better: bool
) -> None:
    assert grade.code == code
    assert grade.label == label
    assert grade.is_good_or_better is good_or_better


def test_str_is_the_plain_name_and_repr_shows_the_code() -> None:
    assert str(G.REQUIRES_IMPROVEMENT) == "requires improvement"
    assert repr(G.REQUIRES_IMPROVEMENT) == "<Grade.REQUIRES_IMPROVEMENT: 3>"
    assert repr(G.ADEQUATE) == "<Grade.ADEQUATE: 3>"


# -- order ------------------------------------------------------------------------------------


def test_better_is_greater() -> None:
    assert G.OUTSTANDING > G.GOOD > G.REQUIRES_IMPROVEMENT > G.INADEQUATE
    assert G.INADEQUATE < G.REQUIRES_IMPROVEMENT < G.GOOD < G.OUTSTANDING
    assert G.GOOD >= G.REQUIRES_IMPROVEMENT
    assert not G.GOOD <= G.REQUIRES_IMPROVEMENT


def test_sorting_puts_the_worst_first() -> None:
    shuffled = [G.GOOD, G.INADEQUATE, G.OUTSTANDING, G.REQUIRES_IMPROVEMENT]
    assert sorted(shuffled) == [G.INADEQUATE, G.REQUIRES_IMPROVEMENT, G.GOOD, G.OUTSTANDING]
    assert max(shuffled) is G.OUTSTANDING
    assert min(shuffled) is G.INADEQUATE


def test_adequate_ranks_level_with_requires_improvement_but_is_not_it() -> None:
    adequate, ri = G.ADEQUATE, G.REQUIRES_IMPROVEMENT
    assert not adequate < ri
    assert not adequate > ri
    assert adequate <= ri
    assert adequate >= ri
    assert adequate != ri
    assert adequate is not ri
    assert G.GOOD > adequate > G.INADEQUATE


def test_a_grade_is_not_equal_to_its_code_or_name() -> None:
    assert G.GOOD != 2
    assert G.GOOD != "good"


@given(grades(), grades())
def test_order_is_a_total_preorder_consistent_with_the_code(a: Grade, b: Grade) -> None:
    assert (a < b) is (a.code > b.code)
    assert (a > b) is (a.code < b.code)
    assert (a <= b) is (a.code >= b.code)
    assert (a >= b) is (a.code <= b.code)
    # Exactly one of: a worse, a better, the two level.
    outcomes = [a < b, a > b, a <= b and a >= b]
    assert outcomes.count(True) == 1


def test_order_is_transitive_over_every_triple() -> None:
    for a, b, c in itertools.product(G, repeat=3):
        if a <= b and b <= c:
            assert a <= c
        if a < b and b < c:
            assert a < c


# -- parsing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("Outstanding", G.OUTSTANDING),
        ("OUTSTANDING", G.OUTSTANDING),
        ("  outstanding  ", G.OUTSTANDING),
        ("Outstanding.", G.OUTSTANDING),
        ("good", G.GOOD),
        ("Good!", G.GOOD),
        ("'GOOD'", G.GOOD),
        ("Requires improvement to be good", G.REQUIRES_IMPROVEMENT),
        ("REQUIRES IMPROVEMENT TO BE GOOD", G.REQUIRES_IMPROVEMENT),
        ("requires   improvement   to be good", G.REQUIRES_IMPROVEMENT),
        ("requires-improvement-to-be-good", G.REQUIRES_IMPROVEMENT),
        ("Requires improvement", G.REQUIRES_IMPROVEMENT),
        ("requires_improvement", G.REQUIRES_IMPROVEMENT),
        ("Requires improvement, to be good.", G.REQUIRES_IMPROVEMENT),
        ("RI", G.REQUIRES_IMPROVEMENT),
        ("ri", G.REQUIRES_IMPROVEMENT),
        ("R.I.", G.REQUIRES_IMPROVEMENT),
        ("Req. improvement", G.REQUIRES_IMPROVEMENT),
        ("req imp", G.REQUIRES_IMPROVEMENT),
        ("Inadequate", G.INADEQUATE),
        ("INADEQUATE", G.INADEQUATE),
        ("inadequate\n", G.INADEQUATE),
        ("Adequate", G.ADEQUATE),
        ("ADEQUATE", G.ADEQUATE),
        (" adequate. ", G.ADEQUATE),
        ("grade 3", G.REQUIRES_IMPROVEMENT),
        ("Grade-2", G.GOOD),
    ],
)
def test_parse_text(text: str, grade: Grade) -> None:
    assert Grade.parse(text) is grade


@pytest.mark.parametrize(
    ("code", "grade"),
    [
        (1, G.OUTSTANDING),
        (2, G.GOOD),
        (3, G.REQUIRES_IMPROVEMENT),
        (4, G.INADEQUATE),
        ("1", G.OUTSTANDING),
        ("2", G.GOOD),
        ("3", G.REQUIRES_IMPROVEMENT),
        ("4", G.INADEQUATE),
        (" 4 ", G.INADEQUATE),
    ],
)
def test_parse_code(code: int | str, grade: Grade) -> None:
    assert Grade.parse(code) is grade


def test_adequate_is_adequate_and_never_requires_improvement() -> None:
    assert Grade.parse("adequate") is G.ADEQUATE
    assert Grade.parse("Adequate") is not G.REQUIRES_IMPROVEMENT


def test_code_3_is_requires_improvement_never_adequate() -> None:
    # Adequate and requires improvement share code 3; a bare number means the current scale.
    assert Grade.parse(3) is G.REQUIRES_IMPROVEMENT
    assert Grade.parse("3") is G.REQUIRES_IMPROVEMENT
    assert Grade.parse(G.ADEQUATE.code) is G.REQUIRES_IMPROVEMENT


def test_parse_a_grade_gives_it_back() -> None:
    for grade in G:
        assert Grade.parse(grade) is grade


def test_unknown_word_names_the_value_the_accepted_labels_and_the_nearest() -> None:
    with pytest.raises(GradeError) as caught:
        Grade.parse("goood")
    message = str(caught.value)
    assert "'goood'" in message
    assert "did you mean 'good'?" in message
    for label in ("'outstanding'", "'good'", "'requires improvement'", "'inadequate'"):
        assert label in message
    assert "'adequate'" in message


def test_unknown_word_far_from_any_label_has_no_hint() -> None:
    with pytest.raises(GradeError, match="'excellent' is not a grade; accepted: ") as caught:
        Grade.parse("excellent")
    assert "did you mean" not in str(caught.value)


@pytest.mark.parametrize("text", ["", "   ", "...", "good or better", "5", "0", "grade 5"])
def test_other_text_is_refused(text: str) -> None:
    with pytest.raises(GradeError, match=f"{text!r}"):
        Grade.parse(text)


@pytest.mark.parametrize("code", [0, 5, -1, 12, 10**30])
def test_out_of_range_codes_are_refused(code: int) -> None:
    with pytest.raises(GradeError, match=rf"^{code} is not a grade code; Ofsted's codes are 1"):
        Grade.parse(code)


@pytest.mark.parametrize("value", [True, False])
def test_bools_are_refused(value: bool) -> None:
    with pytest.raises(GradeError, match=rf"^{value} \(bool\) is not a grade"):
        Grade.parse(value)


@pytest.mark.parametrize("value", [1.0, 2.0, 3.0, 4.0, 2.5, math.nan, math.inf])
def test_floats_are_refused(value: float) -> None:
    with pytest.raises(GradeError, match=r"\(float\) is not a grade"):
        Grade.parse(value)


@pytest.mark.parametrize("value", [None, b"good", ["good"], {"grade": "good"}, object()])
def test_other_types_are_refused_with_the_accepted_labels(value: object) -> None:
    # Every vocabulary's message says "accepted: " (it said "accepted labels: " for Grade alone).
    with pytest.raises(GradeError, match=f"{type(value).__name__}.*accepted: 'outstanding'"):
        Grade.parse(value)


def test_grade_error_is_a_library_error_and_a_value_error() -> None:
    assert issubclass(GradeError, OfstedModelError)
    assert issubclass(GradeError, ValueError)


@given(grades())
def test_parse_reads_every_name_the_grade_has(grade: Grade) -> None:
    assert Grade.parse(grade.label) is grade
    assert Grade.parse(grade.value) is grade
    assert Grade.parse(grade.name) is grade
    assert Grade.parse(str(grade)) is grade


@given(st.sampled_from(CURRENT))
def test_parse_reads_the_code_of_every_current_grade(grade: Grade) -> None:
    assert Grade.parse(grade.code) is grade
    assert Grade.parse(str(grade.code)) is grade


_SEPARATORS = st.text(st.sampled_from(" .,-_/:;'\"()\t"), min_size=1, max_size=3)
_JUNK = st.text(st.sampled_from(" .,-_!?*'\"()\n"), max_size=3)


@given(st.sampled_from(tuple(G)), st.data())
def test_parse_reads_a_label_in_any_case_spacing_and_punctuation(
    grade: Grade, data: st.DataObject
) -> None:
    label = grade.label
    upper = data.draw(st.integers(0, 2 ** len(label) - 1))  # bit i: character i in upper case
    cased = "".join(ch.upper() if upper >> i & 1 else ch.lower() for i, ch in enumerate(label))
    words = cased.split()
    text = data.draw(_JUNK) + words[0]
    for word in words[1:]:
        text += data.draw(_SEPARATORS) + word
    text += data.draw(_JUNK)
    assert Grade.parse(text) is grade
