"""Errors carry what they are about as data (``field``, ``rule``, ``category``), so that a
reader blames the right column without reading a message (issue 11)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

import ofstedmodel as om
from ofstedmodel.io.problems import GRADES, KIND, PUBLISHED, blame

C = om.Category
LA = om.Council("Rotherham", "372")


def sif(**changes: object) -> om.Inspection:
    args: dict[str, object] = {
        "judgements": {"overall": "inadequate"},
        "start": dt.date(2014, 9, 16),
        "end": dt.date(2014, 10, 8),
    }
    args.update(changes)
    judgements = args.pop("judgements")
    published = args.pop("published", dt.date(2014, 11, 19))
    framework = args.pop("framework", "SIF")
    return om.Inspection(LA, framework, published, judgements, **args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("build", "rule", "field", "category", "blamed"),
    [
        (lambda: sif(start=dt.date(2014, 10, 9)), "dates out of order", "end", None, "end"),
        (lambda: sif(end=dt.date(2015, 1, 1)), "dates out of order", "published", None, PUBLISHED),
        (lambda: sif(kind="short"), "kind not of this framework", "kind", None, KIND),
        (
            lambda: sif(judgements={"overall": "adequate"}),
            "grade on the wrong scale",
            "judgements",
            C.OVERALL_EFFECTIVENESS,
            C.OVERALL_EFFECTIVENESS,
        ),
        (
            lambda: sif(framework="ILACS", start=None, end=None, published="2020-01-01",
                        judgements={"care leavers": "good"}),
            "category not graded by the framework",
            "judgements",
            C.CARE_LEAVERS,
            C.CARE_LEAVERS,
        ),
        (lambda: sif(judgements={}), "graded inspection with no grades", "grades_known", None,
         GRADES),
        (lambda: sif(published="yesterday"), "not a date", "published", None, PUBLISHED),
    ],
)  # fmt: skip
def test_an_inspection_error_says_what_it_is_about(
    build: Callable[[], object], rule: str, field: str, category: object, blamed: object
) -> None:
    with pytest.raises(om.OfstedModelError) as caught:
        build()
    error = caught.value
    assert (error.rule, error.field, error.category) == (rule, field, category)
    assert blame(error) == blamed


def test_a_vocabulary_error_about_an_inspection_argument_keeps_its_data() -> None:
    with pytest.raises(om.InspectionError) as caught:
        sif(framework="SIFF")
    error = caught.value
    assert (error.field, error.vocabulary, error.suggestion) == ("framework", "Framework", "sif")
    assert error.brief == "'SIFF' is not a Framework (did you mean 'sif'?)"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"la_code": "37"}, "la_code"),
        ({"gss_code": "E12000003"}, "gss_code"),
        ({"urn": "x"}, "urn"),
        ({"name": ""}, "name"),
        ({"statistical_neighbours": ["372"]}, "statistical_neighbours"),
        ({"region": "Wales"}, "region"),
        ({"kind": "district"}, "kind"),
        ({"created": "2020-01-01", "abolished": "2019-01-01"}, "abolished"),
        ({"population_0_25": -1}, "population_0_25"),
    ],
)
def test_a_council_error_names_its_field(kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {"name": "Rotherham", "la_code": "372", **kwargs}
    with pytest.raises(om.CouncilError) as caught:
        om.Council(**args)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_errors_found_by_a_new_user_carry_their_data() -> None:
    # A council not found, and a date not a date, carried nothing but their message.
    with pytest.raises(om.CouncilError) as caught:
        om.datasets.history("Rotheram")
    error = caught.value
    assert (error.value, error.field, error.rule) == ("Rotheram", "council", "no council matches")
    assert error.suggestion == "Rotherham"
    assert "Rotherham" in error.accepted
    with pytest.raises(om.DateError) as dated:
        om.summarise(om.datasets.histories(), as_at="31/03/2024")
    assert (dated.value.value, dated.value.field) == ("31/03/2024", "as_at")
