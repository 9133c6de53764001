"""Judgement and Inspection: the rules of the domain, reading, and value semantics."""

from __future__ import annotations

from datetime import date, datetime

import attrs
import pytest
from hypothesis import given

from ofstedmodel import (
    Category,
    CategoryError,
    Council,
    Framework,
    Grade,
    GradeError,
    Inspection,
    InspectionError,
    InspectionKind,
    Judgement,
    NotGradedError,
    OfstedModelError,
)
from ofstedmodel.strategies import inspections

C = Category
F = Framework
G = Grade
K = InspectionKind
ROTHERHAM = Council("Rotherham", "372")

# Rotherham's SIF inspection published 19 November 2014 (Ofsted report).
SIF_2014 = {
    C.OVERALL_EFFECTIVENESS: G.INADEQUATE,
    C.HELP_AND_PROTECTION: G.INADEQUATE,
    C.CHILDREN_IN_CARE: G.INADEQUATE,
    C.ADOPTION: G.REQUIRES_IMPROVEMENT,
    C.CARE_LEAVERS: G.INADEQUATE,
    C.LEADERSHIP: G.INADEQUATE,
}


def sif_2014(**changes: object) -> Inspection:
    fields: dict[str, object] = {
        "council": ROTHERHAM,
        "framework": F.SIF,
        "published": date(2014, 11, 19),
        "judgements": SIF_2014,
        "start": date(2014, 9, 16),
        "end": date(2014, 10, 8),
    }
    fields.update(changes)
    return Inspection(**fields)  # type: ignore[arg-type]


def ilacs(published: date, judgements: object, **changes: object) -> Inspection:
    return Inspection(ROTHERHAM, F.ILACS, published, judgements, **changes)  # type: ignore[arg-type]


# -- Judgement --------------------------------------------------------------------------------


def test_judgement_parses_its_parts() -> None:
    judgement = Judgement("care leavers", "outstanding")
    assert judgement == Judgement(C.CARE_LEAVERS, G.OUTSTANDING)
    assert judgement.category is C.CARE_LEAVERS
    assert judgement.grade is G.OUTSTANDING
    assert repr(judgement) == "<Judgement care leavers: outstanding>"
    assert Judgement("impact of leaders", 2) == Judgement(C.LEADERSHIP, G.GOOD)


def test_judgement_refuses_bad_parts() -> None:
    with pytest.raises(CategoryError, match="'finance' is not a Category"):
        Judgement("finance", "good")
    with pytest.raises(GradeError, match="'goood' is not a grade"):
        Judgement("adoption", "goood")


def test_judgement_is_frozen_and_hashable() -> None:
    judgement = Judgement(C.ADOPTION, G.GOOD)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        judgement.grade = G.OUTSTANDING  # type: ignore[misc]
    assert len({judgement, Judgement("adoption", "good")}) == 1


# -- the rules: each with an inspection that keeps it and one that breaks it ----------------------


def test_dates_in_order() -> None:
    assert sif_2014().start == date(2014, 9, 16)
    # Fieldwork may end on the publication day, and start and end may be one day.
    assert sif_2014(start=date(2014, 10, 8), published=date(2014, 10, 8)).end == date(2014, 10, 8)
    with pytest.raises(
        InspectionError,
        match=r"^Rotherham SIF published 2014-11-19: dates out of order: fieldwork start "
        r"2014-10-09 is after its end 2014-10-08$",
    ):
        sif_2014(start=date(2014, 10, 9))
    with pytest.raises(
        InspectionError, match="dates out of order: fieldwork end 2014-10-08 is after publication"
    ):
        sif_2014(published=date(2014, 10, 7))
    with pytest.raises(
        InspectionError, match="dates out of order: fieldwork start 2014-11-20 is after publication"
    ):
        sif_2014(start=date(2014, 11, 20), end=None)


def test_kind_of_the_framework() -> None:
    assert sif_2014().kind is K.SIF_INSPECTION
    assert ilacs(date(2022, 8, 12), {"overall": "good"}, kind="short").kind is K.ILACS_SHORT
    with pytest.raises(
        InspectionError,
        match="kind not of this framework: an ILACS short inspection is not made under SIF; its "
        "kinds are SIF inspection, SIF re-inspection, monitoring visit, joint targeted area "
        "inspection",
    ):
        sif_2014(kind=K.ILACS_SHORT)
    with pytest.raises(InspectionError, match="kind not of this framework: a focused visit"):
        Inspection(ROTHERHAM, F.CP2012, date(2012, 8, 10), kind=K.FOCUSED_VISIT)


