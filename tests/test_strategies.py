"""The hypothesis strategies: valid values only, and the edges reached.

Each edge is found with :func:`hypothesis.find` (generation only, derandomised, so the result
does not depend on the run): a strategy that stopped reaching an edge fails here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from ofstedmodel import (
    Category,
    Council,
    CouncilKind,
    Framework,
    Grade,
    Inspection,
    InspectionKind,
    Judgement,
    Region,
)
from ofstedmodel.frameworks import ERAS, Era
from ofstedmodel.strategies import categories, councils, grades, inspections, judgements

T = TypeVar("T")
C = Category
F = Framework
K = InspectionKind
ROTHERHAM = Council("Rotherham", "372")
_FIND = settings(max_examples=3000, phases=[Phase.generate], database=None, derandomize=True)


def reaches(strategy: st.SearchStrategy[T], condition: Callable[[T], Any]) -> T:
    """An example of ``strategy`` meeting ``condition``; fails the test when there is none."""
    return find(strategy, condition, settings=_FIND)


def last_day(era: Era) -> date:
    assert era.until is not None
    return era.until - timedelta(days=1)


def era_named(name: str) -> Era:
    return next(era for era in ERAS if era.name == name)


def fieldwork_day(inspection: Inspection) -> date | None:
    return inspection.start or inspection.end


# -- the module -------------------------------------------------------------------------------


def test_importing_the_package_does_not_import_the_strategies_or_hypothesis() -> None:
    imported = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, ofstedmodel; "
            "print('ofstedmodel.strategies' in sys.modules, 'hypothesis' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert imported.stdout.split() == ["False", "False"]


# -- grades, categories, judgements -------------------------------------------------------------


def test_grades_reach_every_grade() -> None:
    for grade in Grade:
        assert reaches(grades(), lambda g, grade=grade: g is grade) is grade


@given(grades(Framework.SIF), grades(Framework.CP2012), grades(era_named("ILACS 2026")))
def test_grades_keep_to_the_scale(sif: Grade, cp2012: Grade, ilacs: Grade) -> None:
    assert sif is not Grade.ADEQUATE
    assert ilacs is not Grade.ADEQUATE
    assert cp2012 is not Grade.REQUIRES_IMPROVEMENT


@given(grades([Grade.GOOD, Grade.INADEQUATE]))
def test_grades_of_a_sequence(grade: Grade) -> None:
    assert grade in (Grade.GOOD, Grade.INADEQUATE)


def test_adequate_comes_from_the_pre_2013_scale() -> None:
    assert reaches(grades(Framework.CP2012), lambda g: g is Grade.ADEQUATE) is Grade.ADEQUATE


def test_categories_reach_every_category() -> None:
    for category in Category:
        assert reaches(categories(), lambda c, category=category: c is category) is category


@given(st.sampled_from(ERAS), st.data())
def test_categories_and_judgements_of_an_era_are_the_eras(era: Era, data: st.DataObject) -> None:
    assert data.draw(categories(era)) in era.labels
    judgement = data.draw(judgements(era))
    assert isinstance(judgement, Judgement)
    assert judgement.category in era.labels
    assert judgement.grade in era.scale


# -- councils ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edge", "condition"),
    [
        ("no GSS code", lambda c: c.gss_code is None),
        ("unitary GSS code", lambda c: c.gss_code and c.gss_code.startswith("E06")),
        ("metropolitan GSS code", lambda c: c.gss_code and c.gss_code.startswith("E08")),
        ("London GSS code", lambda c: c.gss_code and c.gss_code.startswith("E09")),
        ("county GSS code", lambda c: c.gss_code and c.gss_code.startswith("E10")),
        ("no URN", lambda c: c.urn is None),
        ("a URN", lambda c: c.urn is not None),
        ("no region", lambda c: c.region is None),
        ("London", lambda c: c.region is Region.LONDON),
        ("South West", lambda c: c.region is Region.SOUTH_WEST),
        ("no kind", lambda c: c.kind is None),
        ("county", lambda c: c.kind is CouncilKind.COUNTY),
        ("no neighbours", lambda c: c.statistical_neighbours == ()),
        ("ten neighbours", lambda c: len(c.statistical_neighbours) == 10),
        ("a predecessor", lambda c: c.predecessors),
        ("a successor", lambda c: c.successors),
        ("created", lambda c: c.created is not None and c.abolished is None),
        ("abolished", lambda c: c.abolished is not None and c.created is None),
        ("created and abolished", lambda c: c.created and c.abolished),
        ("a day's existence", lambda c: c.created and c.abolished == c.created + timedelta(1)),
        ("a name of several words", lambda c: " " in c.name),
    ],
)
def test_councils_reach(edge: str, condition: Callable[[Council], Any]) -> None:
    assert condition(reaches(councils(), condition)), edge


# -- inspections: dates -------------------------------------------------------------------------


@pytest.mark.parametrize("era", ERAS, ids=lambda era: era.name)
def test_fieldwork_starts_on_the_first_day_of_every_era(era: Era) -> None:
    found = reaches(
        inspections(ROTHERHAM, era.framework),
        lambda i: i.era is era and i.start == era.start,
    )
    assert found.start == era.start


@pytest.mark.parametrize("era", [e for e in ERAS if e.until], ids=lambda era: era.name)
def test_fieldwork_starts_on_the_last_day_of_every_closed_era(era: Era) -> None:
    found = reaches(
        inspections(ROTHERHAM, era.framework),
        lambda i: i.era is era and i.start == last_day(era),
    )
    assert found.start == last_day(era)


@pytest.mark.parametrize(
    ("day", "era"),
    [
        (date(2013, 10, 31), "CP2012"),
        (date(2013, 11, 1), "SIF"),
        (date(2017, 12, 31), "SIF"),
        (date(2018, 1, 1), "ILACS 2018"),
        (date(2022, 12, 31), "ILACS 2018"),
        (date(2023, 1, 1), "ILACS 2023"),
        (date(2026, 3, 31), "ILACS 2023"),
        (date(2026, 4, 1), "ILACS 2026"),
    ],
)
def test_fieldwork_reaches_the_named_boundaries(day: date, era: str) -> None:
    found = reaches(inspections(ROTHERHAM), lambda i: fieldwork_day(i) == day)
    assert found.era.name == era


@pytest.mark.parametrize("era", ERAS, ids=lambda era: era.name)
def test_publication_without_fieldwork_dates_on_the_first_day_of_every_era(era: Era) -> None:
    found = reaches(
        inspections(ROTHERHAM, era.framework),
        lambda i: i.start is None and i.end is None and i.published == era.start,
    )
    assert found.era is era


def test_a_report_published_after_its_framework_ended() -> None:
    # Like Rotherham's SIF re-inspection, published 29 January 2018 once ILACS had begun.
    found = reaches(
        inspections(ROTHERHAM, F.SIF),
        lambda i: i.start is None and i.end is None and i.published >= date(2018, 1, 1),
    )
    assert found.era.name == "SIF"


@pytest.mark.parametrize(
    ("edge", "condition"),
    [
        ("start and end", lambda i: i.start and i.end),
        ("a one-day inspection", lambda i: i.start and i.start == i.end),
        ("start only", lambda i: i.start and i.end is None),
        ("end only", lambda i: i.start is None and i.end),
        ("no fieldwork dates", lambda i: i.start is None and i.end is None),
        ("published on the last fieldwork day", lambda i: i.end == i.published),
        ("published in 2030", lambda i: i.published.year == 2030),
    ],
)
def test_inspections_reach_dates(edge: str, condition: Callable[[Inspection], Any]) -> None:
    assert condition(reaches(inspections(ROTHERHAM), condition)), edge


# -- inspections: kinds and judgements ----------------------------------------------------------


@pytest.mark.parametrize(
    ("framework", "kind"),
    [(framework, kind) for framework in Framework for kind in framework.kinds],
    ids=lambda value: value.name,
)
def test_every_kind_of_every_framework(framework: Framework, kind: InspectionKind) -> None:
    found = reaches(inspections(ROTHERHAM, framework), lambda i: i.kind is kind)
    if not kind.is_graded:
        assert found.judgements == ()


@pytest.mark.parametrize("era", ERAS, ids=lambda era: era.name)
def test_every_judgement_of_an_era(era: Era) -> None:
    every = set(era.labels)
    found = reaches(
        inspections(ROTHERHAM, era.framework),
        lambda i: i.era is era and set(i.categories) == every,
    )
    assert found.grades_known


@pytest.mark.parametrize("era", [e for e in ERAS if len(e.labels) > 1], ids=lambda e: e.name)
def test_some_judgements_of_an_era(era: Era) -> None:
    found = reaches(
        inspections(ROTHERHAM, era.framework),
        lambda i: i.era is era and 0 < len(i) < len(era.labels),
    )
    assert set(found.categories) < set(era.labels)


@pytest.mark.parametrize("era", ERAS, ids=lambda era: era.name)
def test_unknown_grades_in_every_era(era: Era) -> None:
    found = reaches(
        inspections(ROTHERHAM, era.framework), lambda i: i.era is era and not i.grades_known
    )
    assert found.is_graded
    assert found.judgements == ()


@pytest.mark.parametrize("category", list(Category), ids=lambda c: c.name)
def test_every_category_is_graded_somewhere(category: Category) -> None:
    found = reaches(inspections(ROTHERHAM), lambda i: category in i.categories)
    assert category in found.era.labels


def test_the_2026_reform() -> None:
    found = reaches(
        inspections(ROTHERHAM, F.ILACS),
        lambda i: i.era.name == "ILACS 2026" and len(i) == 4,
    )
    assert found.overall is None
    assert found.categories == (
        C.LEADERSHIP,
        C.HELP_AND_PROTECTION,
        C.CHILDREN_IN_CARE,
        C.CARE_LEAVERS,
    )


def test_adequate_under_the_pre_2013_frameworks() -> None:
    found = reaches(inspections(ROTHERHAM), lambda i: Grade.ADEQUATE in (j.grade for j in i))
    assert found.framework in (F.SLAC, F.CP2012)


def test_with_and_without_a_source() -> None:
    assert reaches(inspections(ROTHERHAM), lambda i: i.source is None).source is None
    assert reaches(inspections(ROTHERHAM), lambda i: i.source).source


def test_inspections_draw_councils_when_none_is_given() -> None:
    assert reaches(inspections(), lambda i: i.council.la_code != "372").council != ROTHERHAM


# -- inspections: every value keeps the bounds ---------------------------------------------------


@given(inspections(ROTHERHAM))
def test_inspections_keep_the_generators_bounds(inspection: Inspection) -> None:
    assert inspection.published <= date(2030, 12, 31)
    if inspection.start and inspection.end:
        assert inspection.end - inspection.start <= timedelta(days=35)
    last_fieldwork = inspection.end or inspection.start
    if last_fieldwork:
        assert inspection.published - last_fieldwork <= timedelta(days=180)
    assert inspection.era in ERAS


@given(st.sampled_from(Framework), st.sampled_from([ROTHERHAM, Council("Leeds", "383")]), st.data())
def test_inspections_of_a_council_and_framework(
    framework: Framework, council: Council, data: st.DataObject
) -> None:
    inspection = data.draw(inspections(council, framework))
    assert inspection.council is council
    assert inspection.framework is framework
    assert inspection.era.framework is framework


def test_a_users_first_test_passes_hypothesis_default_health_checks(tmp_path: Path) -> None:
    """Issue 12: a first @given(oms.histories()) in a fresh checkout failed the too_slow health
    check, hypothesis building a table of every Unicode letter on the first draw. Run in a
    fresh directory (no .hypothesis cache) with hypothesis' default settings."""
    script = tmp_path / "test_mine.py"
    script.write_text(
        "from hypothesis import given\n"
        "from ofstedmodel import strategies as oms\n"
        "@given(oms.histories())\n"
        "def test_mine(history):\n"
        "    assert history.latest is None or history.latest.kind.is_graded\n"
        "test_mine()\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("HYPOTHESIS")}
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_without_hypothesis_the_import_names_the_extra() -> None:
    """Issue 12: ``import ofstedmodel.strategies`` without hypothesis said nothing useful."""
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import ofstedmodel.strategies\n"
        "except Exception as error:\n"
        "    print(type(error).__name__, error)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.startswith("OfstedModelError")
    assert "pip install 'ofstedmodel[test]'" in out
