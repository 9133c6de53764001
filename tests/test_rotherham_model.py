"""Rotherham's five graded inspections as code: the model accepts the real record and refuses
each way of getting it wrong.

Facts copied from Ofsted's published reports, as recorded in the project's shared data:
``known-judgements.csv`` (the 2012 CP2012 and the 2014 and 2018 SIF inspections) and the Data
to Insight ILACS history (the 2022 and 2025 short inspections; snapshot of 2026-08-22).
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from ofstedmodel import (
    Category,
    Council,
    CouncilKind,
    Framework,
    Grade,
    Inspection,
    InspectionError,
    InspectionKind,
    Judgement,
    Region,
)

C = Category
G = Grade
K = InspectionKind

ROTHERHAM = Council(
    "Rotherham",
    "372",
    gss_code="E08000018",
    urn="80543",
    region=Region.YORKSHIRE_AND_THE_HUMBER,
    kind=CouncilKind.METROPOLITAN_DISTRICT,
)

# Unannounced inspection of arrangements for the protection of children, July 2012.
CP_2012 = Inspection(
    ROTHERHAM,
    Framework.CP2012,
    date(2012, 8, 10),
    {C.OVERALL_EFFECTIVENESS: G.ADEQUATE},
)

# The inspection after the Jay report.
SIF_2014 = Inspection(
    ROTHERHAM,
    Framework.SIF,
    date(2014, 11, 19),
    {
        C.OVERALL_EFFECTIVENESS: G.INADEQUATE,
        C.HELP_AND_PROTECTION: G.INADEQUATE,
        C.CHILDREN_IN_CARE: G.INADEQUATE,
        C.ADOPTION: G.REQUIRES_IMPROVEMENT,
        C.CARE_LEAVERS: G.INADEQUATE,
        C.LEADERSHIP: G.INADEQUATE,
    },
    start=date(2014, 9, 16),
    end=date(2014, 10, 8),
)

# The November 2017 re-inspection.
SIF_2018 = Inspection(
    ROTHERHAM,
    Framework.SIF,
    date(2018, 1, 29),
    {
        C.OVERALL_EFFECTIVENESS: G.GOOD,
        C.HELP_AND_PROTECTION: G.GOOD,
        C.CHILDREN_IN_CARE: G.REQUIRES_IMPROVEMENT,
        C.ADOPTION: G.GOOD,
        C.CARE_LEAVERS: G.OUTSTANDING,
        C.LEADERSHIP: G.GOOD,
    },
    start=date(2017, 11, 6),
    end=date(2017, 11, 30),
)

# ILACS 2018: children in care and care leavers were one judgement.
ILACS_2022 = Inspection(
    ROTHERHAM,
    Framework.ILACS,
    date(2022, 8, 12),
    {
        C.OVERALL_EFFECTIVENESS: G.GOOD,
        C.LEADERSHIP: G.GOOD,
        C.HELP_AND_PROTECTION: G.GOOD,
        C.CHILDREN_IN_CARE: G.GOOD,
    },
    kind=K.ILACS_SHORT,
    start=date(2022, 6, 27),
    end=date(2022, 7, 1),
)

# ILACS 2023: care leavers judged on their own.
ILACS_2025 = Inspection(
    ROTHERHAM,
    Framework.ILACS,
    date(2025, 12, 16),
    {
        C.OVERALL_EFFECTIVENESS: G.OUTSTANDING,
        C.LEADERSHIP: G.OUTSTANDING,
        C.HELP_AND_PROTECTION: G.OUTSTANDING,
        C.CHILDREN_IN_CARE: G.OUTSTANDING,
        C.CARE_LEAVERS: G.GOOD,
    },
    kind=K.ILACS_SHORT,
    start=date(2025, 11, 3),
    end=date(2025, 11, 7),
)

RECORD = (CP_2012, SIF_2014, SIF_2018, ILACS_2022, ILACS_2025)


# -- the real record is accepted ----------------------------------------------------------------


def test_the_overall_story() -> None:
    assert [(i.published, i.overall) for i in RECORD] == [
        (date(2012, 8, 10), G.ADEQUATE),
        (date(2014, 11, 19), G.INADEQUATE),
        (date(2018, 1, 29), G.GOOD),
        (date(2022, 8, 12), G.GOOD),
        (date(2025, 12, 16), G.OUTSTANDING),
    ]


def test_each_inspection_sits_in_its_era() -> None:
    assert [i.era.name for i in RECORD] == ["CP2012", "SIF", "SIF", "ILACS 2018", "ILACS 2023"]
    assert [i.kind for i in RECORD] == [
        K.CP_INSPECTION,
        K.SIF_INSPECTION,
        K.SIF_INSPECTION,
        K.ILACS_SHORT,
        K.ILACS_SHORT,
    ]
    assert all(i.is_graded and i.grades_known for i in RECORD)


def test_the_2014_inspection() -> None:
    assert repr(SIF_2014) == "<Inspection Rotherham SIF published 2014-11-19: overall inadequate>"
    assert SIF_2014[C.ADOPTION] is G.REQUIRES_IMPROVEMENT
    assert SIF_2014.get(C.LSCB_REVIEW) is None
    assert sum(1 for j in SIF_2014 if j.grade is G.INADEQUATE) == 5


def test_the_2018_reinspection() -> None:
    # Good overall, for help and protection and for leadership; requires improvement for
    # children looked after and achieving permanence; good for adoption; outstanding for care
    # leavers.
    assert SIF_2018.overall is G.GOOD
    assert SIF_2018["help and protection"] is G.GOOD
    assert SIF_2018["leadership, management and governance"] is G.GOOD
    assert SIF_2018["children looked after and achieving permanence"] is G.REQUIRES_IMPROVEMENT
    assert SIF_2018[C.ADOPTION] is G.GOOD
    assert SIF_2018[C.CARE_LEAVERS] is G.OUTSTANDING
    assert SIF_2018.label(C.CHILDREN_IN_CARE) == "Children looked after and achieving permanence"


def test_children_in_care_under_three_wordings() -> None:
    assert [i.label(C.CHILDREN_IN_CARE) for i in RECORD[1:]] == [
        "Children looked after and achieving permanence",
        "Children looked after and achieving permanence",
        "The experiences and progress of children in care and care leavers",
        "The experiences and progress of children in care",
    ]


def test_care_leavers_were_not_judged_on_their_own_in_2022() -> None:
    assert C.CARE_LEAVERS not in ILACS_2022
    assert ILACS_2025[C.CARE_LEAVERS] is G.GOOD
    assert ILACS_2022.categories == (
        C.OVERALL_EFFECTIVENESS,
        C.LEADERSHIP,
        C.HELP_AND_PROTECTION,
        C.CHILDREN_IN_CARE,
    )


def test_the_record_can_be_written_as_the_data_has_it() -> None:
    # Grade and category words as the Data to Insight history file writes them.
    as_text = Inspection(
        ROTHERHAM,
        "ILACS",
        "2025-12-16",
        {
            "overall effectiveness": "outstanding",
            "impact of leaders": "outstanding",
            "help and protection": "outstanding",
            "in care": "outstanding",
            "care leavers": "good",
        },
        kind="short",
        start="2025-11-03",
        end="2025-11-07",
    )
    assert as_text == ILACS_2025


def test_the_2012_inspection_without_fieldwork_dates() -> None:
    assert CP_2012.start is None
    assert CP_2012.end is None
    assert CP_2012.overall is G.ADEQUATE
    assert CP_2012.overall is not G.REQUIRES_IMPROVEMENT


def test_the_record_is_five_different_values() -> None:
    assert len(set(RECORD)) == 5
    assert sorted(RECORD, key=lambda i: i.published) == list(RECORD)


# -- every way of getting it wrong is refused, naming the rule ------------------------------------


def test_swapped_fieldwork_dates_are_refused() -> None:
    with pytest.raises(
        InspectionError,
        match=r"^Rotherham SIF published 2014-11-19: dates out of order: fieldwork start "
        r"2014-10-08 is after its end 2014-09-16$",
    ):
        attrs.evolve(SIF_2014, start=SIF_2014.end, end=SIF_2014.start)


def test_fieldwork_after_publication_is_refused() -> None:
    with pytest.raises(InspectionError, match="Rotherham SIF published 2014-09-19: dates out"):
        attrs.evolve(SIF_2014, published=date(2014, 9, 19))


def test_adequate_in_sif_is_refused() -> None:
    with pytest.raises(
        InspectionError,
        match="Rotherham SIF published 2014-11-19: grade on the wrong scale: adoption 'adequate'",
    ):
        attrs.evolve(
            SIF_2014,
            judgements=[
                Judgement(C.ADOPTION, G.ADEQUATE) if j.category is C.ADOPTION else j
                for j in SIF_2014
            ],
        )
    with pytest.raises(InspectionError, match="grade on the wrong scale: adoption 'adequate'"):
        attrs.evolve(
            SIF_2014,
            judgements={**{j.category: j.grade for j in SIF_2014}, C.ADOPTION: "adequate"},
        )


def test_care_leavers_graded_in_a_2022_ilacs_inspection_is_refused() -> None:
    with pytest.raises(
        InspectionError,
        match=r"Rotherham ILACS published 2022-08-12: category not graded by the framework: "
        r"ILACS 2018 .* does not grade 'care leavers'",
    ):
        attrs.evolve(ILACS_2022, judgements=[*ILACS_2022, Judgement(C.CARE_LEAVERS, G.GOOD)])


def test_requires_improvement_in_cp2012_is_refused() -> None:
    with pytest.raises(
        InspectionError,
        match="Rotherham CP2012 published 2012-08-10: grade on the wrong scale: overall "
        "effectiveness 'requires improvement'",
    ):
        attrs.evolve(CP_2012, judgements={"overall": "requires improvement"})
    # Code 3 means requires improvement, so it is refused under CP2012 too.
    with pytest.raises(InspectionError, match="grade on the wrong scale"):
        attrs.evolve(CP_2012, judgements={"overall": 3})


def test_judgements_on_a_focused_visit_are_refused() -> None:
    with pytest.raises(
        InspectionError,
        match="Rotherham ILACS published 2022-08-12: ungraded visit with grades: a focused "
        "visit gives no grades",
    ):
        attrs.evolve(ILACS_2022, kind=K.FOCUSED_VISIT)
    visit = attrs.evolve(ILACS_2022, kind=K.FOCUSED_VISIT, judgements=())
    assert not visit.is_graded


def test_no_judgements_without_grades_known_false_is_refused() -> None:
    with pytest.raises(
        InspectionError,
        match="Rotherham SIF published 2018-01-29: graded inspection with no grades",
    ):
        attrs.evolve(SIF_2018, judgements=())
    # The history file cannot read the 2018 report: its grades are unknown there.
    unknown = attrs.evolve(SIF_2018, judgements=(), grades_known=False)
    assert unknown.overall is None
    with pytest.raises(InspectionError, match="grades both unknown and given"):
        attrs.evolve(SIF_2018, grades_known=False)


@pytest.mark.parametrize(
    ("inspection", "kind"),
    [
        (SIF_2014, K.ILACS_SHORT),
        (SIF_2018, K.ILACS_STANDARD),
        (ILACS_2022, K.SIF_INSPECTION),
        (ILACS_2025, K.CP_INSPECTION),
        (CP_2012, K.SIF_INSPECTION),
    ],
)
def test_the_wrong_kind_for_the_framework_is_refused(
    inspection: Inspection, kind: InspectionKind
) -> None:
    with pytest.raises(
        InspectionError,
        match=f"kind not of this framework: an? {kind.value} is not made under "
        f"{inspection.framework.value}",
    ):
        attrs.evolve(inspection, kind=kind)


def test_fieldwork_outside_the_framework_is_refused() -> None:
    # The 2018 re-inspection's fieldwork moved into January 2018, when ILACS had begun.
    with pytest.raises(InspectionError, match="framework not in force: fieldwork on 2018-01-02"):
        attrs.evolve(SIF_2018, start=date(2018, 1, 2), end=date(2018, 1, 20))
    # The 2022 inspection filed under SIF.
    with pytest.raises(InspectionError, match="Rotherham SIF published 2022-08-12: kind not of"):
        attrs.evolve(ILACS_2022, framework=Framework.SIF)
    with pytest.raises(InspectionError, match="framework not in force: fieldwork on 2022-06-27"):
        attrs.evolve(ILACS_2022, framework=Framework.SIF, kind=K.SIF_INSPECTION)
