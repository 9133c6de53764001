"""Adding a framework is a change to the framework tables alone.

A made-up renewed framework, declared in copies of the tables (``FRAMEWORKS``, ``KINDS``,
``ERAS``) and put in force for a ``with`` block, is followed by everything the library derives
from them: parsing, validation, labels, lineage, the hypothesis strategies and the readers.

Enum members cannot be added while Python runs (an enum is closed once built), so the made-up
framework is a new era of ILACS, "RENEWED 2027", that grades a new set of the existing
categories (adoption again; no overall effectiveness) and words one of them anew. A real new
framework adds a ``Framework`` member as well: see docs/howto/add-a-framework.rst.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings

import ofstedmodel as om
from ofstedmodel import Category, CategoryError, Framework, InspectionError, InspectionKind
from ofstedmodel.frameworks import (
    CATEGORY_ALIASES,
    CURRENT_SCALE,
    ERAS,
    FRAMEWORKS,
    KINDS,
    Era,
    _derive,
    _tables_in_force,
)
from ofstedmodel.io import read_csv, write_csv
from ofstedmodel.strategies import inspections

C = Category
F = Framework
K = InspectionKind
LA = om.Council("Rotherham", "372")
RENEWED_START = date(2027, 4, 1)
# Made-up wordings: Ofsted has not published the renewed framework.
IN_CARE_2027 = "The experiences and progress of children in care and children adopted"
ADOPTION_2027 = "The effectiveness of adoption and permanence"
ILACS_2026 = ERAS[-1]
RENEWED = Era(
    F.ILACS,
    "RENEWED 2027",
    RENEWED_START,
    None,
    CURRENT_SCALE,
    {
        C.LEADERSHIP: ILACS_2026.labels[C.LEADERSHIP],
        C.HELP_AND_PROTECTION: ILACS_2026.labels[C.HELP_AND_PROTECTION],
        C.CHILDREN_IN_CARE: IN_CARE_2027,
        C.ADOPTION: ADOPTION_2027,
        C.CARE_LEAVERS: ILACS_2026.labels[C.CARE_LEAVERS],
    },
)


def renewed_tables() -> dict[str, tuple[object, ...]]:
    """Copies of the library's tables with the renewed framework declared: its era (and the
    end of the era before it), another name for the framework and one for its kind."""
    assert ILACS_2026.name == "ILACS 2026"
    assert ILACS_2026.until is None
    return {
        "eras": (*ERAS[:-1], attrs.evolve(ILACS_2026, until=RENEWED_START), RENEWED),
        "frameworks": tuple(
            entry._replace(aliases=(*entry.aliases, "renewed framework"))
            if entry.framework is F.ILACS
            else entry
            for entry in FRAMEWORKS
        ),
        "kinds": tuple(
            entry._replace(aliases=(*entry.aliases, "renewed inspection"))
            if entry.kind is K.ILACS_INSPECTION
            else entry
            for entry in KINDS
        ),
    }


@pytest.fixture
def renewed() -> Iterator[None]:
    with _tables_in_force(**renewed_tables()):  # type: ignore[arg-type]
        yield


def renewed_inspection(**judgements: str) -> om.Inspection:
    return om.Inspection(
        LA,
        F.ILACS,
        date(2027, 9, 20),
        {name.replace("_", " "): grade for name, grade in judgements.items()},
        kind=K.ILACS_STANDARD,
        start=date(2027, 7, 5),
        end=date(2027, 7, 16),
    )


def ilacs_2026_inspection() -> om.Inspection:
    return om.Inspection(
        LA,
        F.ILACS,
        date(2026, 11, 2),
        {
            "leadership": "good",
            "help and protection": "good",
            "children in care": "requires improvement",
            "care leavers": "good",
        },
        kind=K.ILACS_SHORT,
        start=date(2026, 9, 14),
        end=date(2026, 9, 18),
    )


# -- the era is read ---------------------------------------------------------------------------


@pytest.mark.usefixtures("renewed")
def test_the_new_era_is_in_force_from_its_first_day() -> None:
    assert F.ILACS.era_on(RENEWED_START).name == "RENEWED 2027"
    assert F.ILACS.era_on(RENEWED_START - timedelta(days=1)).name == "ILACS 2026"
    assert Framework.for_date(RENEWED_START) is F.ILACS
    assert [era.name for era in F.ILACS.eras][-2:] == ["ILACS 2026", "RENEWED 2027"]
    assert F.ILACS.until is None
    assert F.ILACS.categories_on(RENEWED_START) == (
        C.LEADERSHIP,
        C.HELP_AND_PROTECTION,
        C.CHILDREN_IN_CARE,
        C.ADOPTION,
        C.CARE_LEAVERS,
    )


@pytest.mark.usefixtures("renewed")
def test_the_new_names_are_parsed() -> None:
    assert Framework.parse("RENEWED 2027") is F.ILACS  # an era's name names its framework
    assert Framework.parse("Renewed framework") is F.ILACS
    assert InspectionKind.parse("renewed-inspection") is K.ILACS_INSPECTION
    assert Category.parse(IN_CARE_2027) is C.CHILDREN_IN_CARE  # an era's wording names it
    assert Category.parse(ADOPTION_2027.upper()) is C.ADOPTION


# -- validation --------------------------------------------------------------------------------


@pytest.mark.usefixtures("renewed")
def test_an_inspection_of_the_new_era_gives_its_judgements() -> None:
    inspection = renewed_inspection(leadership="good", adoption="outstanding")
    assert inspection.era is RENEWED
    assert inspection[C.ADOPTION] is om.Grade.OUTSTANDING
    # Known only by its publication date, a report is placed by it.
    unknown_dates = om.Inspection(LA, "ILACS", date(2027, 6, 1), {"adoption": "good"})
    assert unknown_dates.era is RENEWED


@pytest.mark.usefixtures("renewed")
def test_an_inspection_of_the_new_era_is_refused_what_it_does_not_grade() -> None:
    with pytest.raises(InspectionError, match=r"RENEWED 2027 .* does not grade 'overall"):
        renewed_inspection(overall_effectiveness="good")
    with pytest.raises(InspectionError, match="not on RENEWED 2027's scale"):
        renewed_inspection(adoption="adequate")
    # The era before it still refuses adoption, up to its last day.
    with pytest.raises(InspectionError, match=r"ILACS 2026 .* does not grade 'adoption'"):
        om.Inspection(LA, "ILACS", date(2027, 5, 1), {"adoption": "good"}, start=date(2027, 3, 31))


def test_eras_found_before_and_after_are_the_eras_of_the_tables_in_force() -> None:
    # The same inspection, built under each set of tables: what one set found is never used
    # under the other.
    def build() -> om.Inspection:
        return om.Inspection(
            LA, "ILACS", date(2027, 6, 30), {"leadership": "good"}, start=date(2027, 5, 10)
        )

    assert build().era.name == "ILACS 2026"
    with _tables_in_force(**renewed_tables()):  # type: ignore[arg-type]
        assert build().era is RENEWED
    assert build().era.name == "ILACS 2026"


# -- labels and lineage ------------------------------------------------------------------------


@pytest.mark.usefixtures("renewed")
def test_labels_come_from_the_new_era() -> None:
    assert F.ILACS.label(C.CHILDREN_IN_CARE) == IN_CARE_2027  # the latest era's wording
    assert F.ILACS.label(C.CHILDREN_IN_CARE, on=date(2027, 3, 31)) == (
        "The experiences and progress of children in care"
    )
    assert renewed_inspection(adoption="good").label("adoption") == ADOPTION_2027


@pytest.mark.usefixtures("renewed")
def test_categories_follow_across_the_new_era_and_say_where_the_wording_changed() -> None:
    before = ilacs_2026_inspection()
    after = renewed_inspection(
        leadership="good",
        children_in_care="good",
        care_leavers="outstanding",
        adoption="good",
    )
    comparison = om.compare(before, after)
    in_care = comparison.changes[C.CHILDREN_IN_CARE]
    assert (in_care.steps, in_care.definition_changed) == (1, True)
    assert comparison.changes[C.CARE_LEAVERS].definition_changed is False
    assert comparison.changes[C.ADOPTION].before is None  # newly graded: not a new definition
    assert comparison.changes[C.ADOPTION].definition_changed is False
    history = om.History(LA, [before, after])
    points = history.trajectory(C.CHILDREN_IN_CARE).points
    assert [p.grade for p in points] == [om.Grade.REQUIRES_IMPROVEMENT, om.Grade.GOOD]
    assert "definition changed" in om.describe(comparison)


# -- strategies --------------------------------------------------------------------------------

_FIND = settings(max_examples=3000, phases=[Phase.generate], database=None, derandomize=True)


@pytest.mark.usefixtures("renewed")
def test_the_strategies_reach_the_new_era() -> None:
    found = find(
        inspections(framework=F.ILACS),
        lambda i: i.era is RENEWED and C.ADOPTION in i.categories,
        settings=_FIND,
    )
    assert found.get(C.ADOPTION) in CURRENT_SCALE


def test_the_strategies_draw_only_inspections_the_tables_in_force_accept() -> None:
    @settings(max_examples=300, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(inspections(framework=F.ILACS))
    def check(inspection: om.Inspection) -> None:
        eras = F.ILACS.eras
        assert inspection.era in eras
        fieldwork = inspection.start or inspection.end
        if fieldwork is not None:
            assert inspection.era.covers(fieldwork)
        elif inspection.era is not eras[-1]:  # placed by its publication, within the era
            assert inspection.era.until is not None
            assert inspection.published < inspection.era.until
        # Built again under the tables in force, it is the same inspection in the same era.
        assert attrs.evolve(inspection).era is inspection.era

    with _tables_in_force(**renewed_tables()):  # type: ignore[arg-type]
        check()
    check()  # and, after, under the library's own tables: never the renewed era


# -- readers -----------------------------------------------------------------------------------


def test_the_csv_format_round_trips_an_inspection_of_the_new_era(tmp_path: Path) -> None:
    path = tmp_path / "renewed.csv"
    with _tables_in_force(**renewed_tables()):  # type: ignore[arg-type]
        history = om.History(
            LA, [ilacs_2026_inspection(), renewed_inspection(adoption="good", leadership="good")]
        )
        write_csv(history, path)
        read = read_csv(path).histories["372"]
        assert read == history
        assert [i.era.name for i in read.inspections] == ["ILACS 2026", "RENEWED 2027"]
    # Under the library's own tables the same file is refused where the era is unknown to them.
    result = read_csv(path, errors="collect")
    assert [problem.line for problem in result.problems] == [3]
    assert "does not grade 'adoption'" in result.problems[0].reason


# -- the tables are checked --------------------------------------------------------------------


def test_a_new_era_must_follow_the_last_one_without_a_gap() -> None:
    with pytest.raises(CategoryError, match="RENEWED 2027 must start the day ILACS 2026 ends"):
        _derive(FRAMEWORKS, KINDS, (*ERAS, RENEWED))  # ILACS 2026 left open-ended


def test_every_framework_and_kind_needs_one_entry() -> None:
    with pytest.raises(CategoryError, match="FRAMEWORKS has 0 entries for <Framework\\.ILACS>"):
        _derive(FRAMEWORKS[:-1], KINDS, ERAS)
    with pytest.raises(CategoryError, match="KINDS has 2 entries for <InspectionKind\\.JTAI>"):
        _derive(FRAMEWORKS, (*KINDS, KINDS[-1]), ERAS)


def test_a_default_kind_must_be_graded_and_of_its_framework() -> None:
    frameworks = tuple(
        e._replace(default_kind=K.FOCUSED_VISIT) if e.framework is F.ILACS else e
        for e in FRAMEWORKS
    )
    with pytest.raises(CategoryError, match="default kind of ILACS, focused visit, must be"):
        _derive(frameworks, KINDS, ERAS)


def test_an_alias_may_not_name_two_members() -> None:
    with pytest.raises(CategoryError, match="'in care' names both"):
        _derive(FRAMEWORKS, KINDS, ERAS, {**CATEGORY_ALIASES, C.CARE_LEAVERS: ("in care",)})


def test_leaving_the_block_puts_the_library_s_own_tables_back() -> None:
    def fail_inside() -> None:
        with _tables_in_force(**renewed_tables()):  # type: ignore[arg-type]
            assert Framework.parse("RENEWED 2027") is F.ILACS
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_inside()
    assert [era.name for era in F.ILACS.eras] == ["ILACS 2018", "ILACS 2023", "ILACS 2026"]
    assert F.ILACS.label(C.CHILDREN_IN_CARE) == "The experiences and progress of children in care"
    with pytest.raises(CategoryError, match="'RENEWED 2027' is not a Framework"):
        Framework.parse("RENEWED 2027")
    with pytest.raises(CategoryError, match="is not an InspectionKind"):
        InspectionKind.parse("renewed inspection")