def test_framework_in_force_on_the_fieldwork_start() -> None:
    assert sif_2014(start=date(2013, 11, 1)).era.name == "SIF"
    with pytest.raises(
        InspectionError,
        match="framework not in force: fieldwork on 2013-10-31 is outside SIF's fieldwork "
        "from 2013-11-01 to 2017-12-31",
    ):
        sif_2014(start=date(2013, 10, 31))
    with pytest.raises(InspectionError, match="framework not in force: fieldwork on 2018-01-01"):
        sif_2014(start=date(2018, 1, 1), end=None, published=date(2018, 3, 1))


def test_framework_in_force_on_the_fieldwork_end_when_the_start_is_unknown() -> None:
    assert sif_2014(start=None).era.name == "SIF"
    with pytest.raises(InspectionError, match="framework not in force: fieldwork on 2013-10-31"):
        sif_2014(start=None, end=date(2013, 10, 31))


def test_framework_in_force_on_publication_when_fieldwork_dates_are_unknown() -> None:
    # Rotherham's November 2017 SIF re-inspection, published 29 January 2018, with no dates.
    late = sif_2014(start=None, end=None, published=date(2018, 1, 29))
    assert late.era.name == "SIF"
    assert sif_2014(start=None, end=None, published=date(2013, 11, 1)).era.name == "SIF"
    with pytest.raises(
        InspectionError,
        match="framework not in force: with no fieldwork dates, publication on 2013-10-31 must "
        "fall in SIF's fieldwork from 2013-11-01 to 2017-12-31 for a SIF inspection or within a "
        "year after it",
    ):
        sif_2014(start=None, end=None, published=date(2013, 10, 31))
    with pytest.raises(InspectionError, match="framework not in force"):
        sif_2014(start=None, end=None, published=date(2019, 6, 1))
    with pytest.raises(InspectionError, match="framework not in force"):
        ilacs(date(2017, 12, 31), {"overall": "good"})


def test_category_graded_by_the_framework() -> None:
    with pytest.raises(
        InspectionError,
        match="category not graded by the framework: ILACS 2018 \\(fieldwork from 2018-01-01\\) "
        "does not grade 'care leavers'; it grades 'overall effectiveness', 'leadership', "
        "'help and protection', 'children in care'",
    ):
        ilacs(
            date(2023, 2, 10),
            {"overall": "good", "care leavers": "good"},
            start=date(2022, 12, 31),
        )
    assert ilacs(
        date(2023, 2, 10), {"overall": "good", "care leavers": "good"}, start=date(2023, 1, 1)
    ).era.name == ("ILACS 2023")
    with pytest.raises(InspectionError, match="category not graded by the framework: SIF"):
        sif_2014(judgements={"overall": "inadequate", "capacity to improve safeguarding": 4})
    with pytest.raises(InspectionError, match="category not graded by the framework: CP2012"):
        Inspection(ROTHERHAM, F.CP2012, date(2012, 8, 10), {"adoption": "good"})


def test_overall_effectiveness_is_not_graded_from_april_2026() -> None:
    assert ilacs(date(2026, 5, 1), {"overall": "good"}, start=date(2026, 3, 31)).overall is G.GOOD
    with pytest.raises(
        InspectionError, match=r"ILACS 2026 .* does not grade 'overall effectiveness'"
    ):
        ilacs(date(2026, 5, 1), {"overall": "good"}, start=date(2026, 4, 1))
    reformed = ilacs(date(2026, 5, 1), {"leadership": "good"}, start=date(2026, 4, 1))
    assert reformed.overall is None


@pytest.mark.parametrize(
    ("framework", "published", "start"),
    [
        (F.SIF, date(2014, 11, 19), date(2014, 9, 16)),
        (F.ILACS, date(2019, 5, 1), date(2019, 3, 4)),
        (F.ILACS, date(2024, 5, 1), date(2024, 3, 4)),
    ],
)
def test_adequate_is_not_on_the_current_scale(
    framework: Framework, published: date, start: date
) -> None:
    good = Inspection(ROTHERHAM, framework, published, {"overall": "good"}, start=start)
    assert good.overall is G.GOOD
    with pytest.raises(
        InspectionError,
        match="grade on the wrong scale: overall effectiveness 'adequate' is not on .*'s scale "
        r"\(outstanding, good, requires improvement, inadequate\)",
    ):
        Inspection(ROTHERHAM, framework, published, {"overall": "adequate"}, start=start)


