"""Every description is grammatical, over the whole bundled dataset (issue 12, "Saying it
right").

Not by example: every council's history, each of its inspections, each comparison of
consecutive graded inspections and each change in it, every category's trajectory; the
national summary and each grouping's, for every category, as at every 31 March from 2010 to
2026 and the data's snapshot (and with a later publication cut-off); transitions under every
framework; every council's peers. Each text is held to general rules: articles, singular and
plural, a date said once, a grade that is not an adjective never after "is" or "stayed", no
class names or ``None``, no doubled words or spaces, sentences that start with a capital and
end with a full stop, and a grade the data does not know never told as none. Generated
histories (visits, grades not known) are held to the same rules.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterator

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings

import ofstedmodel as om
from ofstedmodel import datasets
from ofstedmodel import strategies as oms

HISTORIES = datasets.histories()
DAYS = [dt.date(year, 3, 31) for year in range(2010, 2027)] + [datasets.as_of]

Described = tuple[str, object, str]  # what, the object, its description


def _of(what: str, thing: object) -> Described:
    return what, thing, om.describe(thing)


def _history_texts(history: om.History) -> Iterator[Described]:
    """A history, its inspections, the comparisons of consecutive graded inspections and the
    changes in them, and every category's trajectory."""
    yield _of("history", history)
    for inspection in history.inspections:
        yield _of("inspection", inspection)
    for before, after in itertools.pairwise(history.graded):
        comparison = om.compare(before, after)
        yield _of("comparison", comparison)
        for change in comparison.changes.values():
            yield _of("change", change)
    for category in om.Category:
        yield _of("trajectory", history.trajectory(category))


def _population_texts(day: dt.date) -> Iterator[Described]:
    for category in om.Category:
        yield _of("summary", om.summarise(HISTORIES, as_at=day, category=category))
        for by in ("region", "ofsted_region", "kind"):
            groups = om.summarise(HISTORIES, as_at=day, category=category, by=by)
            yield _of("groups", groups)
            for summary in groups.values():
                yield _of("group summary", summary)
        for framework in om.Framework:
            moves = om.transitions(HISTORIES, as_at=day, framework=framework, category=category)
            yield _of("transitions", moves)
    later = om.summarise(HISTORIES, as_at=day, published_by=relativedelta(months=3))
    yield _of("summary published by", later)
    yield _of(
        "transitions published by",
        om.transitions(HISTORIES, as_at=day, published_by=relativedelta(months=3)),
    )
    for history in HISTORIES.values():
        yield _of("peers", om.peers(history, HISTORIES, as_at=day))
    # Early on, SLAC's capacity to improve is in force and the data does not know it.
    if day.year <= 2014:
        for history in HISTORIES.values():
            peers = om.peers(
                history, HISTORIES, as_at=day, category="capacity to improve safeguarding"
            )
            yield _of("peers", peers)


def _answer_texts() -> Iterator[Described]:
    """Standings, turnarounds, digests and the next inspection (issue 13)."""
    for day in DAYS:
        for category in ("overall effectiveness", "children in care", "care leavers"):
            standings = om.standings(HISTORIES, as_at=day, category=category)
            yield _of("standings", standings)
        yield _of("digest", om.digest(HISTORIES, since=day - relativedelta(years=1), until=day))
    for category in ("overall effectiveness", "leadership", "care leavers"):
        for start, target in (("inadequate", "good"), ("requires improvement", "good")):
            moves = om.turnarounds(
                HISTORIES, from_grade=start, to_at_least=target, category=category
            )
            yield _of("turnarounds", moves)
            for move in (*moves, *moves.untimed):
                yield _of("turnaround", move)
    for history in HISTORIES.values():
        yield _of("next inspection", om.next_inspection(history, histories=HISTORIES))


@functools.cache
def described() -> tuple[Described, ...]:
    """Every description of the bundled data, with what each describes: made once for the
    tests of this module, which all read it."""
    texts = [t for history in HISTORIES.values() for t in _history_texts(history)]
    texts += [t for day in DAYS for t in _population_texts(day)]
    texts += list(_answer_texts())
    return tuple(texts)


