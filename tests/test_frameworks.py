"""The framework table: eras, boundaries, labels, scales and kinds; Category, Framework and
InspectionKind parsing."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ofstedmodel import (
    Category,
    CategoryError,
    Council,
    DateError,
    Framework,
    Grade,
    Inspection,
    InspectionError,
    InspectionKind,
    OfstedModelError,
)
from ofstedmodel.frameworks import ERAS, FRAMEWORKS, KINDS, Era, FrameworkEntry, KindEntry

C = Category
F = Framework
K = InspectionKind
CURRENT = [Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE]
PRE_2013 = [Grade.OUTSTANDING, Grade.GOOD, Grade.ADEQUATE, Grade.INADEQUATE]

# -- which framework, which era ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "framework"),
    [
        (date(2009, 1, 1), F.SLAC),
        (date(2011, 6, 1), F.SLAC),
        (date(2011, 12, 31), F.SLAC),
        (date(2012, 1, 1), F.CP2012),  # CP2012 overlaps SLAC's last year and is the main one
        (date(2012, 7, 1), F.CP2012),
        (date(2013, 10, 31), F.CP2012),
        (date(2013, 11, 1), F.SIF),
        (date(2017, 12, 31), F.SIF),
        (date(2018, 1, 1), F.ILACS),
        (date(2022, 12, 31), F.ILACS),
        (date(2023, 1, 1), F.ILACS),
        (date(2026, 3, 31), F.ILACS),
        (date(2026, 4, 1), F.ILACS),
        (date(2030, 12, 31), F.ILACS),
    ],
)
def test_for_date(day: date, framework: Framework) -> None:
    assert Framework.for_date(day) is framework


def test_for_date_reads_iso_text_and_datetimes() -> None:
    assert Framework.for_date("2013-11-01") is F.SIF
    assert Framework.for_date(datetime(2013, 10, 31, 23, 59)) is F.CP2012


def test_for_date_before_the_table_is_refused() -> None:
    with pytest.raises(CategoryError, match="in force on 2008-12-31"):
        Framework.for_date(date(2008, 12, 31))


def test_for_date_of_a_non_date_is_refused() -> None:
    with pytest.raises(DateError, match="'last tuesday' is not a date"):
        Framework.for_date("last tuesday")


@pytest.mark.parametrize(
    ("framework", "day", "era"),
    [
        (F.SIF, date(2013, 11, 1), "SIF"),
        (F.SIF, date(2017, 12, 31), "SIF"),
        (F.ILACS, date(2018, 1, 1), "ILACS 2018"),
        (F.ILACS, date(2022, 12, 31), "ILACS 2018"),
        (F.ILACS, date(2023, 1, 1), "ILACS 2023"),
        (F.ILACS, date(2026, 3, 31), "ILACS 2023"),
        (F.ILACS, date(2026, 4, 1), "ILACS 2026"),
        (F.CP2012, date(2013, 10, 31), "CP2012"),
        (F.SLAC, date(2012, 12, 31), "SLAC"),
    ],
)
def test_era_on(framework: Framework, day: date, era: str) -> None:
    assert framework.era_on(day).name == era


@pytest.mark.parametrize(
    ("framework", "day", "message"),
    [
        (F.SIF, date(2013, 10, 31), "SIF was not in force on 2013-10-31"),
        (F.SIF, date(2019, 1, 1), "its fieldwork ran from 2013-11-01 to 2018-12-31"),
        (F.ILACS, date(2017, 12, 31), "ILACS was not in force on 2017-12-31"),
        (F.CP2012, date(2013, 11, 1), "CP2012 was not in force on 2013-11-01"),
    ],
)
def test_era_on_outside_the_framework_is_refused(
    framework: Framework, day: date, message: str
) -> None:
    with pytest.raises(CategoryError, match=message):
        framework.era_on(day)


def test_ilacs_2018_combines_children_in_care_and_care_leavers() -> None:
    assert F.ILACS.categories_on(date(2022, 12, 31)) == (
        C.OVERALL_EFFECTIVENESS,
        C.LEADERSHIP,
        C.HELP_AND_PROTECTION,
        C.CHILDREN_IN_CARE,
    )
    assert C.CARE_LEAVERS not in F.ILACS.categories_on(date(2018, 1, 1))


def test_ilacs_2023_grades_care_leavers_separately() -> None:
    assert F.ILACS.categories_on(date(2023, 1, 1)) == (
        C.OVERALL_EFFECTIVENESS,
        C.LEADERSHIP,
        C.HELP_AND_PROTECTION,
        C.CHILDREN_IN_CARE,
        C.CARE_LEAVERS,
    )


def test_ilacs_2026_drops_overall_effectiveness() -> None:
    assert C.OVERALL_EFFECTIVENESS in F.ILACS.categories_on(date(2026, 3, 31))
    assert F.ILACS.categories_on(date(2026, 4, 1)) == (
        C.LEADERSHIP,
        C.HELP_AND_PROTECTION,
        C.CHILDREN_IN_CARE,
        C.CARE_LEAVERS,
    )


def test_sif_categories() -> None:
    assert F.SIF.categories_on(date(2014, 9, 16)) == (
        C.OVERALL_EFFECTIVENESS,
        C.HELP_AND_PROTECTION,
        C.CHILDREN_IN_CARE,
        C.ADOPTION,
        C.CARE_LEAVERS,
        C.LEADERSHIP,
        C.LSCB_REVIEW,
    )


def test_cp2012_grades_overall_effectiveness_only() -> None:
    assert F.CP2012.categories_on(date(2012, 7, 1)) == (C.OVERALL_EFFECTIVENESS,)


# -- labels -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("framework", "category", "on", "label"),
    [
        (F.SIF, C.CHILDREN_IN_CARE, None, "Children looked after and achieving permanence"),
        (F.SIF, C.LEADERSHIP, None, "Leadership, management and governance"),
        (F.SIF, C.HELP_AND_PROTECTION, None, "Children who need help and protection"),
        (F.SIF, C.ADOPTION, None, "Adoption performance"),
        (F.SIF, C.CARE_LEAVERS, None, "Experiences and progress of care leavers"),
        (F.SIF, C.OVERALL_EFFECTIVENESS, None, "Overall effectiveness"),
        (
            F.ILACS,
            C.CHILDREN_IN_CARE,
            date(2022, 12, 31),
            "The experiences and progress of children in care and care leavers",
        ),
        (
            F.ILACS,
            C.CHILDREN_IN_CARE,
            date(2023, 1, 1),
            "The experiences and progress of children in care",
        ),
        (F.ILACS, C.CHILDREN_IN_CARE, None, "The experiences and progress of children in care"),
        (F.ILACS, C.CARE_LEAVERS, date(2023, 1, 1), "The experiences and progress of care leavers"),
        (
            F.ILACS,
            C.LEADERSHIP,
            None,
            "The impact of leaders on social work practice with children and families",
        ),
        (
            F.ILACS,
            C.HELP_AND_PROTECTION,
            date(2019, 5, 1),
            "The experiences and progress of children who need help and protection",
        ),
        # Without a date the latest era that grades the category gives the wording.
        (F.ILACS, C.OVERALL_EFFECTIVENESS, None, "Overall effectiveness"),
        (
            F.CP2012,
            C.OVERALL_EFFECTIVENESS,
            None,
            "Overall effectiveness of the arrangements to protect children",
        ),
    ],
)
def test_label(framework: Framework, category: Category, on: date | None, label: str) -> None:
    assert framework.label(category, on=on) == label


def test_label_takes_category_text() -> None:
    assert F.SIF.label("children in care") == "Children looked after and achieving permanence"


@pytest.mark.parametrize(
    ("framework", "category", "on", "message"),
    [
        (F.ILACS, C.ADOPTION, None, "ILACS does not grade 'adoption'$"),
        (F.ILACS, C.CARE_LEAVERS, date(2022, 12, 31), "'care leavers' on 2022-12-31"),
        (F.ILACS, C.OVERALL_EFFECTIVENESS, date(2026, 4, 1), "'overall effectiveness' on 2026"),
        (F.CP2012, C.LEADERSHIP, None, "CP2012 does not grade 'leadership'"),
    ],
)
def test_label_of_a_category_not_graded_is_refused(
    framework: Framework, category: Category, on: date | None, message: str
) -> None:
    with pytest.raises(CategoryError, match=message):
        framework.label(category, on=on)


# -- scales, kinds, titles ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("framework", "scale"),
    [(F.SLAC, PRE_2013), (F.CP2012, PRE_2013), (F.SIF, CURRENT), (F.ILACS, CURRENT)],
)
def test_scale(framework: Framework, scale: list[Grade]) -> None:
    assert list(framework.scale) == scale


def test_kinds_of_each_framework() -> None:
    assert F.SLAC.kinds == (
        K.SLAC_INSPECTION,
        K.SLAC_SAFEGUARDING_REINSPECTION,
        K.SLAC_CHILDREN_IN_CARE_REINSPECTION,
    )
    assert F.CP2012.kinds == (K.CP_INSPECTION, K.CP_REINSPECTION)
    assert F.TLAC.kinds == (K.TLAC_INSPECTION,)
    assert F.SIF.kinds == (K.SIF_INSPECTION, K.SIF_REINSPECTION, K.MONITORING_VISIT, K.JTAI)
    assert F.ILACS.kinds == (
        K.ILACS_STANDARD,
        K.ILACS_SHORT,
        K.ILACS_INSPECTION,
        K.FOCUSED_VISIT,
        K.MONITORING_VISIT,
        K.JTAI,
    )


def test_sif_reinspections_went_on_into_2018_but_first_inspections_did_not() -> None:
    la = Council("Torbay", "880")
    # Torbay's SIF re-inspection: fieldwork 11 June to 5 July 2018, published 24 August 2018.
    reinspection = Inspection(
        la,
        F.SIF,
        date(2018, 8, 24),
        {"overall": "inadequate"},
        kind=K.SIF_REINSPECTION,
        start=date(2018, 6, 11),
        end=date(2018, 7, 5),
    )
    assert reinspection.era.name == "SIF re-inspections 2018"
    with pytest.raises(InspectionError, match="framework not in force"):
        Inspection(
            la,
            F.SIF,
            date(2018, 8, 24),
            {"overall": "inadequate"},
            start=date(2018, 6, 11),
            end=date(2018, 7, 5),
        )


@pytest.mark.parametrize(
    ("kind", "inside", "outside"),
    [
        (K.CP_INSPECTION, C.OVERALL_EFFECTIVENESS, C.CHILDREN_IN_CARE),
        (K.SLAC_SAFEGUARDING_REINSPECTION, C.OVERALL_EFFECTIVENESS, C.CHILDREN_IN_CARE),
        (K.SLAC_CHILDREN_IN_CARE_REINSPECTION, C.CHILDREN_IN_CARE, C.OVERALL_EFFECTIVENESS),
        (K.TLAC_INSPECTION, C.CHILDREN_IN_CARE, C.OVERALL_EFFECTIVENESS),
    ],
)
def test_targeted_kinds_judge_only_their_scope(kind: K, inside: C, outside: C) -> None:
    assert kind.covers(inside)
    assert not kind.covers(outside)
    framework = next(f for f in F if kind in f.kinds)
    published = framework.eras[0].start.replace(month=6)
    la = Council("Rotherham", "372")
    assert Inspection(la, framework, published, {inside: "adequate"}, kind=kind).covers(inside)
    if outside in framework.eras[0].labels:
        with pytest.raises(InspectionError, match="category not judged by this kind"):
            Inspection(la, framework, published, {outside: "adequate"}, kind=kind)


def test_full_kinds_cover_everything_their_era_grades() -> None:
    for kind in K:
        if kind.is_graded and kind.scope is None:
            assert all(kind.covers(c) for c in C)


def test_default_kinds_are_graded_and_of_their_framework() -> None:
    assert F.SIF.default_kind is K.SIF_INSPECTION
    assert F.ILACS.default_kind is K.ILACS_INSPECTION
    assert F.CP2012.default_kind is K.CP_INSPECTION
    for framework in F:
        assert framework.default_kind.is_graded
        assert framework.default_kind in framework.kinds


@pytest.mark.parametrize(
    ("kind", "graded"),
    [
        (K.SLAC_INSPECTION, True),
        (K.CP_INSPECTION, True),
        (K.SIF_INSPECTION, True),
        (K.ILACS_STANDARD, True),
        (K.ILACS_SHORT, True),
        (K.ILACS_INSPECTION, True),
        (K.FOCUSED_VISIT, False),
        (K.MONITORING_VISIT, False),
        (K.JTAI, False),
    ],
)
def test_is_graded(kind: InspectionKind, graded: bool) -> None:
    assert kind.is_graded is graded


def test_framework_spans() -> None:
    # First SIF inspections to the end of 2017, re-inspections into 2018.
    assert (F.SIF.start, F.SIF.until) == (date(2013, 11, 1), date(2019, 1, 1))
    assert F.SIF.era_on(date(2017, 12, 31)).until == date(2018, 1, 1)
    assert (F.ILACS.start, F.ILACS.until) == (date(2018, 1, 1), None)
    assert (F.CP2012.start, F.CP2012.until) == (date(2012, 1, 1), date(2013, 11, 1))
    assert [era.name for era in F.ILACS.eras] == ["ILACS 2018", "ILACS 2023", "ILACS 2026"]


def test_titles_and_str() -> None:
    assert F.SIF.title == "Single inspection framework"
    assert F.ILACS.title == "Inspecting local authority children's services"
    assert str(F.ILACS) == "ILACS"
    assert repr(F.ILACS) == "<Framework.ILACS>"
    assert str(C.CARE_LEAVERS) == "care leavers"
    assert repr(C.CARE_LEAVERS) == "<Category.CARE_LEAVERS>"
    assert str(K.FOCUSED_VISIT) == "focused visit"
    assert repr(K.FOCUSED_VISIT) == "<InspectionKind.FOCUSED_VISIT>"
    assert repr(ERAS[0]) == "<Era SLAC>"


def test_eras_of_a_framework_follow_on_without_gaps() -> None:
    for framework in F:
        for before, after in itertools.pairwise(framework.eras):
            assert before.until == after.start


def test_only_the_last_era_is_open_ended() -> None:
    assert [era.name for era in ERAS if era.until is None] == ["ILACS 2026"]


def test_era_labels_cannot_be_changed() -> None:
    labels = F.SIF.eras[0].labels
    with pytest.raises(TypeError):
        labels[C.ADOPTION] = "changed"  # type: ignore[index]


@given(st.sampled_from(ERAS), st.data())
def test_every_day_of_an_era_is_that_era(era: Era, data: st.DataObject) -> None:
    last = (era.until or date(2031, 1, 1)) - (date(2000, 1, 2) - date(2000, 1, 1))
    day = data.draw(st.one_of(st.sampled_from([era.start, last]), st.dates(era.start, last)))
    assert era.framework.era_on(day) is era
    assert era.framework.categories_on(day) == tuple(era.labels)
    assert era.covers(day)
    assert Framework.for_date(day).era_on(day).covers(day)


# -- parsing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("OVERALL_EFFECTIVENESS", C.OVERALL_EFFECTIVENESS),
        ("overall effectiveness", C.OVERALL_EFFECTIVENESS),
        ("Overall", C.OVERALL_EFFECTIVENESS),
        ("Overall effectiveness of the arrangements to protect children", C.OVERALL_EFFECTIVENESS),
        ("impact of leaders", C.LEADERSHIP),
        ("Leadership, management and governance", C.LEADERSHIP),
        (
            "The impact of leaders on social work practice with children and families",
            C.LEADERSHIP,
        ),
        ("leadership", C.LEADERSHIP),
        ("help and protection", C.HELP_AND_PROTECTION),
        ("Help & Protection", C.HELP_AND_PROTECTION),
        ("Children who need help and protection", C.HELP_AND_PROTECTION),
        ("Children looked after and achieving permanence", C.CHILDREN_IN_CARE),
        ("The experiences and progress of children in care and care leavers", C.CHILDREN_IN_CARE),
        ("The experiences and progress of children in care", C.CHILDREN_IN_CARE),
        ("children in care", C.CHILDREN_IN_CARE),
        ("in care", C.CHILDREN_IN_CARE),
        ("children looked after", C.CHILDREN_IN_CARE),
        ("CARE_LEAVERS", C.CARE_LEAVERS),
        ("care-leavers", C.CARE_LEAVERS),
        ("The experiences and progress of care leavers", C.CARE_LEAVERS),
        ("Adoption performance", C.ADOPTION),
        ("adoption", C.ADOPTION),
        ("LSCB", C.LSCB_REVIEW),
        ("capacity to improve safeguarding", C.CAPACITY_TO_IMPROVE_SAFEGUARDING),
        (C.ADOPTION, C.ADOPTION),
    ],
)
def test_category_parse(text: str | Category, category: Category) -> None:
    assert Category.parse(text) is category


@given(st.sampled_from(ERAS), st.data())
def test_category_parse_reads_every_official_wording(era: Era, data: st.DataObject) -> None:
    category = data.draw(st.sampled_from(tuple(era.labels)))
    assert Category.parse(era.labels[category]) is category
    assert Category.parse(era.labels[category].upper()) is category


@pytest.mark.parametrize(
    ("text", "framework"),
    [
        ("SIF", F.SIF),
        ("sif", F.SIF),
        ("Single inspection framework", F.SIF),
        ("single-inspection framework", F.SIF),
        ("ILACS", F.ILACS),
        ("ilacs", F.ILACS),
        ("ILACS 2018", F.ILACS),
        ("ILACS 2023", F.ILACS),
        ("ILACS 2026", F.ILACS),
        ("ilacs-2026", F.ILACS),
        ("SIF re-inspections 2018", F.SIF),
        ("Inspecting local authority children's services", F.ILACS),
        ("CP2012", F.CP2012),
        ("cp", F.CP2012),
        ("SLAC", F.SLAC),
        (F.SIF, F.SIF),
    ],
)
def test_framework_parse(text: str | Framework, framework: Framework) -> None:
    assert Framework.parse(text) is framework


@pytest.mark.parametrize("era", ERAS, ids=lambda era: era.name)
def test_every_era_s_name_names_its_framework(era: Era) -> None:
    assert Framework.parse(era.name) is era.framework


@pytest.mark.parametrize("entry", FRAMEWORKS, ids=lambda entry: entry.framework.name)
def test_every_framework_is_read_by_its_title_and_aliases(entry: FrameworkEntry) -> None:
    assert entry.framework.title == entry.title
    for text in (entry.title, *entry.aliases):
        assert Framework.parse(text) is entry.framework


@pytest.mark.parametrize("entry", KINDS, ids=lambda entry: entry.kind.name)
def test_every_kind_follows_its_row(entry: KindEntry) -> None:
    kind = entry.kind
    assert kind.is_graded is entry.graded
    assert kind.scope == (None if entry.scope is None else frozenset(entry.scope))
    assert {f for f in F if kind in f.kinds} == set(entry.frameworks)
    for text in entry.aliases:
        assert InspectionKind.parse(text) is kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("short", K.ILACS_SHORT),
        ("Short", K.ILACS_SHORT),
        ("ILACS short inspection", K.ILACS_SHORT),
        ("ILACS_SHORT", K.ILACS_SHORT),
        ("standard", K.ILACS_STANDARD),
        ("ILACS standard inspection", K.ILACS_STANDARD),
        ("SIF", K.SIF_INSPECTION),
        ("SIF inspection", K.SIF_INSPECTION),
        ("monitoring visit", K.MONITORING_VISIT),
        ("Monitoring-visit", K.MONITORING_VISIT),
        ("Focused visit", K.FOCUSED_VISIT),
        ("FOCUSED_VISIT", K.FOCUSED_VISIT),
        ("JTAI", K.JTAI),
        ("Joint targeted area inspection", K.JTAI),
        ("unannounced inspection of arrangements to protect children", K.CP_INSPECTION),
        (K.JTAI, K.JTAI),
    ],
)
def test_kind_parse(text: str | InspectionKind, kind: InspectionKind) -> None:
    assert InspectionKind.parse(text) is kind


@given(st.sampled_from([*C, *F, *K]))
def test_parse_reads_name_and_value(member: Category | Framework | InspectionKind) -> None:
    parse = type(member).parse
    assert parse(member.name) is member
    assert parse(member.value) is member
    assert parse(str(member)) is member


@pytest.mark.parametrize(
    ("parse", "value", "message"),
    [
        (Category.parse, "adoptoin", r"'adoptoin' is not a Category \(did you mean 'adoption'\?\)"),
        (Category.parse, "finance", "'finance' is not a Category; accepted: 'adoption', 'capacity"),
        (Category.parse, 3, r"^3 \(int\) is not a Category; give a Category or text such as "),
        (Category.parse, None, r"^None \(NoneType\) is not a Category"),
        (Category.parse, Framework.SIF, "is not a Category"),
        (Framework.parse, "ilac", r"'ilac' is not a Framework \(did you mean 'ilacs'\?\)"),
        (Framework.parse, "ofsted", "'ofsted' is not a Framework; accepted: 'cp2012', 'ilacs'"),
        (Framework.parse, 2018, r"^2018 \(int\) is not a Framework"),
        (InspectionKind.parse, "short visit", "'short visit' is not an InspectionKind"),
        (InspectionKind.parse, b"short", r"is not an InspectionKind; .*accepted: 'cp inspection'"),
    ],
)
def test_parse_refuses_what_is_not_a_member(
    parse: Callable[[object], object], value: object, message: str
) -> None:
    with pytest.raises(CategoryError, match=message):
        parse(value)


def test_category_error_is_a_library_error() -> None:
    assert issubclass(CategoryError, OfstedModelError)