@pytest.mark.parametrize(
    ("framework", "published"), [(F.CP2012, date(2012, 8, 10)), (F.SLAC, date(2011, 3, 1))]
)
def test_requires_improvement_is_not_on_the_pre_2013_scale(
    framework: Framework, published: date
) -> None:
    adequate = Inspection(ROTHERHAM, framework, published, {"overall": "adequate"})
    assert adequate.overall is G.ADEQUATE
    with pytest.raises(
        InspectionError,
        match="grade on the wrong scale: overall effectiveness 'requires improvement' is not on "
        r"\w+'s scale \(outstanding, good, adequate, inadequate\)",
    ):
        Inspection(ROTHERHAM, framework, published, {"overall": "requires improvement"})


@pytest.mark.parametrize("kind", [K.FOCUSED_VISIT, K.MONITORING_VISIT, K.JTAI])
def test_ungraded_visit_carries_no_grades(kind: InspectionKind) -> None:
    visit = ilacs(date(2021, 3, 1), (), kind=kind)
    assert visit.judgements == ()
    assert not visit.is_graded
    assert visit.grades_known
    assert visit.overall is None
    with pytest.raises(
        InspectionError,
        match=f"ungraded visit with grades: a {kind.value} gives no grades, but got overall "
        "effectiveness good",
    ):
        ilacs(date(2021, 3, 1), {"overall": "good"}, kind=kind)


def test_ungraded_visit_cannot_have_unknown_grades() -> None:
    with pytest.raises(
        InspectionError,
        match="ungraded visit with unknown grades: a focused visit gives no grades, so "
        "grades_known must stay True",
    ):
        ilacs(date(2021, 3, 1), (), kind=K.FOCUSED_VISIT, grades_known=False)


def test_graded_inspection_with_no_grades_says_its_grades_are_unknown() -> None:
    unknown = sif_2014(judgements=(), grades_known=False)
    assert unknown.is_graded
    assert unknown.judgements == ()
    assert unknown.overall is None
    assert repr(unknown) == "<Inspection Rotherham SIF published 2014-11-19: grades unknown>"
    with pytest.raises(
        InspectionError,
        match="graded inspection with no grades: give its judgements, or grades_known=False",
    ):
        sif_2014(judgements=())
    with pytest.raises(InspectionError, match="graded inspection with no grades"):
        sif_2014(judgements={})


def test_grades_both_unknown_and_given() -> None:
    with pytest.raises(
        InspectionError,
        match="grades both unknown and given: grades_known=False but got overall effectiveness "
        "inadequate",
    ):
        sif_2014(judgements={"overall": "inadequate"}, grades_known=False)


def test_a_category_graded_twice_is_refused() -> None:
    with pytest.raises(
        InspectionError, match="judgements: 'adoption' is graded twice \\(good and inadequate\\)"
    ):
        sif_2014(judgements=[Judgement("adoption", "good"), Judgement("adoption", "inadequate")])


# -- arguments --------------------------------------------------------------------------------


def test_arguments_are_parsed_at_the_edge() -> None:
    parsed = Inspection(
        ROTHERHAM,
        "sif",
        "2014-11-19",
        {"Overall effectiveness": "Inadequate", C.ADOPTION: 3},
        kind="SIF inspection",
        start=datetime(2014, 9, 16, 9, 0),
        end="2014-10-08",
    )
    assert parsed == sif_2014(
        judgements={C.OVERALL_EFFECTIVENESS: G.INADEQUATE, C.ADOPTION: G.REQUIRES_IMPROVEMENT}
    )
    assert ilacs(date(2019, 5, 1), {"overall": "good"}, start="", end="").start is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("council", "Rotherham", "council: 'Rotherham' is not a Council"),
        ("framework", "Ofsted", "framework: 'Ofsted' is not a Framework"),
        ("kind", "inspection", "kind: 'inspection' is not an InspectionKind"),
        ("published", "19/11/2014", "published: '19/11/2014' is not a date"),
        ("start", 2014, "start: 2014 is not a date"),
        ("end", "October", "end: 'October' is not a date"),
        ("grades_known", "no", "grades_known: 'no' is not True or False"),
        ("grades_known", 0, "grades_known: 0 is not True or False"),
        ("source", 42, "source: 42 is not text"),
        ("judgements", "good", "judgements: 'good' is not a mapping"),
        ("judgements", 4, "judgements: 4 is not a mapping"),
        ("judgements", [("overall", "good")], r"judgements: \('overall', 'good'\) is not a Judg"),
    ],
)
def test_bad_arguments_are_refused_naming_the_field(
    field: str, value: object, message: str
) -> None:
    with pytest.raises(InspectionError, match=message):
        sif_2014(**{field: value})