@pytest.fixture(scope="module", autouse=True)
def _descriptions_freed_after_this_module() -> Iterator[None]:
    """Let the descriptions go once this module's tests are done: held to the end of the run,
    their objects (some 180,000) were scanned again by every later full garbage collection."""
    yield
    described.cache_clear()


# -- the rules --------------------------------------------------------------------------------

# Letters whose names start with a vowel sound: "an SIF", "an LSCB", "a DfE".
_VOWEL_LETTERS = set("AEFHILMNORSX")
# Words that start with a vowel letter but a consonant sound, and the reverse.
_CONSONANT_SOUND = re.compile(r"(?i)^(one|once|uni|use|usu|eu|ur[aeiou])")
_VOWEL_SOUND = re.compile(r"(?i)^(hour|honest|honour|heir)")


def _starts_with_vowel_sound(word: str) -> bool:
    if len(word) > 1 and word.isupper():  # an initialism, said letter by letter
        return word[0] in _VOWEL_LETTERS
    if _CONSONANT_SOUND.match(word):
        return False
    return bool(_VOWEL_SOUND.match(word)) or word[0].lower() in "aeiou"


def _articles(text: str) -> list[str]:
    wrong = []
    for match in re.finditer(r"\b([Aa]n?) ([\w\u2019'-]+)", text):
        article, word = match.groups()
        if (article.lower() == "an") != _starts_with_vowel_sound(word):
            wrong.append(match.group())
    return wrong


