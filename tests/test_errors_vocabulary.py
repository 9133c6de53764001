"""One way to read every vocabulary enum, and one way to refuse: the same message and the same
data (``value``, ``vocabulary``, ``accepted``, ``suggestion``) whichever enum refuses."""

from __future__ import annotations

import enum
import pickle
import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ofstedmodel as om
from ofstedmodel._enums import VocabularyEnum

# Each vocabulary, the error it raises, what its message calls a member, a near miss and the
# spelling suggested for it.
VOCABULARIES = [
    (om.Grade, om.GradeError, "a grade", "goood", "good"),
    (om.Category, om.CategoryError, "a Category", "adoptoin", "adoption"),
    (om.Framework, om.CategoryError, "a Framework", "ilac", "ilacs"),
    (om.InspectionKind, om.CategoryError, "an InspectionKind", "focussed visit", "focused visit"),
    (om.Region, om.CouncilError, "an English region", "Londn", "london"),
    (om.OfstedRegion, om.CouncilError, "an Ofsted region", "Nort West", "north west"),
    (om.CouncilKind, om.CouncilError, "a kind of council", "unitary authorty", "unitary authority"),
    (om.Direction, om.OfstedModelError, "a Direction", "improvng", "improving"),
]
IDS = [v[0].__name__ for v in VOCABULARIES]
Vocabulary = tuple[type[VocabularyEnum], type[om.OfstedModelError], str, str, str]


def refusal(cls: type[VocabularyEnum], value: object) -> om.OfstedModelError:
    with pytest.raises(om.OfstedModelError) as caught:
        cls.parse(value)
    return caught.value


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=IDS)
def test_every_enum_reads_text_with_the_one_parse(vocabulary: Vocabulary) -> None:
    cls = vocabulary[0]
    assert "parse" not in vars(cls)  # no enum of its own
    assert cls.parse.__func__ is VocabularyEnum.parse.__func__  # type: ignore[attr-defined]
    for member in cls:
        assert cls.parse(member) is member
        assert cls.parse(member.name) is member
        assert cls.parse(f" {member.name.lower().replace('_', '-')}. ") is member
        assert cls.parse(str(member.value)) is member


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=IDS)
def test_a_near_miss_is_refused_with_the_nearest_name_as_data(vocabulary: Vocabulary) -> None:
    cls, error, noun, near_miss, nearest = vocabulary
    caught = refusal(cls, near_miss)
    assert type(caught) is error
    assert caught.value == near_miss
    assert caught.vocabulary == cls.__name__
    assert caught.suggestion == nearest
    assert cls.parse(nearest) in cls  # what is suggested reads
    assert str(caught) == (
        f"{near_miss!r} is not {noun} (did you mean {nearest!r}?); accepted: "
        + ", ".join(repr(name) for name in caught.accepted)
        + (" (or their ONS codes E12000001-E12000009)" if cls is om.Region else "")
    )


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=IDS)
def test_every_accepted_name_reads(vocabulary: Vocabulary) -> None:
    cls = vocabulary[0]
    accepted = refusal(cls, "zzzz").accepted
    assert isinstance(accepted, tuple)
    assert accepted
    for name in accepted:
        assert cls.parse(name) in cls


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=IDS)
def test_text_far_from_every_name_has_no_suggestion(vocabulary: Vocabulary) -> None:
    cls, _, noun, _, _ = vocabulary
    caught = refusal(cls, "zzzz")
    assert caught.suggestion is None
    assert str(caught).startswith(f"'zzzz' is not {noun}; accepted: ")


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=IDS)
@pytest.mark.parametrize("value", [None, 2.5, b"good", ["good"], True])
def test_a_value_that_is_not_text_is_refused_naming_its_type(
    vocabulary: Vocabulary, value: object
) -> None:
    cls, error, noun, _, _ = vocabulary
    caught = refusal(cls, value)
    assert type(caught) is error
    assert (caught.value, caught.suggestion, caught.vocabulary) == (value, None, cls.__name__)
    article = "an" if cls.__name__[0] in "AEIOU" else "a"
    assert str(caught).startswith(
        f"{value!r} ({type(value).__name__}) is not {noun}; give {article} {cls.__name__}"
    )
    assert "; accepted: " in str(caught)