def test_mapping_and_judgement_sequence_give_equal_inspections() -> None:
    from_mapping = sif_2014()
    from_judgements = sif_2014(
        judgements=[Judgement(category, grade) for category, grade in SIF_2014.items()]
    )
    from_text = sif_2014(
        judgements={category.value: grade.label for category, grade in SIF_2014.items()}
    )
    assert from_mapping == from_judgements == from_text
    assert hash(from_mapping) == hash(from_judgements)


def test_judgements_are_kept_in_the_canonical_order() -> None:
    shuffled = [
        Judgement(C.LEADERSHIP, G.INADEQUATE),
        Judgement(C.ADOPTION, G.REQUIRES_IMPROVEMENT),
        Judgement(C.OVERALL_EFFECTIVENESS, G.INADEQUATE),
        Judgement(C.CARE_LEAVERS, G.INADEQUATE),
        Judgement(C.HELP_AND_PROTECTION, G.INADEQUATE),
        Judgement(C.CHILDREN_IN_CARE, G.INADEQUATE),
    ]
    inspection = sif_2014(judgements=shuffled)
    assert inspection.categories == (
        C.OVERALL_EFFECTIVENESS,
        C.LEADERSHIP,
        C.HELP_AND_PROTECTION,
        C.CHILDREN_IN_CARE,
        C.ADOPTION,
        C.CARE_LEAVERS,
    )
    assert inspection == sif_2014(judgements=list(reversed(shuffled)))
    assert inspection.judgements == tuple(sorted(shuffled, key=lambda j: list(C).index(j.category)))


# -- reading ----------------------------------------------------------------------------------


def test_getitem_get_overall_and_label() -> None:
    inspection = sif_2014()
    assert inspection.overall is G.INADEQUATE
    assert inspection[C.ADOPTION] is G.REQUIRES_IMPROVEMENT
    assert inspection["adoption"] is G.REQUIRES_IMPROVEMENT
    assert inspection.get(C.CARE_LEAVERS) is G.INADEQUATE
    assert inspection.get("Children looked after and achieving permanence") is G.INADEQUATE
    assert inspection.get(C.LSCB_REVIEW) is None
    assert inspection.get(C.LSCB_REVIEW, G.GOOD) is G.GOOD
    assert inspection.label(C.CHILDREN_IN_CARE) == "Children looked after and achieving permanence"
    assert inspection.label("leadership") == "Leadership, management and governance"
    assert inspection.era.name == "SIF"


def test_label_follows_the_era_of_the_inspection() -> None:
    combined = ilacs(date(2022, 8, 12), {"in care": "good"}, start=date(2022, 6, 27))
    separate = ilacs(date(2025, 12, 16), {"in care": "good"}, start=date(2025, 11, 3))
    assert combined.label(C.CHILDREN_IN_CARE) == (
        "The experiences and progress of children in care and care leavers"
    )
    assert separate.label(C.CHILDREN_IN_CARE) == "The experiences and progress of children in care"
    assert separate.label(C.CARE_LEAVERS) == "The experiences and progress of care leavers"
    with pytest.raises(CategoryError, match="ILACS 2018 does not grade 'care leavers'"):
        combined.label(C.CARE_LEAVERS)


def test_a_category_not_graded_raises_not_graded_error() -> None:
    inspection = sif_2014(judgements={"overall": "inadequate"})
    with pytest.raises(NotGradedError) as caught:
        inspection[C.ADOPTION]
    error = caught.value
    assert isinstance(error, KeyError)
    assert isinstance(error, InspectionError)
    assert isinstance(error, OfstedModelError)
    assert str(error) == (
        "<Inspection Rotherham SIF published 2014-11-19: overall inadequate> has no grade for "
        "'adoption'; graded: 'overall effectiveness'"
    )
    with pytest.raises(KeyError):
        inspection["care leavers"]