# The nouns the descriptions count, singular and plural, with the words that may stand
# between a number and its noun.
_NOUNS = {
    "inspection": "inspections",
    "visit": "visits",
    "council": "councils",
    "judgement": "judgements",
    "grade": "grades",
    "year": "years",
    "month": "months",
    "day": "days",
    "neighbour": "neighbours",
    "county": "counties",
    "borough": "boroughs",
    "district": "districts",
    "authority": "authorities",
    "report": "reports",
}
_PLURALS = {plural: singular for singular, plural in _NOUNS.items()}
_MODIFIERS = (
    r"(?:(?:graded|ungraded|statistical|focused|monitoring|joint|targeted|area|London|"
    r"metropolitan|unitary|outstanding|good|adequate|inadequate|former) )*"
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_COUNTED = re.compile(
    r"(?<![\w.,:/-])(\d+|" + "|".join(_NUMBER_WORDS) + r") " + _MODIFIERS + r"([a-z]+)\b"
    r"(?: (?:and|or) " + _MODIFIERS + r"([a-z]+)\b)?"
)


def _agreement(text: str) -> list[str]:
    wrong = []
    for match in _COUNTED.finditer(text):
        number, *nouns = match.groups()
        if number.isdigit() and len(number) == 4 and number.startswith(("19", "20")):
            continue  # a year: "the 2014 inspection"
        n = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        if any((n == 1 and noun in _PLURALS) or (n != 1 and noun in _NOUNS) for noun in nouns):
            wrong.append(match.group())
    return wrong


_DATE = r"\d{1,2} [A-Z][a-z]+ \d{4}"
_GRADES = "|".join(re.escape(g.label.lower()) for g in om.Grade)
_FORBIDDEN: dict[str, re.Pattern[str]] = {
    "one date as a span": re.compile(rf"({_DATE}) (?:to|and) \1\b|\b(\d{{1,2}}) to \2 [A-Z]"),
    "a grade to itself": re.compile(rf"\(({_GRADES}) to \1[;)]"),
    "stayed, then the grade again": re.compile(rf"stayed (?:at )?({_GRADES}),? from \1\b"),
    "a grade that is not an adjective after 'is'": re.compile(
        r"\b(?:is|are|was|were|be|been|being|stayed|now) requires\b"
    ),
    "a Python value or class name": re.compile(
        r"\bNone\b|\bTrue\b|\bFalse\b|\bnan\b|[<>{}]|object at|Grade\.|Category\.|"
        r"\b(?:a|an|the|is) (?:Inspection|History|Summary|GroupedSummary|Change|Comparison|"
        r"Trajectory|Peers|Transitions|Point|Streak|Council)\b"
    ),
    "a number word misused": re.compile(r"\bno of\b|\ball (?:one|two)\b"),
    "a kind of council as a place": re.compile(
        r"\b(?:in|of) (?:County|Metropolitan District|London Borough|Unitary Authority)\b"
    ),
    "a doubled space": re.compile(r"  |\s$|^\s"),
    "a doubled word": re.compile(r"(?i)\b([a-z]+) \1\b"),
    "stray punctuation": re.compile(r"\s[.,;:)]|[,;:]\.|\.\.|,,|[,;:][,;:]|\(\s|\(\)"),
    "unknown told as none": re.compile(
        r"\b(?:no|none|0|zero) (?:unknown|grades? the data does not know)"
    ),
}


def _sentences(text: str) -> list[str]:
    """Sentences that do not start with a capital, or a text that does not end with a full
    stop."""
    wrong = [s for s in re.split(r"(?<=\.)\s+", text) if not s[:1].isupper()]
    if not text.endswith("."):
        wrong.append(text[-40:])
    if text.count("(") != text.count(")"):
        wrong.append("unbalanced parentheses")
    return wrong


def _unknown_told(what: str, thing: object, text: str) -> list[str]:
    """A grade the data does not know is said to be not known, wherever there is one."""
    says = "does not know" in text or "unknown grade" in text
    if isinstance(thing, om.Summary | om.GroupedSummary):
        summary = thing.combined if isinstance(thing, om.GroupedSummary) else thing
        if summary.unknown and "whose grade the data does not know" not in text:
            return ["a summary with unknown grades that does not say so"]
        if not summary.unknown and says:
            return ["a summary that says unknown without any"]
    if isinstance(thing, om.Peers):
        unknown = [c for c in thing.neighbours if thing.left_out.get(c) is om.LeftOut.UNKNOWN]
        if unknown and re.search(r"statistical neighbours, \w+ (?:was|were) good", text):
            return ["neighbours told good or not, though the data does not know a grade"]
        for council, reason in thing.left_out.items():
            if reason is not om.LeftOut.UNKNOWN:
                continue
            if council == thing.council:
                if "grade in force that the data does not know" not in text:
                    return [f"{council.name}'s own unknown grade"]
            else:
                name = re.escape(council.name)
                told = (
                    rf"had a grade the data does not know \([^)]*{name}(?:[;,)]| and )"
                    rf"|{name}, had a grade the data does not know"
                )
                if not re.search(told, text):
                    return [f"neighbour {council.name}'s unknown grade"]
    changes = (
        [thing]
        if isinstance(thing, om.Change)
        else list(thing.changes.values())
        if isinstance(thing, om.Comparison)
        else []
    )
    for change in changes:
        sides = (change.before_inspection, change.after_inspection)
        if any(
            change.category in i.era.labels and not i.knows(change.category) for i in sides
        ) and not re.search(r"does not know|unknown grade", text):
            return [f"an unknown {change.category.value} grade in a comparison"]
    if isinstance(thing, om.Inspection):
        for category in thing.unknown:
            if not re.search(rf"does not know its grades? for [^.]*{category.value}", text):
                return [f"the unknown {category.value}"]
    if isinstance(thing, om.Trajectory):
        unknown = sum(1 for p in thing.points if p.grade is None)
        if text.count("an unknown grade") != unknown:
            return [f"{unknown} unknown points"]
    if (
        isinstance(thing, om.History)
        and any(not i.grades_known for i in thing.graded)
        and "does not know the grades" not in text
    ):
        return ["graded inspections whose grades are not known"]
    return []


def _faults(what: str, thing: object, text: str) -> list[str]:
    faults = [f"article: {w}" for w in _articles(text)]
    faults += [f"agreement: {w}" for w in _agreement(text)]
    faults += [f"{rule}: {m.group()!r}" for rule, p in _FORBIDDEN.items() for m in p.finditer(text)]
    faults += [f"sentence: {s[:40]!r}" for s in _sentences(text)]
    faults += _unknown_told(what, thing, text)
    return faults


def _check(texts: tuple[Described, ...] | list[Described]) -> None:
    failures = [
        f"{what}: {fault}\n    {text}"
        for what, thing, text in texts
        for fault in _faults(what, thing, text)
    ]
    assert not failures, f"{len(failures)} faults, the first:\n" + "\n".join(failures[:12])


# -- the rules catch what they are for ----------------------------------------------------------

BAD = [
    "Rotherham (372): 1 inspection and visits, published 26 November 2024.",
    "Published from 26 November 2024 to 26 November 2024.",
    "Care leavers, 1 graded inspections.",
    "It had 5 graded inspection.",
    "The latest is requires improvement to be good.",
    "No council had a overall effectiveness grade in force.",
    "describe: x is a Inspection.",
    "Leadership stayed good (good to good).",
    "Care leavers stayed requires improvement to be good.",
    "Fieldwork 5 to 5 July 2024.",
    "The inspection judged it good or better in  five.",
    "Camden was good good.",
    "It judged it good or better in no of its seven judgements.",
    "It judged it good or better in all two judgements.",
    "As at 31 March 2024, 89% of councils in London Borough were good.",
    "camden was good.",
    "Camden was good",
    "There were no unknown grades.",
    "An SIF inspection judged it good, as a ILACS one did.",
    "It was an good inspection.",
]


@pytest.mark.parametrize("text", BAD)
def test_the_rules_catch_bad_wording(text: str) -> None:
    assert _faults("example", None, text), text


GOOD = [
    "Rotherham (372): 6 graded inspections, published from 27 August 2010 to 16 December 2025.",
    "An SIF inspection, an ILACS one, a unitary authority, an overall effectiveness grade.",
    "Of its ten statistical neighbours, one was good (Barnsley). The 2014 inspection was one.",
    "It has been judged requires improvement to be good at two inspections in a row.",
    "Leadership stayed at requires improvement to be good. St. Helens was good.",
]


@pytest.mark.parametrize("text", GOOD)
def test_the_rules_pass_good_wording(text: str) -> None:
    assert _faults("example", None, text) == []


# -- every description of the bundled data ------------------------------------------------------


def test_enough_is_described() -> None:
    kinds = {what for what, _, _ in described()}
    assert kinds >= {
        "history", "inspection", "comparison", "change", "trajectory", "summary", "groups",
        "group summary", "transitions", "peers", "summary published by", "standings",
        "digest", "turnarounds", "turnaround", "next inspection",
    }  # fmt: skip
    assert len(described()) > 10_000
    # Some unknown grades are among them, so the rule on them is exercised.
    assert any("does not know" in text for what, _, text in described() if what == "peers")
    assert any("an unknown grade" in text for what, _, text in described())


@pytest.mark.parametrize(
    "kinds",
    [
        ("history", "inspection"),
        ("comparison", "change", "trajectory"),
        ("summary", "summary published by", "groups", "group summary"),
        ("transitions", "transitions published by", "peers"),
        ("standings", "digest", "turnarounds", "turnaround", "next inspection"),
    ],
)
def test_every_description_of_the_bundled_data_is_grammatical(kinds: tuple[str, ...]) -> None:
    _check([t for t in described() if t[0] in kinds])


# -- generated histories: visits, grades not known ----------------------------------------------

ROTHERHAM = HISTORIES["372"].council


@settings(max_examples=min(settings().max_examples, 60))
@given(oms.histories(council=ROTHERHAM, max_size=6))
def test_descriptions_of_generated_histories_are_grammatical(history: om.History) -> None:
    _check(list(_history_texts(history)))


def _unknown_history(council: om.Council, *published: str) -> om.History:
    return om.History(
        council, [om.Inspection(council, "SIF", day, grades_known=False) for day in published]
    )


def test_a_history_says_how_many_grades_the_data_does_not_know() -> None:
    """Issue 12: "five of them graded" when three were graded with grades not known."""
    rotherham = HISTORIES["372"]
    mixed = rotherham.add(
        om.Inspection(ROTHERHAM, "SIF", "2016-03-01", grades_known=False),
        om.Inspection(ROTHERHAM, "SIF", "2016-09-01", grades_known=False),
        om.Inspection(ROTHERHAM, "ILACS", "2024-07-12", kind="focused visit"),
    )
    text = om.describe(mixed)
    assert text.startswith(
        "Rotherham (372): 8 graded inspections and 1 focused visit, published from 27 August "
        "2010 to 16 December 2025. The data does not know the grades of two of the eight "
        "graded inspections."
    )
    one = om.describe(_unknown_history(ROTHERHAM, "2016-03-01"))
    assert one == (
        "Rotherham (372): 1 graded inspection, published 1 March 2016. The data does not know "
        "the grades of the latest graded inspection, published 1 March 2016."
    )
    two = om.describe(_unknown_history(ROTHERHAM, "2015-03-01", "2016-03-01"))
    assert "does not know the grades of either of the two graded inspections" in two
    _check([_of("history", mixed)])


def test_words_that_were_wrong() -> None:
    """Issue 12's wording, each now said right."""
    texts = [text for _, _, text in described()]
    joined = "\n".join(texts)
    for wrong in (
        "1 inspection and visits",
        "is requires improvement",
        "a overall effectiveness",
        "in London Borough",
        "stayed good (good to good)",
        "in no of its",
        "stayed requires improvement to be good (",
    ):
        assert wrong not in joined, wrong
    by_kind = om.describe(om.summarise(HISTORIES, as_at="2024-03-31", by="kind"))
    assert "highest among London boroughs (" in by_kind
    assert "lowest among " in by_kind
    assert repr(om.History(ROTHERHAM, HISTORIES["372"].inspections[:1])).endswith(
        ": 1 inspection, latest 2010-08-27>"
    )
    with pytest.raises(om.OfstedModelError, match=r"describe: 3 is an int;") as error:
        om.describe(3)
    assert error.value.field == "x"


def test_peers_list_the_good_neighbours_apart_from_the_rest() -> None:
    """Issue 12: "eight were good or outstanding (...)" listed all ten neighbours."""
    peers = om.peers(HISTORIES["372"], HISTORIES, as_at=datasets.as_of)
    text = om.describe(peers)
    good = [c for c, g in peers.neighbours.items() if g is not None and g.is_good_or_better]
    sentence = text[text.index("statistical neighbours") :].split(" The other")[0]
    sentence = sentence.split(" Of the other")[0]
    for council in peers.neighbours:
        assert (council.name in sentence) == (council in good), council.name


def test_found_by_a_new_user() -> None:
    # Liverpool's latest report (ILACS 2026) gives no overall grade: the overall trajectory's
    # latest is "the latest of these", not "the latest", which contradicted the sentence before.
    text = om.describe(HISTORIES["341"])
    assert "The latest of these, published 25 May 2023, was inadequate" in text
    # ILACS 2026 does not grade overall effectiveness at all: "not graded", not "separately";
    # ILACS 2018 graded care leavers with children in care: "not graded separately".
    liverpool = HISTORIES["341"].graded
    assert "did not grade it separately" not in om.describe(om.compare(*liverpool[-2:]))
    assert "(ILACS 2026) did not grade it" in om.describe(om.compare(*liverpool[-2:]))
    rotherham = HISTORIES["372"].graded
    text = om.describe(om.compare(rotherham[-3], rotherham[-2]))
    assert "care leavers cannot be compared (outstanding to not graded separately by ILACS" in text


def test_a_rise_after_one_judgement_says_a_judgement() -> None:
    # Found by a new user: "It rose one grade after good."
    council = om.Council("Rotherham", "372")
    history = om.History(
        council,
        [
            om.Inspection(council, "ILACS", "2019-01-10", {"overall": "inadequate"}),
            om.Inspection(council, "ILACS", "2022-08-12", {"overall": "good"}),
            om.Inspection(council, "ILACS", "2025-12-16", {"overall": "outstanding"}),
        ],
    )
    assert "it rose one grade after a good judgement." in om.describe(history.trajectory())