def test_grade_codes_keep_their_own_message() -> None:
    caught = refusal(om.Grade, 5)
    assert str(caught) == (
        "5 is not a grade code; Ofsted's codes are 1 (outstanding), 2 (good), "
        "3 (requires improvement) and 4 (inadequate)"
    )
    assert (caught.value, caught.vocabulary, caught.suggestion) == (5, "Grade", None)
    # Only Grade has codes: a number is any other vocabulary's wrong type.
    assert str(refusal(om.Category, 2)).startswith("2 (int) is not a Category; give a Category")


@given(st.sampled_from([v[0] for v in VOCABULARIES]), st.text(max_size=30))
def test_parse_gives_a_member_or_the_vocabulary_s_error(
    cls: type[VocabularyEnum], text: str
) -> None:
    try:
        member: object = cls.parse(text)
    except om.OfstedModelError as error:
        member = error
    if isinstance(member, om.OfstedModelError):
        assert (member.value, member.vocabulary) == (text, cls.__name__)
        assert member.suggestion is None or cls.parse(member.suggestion) in cls
    else:
        assert member in cls


def test_errors_not_about_a_vocabulary_carry_no_vocabulary_data() -> None:
    error = om.GradeError("something else")
    assert (error.value, error.vocabulary, error.accepted, error.suggestion) == (
        None,
        None,
        (),
        None,
    )
    assert "vocabulary" not in vars(error)
    with pytest.raises(om.InspectionError) as caught:
        om.Inspection(om.Council("Rotherham", "372"), "SIF", "2015-01-01", {"overall": "adequate"})
    assert caught.value.vocabulary is None
    load = om.LoadError("bad file", problem="the problem")
    assert (load.problem, load.vocabulary) == ("the problem", None)


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=IDS)
def test_the_data_survives_pickling(vocabulary: Vocabulary) -> None:
    cls, _, _, near_miss, nearest = vocabulary
    caught = refusal(cls, near_miss)
    copy = pickle.loads(pickle.dumps(caught))
    assert type(copy) is type(caught)
    assert str(copy) == str(caught)
    assert (copy.value, copy.vocabulary, copy.accepted, copy.suggestion) == (
        near_miss,
        cls.__name__,
        caught.accepted,
        nearest,
    )


def test_the_enums_of_the_library_are_all_vocabularies() -> None:
    enums = {
        value
        for value in vars(om).values()
        if isinstance(value, type) and issubclass(value, enum.Enum)
    }
    assert enums <= {v[0] for v in VOCABULARIES} | {om.LeftOut}
    assert issubclass(om.LeftOut, VocabularyEnum)
    assert om.LeftOut.parse(next(iter(om.LeftOut)).name) is next(iter(om.LeftOut))


def test_suggesting_does_not_slow_the_import() -> None:
    # difflib is imported on the error path only.
    imported = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, ofstedmodel as om; print('difflib' in sys.modules); "
            "om.Grade.parse('good'); print('difflib' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert imported.stdout.split() == ["False", "False"]


def test_grade_spellings_keep_reading() -> None:
    # The special cases of the one parse for grades: codes as int or text, "RI" in any
    # punctuation, Ofsted's abbreviation of requires improvement.
    grades = [om.Grade.parse(v) for v in (3, "3", "R.I.", "r i", "Req. improvement", "Grade-3")]
    assert set(grades) == {om.Grade.REQUIRES_IMPROVEMENT}
    assert re.fullmatch(r"True \(bool\) is not a grade; .*", str(refusal(om.Grade, True)))


def test_the_constructor_reads_what_parse_reads_and_refuses_with_the_enums_error() -> None:
    # Found by a new user: Grade("bad") raised Enum's bare ValueError, Grade(2) failed.
    assert om.Grade(2) is om.Grade.GOOD
    assert om.Grade("RI") is om.Grade.REQUIRES_IMPROVEMENT
    assert om.Category("care leavers") is om.Category.CARE_LEAVERS
    with pytest.raises(om.GradeError) as caught:
        om.Grade("goood")
    assert (caught.value.value, caught.value.suggestion) == ("goood", "good")