def test_not_graded_error_says_when_the_grades_are_unknown() -> None:
    unknown = sif_2014(judgements=(), grades_known=False)
    with pytest.raises(NotGradedError, match=r"\(its grades are not known\); graded: none$"):
        unknown[C.OVERALL_EFFECTIVENESS]


def test_getitem_of_what_is_not_a_category_raises_category_error() -> None:
    with pytest.raises(CategoryError, match="'finance' is not a Category"):
        sif_2014()["finance"]


def test_iteration_in_and_len() -> None:
    inspection = sif_2014(judgements={"adoption": "good", "overall": "inadequate"})
    assert list(inspection) == [
        Judgement(C.OVERALL_EFFECTIVENESS, G.INADEQUATE),
        Judgement(C.ADOPTION, G.GOOD),
    ]
    assert len(inspection) == 2
    assert C.ADOPTION in inspection
    assert "adoption" in inspection
    assert C.CARE_LEAVERS not in inspection
    assert "finance" not in inspection
    assert 42 not in inspection


# -- value semantics --------------------------------------------------------------------------


def test_equal_and_hashed_by_value_but_not_by_source() -> None:
    a = sif_2014(source="Ofsted report")
    b = sif_2014(source="Community Care")
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b, sif_2014()}) == 1
    assert a != sif_2014(end=date(2014, 10, 9))
    assert a != sif_2014(judgements={**SIF_2014, C.ADOPTION: G.GOOD})
    assert a.source == "Ofsted report"


def test_frozen() -> None:
    inspection = sif_2014()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        inspection.published = date(2014, 11, 20)  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        inspection.judgements = ()  # type: ignore[misc]


def test_evolve_checks_the_rules_again() -> None:
    inspection = sif_2014()
    assert attrs.evolve(inspection, published=date(2014, 11, 20)).published == date(2014, 11, 20)
    with pytest.raises(InspectionError, match="dates out of order"):
        attrs.evolve(inspection, published=date(2014, 10, 1))


@pytest.mark.parametrize(
    ("inspection", "text"),
    [
        (sif_2014(), "<Inspection Rotherham SIF published 2014-11-19: overall inadequate>"),
        (
            ilacs(date(2022, 8, 12), {"overall": "good"}, kind="short", start=date(2022, 6, 27)),
            "<Inspection Rotherham ILACS short inspection published 2022-08-12: overall good>",
        ),
        (
            ilacs(date(2021, 3, 1), (), kind=K.FOCUSED_VISIT),
            "<Inspection Rotherham ILACS focused visit published 2021-03-01>",
        ),
        (
            ilacs(date(2026, 6, 1), {"leadership": "good", "care leavers": "outstanding"}),
            "<Inspection Rotherham ILACS published 2026-06-01: leadership good, care leavers "
            "outstanding>",
        ),
    ],
)
def test_repr(inspection: Inspection, text: str) -> None:
    assert repr(inspection) == text


# -- properties of every inspection the strategies make --------------------------------------------


@given(inspections())
def test_generated_inspections_keep_every_rule_and_are_rebuilt_equal(
    inspection: Inspection,
) -> None:
    again = Inspection(
        inspection.council,
        inspection.framework,
        inspection.published,
        inspection.judgements,
        kind=inspection.kind,
        start=inspection.start,
        end=inspection.end,
        grades_known=inspection.grades_known,
        unknown=inspection.unknown,
        source=inspection.source,
    )
    assert again == inspection
    assert hash(again) == hash(inspection)
    assert again.era is inspection.era
    assert attrs.evolve(inspection) == inspection
    as_mapping = {judgement.category: judgement.grade for judgement in inspection}
    assert attrs.evolve(inspection, judgements=as_mapping) == inspection
    # Every rule, checked again through the public reading API.
    start, end, published = inspection.start, inspection.end, inspection.published
    if start and end:
        assert start <= end
    assert (end or start or published) <= published
    assert inspection.kind in inspection.framework.kinds
    reference = start or end
    if reference is not None:
        assert inspection.framework.era_on(reference) is inspection.era
    if not inspection.kind.is_graded:
        assert inspection.judgements == ()
        assert inspection.grades_known
    elif inspection.grades_known:
        assert inspection.judgements
    else:
        assert inspection.judgements == ()
    for judgement in inspection:
        assert judgement.category in inspection.era.labels
        assert judgement.grade in inspection.era.scale
        assert inspection[judgement.category] is judgement.grade
    assert list(inspection.categories) == sorted(inspection.categories, key=list(C).index)
